// The score ledger in Chromium: the projector shows the head hash's first
// 8 characters and follows each new sheet within a second; once results
// are final, anyone opens the ledger page on a phone, downloads the file,
// and the page's own Python snippet checks the chain to the same head.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, PHONE, launch, shot, signIn, api } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the projector shows the ledger head; the public ledger page checks out with its own script', async () => {
  const organiser = await signIn('bdv', 'bandanvan-2026');
  const r = await api(organiser, 'POST', '/contests', {
    name: 'Hội thi thử sổ điểm 2026', level: 'district', unit: 'Thành phố Bắc Kạn',
    rounds: [{ name: 'Tiểu phẩm', criteria: [{ name: 'Nội dung', max_points: '50' }] }],
    teams: ['A', 'B'].map((x) => ({ name: `Đội ${x}`, unit: `Phường ${x}` })),
    judges: ['gk1'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  const contest = await r.json();
  const cid = contest.id;
  const round = contest.rounds[0];
  const state = (s) => api(organiser, 'PUT', `/contests/${cid}/rounds/${round.id}/state`, { state: s });
  assert.equal((await state('open')).status, 200);
  const head = async () => (await (await api(organiser, 'GET', `/contests/${cid}/ledger`)).json()).head;

  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' })).newPage();
  await projector.goto(`${BASE}/contests/${cid}/projector`);
  await projector.locator('.live-status.on').waitFor();
  const shown = projector.locator('.ledger-short');
  assert.equal(await shown.textContent(), `Sổ điểm: ${(await head()).slice(0, 8)}`);

  const judge = await signIn('gk1', 'giamkhao-2026');
  for (const [i, points] of ['41.5', '38'].entries()) {
    const sheet = await api(judge, 'PUT', `/contests/${cid}/rounds/${round.id}/teams/${contest.teams[i].id}/sheet`,
      { scores: { [round.criteria[0].id]: points } });
    assert.equal(sheet.status, 200);
    const expected = `Sổ điểm: ${(await head()).slice(0, 8)}`;
    await projector.waitForFunction((text) => document.querySelector('.ledger-short').textContent === text,
      expected, { timeout: 1000 });
  }
  await shot(projector, 'ledger-projector');

  // Not public before the results are final.
  const phone = await (await browser.newContext({ ...PHONE })).newPage();
  await phone.goto(`${BASE}/contests/${cid}/ledger`);
  await phone.locator('.error').waitFor();
  assert.equal((await state('locked')).status, 200);
  assert.equal((await state('published')).status, 200);
  const final = await head();

  await phone.goto(`${BASE}/contests/${cid}/ledger`);
  assert.equal(await phone.locator('.ledger-head').textContent(), final);
  // begin, open, two sheets, locked, published.
  assert.equal(await phone.locator('.ledger-entries tbody tr').count(), 6);
  assert.match(await phone.locator('.ledger-entries').textContent(), /Gửi phiếu chấm/);
  await shot(phone, 'ledger-phone');

  // The file as the page offers it, checked by the page's own snippet.
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    phone.locator(`a[href="/api/v1/contests/${cid}/ledger"]`).click(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'kheo-ledger-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const script = join(dir, 'check.py');
  writeFileSync(script, await phone.locator('pre.code').first().textContent());
  const out = execFileSync('python3', [script, file], { encoding: 'utf8' });
  assert.equal(out.trim(), `OK ${final}`);
});
