// applicant.js: what an applicant does in the browser, screen by screen, by clicking and typing
'use strict';

const { fixture, newPhone } = require('./harness');

// The organisation a journey applies for. Automated review passes only for an
// enterprise of the sandbox registry with no other open order in the project,
// so journey.t puts one of its own in the registry for each journey and passes
// them as JSON in CERTDESK_BROWSER_ORGS ([{code, name, legal}, ...]); without
// it (scripts/screenshots) the made-up demo enterprises of schema/demo are used.
const demoOrgs = [
  { code: '91350102MA2YDEM01F', name: '福州示例信息技术有限公司', legal: '陈明' },
  { code: '91350100MA2YDEM02M', name: '福建示例数字科技有限公司', legal: '林晓' },
  { code: '91110105MA01DEM03U', name: '北京示例网络科技有限公司', legal: '王建国' },
  { code: '91310115MA1KDEM04G', name: '上海示例软件有限公司', legal: '周静' },
];
const registered = process.env.CERTDESK_BROWSER_ORGS ? JSON.parse(process.env.CERTDESK_BROWSER_ORGS) : demoOrgs;
let orgsUsed = 0;

function organisation() {
  const e = registered[orgsUsed++ % registered.length];
  const digits = String(Date.now()).slice(-8) + String(orgsUsed).padStart(3, '0');
  return {
    org_name: e.name, org_id_no: e.code, legal_name: e.legal, legal_id_no: '11010519491231002X',
    agent_name: '李四', agent_id_no: '11010519491231002X', agent_phone: '13800138000',
    agent_email: 'lisi@example.com', agent_address: '福建省福州市鼓楼区测试路1号', agent_dept: '财务部',
    invoice_bank: '中国工商银行福州分行', invoice_account: `6222${digits}`, invoice_phone: '0591-87654321',
    bank_account: `6228${digits}`,	// the corporate account the micro-deposit goes to
  };
}

// A link of the header: on a phone it sits in the 菜单 panel, which is opened first.
async function clickHeaderLink(j, href) {
  const { page } = j;
  if (j.phone) {
    const menu = page.locator('details.nav-menu');
    if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
    await menu.locator(`.nav-menu-panel a[href="${href}"]`).click();
  } else {
    await page.locator(`header a[href="${href}"]:visible`).first().click();
  }
}

// What a phone keyboard and the browser's autofill learn from a field.
async function fieldHints(j, id) {
  return j.page.locator(`#${id}`).evaluate((el) =>
    `${el.getAttribute('inputmode') || el.type}/${el.getAttribute('autocomplete') || ''}`);
}

// The newest SMS code sent to phone (the worker fills the sandbox page within a second).
async function smsCode(j, phone, after) {
  return j.poll(async () => {
    const newest = (await j.text(`/sandbox/sms?phone=${phone}`)).split('\n')[0] || '';
    const m = newest.match(/验证码\D*(\d{6})/);
    return m && m[1] !== after ? m[1] : undefined;
  });
}

// 账号注册: the three screens, from the home page's 注册 button. Returns the new account.
async function register(j) {
  const { page, t } = j;
  const user = {
    phone: newPhone(),
    username: `b${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`,
    password: `Hq7!browser-${Math.random().toString(36).slice(2, 10)}`,
  };
  await page.goto('/');
  await j.visit('home');
  await clickHeaderLink(j, '/register');
  await page.waitForURL('**/register');
  await j.visit('register screen 1');
  await page.getByLabel('手机号码').fill(user.phone);
  await page.locator('#f-agree').check();
  await page.getByRole('button', { name: '发送手机验证码' }).click();
  await page.waitForSelector('#f-sms_code');
  await j.visit('register screen 2');
  const resend = page.locator('button[value="send_code"]');
  if (j.js) {
    await t.like(await resend.textContent(), /^\d+秒后可重新发送$/, j.label('the send button counts down'));
    await t.ok(await resend.isDisabled(), j.label('and is disabled meanwhile'));
    if (j.clock) {	// the page's clock was installed: a minute passes at once
      await page.clock.runFor(61000);
      await t.ok(await resend.isEnabled() && (await resend.textContent()).trim() === '发送手机验证码',
        j.label('after 60 seconds it can send again'));
    }
  } else {
    await t.ok(await resend.isEnabled(), j.label('without JavaScript the send button stays usable'));
  }
  await t.is(await fieldHints(j, 'f-sms_code'), 'numeric/one-time-code', j.label('the SMS code field: digit keypad, one-time-code autofill'));
  await t.is(await fieldHints(j, 'f-phone'), 'tel/tel', j.label('the phone field: phone keypad and autofill'));
  user.code = await smsCode(j, user.phone);
  await t.like(user.code, /^\d{6}$/, j.label('the SMS code arrives in the sandbox'));
  await page.getByLabel('短信验证码').fill(user.code || '');
  await page.getByRole('button', { name: '验证', exact: true }).click();
  await page.waitForURL('**/register/profile');
  await j.visit('register screen 3');
  await t.is(await fieldHints(j, 'f-password'), 'password/new-password', j.label('a new password: password managers offer one'));
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('邮箱地址').fill(`${user.username}@example.com`);
  await page.locator('#f-password').fill(user.password);
  await page.locator('#f-password2').fill(user.password);
  await page.getByRole('button', { name: '完成' }).click();
  await page.waitForLoadState('load');
  return user;
}

