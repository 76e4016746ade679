// End-to-end test of the work plans in headless Chromium: two units file a month of reports,
// the lead unit reviews them, the consolidated report and the year-end report are generated.
// (Server and browser set-up as in ledger.test.mjs.)
//
// Starts the real `lantian` binary with a 300-enterprise demo city on a free
// port and a fresh data directory, then drives Debian's Chromium through
// playwright-core (which never downloads a browser of its own).
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian npm test
//
// Environment:
//   LANTIAN_BIN      path to the lantian binary (default ../../target/debug/lantian,
//                    relative to this file; a relative value is taken from the cwd)
//   CHROMIUM_BIN     path to Chromium (default /usr/bin/chromium)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, readFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const LANTIAN_BIN = process.env.LANTIAN_BIN
  ? path.resolve(process.env.LANTIAN_BIN)
  : path.resolve(here, '../../target/debug/lantian');
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const SCREENSHOTS = path.join(here, 'screenshots');
const ENTERPRISES = 300;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;
let serverLog = '';
let baseUrl = '';
let dataDir = '';
let profileDir = '';
let scratchDir = '';
/** @type {import('playwright-core').BrowserContext | undefined} */
let context;
/** @type {import('playwright-core').Page} */
let page;
/** Responses with an HTTP error status, other than the intentionally bad upload. */
const httpErrors = [];
const pageErrors = [];
/** Paths a test visits on purpose to see a refusal. */
const expectedErrors = new Set();
const DEMO_PASSWORD = 'Lantian-demo-2026';

// ---------------------------------------------------------------- server

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(
      LANTIAN_BIN,
      [
        'serve', '--demo',
        '--demo-enterprises', String(ENTERPRISES),
        '--listen', '127.0.0.1:0',
        '--hj212-listen', '127.0.0.1:0',
        '--data-dir', dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    let settled = false;
    const done = (err, url) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(url);
    };
    const timer = setTimeout(
      () => done(new Error(`lantian did not print its URL within 60 s.\n--- output ---\n${serverLog}`)),
      60_000,
    );
    let stdoutBuf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      serverLog += chunk;
      stdoutBuf += chunk;
      const m = stdoutBuf.match(/(https?:\/\/[^\s/]+\/)/);
      if (m) done(null, m[1]);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      serverLog += chunk;
      if (serverLog.length > 200_000) serverLog = serverLog.slice(-100_000);
    });
    child.on('error', (err) => done(new Error(`cannot start ${LANTIAN_BIN}: ${err.message}`)));
    child.on('exit', (code, signal) =>
      done(new Error(`lantian exited early (code ${code}, signal ${signal}).\n--- output ---\n${serverLog}`)),
    );
  });
}

async function stopServer() {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

// Last resort if the runner is torn down without `after` running.
process.on('exit', () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
});

// ---------------------------------------------------------------- helpers

const url = (p) => new URL(p, baseUrl).toString();

async function goto(p) {
  const res = await page.goto(url(p), { waitUntil: 'load' });
  assert.ok(res, `no response for ${p}`);
  assert.equal(res.status(), 200, `GET ${p} returned ${res.status()}`);
  return res;
}

/** Texts of all body rows of a table. */
const rowTexts = (selector) => page.locator(`${selector} tbody tr`).allInnerTexts();

// ---------------------------------------------------------------- lifecycle

before(async () => {
  await access(LANTIAN_BIN).catch(() => {
    throw new Error(`lantian binary not found at ${LANTIAN_BIN} (set LANTIAN_BIN)`);
  });
  await access(CHROMIUM_BIN).catch(() => {
    throw new Error(`Chromium not found at ${CHROMIUM_BIN} (apt-get install chromium, or set CHROMIUM_BIN)`);
  });
  dataDir = await mkdtemp(path.join(tmpdir(), 'lantian-e2e-data-'));
  profileDir = await mkdtemp(path.join(tmpdir(), 'lantian-e2e-chromium-'));
  scratchDir = await mkdtemp(path.join(tmpdir(), 'lantian-e2e-files-'));
  await mkdir(SCREENSHOTS, { recursive: true });

  baseUrl = await startServer();

  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('response', (res) => {
    const req = res.request();
    const pathname = new URL(res.url()).pathname;
    const intentional =
      (req.method() === 'POST' && (pathname === '/import' || pathname === '/login')) || expectedErrors.has(pathname);
    if (res.status() >= 400 && !intentional) httpErrors.push(`${res.status()} ${req.method()} ${res.url()}`);
  });
});

