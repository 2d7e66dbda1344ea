// The register of models in Chromium: a commune's organiser registers a
// model on /manage/models and the city's organiser moves it to recognised
// with the decision's number; on a 390 px phone the public register finds
// it typed without accents and opens its page; a council of the city
// judges three models (sheets through the API) and its record shows two
// recognised; the statistics page draws the models and exports the report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, launch, shot, hydrated, signIn, api, signedInContext, xlsxRows } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NAME = 'Mô hình “Ngày thứ Bảy xanh” ở thôn Khuổi Kịt';

test('a commune registers a model and the city recognises it, on the pages', async () => {
  const commune = await (await signedInContext(browser, 'btc', 'bantochuc-2026')).newPage();
  await commune.goto(`${BASE}/manage/models`);
  await hydrated(commune);
  // The commune has models already: the form is folded under its title.
  const form = commune.locator('#model-form');
  assert.equal(await form.isVisible(), false);
  await commune.locator('#model-form-card > summary').click();
  await form.locator('input[name=name]').fill(NAME);
  await form.locator('select[name=field]').selectOption('culture_society');
  await form.locator('input[name=owner]').fill('Chi đoàn thôn Khuổi Kịt');
  await form.locator('textarea[name=summary]').fill('Mỗi sáng thứ Bảy, thanh niên và nhân dân cùng dọn đường, trồng hoa.');
  await form.locator('textarea[name=situation]').fill('Rác thải ven đường liên thôn.');
  await form.locator('textarea[name=outputs]').fill('1,5 km đường hoa; 4 điểm tập kết rác.');
  await shot(commune, 'models-form-desktop');
  await form.locator('button[type=submit]').click();
  await commune.locator('#model-registered').waitFor();
  // The list and the form are drawn again together, the form folded.
  const row = commune.locator('#my-models tr', { hasText: NAME });
  await row.waitFor();
  assert.match(await row.textContent(), /Đăng ký/);
  await commune.locator('#model-form-card:not([open])').waitFor();
  await commune.locator('#model-form-card > summary').click();

  // A bad year is refused in Vietnamese, and nothing is stored.
  await form.locator('input[name=name]').fill('Mô hình năm sai');
  await form.locator('input[name=owner]').fill('Ai đó');
  await form.locator('textarea[name=summary]').fill('Thử.');
  await form.locator('input[name=year]').evaluate((e) => { e.removeAttribute('min'); e.value = '2001'; });
  await form.locator('button[type=submit]').click();
  await commune.locator('#model-form .error').waitFor();
  assert.match(await commune.locator('#model-form .error').textContent(), /Năm/i);

  const city = await (await signedInContext(browser, 'bdv', 'bandanvan-2026')).newPage();
  await city.goto(`${BASE}/manage/models`);
  await hydrated(city);
  const line = city.locator('#my-models tr', { hasText: NAME });
  await line.locator('button[type=submit]').click();
  await city.locator('#my-models tr', { hasText: NAME }).locator('.badge', { hasText: 'Đang triển khai' }).waitFor();
  const again = city.locator('#my-models tr', { hasText: NAME });
  await again.locator('select[name=status]').selectOption('recognised');
  await again.locator('input[name=decision]').fill('Quyết định số 57-QĐ/BDVTU');
  await again.locator('button[type=submit]').click();
  await city.locator('#my-models tr', { hasText: NAME }).locator('.badge', { hasText: 'Được công nhận' }).waitFor();
  await shot(city, 'models-manage-desktop');
  await commune.context().close();
  await city.context().close();
});

test('on a phone the public register finds a model typed without accents', async () => {
  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await phone.goto(`${BASE}/mo-hinh`);
  assert.equal(await phone.locator('script[src*="kheo.js"], link[href*=".wasm"]').count(), 0, 'no WebAssembly');
  await shot(phone, 'models-register-phone');
  await phone.locator('input[name=q]').fill('ngay thu bay xanh khuoi kit');
  await phone.locator('#model-filters button[type=submit]').click();
  await phone.waitForURL(/q=ngay/);
  const found = phone.locator('#models .model-line');
  assert.equal(await found.count(), 1);
  assert.equal((await found.locator('.model-name').textContent()).trim(), NAME);
  await shot(phone, 'models-search-phone');
  await found.locator('.model-name').click();
  await phone.locator('#model').waitFor();
  const text = await phone.locator('#model').textContent();
  for (const want of ['Được công nhận', 'Thành phố Bắc Kạn', 'Quyết định số 57-QĐ/BDVTU', '1,5 km đường hoa', 'Chi đoàn thôn Khuổi Kịt']) {
    assert.ok(text.includes(want), `the model's page shows ${want}`);
  }
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
  await shot(phone, 'models-page-phone');
  await context.close();
});

