// journey.js: the applicant journey in headless Chromium (with JS, without JS, at 375 px), axe, bad input; prints TAP
'use strict';

const { Tap } = require('./lib/tap');
const fs = require('fs');
const { launch, relay, Journey, artifactDir } = require('./lib/harness');
const a = require('./lib/applicant');

const t = new Tap();

// The whole journey, register to submitted order, as one person does it.
async function journey(j) {
  const { page } = j;
  const user = await a.register(j);
  await t.like(page.url(), /\/(projects|orders\/new)/, j.label('registration lands on 订单申请'));
  await j.visit('after registration');
  if (!j.phone && j.js) {
    await a.logout(j);
    const k = await a.loginByKeyboard(j, user);
    await t.ok(k.onPassword, j.label('keyboard: Tab goes from the login field to the password'));
    await t.like(page.url(), /\/(projects|orders\/new)/, j.label('keyboard: Enter logs in and lands on 订单申请'));
  }
  await a.pickProject(j);
  const no = await a.step1(j);
  await t.like(no, /^ZQYL\d{20}$/, j.label('step 1 creates the draft order'));
  await a.step2(j, a.orgs.fujian);
  await a.step3(j, a.orgs.fujian);
  await t.like(page.url(), new RegExp(`/orders/${no}$`), j.label('确认提交 shows the order'));
  await j.visit('order after submit');
  const state = await a.orderState(j);
  await t.ok(['deposit', 'manual_review'].includes(state), j.label(`the order is submitted (${state})`));
  return { user, no };
}

// Bad input: a wrong credit code comes back next to its field, with every typed
// value and the uploaded image still there.
async function badInput(j) {
  const { page } = j;
  await a.register(j);
  await a.pickProject(j);
  await a.step1(j);
  const org = a.orgs.fujian;
  await a.step2(j, org, { org_id_no: '91350100M000100Y44' });
  await t.like(page.url(), /edit\?step=2$/, j.label('a wrong credit code keeps step 2'));
  await j.visit('step 2 with an error', { allow: /status of 422/ });
  const error = page.locator('[data-error-for="org_id_no"]');
  await t.ok(await error.isVisible(), j.label('the error shows at the credit code'));
  const nextToField = await page.evaluate(() => {
    const input = document.getElementById('f-org_id_no');
    const err = document.querySelector('[data-error-for="org_id_no"]');
    return !!input && !!err && input.closest('.field') === err.closest('.field') &&
      (input.getAttribute('aria-describedby') || '').split(' ').includes(err.id) &&
      input.getAttribute('aria-invalid') === 'true';
  });
  await t.ok(nextToField, j.label('in the same field box, tied to the input by aria-describedby'));
  await t.ok(await page.locator('.error-summary a[href="#f-org_id_no"]').isVisible(), j.label('the summary links to the field'));
  await t.is(await page.evaluate(() => document.activeElement && document.activeElement.className), 'error-summary',
    j.label('the summary has the focus, so it is read out'));
  await t.is(await page.locator('#f-org_id_no').inputValue(), '91350100M000100Y44', j.label('the wrong code is still there to fix'));
  await t.is(await page.locator('#f-org_name').inputValue(), org.org_name, j.label('the organisation name is kept'));
  await t.is(await page.locator('#f-agent_address').inputValue(), org.agent_address, j.label('the agent address is kept'));
  await t.ok(await page.locator('#f-same_person').isChecked(), j.label('the declaration stays ticked'));
  for (const field of ['license', 'authorization']) {
    const loaded = await page.locator(`#f-${field}-preview`).evaluate((img) => img.complete && img.naturalWidth > 0);
    await t.ok(loaded, j.label(`the ${field} preview is still shown`));
  }
  await page.locator('.error-summary a[href="#f-org_id_no"]').click();
  await t.is(await page.evaluate(() => document.activeElement.id), 'f-org_id_no', j.label('the summary link puts the cursor in the field'));
  await page.locator('#f-org_id_no').fill(org.org_id_no);
  await page.getByRole('button', { name: '下一步' }).click();
  await t.like(page.url(), /edit\?step=3$/, j.label('the corrected code goes on to step 3'));
}

async function run(browser, name, opts, fn) {
  const j = await new Journey(browser, t, name, opts).open();
  const started = Date.now();
  try {
    await fn(j);
  } catch (e) {
    await t.ok(false, j.label(`the journey goes on without an error`), e.stack || String(e));
  } finally {
    t.diag(`${name}: ${j.pages} pages in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    await j.close();
  }
}

async function main() {
  fs.rmSync(artifactDir, { recursive: true, force: true });	// only this run's failures
  await relay();
  const browser = await launch();
  try {
    await run(browser, 'js', { axe: true }, journey);
    await run(browser, 'nojs', { js: false }, journey);
    await run(browser, 'phone', { phone: true, axe: true }, journey);
    await run(browser, 'bad-input', {}, badInput);
  } finally {
    await browser.close();
  }
  process.exitCode = t.done();
}

main().catch(async (e) => {
  await t.ok(false, 'the browser starts and the suite runs', e.stack || String(e));
  process.exitCode = t.done() || 1;
});
