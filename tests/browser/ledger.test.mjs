// End-to-end test of the Lantian web UI in headless Chromium.
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

test('signing in: pages ask for it, a wrong password is refused, the right one lets in', async () => {
  const res = await page.goto(url('/enterprises?status=operating'), { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\/login\?next=/, 'an anonymous visitor is sent to the login page');
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'not-the-Password-1');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#login-submit')]);
  await page.locator('#login-error').waitFor();
  assert.match(await page.locator('#login-error').innerText(), /用户名或密码错误/);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(/\/enterprises\?status=operating/), page.click('#login-submit')]);
  assert.match(await page.locator('#whoami').innerText(), /系统管理员/);
});

test('home page shows the title and key figures', async () => {
  await goto('/');
  assert.match(await page.title(), /蓝天/);
  const card = page.locator('.cards .card', { has: page.locator('.label', { hasText: '企业总数' }) });
  await assert.doesNotReject(card.first().waitFor(), 'no 企业总数 card on the home page');
  const value = (await card.first().locator('.value').innerText()).trim();
  assert.match(value, /^\d[\d,]*$/, `企业总数 card does not show a number: ${JSON.stringify(value)}`);
  assert.equal(Number(value.replace(/,/g, '')), ENTERPRISES);
  // Every card shows a number.
  const values = await page.locator('.cards .card .value').allInnerTexts();
  assert.ok(values.length >= 1);
  for (const v of values) assert.match(v.trim(), /^\d[\d,.]*$/, `card value ${JSON.stringify(v)}`);
});

