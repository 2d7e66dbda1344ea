// The register of models in Chromium: a commune's organiser registers a
// model on /manage/models and the city's organiser moves it to recognised
// with the decision's number; on a 390 px phone the public register finds
// it typed without accents and opens its page; a council of the city
// is set up on the pages (the council's template, three models picked from
// the register), one judge scores on a tablet's desk and the other's
// sheets go through the API, and its record
// shows two recognised; the statistics page draws the models and exports the report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, TABLET, launch, shot, hydrated, signIn, api, signedInContext, xlsxRows, pngPhoto } from './helpers.mjs';

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
  await form.locator('input[name=photos]').setInputFiles([
    { name: 'ngay-thu-bay-xanh.png', mimeType: 'image/png', buffer: await pngPhoto(1800, 1200) },
  ]);
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
  assert.equal(await phone.locator('.model-photos img').count(), 1, 'the photo sent with the form');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
  await shot(phone, 'models-page-phone');
  await context.close();
});

test('a council of the city, set up on the pages, recognises the models at or above its threshold', async () => {
  const cookie = await signIn('bdv', 'bandanvan-2026');
  const units = (await (await fetch(`${BASE}/api/v1/units`)).json()).units;
  const unit = (n) => units.find((u) => u.name === n).id;
  const ids = [];
  const names = ['Chợ 0 đồng ở phường Đức Xuân', 'Đèn đường tự quản ở phường Sông Cầu', 'Tủ sách thôn bản ở xã Dương Quang'];
  for (const [name, where] of [[names[0], 'Phường Đức Xuân'], [names[1], 'Phường Sông Cầu'], [names[2], 'Xã Dương Quang']]) {
    const r = await api(cookie, 'POST', '/models', { unit_id: unit(where), year: 2026, name, field: 'culture_society',
      kind: 'collective', owner: `Chi hội ${where}`, summary: 'Mô hình thử hội đồng.' });
    assert.equal(r.status, 201, await r.clone().text());
    ids.push((await r.json()).id);
  }
  // The council: from the new-contest page, its template, models picked
  // from the register, two judges; saved.
  const page = await (await signedInContext(browser, 'bdv', 'bandanvan-2026')).newPage();
  await page.goto(`${BASE}/manage/new`);
  await hydrated(page);
  await page.locator('#new-contest input[name=unit][readonly]').waitFor();
  await page.locator('#council-choice input').check();
  await page.selectOption('#new-contest select[name=level]', 'district');
  await page.fill('#new-contest input[name=name]', 'Hội đồng xét công nhận mô hình thành phố Bắc Kạn đợt 2');
  await page.getByRole('button', { name: 'Tạo hội thi' }).click();
  await page.waitForURL(/\/manage\/\d+\/setup$/);
  const cid = Number(page.url().match(/manage\/(\d+)\/setup/)[1]);
  await page.locator('#model-picker input[type=checkbox]').first().waitFor();
  assert.equal(await page.inputValue('input[name=recognition_threshold]'), '70');
  for (const name of names) {
    await page.locator('#model-picker label', { hasText: name }).locator('input').check();
  }
  await page.locator('#add-models').click();
  assert.equal(await page.locator('.team-edit').count(), 3);
  for (const [i, judge] of ['gk1', 'gk2'].entries()) {
    await page.getByRole('button', { name: '+ Thêm giám khảo' }).click();
    await page.selectOption(`select[name="judges[${i}]"]`, judge);
  }
  await page.locator('#save-setup').click();
  await page.locator('.save-status .ok').waitFor();
  await shot(page, 'models-council-setup');

  const c = await (await api(cookie, 'GET', `/contests/${cid}`)).json();
  assert.deepEqual(c.teams.map((t) => t.name).sort(), [...names].sort());
  const round = c.rounds[0];
  assert.equal(round.criteria.length, 5);
  await api(cookie, 'PUT', `/contests/${cid}/rounds/${round.id}/state`, { state: 'open' });
  // Means 70, 69.5 and 82 over the template's five criteria (20, 20, 30, 20, 10).
  const seventy = ['14', '14', '21', '14', '7'];
  const marks = {
    [names[0]]: [seventy, seventy],
    [names[1]]: [seventy, ['14', '14', '21', '14', '6']],
    [names[2]]: [['16', '16', '25', '16', '9'], ['16', '16', '25', '16', '9']],
  };
  // One member of the council scores on a tablet's desk, the other's
  // sheets come through the API.
  const desk = await (await signedInContext(browser, 'gk1', 'giamkhao-2026', TABLET)).newPage();
  await desk.goto(`${BASE}/judge/${cid}`);
  await hydrated(desk);
  for (const team of c.teams) {
    await desk.click(`.team-pick[data-team="${team.id}"]`);
    for (const [k, cr] of round.criteria.entries()) await desk.fill(`#c${cr.id}`, marks[team.name][0][k]);
    await desk.click('#submit-sheet');
    await desk.locator('#sheet-notice .ok').waitFor();
  }
  const sent = async () => (await (await api(cookie, 'GET', `/contests/${cid}/rounds/${round.id}/sheets`)).json()).sheets.length;
  for (let i = 0; i < 50 && (await sent()) < 3; i++) await desk.waitForTimeout(200);
  assert.equal(await sent(), 3, 'the tablet sent a sheet for each model');
  await shot(desk, 'models-council-judge-tablet');
  await desk.context().close();
  const jc = await signIn('gk2', 'giamkhao-2026');
  for (const team of c.teams) {
    const scores = Object.fromEntries(round.criteria.map((cr, k) => [cr.id, marks[team.name][1][k]]));
    const s = await api(jc, 'PUT', `/contests/${cid}/rounds/${round.id}/teams/${team.id}/sheet`, { scores });
    assert.equal(s.status, 200, await s.clone().text());
  }
  const sheets = await (await api(cookie, 'GET', `/contests/${cid}/rounds/${round.id}/sheets`)).json();
  assert.equal(sheets.sheets.length, 6, 'both judges\' sheets for the three models');
  for (const state of ['locked', 'published']) {
    await api(cookie, 'PUT', `/contests/${cid}/rounds/${round.id}/state`, { state });
  }
  const statuses = [];
  for (const id of ids) statuses.push((await (await fetch(`${BASE}/api/v1/models/${id}`)).json()).status);
  assert.deepEqual(statuses, ['recognised', 'registered', 'recognised']);
  await page.goto(`${BASE}/manage/${cid}/record`);
  const record = await page.locator('article.record').textContent();
  assert.ok(record.includes('BIÊN BẢN XÉT CÔNG NHẬN MÔ HÌNH'));
  assert.ok(record.includes('Kết quả xét'), 'the summary heads its last column as the council does');
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
