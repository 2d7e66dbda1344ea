// The organiser's first morning, walked as an officer walks it, through the
// pages only, on a Khéo of its own started on an empty database: the first
// admin, the commune's villages, the accounts, a contest from the template,
// invitations, two villages registering on a 390 px phone (one sent back
// and fixed), approval, set-up with the draw, the judges' passes, three
// judges scoring on tablets, locking and publishing, the prizes, the
// ceremony, the record as PDF and the results as .xlsx. The API is only
// read, to check what the pages stored: after the draw and after every
// save each team still has exactly its members with their details. On the
// way it walks into the traps an officer walks into (a judge chosen twice,
// a quiz without questions, locking with a sheet missing) and checks what
// the page says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHONE, TABLET, launch, shot, hydrated, xlsxRows } from './helpers.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = process.env.KHEO_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'kheo');
const SHOTS = process.env.KHEO_SCREENSHOTS ?? 'screenshots';
const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN' };

// The commune, its four villages, and who works there.
const COMMUNE = 'Xã Nà Phặc';
const VILLAGES = ['Thôn Bản Piềng', 'Thôn Làng Mạ', 'Thôn Nà Làng', 'Thôn Khuổi Bốc'];
const ORGANISER = { name: 'Hoàng Thị Thu', username: 'thu.btc', password: 'napha-btc-2027' };
const JUDGES = [
  { name: 'Nông Văn Thắng', username: 'thang.gk', password: 'giamkhao-napha-1' },
  { name: 'Lục Thị Hiền', username: 'hien.gk', password: 'giamkhao-napha-2' },
  { name: 'Ma Văn Đông', username: 'dong.gk', password: 'giamkhao-napha-3' },
];
// Each village's team as its officer types it on the phone.
const ENTRIES = [
  {
    village: 'Thôn Bản Piềng', team: 'Đội thôn Bản Piềng', model: 'Dân vận khéo trong làm đường bê tông nông thôn',
    members: [['Hoàng Thị Mai', 'captain', '1984', 'female', 'Tày'], ['Nông Văn Sơn', 'main', '1991', 'male', 'Nùng'], ['Lý Thị Hà', 'reserve', '1999', 'female', 'Dao']],
  },
  {
    village: 'Thôn Làng Mạ', team: 'Đội thôn Làng Mạ', model: 'Vận động bà con trồng quế theo chuỗi',
    members: [['Triệu Văn Phúc', 'captain', '1978', 'male', 'Dao'], ['Đàm Thị Nguyệt', 'main', '1993', 'female', 'Tày']],
  },
];
// What the API should hold for a team: each member with its details.
const details = (e) => e.members.map(([name, role, year, gender, ethnicity]) => [name, role, Number(year), gender, ethnicity]);