test('enterprise list: pagination, search, status filter', async (t) => {
  await goto('/enterprises');
  const rows = page.locator('#enterprise-list tbody tr');
  assert.equal(await rows.count(), 20, 'first page should show 20 rows');

  // Search for the first characters of the 3rd row's name.
  const thirdName = (await rows.nth(2).locator('td').first().locator('a').first().innerText()).trim();
  assert.ok(thirdName.length >= 3, `unexpected name in row 3: ${JSON.stringify(thirdName)}`);
  const term = [...thirdName].slice(0, 3).join('');
  await page.fill('input[name=q]', term);
  await Promise.all([page.waitForURL(/[?&]q=/), page.press('input[name=q]', 'Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('q'), term);
  const found = await rowTexts('#enterprise-list');
  assert.ok(found.length >= 1, `search for ${term} found nothing`);
  assert.ok(found.some((r) => r.includes(thirdName)), `search for ${term} lost ${thirdName}`);
  for (const r of found) assert.ok(r.includes(term), `row does not contain ${term}: ${r}`);

  // Filter by status 在产 (clear the search first so that there is more than one page).
  await page.fill('input[name=q]', '');
  await page.selectOption('select[name=status]', 'operating');
  assert.equal(
    (await page.locator('select[name=status] option:checked').innerText()).trim(),
    '在产',
  );
  await Promise.all([
    page.waitForURL(/[?&]status=operating/),
    page.locator('form.filters button[type=submit], form:has(select[name=status]) button[type=submit]').first().click(),
  ]);
  assert.equal(new URL(page.url()).searchParams.get('status'), 'operating');
  const operating = await rowTexts('#enterprise-list');
  assert.ok(operating.length >= 1 && operating.length <= 20);
  for (const r of operating) assert.ok(r.includes('在产'), `row is not 在产: ${r}`);
  // The select keeps the chosen value after the reload.
  assert.equal(await page.inputValue('select[name=status]'), 'operating');

  const next = page.getByRole('link', { name: '下一页' });
  if ((await next.count()) > 0) {
    const firstBefore = operating[0];
    await Promise.all([page.waitForURL(/[?&]page=2/), next.first().click()]);
    const params = new URL(page.url()).searchParams;
    assert.equal(params.get('page'), '2');
    assert.equal(params.get('status'), 'operating', 'paging dropped the status filter');
    const page2 = await rowTexts('#enterprise-list');
    assert.ok(page2.length >= 1);
    assert.notEqual(page2[0], firstBefore, 'page 2 shows the same rows as page 1');
    for (const r of page2) assert.ok(r.includes('在产'), `row on page 2 is not 在产: ${r}`);
  } else {
    t.diagnostic('no 下一页 link after filtering by 在产');
  }
});

let dossierPath = '';

test('dossier page of a clicked enterprise', async () => {
  await goto('/enterprises');
  const link = page.locator('#enterprise-list tbody tr td:first-child a').nth(4);
  const name = (await link.innerText()).trim();
  await Promise.all([page.waitForURL(/\/enterprises\/\d+$/), link.click()]);
  dossierPath = new URL(page.url()).pathname;

  assert.equal((await page.locator('h1').first().innerText()).trim(), name);
  for (const id of ['basic', 'licences', 'equipment', 'outlets', 'yearly', 'history']) {
    assert.equal(await page.locator(`#${id}`).count(), 1, `section #${id} missing`);
  }
  const history = await rowTexts('#history');
  assert.ok(history.length >= 1, 'history table is empty');
  assert.ok(history.some((r) => r.includes('新建')), `no 新建 entry in history: ${history.join(' | ')}`);
  const crumb = page.locator('.breadcrumb, nav[aria-label=breadcrumb], [aria-label=breadcrumb]').first();
  assert.match(await crumb.innerText(), /青岚市/);
});

test('language switch to English and back', async () => {
  await goto(dossierPath || '/enterprises');
  const nav = page.locator('header nav').first();
  await Promise.all([
    page.waitForURL(/[?&]lang=en/),
    page.locator('header').getByRole('link', { name: 'English', exact: true }).click(),
  ]);
  assert.match(await nav.innerText(), /Enterprise ledger/);
  assert.equal(await page.locator('html').getAttribute('lang').then((l) => (l ?? '').slice(0, 2)), 'en');

  await Promise.all([
    page.waitForURL(/[?&]lang=zh/),
    page.locator('header').getByRole('link', { name: '中文', exact: true }).click(),
  ]);
  assert.match(await nav.innerText(), /企业台账/);
  // The choice sticks (cookie): a fresh page without ?lang stays Chinese.
  await goto('/');
  assert.match(await page.locator('header nav').first().innerText(), /企业台账/);
});

test('download the import template', async () => {
  await goto('/import');
  const link = page.getByRole('link', { name: '下载导入模板' });
  assert.equal(await link.getAttribute('href'), '/api/ledger/template.xlsx');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = path.join(scratchDir, download.suggestedFilename());
  await download.saveAs(file);
  const bytes = await readFile(file);
  assert.ok(bytes.length > 100, `template is only ${bytes.length} bytes`);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'template is not a zip (xlsx) file');
});

test('uploading a bad file is rejected and writes nothing', async () => {
  const bad = path.join(scratchDir, 'bad.xlsx');
  await writeFile(bad, 'not a workbook\n');
  await goto('/import');
  await page.setInputFiles('input[type=file]', bad);
  const form = page.locator('form', { has: page.locator('input[type=file]') });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/import'),
    form.locator('button[type=submit], button:not([type]), input[type=submit]').first().click(),
  ]);
  await page.waitForLoadState('load');
  const result = page.locator('#import-result');
  await result.waitFor();
  assert.match(await result.innerText(), /导入失败/);

  // Nothing written: the ledger still holds exactly the demo enterprises.
  await goto('/');
  const value = await page
    .locator('.cards .card', { has: page.locator('.label', { hasText: '企业总数' }) })
    .first()
    .locator('.value')
    .innerText();
  assert.equal(Number(value.trim().replace(/,/g, '')), ENTERPRISES);
});

