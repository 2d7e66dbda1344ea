// The panel as real halls run it: a conflict of interest set on the
// contest's page hides the team from that judge's tablet and excuses his
// sheet; a trainee scores beside the panel and never counts; a team whose
// judges' totals spread too far is flagged on the board and on the chair's
// tablet; the record says all of it. Trainees and the spread threshold are
// set on the set-up page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, shot, hydrated, signIn, api, signedInContext, TABLET } from './helpers.mjs';

const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN' };
let browser, btc, contest;

before(async () => {
  browser = await launch();
  btc = await signIn('btc', 'bantochuc-2026');
});

after(async () => {
  await browser?.close();
});

async function created(body) {
  const r = await api(btc, 'POST', '/contests', body);
  assert.equal(r.status, 201, await r.clone().text());
  return r.json();
}

test('trainees and the spread threshold are set on the set-up page', async () => {
  const draft = await created({
    name: 'Hội thi Dân vận khéo xã Phú Lộc', level: 'commune', unit: 'Xã Phú Lộc',
    rounds: [{ name: 'Trình bày mô hình', criteria: [{ name: 'Nội dung', max_points: '100' }] }],
    teams: [{ name: 'Đội thôn 1', unit: 'Thôn 1' }, { name: 'Đội thôn 2', unit: 'Thôn 2' }],
    judges: [{ username: 'gk1', chair: true }, 'gk2', 'gk3'],
  });
  const page = await (await signedInContext(browser, 'btc', 'bantochuc-2026', LAPTOP)).newPage();
  await page.goto(`${BASE}/manage/${draft.id}/setup`);
  await hydrated(page);
  // The checkbox moves the judge to the trainees' rows below.
  await page.click('input[name="trainee-2"]');
  await page.locator('tr.trainee-row select[name="trainees[0]"]').waitFor();
  await page.fill('input[name=divergence_points]', '15');
  await page.locator('#save-setup').click();
  await page.locator('.save-status .ok').waitFor();
  await page.locator('section.card', { has: page.locator('input[name=divergence_points]') })
    .screenshot({ path: `${process.env.KHEO_SCREENSHOTS ?? 'screenshots'}/setup-panel-trainee.png` });
  const saved = await (await api(btc, 'GET', `/contests/${draft.id}`)).json();
  assert.deepEqual(saved.judges.map((j) => j.username), ['gk1', 'gk2']);
  assert.deepEqual(saved.trainees.map((j) => j.username), ['gk3']);
  assert.equal(saved.divergence_points, '15');
  await page.context().close();
});

test('a conflict hides the team from that judge; the board and the chair see the spread; the record says so', async () => {
  contest = await created({
    name: 'Hội thi Dân vận khéo xã Yên Thành', level: 'commune', unit: 'Xã Yên Thành',
    rounds: [{ name: 'Trình bày mô hình', criteria: [{ name: 'Nội dung', max_points: '100' }] }],
    teams: [{ name: 'Đội xóm Đông', unit: 'Xóm Đông' }, { name: 'Đội xóm Tây', unit: 'Xóm Tây' }],
    judges: [{ username: 'gk1', chair: true }, 'gk2'],
    trainees: ['gk3'],
    divergence_points: '20',
  });
  const [rid, crit] = [contest.rounds[0].id, contest.rounds[0].criteria[0].id];
  const [dong, tay] = contest.teams.map((t) => t.id);
  const id = (name) => [...contest.judges, ...contest.trainees].find((j) => j.username === name).id;
  assert.equal((await api(btc, 'PUT', `/contests/${contest.id}/rounds/${rid}/state`, { state: 'open' })).status, 200);

  // The organiser sets the conflict on the contest's page.
  const page = await (await signedInContext(browser, 'btc', 'bantochuc-2026', LAPTOP)).newPage();
  await page.goto(`${BASE}/manage/${contest.id}`);
  await hydrated(page);
  await page.selectOption('#conflict-judge', String(id('gk2')));
  await page.selectOption('#conflict-team', String(dong));
  await page.fill('#conflict-reason', 'Cùng xóm Đông');
  await page.click('.conflict-add button[type=submit]');
  await page.locator(`#conflicts li[data-judge="${id('gk2')}"]`).waitFor();
  assert.match(await page.locator('#conflicts li').innerText(), /không chấm Đội xóm Đông \(Cùng xóm Đông\)/);
  await page.locator('#conflicts').screenshot({ path: `${process.env.KHEO_SCREENSHOTS ?? 'screenshots'}/conflicts-card.png` });

  // gk2's tablet does not list Đông.
  const tablet = await (await signedInContext(browser, 'gk2', 'giamkhao-2026', TABLET)).newPage();
  await tablet.goto(`${BASE}/judge/${contest.id}`);
  await hydrated(tablet);
  await tablet.locator(`.team-pick[data-team="${tay}"]`).waitFor();
  assert.equal(await tablet.locator(`.team-pick[data-team="${dong}"]`).count(), 0, 'the conflicted team is not listed');

  // Sheets: Tây's two judges 25 apart; the trainee's sheet beside.
  const sheet = async (who, team, points) => {
    const cookie = await signIn(who, 'giamkhao-2026');
    const r = await api(cookie, 'PUT', `/contests/${contest.id}/rounds/${rid}/teams/${team}/sheet`, { scores: { [crit]: points } });
    return r.status;
  };
  assert.equal(await sheet('gk2', dong, '50'), 403);
  assert.equal(await sheet('gk1', dong, '90'), 200);
  assert.equal(await sheet('gk1', tay, '90'), 200);
  assert.equal(await sheet('gk2', tay, '65'), 200);
  assert.equal(await sheet('gk3', dong, '70'), 200);

  await page.goto(`${BASE}/manage/${contest.id}/board`);
  await hydrated(page);
  const row = (team) => page.locator(`#board-grid tr[data-team="${team}"]`);
  assert.match(await row(tay).locator('.spread-flag').innerText(), /Chênh lệch 25 điểm/);
  assert.equal(await row(dong).locator('.spread-flag').count(), 0);
  assert.match(await row(dong).locator(`td.excused[data-judge="${id('gk2')}"]`).innerText(), /không chấm/);
  assert.match(await row(dong).locator(`td[data-trainee="${id('gk3')}"]`).innerText(), /70[\s\S]*-20/);
  assert.equal(await page.locator('#board-grid tr.done').count(), 2, 'Đông is complete without gk2');
  await shot(page, 'board-panel');

  // The chair's tablet flags Tây.
  const chair = await (await signedInContext(browser, 'gk1', 'giamkhao-2026', TABLET)).newPage();
  await chair.goto(`${BASE}/judge/${contest.id}`);
  await hydrated(chair);
  await chair.locator(`.team-pick[data-team="${tay}"] .tag.spread`).waitFor();
  await chair.click(`.team-pick[data-team="${tay}"]`);
  assert.match(await chair.locator('#spread-banner').innerText(), /chênh nhau 25 điểm/);
  await shot(chair, 'chair-tablet-spread');

  // The record: who did not score whom, and the trainee apart.
  for (const state of ['locked', 'published']) {
    assert.equal((await api(btc, 'PUT', `/contests/${contest.id}/rounds/${rid}/state`, { state })).status, 200);
  }
  await page.goto(`${BASE}/manage/${contest.id}/record`);
  assert.match(await page.locator('#record-conflicts').innerText(), /Giám khảo Hà Thị Lụa không chấm Đội xóm Đông \(Cùng xóm Đông\)\./);
  const trainees = await page.locator('#record-trainees').innerText();
  assert.match(trainees, /Giám khảo học việc \(không tính điểm\)/);
  assert.match(trainees, /Đội xóm Đông\s+90(,00)?\s+70(,00)?/);
  await page.locator('#record-conflicts').scrollIntoViewIfNeeded();
  await shot(page, 'record-panel');
  // As printed: the sections are in the PDF the secretary signs.
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  (await import('node:fs')).writeFileSync(`${process.env.KHEO_SCREENSHOTS ?? 'screenshots'}/record-panel.pdf`, pdf);
  for (const p of [page, tablet, chair]) await p.context().close();
});

