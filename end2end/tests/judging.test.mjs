// Judges sign in with a link and a PIN, score on a tablet and on a phone,
// and the secretary's board follows; with the network cut the sheet waits
// on the device and arrives exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, TABLET, PHONE, shot, hydrated } from './helpers.mjs';

let browser, organiser, manage, board, passes, contest;
const KNOWLEDGE = 1; // the demo's open round (Kiến thức)

before(async () => {
  browser = await launch();
  contest = await (await fetch(`${BASE}/api/v1/contests/1`)).json();
  organiser = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = manage = await organiser.newPage();
  await page.goto(`${BASE}/sign-in`);
  await hydrated(page);
  await page.fill('input[name=username]', 'btc');
  await page.fill('input[name=password]', 'bantochuc-2026');
  await page.click('button[type=submit]');
  // An organiser lands on his contests.
  await page.waitForURL(`${BASE}/manage`);
  await page.goto(`${BASE}/manage/1`);
  await hydrated(page);
  await page.click('#issue-passes');
  // Every judge is signed out by new passes: the page says so first.
  assert.match(await page.locator('.ask').innerText(), /máy tính bảng nào đang chấm sẽ bị đăng xuất/i);
  await page.click('#ask-yes');
  await page.locator('.pass').first().waitFor();
  passes = {};
  for (const el of await page.locator('.pass').all()) {
    const username = await el.getAttribute('data-username');
    passes[username] = { url: await el.locator('.url a').getAttribute('href'), pin: await el.locator('.pin-code').innerText() };
  }
  assert.equal(Object.keys(passes).length, 5);
  await shot(page, 'manage-passes');
  board = await organiser.newPage();
  await board.goto(`${BASE}/manage/1/board`);
  await hydrated(board);
  await board.locator('.live-status.on').waitFor();
});
after(async () => { await browser?.close(); });

// Shows the board's change log for one team only.
async function auditOf(team) {
  await board.selectOption('#audit-team', String(team.id));
  // Until the filtered log arrives, the whole round's log is still shown.
  await board.waitForFunction((name) => {
    const rows = [...document.querySelectorAll('#audit tbody tr')];
    return rows.length > 0 && rows.every((tr) => tr.children[3].textContent === name);
  }, team.name);
}

async function judgeDesk(device, username) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = new URL(passes[username].url);
  await page.goto(`${BASE}${url.pathname}`);
  await hydrated(page);
  await page.fill('input[name=pin]', passes[username].pin);
  await page.click('button[type=submit]');
  await page.waitForURL(`${BASE}/judge/1`);
  await hydrated(page);
  return { context, page, errors };
}

function cell(team, judgeName) {
  const judge = contest.judges.find((j) => j.username === judgeName);
  return board.locator(`#board-grid tr[data-team="${team.id}"] td[data-judge="${judge.id}"]`);
}

async function scoreTeam(page, team, values) {
  await page.click(`.team-pick[data-team="${team.id}"]`);
  const round = contest.rounds[KNOWLEDGE];
  for (const [i, criterion] of round.criteria.entries()) {
    await page.fill(`#c${criterion.id}`, values[i]);
  }
}

