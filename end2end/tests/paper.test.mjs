// The paper desk on the secretary's laptop: two people type one judge's
// paper sheet, the second blind; a slip is named and counts nothing, the
// agreeing typing counts and the other laptop's grid and the board follow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, shot, hydrated, signIn, api, signedInContext } from './helpers.mjs';

const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN' };
let browser, contest, first, second;

before(async () => {
  browser = await launch();
  const cookie = await signIn('btc', 'bantochuc-2026');
  const r = await api(cookie, 'POST', '/contests', {
    name: 'Hội thi Dân vận khéo xã Tân Hòa', level: 'commune', unit: 'Xã Tân Hòa',
    rounds: [{ name: 'Trình bày mô hình', criteria: [
      { name: 'Nội dung', max_points: '60' }, { name: 'Hình thức', max_points: '40' }] }],
    teams: [{ name: 'Đội ấp Tân Thuận', unit: 'Ấp Tân Thuận' }, { name: 'Đội ấp Hòa Bình', unit: 'Ấp Hòa Bình' }],
    judges: ['gk1', 'gk2'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  contest = await r.json();
  const open = await api(cookie, 'PUT', `/contests/${contest.id}/rounds/${contest.rounds[0].id}/state`, { state: 'open' });
  assert.equal(open.status, 200);
  first = await (await signedInContext(browser, 'btc', 'bantochuc-2026', LAPTOP)).newPage();
  second = await (await signedInContext(browser, 'admin', 'kheo-admin-2026', LAPTOP)).newPage();
});

after(async () => {
  await browser?.close();
});

const judge = (name) => contest.judges.find((j) => j.username === name).id;

// Picks the sheet by clicking its cell in the round's grid.
async function pick(page, judgeId, teamId) {
  await page.click(`.paper-grid button[data-judge="${judgeId}"][data-team="${teamId}"]`);
  await page.locator(`.paper-grid td.chosen button[data-judge="${judgeId}"][data-team="${teamId}"]`).waitFor();
}

async function type(page, marks) {
  const inputs = page.locator('.paper-criterion input');
  for (let i = 0; i < marks.length; i += 1) await inputs.nth(i).fill(marks[i]);
  await page.click('#paper-save');
}

test('two people type a paper sheet: a slip counts nothing, agreement counts at once', async () => {
  const [gk1, team] = [judge('gk1'), contest.teams[0].id];
  for (const page of [first, second]) {
    await page.goto(`${BASE}/manage/${contest.id}/paper`);
    await hydrated(page);
  }

  // The first typing waits, and the other laptop sees it waiting.
  await pick(first, gk1, team);
  await type(first, ['52,5', '30']);
  await first.locator('#paper-notice .ok').waitFor();
  assert.match(await first.locator('#paper-notice').innerText(), /lần nhập thứ nhất/);
  assert.equal(await first.locator('.paper-criterion input').first().inputValue(), '', 'the form is empty for the next person');
  const cell = (page) => page.locator(`.paper-grid button[data-judge="${gk1}"][data-team="${team}"]`);
  await assert.doesNotReject(() => cell(second).filter({ hasText: '◐' }).waitFor({ timeout: 5000 }));

  // The second person types blind: nothing of the first typing shows.
  await pick(second, gk1, team);
  assert.match(await second.locator('#paper-state').innerText(), /Đã nhập lần 1 \(người nhập: btc\)/);
  for (const input of await second.locator('.paper-criterion input').all()) assert.equal(await input.inputValue(), '');
  await shot(second, 'paper-desk-second-typing');

  // A slip: the criterion is named and marked, nothing counts.
  await type(second, ['52,5', '35']);
  await second.locator('#paper-notice .error').waitFor();
  assert.match(await second.locator('#paper-notice').innerText(), /khác nhau/);
  assert.equal(await second.locator('.paper-criterion.invalid').count(), 1);
  assert.match(await second.locator('.paper-criterion.invalid').innerText(), /Hình thức/);
  await shot(second, 'paper-desk-differs');
  let sheets = await (await api(await signIn('btc', 'bantochuc-2026'), 'GET',
    `/contests/${contest.id}/rounds/${contest.rounds[0].id}/sheets`)).json();
  assert.deepEqual(sheets.sheets, [], 'a slip counts nothing');

  // gk2 scored the team on his tablet: the paper sheet is the last one the
  // team waits for, and the hall's leaderboard is open.
  const gk2 = await signIn('gk2', 'giamkhao-2026');
  const tablet = await api(gk2, 'PUT', `/contests/${contest.id}/rounds/${contest.rounds[0].id}/teams/${team}/sheet`,
    { scores: { [contest.rounds[0].criteria[0].id]: '50', [contest.rounds[0].criteria[1].id]: '30' } });
  assert.equal(tablet.status, 200);
  const hall = await browser.newPage();
  await hall.goto(`${BASE}/contests/${contest.id}`);
  await hall.locator('.live-status.on').waitFor();
  const line = hall.locator(`table.standings tr[data-team="${team}"] td.total`);
  assert.equal(await line.innerText(), '—', 'the team waits for gk1\'s sheet');

  // Looking at the paper again: the same marks count; the first laptop
  // shows the sheet counted and the hall the team's score, without a reload.
  await second.locator('.paper-criterion input').nth(1).fill('30');
  const sent = Date.now();
  await second.click('#paper-save');
  await second.locator('#paper-notice .ok').waitFor();
  assert.match(await second.locator('#paper-notice').innerText(), /phiếu đã được tính\. Tổng điểm 82,5/);
  await cell(first).filter({ hasText: '●' }).waitFor({ timeout: 5000 });
  console.log(`# the other laptop showed the counted sheet ${Date.now() - sent} ms after the second typing was sent`);
  await hall.locator(`table.standings tr[data-team="${team}"] td.total`, { hasText: '81,25' }).waitFor({ timeout: 5000 });
  console.log(`# the hall's leaderboard showed the team's score ${Date.now() - sent} ms after the second typing was sent`);
  await hall.close();
  await shot(first, 'paper-desk-counted');

  sheets = await (await api(await signIn('btc', 'bantochuc-2026'), 'GET',
    `/contests/${contest.id}/rounds/${contest.rounds[0].id}/sheets`)).json();
  assert.deepEqual(sheets.sheets.map((s) => [s.judge_username, s.total, s.source, s.entered_by ?? null, s.confirmed_by ?? null]),
    [['gk1', '82.5', 'paper', 'btc', 'admin'], ['gk2', '80', 'tablet', null, null]]);

  // The secretary's board marks the paper sheet and who typed it.
  await first.goto(`${BASE}/manage/${contest.id}/board`);
  await hydrated(first);
  const mark = first.locator(`#board-grid td[data-judge="${gk1}"][data-source="paper"] .paper-mark`);
  assert.match(await mark.innerText(), /giấy[\s\S]*Nhập: btc · Xác nhận: admin/);
  await shot(first, 'board-paper-mark');

  // The record the secretary signs lists the sheets typed from paper.
  const cookie = await signIn('btc', 'bantochuc-2026');
  for (const state of ['locked', 'published']) {
    const r = await api(cookie, 'PUT', `/contests/${contest.id}/rounds/${contest.rounds[0].id}/state`, { state });
    assert.equal(r.status, 200);
  }
  await first.goto(`${BASE}/manage/${contest.id}/record`);
  const typed = await first.locator('#record-paper').innerText();
  assert.match(typed, /Phiếu chấm nhập từ phiếu giấy/);
  assert.match(typed, /Nông Văn Thắng\s+Trình bày mô hình\s+Đội ấp Tân Thuận\s+btc\s+admin/);
  await first.locator('#record-paper').scrollIntoViewIfNeeded();
  await shot(first, 'record-paper');
  const pdf = await first.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  (await import('node:fs')).writeFileSync(`${process.env.KHEO_SCREENSHOTS ?? 'screenshots'}/record-paper.pdf`, pdf);
});

test('a code scanned from the printed sheet picks the judge and team', async () => {
  const [gk2, team] = [judge('gk2'), contest.teams[1].id];
  const print = await first.context().newPage();
  await print.goto(`${BASE}/manage/${contest.id}/sheets`);
  const code = await print.locator(`.judge-sheet[data-judge="gk2"] td.sheet-qr`).nth(1).getAttribute('data-code');
  assert.match(code, new RegExp(`/manage/${contest.id}/paper\\?round=\\d+&judge=${gk2}&team=${team}$`));
  assert.ok(await print.locator('.judge-sheet td.sheet-qr svg').count() >= 4, 'one code per judge × team');
  await print.close();

  await first.goto(`${BASE}/manage/${contest.id}/paper`);
  await hydrated(first);
  await first.fill('#paper-scan', code);
  await first.press('#paper-scan', 'Enter');
  await first.locator(`.paper-grid td.chosen button[data-judge="${gk2}"][data-team="${team}"]`).waitFor();
  assert.equal(await first.locator('#paper-judge').inputValue(), String(gk2));
  assert.equal(await first.locator('#paper-team').inputValue(), String(team));
  await first.fill('#paper-scan', 'https://example.com/khong-phai');
  await first.press('#paper-scan', 'Enter');
  assert.match(await first.locator('.desk-picker .error').innerText(), /Không đọc được mã này/);
});
