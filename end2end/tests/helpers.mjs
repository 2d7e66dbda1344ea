// Shared by the browser tests: Debian's Chromium through playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

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

// A district contest of the demo's city, made through the API as its
// organiser, with a registration link for Xã Nông Thượng; returns the
// link's token.
export async function communeInvitation(contestName) {
  const cookie = await signIn('bdv', 'bandanvan-2026');
  const units = (await (await fetch(`${BASE}/api/v1/units`)).json()).units;
  const city = units.find((u) => u.name === 'Thành phố Bắc Kạn').id;
  const commune = units.find((u) => u.name === 'Xã Nông Thượng').id;
  let r = await api(cookie, 'POST', '/contests', {
    name: contestName, level: 'district', unit_id: city,
    rounds: [{ name: 'Tiểu phẩm', criteria: [{ name: 'Nội dung', max_points: '50' }] }], teams: [], judges: ['gk1'],
  });
  if (r.status !== 201) throw new Error(`create ${contestName}: ${r.status} ${await r.text()}`);
  const cid = (await r.json()).id;
  r = await api(cookie, 'POST', `/contests/${cid}/invitations`, { deadline: '2099-01-01T00:00:00+07:00', unit_ids: [commune] });
  if (r.status !== 201) throw new Error(`invite Xã Nông Thượng: ${r.status} ${await r.text()}`);
  return (await r.json()).invitations[0].token;
}

// Signs a browser context in as a user (the session cookie from the API).
export async function signedInContext(browser, username, password, options = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' }) {
  const context = await browser.newContext(options);
  const [name, value] = (await signIn(username, password)).split('=');
  await context.addCookies([{ name, value, url: BASE }]);
  return context;
}

// The cells of an .xlsx's first worksheet, row by row, as text: enough of
// the format (zip, shared strings, inline numbers) to check an export.
export function xlsxRows(buffer) {
  const files = unzip(buffer);
  const shared = [...(files['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => unescapeXml(t[1])).join(''));
  const sheet = files['xl/worksheets/sheet1.xml'];
  return [...sheet.matchAll(/<row[^>]*r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)].map(([, r, cells]) => ({
    row: Number(r),
    cells: [...cells.matchAll(/<c\b([^>]*)>(?:<v>([\s\S]*?)<\/v>)?/g)].map(([, attrs, v]) =>
      /t="s"/.test(attrs) ? shared[Number(v)] : v ?? ''),
  }));
}

function unescapeXml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

// The text files of a zip archive, by name (stored or deflated entries).
function unzip(buffer) {
  const buf = Buffer.from(buffer);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = {};
  for (let i = 0; i < count; i += 1) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

/// A PNG `width` × `height` of colour bands, as a phone's photo would be
/// sent (no image library: a stored-deflate PNG written by hand).
export async function pngPhoto(width, height) {
  const { deflateSync } = await import('node:zlib');
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2; // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[at + 1 + x * 3] = (x * 255 / width) | 0;
      rows[at + 2 + x * 3] = (y * 255 / height) | 0;
      rows[at + 3 + x * 3] = 120;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