let server, work, base, browser;

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'kheo-journey-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ['serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite://${join(work, 'kheo.db')}?mode=rwc`, KHEO_ADDR: `127.0.0.1:${port}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  server.stderr.on('data', (d) => { said = (said + d).slice(-4000); });
  for (let i = 0; ; i += 1) {
    if (server.exitCode !== null) throw new Error(`kheo serve stopped: ${said}`);
    if (await fetch(`${base}/api/v1/contests`).then((r) => r.ok, () => false)) break;
    if (i > 300) throw new Error(`kheo serve did not answer: ${said}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

// What the officer sees at that moment: the screen, not the whole page.
async function seen(page, locator, name) {
  await locator.scrollIntoViewIfNeeded();
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

// Picks the option whose text (indentation aside) is `text`.
async function selectByText(page, selector, text) {
  const value = await page.locator(selector).evaluate((s, want) =>
    [...s.options].find((o) => o.textContent.replace(/\u00a0/g, ' ').trim() === want)?.value, text);
  assert.ok(value !== undefined, `${selector} offers ${text}`);
  await page.selectOption(selector, value);
}

// Every team has exactly its members, in order, with every detail, as the
// organiser reads the contest from the API.
async function assertMembersKept(context, cid, when) {
  const c = await (await context.request.get(`${base}/api/v1/contests/${cid}`)).json();
  assert.deepEqual(c.teams.map((t) => t.name).sort(), ENTRIES.map((e) => e.team).sort(), `${when}: the teams`);
  for (const e of ENTRIES) {
    const t = c.teams.find((x) => x.name === e.team);
    assert.deepEqual(
      t.member_details.map((m) => [m.name, m.role, m.birth_year ?? null, m.gender ?? null, m.ethnicity ?? null]),
      details(e), `${when}: ${e.team} keeps its members and their details`);
  }
  return c;
}

async function page(context, url, { paper = false } = {}) {
  const p = await context.newPage();
  opened.push(p);
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(String(e)));
  await p.goto(`${base}${url}`);
  // Paper is printed as the server renders it.
  if (!paper) await hydrated(p);
  return p;
}

// Pages still open when a step fails are photographed, to see why.
const opened = [];
async function failed(e) {
  for (const [i, p] of opened.entries()) if (!p.isClosed()) await shot(p, `journey-failed-${i}`).catch(() => {});
  throw e;
}

test('an officer runs a commune contest from a fresh installation to the printed record', () => journey().catch(failed));

async function journey() {
  // 1. The first start: the laptop's browser is sent to set-up.
  const desk = await browser.newContext(LAPTOP);
  const admin = await desk.newPage();
  opened.push(admin);
  admin.errors = [];
  admin.on('pageerror', (e) => admin.errors.push(String(e)));
  await admin.goto(`${base}/`);
  await admin.waitForURL(`${base}/setup`);
  assert.equal(await admin.getAttribute('html', 'lang'), 'vi');
  await admin.fill('input[name=username]', 'quantri');
  await admin.fill('input[name=display_name]', 'Quản trị xã');
  await admin.fill('input[name=password]', 'quantri-napha-2027');
  await admin.fill('input[name=password2]', 'quantri-napha-2027');
  await admin.click('button[type=submit]');
  await admin.waitForURL(`${base}/manage`);
  await hydrated(admin);
  // The checklist says where to begin.
  const checklist = admin.locator('#checklist');
  await checklist.waitFor();
  assert.equal(await checklist.locator('li.now').getAttribute('data-step'), 'units');
  assert.equal(await checklist.locator('li[data-done=true]').count(), 0);
  await shot(admin, 'journey-01-checklist-first');
  await checklist.locator('li.now a').click();

  // 2. The commune and its villages.
  await admin.waitForURL(`${base}/admin/units`);
  await hydrated(admin);
  const unitForm = admin.locator('form.unit-form').first();
  await unitForm.locator('input[name=name]').fill(COMMUNE);
  await unitForm.locator('select[name=kind]').selectOption('commune');
  await unitForm.locator('button[type=submit]').click();
  await admin.locator('.unit-line', { hasText: COMMUNE }).waitFor();
  for (const village of VILLAGES) {
    const form = admin.locator('form.unit-form').first();
    await form.locator('input[name=name]').fill(village);
    await form.locator('select[name=kind]').selectOption('village');
    await selectByText(admin, 'form.unit-form >> nth=0 >> select[name=parent_id]', COMMUNE);
    await form.locator('button[type=submit]').click();
    await admin.locator('.unit-line', { hasText: village }).waitFor();
  }
  assert.equal(await admin.locator('.unit-line .badge', { hasText: 'Thôn' }).count(), 4);
  await shot(admin, 'journey-02-units');

  // 3. Accounts: the commune's organiser, three judges.
  await admin.goto(`${base}/admin/accounts`);
  await hydrated(admin);
  const account = admin.locator('#new-account');
  for (const [who, role] of [[ORGANISER, 'organiser'], ...JUDGES.map((j) => [j, 'judge'])]) {
    await account.locator('input[name=display_name]').fill(who.name);
    await account.locator('input[name=username]').fill(who.username);
    await account.locator('input[name=password]').fill(who.password);
    await account.locator('select[name=role]').selectOption(role);
    if (role === 'organiser') await selectByText(admin, '#new-account select[name=unit_id]', COMMUNE);
    await account.locator('button[type=submit]').click();
    await account.locator('.ok', { hasText: who.username }).waitFor();
    await admin.locator(`#accounts tr[data-username="${who.username}"]`).waitFor();
  }
  await shot(admin, 'journey-03-accounts');
  assert.deepEqual(admin.errors, []);
  await desk.close();

  // 4. The organiser signs in and makes the contest from the template.
  const office = await browser.newContext(LAPTOP);
  const btc = await office.newPage();
  opened.push(btc);
  const errors = [];
  btc.on('pageerror', (e) => errors.push(String(e)));
  await btc.goto(`${base}/sign-in`);
  await hydrated(btc);
  await btc.fill('input[name=username]', ORGANISER.username);
  await btc.fill('input[name=password]', ORGANISER.password);
  await btc.click('button[type=submit]');
  await btc.waitForURL(`${base}/manage`);
  await hydrated(btc);
  await btc.locator('#checklist li.now[data-step=contest]').waitFor();
  assert.equal(await btc.locator('#checklist li[data-done=true]').count(), 2, 'units and accounts are ticked');
  await btc.getByRole('link', { name: 'Tạo hội thi mới' }).click();
  await btc.waitForURL(`${base}/manage/new`);
  await hydrated(btc);
  assert.equal(await btc.inputValue('#new-contest input[name=unit]'), COMMUNE);
  await btc.selectOption('#new-contest select[name=level]', 'commune');
  await btc.fill('#new-contest input[name=name]', 'Hội thi “Dân vận khéo” xã Nà Phặc năm 2027');
  await btc.fill('#new-contest input[name=date]', '2027-03-26');
  await btc.fill('#new-contest input[name=venue]', 'Hội trường UBND xã Nà Phặc');
  await btc.getByRole('button', { name: 'Tạo hội thi' }).click();
  await btc.waitForURL(/\/manage\/\d+\/setup$/);
  const cid = Number(btc.url().match(/manage\/(\d+)\/setup/)[1]);

  // 5. Invitations to two villages, a week ahead.
  await btc.goto(`${base}/manage/${cid}/registration`);
  await hydrated(btc);
  const week = new Date(Date.now() + 7 * 864e5 + 7 * 36e5).toISOString().slice(0, 16);
  await btc.fill('#invite input[name=deadline]', week);
  for (const e of ENTRIES) {
    await btc.locator('#invite .unit-line', { hasText: e.village }).locator('input[type=checkbox]').check();
  }
  await btc.getByRole('button', { name: /Gửi lời mời \(2\)/ }).click();
  const invitation = (village) => btc.locator(`#invitations tr[data-unit="${village}"]`);
  await invitation(ENTRIES[1].village).waitFor();
  const links = [];
  for (const e of ENTRIES) links.push(new URL(await invitation(e.village).locator('input.copy-link').inputValue()).pathname);

  // 6. Each village's officer fills the entry on a phone; the first leaves
  // out the reserve's year of birth and is sent back for it.
  const phones = [];
  for (const [k, e] of ENTRIES.entries()) {
    const phone = await page(await browser.newContext(PHONE), links[k]);
    phones.push(phone);
    await phone.fill('input[name="team.name"]', e.team);
    for (const [i, [name, role, year, gender, ethnicity]] of e.members.entries()) {
      if (i > 0) await phone.click('#add-member');
      await phone.fill(`input[name="team.members[${i}].name"]`, name);
      await phone.selectOption(`select[name="team.members[${i}].role"]`, role);
      if (!(k === 0 && role === 'reserve')) await phone.fill(`input[name="team.members[${i}].birth_year"]`, year);
      await phone.selectOption(`select[name="team.members[${i}].gender"]`, gender);
      await phone.fill(`input[name="team.members[${i}].ethnicity"]`, ethnicity);
    }
    await phone.fill('input[name="model.name"]', e.model);
    await phone.selectOption('select[name="model.field"]', 'economy');
    await phone.locator('input[name="model.kind"][value=collective]').check();
    await phone.click('#submit-entry');
    await phone.locator('.save-status .ok', { hasText: 'Đã gửi đăng ký' }).waitFor();
  }
  await shot(phones[0], 'journey-04-phone-sent');

  await btc.reload();
  await hydrated(btc);
  await invitation(ENTRIES[0].village).locator('button[data-open]').click();
  await btc.locator('#entry').waitFor();
  await btc.fill('#entry textarea[name=reason]', 'Đề nghị bổ sung năm sinh của người dự bị Lý Thị Hà.');
  await btc.click('#return');
  await btc.locator(`#invitations tr[data-unit="${ENTRIES[0].village}"][data-status=returned]`).waitFor();

  const fix = phones[0];
  await fix.reload();
  await hydrated(fix);
  assert.match(await fix.locator('#return-reason').innerText(), /năm sinh của người dự bị/);
  await fix.fill('input[name="team.members[2].birth_year"]', ENTRIES[0].members[2][2]);
  await fix.click('#submit-entry');
  await fix.locator('.save-status .ok', { hasText: 'Đã gửi đăng ký' }).waitFor();
  await shot(fix, 'journey-05-phone-fixed');

  // 7. Both approved.
  await btc.reload();
  await hydrated(btc);
  for (const e of ENTRIES) {
    await invitation(e.village).locator('button[data-open]').click();
    await btc.locator('#entry #approve').click();
    await btc.locator(`#invitations tr[data-unit="${e.village}"][data-status=approved]`).waitFor();
  }
  await assertMembersKept(office, cid, 'after approval');

  // 8. A quiz without questions cannot be opened, and the page says why.
  await btc.goto(`${base}/manage/${cid}`);
  await hydrated(btc);
  await btc.locator('#checklist li.now[data-step=setup]').waitFor();
  const quizRow = btc.locator('tr[data-round]', { hasText: 'Kiến thức' });
  assert.match(await quizRow.locator('.round-lack').innerText(), /Chưa có câu hỏi: phần thi này chưa mở được/);
  assert.ok(await quizRow.getByRole('button', { name: 'Mở phần thi' }).isDisabled());
  await shot(btc, 'journey-06-quiz-lacks');

  // 9. Set-up: the panel (a judge chosen twice first), the quiz's
  // question, the draw.
  await btc.goto(`${base}/manage/${cid}/setup`);
  await hydrated(btc);
  for (const [i, j] of [...JUDGES, JUDGES[0]].entries()) {
    await btc.getByRole('button', { name: '+ Thêm giám khảo' }).click();
    await btc.selectOption(`select[name="judges[${i}]"]`, j.username);
  }
  await btc.locator('input[name=chair]').first().check();
  await btc.click('#save-setup');
  const refusal = btc.locator('select[name="judges[3]"]').locator('xpath=ancestor::td').locator('.field-refusal');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /bị lặp lại/);
  assert.match(await btc.locator('.save-status [role=alert]').innerText(), /Giám khảo 4/);
  await seen(btc, btc.locator('select[name="judges[3]"]'), 'journey-07-judge-twice');
  await btc.locator('select[name="judges[3]"]').locator('xpath=ancestor::tr').getByRole('button', { name: 'Xóa' }).click();
  const quiz = btc.locator('fieldset.round-edit[data-round-index="1"]');
  await quiz.getByRole('button', { name: '+ Thêm câu hỏi' }).click();
  await quiz.locator('textarea[name="rounds[1].questions[0].prompt"]').fill('Phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát” còn thiếu cụm từ nào?');
  await quiz.locator('textarea[name="rounds[1].questions[0].options"]').fill('A. Dân hưởng lợi\nB. Dân thụ hưởng\nC. Dân quyết định');
  await quiz.locator('input[name="rounds[1].questions[0].answer"]').fill('B');
  await btc.click('#save-setup');
  await btc.locator('.save-status .ok').waitFor();
  assert.equal(await btc.locator('.field-refusal').count(), 0);
  await assertMembersKept(office, cid, 'after saving the panel');
  const before = await btc.locator('.team-edit').evaluateAll((ns) => ns.map((n) => n.dataset.teamName));
  for (let k = 0; k < 10; k += 1) {
    await btc.click('#draw-order');
    await btc.locator('.save-status .ok', { hasText: 'Đã bốc thăm' }).waitFor();
    const drawn = await btc.locator('.team-edit').evaluateAll((ns) => ns.map((n) => n.dataset.teamName));
    await assertMembersKept(office, cid, `after draw ${k + 1}`);
    if (drawn[0] !== before[0]) break;
  }
  // An edit after the draw lands on its own team, and nothing else moves.
  const rows = await btc.locator('.team-edit').evaluateAll((ns) => ns.map((n) => n.dataset.teamName));
  const m = rows.indexOf(ENTRIES[1].team);
  await btc.fill(`input[name="teams[${m}].members[1].ethnicity"]`, 'Nùng');
  ENTRIES[1].members[1][4] = 'Nùng';
  await btc.click('#save-setup');
  await btc.locator('.save-status .ok').waitFor();
  const contest = await assertMembersKept(office, cid, 'after an edit following the draw');
  await shot(btc, 'journey-08-setup-drawn');
  assert.equal(contest.judges.length, 3);
  const [greeting, knowledge, sketch, situation] = contest.rounds;
  assert.equal(knowledge.questions.length, 1);

  // 10. The judges' passes, printed.
  await btc.goto(`${base}/manage/${cid}`);
  await hydrated(btc);
  await btc.locator('#checklist li.now[data-step=passes]').waitFor();
  await btc.click('#issue-passes');
  await btc.locator('.ask').waitFor();
  await btc.click('#ask-yes');
  await btc.locator('.pass').nth(2).waitFor();
  const passes = {};
  for (const el of await btc.locator('.pass').all()) {
    passes[await el.getAttribute('data-username')] = {
      path: new URL(await el.locator('.url a').getAttribute('href')).pathname,
      pin: await el.locator('.pin-code').innerText(),
    };
  }
  assert.deepEqual(Object.keys(passes).sort(), JUDGES.map((j) => j.username).sort());
  await shot(btc, 'journey-09-passes');

  // 11. Three tablets, each signed in by its pass.
  const tablets = [];
  for (const j of JUDGES) {
    const tab = await page(await browser.newContext(TABLET), passes[j.username].path);
    await tab.fill('input[name=pin]', passes[j.username].pin);
    await tab.click('button[type=submit]');
    await tab.waitForURL(`${base}/judge/${cid}`);
    await hydrated(tab);
    tablets.push(tab);
  }

  // Judge k gives the first village max - k/2 on each criterion and the
  // second max - 1 - k/2: the means are exact and the first village wins.
  const teamOf = (name) => contest.teams.find((t) => t.name === name);
  const points = (max, team, k) => Number(max) - (team === ENTRIES[0].team ? 0 : 1) - k / 2;
  async function score(tab, k, round, team) {
    await tab.locator('.tab', { hasText: round.name }).click();
    await tab.click(`.team-pick[data-team="${teamOf(team).id}"]`);
    assert.equal(await tab.locator('form.sheet h2').innerText(), team);
    for (const c of round.criteria) await tab.fill(`#c${c.id}`, String(points(c.max_points, team, k)).replace('.', ','));
    await tab.click('#submit-sheet');
    await tab.locator('#sheet-notice .ok', { hasText: team }).waitFor();
  }
  const open = async (round) => {
    const row = btc.locator(`tr[data-round="${round.id}"]`);
    await row.getByRole('button', { name: 'Mở phần thi' }).click();
    await btc.locator('.ask').waitFor();
    await btc.click('#ask-yes');
    await row.locator('.state[data-state=open]').waitFor();
  };
  const lock = async (round) => {
    const row = btc.locator(`tr[data-round="${round.id}"]`);
    await row.getByRole('button', { name: 'Khóa phần thi' }).click();
    await row.locator('.state[data-state=locked]').waitFor();
  };

  // 12. The greeting; locking with a sheet missing asks, naming it.
  await open(greeting);
  for (const [k, tab] of tablets.entries()) {
    for (const e of ENTRIES) if (!(k === 2 && e === ENTRIES[1])) await score(tab, k, greeting, e.team);
  }
  await shot(tablets[0], 'journey-10-tablet');
  await btc.locator(`tr[data-round="${greeting.id}"]`).getByRole('button', { name: 'Khóa phần thi' }).click();
  const ask = btc.locator('.ask');
  await ask.waitFor();
  assert.match(await ask.innerText(), /Còn 1 phiếu chưa có trong phần thi “Chào hỏi”/);
  assert.match(await ask.innerText(), new RegExp(`${ENTRIES[1].team}: chưa có phiếu của ${JUDGES[2].name}`));
  await seen(btc, ask, 'journey-11-lock-missing');
  await btc.click('#ask-no');
  assert.equal(await btc.locator(`tr[data-round="${greeting.id}"] .state`).getAttribute('data-state'), 'open');
  await score(tablets[2], 2, greeting, ENTRIES[1].team);
  await lock(greeting);

  // 13. The quiz, marked by the secretary on the board; the sketch and the
  // situation, scored on the tablets.
  await open(knowledge);
  const board = await page(office, `/manage/${cid}/board`);
  await board.locator('.tab', { hasText: 'Kiến thức' }).click();
  await board.locator(`#quiz-grid tr[data-team="${teamOf(ENTRIES[0].team).id}"]`).getByRole('button', { name: '✓ Đúng' }).click();
  await board.locator(`#quiz-grid tr[data-team="${teamOf(ENTRIES[1].team).id}"]`).getByRole('button', { name: /Sai/ }).click();
  await board.waitForFunction((sel) => document.querySelector(sel)?.textContent === '10,00',
    `#quiz-grid tr[data-team="${teamOf(ENTRIES[0].team).id}"] td.total`);
  await lock(knowledge);
  for (const round of [sketch, situation]) {
    await open(round);
    for (const [k, tab] of tablets.entries()) for (const e of ENTRIES) await score(tab, k, round, e.team);
    await lock(round);
  }

  // 14. Kept for the ceremony, then every round published (each asks).
  const results = await page(office, `/manage/${cid}/results`);
  await results.click('#seal');
  await results.locator('#ceremony-settings .notice').waitFor();
  for (const round of contest.rounds) {
    const row = btc.locator(`tr[data-round="${round.id}"]`);
    await row.getByRole('button', { name: 'Công bố kết quả' }).click();
    assert.match(await btc.locator('.ask').innerText(), /Công bố kết quả phần thi/);
    await btc.click('#ask-yes');
    await row.locator('.state[data-state=published]').waitFor();
  }

  // 15. The prizes: the first village first, each best-round prize with
  // its round's score.
  await results.reload();
  await hydrated(results);
  const first = results.locator('#prizes table.standings tbody tr').first();
  assert.equal(await first.getAttribute('data-team'), String(teamOf(ENTRIES[0].team).id));
  assert.equal(await first.locator('td.total').innerText(), '76,50');
  assert.match(await first.locator('td.prize').innerText(), /Giải Nhất/);
  assert.equal(await results.locator('#prizes table.standings tbody tr').nth(1).locator('td.total').innerText(), '59,50');
  assert.match(await results.locator('.prize-group', { hasText: 'Tiểu phẩm hay nhất' }).innerText(), /Đội thôn Bản Piềng · 38,50/);
  await shot(results, 'journey-12-results');

  // 16. The ceremony, every prize read out.
  const mc = await page(office, `/manage/${cid}/ceremony`);
  const total = Number((await mc.locator('#progress').innerText()).split('/')[1]);
  assert.ok(total >= 2);
  for (let k = 1; k <= total; k += 1) {
    await mc.click('#reveal-next');
    await mc.waitForFunction((want) => document.querySelector('#progress')?.textContent === want, `${k} / ${total}`);
  }
  await shot(mc, 'journey-13-ceremony');

  // 17. The record's paperwork, then the record as PDF.
  await results.reload();
  await hydrated(results);
  const paper = results.locator('#paperwork');
  await paper.locator('input[name=place]').fill('Nà Phặc');
  await paper.locator('input[name=secretary]').fill('Đàm Văn Lâm');
  await paper.locator('input[name=signer_name]').fill('Hoàng Thị Thu');
  await paper.locator('button[type=submit]').click();
  await paper.locator('.ok').waitFor();
  const record = await page(office, `/manage/${cid}/record`, { paper: true });
  const text = await record.locator('article.record').innerText();
  for (const e of ENTRIES) assert.ok(text.includes(e.team), `the record names ${e.team}`);
  assert.match(text, /76,50/);
  assert.match(text, /Nà Phặc/);
  assert.match(text, new RegExp(JUDGES[2].name));
  const pdf = await record.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 20000, `the record's PDF has its pages (${pdf.length} bytes)`);

  // 18. The results as .xlsx, from the results page's button.
  const [download] = await Promise.all([
    results.waitForEvent('download'),
    results.getByRole('link', { name: 'Kết quả (.xlsx)' }).click(),
  ]);
  const rowsXlsx = xlsxRows(await (await import('node:fs/promises')).readFile(await download.path()));
  const line = (team) => rowsXlsx.find((r) => r.cells.includes(team));
  assert.ok(line(ENTRIES[0].team).cells.includes('Giải Nhất'), 'the winner and its prize in the sheet');
  assert.ok(line(ENTRIES[1].team), 'the second team in the sheet');

  // 19. Every step ticked.
  await btc.goto(`${base}/manage/${cid}`);
  await hydrated(btc);
  await btc.locator('#checklist .checklist-next', { hasText: 'Đã xong mọi bước' }).waitFor();
  assert.equal(await btc.locator('#checklist li[data-done=true]').count(), 10);
  await shot(btc, 'journey-14-all-done');
  await assertMembersKept(office, cid, 'at the end');
  for (const p of [...phones, ...tablets, board, results, mc, record]) assert.deepEqual(p.errors, [], p.url());
  assert.deepEqual(errors, []);
}