test('a judge on a tablet signs in by link and PIN, scores, and the board shows it live', async () => {
  const { context, page, errors } = await judgeDesk(TABLET, 'gk4');
  const team = contest.teams[4];
  assert.match(await cell(team, 'gk4').innerText(), /·/);
  // The organiser calls the team on stage: the tablet follows by itself.
  await manage.click(`.stage-teams button[data-team="${team.id}"]`);
  await manage.locator(`.stage-teams button.on-stage[data-team="${team.id}"]`).waitFor();
  await page.locator(`.team-pick.active[data-team="${team.id}"] .tag.stage`).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('form.sheet h2').innerText(), team.name);
  const criterion = contest.rounds[KNOWLEDGE].criteria[0];
  await scoreTeam(page, team, ['17', '8.5']);
  // The + button steps by the round's 0.5.
  await page.locator(`.criterion[data-criterion="${criterion.id}"] button[aria-label="+"]`).tap();
  assert.equal(await page.inputValue(`#c${criterion.id}`), '17,5', 'decimals as Vietnamese write them');
  assert.equal(await page.locator('#sheet-total').innerText(), '26');
  await shot(page, 'judge-tablet-before-submit');

  // A value above the maximum is caught on the tablet, by the same rules as the server.
  await page.fill(`#c${criterion.id}`, '21');
  await page.locator('.field-error').waitFor();
  assert.match(await page.locator('.field-error').innerText(), /vượt điểm tối đa 20/);
  await page.fill(`#c${criterion.id}`, '17.5');

  await page.click('#submit-sheet');
  await page.locator('#sheet-notice .ok').waitFor();
  await cell(team, 'gk4').filter({ hasText: '✓ 26' }).waitFor({ timeout: 10000 });
  await shot(page, 'judge-tablet-sent');

  // "Gửi điểm" moved the tablet on to the next team; the judge goes back
  // to amend while the round is open; both are in the audit log.
  assert.notEqual(await page.locator('form.sheet h2').innerText(), team.name);
  await page.click(`.team-pick[data-team="${team.id}"]`);
  assert.equal(await page.inputValue(`#c${criterion.id}`), '17,5');
  const second = contest.rounds[KNOWLEDGE].criteria[1];
  await page.fill(`#c${second.id}`, '9');
  await page.click('#submit-sheet');
  await cell(team, 'gk4').filter({ hasText: '✓ 26,5' }).waitFor({ timeout: 10000 });
  await auditOf(team);
  const amend = board.locator('#audit tr[data-action="sheet.amend"]').filter({ hasText: 'gk4' });
  await amend.waitFor();
  // Read with names: the criteria, before and after.
  assert.match(await amend.locator('.before').innerText(), /^Trả lời đúng, đủ 17,5 · Hiểu biết thực tiễn 8,5 · Tổng điểm 26$/);
  assert.match(await amend.locator('.after').innerText(), /^Trả lời đúng, đủ 17,5 · Hiểu biết thực tiễn 9 · Tổng điểm 26,5$/);
  assert.match(await amend.innerText(), /Sửa phiếu chấm/);
  await board.locator('#audit tr[data-action="sheet.submit"]').filter({ hasText: 'gk4' }).waitFor();
  await shot(board, 'secretary-board');
  assert.deepEqual(errors, []);
  await context.close();
});

test('with the network cut the sheet waits on the phone and arrives exactly once', async () => {
  const { context, page, errors } = await judgeDesk(PHONE, 'gk5');
  const team = contest.teams[5];
  await scoreTeam(page, team, ['15.5', '7']);
  assert.equal(await page.locator('#sheet-total').innerText(), '22,5');

  await context.setOffline(true);
  await page.click('#submit-sheet');
  await page.locator('#pending-count').waitFor();
  assert.match(await page.locator('#pending-count').innerText(), /^1 /);
  assert.match(await page.locator('#sheet-notice').innerText(), /Chưa gửi/);
  await shot(page, 'judge-phone-offline');
  const sheetsUrl = `${BASE}/api/v1/contests/1/rounds/${contest.rounds[KNOWLEDGE].id}/sheets`;
  const mine = async () => (await (await organiser.request.get(sheetsUrl)).json()).sheets
    .filter((s) => s.team_id === team.id && s.judge_username === 'gk5');
  assert.equal((await mine()).length, 0, 'nothing reached the server while offline');

  await context.setOffline(false);
  await page.locator('#pending-count').waitFor({ state: 'detached', timeout: 10000 });
  await page.locator('#sheet-notice .ok').waitFor();
  await cell(team, 'gk5').filter({ hasText: '✓ 22,5' }).waitFor({ timeout: 10000 });
  const stored = await mine();
  assert.equal(stored.length, 1);
  assert.equal(stored[0].total, '22.5');
  // Exactly once: one submission in the log, no amendment.
  await auditOf(team);
  const byGk5 = (action) => board.locator(`#audit tr[data-action="${action}"]`).filter({ hasText: 'gk5' });
  assert.equal(await byGk5('sheet.submit').count(), 1);
  assert.equal(await byGk5('sheet.amend').count(), 0);
  await shot(page, 'judge-phone-sent');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unsent sheet survives a reload', async () => {
  const { context, page } = await judgeDesk(TABLET, 'gk3');
  const team = contest.teams[6];
  await scoreTeam(page, team, ['12', '6']);
  // The server cannot be reached (the hall's Wi-Fi drops the request)…
  await context.route('**/api/submit_sheet*', (route) => route.abort('internetdisconnected'));
  await page.click('#submit-sheet');
  await page.locator('#pending-count').waitFor();
  // …and the judge reloads the page: the sheet is still there, still unsent.
  await page.reload();
  await hydrated(page);
  await page.locator('#pending-count').waitFor();
  await page.click(`.team-pick[data-team="${team.id}"]`);
  assert.equal(await page.inputValue(`#c${contest.rounds[KNOWLEDGE].criteria[0].id}`), '12');
  // Once requests get through again it arrives by itself.
  await context.unroute('**/api/submit_sheet*');
  await cell(team, 'gk3').filter({ hasText: '✓ 18' }).waitFor({ timeout: 10000 });
  await page.locator('#pending-count').waitFor({ state: 'detached' });
  await context.close();
});
