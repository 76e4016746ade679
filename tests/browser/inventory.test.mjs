// End-to-end test of the fused emission inventory (issue 13) in headless Chromium: the city's
// environment bureau opens the inventory from the navigation, drills down to a district and an
// enterprise, reads how a figure was computed and follows it to its factor in the library; then
// opens the demo scenario "close a district's small coal boilers" and compares it with the
// baseline, saves a new quick scenario and exports both workbooks.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian node --test inventory.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { World } from './harness.mjs';

const world = new World();

before(() => world.start());
after(() => world.stop());

const num = (s) => Number(String(s).replace(/[^0-9.eE+-]/g, ''));

test('from the inventory to an enterprise\'s factors, and a scenario against the baseline', async () => {
  const page = world.page;
  await world.signIn('city-environment');
  await Promise.all([page.waitForURL(/\/inventory/), page.click('header nav a[href="/inventory"]')]);
  const co2 = num(await page.locator('#inventory-totals .card[data-pollutant="CO2"] .value').getAttribute('data-v'));
  assert.ok(co2 > 0, `CO2 of the latest year is ${co2}`);
  assert.ok((await page.locator('#inventory-cells tbody tr').count()) > 5, 'district × sector × source × pollutant cells');
  assert.ok((await page.locator('#inventory-cells tbody tr[data-source="electricity"]').count()) >= 1, 'indirect CO2 from electricity');
  assert.ok((await page.locator('#inventory-chart svg').count()) === 1, 'the district chart');
  await world.screenshot('inventory.png', false);

  // Drill down: a district, then an enterprise in it.
  const district = await page.locator('#inventory-cells tbody tr').first().getAttribute('data-district');
  await Promise.all([page.waitForURL(/district=/), page.locator('#inventory-cells tbody tr td:first-child a').first().click()]);
  const rows = page.locator('#inventory-cells tbody tr');
  for (let i = 0; i < (await rows.count()); i++) {
    assert.equal(await rows.nth(i).getAttribute('data-district'), district, 'only the chosen district');
  }
  const districtCo2 = num(await page.locator('#inventory-totals .card[data-pollutant="CO2"] .value').getAttribute('data-v'));
  assert.ok(districtCo2 > 0 && districtCo2 <= co2);
  await Promise.all([page.waitForURL(/\/inventory\/enterprises\/\d+/), page.locator('#inventory-enterprises tbody tr td:first-child a').first().click()]);
  const lines = page.locator('#inventory-lines tbody tr');
  assert.ok((await lines.count()) >= 1, 'the enterprise has figures');
  const formulas = await page.locator('#inventory-lines .formula').allInnerTexts();
  assert.ok(formulas.some((f) => /44\/12|tCO2\/MWh/.test(f)), `a CO2 formula is shown: ${formulas.slice(0, 3)}`);
  assert.ok((await page.locator('#inventory-activity tbody tr').count()) >= 1, 'the activity data behind it');
  await world.screenshot('inventory-enterprise.png', false);
  // Follow a CO2 figure to its factor.
  const factorLink = page.locator('#inventory-lines tbody tr[data-pollutant="CO2"] a.factor').first();
  const href = await factorLink.getAttribute('href');
  await Promise.all([page.waitForURL(/\/inventory\/factors#f-/), factorLink.click()]);
  const anchor = href.split('#')[1];
  const row = page.locator(`tr[id="${anchor}"]`);
  assert.equal(await row.count(), 1, `the factor row ${anchor}`);
  assert.match(await row.innerText(), /(二手来源|未核实|已核实)/);
  assert.match(await row.innerText(), /regulatory-facts\.md|IPCC|AP-42|NDRC/);
  await world.screenshot('inventory-factors.png', false);

  // The demo scenario against the baseline.
  await world.goto('/inventory/scenarios');
  assert.ok((await page.locator('#scenarios tbody tr').count()) >= 1, 'the demo scenario is saved');
  await Promise.all([page.waitForURL(/\/inventory\/scenarios\/\d+/), page.locator('#scenarios tbody tr a').first().click()]);
  assert.match(await page.locator('#scenario-name').innerText(), /小型燃煤锅炉/);
  const co2Row = page.locator('#scenario-compare tr[data-pollutant="CO2"]');
  const base = num(await co2Row.locator('.baseline').getAttribute('data-v'));
  const scen = num(await co2Row.locator('.scenario').getAttribute('data-v'));
  assert.ok(scen < base, `closing small coal boilers lowers CO2: ${scen} < ${base}`);
  const eqDelta = num(await page.locator('#scenario-compare tr[data-pollutant="equivalents"] .delta').getAttribute('data-v'));
  assert.ok(eqDelta < 0, `and pollution equivalents: ${eqDelta}`);
  assert.ok((await page.locator('#scenario-districts tr.changed').count()) === 1, 'one district changes');
  assert.ok((await page.locator('#scenario-enterprises tbody tr').count()) >= 1, 'the enterprises affected');
  assert.match(await page.locator('#scenario-measures').innerText(), /关停/);
  // The districts' synergy scores (D) recomputed with the scenario's inventory indicators.
  assert.ok((await page.locator('#scenario-synergy tbody tr').count()) >= 2, 'D per district, baseline and scenario');
  await world.screenshot('inventory-scenario.png');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#scenario-export')]);
  assert.match(download.suggestedFilename(), /^scenario-\d+\.xlsx$/);
  const saved = path.join(world.scratchDir, download.suggestedFilename());
  await download.saveAs(saved);
  assert.equal((await readFile(saved)).subarray(0, 2).toString(), 'PK');

  // A new quick scenario for another district: saved and shown.
  await world.goto('/inventory/scenarios');
  const buttons = page.locator('#scenario-quick button');
  assert.ok((await buttons.count()) >= 2);
  await Promise.all([page.waitForURL(/\/inventory\/scenarios\/\d+/), buttons.nth(1).click()]);
  assert.ok((await page.locator('#scenario-compare tr[data-pollutant="CO2"]').count()) === 1);

  // The inventory workbook, and the English page.
  await world.goto('/inventory');
  const [book] = await Promise.all([page.waitForEvent('download'), page.click('#inventory-export')]);
  assert.match(book.suggestedFilename(), /^inventory-\d{4}\.xlsx$/);
  await world.goto('/inventory?lang=en');
  assert.match(await page.locator('h1').first().innerText(), /Fused inventory/);
  await world.screenshot('inventory-en.png', false);
  await world.signOut();
  assert.deepEqual(world.httpErrors, []);
  assert.deepEqual(world.pageErrors, []);
});
