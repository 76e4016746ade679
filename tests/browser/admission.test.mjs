// Project admission review (准入审核, issue 18 item 3) end to end on a phone-sized screen: the
// demo's refused project shows the cited rule; an enterprise submits a project (first without
// capacity: refused with the field named), the environment bureau checks it against the
// catalogue, the departments asked give their opinions, development and reform approves it with
// reasons and publishes it; the enterprise sees the decision. No page overflows the phone.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian node --test admission.test.mjs
//
// Screenshots: tests/browser/screenshots/admission-*.png

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

async function submit(page, selector) {
  await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.click(selector)]);
}

test('a project goes from submission to a published decision; the prohibited demo project cites its rule', async () => {
  const page = world.page;
  await page.setViewportSize(PHONE);

  // The demo review: the refused aluminium line with the rule it breaks and its source.
  await world.signIn('city-environment');
  await world.goto('/admission');
  await noOverflow(page, 'the list');
  const refused = page.locator('#projects tr', { has: page.locator('[data-decision=refused]') }).first();
  await Promise.all([page.waitForLoadState('load'), refused.locator('a').first().click()]);
  const rule = page.locator('#findings-table tr[data-outcome=refuse]').first();
  assert.equal(await rule.getAttribute('data-rule'), 'zz-2018-prohibit-overcapacity-aluminium');
  assert.match(await rule.innerText(), /seeds\/004_287681968311ce01\.txt:45/);
  assert.match(await rule.innerText(), /原则上禁止新建、扩建单纯新增产能/);
  assert.equal(await page.locator('#project-state').getAttribute('data-state'), 'published');
  await world.screenshot('admission-refused-phone.png');
  await world.signOut();

  // The enterprise submits a project: first without any capacity (refused, the field named).
  await world.signIn('enterprise');
  await world.goto('/admission/new');
  await noOverflow(page, 'the form');
  assert.ok((await page.locator('input[name=division]').inputValue()).length >= 6, 'the location comes from the ledger');
  await page.fill('input[name=name]', '汽车零部件智能化改造项目');
  await page.selectOption('select[name=kind]', 'renovation');
  await page.fill('input[name=industry]', '3670');
  await page.check('input[name=in_park]');
  await page.fill('input[name=park]', '青岚经济技术开发区');
  await page.fill('input[name=energy_tce]', '600');
  await page.fill('input[name=coal_t]', '0');
  await page.check('input[name=fuel_electricity]');
  await page.fill('input[name=pollutant_0]', 'VOCs');
  await page.fill('input[name=emission_0]', '1.5');
  await page.fill('input[name=offset_0]', '1.5');
  world.expectedErrors.add('/admission');
  await submit(page, '#submit-project');
  assert.match(await page.locator('#problems').innerText(), /products/);
  assert.equal(await page.locator('input[name=name]').inputValue(), '汽车零部件智能化改造项目', 'the form keeps what was typed');
  await page.fill('input[name=product_0]', '汽车零部件');
  await page.selectOption('select[name=unit_0]', '万件/a');
  await page.fill('input[name=added_0]', '80');
  await page.fill('input[name=removed_0]', '20');
  await world.screenshot('admission-form-phone.png');
  await submit(page, '#submit-project');
  assert.match(page.url(), /\/admission\/\d+$/);
  const projectUrl = new URL(page.url()).pathname;
  assert.equal(await page.locator('#project-state').getAttribute('data-state'), 'submitted');
  assert.equal(await page.locator('#review-forms').count(), 0, 'the enterprise takes no review step');
  await world.signOut();

  // The environment bureau checks it against the catalogue and gives its opinion.
  await world.signIn('city-environment');
  await world.goto(projectUrl);
  await submit(page, '#run-check');
  assert.equal(await page.locator('#project-verdict [data-verdict]').getAttribute('data-verdict'), 'admissible');
  assert.ok((await page.locator('#findings-table tr[data-rule=xa-2024-admission-review]').count()) === 1, 'the Xi\'an review rule applies by adoption');
  await noOverflow(page, 'the project');
  await page.check('input[name=stance][value=agree]');
  await page.fill('textarea[name=text]', '排放总量来源已落实,同意');
  await submit(page, '#give-opinion');
  assert.ok((await page.locator('#opinions li[data-department=environment]').count()) === 1);
  await world.signOut();

  // Development and reform gives its opinion, decides with reasons and publishes.
  await world.signIn('city-development');
  await world.goto(projectUrl);
  // A decision is not offered before every department asked has spoken.
  await page.fill('textarea[name=text]', '能耗低于双控审查参数,同意');
  await submit(page, '#give-opinion');
  await page.check('input[name=decision][value=approve]');
  await page.fill('textarea[name=reasons]', '对照准入目录逐条审核均符合,各部门同意,准予准入。');
  await submit(page, '#decide');
  assert.equal(await page.locator('#project-decision [data-decision]').getAttribute('data-decision'), 'approved');
  await submit(page, '#publish');
  assert.equal(await page.locator('#project-state').getAttribute('data-state'), 'published');
  await world.screenshot('admission-decided-phone.png');
  await world.signOut();

  // The enterprise sees the published decision and its reasons.
  await world.signIn('enterprise');
  await world.goto(projectUrl);
  assert.match(await page.locator('#decision-reasons').innerText(), /准予准入/);
  await world.goto('/admission');
  assert.ok((await page.locator('#projects tr[data-project]').count()) === 1, 'the enterprise sees its own project only');
});