// 退出 (the logout form in the header).
async function logout(j) {
  const { page } = j;
  if (j.phone) {
    const menu = page.locator('details.nav-menu');
    if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
    await menu.locator('.nav-menu-panel .logout-form button').click();
  } else {
    await page.locator('.account-desktop .logout-form button').click();
  }
  await page.waitForURL('**/login?logged_out=1');
}

// 用户登录 with the password, keyboard only: Tab from the top of the page to the
// field, type, Tab, type, Enter. Returns the number of Tab presses it took.
async function loginByKeyboard(j, user) {
  const { page } = j;
  await page.goto('/login');
  await j.visit('login');
  await page.locator('body').press('Home');	// focus starts at the document
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return el.classList.contains('skip-link') && r.top >= 0 && r.width > 10 && r.height > 10;	// on screen once focused
  });
  await page.keyboard.press('Enter');	// 跳到主要内容
  let tabs = 0;
  while (tabs < 30) {
    await page.keyboard.press('Tab');
    tabs += 1;
    if (await page.evaluate(() => document.activeElement && document.activeElement.id === 'f-login')) break;
  }
  // The field with the focus looks different (outline or ring), so a keyboard user sees where they are.
  const ring = () => page.evaluate(() => {
    const cs = getComputedStyle(document.getElementById('f-login'));
    return `${cs.outlineStyle} ${cs.outlineWidth} ${cs.boxShadow} ${cs.borderColor}`;
  });
  const focused = await ring();
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  const visibleFocus = focused !== (await ring());
  const onPassword = await page.evaluate(() => document.activeElement.id === 'f-password');
  await page.keyboard.type(user.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.keyboard.press('Enter')]);
  return { skip, tabs, onPassword, visibleFocus };
}

// 证书申请 → the A–Z index → 中企云链证书申请项目.
async function pickProject(j) {
  const { page } = j;
  await clickHeaderLink(j, '/projects');
  await page.waitForURL('**/projects');
  await j.visit('project picker');
  await page.locator('.letter-index a', { hasText: 'UVWXYZ' }).click();
  await page.waitForURL('**/projects?letter=UVWXYZ');
  await j.visit('project picker, letters UVWXYZ');
  await page.locator('.project-link', { hasText: '中企云链证书申请项目' }).click();
  await page.waitForURL('**/orders/new?project=ZQYL');
}

