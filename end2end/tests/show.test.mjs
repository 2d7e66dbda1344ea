// The show in the hall, in Chromium: the MC runs the knowledge quiz from
// the console on a laptop; the 1920×1080 projector and two 390 px phones
// end the countdown together, the phones play along and learn whether
// they were right; between questions the projector shows the audience's
// best. Then the audience votes from three phones, and the vote's prize is
// announced at the ceremony.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, launch, shot, hydrated, signIn, api, signedInContext } from './helpers.mjs';

const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN' };
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' };
const PRIZE = 'Đội được khán giả yêu thích nhất';
let browser, cookie, contest, console_, projector, phones;

before(async () => {
  browser = await launch();
  cookie = await signIn('btc', 'bantochuc-2026');
  const r = await api(cookie, 'POST', '/contests', {
    name: 'Hội thi Dân vận khéo xã Phúc Xuân', level: 'commune', unit: 'Xã Phúc Xuân',
    rounds: [
      { name: 'Trình bày mô hình', criteria: [{ name: 'Nội dung', max_points: '100' }] },
      { name: 'Kiến thức', kind: 'quiz', questions: [
        { prompt: 'Phong trào thi đua “Dân vận khéo” được phát động từ năm nào?', options: ['2005', '2009', '2015', '2020'], answer: 'B', points: '10' },
        { prompt: 'Phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra” còn thêm những gì?', options: ['Dân giám sát, dân thụ hưởng', 'Dân quyết định', 'Dân đóng góp'], answer: 'A', points: '10' },
      ] },
    ],
    teams: [{ name: 'Đội xóm Gò Miếu', unit: 'Xóm Gò Miếu' }, { name: 'Đội xóm Đồng Kiệm', unit: 'Xóm Đồng Kiệm' }, { name: 'Đội xóm Khuôn Ngàn', unit: 'Xóm Khuôn Ngàn' }],
    judges: ['gk1'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  contest = await r.json();
  assert.equal((await api(cookie, 'PUT', `/contests/${contest.id}/rounds/${contest.rounds[1].id}/state`, { state: 'open' })).status, 200);
  console_ = await (await signedInContext(browser, 'btc', 'bantochuc-2026', LAPTOP)).newPage();
  projector = await (await browser.newContext(PROJECTOR)).newPage();
  phones = [await (await browser.newContext({ ...PHONE })).newPage(), await (await browser.newContext({ ...PHONE })).newPage()];
});

after(async () => {
  await browser?.close();
});

// Records, in the page, the moment its countdown says the time is up.
async function watchCountdown(page) {
  await page.evaluate(() => {
    window.__over = null;
    new MutationObserver(() => {
      if (!window.__over && document.querySelector('.countdown.over')) window.__over = Date.now();
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] });
  });
}

test('the MC shows a question: every screen ends its countdown together, the phones play along', async () => {
  const cid = contest.id;
  await console_.goto(`${BASE}/manage/${cid}/quiz`);
  await hydrated(console_);
  await projector.goto(`${BASE}/contests/${cid}/projector`);
  await projector.locator('.live-status.on').waitFor();
  const names = ['Cô giáo Lan', 'Bác Tư <b>'];
  for (const [i, phone] of phones.entries()) {
    await phone.goto(`${BASE}/contests/${cid}/choi`);
    await phone.fill('.play-name input', names[i]);
    await phone.click('.play-name button');
    await phone.locator('.play-me:not([hidden])').waitFor();
  }
  await shot(phones[0], 'show-phone-waiting');
  // Before anything is shown, the console already shows the answer; nobody else does.
  assert.match(await console_.locator('.console-answer').innerText(), /Đáp án: B/);

  for (const page of [projector, ...phones]) await watchCountdown(page);
  await console_.locator('.chip-choice', { hasText: /^\s*5 giây\s*$/ }).click();
  await console_.click('#show-question');
  await projector.locator('.show-quiz:not([hidden]) .q-prompt', { hasText: 'Dân vận khéo' }).waitFor();
  for (const phone of phones) await phone.locator('.play-question:not([hidden]) .play-option').first().waitFor();
  // No screen but the console knows the answer while the question is up.
  for (const page of [projector, ...phones]) {
    const html = await page.content();
    assert.ok(!html.includes('"answer"'), `${page.url()} carries no answer`);
    assert.equal(await page.locator('.q-options li.right, .play-option.right').count(), 0);
  }
  await projector.waitForFunction(() => /\d+ giây/.test(document.querySelector('.show-quiz .countdown').textContent));
  await shot(projector, 'show-projector-question');
  await shot(console_, 'show-console');

  await phones[0].click('.play-option[data-choice="B"]');
  await phones[1].click('.play-option[data-choice="A"]');
  await phones[0].locator('.play-result.sent').waitFor();
  assert.match(await phones[0].locator('.play-result').innerText(), /Đã gửi đáp án: B/);
  assert.ok(await phones[0].locator('.play-option[data-choice="A"]').isDisabled(), 'one answer per phone');
  await shot(phones[0], 'show-phone-playing');

  // The countdown ends on the projector and both phones within half a second.
  for (const page of [projector, ...phones]) await page.waitForFunction(() => window.__over !== null, null, { timeout: 10000 });
  const ends = await Promise.all([projector, ...phones].map((p) => p.evaluate(() => window.__over)));
  const spread = Math.max(...ends) - Math.min(...ends);
  console.log(`countdown ends spread over ${spread} ms (projector, phone, phone)`);
  assert.ok(spread <= 500, `the countdowns ended ${spread} ms apart`);
  assert.match(await projector.locator('.show-quiz .countdown').innerText(), /Hết giờ/);

  // The reveal: the projector marks the answer, each phone learns its result.
  await console_.click('#reveal-answer');
  await projector.locator('.q-options li.right[data-choice="B"]').waitFor();
  assert.match(await projector.locator('.q-answer').innerText(), /Đáp án: B/);
  await phones[0].locator('.play-result.right').waitFor();
  assert.match(await phones[0].locator('.play-result').innerText(), /Chính xác! \+10,00/);
  await phones[1].locator('.play-result.wrong').waitFor();
  assert.match(await phones[1].locator('.play-result').innerText(), /Chưa đúng · Đáp án: B/);
  assert.match(await phones[0].locator('.play-score').innerText(), /Điểm của bạn: 10,00 · Hạng 1/);
  await shot(projector, 'show-projector-revealed');
  await shot(phones[0], 'show-phone-right');
  await shot(phones[1], 'show-phone-wrong');

  // Between questions: the audience's best on the projector, markup as text.
  await console_.click('#close-question');
  await projector.locator('.show-top:not([hidden]) li').first().waitFor();
  const top = await projector.locator('.show-top li').allInnerTexts();
  assert.match(top[0], /Cô giáo Lan/);
  assert.match(top[1], /Bác Tư <b>/, 'a nickname with markup shows as text');
  await shot(projector, 'show-projector-top');
  await phones[0].locator('.play-wait:not([hidden])').waitFor();
  await shot(phones[0], 'show-phone-between');

  // The secretary marks the teams from the same page; the quiz score follows.
  const team = contest.teams[0].id;
  const cell = `#quiz-grid tr[data-team="${team}"] .quiz-cell[data-question="${contest.rounds[1].questions[0].id}"]`;
  await console_.click(`${cell} button.mark.right`);
  await console_.locator(`${cell} button.mark.right.on`).waitFor();
  await console_.locator(`#quiz-grid tr[data-team="${team}"] td.total`, { hasText: '10,00' }).waitFor();
  // The next question is picked and shown untimed.
  await console_.click('.console-buttons button:last-child');
  await console_.locator('.chip-choice', { hasText: 'Không giới hạn' }).click();
  await console_.click('#show-question');
  await projector.locator('.show-quiz .q-number', { hasText: 'Câu 2' }).waitFor();
  assert.equal(await projector.locator('.show-quiz .countdown').innerText(), '', 'untimed: no countdown');
  await phones[1].locator('.q-number', { hasText: 'Câu 2' }).waitFor();
  await phones[1].click('.play-option[data-choice="A"]');
  await phones[1].locator('.play-result.sent').waitFor();
  await console_.click('#reveal-answer');
  await phones[1].locator('.play-result.right').waitFor();
  const lb = await (await fetch(`${BASE}/api/v1/contests/${cid}/play/leaderboard`)).json();
  assert.deepEqual(lb.players.map((p) => [p.nickname, p.points, p.rank]), [['Bác Tư <b>', '10.00', 1], ['Cô giáo Lan', '10.00', 1]]);
  // The judges' standings never move because of the audience.
  const board = await (await fetch(`${BASE}/api/v1/contests/${cid}/leaderboard`)).json();
  assert.ok(board.standings.every((r) => r.rounds[String(contest.rounds[0].id)] === null));
});

test('three phones vote; counts stay hidden until the vote closes; its prize is announced', async () => {
  const cid = contest.id;
  const manage = await (await signedInContext(browser, 'btc', 'bantochuc-2026', LAPTOP)).newPage();
  await manage.goto(`${BASE}/manage/${cid}`);
  await hydrated(manage);
  await manage.locator('#vote-card #vote-prize').waitFor();
  assert.equal(await manage.inputValue('#vote-prize'), PRIZE);
  await manage.click('#vote-switch');
  await manage.locator('#vote-card .state-pill.open').waitFor();

  const voters = [];
  for (let i = 0; i < 3; i += 1) {
    const phone = await (await browser.newContext({ ...PHONE })).newPage();
    await phone.goto(`${BASE}/contests/${cid}/binh-chon`);
    voters.push(phone);
  }
  const [gm, dk, kn] = contest.teams.map((t) => t.id);
  const vote = async (phone, team) => {
    await phone.locator(`.vote-team[data-team="${team}"]:not([disabled])`).click();
    await phone.locator(`.vote-team.chosen[data-team="${team}"]`).waitFor();
  };
  await vote(voters[0], gm);
  await vote(voters[0], dk); // moved, not added
  await vote(voters[1], dk);
  await vote(voters[2], kn);
  assert.match(await voters[0].locator('.vote-mine').innerText(), /Bạn đã bình chọn: Đội xóm Đồng Kiệm/);
  await shot(voters[0], 'show-vote-phone');
  // Hidden from the public while open; the organiser watches them live.
  assert.equal((await fetch(`${BASE}/api/v1/contests/${cid}/votes`)).status, 403);
  await manage.waitForFunction(() => document.querySelector('#vote-total')?.textContent === '3', null, { timeout: 10000 });
  await shot(manage, 'show-vote-organiser');

  await manage.click('#vote-switch');
  await manage.locator('#vote-card .state-pill:not(.open)').waitFor();
  for (const phone of voters) await phone.locator(`.vote-team.winner[data-team="${dk}"]`).waitFor();
  assert.match(await voters[2].locator(`.vote-team[data-team="${dk}"] .vote-count`).innerText(), /2 phiếu/);
  await shot(voters[2], 'show-vote-closed');

  // Scored, kept for the ceremony, published: the MC announces the vote's prize.
  const gk1 = await signIn('gk1', 'giamkhao-2026');
  const [judged, quiz] = contest.rounds;
  await api(cookie, 'PUT', `/contests/${cid}/rounds/${judged.id}/state`, { state: 'open' });
  for (const [i, t] of contest.teams.entries()) {
    const r = await api(gk1, 'PUT', `/contests/${cid}/rounds/${judged.id}/teams/${t.id}/sheet`, { scores: { [judged.criteria[0].id]: String(70 + i * 5) } });
    assert.equal(r.status, 200, await r.text());
  }
  assert.equal((await api(cookie, 'PUT', `/contests/${cid}/ceremony`, { sealed: true })).status, 200);
  for (const r of [judged, quiz]) {
    for (const state of ['locked', 'published']) await api(cookie, 'PUT', `/contests/${cid}/rounds/${r.id}/state`, { state });
  }
  const mc = manage;
  await mc.goto(`${BASE}/manage/${cid}/ceremony`);
  await hydrated(mc);
  await projector.goto(`${BASE}/contests/${cid}/projector`);
  await projector.locator('.live-status.on').waitFor();
  const steps = (await (await api(cookie, 'GET', `/contests/${cid}/ceremony`)).json()).steps;
  const at = steps.findIndex((s) => s.prize === PRIZE);
  assert.ok(at >= 0, `the vote's prize is a step of the ceremony: ${JSON.stringify(steps.map((s) => s.prize))}`);
  for (let k = 0; k <= at; k += 1) {
    await mc.click('#reveal-next');
    await projector.locator(`.ceremony .reveal-card[data-step="${k + 1}"]`).waitFor();
  }
  assert.match(await projector.locator('.ceremony .reveal-card').textContent(), new RegExp(`${PRIZE}[\\s\\S]*Đội xóm Đồng Kiệm`));
  await shot(projector, 'show-vote-ceremony');
});
