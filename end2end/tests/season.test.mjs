// The season in Chromium: the city's organiser invites three units; a
// ward's officer fills the entry on a 390 px phone (draft, reload, submit);
// the organiser returns it with a reason; the ward fixes and resubmits; it
// is approved and its team is in the contest; the member list exports one
// row per member. Then a finished commune contest's winner is sent on to a
// district contest and shows there with its origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, launch, shot, hydrated, signIn, api, signedInContext, xlsxRows } from './helpers.mjs';

let browser, cookie, units;
before(async () => {
  browser = await launch();
  cookie = await signIn('bdv', 'bandanvan-2026');
  units = (await (await fetch(`${BASE}/api/v1/units`)).json()).units;
});
after(async () => { await browser?.close(); });

const unitId = (name) => units.find((u) => u.name === name).id;

async function newDistrictContest(name) {
  const r = await api(cookie, 'POST', '/contests', {
    name, level: 'district', unit: 'Thành phố Bắc Kạn', date: '2026-12-20',
    rounds: [{ name: 'Tiểu phẩm', criteria: [{ name: 'Nội dung', max_points: '30' }] }],
    judges: ['gk1'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  return (await r.json()).id;
}

test('a ward registers by its link on a phone, is returned, fixes it and is approved', async () => {
  const cid = await newDistrictContest('Hội thi thử đăng ký 2026');
  const desk = await (await signedInContext(browser, 'bdv', 'bandanvan-2026')).newPage();
  const errors = [];
  desk.on('pageerror', (e) => errors.push(String(e)));
  await desk.goto(`${BASE}/manage/${cid}/registration`);
  await hydrated(desk);

  // The call: a deadline a week away, three units ticked in the tree.
  const week = new Date(Date.now() + 7 * 864e5 + 7 * 36e5).toISOString().slice(0, 16);
  await desk.fill('#invite input[name=deadline]', week);
  for (const name of ['Xã Nông Thượng', 'Phường Huyền Tụng', 'Phường Sông Cầu']) {
    await desk.locator('#invite .unit-line', { hasText: name }).locator('input[type=checkbox]').check();
  }
  await desk.getByRole('button', { name: /Gửi lời mời \(3\)/ }).click();
  await desk.locator('#invitations tr[data-unit="Phường Huyền Tụng"]').waitFor();
  assert.equal(await desk.locator('#invitations tbody tr').count(), 3);
  const row = desk.locator('#invitations tr[data-unit="Phường Huyền Tụng"]');
  assert.equal(await row.getAttribute('data-status'), 'invited');
  const link = await row.locator('input.copy-link').inputValue();
  assert.match(link, /\/dang-ky\/[A-Za-z0-9_-]{43}$/);
  await shot(desk, 'season-1-desk-invited');

  // The ward's officer, on a phone, no account.
  const phone = await (await browser.newContext(PHONE)).newPage();
  phone.on('pageerror', (e) => errors.push(String(e)));
  await phone.goto(`${BASE}${new URL(link).pathname}`);
  await hydrated(phone);
  await phone.fill('input[name="team.name"]', 'Đội phường Huyền Tụng');
  const first = phone.locator('.member-card').nth(0);
  await first.locator('input[name="team.members[0].name"]').fill('Lục Thị Duyên');
  await first.locator('select[name="team.members[0].role"]').selectOption('captain');
  await first.locator('input[name="team.members[0].birth_year"]').fill('1987');
  await first.locator('select[name="team.members[0].gender"]').selectOption('female');
  await first.locator('input[name="team.members[0].ethnicity"]').fill('Tày');
  await phone.click('#add-member');
  await phone.fill('input[name="team.members[1].name"]', 'Hoàng Văn Kiên');
  await phone.fill('input[name="team.members[1].birth_year"]', '1990');
  await phone.fill('input[name="model.name"]', 'Dân vận khéo trong giải phóng mặt bằng');
  await phone.selectOption('select[name="model.field"]', 'economy');
  await phone.locator('input[name="model.kind"][value=collective]').check();
  await phone.click('#save-draft');
  await phone.locator('.save-status .ok', { hasText: 'Đã lưu nháp' }).waitFor();

  // A reload keeps the draft.
  await phone.reload();
  await hydrated(phone);
  assert.equal(await phone.inputValue('input[name="team.name"]'), 'Đội phường Huyền Tụng');
  assert.equal(await phone.inputValue('input[name="team.members[1].name"]'), 'Hoàng Văn Kiên');
  assert.equal(await phone.inputValue('select[name="team.members[0].role"]'), 'captain');
  // A bad year is named and marked, and nothing changes on the server.
  await phone.fill('input[name="team.members[1].birth_year"]', '1850');
  await phone.click('#save-draft');
  await phone.locator('.save-status .error', { hasText: 'Thành viên 2 › Năm sinh' }).waitFor();
  assert.ok(await phone.locator('[data-path="team.members[1].birth_year"].invalid').count() === 1);
  await phone.fill('input[name="team.members[1].birth_year"]', '1990');
  await phone.click('#submit-entry');
  await phone.locator('.save-status .ok', { hasText: 'Đã gửi đăng ký' }).waitFor();
  await shot(phone, 'season-2-phone-submitted');
  const sent = await (await fetch(`${BASE}/api/v1/entries/${new URL(link).pathname.split('/').pop()}`)).json();
  assert.equal(sent.status, 'submitted');
  assert.equal(sent.entry.team.members[0].birth_year, 1987);

  // Returned with a reason.
  await desk.reload();
  await hydrated(desk);
  await desk.locator('#invitations tr[data-unit="Phường Huyền Tụng"] button[data-open]').click();
  await desk.locator('#entry').waitFor();
  await desk.fill('#entry textarea[name=reason]', 'Đề nghị bổ sung người dự bị.');
  await desk.click('#return');
  await desk.locator('#invitations tr[data-unit="Phường Huyền Tụng"][data-status=returned]').waitFor();

  // The ward reads the reason, adds a reserve, sends again.
  await phone.reload();
  await hydrated(phone);
  assert.match(await phone.locator('#return-reason').innerText(), /bổ sung người dự bị/);
  await phone.click('#add-member');
  await phone.fill('input[name="team.members[2].name"]', 'Đàm Thị Hạnh');
  await phone.selectOption('select[name="team.members[2].role"]', 'reserve');
  await phone.click('#submit-entry');
  await phone.locator('.save-status .ok', { hasText: 'Đã gửi đăng ký' }).waitFor();

  // Approved: the team is in the contest.
  await desk.reload();
  await hydrated(desk);
  await desk.locator('#invitations tr[data-unit="Phường Huyền Tụng"] button[data-open]').click();
  await desk.locator('#entry #approve').click();
  await desk.locator('#invitations tr[data-unit="Phường Huyền Tụng"][data-status=approved]').waitFor();
  await shot(desk, 'season-3-desk-approved');
  const contest = await (await fetch(`${BASE}/api/v1/contests/${cid}`)).json();
  const team = contest.teams.find((t) => t.name === 'Đội phường Huyền Tụng');
  assert.ok(team, 'the approved entry is one of the contest\'s teams');
  assert.deepEqual(team.members, ['Lục Thị Duyên', 'Hoàng Văn Kiên', 'Đàm Thị Hạnh']);
  assert.equal(team.model.field, 'economy');
  await phone.reload();
  await hydrated(phone);
  assert.ok(await phone.locator('#submit-entry').isDisabled(), 'an approved entry takes no more changes');

  // The member list: one row per member after the title and the headings.
  const xlsx = await api(cookie, 'GET', `/contests/${cid}/registrations.xlsx`);
  assert.equal(xlsx.status, 200);
  const rows = xlsxRows(await xlsx.arrayBuffer());
  const members = rows.filter((r) => r.row >= 4);
  assert.equal(members.length, 3);
  assert.deepEqual(members.map((r) => r.cells[3]), ['Lục Thị Duyên', 'Hoàng Văn Kiên', 'Đàm Thị Hạnh']);
  assert.equal(members[0].cells[1], 'Phường Huyền Tụng');
  assert.deepEqual(errors, []);
});

test('a finished commune contest\'s first prize is sent on to a district contest', async () => {
  const cid = await newDistrictContest('Hội thi thử cấp trên 2026');
  const page = await (await signedInContext(browser, 'bdv', 'bandanvan-2026')).newPage();
  await page.goto(`${BASE}/manage/${cid}/advance`);
  await hydrated(page);
  const source = (await (await fetch(`${BASE}/api/v1/contests`)).json()).contests.find((c) => c.name.includes('Dương Quang'));
  await page.selectOption('#source', String(source.id));
  const panel = page.locator(`#source-panel[data-source="${source.id}"]`);
  await panel.waitFor();
  const first = panel.locator('tbody tr').first();
  assert.match(await first.innerText(), /Giải Nhất/);
  const winner = await first.getAttribute('data-team');
  await first.locator('input[type=checkbox]').check();
  await page.click('#send-up');
  await page.locator(`#arrived li`).first().waitFor();
  assert.match(await page.locator('#arrived').innerText(), /Dương Quang năm 2026 · Giải Nhất/);
  await shot(page, 'season-4-advanced');
  const contest = await (await fetch(`${BASE}/api/v1/contests/${cid}`)).json();
  assert.equal(contest.teams.length, 1);
  assert.deepEqual(
    { contest: contest.teams[0].origin.contest_id, team: contest.teams[0].origin.team_id, award: contest.teams[0].origin.award },
    { contest: source.id, team: Number(winner), award: 'Giải Nhất' },
  );
});
