// The audience's screens: the phone page, the hall projector and the
// livestream overlay. None loads WebAssembly; all follow the stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, PHONE, shot, signIn, api } from './helpers.mjs';

const PROJECTOR = { viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' };
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Every script and WebAssembly file a page loads, with its gzip size as sent.
function countDownloads(page) {
  const files = [];
  page.on('response', async (r) => {
    const type = r.request().resourceType();
    const url = r.url();
    if (type === 'script' || url.endsWith('.wasm')) {
      const body = await r.body().catch(() => Buffer.alloc(0));
      files.push({ url, bytes: body.length });
    }
  });
  return files;
}

test('the phone page is live without WebAssembly and loads under 250 KB of script', async () => {
  const page = await (await browser.newContext(PHONE)).newPage();
  const files = countDownloads(page);
  await page.goto(`${BASE}/contests/1`);
  await page.locator('.live-status.on').waitFor();
  assert.equal(await page.locator('table.standings tbody tr').count(), 7);
  assert.deepEqual(files.filter((f) => f.url.endsWith('.wasm')), [], 'no WebAssembly on the audience page');
  const total = files.reduce((n, f) => n + f.bytes, 0);
  assert.ok(total > 0 && total < 250 * 1024, `scripts: ${JSON.stringify(files)}`);
  await shot(page, 'leaderboard-phone');
});

test('the contest list filters by level, year and unit without any script', async () => {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE);
  await page.selectOption('select[name=level]', 'commune');
  // Units are a tree: the option is indented under its district.
  const unit = await page.locator('select[name=unit] option', { hasText: 'Xã Nông Thượng' }).first().getAttribute('value');
  await page.selectOption('select[name=unit]', unit);
  await Promise.all([page.waitForURL(/level=commune/), page.getByRole('button', { name: 'Lọc' }).click()]);
  assert.ok(await page.getByRole('link', { name: /Nông Thượng/ }).count() >= 1);
  await shot(page, 'contests-filtered-phone');
  await page.goto(`${BASE}/?level=province`);
  assert.equal(await page.getByRole('link', { name: /Nông Thượng/ }).count(), 0);
  await context.close();
});

test('the projector fills 1920×1080 with large type, a QR code, and pages through teams', async () => {
  const page = await (await browser.newContext(PROJECTOR)).newPage();
  const files = countDownloads(page);
  await page.goto(`${BASE}/contests/1/projector`);
  await page.locator('.live-status.on').waitFor();
  assert.equal(await page.locator('header.topbar').count(), 0, 'no site header on the projector');
  assert.equal(await page.locator('.projector-qr svg').count(), 1);
  assert.match(await page.locator('.projector-qr figcaption').innerText(), /\/contests\/1/);
  const px = await page.locator('table.standings td.total').first().evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
  assert.ok(px >= 40, `totals in ${px}px type`);
  assert.deepEqual(files.filter((f) => f.url.endsWith('.wasm')), []);
  await shot(page, 'projector-1920x1080');

  // A small screen: more teams than fit, so it pages.
  await page.setViewportSize({ width: 1280, height: 560 });
  await page.waitForFunction(() => /\d+\/\d+/.test(document.querySelector('.page-indicator').textContent));
  const hidden = await page.locator('table.standings tbody tr[hidden]').count();
  assert.ok(hidden > 0 && hidden < 7, `${hidden} rows on later pages`);
});

test('the overlay names each team as its marks complete, and the board shows who moved', async () => {
  const admin = await signIn('admin', 'kheo-admin-2026');
  const judgeName = `gk-overlay-${Date.now()}`;
  let r = await api(admin, 'POST', '/users', { username: judgeName, password: 'giamkhao-2026', role: 'judge' });
  assert.equal(r.status, 201);
  r = await api(admin, 'POST', '/contests', {
    name: 'Hội thi thử lớp phủ', level: 'commune', unit: 'Xã Thử Nghiệm',
    rounds: [{ name: 'Tiểu phẩm', criteria: [{ name: 'Nội dung', max_points: '30' }] }],
    teams: [{ name: 'Đội Thôn Đông', unit: 'Thôn Đông' }, { name: 'Đội Thôn Tây', unit: 'Thôn Tây' }, { name: 'Đội Thôn Nam', unit: 'Thôn Nam' }],
    judges: [judgeName],
  });
  const contest = await r.json();
  assert.equal(r.status, 201, JSON.stringify(contest));
  const round = contest.rounds[0];
  const [east, west] = contest.teams;
  r = await api(admin, 'PUT', `/contests/${contest.id}/rounds/${round.id}/state`, { state: 'open' });
  assert.equal(r.status, 200);
  const judge = await signIn(judgeName, 'giamkhao-2026');
  const mark = (team, points) => api(judge, 'PUT', `/contests/${contest.id}/rounds/${round.id}/teams/${team.id}/sheet`,
    { scores: { [String(round.criteria[0].id)]: points } });

  assert.equal((await mark(east, '18.5')).status, 200);
  const overlay = await (await browser.newContext(PROJECTOR)).newPage();
  await overlay.goto(`${BASE}/contests/${contest.id}/overlay`);
  const board = await (await browser.newContext(PHONE)).newPage();
  await board.goto(`${BASE}/contests/${contest.id}`);
  for (const p of [overlay, board]) await p.waitForFunction(() => window.EventSource && document.readyState === 'complete');
  await board.locator('.live-status.on').waitFor();
  const background = await overlay.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor]);
  assert.deepEqual(background, ['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'], 'transparent for the streaming tool');
  assert.equal(await overlay.locator('.lt-list li').first().locator('.lt-team').innerText(), 'Đội Thôn Đông');
  await overlay.waitForTimeout(300);

  assert.equal((await mark(west, '27.25')).status, 200);
  await overlay.locator('.flash.in').waitFor({ timeout: 1000 });
  assert.equal(await overlay.locator('.flash-team').innerText(), 'Đội Thôn Tây');
  assert.match(await overlay.locator('.flash-points').innerText(), /^27,25 điểm$/);
  assert.equal(await overlay.locator('.lt-list li').first().locator('.lt-team').innerText(), 'Đội Thôn Tây');
  await board.locator(`tr[data-team="${west.id}"].moved-up`).waitFor({ timeout: 1000 });
  await board.locator(`tr[data-team="${east.id}"].moved-down`).waitFor({ timeout: 1000 });
  assert.equal(await board.locator('tbody tr').first().getAttribute('data-team'), String(west.id));
  await overlay.screenshot({ path: `${process.env.KHEO_SCREENSHOTS ?? 'screenshots'}/overlay-1920x1080.png`, omitBackground: true });
  await shot(board, 'leaderboard-phone-moved');
});
