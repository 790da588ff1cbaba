// harness.js: Debian chromium through playwright-core, one context per journey, page checks, axe, failure artifacts
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { chromium } = require('playwright-core');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const stackPort = Number(process.env.CERTDESK_PORT || 8443);
let base = `https://127.0.0.1:${stackPort}`;

// The browser reaches nginx through a TCP relay that connects from an address of
// its own (127.0.80.N), as the account tests do with theirs: the per-address
// limits (SMS sends per hour, login failures) then count only the browser's
// requests, not the rest of the suite's. TLS passes through untouched.
// Returns the base URL to use; the relay lives as long as the process.
async function relay() {
  const from = `127.0.80.${1 + (process.pid % 250)}`;
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: stackPort, localAddress: from });
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('error', end);
    upstream.on('error', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  base = `https://127.0.0.1:${server.address().port}`;
  return base;
}
const executablePath = process.env.CERTDESK_CHROMIUM || '/usr/bin/chromium';
const artifactDir = process.env.CERTDESK_TEST_ARTIFACTS
  ? path.join(process.env.CERTDESK_TEST_ARTIFACTS, 'browser')
  : path.join(__dirname, '..', 'failures');

// The flags this machine needs (see the machine notes): no sandbox as root, and no
// background connections, which a closed network refuses many at a time.
// playwright-core itself adds --headless and a fresh --user-data-dir per launch.
async function launch() {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 740 },
};

// A journey: one browser context (its own cookies), one page, and the checks every page gets.
class Journey {
  constructor(browser, t, name, opts) {
    this.browser = browser;
    this.t = t;
    this.name = name;
    this.js = opts.js !== false;
    this.phone = !!opts.phone;
    this.axe = !!opts.axe;
    this.problems = [];	// console errors, CSP reports, page errors since the last visit()
    this.pages = 0;
  }

  async open() {
    const phone = this.phone;
    this.context = await this.browser.newContext({
      baseURL: base,	// set by relay() before the first journey
      ignoreHTTPSErrors: true,	// the stack's certificate is self-signed
      javaScriptEnabled: this.js,
      viewport: phone ? viewports.phone : viewports.desktop,
      deviceScaleFactor: 1,
      isMobile: phone,
      hasTouch: phone,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    this.context.setDefaultTimeout(15000);
    this.page = await this.context.newPage();
    this.page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`console: ${m.text()} (${m.location().url})`);
    });
    this.page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    this.t.onFail = (name) => this.saveArtifacts(name);
    return this;
  }

  async close() {
    this.t.onFail = null;
    if (this.context) await this.context.close();
  }

  label(text) {
    return `${this.name}: ${text}`;
  }

  // The screenshot and HTML of the page as it is now, named after the failing test.
  async saveArtifacts(testName) {
    if (!this.page || this.page.isClosed()) return;
    fs.mkdirSync(artifactDir, { recursive: true });
    const slug = `${this.name}-${this.t.count}-${testName}`.replace(/[^A-Za-z0-9\u4e00-\u9fff]+/g, '-').slice(0, 100);
    const file = path.join(artifactDir, slug);
    await this.page.screenshot({ path: `${file}.png`, fullPage: true, timeout: 10000 });
    fs.writeFileSync(`${file}.html`, `<!-- ${this.page.url()} -->\n${await this.page.content()}`);
    this.t.diag(`page ${this.page.url()} saved as ${file}.png and .html`);
  }

  // The checks every page of the journey gets; what: a short name of the page.
  async visit(what, opts = {}) {
    const { t, page } = this;
    this.pages += 1;
    await page.waitForLoadState('load');
    const info = await page.evaluate(() => ({
      title: document.title,
      lang: document.documentElement.lang,
      icon: !!document.querySelector('link[rel~="icon"]'),
      scrollWidth: document.documentElement.scrollWidth,
      h1: (document.querySelector('h1') || {}).textContent || '',
      errors: !!document.querySelector('.error-summary'),
      // text-like fields without an autocomplete token (browsers then guess, often wrongly)
      noAutocomplete: [...document.querySelectorAll('input, textarea')]
        .filter((el) => !['hidden', 'submit', 'button', 'file', 'checkbox', 'radio'].includes(el.type))
        .filter((el) => !el.getAttribute('autocomplete')).map((el) => el.name),
    }));
    await t.like(info.title, /\S.* - 数字证书在线申请平台$/, this.label(`${what}: the title names the page and the site`));
    if (info.errors) await t.like(info.title, /^有误：/, this.label(`${what}: the title says the form came back with errors`));
    await t.ok(info.lang === 'zh-CN' && info.icon, this.label(`${what}: lang zh-CN and a favicon`), info);
    await t.ok(info.h1.trim().length > 0, this.label(`${what}: one heading says what the page is`));
    await t.ok(info.noAutocomplete.length === 0, this.label(`${what}: every field says what it autocompletes`),
      `without autocomplete: ${info.noAutocomplete.join(', ')}`);
    if (this.phone) {
      await t.ok(info.scrollWidth <= viewports.phone.width, this.label(`${what}: no horizontal scrolling at 375 px`),
        `scrollWidth ${info.scrollWidth}: ${await widest(page)}`);
    }
    if (this.axe && !opts.noAxe) await this.checkAxe(what);
    const problems = this.problems.filter((p) => !(opts.allow && opts.allow.test(p)));
    this.problems = [];
    await t.ok(problems.length === 0, this.label(`${what}: no script errors or CSP refusals`), problems.join('\n'));
    if (this.onVisit) await this.onVisit(what);	// scripts/screenshots takes its pictures here
  }

  // axe-core on the page as it is; serious and critical violations fail the test.
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  async checkAxe(what) {
    const { page } = this;
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + (n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('')}` : '')),
      }));
    });
    const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const minor = result.filter((v) => !bad.includes(v));
    if (minor.length) this.t.diag(`${this.name}: ${what}: axe (minor): ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
    await this.t.ok(bad.length === 0, this.label(`${what}: axe finds no serious or critical violations`),
      bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n'));
  }

  // A request with this journey's cookies, outside the page (sandbox pages).
  async text(pathAndQuery) {
    const res = await this.context.request.get(pathAndQuery);
    return res.text();
  }

  // Poll fn until it returns something truthy (every 100 ms, at most ms); returns it or undefined.
  async poll(fn, ms = 10000) {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// The elements wider than the viewport, for the diagnostic of a failed width check.
async function widest(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 0.5 && out.length < 5) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(r.right)}`);
      }
    }
    return out.join(', ') || 'nothing found';
  });
}

function fixture(name) {
  return path.join(__dirname, '..', '..', 'fixtures', name);
}

// A unique mobile number (1[3-9] + 9 digits) for each registration of a run.
let numbers = 0;
function newPhone() {
  numbers += 1;
  const tail = String((Date.now() % 10000000) * 10 + numbers * 37 + Math.floor(Math.random() * 1000)).slice(-8).padStart(8, '0');
  return `15${numbers % 10}${tail}`;
}

module.exports = { launch, relay, Journey, stackBase: () => base, artifactDir, executablePath, fixture, newPhone, viewports, tmp: os.tmpdir() };
