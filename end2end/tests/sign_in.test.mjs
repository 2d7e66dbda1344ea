// A judge signs in through the page, in Chromium, and signs out again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, TABLET, PHONE, shot, hydrated } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [name, device] of [['tablet', TABLET], ['phone', PHONE]]) {
  test(`sign in and out on a ${name}`, async () => {
    const context = await browser.newContext(device);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${BASE}/sign-in`);
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    await hydrated(page);
    await shot(page, `sign-in-${name}`);

    // A wrong password: the Vietnamese message shows beside the form.
    await page.fill('input[name=username]', 'gk1');
    await page.fill('input[name=password]', 'sai-mat-khau');
    await page.click('button[type=submit]');
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Tên đăng nhập hoặc mật khẩu không đúng/);

    await page.fill('input[name=password]', 'giamkhao-2026');
    await page.click('button[type=submit]');
    await page.waitForURL(`${BASE}/account`);
    await page.locator('#signed-in-as').waitFor();
    assert.match(await page.locator('#signed-in-as').innerText(), /gk1/);
    const cookie = (await context.cookies()).find((c) => c.name === 'kheo_session');
    assert.ok(cookie, 'a session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    await shot(page, `account-${name}`);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${BASE}/`);
    assert.equal((await context.cookies()).find((c) => c.name === 'kheo_session' && c.value), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the home page lists the demo contest and its leaderboard renders without WebAssembly', async () => {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  const link = page.getByRole('link', { name: /xã Nông Thượng năm 2026/ });
  await link.click();
  await page.locator('table.standings tbody tr').first().waitFor();
  assert.equal(await page.locator('table.standings tbody tr').count(), 7);
  await shot(page, 'leaderboard-phone-nojs');
  await context.close();
});
