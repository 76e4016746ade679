// End-to-end test of the energy pages (issue 18) in headless Chromium: the city's industry bureau
// opens /energy from the navigation, reads the key energy users' dual-control evaluation, opens a
// user recommended for an energy diagnosis, sees its lines against the benchmark and baseline,
// records the diagnosis; opens the renovation list, records progress on an item (its history
// shows entering and progress), and the relocation candidates; the renovation list at phone width.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian node --test energy.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { World } from './harness.mjs';

const world = new World();

before(() => world.start());
after(() => world.stop());

test('evaluation, a diagnosis, the renovation list with progress, relocation candidates', async () => {
  const page = world.page;
  await world.signIn('city-industry');
  await Promise.all([page.waitForURL(/\/energy/), page.click('header nav a[href="/energy"]')]);
  const keys = Number(await page.locator('#energy-cards .card[data-card="key_users"] .value').getAttribute('data-v'));
  assert.ok(keys > 0, `key energy users: ${keys}`);
  assert.equal(await page.locator('#energy-grades svg').count(), 1, 'the grades chart');
  assert.ok((await page.locator('#energy-benchmarks tbody tr').count()) >= 5, 'the benchmark list with sources');
  await world.screenshot('energy.png');

  await Promise.all([page.waitForURL(/\/energy\/evaluation/), page.click('#energy-tabs a[href^="/energy/evaluation"]')]);
  const rows = page.locator('#energy-evaluation tbody tr');
  assert.equal(await rows.count(), keys, 'one row per key energy user');
  assert.ok((await page.locator('#energy-evaluation td[data-diagnosis="yes"]').count()) >= 1, 'some are recommended for a diagnosis');
  await world.screenshot('energy-evaluation.png', false);
  const download = page.waitForEvent('download');
  await page.click('#energy-evaluation-export');
  assert.match((await download).suggestedFilename(), /^energy-evaluation-\d{4}\.xlsx$/);

  // A recommended enterprise: reasons, its lines, the diagnosis form.
  const recommended = page.locator('#energy-evaluation tbody tr:has(td[data-diagnosis="yes"]) td:first-child a').first();
  await Promise.all([page.waitForURL(/\/energy\/enterprises\/\d+/), recommended.click()]);
  assert.ok((await page.locator('#energy-diagnosis-reasons li').count()) >= 1);
  await page.fill('#energy-diagnosis-form input[name="diagnosed_on"]', '2025-11-01');
  await page.fill('#energy-diagnosis-form input[name="agency"]', '市节能监察中心');
  await page.fill('#energy-diagnosis-form textarea[name="findings"]', '空压机系统泄漏严重');
  await page.fill('#energy-diagnosis-form textarea[name="follow_up"]', '三个月内完成管网改造');
  await Promise.all([page.waitForURL(/\/energy\/enterprises\/\d+/), page.click('#energy-diagnosis-form button[type="submit"]')]);
  assert.match(await page.locator('#energy-diagnoses').innerText(), /空压机系统泄漏严重/);
  await world.screenshot('energy-enterprise.png');

  // The renovation list: an item, its progress and history.
  await Promise.all([page.waitForURL(/\/energy\/renovation/), page.click('#energy-tabs a[href^="/energy/renovation"]')]);
  const items = page.locator('#energy-renovation tbody tr');
  assert.ok((await items.count()) >= 1, 'the demo list has items');
  await Promise.all([page.waitForURL(/\/energy\/renovation\/\d+/), items.first().locator('td:nth-child(2) a').click()]);
  await page.fill('#energy-progress-form input[name="pct"]', '40');
  await page.fill('#energy-progress-form textarea[name="note"]', '完成方案设计');
  await Promise.all([page.waitForURL(/\/energy\/renovation\/\d+$/), page.click('#energy-progress-form button[type="submit"]')]);
  assert.equal(await page.locator('#energy-item-progress').getAttribute('data-v'), '40');
  const kinds = await page.locator('#energy-item-events li').evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.deepEqual(kinds.slice(0, 2), ['entered', 'progress']);

  // A refused progress: said so, nothing changed.
  const res = await page.request.post(page.url() + '/progress', { form: { _csrf: await page.locator('#energy-progress-form input[name="_csrf"]').inputValue(), pct: '140', note: 'x' } });
  assert.equal(res.status(), 422);

  // Relocation candidates on the map.
  await world.goto('/energy/relocation');
  assert.ok((await page.locator('#energy-relocation-map svg').count()) >= 1, 'the map');
  assert.ok((await page.locator('#energy-relocation tbody tr[data-verdict="candidate"]').count()) >= 1, 'candidates inside the area');
  await world.screenshot('energy-relocation.png');

  // The renovation list on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await world.goto('/energy/renovation');
  await world.screenshot('energy-renovation-phone.png');
  assert.deepEqual(world.pageErrors, []);
});
