// Campaigns end to end on a phone-sized screen: one workshop goes from the survey form to
// an accepted closure (两断三清, each step with a photo taken on the phone), then the grid
// inspector's follow-up patrol finds it reopened, which reopens the case and alerts the county.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian npm test
//
// Screenshots: tests/browser/screenshots/campaign-*.png

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const LANTIAN_BIN = process.env.LANTIAN_BIN ? path.resolve(process.env.LANTIAN_BIN) : path.resolve(here, '../../target/debug/lantian');
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const SCREENSHOTS = path.join(here, 'screenshots');
const DEMO_PASSWORD = 'Lantian-demo-2026';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
// Where the phone says it is (the workshop's site; see the form below).
const SITE = { latitude: 34.2201, longitude: 108.7803 };

let server;
let serverLog = '';
let baseUrl = '';
let dataDir = '';
let profileDir = '';
let context;
let page;
const pageErrors = [];

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(LANTIAN_BIN, ['serve', '--demo', '--demo-enterprises', '300', '--listen', '127.0.0.1:0', '--hj212-listen', '127.0.0.1:0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`lantian did not start within 90 s\n${serverLog}`)), 90_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      serverLog += chunk;
      buf += chunk;
      const m = buf.match(/(https?:\/\/[^\s/]+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      serverLog = (serverLog + chunk).slice(-100_000);
    });
    child.on('exit', (code) => reject(new Error(`lantian exited early (${code})\n${serverLog}`)));
  });
}

process.on('exit', () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
});

const url = (p) => new URL(p, baseUrl).toString();

async function goto(p) {
  const res = await page.goto(url(p), { waitUntil: 'load' });
  assert.equal(res.status(), 200, `GET ${p} returned ${res.status()}`);
}

async function signIn(username) {
  await page.goto(url('/login'), { waitUntil: 'load' });
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#login-submit')]);
}

async function signOut() {
  await Promise.all([page.waitForURL(/\/login/), page.click('#logout')]);
}

/** A photo as the phone camera would give it: drawn on a canvas, PNG bytes. */
async function photo(label) {
  const b64 = await page.evaluate((text) => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 200;
    const g = c.getContext('2d');
    g.fillStyle = '#7a8b99';
    g.fillRect(0, 0, 320, 200);
    g.fillStyle = '#fff';
    g.font = '24px sans-serif';
    g.fillText(text, 16, 100);
    return c.toDataURL('image/png').split(',')[1];
  }, label);
  return { name: `${label}.png`, mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') };
}

/** Submit a step form on the item page and wait for the page it leads to. */
async function step(action, fill = async () => {}) {
  const form = page.locator(`form.step[data-action=${action}]`).first();
  await fill(form);
  await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').click()]);
}

before(async () => {
  await access(LANTIAN_BIN);
  await access(CHROMIUM_BIN);
  dataDir = await mkdtemp(path.join(tmpdir(), 'lantian-campaign-data-'));
  profileDir = await mkdtemp(path.join(tmpdir(), 'lantian-campaign-chromium-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  baseUrl = await startServer();
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    geolocation: SITE,
    permissions: ['geolocation'],
  });
  context.setDefaultTimeout(20_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(String(err)));
});

after(async () => {
  if (context) await context.close().catch(() => {});
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  for (const dir of [dataDir, profileDir]) if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
});

