// A call for models in Chromium: the city's organiser opens a call for
// two of its communes on /manage/models/calls and prints their QR cards;
// on a 390 px phone, with no account, a commune opens its link, fills in
// the model with two photos and sends it; a file that is not a photo is
// refused in Vietnamese and nothing is stored; the model's public page
// shows its photos.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, launch, shot, hydrated, signedInContext, pngPhoto, communeInvitation } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NAME = 'Mô hình “Tổ tự quản đường hoa” ở thôn Nà Pài';
let link;

test('the city opens a call and prints a QR card for each commune', async () => {
  const city = await (await signedInContext(browser, 'bdv', 'bandanvan-2026')).newPage();
  await city.goto(`${BASE}/manage/models/calls`);
  await hydrated(city);
  const form = city.locator('#call-form');
  await form.locator('input[name=deadline]').fill('2099-06-30T17:00');
  for (const unit of ['Xã Nông Thượng', 'Phường Đức Xuân']) {
    await form.locator('label.check', { hasText: unit }).locator('input').check();
  }
  assert.match(await form.locator('button[type=submit]').textContent(), /\(2\)/);
  await form.locator('button[type=submit]').click();
  const row = city.locator('.model-call tr', { hasText: 'Xã Nông Thượng' }).first();
  await row.waitFor();
  link = await row.locator('input.copy-link').inputValue();
  assert.match(link, /\/mo-hinh\/dang-ky\/[A-Za-z0-9_-]{43}$/);
  await shot(city, 'model-call-desktop');
  const cardsHref = await city.locator('.model-call a', { hasText: 'In thẻ mã QR' }).first().getAttribute('href');
  await city.goto(`${BASE}${cardsHref}`);
  const card = city.locator('.invitation-card', { hasText: 'Xã Nông Thượng' });
  await card.waitFor();
  assert.equal(await card.locator('.qr svg').count(), 1, 'a QR code on the card');
  assert.equal(await city.locator('.invitation-card').count(), 2);
  await shot(city, 'model-call-cards');
  await city.context().close();
});

test('a commune registers a model with photos by its link on a 390 px phone', async () => {
  assert.ok(link, 'the call was opened');
  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await phone.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
  await hydrated(phone);
  assert.match(await phone.locator('.call-head').textContent(), /Xã Nông Thượng/);
  const form = phone.locator('#model-link-form');
  const fill = async (name) => {
    await form.locator('input[name=name]').fill(name);
    await form.locator('select[name=field]').selectOption('culture_society');
    await form.locator('select[name=kind]').selectOption('collective');
    await form.locator('input[name=owner]').fill('Chi hội Phụ nữ thôn Nà Pài');
    await form.locator('textarea[name=summary]').fill('Mỗi hộ nhận chăm một đoạn đường hoa; tổ họp mỗi tháng một lần.');
    await form.locator('textarea[name=goals]').fill('Thôn sáng, xanh, sạch; 100% hộ tham gia.');
  };
  // Not a photo: refused by name, in Vietnamese, and nothing is kept.
  await fill('Mô hình gửi nhầm tệp');
  await form.locator('input[name=photos]').setInputFiles([
    { name: 'bao-cao.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Báo cáo tổng kết, không phải ảnh') },
  ]);
  await form.locator('button[type=submit]').click();
  const error = phone.locator('.error');
  await error.first().waitFor();
  assert.match(await error.first().textContent(), /không phải ảnh/);
  assert.equal(await phone.locator('#models-sent').count(), 0, 'nothing was stored');

  await fill(NAME);
  await form.locator('input[name=photos]').setInputFiles([
    { name: 'anh-1.png', mimeType: 'image/png', buffer: await pngPhoto(2000, 1500) },
    { name: 'anh-2.png', mimeType: 'image/png', buffer: await pngPhoto(900, 1200) },
  ]);
  await shot(phone, 'model-link-phone-form');
  const noSideways = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(noSideways, 'the form fits the phone');
  await form.locator('button[type=submit]').click();
  await phone.locator('#model-sent').waitFor();
  const sent = phone.locator('#models-sent li', { hasText: NAME });
  await sent.waitFor();
  assert.match(await sent.textContent(), /2 ảnh/);
  assert.equal(await phone.locator('#models-sent li').count(), 1);
  assert.equal(await form.locator('input[name=name]').inputValue(), '', 'the form is empty for the next model');
  await shot(phone, 'model-link-phone-sent');

  // Its public page, on the phone: the story and both photos.
  const id = await sent.getAttribute('data-model');
  await phone.goto(`${BASE}/mo-hinh/${id}`);
  await phone.locator('#model').waitFor();
  const photos = phone.locator('.model-photos img');
  assert.equal(await photos.count(), 2);
  await photos.first().evaluate((img) => img.decode());
  const width = await photos.first().evaluate((img) => img.naturalWidth);
  assert.ok(width > 0 && width <= 480, `a thumbnail (${width} px)`);
  assert.match(await phone.locator('#model').textContent(), /Xã Nông Thượng/);
  await shot(phone, 'model-page-photos-phone');
  await context.close();
});

test("a unit's registration link offers the unit's registered models", async () => {
  const token = await communeInvitation('Hội thi “Dân vận khéo” thành phố Bắc Kạn - mời đăng ký thử');

  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await phone.goto(`${BASE}/dang-ky/${token}`);
  await hydrated(phone);
  const picker = phone.locator('select[name="model.model_id"]');
  await picker.waitFor();
  const option = picker.locator('option', { hasText: NAME });
  await picker.selectOption(await option.getAttribute('value'));
  assert.equal(await phone.inputValue('input[name="model.name"]'), NAME);
  await phone.locator('input[name="team.name"]').fill('Đội xã Nông Thượng');
  await phone.locator('#save-draft').click();
  await phone.locator('span.ok[role=status]').waitFor();
  await shot(phone, 'entry-model-picker-phone');
  const entry = await (await fetch(`${BASE}/api/v1/entries/${token}`)).json();
  assert.equal(entry.entry.model.name, NAME);
  assert.ok(Number.isInteger(entry.entry.model.model_id), 'the entry names the registered model');
  await context.close();
});
