// Complaints (举报, issue 14) end to end on a phone-sized screen: a citizen picks the place on
// the district map, sees the nearby open reports, files a report with a photo and gets a
// tracking number; the city's environment bureau finds it in its inbox, takes it stage by stage
// (seeing the complainant's identity once it is assigned to them) and closes it; the citizen
// follows the tracking number to the published answer. No page overflows the phone's width.
//
//   cd tests/browser && npm ci && LANTIAN_BIN=../../target/debug/lantian node --test complaints.test.mjs
//
// Screenshots: tests/browser/screenshots/complaint-*.png

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { World } from './harness.mjs';

const world = new World();
const PHONE = { width: 390, height: 844 };
// The smallest PNG a browser shows (1×1 transparent), as a phone would upload a picture.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

before(() => world.start());
after(() => world.stop());

async function noOverflow(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner + 1, `${what}: the page is ${scroll}px wide on a ${inner}px screen`);
}

/** The sum the challenge asks for, from its signed token (expires.a.b.nonce.mac). */
async function answerChallenge(scope) {
  const token = await scope.locator('input[name=challenge]').first().inputValue();
  const [, a, b] = token.split('.');
  await scope.locator('input[name=answer]').first().fill(String(Number(a) + Number(b)));
}

test('a citizen files a complaint on a phone and follows it to the published answer', async () => {
  const page = world.page;
  await page.setViewportSize(PHONE);
  await world.goto('/public/complaints/new');
  await noOverflow(page, 'the form');
  // Tap the middle of the map: the script fills longitude and latitude in both forms.
  const map = page.locator('#complaint-map');
  const box = await map.boundingBox();
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const lon = await page.locator('#lon-check').inputValue();
  const lat = await page.locator('#lat').inputValue();
  assert.match(lon, /^10[89]\.\d{5}$/, `longitude from the map: ${lon}`);
  assert.match(lat, /^3[34]\.\d{5}$/, `latitude from the map: ${lat}`);
  assert.equal(await page.locator('#lon').inputValue(), lon);
  // Reports nearby (the demo has a few hundred; maybe none this close).
  await Promise.all([page.waitForURL(/lon=/), page.locator('#nearby-form button[type=submit]').click()]);
  assert.ok((await page.locator('#nearby').count()) === 1, 'the nearby reports are shown before filing');
  await world.screenshot('complaint-form-phone.png');

  // File the report.
  const form = page.locator('#complaint-form');
  assert.equal(await form.locator('input[name=lon]').inputValue(), lon, 'the point is kept');
  await form.locator('input[name=category][value=air]').check();
  await form.locator('input[name=category][value=noise]').check();
  await form.locator('#description').fill('化工厂夜间排放刺鼻气味，风机噪声很大，持续到凌晨两点');
  await form.locator('#photo').setInputFiles({ name: 'smoke.png', mimeType: 'image/png', buffer: PNG });
  await form.locator('#name').fill('王小明');
  await form.locator('#phone').fill('13800138000');
  await form.locator('#real_name').check();
  await answerChallenge(form);
  await Promise.all([page.waitForURL(/\/public\/complaints\/JB\d{8}-[0-9A-Z]{7}\?filed=1/), form.locator('#submit-complaint').click()]);
  const tracking = (await page.locator('#tracking-number').innerText()).trim();
  assert.match(tracking, /^JB\d{8}-[0-9A-Z]{7}$/);
  assert.match(await page.locator('#status-stage').innerText(), /已接收/);
  assert.ok(!(await page.content()).includes('13800138000'), 'no contact on the public page');
  await noOverflow(page, 'the status page');
  await world.screenshot('complaint-filed-phone.png');

  // The environment bureau: inbox → the complaint → stage by stage → closed.
  await page.setViewportSize({ width: 1280, height: 800 });
  await world.signIn('city-environment');
  await world.goto('/inbox');
  const notice = page.locator('#inbox-list a', { hasText: tracking });
  assert.equal(await notice.count(), 1, 'the new complaint is in the inbox');
  await Promise.all([page.waitForURL(/\/complaints\/\d+$/), notice.click()]);
  assert.match(await page.locator('#complaint-reward').innerText(), /举报奖励/);
  assert.equal(await page.locator('#complainant-identity').count(), 0, 'no identity before assignment');
  const step = async (id, fill) => {
    if (fill) await fill();
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.locator(`#step-${id}`).click()]);
    assert.equal(await page.locator('#step-refused').count(), 0, `step ${id} refused`);
  };
  await step('accept');
  assert.match(await page.locator('#complaint-stage').innerText(), /已受理/);
  await step('assign');
  assert.match(await page.locator('#complainant-identity').innerText(), /王小明/, 'the handling officer sees the identity');
  await step('investigate');
  await step('answer', () => page.locator('#answer-text').fill('经现场核查，该企业废气治理设施未运行，已责令立即停产整改并立案查处。'));
  await step('close');
  assert.match(await page.locator('#complaint-stage').innerText(), /已办结/);
  await world.screenshot('complaint-officer.png');
  await world.signOut();

  // The citizen follows the tracking number to the published answer.
  await page.setViewportSize(PHONE);
  await world.goto(`/public/complaints/${tracking}`);
  assert.match(await page.locator('#status-stage').innerText(), /已办结/);
  assert.match(await page.locator('#published-answer').innerText(), /已责令立即停产整改/);
  assert.ok(!(await page.content()).includes('王小明'), 'no name on the public page');
  await noOverflow(page, 'the answer');
  await world.screenshot('complaint-answer-phone.png');
  assert.deepEqual(world.pageErrors, []);
  assert.deepEqual(world.httpErrors, []);
});
