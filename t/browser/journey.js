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
    await t.ok(k.visibleFocus, j.label('keyboard: the field with the focus is visibly marked'));
    await t.ok(k.skip, j.label('keyboard: the first Tab shows 跳到主要内容'));
    await t.ok(k.tabs <= 2, j.label(`keyboard: after it the login field is the next stop (${k.tabs} Tab)`));
    await t.like(page.url(), /\/(projects|orders\/new)/, j.label('keyboard: Enter logs in and lands on 订单申请'));
  }
  await a.pickProject(j);
  const no = await a.step1(j);
  await t.like(no, /^ZQYL\d{20}$/, j.label('step 1 creates the draft order'));
  const org = a.organisation();
  await a.step2(j, org, { enter: !j.phone && j.js });
  await a.step3(j, org);
  await t.like(page.url(), new RegExp(`/orders/${no}$`), j.label('确认提交 shows the order'));
  await j.visit('order after submit');
  await t.is(await a.orderState(j), 'deposit', j.label('automated review passes: 待打款验证'));
  await a.deposit(j, no, org);
  await a.pay(j, no);
  await a.findInMyOrders(j, no);
  return { user, no };
}

// The little things a person notices: the icons load, and a mistyped address
// gets a real page of the site (title, language, a way on), not a bare error.
async function littleThings(j) {
  const { page } = j;
  await page.goto('/');
  const icons = await page.locator('link[rel~="icon"]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href')));
  await t.ok(icons.length >= 2, j.label('an .ico and an SVG favicon are linked'), icons);
  for (const href of icons) {
    const res = await j.context.request.get(href);
    await t.ok(res.status() === 200 && /^image\//.test(res.headers()['content-type'] || ''), j.label(`${href} is served as an image`));
  }
  const res = await page.goto('/no-such-page');
  await t.is(res.status(), 404, j.label('a mistyped address answers 404'));
  await j.visit('page not found', { allow: /status of 404/ });
  await t.ok(await page.locator('main a[href="/"], main a[href="/projects"]').count() > 0, j.label('and offers a way on'));
}

// The pages around the journey a person may open on the way.
async function sidePages(j) {
  const { page } = j;
  for (const [path, what] of [['/service', 'customer service'], ['/faq', 'FAQ'], ['/agreement', 'user agreement'],
    ['/password/forgot', 'forgot password']]) {
    await page.goto(path);
    await j.visit(what);
  }
}

// Bad input: a wrong credit code comes back next to its field, with every typed
// value and the uploaded image still there.
async function badInput(j) {
  const { page } = j;
  await page.clock.install();	// so that the SMS countdown can be run to its end
  j.clock = true;
  await a.register(j);
  await a.pickProject(j);
  await a.step1(j);
  await uploadChecks(j);
  const org = a.organisation();
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
  await cancelDraft(j);
}

// 取消 from 我的订单: a page of its own asks first (it works without JavaScript
// too); 不取消 changes nothing, 确认取消订单 cancels.
async function cancelDraft(j) {
  const { page } = j;
  const no = page.url().match(/\/orders\/([A-Z]+\d{20})\//)[1];
  await a.clickHeaderLink(j, '/orders');
  await page.waitForURL(/\/orders$/);
  const row = page.locator(`tr[data-order-no="${no}"]`);
  await row.locator('[data-action="cancel"]').click();
  await page.waitForURL(new RegExp(`/orders/${no}/cancel$`));
  await j.visit('cancel: the question');
  await page.getByRole('link', { name: '不取消，返回订单' }).click();
  await page.waitForURL(new RegExp(`/orders/${no}$`));
  await t.is(await a.orderState(j), 'draft', j.label('不取消 leaves the order as it was'));
  await page.locator('[data-action="cancel"]').first().click();
  await page.waitForURL(new RegExp(`/orders/${no}/cancel$`));
  await page.getByRole('button', { name: '确认取消订单' }).click();
  await page.waitForURL(new RegExp(`/orders/${no}\\?done=cancelled$`));
  await j.visit('order after cancel');
  await t.is(await a.orderState(j), 'cancelled', j.label('确认取消订单 cancels it'));
}

// The file inputs of step 2 with JavaScript: a chosen image shows at once (before
// the page stores it), and a file that is too large or not an image is refused
// on the spot, without a round trip.
async function uploadChecks(j) {
  const { page } = j;
  const posts = [];
  const count = (r) => { if (r.method() === 'POST') posts.push(r.url()); };
  page.on('request', count);
  const input = page.locator('#f-license');
  await input.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(1048577, 1) });
  await t.like(await page.locator('.js-file-error').textContent(), /不能超过1M/, j.label('a file over 1 MiB is refused at once'));
  await t.is(await input.evaluate((el) => el.files.length), 0, j.label('and taken out of the input'));
  await input.setInputFiles(require('./lib/harness').fixture('python.webp'));
  await t.like(await page.locator('.js-file-error').textContent(), /支持\.jpg/, j.label('a .webp is refused at once with what is allowed'));
  await t.is(await input.getAttribute('aria-invalid'), 'true', j.label('and the input is marked invalid'));
  await t.is(posts.length, 0, j.label('neither was sent'));
  page.off('request', count);
  // What the page shows right after the choice, reported from inside the page
  // (the store request is held back meanwhile, so the page is still there).
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/edit?step=2', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  let report;
  const reported = new Promise((r) => { report = r; });
  await page.exposeFunction('certdeskPreviewReport', (r) => report(r));
  await page.evaluate(() => {
    document.addEventListener('change', () => {
      const img = document.getElementById('f-license-preview');
      const err = document.querySelector('.js-file-error');
      img.decode().then(() => true, () => false).then((ok) => window.certdeskPreviewReport({
        src: img.getAttribute('src'), shown: ok && !img.hidden && img.naturalWidth > 0, error: !!err,
      }));
    });
  });
  const loaded = page.waitForEvent('load');
  await input.setInputFiles(require('./lib/harness').fixture('python.png'));
  const seen = await reported;
  await t.like(seen.src, /^blob:/, j.label('the chosen image shows at once'));
  await t.ok(seen.shown, j.label('as a real picture'));
  await t.ok(!seen.error, j.label('the earlier message is gone'));
  release();
  await loaded;
  await page.unroute('**/edit?step=2');
  const preview = page.locator('#f-license-preview');
  await t.like(await preview.getAttribute('src'), /\/files\/license/, j.label('then the stored image comes back from the server'));
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
    await run(browser, 'js', { axe: true }, async (j) => { await littleThings(j); await sidePages(j); await journey(j); });
    await run(browser, 'nojs', { js: false }, journey);
    await run(browser, 'phone', { phone: true, axe: true }, async (j) => { await sidePages(j); await journey(j); });
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
