// Shared set-up of the browser tests: the real `lantian` binary on a free port with a fresh
// demo city and data directory, and Debian's Chromium through playwright-core (which never
// downloads a browser of its own).
//
// Environment:
//   LANTIAN_BIN      path to the lantian binary (default ../../target/debug/lantian,
//                    relative to this file; a relative value is taken from the cwd)
//   CHROMIUM_BIN     path to Chromium (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const LANTIAN_BIN = process.env.LANTIAN_BIN
  ? path.resolve(process.env.LANTIAN_BIN)
  : path.resolve(here, '../../target/debug/lantian');
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(here, 'screenshots');
export const DEMO_PASSWORD = 'Lantian-demo-2026';

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

/**
 * One test file's world: a server, a browser context and its page, and the HTTP errors seen.
 * `extraArgs` go to `lantian serve --demo`.
 */
export class World {
  constructor({ enterprises = 300, extraArgs = [], startTimeoutMs = 120_000 } = {}) {
    this.enterprises = enterprises;
    this.extraArgs = extraArgs;
    this.startTimeoutMs = startTimeoutMs;
    this.serverLog = '';
    this.httpErrors = [];
    this.pageErrors = [];
    /** Paths a test visits on purpose to see a refusal. */
    this.expectedErrors = new Set();
  }

  url(p) {
    return new URL(p, this.baseUrl).toString();
  }

  async start() {
    await access(LANTIAN_BIN).catch(() => {
      throw new Error(`lantian binary not found at ${LANTIAN_BIN} (set LANTIAN_BIN)`);
    });
    await access(CHROMIUM_BIN).catch(() => {
      throw new Error(`Chromium not found at ${CHROMIUM_BIN} (apt-get install chromium, or set CHROMIUM_BIN)`);
    });
    this.dataDir = await mkdtemp(path.join(tmpdir(), 'lantian-e2e-data-'));
    this.profileDir = await mkdtemp(path.join(tmpdir(), 'lantian-e2e-chromium-'));
    this.scratchDir = await mkdtemp(path.join(tmpdir(), 'lantian-e2e-files-'));
    await mkdir(SCREENSHOTS, { recursive: true });
    this.baseUrl = await this.startServer();
    this.context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: CHROMIUM_BIN,
      headless: true,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      locale: 'zh-CN',
      viewport: { width: 1280, height: 800 },
    });
    this.context.setDefaultTimeout(15_000);
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page.on('pageerror', (err) => this.pageErrors.push(String(err)));
    this.page.on('response', (res) => {
      const req = res.request();
      const pathname = new URL(res.url()).pathname;
      const intentional = (req.method() === 'POST' && pathname === '/login') || this.expectedErrors.has(pathname);
      if (res.status() >= 400 && !intentional) this.httpErrors.push(`${res.status()} ${req.method()} ${res.url()}`);
    });
    process.on('exit', () => {
      if (this.server && this.server.exitCode === null) this.server.kill('SIGKILL');
    });
  }

  startServer() {
    return new Promise((resolve, reject) => {
      const child = spawn(
        LANTIAN_BIN,
        [
          'serve', '--demo',
          '--demo-enterprises', String(this.enterprises),
          '--listen', '127.0.0.1:0',
          '--hj212-listen', '127.0.0.1:0',
          '--data-dir', this.dataDir,
          ...this.extraArgs,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      this.server = child;
      let settled = false;
      const done = (err, url) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(url);
      };
      const timer = setTimeout(
        () => done(new Error(`lantian did not print its URL within ${this.startTimeoutMs / 1000} s.\n--- output ---\n${this.serverLog}`)),
        this.startTimeoutMs,
      );
      let stdoutBuf = '';
      const keep = (chunk) => {
        this.serverLog += chunk;
        if (this.serverLog.length > 200_000) this.serverLog = this.serverLog.slice(-100_000);
      };
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        keep(chunk);
        stdoutBuf += chunk;
        const m = stdoutBuf.match(/(https?:\/\/[^\s/]+\/)/);
        if (m) done(null, m[1]);
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', keep);
      child.on('error', (err) => done(new Error(`cannot start ${LANTIAN_BIN}: ${err.message}`)));
      child.on('exit', (code, signal) =>
        done(new Error(`lantian exited early (code ${code}, signal ${signal}).\n--- output ---\n${this.serverLog}`)),
      );
    });
  }

  async stop() {
    try {
      if (this.context) await this.context.close();
    } catch (err) {
      console.error('closing Chromium failed:', err);
    }
    const child = this.server;
    this.server = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    for (const dir of [this.dataDir, this.profileDir, this.scratchDir]) {
      if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
    }
  }

  async goto(p) {
    const res = await this.page.goto(this.url(p), { waitUntil: 'load' });
    assert.ok(res, `no response for ${p}`);
    assert.equal(res.status(), 200, `GET ${p} returned ${res.status()}`);
    return res;
  }

  async signIn(username, password = DEMO_PASSWORD) {
    const page = this.page;
    await page.goto(this.url('/login'), { waitUntil: 'load' });
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#login-submit')]);
  }

  async signOut() {
    await Promise.all([this.page.waitForURL(/\/login/), this.page.click('#logout')]);
  }

  screenshot(name, fullPage = true) {
    return this.page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage });
  }
}
