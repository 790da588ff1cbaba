// screenshots.js: PNGs of the journey's pages at 1280 and 375 px (scripts/screenshots runs it against a private stack)
// usage: node screenshots.js [--all] DIR
//   default: the key pages (names in `keep`) into DIR, as committed in t/browser/screenshots/
//   --all:   every page of the journey, full length, for a design review
'use strict';

const fs = require('fs');
const path = require('path');
const { Tap } = require('./lib/tap');
const { launch, relay, Journey } = require('./lib/harness');
const a = require('./lib/applicant');

const args = process.argv.slice(2);
const all = args[0] === '--all';
const dir = all ? args[1] : args[0];
if (!dir) {
  process.stderr.write('usage: node screenshots.js [--all] DIR\n');
  process.exit(2);
}

// The pages worth a look without running anything: what visit() calls them → file name.
const keep = {
  home: 'home',
  'project picker': 'projects',
  'step 1': 'order-step1',
  'step 2 with an error': 'order-step2-error',
  'deposit: the amount': 'deposit',
  'order in production': 'order-detail',
  'my orders, filtered': 'my-orders',
};

async function shoot(browser, t, device) {
  const j = await new Journey(browser, t, device, { phone: device === 'phone' }).open();
  let n = 0;
  j.onVisit = async (what) => {
    n += 1;
    const name = all ? `${device}-${String(n).padStart(2, '0')}-${what.replace(/[^A-Za-z0-9]+/g, '-')}` : keep[what] && `${keep[what]}-${device}`;
    if (!name) return;
    // The committed pictures show the first screen (a few hundred KB in all); --all the whole page.
    await j.page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: all, animations: 'disabled', caret: 'hide' });
  };
  try {
    await j.page.goto('/login');
    await j.visit('login');
    await a.register(j);
    await j.page.goto('/orders');
    await j.visit('my orders, none yet');
    await a.pickProject(j);
    const org = a.organisation();
    const no = await a.step1(j);
    // once with a mistyped credit code, to show how an error looks
    await a.step2(j, org, { org_id_no: '91350100M000100Y44' });
    await j.visit('step 2 with an error', { allow: /status of 422/ });
    await j.page.locator('#f-org_id_no').fill(org.org_id_no);
    await j.visit('step 2 with images');
    await j.page.getByRole('button', { name: '下一步' }).click();
    await a.step3(j, org);
    await j.visit('order after submit');
    await a.deposit(j, no, org);
    await a.pay(j, no);
    await a.findInMyOrders(j, no);
  } finally {
    await j.close();
  }
}

async function main() {
  fs.mkdirSync(dir, { recursive: true });
  await relay();
  const browser = await launch();
  const t = new Tap();
  try {
    await shoot(browser, t, 'desktop');
    await shoot(browser, t, 'phone');
  } finally {
    await browser.close();
  }
  process.exitCode = t.done();
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
