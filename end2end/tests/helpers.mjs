// Shared by the browser tests: Debian's Chromium through playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = process.env.KHEO_URL ?? 'http://127.0.0.1:3000';
const SHOTS = process.env.KHEO_SCREENSHOTS ?? 'screenshots';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'vi-VN' };
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'vi-VN' };

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// Resolves once the WebAssembly has hydrated the page.
// When it never does, says what the console said meanwhile.
export async function hydrated(page) {
  const said = [];
  const onConsole = (m) => { if (m.type() === 'error' || m.type() === 'warning') said.push(m.text()); };
  const onError = (e) => said.push(e.message);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  try {
    await page.waitForFunction(() => window.__kheo_hydrated === true, null, { timeout: 60000 });
  } catch (e) {
    const state = await page.evaluate(() => ({ ready: document.readyState, scripts: document.scripts.length })).catch(() => null);
    throw new Error(`${page.url()} did not hydrate (${JSON.stringify(state)}): ${said.join(' | ') || 'nothing in the console'}`);
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
  }
}

// Signs in through the API; returns the session cookie for later calls.
export async function signIn(username, password) {
  const r = await fetch(`${BASE}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`sign in as ${username}: ${r.status} ${await r.text()}`);
  return r.headers.get('set-cookie').split(';')[0];
}

// A JSON request with a session cookie; returns the response.
export async function api(cookie, method, path, body) {
  return fetch(`${BASE}/api/v1${path}`, {
    method, headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