test('screenshots, and no horizontal overflow on a phone', async (t) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await goto('/enterprises');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'list-desktop.png'), fullPage: true });
  await goto(dossierPath || '/enterprises/1');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'dossier-desktop.png'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await goto('/enterprises');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'list-phone.png'), fullPage: true });
  const { scrollWidth, widest } = await page.evaluate(() => {
    // Report the widest element outside a table wrapper, to make failures actionable.
    let widest = '';
    let max = 0;
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.table-wrap')) continue;
      const r = el.getBoundingClientRect();
      if (r.right > max) {
        max = r.right;
        widest = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(r.right)}`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, widest };
  });
  assert.ok(scrollWidth <= 390 + 1, `page overflows horizontally on a phone: scrollWidth ${scrollWidth} (widest: ${widest})`);
  // Not a failure (yet): report header nav links that wrap onto several lines on a phone.
  const wrapped = await page.evaluate(() =>
    [...document.querySelectorAll('header nav a')]
      .filter((a) => a.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(a).lineHeight || '0') || a.getClientRects().length > 1)
      .map((a) => a.textContent.trim()),
  );
  if (wrapped.length) t.diagnostic(`header nav links wrap on a 390px phone: ${wrapped.join(', ')}`);

  await page.setViewportSize({ width: 390, height: 844 });
  await goto(dossierPath || '/enterprises/1');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'dossier-phone.png'), fullPage: true });
  const dossierWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(dossierWidth <= 390 + 1, `dossier overflows horizontally on a phone: scrollWidth ${dossierWidth}`);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the administrator adds an account on the admin page', async () => {
  await goto('/admin/users');
  const form = page.locator('#add-user');
  await form.locator('input[name=username]').fill('county-industry');
  await form.locator('input[name=display_name]').fill('区工信局 测试');
  await form.locator('select[name=role]').selectOption('bureau');
  await form.locator('select[name=department]').selectOption('industry');
  await form.locator('input[name=divisions]').fill('612003');
  await form.locator('input[name=password]').fill('County-Pass-2026');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').click()]);
  await page.locator('#admin-result').waitFor();
  assert.match(await page.locator('#admin-result').innerText(), /已新增账号 county-industry/);
  assert.equal(await page.locator('#users tr[data-username="county-industry"]').count(), 1);
  await goto('/admin/audit');
  assert.match(await page.locator('#audit-verdict').innerText(), /哈希链完整/);
  assert.match(await page.locator('#audit').innerText(), /新增账号|account added/); // the audit action user_add, in words
});

test('a county officer sees only their county, and nothing else exists for them', async () => {
  await signOut();
  await signIn('county-industry', 'County-Pass-2026');
  await goto('/enterprises');
  const total = await page.evaluate(async () => (await (await fetch('/api/enterprises?per_page=1')).json()).total);
  assert.ok(total > 0 && total < ENTERPRISES, `county total ${total}`);
  const divisions = await page.evaluate(async () => {
    const page = await (await fetch('/api/enterprises?per_page=200')).json();
    return page.items.map((e) => e.division_code);
  });
  for (const d of divisions) assert.ok(d.startsWith('612003'), `${d} is outside 612003`);
  // Another county's enterprise answers 404, as if it did not exist; the admin page 403.
  for (let id = 1; id < 400; id++) expectedErrors.add(`/api/enterprises/${id}`);
  const other = await page.evaluate(async () => {
    for (let id = 1; id < 400; id++) {
      const r = await fetch(`/api/enterprises/${id}`);
      if (r.status === 404) return id;
    }
    return 0;
  });
  assert.ok(other > 0);
  expectedErrors.add(`/enterprises/${other}`);
  expectedErrors.add(`/api/enterprises/${other}`);
  const res = await page.goto(url(`/enterprises/${other}`));
  assert.equal(res.status(), 404);
  expectedErrors.add('/admin/users');
  const admin = await page.goto(url('/admin/users'));
  assert.equal(admin.status(), 403);
  // No administration link in the menu.
  await goto('/');
  assert.doesNotMatch(await page.locator('header nav').innerText(), /系统管理/);
  await signOut();
  await signIn('admin');
});

test('a backward-capacity case is walked from screening to publication', async () => {
  await signOut();
  await signIn('county-market');
  await goto('/screening');
  await Promise.all([page.waitForURL(/\/screening$/), page.click('#run-screening')]);
  assert.match(await page.locator('#run-summary').innerText(), /发现问题/);
  const findings = await rowTexts('#findings');
  assert.ok(findings.length > 0, 'the county has findings');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'screening.png'), fullPage: false });
  // Why (not) flagged, for the first flagged enterprise.
  const code = (await page.locator('#findings tbody tr').first().locator('code.small').innerText()).trim();
  await page.fill('input[name=code]', code);
  await Promise.all([page.waitForURL(/\/screening\/why/), page.click('form[action="/screening/why"] button')]);
  assert.match(await page.locator('#why-summary').innerText(), /触发 \d+ 项/);

  await goto('/cases');
  // The list is paged: walk the pages until a case to eliminate at once shows.
  let row = page.locator('#cases tbody tr', { hasText: '立即淘汰' }).first();
  while ((await row.count()) === 0 && (await page.locator('#cases-pager a[rel=next]').count()) > 0) {
    await Promise.all([page.waitForURL(/page=\d+/), page.locator('#cases-pager a[rel=next]').click()]);
    row = page.locator('#cases tbody tr', { hasText: '立即淘汰' }).first();
  }
  await Promise.all([page.waitForURL(/\/cases\/\d+$/), row.locator('a').first().click()]);
  const casePath = new URL(page.url()).pathname;
  const act = async (action, fill = async () => {}) => {
    const form = page.locator(`form.step[data-action="${action}"]`);
    await fill(form);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').click()]);
    await page.waitForLoadState('load');
  };
  // The exit deadline is stated (never a silent "today"): a month from now.
  const inAMonth = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
  const deadline = async (form) => form.locator('input[name=deadline]').fill(inAMonth);
  for (const a of ['notify', 'order_exit', 'cut_utilities', 'remove_drive_units', 'dismantle']) await act(a, a === 'order_exit' ? deadline : undefined);
  assert.match(await page.locator('#case-state').innerText(), /已拆除/);
  // Whoever dismantled is not offered the county acceptance: another county account signs it.
  assert.equal(await page.locator('form.step[data-action="accept_county"]').count(), 0);
  await signOut();
  await signIn('county-emergency');
  await goto(casePath);
  // Acceptance without photos is refused with a reason.
  const opinion = async (form) => {
    await form.locator('textarea[name=opinion]').fill('主体设备已拆除,不具备恢复生产条件,同意通过验收');
    await form.locator('input[name=inspectors]').fill('王明, 李华');
  };
  expectedErrors.add(`${casePath}/step`);
  await act('accept_county', opinion);
  assert.match(await page.locator('#step-result').innerText(), /拆除前、中、后的现场照片/);
  const png = path.join(scratchDir, 'site.png');
  await writeFile(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  for (const stage of ['before', 'during', 'after']) {
    await page.selectOption('#photo-upload select[name=stage]', stage);
    await page.setInputFiles('#photo-upload input[type=file]', png);
    await Promise.all([page.waitForURL(new RegExp(`${casePath}$`)), page.click('#photo-upload button')]);
  }
  assert.equal(await page.locator('#photos li').count(), 3);
  await act('accept_county', opinion);
  assert.match(await page.locator('#case-state').innerText(), /县级验收通过/);
  await signOut();
  await signIn('city-industry');
  await goto(casePath);
  await act('accept_city', opinion);
  await act('publish');
  assert.match(await page.locator('#case-state').innerText(), /已公示/);
  assert.ok((await rowTexts('#case-events')).length >= 8);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'case-published.png'), fullPage: true });
  // The public sees it without signing in.
  await signOut();
  await goto('/public');
  const closed = await rowTexts('#public-closed');
  assert.ok(closed.some((r) => r.includes('拆除')), `not on the public list: ${closed.join(' | ')}`);
  await signIn('admin');
});

test('an enterprise submits a ledger change and the county reviews it field by field', async () => {
  // The enterprise's record as the administrator's CSV export, with a new name.
  await signOut();
  await signIn('enterprise');
  const me = await (await page.request.get(url('/api/me'))).json();
  const code = me.scope.replace(/^enterprise:/, '');
  await signOut();
  await signIn('admin');
  const listed = await (await page.request.get(url(`/api/enterprises?q=${code}`))).json();
  const name = listed.items[0].name;
  const csv = (await (await page.request.get(url(`/api/ledger/export.csv?q=${code}`))).text()).replace(name, `${name}（更名）`);
  const file = path.join(scratchDir, 'change.csv');
  await writeFile(file, csv);
  const submit = async () => {
    await goto('/import');
    await page.setInputFiles('input[type=file]', file);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('form[action="/import"] button[type=submit]').click()]);
    await page.waitForLoadState('load');
    assert.match(await page.locator('#import-result').innerText(), /已提交,等待主管部门审核/);
  };

  // The enterprise submits: the ledger waits; the enterprise sees the submission pending.
  await signOut();
  await signIn('enterprise');
  await submit();
  await goto('/my/submissions');
  assert.match(await page.locator('.submission').first().innerText(), /待审核/);

  // The county sees it in its queue, field by field, and returns it with a reason.
  await signOut();
  await signIn('county-market');
  await goto('/submissions');
  await Promise.all([page.waitForURL(/\/submissions\/\d+$/), page.locator('#submissions tbody tr a').first().click()]);
  const changes = await page.locator('#changes').innerText();
  assert.match(changes, /企业名称/);
  assert.match(changes, /影响筛查/);
  assert.ok(changes.includes(`${name}（更名）`), changes);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'submission-review.png'), fullPage: true });
  await page.fill('#return-form textarea[name=reason]', '更名须附新营业执照');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#return')]);
  await page.waitForLoadState('load');
  assert.match(await page.locator('#submission-state').innerText(), /已退回/);

  // The enterprise reads the reason and sends it again; the county accepts; the ledger has the new name.
  await signOut();
  await signIn('enterprise');
  await goto('/my/submissions');
  assert.match(await page.locator('.submission').first().innerText(), /更名须附新营业执照/);
  await submit();
  await signOut();
  await signIn('county-market');
  await goto('/submissions');
  await Promise.all([page.waitForURL(/\/submissions\/\d+$/), page.locator('#submissions tbody tr a').first().click()]);
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#accept')]);
  await page.waitForLoadState('load');
  assert.match(await page.locator('#submission-state').innerText(), /已采纳/);
  const after = await (await page.request.get(url(`/api/enterprises?q=${code}`))).json();
  assert.equal(after.items[0].name, `${name}（更名）`);
  await signOut();
  await signIn('admin');
});

test('online monitoring lists the demo loggers with their state', async () => {
  await goto('/monitoring');
  const rows = await rowTexts('#devices');
  assert.ok(rows.length > 5, `only ${rows.length} loggers listed`);
  const cards = await page.locator('#monitoring-cards .value').allInnerTexts();
  assert.equal(Number(cards[0].replace(/,/g, '')), rows.length);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'monitoring.png'), fullPage: false });
});

test('map, pagers, admin table, public notice and rule form at desktop and phone width', async () => {
  await signOut();
  await signIn('admin');
  for (const [name, width, height] of [['desktop', 1280, 800], ['phone', 390, 844]]) {
    await page.setViewportSize({ width, height });
    await goto('/');
    // District boundaries under the dots, one legend entry per status, four distinct colours.
    assert.ok((await page.locator('svg.map g.base path').count()) >= 6, 'district boundaries drawn');
    const colours = await page.locator('.map-legend circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('fill')));
    assert.equal(new Set(colours).size, colours.length, `status colours repeat: ${colours}`);
    await page.locator('svg.map').screenshot({ path: path.join(SCREENSHOTS, `map-${name}.png`) });
    await goto('/enterprises');
    assert.match(await page.locator('#enterprise-list tbody tr').first().innerText(), /青岚市·/);
    await page.locator('#enterprise-pager').screenshot({ path: path.join(SCREENSHOTS, `pager-${name}.png`) });
    await goto('/admin/users');
    await page.screenshot({ path: path.join(SCREENSHOTS, `admin-users-${name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the admin page is wider than the window by ${overflow}px at ${width}`);
    if (width >= 1280) {
      const wrap = await page.evaluate(() => { const w = document.querySelector('#users').closest('.table-wrap'); return w.scrollWidth - w.clientWidth; });
      assert.ok(wrap <= 1, `the account table needs horizontal scrolling on a laptop (${wrap}px)`);
    }
    assert.equal(await page.locator('#add-user select[name=role]').inputValue(), '', 'no role is preselected');
    await signOut();
    await goto('/public');
    assert.match(await page.locator('#publication-issuer').innerText(), /工业和信息化局/);
    assert.match(await page.locator('#publication-period').innerText(), /至/);
    assert.doesNotMatch(await page.locator('body > footer').innerText(), /政务内网/);
    await page.screenshot({ path: path.join(SCREENSHOTS, `public-${name}.png`), fullPage: true });
    await signIn('admin');
    await goto('/rules/new');
    await page.screenshot({ path: path.join(SCREENSHOTS, `rule-form-${name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // A local rule from the form lands in the catalogue.
  await goto('/rules/new');
  const f = page.locator('#rule-form');
  await f.locator('input[name=id]').fill('local-612000-small-coal-boiler');
  await f.locator('input[name=title_zh]').fill('10蒸吨以下燃煤锅炉');
  await f.locator('input[name=title_en]').fill('Coal boilers under 10 t/h');
  await f.locator('select[name=dimension]').selectOption('environment');
  await f.locator('input[name=equipment_kinds]').fill('coal_boiler');
  await f.locator('select[name=fact1]').selectOption('capacity');
  await f.locator('select[name=op1]').selectOption('lt');
  await f.locator('input[name=value1]').fill('10');
  await f.locator('select[name=outcome]').selectOption('rectify');
  await f.locator('input[name=document]').fill('青岚市大气污染防治实施方案(示范)');
  await f.locator('input[name=issuer]').fill('青岚市人民政府(示范)');
  await f.locator('input[name=clause]').fill('三(二)');
  await f.locator('select[name=status]').selectOption('unverified');
  await f.locator('input[name=source]').fill('示范规则,未与原文核对');
  await Promise.all([page.waitForURL(/\/rules$/), page.locator('#rule-save-button').click()]);
  assert.equal(await page.locator('#rules tr[data-rule="local-612000-small-coal-boiler"]').count(), 1);
});

test('no HTTP errors or page script errors along the way', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(httpErrors, []);
});
