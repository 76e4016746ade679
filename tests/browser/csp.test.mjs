// The Content-Security-Policy in a real browser (issue 17 item 15): the main pages of every
// kind of account load without a single CSP violation (an inline script or style the policy
// refuses shows up as a console error), and the field forms' script still runs from its file.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const LANTIAN_BIN = process.env.LANTIAN_BIN ? path.resolve(process.env.LANTIAN_BIN) : path.resolve(here, '../../target/debug/lantian');
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const DEMO_PASSWORD = 'Lantian-demo-2026';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let server;
let serverLog = '';
let baseUrl = '';
let dataDir = '';
let profileDir = '';
let context;
let page;
/** CSP violations and script errors, with the page they happened on. */
const violations = [];
let current = '';

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(LANTIAN_BIN, ['serve', '--demo', '--demo-enterprises', '60', '--listen', '127.0.0.1:0', '--hj212-listen', '127.0.0.1:0', '--data-dir', dataDir], {
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

async function visit(p) {
  current = p;
  const res = await page.goto(url(p), { waitUntil: 'load' });
  assert.equal(res.status(), 200, `GET ${p} returned ${res.status()}`);
  const csp = res.headers()['content-security-policy'] || '';
  assert.match(csp, /default-src 'self'/, `${p}: no CSP`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${p}: ${csp}`);
}

/** The first link on the current page whose path matches, if any. */
async function firstLink(pattern) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  return hrefs.find((h) => pattern.test(h));
}

async function signIn(username) {
  await page.context().clearCookies();
  await page.goto(url('/login'), { waitUntil: 'load' });
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#login-submit')]);
}

before(async () => {
  await access(LANTIAN_BIN);
  await access(CHROMIUM_BIN);
  dataDir = await mkdtemp(path.join(tmpdir(), 'lantian-csp-data-'));
  profileDir = await mkdtemp(path.join(tmpdir(), 'lantian-csp-chromium-'));
  baseUrl = await startServer();
  context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS, locale: 'zh-CN' });
  context.setDefaultTimeout(20_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to (execute|apply|load|frame)/i.test(text)) violations.push(`${current}: ${text}`);
  });
  page.on('pageerror', (err) => violations.push(`${current}: ${err}`));
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

test('the main pages of every account load without a CSP violation', async () => {
  await visit('/login');
  await visit('/public');

  await signIn('admin');
  for (const p of ['/', '/enterprises', '/screening', '/rules', '/cases', '/campaigns', '/plans', '/plans/units', '/plans/annual', '/submissions', '/admin/users', '/admin/audit', '/account', '/import']) {
    await visit(p);
  }
  // Pages of one record, found through the lists.
  const followed = [
    ['/enterprises', /^\/enterprises\/\d+$/],
    ['/cases', /^\/cases\/\d+$/],
    ['/campaigns', /^\/campaigns\/\d+$/],
    ['/plans', /^\/plans\/\d+$/],
  ];
  for (const [list, pattern] of followed) {
    await visit(list);
    const link = await firstLink(pattern);
    // Exit cases exist only after a screening run; the other lists always have records.
    if (!link && list === '/cases') continue;
    assert.ok(link, `no record link on ${list}`);
    await visit(link);
    if (list === '/campaigns') {
      const item = await firstLink(/^\/campaign-items\/\d+$/) ?? (await visit(`${link}/items`), await firstLink(/^\/campaign-items\/\d+$/));
      if (item) await visit(item);
    }
  }

  await signIn('city-environment');
  await visit('/monitoring');
  const outlet = await firstLink(/^\/monitoring\/outlets\/[^/]+\/[^/?]+$/);
  assert.ok(outlet, 'no outlet link on /monitoring');
  await visit(outlet);
  // The chart's legend keeps its colours from the stylesheet, not from style attributes.
  const colour = await page.$eval('.legend .key-limit', (e) => getComputedStyle(e).color);
  assert.equal(colour, 'rgb(220, 38, 38)');

  await signIn('grid');
  await visit('/patrol');
  // The field forms' script runs from /static/offline.js: a draft typed into an offline form is kept.
  const offline = await page.$('form.offline textarea, form.offline input[type=text]');
  if (offline) {
    await offline.fill('草稿 draft');
    const saved = await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('lantian-draft-')));
    assert.ok(saved, 'the offline draft script did not run');
  }

  await signIn('enterprise');
  await visit('/');
  await visit('/my/submissions');

  assert.deepEqual(violations, []);
});
