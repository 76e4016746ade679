// The public portal and the leaders' dashboard (issue 14 items 1 and 4) on a phone-sized screen:
// the public reads the published lists, an enterprise's public page and the map; an item the
// bureau has not published is on none of them until the city's staff publish it on
// /publication, and is gone again once withdrawn; a leader opens the dashboard, follows "where
// we are behind" to the list it counts, and drills into a county on the district map; a county
// account sees its county only. No page overflows the phone's width.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian node --test portal.test.mjs
//
// Screenshots: tests/browser/screenshots/portal-*.png, dashboard-*.png

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { World } from './harness.mjs';

const world = new World();
const PHONE = { width: 390, height: 844 };

before(() => world.start());
after(() => world.stop());

async function noOverflow(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner + 1, `${what}: the page is ${scroll}px wide on a ${inner}px screen`);
}

test('the public reads published items only; publishing and withdrawing take effect at once', async () => {
  const page = world.page;
  await page.setViewportSize(PHONE);
  await world.goto('/public');
  await noOverflow(page, 'the published lists');
  const published = await page.locator('#public-campaign tbody tr').count();
  assert.ok(published > 0, 'the demo publishes campaign results');
  await world.screenshot('portal-lists-phone.png');

  // An enterprise's public page, from its row.
  const first = page.locator('#public-campaign tbody tr a').first();
  const name = (await first.innerText()).trim();
  await Promise.all([page.waitForURL(/\/public\/enterprises\//), first.click()]);
  assert.equal((await page.locator('#pe-name').innerText()).trim(), name);
  assert.ok((await page.locator('#public-campaign tbody tr').count()) >= 1, 'its campaign result is on its page');
  await noOverflow(page, 'the enterprise page');
  await world.screenshot('portal-enterprise-phone.png');

  // The map: one dot per published enterprise, each opening its page.
  await world.goto('/public/map');
  const dots = await page.locator('#public-map svg a').count();
  assert.ok(dots > 0, 'published enterprises on the map');
  assert.equal(await page.locator('#public-map-list li').count(), dots);
  await noOverflow(page, 'the map');
  await world.screenshot('portal-map-phone.png');

  // An unpublished campaign result, as the city's staff see it.
  await page.setViewportSize({ width: 1280, height: 800 });
  await world.signIn('city-industry');
  await world.goto('/publication?list=campaign');
  const row = page.locator('#publication-items tr[data-published="0"]').first();
  const key = await row.getAttribute('data-key');
  const code = (await row.locator('td code').first().innerText()).trim();
  await world.signOut();
  await world.goto(`/public?q=${code}`);
  assert.equal(await page.locator(`#public-campaign tr[data-key="${key}"]`).count(), 0, 'unpublished: not on the public list');
  const csv = await (await page.request.get(world.url(`/public/campaigns.csv?q=${code}`))).text();
  assert.ok(!csv.includes(code), 'unpublished: not in the export');

  // Published by the city's staff: on the list at once (and the decision is in the audit log).
  await world.signIn('city-industry');
  await world.goto('/publication?list=campaign');
  const form = page.locator(`#publication-items tr[data-key="${key}"] form`);
  await form.locator('input[name=note]').fill('经审核予以公开');
  await Promise.all([page.waitForURL(/\/publication\?list=campaign/), form.locator('button[value=publish]').click()]);
  assert.equal(await page.locator(`#publication-items tr[data-key="${key}"]`).getAttribute('data-published'), '1');
  await world.screenshot('portal-publication-staff.png');
  await world.signOut();
  await page.setViewportSize(PHONE);
  await world.goto(`/public?q=${code}`);
  assert.equal(await page.locator(`#public-campaign tr[data-key="${key}"]`).count(), 1, 'published: on the public list');
  await world.goto(`/public/enterprises/${code}`);

  // Withdrawn: gone again.
  await page.setViewportSize({ width: 1280, height: 800 });
  await world.signIn('city-industry');
  await world.goto(`/publication?list=campaign&q=${code}`);
  const again = page.locator(`#publication-items tr[data-key="${key}"] form`);
  await Promise.all([page.waitForURL(/\/publication\?list=campaign/), again.locator('button[value=withdraw]').click()]);
  await world.signOut();
  await world.goto(`/public?q=${code}`);
  assert.equal(await page.locator(`#public-campaign tr[data-key="${key}"]`).count(), 0, 'withdrawn: off the public list');
});

test('a leader sees where the city is behind and drills down to the list', async () => {
  const page = world.page;
  await page.setViewportSize(PHONE);
  await world.signIn('city-environment');
  await world.goto('/dashboard');
  await noOverflow(page, 'the dashboard');
  await world.screenshot('dashboard-city-phone.png');
  // The complaints measure: the demo has overdue complaints in some district.
  const cell = page.locator('#dashboard-behind tr[data-measure="complaints_overdue"] a[data-unit]').first();
  const unit = await cell.getAttribute('data-unit');
  const shown = Number((await cell.locator('span.v').nth(1).innerText()).replace(/[^\d]/g, ''));
  assert.ok(shown > 0, 'a district is behind on overdue complaints');
  await Promise.all([page.waitForURL(/\/complaints\?/), cell.click()]);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('division'), unit);
  assert.equal(url.searchParams.get('overdue'), '1');
  const listed = await page.locator('table tbody tr').count();
  assert.ok(listed > 0 && listed <= shown, `the list shows the overdue complaints counted (${listed} of ${shown})`);
  await world.screenshot('dashboard-drilldown-phone.png');

  // A district on the map opens its own overview.
  await world.goto('/dashboard');
  const district = page.locator('#dashboard-map a').first();
  await Promise.all([page.waitForURL(/\/dashboard\?division=/), district.click()]);
  assert.ok(await page.locator('#dashboard-up').count(), 'a way back to the city');
  await world.screenshot('dashboard-county-phone.png');
  await world.signOut();

  // A county's account: its county's townships, nothing of the others.
  await world.signIn('county-market');
  await world.goto('/dashboard');
  const units = await page.locator('#dashboard-map path').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-district')));
  assert.ok(units.every((u) => u === null || u.startsWith('612002')), `only the county: ${units.join(' ')}`);
  world.expectedErrors.add('/dashboard');
  const res = await page.goto(world.url('/dashboard?division=612001'));
  assert.equal(res.status(), 404, 'another county is not there');
  await world.signOut();
});
