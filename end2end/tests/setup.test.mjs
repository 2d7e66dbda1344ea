// An organiser sets a contest up in Chromium: from the usual format,
// teams imported from an .xlsx (a bad sheet first, reported by line and
// column), the panel chosen, a question added to the quiz, the running
// order drawn by lot, and the first round opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { BASE, launch, shot, hydrated, signIn } from './helpers.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const DESK = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an organiser creates a contest from the template, imports teams, draws the order and opens round 1', async () => {
  const context = await browser.newContext(DESK);
  const cookie = (await signIn('btc', 'bantochuc-2026')).split('=');
  await context.addCookies([{ name: cookie[0], value: cookie[1], url: BASE }]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // 1. From the usual format.
  await page.goto(`${BASE}/manage`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Tạo hội thi mới' }).click();
  await page.waitForURL(`${BASE}/manage/new`);
  await page.locator('#new-contest input[name=unit][readonly]').waitFor();
  await page.selectOption('#new-contest select[name=level]', 'commune');
  await page.fill('#new-contest input[name=name]', 'Hội thi “Dân vận khéo” xã Nông Thượng - vòng cụm 2027');
  await page.fill('#new-contest input[name=date]', '2027-03-26');
  await page.fill('#new-contest input[name=venue]', 'Nhà văn hóa thôn Lũng Mần');
  await page.getByRole('button', { name: 'Tạo hội thi' }).click();
  await page.waitForURL(/\/manage\/\d+\/setup$/);
  const cid = Number(page.url().match(/manage\/(\d+)\/setup/)[1]);
  await page.locator('fieldset.round-edit').nth(3).waitFor();
  const roundNames = await page.locator('fieldset.round-edit input[name^="rounds["][name$="].name"]:not([name*=criteria])').evaluateAll((ns) => ns.map((n) => n.value));
  assert.deepEqual(roundNames, ['Chào hỏi', 'Kiến thức', 'Tiểu phẩm “Dân vận khéo”', 'Xử lý tình huống']);
  assert.equal(await page.inputValue('input[name="rounds[0].overtime.per_started_minute"]'), '1');
  await shot(page, 'setup-1-from-template');

  // 2. A sheet with mistakes: every bad cell named, nothing stored.
  await page.setInputFiles('#import-teams input[type=file]', fixture('doi-thi-co-loi.xlsx'));
  await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
  const faults = page.locator('.import-faults tbody tr');
  await faults.first().waitFor();
  const cells = await faults.evaluateAll((rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent]));
  assert.deepEqual(cells, [['2', 'Đơn vị'], ['2', 'Lĩnh vực'], ['3', 'Tên đội']]);
  assert.equal(await page.locator('.team-edit').count(), 0);
  await shot(page, 'setup-2-import-errors');

  // 3. The good sheet.
  await page.setInputFiles('#import-teams input[type=file]', fixture('doi-thi-xa-thu-nghiem.xlsx'));
  await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
  await page.locator('#import-teams p.ok').waitFor();
  assert.equal(await page.locator('.team-edit').count(), 5);
  const members = await page.locator('.team-edit').first().locator('input[name$="].name"][name*="members"]').evaluateAll((ns) => ns.map((n) => n.value));
  // The captain is the team's first member, marked as such.
  assert.deepEqual(members, ['Hoàng Thị Lan', 'Nông Văn Chiến', 'Lý Thị Dung', 'Triệu Văn Hòa']);
  assert.equal(await page.inputValue('select[name="teams[0].members[0].role"]'), 'captain');
  assert.equal(await page.inputValue('select[name="teams[4].model_field"]'), 'culture_society');
  await shot(page, 'setup-3-imported');

  // 4. The panel with a chair, and a question for the quiz; saved.
  for (const [i, judge] of ['gk1', 'gk2', 'gk3'].entries()) {
    await page.getByRole('button', { name: '+ Thêm giám khảo' }).click();
    await page.selectOption(`select[name="judges[${i}]"]`, judge);
  }
  await page.locator('input[name=chair]').first().check();
  const quiz = page.locator('fieldset.round-edit[data-round-index="1"]');
  await quiz.getByRole('button', { name: '+ Thêm câu hỏi' }).click();
  await quiz.locator('textarea[name="rounds[1].questions[0].prompt"]').fill('Phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát” còn thiếu cụm từ nào?');
  await quiz.locator('textarea[name="rounds[1].questions[0].options"]').fill('A. Dân hưởng lợi\nB. Dân thụ hưởng\nC. Dân quyết định');
  await quiz.locator('input[name="rounds[1].questions[0].answer"]').fill('B');
  await page.locator('#save-setup').click();
  await page.locator('.save-status .ok').waitFor();
  assert.equal(await page.locator('.save-status .ok').innerText(), 'Đã lưu.');

  // 5. The running order by lot, recorded.
  const before = await page.locator('.team-edit').evaluateAll((ns) => ns.map((n) => n.dataset.teamName));
  await page.locator('#draw-order').click();
  await page.locator('.save-status .ok', { hasText: 'Đã bốc thăm' }).waitFor();
  const drawn = await page.locator('.team-edit').evaluateAll((ns) => ns.map((n) => n.dataset.teamName));
  assert.deepEqual([...drawn].sort(), [...before].sort());
  const stored = await (await fetch(`${BASE}/api/v1/contests/${cid}`)).json();
  assert.deepEqual(stored.teams.map((t) => t.name), drawn, 'the page shows the stored order');
  assert.deepEqual(stored.teams.map((t) => t.order), [1, 2, 3, 4, 5]);
  assert.equal(stored.judges.find((j) => j.chair).username, 'gk1');
  assert.equal(stored.rounds[1].questions.length, 1);
  await shot(page, 'setup-4-drawn');

  // 6. The first round opened from the contest's page; the set-up is then fixed.
  await page.goto(`${BASE}/manage/${cid}`);
  await hydrated(page);
  const first = page.locator(`tr[data-round="${stored.rounds[0].id}"]`);
  await first.getByRole('button', { name: 'Mở phần thi' }).click();
  // Opening freezes the set-up: the page says so and asks first.
  assert.match(await page.locator('.ask').innerText(), /thiết lập/i);
  await page.click('#ask-yes');
  await first.locator('.state[data-state=open]').waitFor();
  await shot(page, 'setup-5-round-open');
  const after = await (await fetch(`${BASE}/api/v1/contests/${cid}`)).json();
  assert.equal(after.rounds[0].state, 'open');

  // 7. The knowledge round: the secretary marks the first team's answer.
  const quizRound = after.rounds[1];
  await page.locator(`tr[data-round="${quizRound.id}"]`).getByRole('button', { name: 'Mở phần thi' }).click();
  await page.click('#ask-yes');
  await page.locator(`tr[data-round="${quizRound.id}"] .state[data-state=open]`).waitFor();
  await page.goto(`${BASE}/manage/${cid}/board`);
  await hydrated(page);
  await page.locator('.tab', { hasText: 'Kiến thức' }).click();
  const firstTeam = after.teams[0];
  const row = page.locator(`#quiz-grid tr[data-team="${firstTeam.id}"]`);
  await row.getByRole('button', { name: '✓ Đúng' }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '10,00', `#quiz-grid tr[data-team="${firstTeam.id}"] td.total`);
  await shot(page, 'setup-6-quiz-marked');
  const board = await (await fetch(`${BASE}/api/v1/contests/${cid}/leaderboard`)).json();
  assert.equal(board.standings.find((s) => s.team.id === firstTeam.id).rounds[String(quizRound.id)], '10.00');

  await page.goto(`${BASE}/manage/${cid}/setup`);
  await hydrated(page);
  await page.locator('.notice').waitFor();
  assert.ok(await page.locator('#save-setup').isDisabled());
  assert.ok(await page.locator('#draw-order').isDisabled());
  assert.deepEqual(errors, []);
  await context.close();
});
