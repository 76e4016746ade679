// End-to-end test of the environmental protection tax (issue 10 item 5) in headless Chromium:
// the enterprise opens its own estimate from the navigation and reads how each figure was
// computed; the city's environment bureau sees the month's table of its jurisdiction, downloads
// the quarter's filing table and opens the emissions against the permit.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { World } from './harness.mjs';

const world = new World({ extraArgs: ['--demo-history-days', '30', '--demo-history-outlets', '3'] });

before(() => world.start());
after(() => world.stop());

/** YYYY-MM (Beijing time) of the day `daysAgo` days before now: inside the 30 days of history. */
function beijingMonth(daysAgo) {
  return new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 7);
}

test('the enterprise reads its tax estimate and the bureau its table, the quarter workbook and the emissions', async () => {
  const page = world.page;
  const month = beijingMonth(20);
  await world.signIn('enterprise');
  await Promise.all([page.waitForURL(/\/my\/tax/), page.click('header nav a[href="/my/tax"]')]);
  // The history is written in the background after start (the enterprise's outlets first).
  const deadline = Date.now() + 240_000;
  for (;;) {
    await world.goto(`/my/tax?month=${month}`);
    if (await page.locator('#tax-total').count()) break;
    assert.ok(Date.now() < deadline, `no tax estimate for ${month} within 240 s`);
    await new Promise((r) => setTimeout(r, 3_000));
  }
  const lines = page.locator('.tax-line');
  assert.ok((await lines.count()) >= 1, 'at least one taxable pollutant is explained');
  const text = await lines.first().innerText();
  assert.match(text, /污染当量数 = /);
  assert.match(text, /附表文本第 \d+ 行/);
  assert.match(text, /小时有有效排放速率/);
  assert.match(text, /(计税|不计税)/);
  assert.match(await page.locator('.tax-outlet').first().innerText(), /单位税额 1\.2 元\/污染当量（陕西省/);
  await world.screenshot('my-tax.png');
  await world.signOut();

  await world.signIn('city-environment');
  await Promise.all([page.waitForURL(/\/tax/), page.click('header nav a[href="/tax"]')]);
  await world.goto(`/tax?month=${month}`);
  const rows = page.locator('#tax-table tbody tr[data-pollutant]');
  assert.ok((await rows.count()) >= 1, 'the month has lines');
  assert.match(await page.locator('#tax-total').innerText(), /^\d+\.\d\d$/);
  await world.screenshot('tax.png');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#tax-quarter')]);
  assert.match(download.suggestedFilename(), /^tax-\d{4}-Q[1-4]\.xlsx$/);
  const saved = path.join(world.scratchDir, download.suggestedFilename());
  await download.saveAs(saved);
  assert.equal((await readFile(saved)).subarray(0, 2).toString(), 'PK');
  // The outlet's explanation from the table, and the emissions against the permit.
  await Promise.all([page.waitForURL(/\/tax\/outlets\//), page.locator('#tax-table tbody tr[data-pollutant] td:nth-child(2) a').first().click()]);
  assert.ok((await page.locator('.tax-line').count()) >= 1);
  await world.goto('/tax/emissions');
  assert.ok((await page.locator('#emissions-table tbody tr').count()) >= 1, 'emissions of the year are listed');
  await world.screenshot('tax-emissions.png');
  await world.signOut();
  assert.deepEqual(world.httpErrors, []);
  assert.deepEqual(world.pageErrors, []);
});
