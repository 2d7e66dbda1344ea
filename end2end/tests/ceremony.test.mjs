// The award ceremony in Chromium: results kept from the public; the MC
// reveals the prizes from the last to the first; each reveal shows on a
// phone's public page and on the hall's projector within a second of the
// server taking it, and no later prize is in the page, the stream or the
// JSON before its turn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, launch, shot, hydrated, signIn, api, signedInContext } from './helpers.mjs';

const PROJECTOR = { viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' };
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Four teams scored 40, 30, 20, 10 by one judge; the round locked.
async function scoredContest(organiser) {
  const r = await api(organiser, 'POST', '/contests', {
    name: 'Hội thi thử lễ trao giải 2026', level: 'district', unit: 'Thành phố Bắc Kạn',
    rounds: [{ name: 'Tiểu phẩm', criteria: [{ name: 'Nội dung', max_points: '50' }] }],
    teams: ['A', 'B', 'C', 'D'].map((x) => ({ name: `Đội ${x}`, unit: `Phường ${x}` })),
    judges: ['gk1'],
    awards: [{ name: 'Giải Nhất', count: 1 }, { name: 'Giải Nhì', count: 1 }, { name: 'Giải Ba', count: 1 }, { name: 'Giải Khuyến khích' }],
  });
  assert.equal(r.status, 201, await r.clone().text());
  const contest = await r.json();
  const round = contest.rounds[0];
  const state = (s) => api(organiser, 'PUT', `/contests/${contest.id}/rounds/${round.id}/state`, { state: s });
  assert.equal((await state('open')).status, 200);
  const judge = await signIn('gk1', 'giamkhao-2026');
  for (const [i, points] of ['40', '30', '20', '10'].entries()) {
    const sheet = await api(judge, 'PUT', `/contests/${contest.id}/rounds/${round.id}/teams/${contest.teams[i].id}/sheet`,
      { scores: { [round.criteria[0].id]: points } });
    assert.equal(sheet.status, 200);
  }
  assert.equal((await state('locked')).status, 200);
  return { contest, state };
}

test('the MC reveals prizes one at a time; the phone and the projector follow within a second', async () => {
  const cookie = await signIn('bdv', 'bandanvan-2026');
  const { contest, state } = await scoredContest(cookie);
  const cid = contest.id;

  // Kept for the ceremony from the results page, then the round published.
  const staff = await signedInContext(browser, 'bdv', 'bandanvan-2026');
  const results = await staff.newPage();
  await results.goto(`${BASE}/manage/${cid}/results`);
  await hydrated(results);
  await results.click('#seal');
  await results.locator('#ceremony-settings .notice').waitFor();
  assert.equal((await state('published')).status, 200);

  // The audience: a phone on the public page, the hall's projector.
  const phone = await (await browser.newContext({ ...PHONE })).newPage();
  const projector = await (await browser.newContext(PROJECTOR)).newPage();
  for (const page of [phone, projector]) {
    await page.goto(`${BASE}/contests/${cid}${page === projector ? '/projector' : ''}`);
    await page.locator('.live-status.on').waitFor();
    // What the stream carries, as a viewer would receive it.
    await page.evaluate((id) => {
      window.__frames = [];
      new EventSource(`/api/v1/contests/${id}/leaderboard/stream`)
        .addEventListener('leaderboard', (ev) => window.__frames.push(ev.data));
    }, cid);
  }
  assert.match(await phone.locator('.ceremony-banner').innerText(), /lễ trao giải/);
  // Kept for the ceremony: no score and no rank (not every team "1st, 0").
  assert.equal(await phone.locator('td.total').first().innerText(), '—', 'no score before the ceremony');
  assert.equal(await phone.locator('td.rank .rank-badge.top').count(), 0, 'no rank before the ceremony');

  const mc = await staff.newPage();
  await mc.goto(`${BASE}/manage/${cid}/ceremony`);
  await hydrated(mc);
  const steps = (await (await api(cookie, 'GET', `/contests/${cid}/ceremony`)).json()).steps;
  assert.deepEqual(steps.map((s) => s.prize), ['Giải Khuyến khích', 'Giải Ba', 'Giải Nhì', 'Giải Nhất']);
  for (const [i, step] of steps.entries()) {
    const k = i + 1;
    await mc.click('#reveal-next');
    // From the moment the server has taken the reveal…
    await mc.waitForFunction((want) => document.querySelector('#progress')?.textContent === want, `${k} / ${steps.length}`);
    const taken = Date.now();
    // …both screens show it within a second.
    for (const page of [phone, projector]) {
      const card = page.locator(`.ceremony .reveal-card[data-step="${k}"]`);
      await card.waitFor({ timeout: 1000 });
      assert.match(await card.innerText(), new RegExp(step.teams[0].name));
    }
    assert.ok(Date.now() - taken <= 1000, `reveal ${k} took ${Date.now() - taken} ms`);
    // Nothing later: not on the page, not in the stream, not in the JSON.
    const later = steps.slice(k).map((s) => s.prize).filter((p) => !steps.slice(0, k).some((x) => x.prize === p));
    const json = await (await fetch(`${BASE}/api/v1/contests/${cid}/leaderboard`)).text();
    const results = await (await fetch(`${BASE}/api/v1/contests/${cid}/results`)).text();
    for (const page of [phone, projector]) {
      const html = await page.content();
      const frames = await page.evaluate(() => window.__frames.join('\n'));
      for (const prize of later) {
        assert.ok(!html.includes(prize), `${prize} not on the page before its reveal`);
        assert.ok(!frames.includes(prize), `${prize} not in the stream before its reveal`);
        assert.ok(!json.includes(prize) && !results.includes(prize), `${prize} not in the JSON before its reveal`);
      }
    }
    if (k === 2) {
      await shot(phone, 'ceremony-phone');
      await shot(projector, 'ceremony-projector');
      await shot(mc, 'ceremony-mc');
    }
  }
  // After the last reveal the scores show.
  await phone.waitForFunction(() => document.querySelector('td.total')?.textContent === '40,00');
});