test('a council of the city recognises the models at or above its threshold', async () => {
  const cookie = await signIn('bdv', 'bandanvan-2026');
  const units = (await (await fetch(`${BASE}/api/v1/units`)).json()).units;
  const unit = (n) => units.find((u) => u.name === n).id;
  const ids = [];
  for (const [name, where] of [['Chợ 0 đồng', 'Phường Đức Xuân'], ['Đèn đường tự quản', 'Phường Sông Cầu'], ['Tủ sách thôn bản', 'Xã Dương Quang']]) {
    const r = await api(cookie, 'POST', '/models', { unit_id: unit(where), year: 2026, name, field: 'culture_society',
      kind: 'collective', owner: `Chi hội ${where}`, summary: 'Mô hình thử hội đồng.' });
    assert.equal(r.status, 201, await r.clone().text());
    ids.push((await r.json()).id);
  }
  const r = await api(cookie, 'POST', '/contests', {
    name: 'Hội đồng xét công nhận mô hình thành phố Bắc Kạn đợt 2', level: 'district', unit_id: unit('Thành phố Bắc Kạn'),
    purpose: 'recognition', recognition_threshold: '70', awards: [],
    rounds: [{ name: 'Xét công nhận', criteria: [{ name: 'Hiệu quả', max_points: '60' }, { name: 'Nhân rộng', max_points: '40' }] }],
    teams: ids.map((model_id) => ({ model_id })), judges: ['gk1', 'gk2'],
  });
  assert.equal(r.status, 201, await r.clone().text());
  const c = await r.json();
  const round = c.rounds[0];
  await api(cookie, 'PUT', `/contests/${c.id}/rounds/${round.id}/state`, { state: 'open' });
  // Means: 70, 69.5 and 82.
  const marks = [[['42', '28'], ['42', '28']], [['41', '28'], ['42', '28']], [['50', '30'], ['52', '32']]];
  for (const [j, judge] of [[0, 'gk1'], [1, 'gk2']]) {
    const jc = await signIn(judge, 'giamkhao-2026');
    for (const [t, team] of c.teams.entries()) {
      const [a, b] = marks[t][j];
      const s = await api(jc, 'PUT', `/contests/${c.id}/rounds/${round.id}/teams/${team.id}/sheet`,
        { scores: { [round.criteria[0].id]: a, [round.criteria[1].id]: b } });
      assert.equal(s.status, 200, await s.clone().text());
    }
  }
  for (const state of ['locked', 'published']) {
    await api(cookie, 'PUT', `/contests/${c.id}/rounds/${round.id}/state`, { state });
  }
  const statuses = [];
  for (const id of ids) statuses.push((await (await fetch(`${BASE}/api/v1/models/${id}`)).json()).status);
  assert.deepEqual(statuses, ['recognised', 'registered', 'recognised']);
  const page = await (await signedInContext(browser, 'bdv', 'bandanvan-2026')).newPage();
  await page.goto(`${BASE}/manage/${c.id}/record`);
  const record = await page.locator('article.record').textContent();
  assert.ok(record.includes('BIÊN BẢN XÉT CÔNG NHẬN MÔ HÌNH'));
  assert.equal((record.match(/Đạt — công nhận/g) ?? []).length, 2);
  assert.equal((record.match(/Chưa đạt/g) ?? []).length, 1);
  await shot(page, 'models-council-record');
  await page.context().close();
});

test('the statistics page draws the models and exports the report', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${BASE}/statistics?year=2026`);
  await page.locator('#models svg.stat-chart').first().waitFor();
  assert.equal(await page.locator('#models figure').count() >= 2, true);
  await page.locator('#models').screenshot({ path: `${process.env.KHEO_SCREENSHOTS ?? 'screenshots'}/models-statistics.png` });
  const stats = await (await fetch(`${BASE}/api/v1/statistics/models?year=2026`)).json();
  const xlsx = Buffer.from(await (await fetch(`${BASE}/api/v1/statistics/models.xlsx?year=2026`)).arrayBuffer());
  const rows = xlsxRows(xlsx);
  const total = rows.find((r) => r.cells[0] === 'Tổng cộng');
  assert.ok(total, 'a total row');
  assert.equal(Number(total.cells[3]), stats.total);
  const economy = rows.find((r) => r.cells[0] === 'Kinh tế');
  assert.equal(Number(economy.cells[1]), stats.fields.economy.collective);
  await context.close();
});
