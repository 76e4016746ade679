// End to end, non-site enforcement (issue 10): the demo's month of history carries the
// simulator's faults; the judge turns them into exceedance episodes and leads; the city's
// environment bureau finds an exceedance, opens its lead, verifies it into an enforcement case
// under a legal basis, walks the case to closed, and finds it in the enterprise's dossier.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { World } from './harness.mjs';

const world = new World({ extraArgs: ['--demo-history-days', '30', '--demo-history-outlets', '8'] });

before(() => world.start());
after(() => world.stop());

/** YYYY-MM-DD in Beijing time, `days` days before now. */
function beijingDate(daysAgo) {
  return new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

test('a simulated exceedance becomes a lead, the lead a case, the case closed in the dossier', async () => {
  const page = world.page;
  await world.signIn('city-environment');
  const list = `/enforcement/exceedances?from=${beijingDate(31)}&to=${beijingDate(0)}`;
  // The history is written and judged in the background after start (judging runs every 30 s).
  const deadline = Date.now() + 420_000;
  for (;;) {
    await world.goto(list);
    if ((await page.locator('#exceedances tbody tr').count()) > 0) break;
    assert.ok(Date.now() < deadline, 'no exceedance episode appeared within 420 s');
    await new Promise((r) => setTimeout(r, 5_000));
  }
  const first = page.locator('#exceedances tbody tr').first();
  const outlet = await first.getAttribute('data-outlet');
  const pollutant = await first.getAttribute('data-pollutant');
  assert.match(await page.locator('#exceedance-summary').innerText(), /超标时段/);
  await world.screenshot('enforcement-exceedances.png');
  // The row links to the outlet page on the episode's day.
  const href = await first.locator('a[href^="/monitoring/outlets/"]').getAttribute('href');
  assert.ok(href.includes(`pollutant=${pollutant}`) && href.includes('view=day'), href);

  // The same episode is a lead of the exceedance detector.
  const [credit] = outlet.split('/');
  await world.goto(`/enforcement/leads?detector=exceedance&status=open&q=${credit}`);
  const lead = page.locator('#leads tbody tr').first();
  assert.ok((await page.locator('#leads tbody tr').count()) >= 1, `no open exceedance lead for ${credit}`);
  await Promise.all([page.waitForURL(/\/enforcement\/leads\/\d+/), lead.locator('a[href^="/enforcement/leads/"]').first().click()]);
  assert.match(await page.locator('#lead-explanation').innerText(), /有效小时均值|有效日均值/);
  assert.ok((await page.locator('#lead-chart svg').count()) >= 1, 'the lead shows its hourly means');
  await world.screenshot('enforcement-lead.png');

  // Verify it into a new case under 大气污染防治法 Art. 99 (or the first basis offered).
  await page.check('#decide-form input[name=verdict][value=verify]');
  await page.fill('#decide-form textarea[name=reason]', '调取历史数据核实，确属超标排放');
  const options = await page.locator('#decide-form select[name=target] option').evaluateAll((os) => os.map((o) => o.value));
  const basis = options.find((v) => v.startsWith('new:') && v.includes('99')) ?? options.find((v) => v.startsWith('new:'));
  assert.ok(basis, `no legal basis offered: ${options}`);
  await page.selectOption('#decide-form select[name=target]', basis);
  // A verified lead opens its case: the answer is the case page.
  await Promise.all([page.waitForURL(/\/enforcement\/cases\/\d+/), page.click('#decide-form button[type=submit]')]);
  const casePath = new URL(page.url()).pathname;

  // Walk the case: notice served, statement (waived), rectification order, rectified, closed.
  const step = async (fill) => {
    const form = page.locator('#step-form');
    await fill?.(form);
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
    assert.equal(new URL(page.url()).pathname, casePath, 'back on the case');
  };
  const stateBefore = await page.locator('#case-state').innerText();
  await step();
  await step(async (f) => f.locator('input[name=waived]').check());
  await step(async (f) => {
    await f.locator('select[name=decision]').selectOption({ index: 1 });
    await f.locator('input[name=rectify_by]').fill(beijingDate(-30));
  });
  await step();
  await world.screenshot('enforcement-case-rectified.png');
  await step();
  assert.notEqual(await page.locator('#case-state').innerText(), stateBefore);
  assert.equal(await page.locator('#step-form').count(), 0, 'a closed case offers no further step');
  assert.ok((await page.locator('#case-events tbody tr').count()) >= 5, 'every step is in the history');
  await world.screenshot('enforcement-case-closed.png');

  // The enterprise's dossier lists the case, its lead and its exceedances.
  const dossier = await page.locator('#case-facts a[href^="/enterprises/"]').first().getAttribute('href');
  await world.goto(dossier);
  const caseId = casePath.split('/').pop();
  assert.ok(await page.locator(`#dossier-enforcement-cases a[href="/enforcement/cases/${caseId}"]`).count(), 'the case is in the dossier');
  assert.ok((await page.locator('#dossier-exceedances tbody tr').count()) >= 1, 'the exceedances are in the dossier');
  await world.screenshot('enforcement-dossier.png');
});
