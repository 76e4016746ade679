// End-to-end test of the pollution–carbon synergy evaluation (issue 13 item 4) in headless
// Chromium: the city's environment bureau opens the ranking of the demo evaluation from the
// navigation, reads the map coloured by level and the trend, opens a district (radar, indicator
// values with where each came from), switches to English, downloads the workbook and finds the
// entered values; a refused import names its row and nothing is stored.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian node --test synergy.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { World } from './harness.mjs';

const world = new World({ extraArgs: ['--demo-history-days', '0'] });

before(() => world.start());
after(() => world.stop());

test('the bureau reads the district ranking, a district and its values, and exports them', async () => {
  const page = world.page;
  await world.signIn('city-environment');
  await Promise.all([page.waitForURL(/\/synergy/), page.click('header nav a[href="/synergy"]')]);
  const rows = page.locator('#synergy-ranking tbody tr');
  assert.equal(await rows.count(), 6, 'the six districts and counties of the demo city');
  // Ranked by D, highest first; every D within [0, 1].
  const ds = await page.locator('#synergy-ranking tbody td.d').allInnerTexts();
  const values = ds.map(Number);
  assert.ok(values.every((d) => d >= 0 && d <= 1), ds.join(','));
  assert.deepEqual([...values].sort((a, b) => b - a), values);
  assert.equal(await page.locator('#synergy-map path[data-level]').count(), 6, 'every district is on the map');
  assert.match(await page.locator('#synergy-recompute').innerText(), /完全一致/);
  assert.ok((await page.locator('svg.synergy-trend polyline').count()) >= 6);
  assert.ok((await page.locator('#synergy-weights tbody tr').count()) >= 10);
  await world.screenshot('synergy.png');

  // A district: from the ranking's first row.
  await Promise.all([page.waitForURL(/\/synergy\/district/), rows.first().locator('a').click()]);
  assert.equal(await page.locator('#synergy-radar polygon').count(), 7, 'five rings, the mean and the district');
  assert.match(await page.locator('#synergy-d').innerText(), /^[01]\.\d{3}$/);
  const origins = await page.locator('#synergy-values td.origin').allInnerTexts();
  assert.ok(origins.some((o) => /平台计算/.test(o)), 'some values were computed from the ledger');
  assert.ok(origins.some((o) => /填报/.test(o)), 'some were entered');
  await world.screenshot('synergy-district.png');

  // English, complete: no Chinese outside data values (span.v, code), the charts and the title (it
  // names the district).
  const chineseFrame = () =>
    page.evaluate(() => {
      const main = document.querySelector('main').cloneNode(true);
      main.querySelectorAll('.v, code, svg, option, h1').forEach((e) => e.remove());
      return (main.innerText.match(/[\u4e00-\u9fff]+/g) || []).join(' ');
    });
  await world.goto(page.url() + '&lang=en');
  assert.match(await page.locator('h1').innerText(), /^Synergy of /);
  assert.equal(await chineseFrame(), '');
  assert.match(await page.locator('#synergy-values').innerText(), /computed by the platform/);
  await world.goto('/synergy?lang=en');
  assert.match(await page.locator('#synergy-recompute').innerText(), /identical/);
  assert.equal(await chineseFrame(), '');
  await world.goto('/synergy/values?lang=en');
  assert.equal(await chineseFrame(), '');
  await world.screenshot('synergy-en.png');
  await world.goto('/synergy?lang=zh');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#synergy-export')]);
  assert.match(download.suggestedFilename(), /^synergy-\d+\.xlsx$/);
  const saved = path.join(world.scratchDir, download.suggestedFilename());
  await download.saveAs(saved);
  assert.equal((await readFile(saved)).subarray(0, 2).toString(), 'PK');

  // Entered values and a refused import.
  await world.goto('/synergy/values');
  assert.ok((await page.locator('#synergy-entered tbody tr').count()) >= 100);
  const bad = path.join(world.scratchDir, 'bad.csv');
  await writeFile(bad, '区县代码,年份,指标代码,数值\n612002,2024,pm25,38\n612002,2024,pm25,abc\n');
  world.expectedErrors.add('/synergy/import');
  await page.setInputFiles('#synergy-import input[type=file]', bad);
  await Promise.all([page.waitForLoadState('load'), page.click('#synergy-import button')]);
  const problems = await page.locator('#synergy-problems').innerText();
  assert.match(problems, /数值/);
  assert.match(problems, /不是数字/);
  await world.screenshot('synergy-refused.png', false);
  await world.signOut();
  assert.deepEqual(world.pageErrors, []);
});
