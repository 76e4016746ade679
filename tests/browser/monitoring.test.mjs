// End-to-end test of online monitoring in headless Chromium (issue 9): the enterprise account
// opens its outlet from /monitoring, sees a day of minute values and a month of hourly means
// from the demo's history (with the limit line, the calendar and the rates), exports what it
// sees, and enters a data mark that then shows on the page.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { World } from './harness.mjs';

// A few outlets with a month of history keep the debug build's start quick; the enterprise
// account's outlets always get history first.
const world = new World({ extraArgs: ['--demo-history-days', '30', '--demo-history-outlets', '3'] });

before(() => world.start());
after(() => world.stop());

/** YYYY-MM-DD in Beijing time, `days` days before now. */
function beijingDate(daysAgo) {
  const t = new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** datetime-local value (Beijing time) `minutes` minutes before now. */
function beijingMinute(minutesAgo) {
  const t = new Date(Date.now() + 8 * 3600_000 - minutesAgo * 60_000);
  return t.toISOString().slice(0, 16);
}

/** Points of the longest data line of a chart (its path's M and L commands). */
const pointsOfLongestLine = (chart) =>
  chart.locator('path[fill="none"]').evaluateAll((ps) => Math.max(0, ...ps.map((p) => (p.getAttribute('d').match(/[ML]/g) || []).length)));

test('the enterprise sees its outlet: minute values, hourly means with the limit, calendar, rates; it enters a mark', async () => {
  const page = world.page;
  await world.signIn('enterprise');
  await world.goto('/monitoring');
  const outletLinks = page.locator('#outlets tbody tr a[href^="/monitoring/outlets/"]');
  assert.ok((await outletLinks.count()) >= 1, 'the enterprise sees its own outlets');
  await world.screenshot('monitoring-overview.png');
  await Promise.all([page.waitForURL(/\/monitoring\/outlets\//), outletLinks.first().click()]);
  const outletPath = new URL(page.url()).pathname;

  // The history is written in the background after start (the enterprise's outlets first):
  // wait until yesterday's hours are averaged.
  const deadline = Date.now() + 240_000;
  for (;;) {
    await world.goto(`${outletPath}?view=month&date=${beijingDate(1)}`);
    const yesterday = page.locator(`#calendar a.day[href$="date=${beijingDate(1)}"]`);
    const cls = (await yesterday.count()) ? await yesterday.getAttribute('class') : '';
    if (/\bday-(valid|invalid|marked)\b/.test(cls)) break;
    assert.ok(Date.now() < deadline, `the demo history did not reach ${outletPath} within 240 s (calendar: ${cls})`);
    await new Promise((r) => setTimeout(r, 3_000));
  }

  // Yesterday's minute values: a full day from the history, drawn as a line.
  await world.goto(`${outletPath}?view=day&date=${beijingDate(1)}`);
  const dayChart = page.locator('#outlet-chart svg');
  await dayChart.waitFor();
  const dayPoints = await pointsOfLongestLine(dayChart);
  assert.ok(dayPoints >= 100, `a day of minute values is drawn (${dayPoints} points)`);
  await world.screenshot('outlet-day.png');

  // A month of hourly means (the month 20 days ago lies inside the 30 days of history).
  await world.goto(`${outletPath}?view=month&date=${beijingDate(20)}`);
  const monthChart = page.locator('#outlet-chart svg');
  await monthChart.waitFor();
  const monthPoints = await pointsOfLongestLine(monthChart);
  assert.ok(monthPoints >= 24, `hourly means are drawn (${monthPoints} points)`);
  // The limit line (dashed) for a pollutant the ledger gives a limit (the demo enterprise has
  // one on some outlet): look through its outlets and their pollutants.
  const monthUrl = `${outletPath}?view=month&date=${beijingDate(20)}`;
  const outletHrefs = await (async () => {
    await world.goto('/monitoring');
    return page.locator('#outlets tbody tr a[href^="/monitoring/outlets/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  })();
  let dashed = 0;
  const tried = [];
  for (const outletHref of outletHrefs) {
    if (dashed) break;
    await world.goto(`${outletHref}?view=month&date=${beijingDate(20)}`);
    dashed = await page.locator('#outlet-chart svg line.limit-line').count();
    const pollutantLinks = await page.locator('#outlet-head p.pollutants a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of pollutantLinks) {
      if (dashed) break;
      tried.push(href);
      await world.goto(href);
      dashed = await page.locator('#outlet-chart svg line.limit-line').count();
    }
  }
  assert.ok(dashed >= 1, `the limit is drawn as a dashed line for one of the pollutants (${tried.join(' ')})`);
  await world.screenshot('outlet-month-limit.png');
  await world.goto(monthUrl);
  // The calendar: days with data are valid, invalid or marked, not offline.
  const withData = await page.locator('#calendar .day-valid, #calendar .day-invalid, #calendar .day-marked').count();
  assert.ok(withData >= 5, `days of the history show their status (${withData})`);
  const rates = await page.locator('#outlet-rates .value').allInnerTexts();
  assert.equal(rates.length, 3);
  for (const r of rates) assert.match(r, /^\d+(\.\d+)?\s*%$/, `a rate as a percentage: ${r}`);
  await world.screenshot('outlet-month.png');

  // Export what is shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const saved = path.join(world.scratchDir, 'outlet.xlsx');
  await download.saveAs(saved);
  assert.equal((await readFile(saved)).subarray(0, 2).toString(), 'PK');

  // Enter a mark for the last hour; it is listed with its reason.
  await world.goto(`${outletPath}?view=day&date=${beijingDate(0)}`);
  const form = page.locator('#mark-form');
  await form.locator('select[name=kind]').selectOption({ index: 0 });
  await form.locator('input[name=from]').fill(beijingMinute(60));
  await form.locator('input[name=to]').fill(beijingMinute(5));
  await form.locator('input[name=reason]').fill('布袋除尘器更换滤袋 浏览器测试');
  await Promise.all([page.waitForURL(/#marks$/), form.locator('button[type=submit]').click()]);
  const marks = await page.locator('#mark-list tbody').innerText();
  assert.match(marks, /布袋除尘器更换滤袋 浏览器测试/);
  await world.screenshot('outlet-mark.png');

  // A phone: the outlet page fits the width.
  await page.setViewportSize({ width: 390, height: 844 });
  await world.goto(`${outletPath}?view=month&date=${beijingDate(20)}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal overflow on a phone (${overflow}px)`);
  await world.screenshot('outlet-phone.png');
  await page.setViewportSize({ width: 1280, height: 800 });

  assert.deepEqual(world.pageErrors, []);
  assert.deepEqual(world.httpErrors, []);
});
