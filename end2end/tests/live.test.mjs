// Two audience pages follow the demo leaderboard; judges submit the last
// marks of a team through the API; both pages change without a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, PHONE, shot, signIn } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('both pages show the new standings within a second of the last mark', async () => {
  const contest = await (await fetch(`${BASE}/api/v1/contests/1`)).json();
  const round = contest.rounds[1];             // Kiến thức: open in the demo
  const team = contest.teams[3];               // 3 of 5 judges have scored it
  const cell = (page) => page.locator(`tr[data-team="${team.id}"] td.total`);

  const pages = [];
  for (const device of [PHONE, { viewport: { width: 1280, height: 800 }, locale: 'vi-VN' }]) {
    const page = await (await browser.newContext(device)).newPage();
    await page.goto(`${BASE}/contests/${contest.id}`);
    // The public page is plain HTML kept live by board.js; no WebAssembly.
    await page.locator('.live-status.on').waitFor();
    pages.push(page);
  }
  const before = await cell(pages[0]).innerText();

  const scores = Object.fromEntries(round.criteria.map((c, i) => [String(c.id), i === 0 ? '15' : '8']));
  for (const judge of ['gk4', 'gk5']) {
    const cookie = await signIn(judge, 'giamkhao-2026');
    const started = Date.now();
    const r = await fetch(`${BASE}/api/v1/contests/${contest.id}/rounds/${round.id}/teams/${team.id}/sheet`, {
      method: 'PUT', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ scores }),
    });
    assert.equal(r.status, 200, await r.text());
    if (judge === 'gk5') {
      const board = await (await fetch(`${BASE}/api/v1/contests/${contest.id}/leaderboard`)).json();
      const line = board.standings.find((s) => s.team.id === team.id);
      assert.notEqual(line.rounds[String(round.id)], null, 'the last mark completes the round score');
      for (const page of pages) {
        await page.waitForFunction(
          ([sel, total]) => document.querySelector(sel)?.textContent.trim() === total,
          // The API keeps "17.92"; the page writes it as Vietnamese do.
          [`tr[data-team="${team.id}"] td.total`, line.total.replace('.', ',')], { timeout: 1000 });
      }
      assert.ok(Date.now() - started < 1500);
      assert.notEqual(line.total, before);
    }
  }
  await shot(pages[0], 'leaderboard-phone-live');
  await shot(pages[1], 'leaderboard-desktop-live');
});