test('one workshop from survey to accepted closure, then a patrol finds it reopened', async () => {
  // The grid inspector's cell, where the workshop is.
  await signIn('grid');
  const me = await (await page.request.get(url('/api/me'))).json();
  const cell = me.scope.replace('divisions:', '').split(',')[0];
  assert.match(cell, /^612002\d{6}$/);
  await signOut();

  // The county registers the workshop on the phone form of the demo campaign.
  await signIn('county-market');
  await goto('/campaigns');
  await Promise.all([page.waitForLoadState('load'), page.locator('#campaigns a').first().click()]);
  assert.match(await page.locator('#paragraph').innerText(), /累计摸排“散乱污”工业企业\d+户，经精准识别，累计剔除非“散乱污”企业\d+户/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign-progress-phone.png'), fullPage: true });
  const campaignUrl = page.url();
  await page.fill('#one-row input[name=division]', cell);
  await page.fill('#one-row input[name=name]', '测试铸造作坊');
  await page.fill('#one-row input[name=address]', '试验村3组');
  await page.fill('#one-row input[name=longitude]', String(SITE.longitude));
  await page.fill('#one-row input[name=latitude]', String(SITE.latitude));
  await Promise.all([page.waitForURL(/\/campaign-items\/\d+/), page.click('#one-row button[type=submit]')]);
  const itemUrl = page.url();
  assert.match(await page.locator('#item-verdict').innerText(), /待核查/);

  // Identification: criteria, confirm, disposition 关停取缔.
  await step('check_criteria', async (f) => {
    await f.locator('input[value=san_outside_park]').check();
    await f.locator('input[value=wu_no_controls]').check();
  });
  await step('confirm');
  await step('assign', async (f) => f.locator('select[name=disposition]').selectOption('shutdown'));
  assert.match(await page.locator('#item-disposition').innerText(), /关停取缔/);

  // A step without its photo is refused.
  await step('do_step');
  assert.match(await page.locator('#step-result').innerText(), /须先上传现场照片/);

  // 两断三清: each step with a photo taken on the phone (position from the phone).
  for (const [code, label] of [['cut_water', '切断工业用水'], ['cut_power', '切断工业用电'], ['clear_materials', '清除原料'], ['clear_products', '清除产品'], ['clear_equipment', '清除生产设备']]) {
    const li = page.locator(`li[data-step=${code}]`);
    await li.locator('form.photo input[type=file]').setInputFiles(await photo(label));
    await page.waitForFunction((c) => document.querySelector(`li[data-step=${c}] form.photo input[name=lat]`).value !== '', code);
    await Promise.all([page.waitForURL(itemUrl), li.locator('form.photo button').click()]);
    const done = page.locator(`li[data-step=${code}] form.step[data-action=do_step] button`);
    await Promise.all([page.waitForURL(itemUrl), done.click()]);
    assert.match(await page.locator(`li[data-step=${code}]`).innerText(), /✔/);
  }
  const distances = await page.locator('#item-photos figcaption').allInnerTexts();
  assert.equal(distances.length, 5);
  assert.ok(distances.every((t) => /距点位 \d+ m \(手机定位\)/.test(t)), `photos carry the phone's position: ${distances}`);
  await step('complete');
  await step('accept_county', async (f) => {
    await f.locator('textarea[name=opinion]').fill('两断三清到位,同意通过县级验收');
    await f.locator('input[name=inspectors]').fill('陈静,王刚');
  });
  assert.match(await page.locator('#item-status').innerText(), /县级已验收/);
  await signOut();

  // The city accepts: 销号.
  await signIn('city-industry');
  await goto(new URL(itemUrl).pathname);
  await step('accept_city', async (f) => {
    await f.locator('textarea[name=opinion]').fill('同意销号');
    await f.locator('input[name=inspectors]').fill('王明');
  });
  assert.match(await page.locator('#item-status').innerText(), /已验收/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign-item-accepted-phone.png'), fullPage: true });
  await signOut();

  // The grid inspector: today's patrols (the demo's closed sites) and the new site among all closed ones.
  await signIn('grid');
  await goto('/patrol');
  assert.ok((await page.locator('#patrol-today .site').count()) >= 1, 'the demo schedules patrols of closed sites');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign-patrol-phone.png'), fullPage: true });
  await goto('/patrol?all=1');
  const itemId = new URL(itemUrl).pathname.split('/').pop();
  const site = page.locator(`.site[data-item="${itemId}"]`);
  await site.locator('input[type=file]').setInputFiles(await photo('厂房内机器运转'));
  await page.waitForFunction((id) => document.querySelector(`.site[data-item="${id}"] input[name=lat]`).value !== '', itemId);
  await site.locator('input[value=reopened]').check();
  await site.locator('textarea[name=note]').fill('厂房内机器运转,有工人作业');
  await Promise.all([page.waitForURL(/\/patrol\?done=1/), site.locator('button[type=submit]').click()]);
  assert.match(await page.locator('#patrol-saved').innerText(), /巡查已记录/);
  await signOut();

  // The county sees the alert, and the case is open again.
  await signIn('county-market');
  await page.goto(campaignUrl, { waitUntil: 'load' });
  assert.match(await page.locator('#alerts').innerText(), /测试铸造作坊.*恢复生产/);
  await goto(new URL(itemUrl).pathname);
  assert.match(await page.locator('#item-status').innerText(), /整治中/);
  assert.match(await page.locator('#item-status').innerText(), /曾反弹 1 次/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign-item-reopened-phone.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});
