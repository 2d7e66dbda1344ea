// The set-up page keeps every team's members, with their details, with
// that team through a draw, moves, additions and removals, and a save
// changes no member it was not asked to change; the server's refusal of a
// save is shown beside the field it names. Both failed before the page
// keyed teams and members by identity (a draw left each member box where
// it was, under another team) and before the save bar put a refusal ahead
// of "unsaved changes".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, shot, hydrated, signIn, api, signedInContext } from './helpers.mjs';

const DESK = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN' };
let browser, cookie;
before(async () => { browser = await launch(); cookie = await signIn('bdv', 'bandanvan-2026'); });
after(async () => { await browser?.close(); });

// Four wards' teams, each member with the details the member list needs.
const TEAMS = [
  ['Phường Huyền Tụng', 'Đội phường Huyền Tụng', [['Lục Thị Duyên', 'captain', 1987, 'female', 'Tày', 'Bí thư chi bộ'], ['Hoàng Văn Kiên', 'main', 1990, 'male', 'Nùng', null]]],
  ['Phường Sông Cầu', 'Đội phường Sông Cầu', [['Đàm Thị Hạnh', 'captain', 1979, 'female', 'Kinh', 'Tổ trưởng'], ['Ma Văn Lực', 'main', 1995, 'male', 'Dao', null]]],
  ['Xã Nông Thượng', 'Đội xã Nông Thượng', [['Triệu Thị Mai', 'captain', 1983, 'female', 'Dao', null], ['Nông Văn Sáng', 'reserve', 2000, 'male', 'Tày', null]]],
  ['Phường Đức Xuân', 'Đội phường Đức Xuân', [['Hà Thị Lan', 'captain', 1970, 'female', 'Kinh', null], ['Lý Văn Toàn', 'main', 1988, 'male', 'Sán Chay', 'Công an viên']]],
];