after(async () => {
  try {
    if (context) await context.close();
  } catch (err) {
    console.error('closing Chromium failed:', err);
  }
  await stopServer();
  for (const dir of [dataDir, profileDir, scratchDir]) {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
});

async function signIn(username, password = DEMO_PASSWORD) {
  await page.goto(url('/login'), { waitUntil: 'load' });
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#login-submit')]);
}

async function signOut() {
  await Promise.all([page.waitForURL(/\/login/), page.click('#logout')]);
}

// ---------------------------------------------------------------- tests

const planLink = () => page.locator('#plans tbody tr a').first();

async function openPlan() {
  await goto('/plans');
  await Promise.all([page.waitForURL(/\/plans\/\d+$/), planLink().click()]);
  return new URL(page.url()).pathname;
}

async function fileReport(username, pdfPath) {
  await signIn(username);
  const plan = await openPlan();
  await Promise.all([page.waitForURL(/\/reports/), page.click('.subnav a[href$="/reports"]')]);
  await Promise.all([page.waitForURL(/\/report\?month=/), page.click('#file-report')]);
  const tasks = page.locator('#report-form fieldset[data-task]');
  const n = await tasks.count();
  assert.ok(n >= 1, `${username} has tasks to report on`);
  for (let i = 0; i < n; i++) {
    await tasks.nth(i).locator('textarea').fill(`${username} 本月推进情况 ${i + 1}`);
  }
  await page.setInputFiles('#report-form input[type=file]', pdfPath);
  await Promise.all([page.waitForURL(/\/reports\?month=/), page.click('#submit-report')]);
  const row = page.locator('#month-reports tbody tr', { hasText: username === 'city-environment' ? '生态环境局' : '发展和改革委员会' });
  assert.match(await row.innerText(), /已报送待审核/);
  await signOut();
  return plan;
}

test('two units file a month of reports, the lead unit reviews, the consolidated report is generated', async () => {
  const pdf = path.join(scratchDir, '进展材料.pdf');
  await writeFile(pdf, '%PDF-1.4\n% progress\n');
  const plan = await fileReport('city-environment', pdf);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-login.png') });
  await fileReport('city-development', pdf);

  await signIn('city-industry');
  await goto(plan);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-dashboard.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/reports/), page.click('.subnav a[href$="/reports"]')]);
  for (let i = 0; i < 2; i++) {
    const pending = page.locator('#month-reports tbody tr a', { hasText: '已报送待审核' }).first();
    await Promise.all([page.waitForURL(/\/reports\/\d+$/), pending.click()]);
    if (i === 0) await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-report.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/reports\?month=/), page.click('#accept')]);
  }
  assert.equal(await page.locator('#month-reports tbody tr a', { hasText: '已报送待审核' }).count(), 0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-reports.png'), fullPage: true });

  await Promise.all([page.waitForURL(/\/consolidated\?month=/), page.click('#consolidated')]);
  const text = await page.locator('#consolidated-report').innerText();
  assert.match(text, /city-environment 本月推进情况/);
  assert.match(text, /city-development 本月推进情况/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-consolidated.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="consolidated.xlsx"]')]);
  const saved = path.join(scratchDir, 'consolidated.xlsx');
  await download.saveAs(saved);
  assert.equal((await readFile(saved)).subarray(0, 2).toString(), 'PK');
});

test('supervision notices for what is behind, targets, and the year-end report', async () => {
  const plan = new URL(page.url()).pathname.replace(/\/consolidated.*$/, '');
  await goto(`${plan}/notices`);
  assert.ok((await page.locator('#notices tbody tr').count()) >= 1, 'the demo has notices for what is behind');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-notices.png'), fullPage: true });
  await goto(`${plan}/targets`);
  assert.match(await page.locator('#targets').innerText(), /燃气锅炉低氮燃烧深度改造/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-targets.png'), fullPage: true });
  await goto('/plans/annual');
  assert.match(await page.locator('#annual-report h2').innerText(), /青岚市工业和信息化局\d{4}年生态环境保护责任落实情况/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-annual.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#annual-docx')]);
  const saved = path.join(scratchDir, 'annual.docx');
  await download.saveAs(saved);
  assert.equal((await readFile(saved)).subarray(0, 2).toString(), 'PK');
  await page.setViewportSize({ width: 390, height: 844 });
  await goto(plan);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the dashboard overflows a phone by ${overflow}px`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plans-dashboard-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(httpErrors, []);
});