// Step ①: certificate type, 2 years, the key; the live price (with JS) before 下一步.
async function step1(j) {
  const { page, t } = j;
  await j.visit('step 1');
  if (j.js) {
    await t.is(await page.locator('[data-price-total]').textContent(), '¥720.00',
      j.label('the price of the choices the page comes with shows at once'));
  }
  await page.getByLabel('企业普通证书').check();
  await page.getByLabel('证书购买年限').selectOption('2');
  await page.getByLabel('中企云链标准一代KEY').check();
  if (j.js) {
    await t.is(await page.locator('[data-price-unit]').textContent(), '¥660.00', j.label('live unit price: 2 years × ¥300 + key ¥60'));
    await t.is(await page.locator('[data-price-total]').textContent(), '¥1320.00', j.label('live total for the fixed 2 certificates'));
    await page.getByLabel('证书购买年限').selectOption('1');
    await t.is(await page.locator('[data-price-total]').textContent(), '¥720.00', j.label('the total follows the years'));
    await page.getByLabel('证书购买年限').selectOption('2');
  }
  await page.getByRole('button', { name: '下一步' }).click();
  await page.waitForURL(/\/orders\/ZQYL\d{20}\/edit\?step=2$/);
  return page.url().match(/\/orders\/(ZQYL\d{20})\//)[1];
}

// Step ②: every field and both images; with JavaScript each image is stored as
// soon as it is chosen (the page comes back with it), so fields typed before an
// upload must survive that round trip.
async function step2(j, org, opts = {}) {
  const { page, t } = j;
  await j.visit('step 2');
  await t.like(await page.title(), /^机构\/经办人信息 - 中企云链证书申请项目 - /, j.label('the tab names the step and the project'));
  const fill = async (name, value) => page.locator(`#f-${name}`).fill(value);
  await fill('org_name', org.org_name);
  await page.locator('#f-org_id_type-0').check();
  await fill('org_id_no', opts.org_id_no || org.org_id_no);
  await fill('legal_name', org.legal_name);
  await page.locator('#f-legal_id_type-0').check();
  await fill('legal_id_no', org.legal_id_no);
  await upload(j, 'license', 'python.png');
  await fill('agent_name', org.agent_name);
  await page.locator('#f-agent_id_type-0').check();
  await fill('agent_id_no', org.agent_id_no);
  await fill('agent_phone', org.agent_phone);
  await fill('agent_email', org.agent_email);
  await fill('agent_dept', org.agent_dept);
  await fill('agent_address', org.agent_address);
  await upload(j, 'authorization', 'python.jpg');
  await page.locator('#f-same_person').check();
  if (opts.beforeNext) await opts.beforeNext();
  if (opts.enter) {
    // Enter in a field means 下一步 (the visible primary button), not 上一步, the first one shown
    await page.locator('#f-agent_address').press('Enter');
  } else {
    await page.getByRole('button', { name: '下一步' }).click();
  }
  await page.waitForLoadState('load');
  return t;
}

// Choose an image in a file input. With JS the preview shows at once and the
// page stores it (data-upload-now) and comes back with the stored image.
async function upload(j, field, file) {
  const { page, t } = j;
  const input = page.locator(`#f-${field}`);
  if (!j.js) {
    await input.setInputFiles(fixture(file));
    return;
  }
  const stored = page.waitForEvent('load');	// the page that comes back after the save
  await input.setInputFiles(fixture(file));
  await stored;
  await t.like(page.url(), /edit\?step=2&saved=1$/, j.label(`${field}: choosing the image saves the step at once`));
  const src = await page.locator(`#f-${field}-preview`).getAttribute('src');
  await t.like(src, new RegExp(`/files/${field}(\\?|$)`), j.label(`${field}: stored at once and shown from the server`));
}

// Step ③: invoice and shipping, then 【确认提交】. Returns the order page's state.
async function step3(j, org) {
  const { page } = j;
  await page.waitForURL(/edit\?step=3$/);
  await j.visit('step 3');
  const fill = async (name, value) => page.locator(`#f-${name}`).fill(value);
  await fill('invoice_tax_no', org.org_id_no);
  await fill('invoice_phone', org.invoice_phone);
  await fill('invoice_address', org.agent_address);
  await fill('invoice_bank', org.invoice_bank);
  await fill('invoice_account', org.invoice_account);
  await fill('ship_name', org.agent_name);
  await fill('ship_phone', org.agent_phone);
  await fill('ship_address', org.agent_address);
  await page.getByRole('button', { name: '确认提交' }).click();
  await page.waitForLoadState('load');
}

// 企业打款验证 from the order page: the account → 获取打款金额, the amount read
// off the sandbox bank's ledger → 验证. Ends on the page that offers 去支付.
async function deposit(j, no, org) {
  const { page, t } = j;
  await page.locator('[data-action="deposit"]').first().click();
  await page.waitForURL(new RegExp(`/orders/${no}/deposit`));
  await j.visit('deposit: the account');
  await t.is(await fieldHints(j, 'f-bank_account'), 'numeric/off', j.label('the account number: digit keypad'));
  await page.locator('#f-bank_name').fill(org.invoice_bank);
  await page.locator('#f-bank_account').fill(org.bank_account);
  await page.getByRole('button', { name: '获取打款金额' }).click();
  await page.waitForSelector('#f-amount');
  await j.visit('deposit: the amount');
  const amount = await j.poll(async () => {
    const line = (await j.text(`/sandbox/bank?account=${org.bank_account}`)).split('\n')[0] || '';
    const m = line.match(/(\d+\.\d{2})\s*$/);
    return m && m[1];
  });
  await t.like(amount, /^[01]\.\d{2}$/, j.label(`the micro-deposit shows in the sandbox bank (${amount})`));
  await t.is(await fieldHints(j, 'f-amount'), 'decimal/off', j.label('the amount: a keypad with the decimal point'));
  await page.locator('#f-amount').fill(amount || '');
  await page.getByRole('button', { name: '验证', exact: true }).click();
  await page.waitForURL(new RegExp(`/orders/${no}/pay`));
  await t.is(await orderState(j), 'payment', j.label('the verified deposit makes the order payable'));
}

// 订单支付 (where the verified deposit leads): 支付宝 → the sandbox cashier →
// 支付成功; back on the order page.
async function pay(j, no) {
  const { page, t } = j;
  await t.like(page.url(), new RegExp(`/orders/${no}/pay`), j.label('the verified deposit leads on to 订单支付'));
  await j.visit('payment');
  await page.getByLabel('支付宝').check();
  await page.locator('form[action$="/pay"] button[type="submit"]').click();
  await page.waitForURL(/\/sandbox\/pay\//);
  await j.visit('sandbox cashier');
  await page.locator('button[name="result"][value="success"]').click();
  await page.waitForURL(new RegExp(`/orders/${no}$`));
  await j.visit('order after payment');
  await t.ok(['payment', 'production'].includes(await orderState(j)), j.label('the cashier returns to the order'));
}

// 我的订单 with 近一年, the project and 制作中 chosen in the filters, 搜索: the
// order is there once the gateway's notification has landed (a person reloads).
async function findInMyOrders(j, no) {
  const { page, t } = j;
  await clickHeaderLink(j, '/orders');
  await page.waitForURL(/\/orders$/);
  await j.visit('my orders');
  await page.locator('#f-period').selectOption('1y');
  await page.locator('#f-project').selectOption('ZQYL');
  await page.locator('#f-status').selectOption('production');
  await page.locator('form.filters button[type="submit"]').click();
  await page.waitForURL(/\/orders\?/);
  const url = new URL(page.url());
  await t.ok(url.searchParams.get('period') === '1y' && url.searchParams.get('project') === 'ZQYL' &&
    url.searchParams.get('status') === 'production', j.label('the filters are in the address'), url.search);
  const row = page.locator(`tr[data-order-no="${no}"]`);
  const found = await j.poll(async () => {
    if (await row.count()) return true;
    await page.reload();
    return false;
  }, 15000);
  await j.visit('my orders, filtered');
  await t.ok(found, j.label('the order is listed under 制作中'));
  await t.is(found ? (await row.locator('.badge').textContent()).trim() : '', '制作中', j.label('with the 制作中 badge'));
  await row.locator(`a[href="/orders/${no}"]`).first().click();
  await page.waitForURL(new RegExp(`/orders/${no}$`));
  await j.visit('order in production');
  await t.is(await orderState(j), 'production', j.label('its page says 制作中 too'));
  await t.unlike(await page.locator('main').innerText(), /alipay\s+P\d/, j.label('without the gateway\'s trace shown as a reason'));
  const thumbs = page.locator('img.thumb');
  await thumbs.last().scrollIntoViewIfNeeded();	// they load lazily
  const shown = await thumbs.evaluateAll((imgs) => Promise.all(imgs.map((img) => img.decode().then(() => img.naturalWidth > 0, () => false))));
  await t.ok(shown.length === 2 && shown.every(Boolean), j.label('the uploaded licence and letter show on the order page'), shown);
}

async function orderState(j) {
  return j.page.locator('[data-order-state]').first().getAttribute('data-order-state');
}

module.exports = {
  organisation, clickHeaderLink, register, logout, loginByKeyboard, pickProject, step1, step2, step3, upload,
  deposit, pay, findInMyOrders, orderState, smsCode,
};