async function contest(name) {
  const r = await api(cookie, 'POST', '/contests', {
    name: `${name} ${Date.now()}`, level: 'district', unit: 'Thành phố Bắc Kạn', date: '2026-12-20',
    rounds: [{ name: 'Tiểu phẩm', criteria: [{ name: 'Nội dung', max_points: '30' }] }], judges: ['gk1'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  return (await r.json()).id;
}

// The teams come in as a real season brings them: each ward's entry by
// its link, submitted and approved.
async function registered() {
  const cid = await contest('Thử bốc thăm');
  const units = (await (await fetch(`${BASE}/api/v1/units`)).json()).units;
  const inv = await (await api(cookie, 'POST', `/contests/${cid}/invitations`, {
    deadline: new Date(Date.now() + 864e5).toISOString(), unit_ids: TEAMS.map(([u]) => units.find((x) => x.name === u).id),
  })).json();
  for (const [unit, team, members] of TEAMS) {
    const i = inv.invitations.find((x) => x.unit === unit);
    const entry = {
      team: { name: team, members: members.map(([name, role, birth_year, gender, ethnicity, position]) => ({ name, role, birth_year, gender, ethnicity, position })) },
      model: { name: `Dân vận khéo ở ${unit}`, field: 'economy', kind: 'collective', summary: 'Vận động nhân dân hiến đất làm đường.' },
    };
    const put = await fetch(`${BASE}/api/v1/entries/${i.token}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(entry) });
    assert.equal(put.status, 200, await put.text());
    const sent = await fetch(`${BASE}/api/v1/entries/${i.token}/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(sent.status, 200, await sent.text());
    const ok = await api(cookie, 'POST', `/contests/${cid}/invitations/${i.id}/decision`, { decision: 'approve' });
    assert.equal(ok.status, 200, await ok.text());
  }
  return cid;
}

// Every team has exactly its members, in order, with every detail: read
// through the API, as the organiser sees the contest.
export async function assertMembersKept(cookie, cid, expected) {
  const c = await (await api(cookie, 'GET', `/contests/${cid}`)).json();
  for (const [team, members] of expected) {
    const t = c.teams.find((x) => x.name === team);
    assert.ok(t, `team ${team} is there`);
    assert.deepEqual(
      t.member_details.map((m) => [m.name, m.role, m.birth_year ?? null, m.gender ?? null, m.ethnicity ?? null, m.position ?? null]),
      members, `${team} keeps its members and their details`);
  }
}

const expected = () => TEAMS.map(([, team, members]) => [team, members]);

// What each team's row shows: its name, and the values of its fields.
const shown = (page) => page.locator('.team-edit').evaluateAll((lis) => lis.map((li) => ({
  team: li.querySelector('input[name$=".name"]').value,
  text: [...li.querySelectorAll('input, textarea, select')].map((x) => x.value).join('\n'),
})));

function assertRowsShowTheirOwn(rows) {
  for (const row of rows) {
    const own = TEAMS.find(([, t]) => t === row.team)[2].map(([n]) => n);
    for (const name of own) assert.ok(row.text.includes(name), `${row.team} shows its member ${name}`);
    for (const [, other, members] of TEAMS.filter(([, t]) => t !== row.team)) {
      for (const [name] of members) assert.ok(!row.text.includes(name), `${row.team} does not show ${other}'s ${name}`);
    }
  }
}

test('members stay with their team through drawing, moving, adding and removing, and saves keep their details', async () => {
  const cid = await registered();
  await assertMembersKept(cookie, cid, expected());
  const page = await (await signedInContext(browser, 'bdv', 'bandanvan-2026', DESK)).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE}/manage/${cid}/setup`);
  await hydrated(page);

  // The officer retypes a name as it was (the field is now "touched") and
  // saves: nothing changes.
  const first = page.locator('input[name="teams[0].members[0].name"]');
  await first.fill(await first.inputValue());
  await page.click('#save-setup');
  await page.locator('.save-status .ok').waitFor();
  await assertMembersKept(cookie, cid, expected());

  // Lots are drawn until the first team has moved.
  const before = (await shown(page))[0].team;
  for (let k = 0; k < 8 && (await shown(page))[0].team === before; k += 1) {
    await page.click('#draw-order');
    await page.locator('.save-status .ok', { hasText: 'Đã bốc thăm' }).waitFor();
  }
  assert.notEqual((await shown(page))[0].team, before, 'the draw moved the first team');
  await shot(page, 'setup-safety-1-after-draw');
  assertRowsShowTheirOwn(await shown(page));
  await assertMembersKept(cookie, cid, expected());

  // An edit after the draw goes to the team it was typed in, and only there.
  const rows = await shown(page);
  const i = rows.findIndex((r) => r.team === 'Đội phường Sông Cầu');
  await page.fill(`input[name="teams[${i}].members[1].position"]`, 'Chi hội trưởng');
  await page.click('#save-setup');
  await page.locator('.save-status .ok').waitFor();
  TEAMS[1][2][1][5] = 'Chi hội trưởng';
  await assertMembersKept(cookie, cid, expected());

  // Moving a team down, adding a member to it, removing another's member,
  // adding a team: each change lands where it was made.
  const j = (await shown(page)).findIndex((r) => r.team === 'Đội phường Đức Xuân');
  const team = page.locator('.team-edit').nth(j);
  if (j > 0) await team.getByRole('button', { name: /Lên/ }).click(); else await team.getByRole('button', { name: /Xuống/ }).click();
  const moved = page.locator('.team-edit', { has: page.locator('input[value="Đội phường Đức Xuân"]') });
  await moved.locator('.add-member').click();
  const k = (await shown(page)).findIndex((r) => r.team === 'Đội phường Đức Xuân');
  await page.fill(`input[name="teams[${k}].members[2].name"]`, 'Bế Thị Thu');
  await page.fill(`input[name="teams[${k}].members[2].birth_year"]`, '1992');
  await page.selectOption(`select[name="teams[${k}].members[2].gender"]`, 'female');
  await page.fill(`input[name="teams[${k}].members[2].ethnicity"]`, 'Tày');
  TEAMS[3][2].push(['Bế Thị Thu', 'main', 1992, 'female', 'Tày', null]);
  const h = (await shown(page)).findIndex((r) => r.team === 'Đội xã Nông Thượng');
  await page.locator('.team-edit').nth(h).locator('tr.member-row').nth(1).getByRole('button').click();
  TEAMS[2][2].pop();
  await page.click('#add-team');
  const n = await page.locator('.team-edit').count();
  await page.fill(`input[name="teams[${n - 1}].name"]`, 'Đội Đảng ủy Công an thành phố');
  await page.fill(`input[name="teams[${n - 1}].unit"]`, 'Đảng ủy Công an thành phố');
  await page.locator('.team-edit').nth(n - 1).locator('.add-member').click();
  await page.fill(`input[name="teams[${n - 1}].members[0].name"]`, 'Hoàng Minh Đức');
  assertRowsShowTheirOwn((await shown(page)).filter((r) => TEAMS.some(([, t]) => t === r.team)));
  await page.click('#save-setup');
  await page.locator('.save-status .ok').waitFor();
  await shot(page, 'setup-safety-2-saved');
  await assertMembersKept(cookie, cid, expected());
  assertRowsShowTheirOwn((await shown(page)).filter((r) => TEAMS.some(([, t]) => t === r.team)));
  const c = await (await api(cookie, 'GET', `/contests/${cid}`)).json();
  assert.deepEqual(c.teams.find((t) => t.name === 'Đội Đảng ủy Công an thành phố').members, ['Hoàng Minh Đức']);
  assert.deepEqual(errors, []);
});

test('a refused save says why beside the field it names, and stores nothing', async () => {
  const cid = await contest('Thử lỗi lưu');
  const page = await (await signedInContext(browser, 'bdv', 'bandanvan-2026', DESK)).newPage();
  await page.goto(`${BASE}/manage/${cid}/setup`);
  await hydrated(page);

  // A judge chosen twice.
  await page.getByRole('button', { name: '+ Thêm giám khảo' }).click();
  await page.selectOption('select[name="judges[1]"]', 'gk1');
  await page.click('#save-setup');
  const bar = page.locator('.save-status [role=alert]');
  await bar.waitFor();
  assert.match(await bar.innerText(), /Giám khảo 2: giám khảo “gk1” bị lặp lại/);
  assert.doesNotMatch(await bar.innerText(), /judges\[/);
  const note = page.locator('select[name="judges[1]"]').locator('xpath=ancestor::td').locator('.field-refusal');
  assert.match(await note.innerText(), /bị lặp lại/);
  assert.equal(await page.getAttribute('select[name="judges[1]"]', 'aria-invalid'), 'true');
  await shot(page, 'setup-safety-3-judge-twice');
  let stored = await (await api(cookie, 'GET', `/contests/${cid}`)).json();
  assert.equal(stored.judges.length, 1);

  // Mended: the mark goes, the save goes through.
  await page.selectOption('select[name="judges[1]"]', 'gk2');
  await page.click('#save-setup');
  await page.locator('.save-status .ok').waitFor();
  assert.equal(await page.locator('.field-refusal').count(), 0);

  // An empty team name, and a year of birth that is no year.
  await page.click('#add-team');
  await page.locator('.team-edit').last().locator('.add-member').click();
  await page.fill('input[name="teams[0].members[0].name"]', 'Nông Thị Hoa');
  await page.click('#save-setup');
  await page.locator('.save-status [role=alert]').waitFor();
  assert.match(await page.locator('.save-status [role=alert]').innerText(), /Đội thi 1 › Tên đội thi: không được để trống/);
  assert.equal(await page.getAttribute('input[name="teams[0].name"]', 'aria-invalid'), 'true');
  await page.fill('input[name="teams[0].name"]', 'Đội thôn Nà Phặc');
  await page.fill('input[name="teams[0].unit"]', 'Thôn Nà Phặc');
  await page.fill('input[name="teams[0].members[0].birth_year"]', '19a8');
  await page.click('#save-setup');
  await page.locator('.save-status [role=alert]', { hasText: 'Năm sinh' }).waitFor();
  assert.match(await page.locator('input[name="teams[0].members[0].birth_year"]').locator('xpath=ancestor::td').locator('.field-refusal').innerText(), /cần là năm từ 1920/);
  await shot(page, 'setup-safety-4-bad-year');
  stored = await (await api(cookie, 'GET', `/contests/${cid}`)).json();
  assert.equal(stored.teams.length, 0);
  // Every field carries the server's length limit.
  assert.equal(await page.getAttribute('input[name="teams[0].name"]', 'maxlength'), '200');
  assert.equal(await page.getAttribute('input[name="teams[0].members[0].name"]', 'maxlength'), '120');
});