test('a projector per block shows its own teams, ranked within the block, live', async () => {
  const c = await created({
    name: 'Hội thi Dân vận khéo tỉnh Điện Biên', level: 'province', unit: 'Tỉnh Điện Biên',
    rounds: [{ name: 'Tiểu phẩm', criteria: [{ name: 'Nội dung', max_points: '100' }] }],
    teams: [
      { name: 'Đội xã Mường Phăng', unit: 'Xã Mường Phăng', block: 'Khối xã' },
      { name: 'Đội Sở Y tế', unit: 'Sở Y tế', block: 'Khối cơ quan' },
      { name: 'Đội xã Thanh Nưa', unit: 'Xã Thanh Nưa', block: 'Khối xã' },
    ],
    judges: ['gk1'],
  });
  const [rid, crit] = [c.rounds[0].id, c.rounds[0].criteria[0].id];
  assert.equal((await api(btc, 'PUT', `/contests/${c.id}/rounds/${rid}/state`, { state: 'open' })).status, 200);
  const hall = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
  const projector = await hall.newPage();
  await projector.goto(`${BASE}/contests/${c.id}/projector?block=${encodeURIComponent('Khối xã')}`);
  assert.match(await projector.locator('.projector-head h1').innerText(), /Khối xã/);
  assert.equal(await projector.locator('table.standings tbody tr').count(), 2, 'only the block\'s teams');
  await projector.locator('.live-status.on').waitFor();

  const gk1 = await signIn('gk1', 'giamkhao-2026');
  for (const [team, points] of [[c.teams[0].id, '80'], [c.teams[1].id, '95'], [c.teams[2].id, '88']]) {
    const r = await api(gk1, 'PUT', `/contests/${c.id}/rounds/${rid}/teams/${team}/sheet`, { scores: { [crit]: points } });
    assert.equal(r.status, 200);
  }
  // Thanh Nưa leads its block though Sở Y tế leads the province.
  const first = projector.locator('table.standings tbody tr[data-rank="1"]');
  await first.filter({ hasText: 'Đội xã Thanh Nưa' }).waitFor({ timeout: 5000 });
  assert.equal(await projector.locator('table.standings tbody tr').count(), 2);
  await shot(projector, 'projector-block');

  // The public board names each team's block and links to each block's board.
  const phone = await hall.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`${BASE}/contests/${c.id}`);
  assert.deepEqual(await phone.locator('.block-links a').allInnerTexts(), ['Tất cả các khối', 'Khối cơ quan', 'Khối xã']);
  assert.equal(await phone.locator('table.standings .block-tag').count(), 3);
  await phone.click('.block-links a:has-text("Khối cơ quan")');
  await phone.waitForURL(/block=/);
  assert.deepEqual(await phone.locator('table.standings tbody tr .team strong').allInnerTexts(), ['Đội Sở Y tế']);
  await shot(phone, 'leaderboard-block');
  await hall.close();
});
