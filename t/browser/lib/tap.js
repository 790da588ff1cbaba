// tap.js: a small TAP producer for prove: numbered results, # diagnostics, the plan at the end
'use strict';

class Tap {
  constructor() {
    this.count = 0;
    this.failed = 0;
    // Called with the failing test's name before its "not ok" line is final:
    // the journey saves a screenshot and the page's HTML there.
    this.onFail = null;
  }

  diag(text) {
    for (const line of String(text).split('\n')) process.stdout.write(`# ${line}\n`);
  }

  async ok(pass, name, detail) {
    this.count += 1;
    process.stdout.write(`${pass ? 'ok' : 'not ok'} ${this.count} - ${name}\n`);
    if (!pass) {
      this.failed += 1;
      if (detail !== undefined) this.diag(typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2));
      if (this.onFail) {
        try {
          await this.onFail(name);
        } catch (e) {
          this.diag(`could not save failure artifacts: ${e.message}`);
        }
      }
    }
    return pass;
  }

  async is(got, want, name) {
    return this.ok(got === want, name, `got: ${JSON.stringify(got)}\nwant: ${JSON.stringify(want)}`);
  }

  async like(got, re, name) {
    return this.ok(re.test(String(got)), name, `got: ${JSON.stringify(got)}\nwant match: ${re}`);
  }

  async unlike(got, re, name) {
    return this.ok(!re.test(String(got)), name, `got: ${JSON.stringify(got).slice(0, 500)}\nwant no match: ${re}`);
  }

  skip(name, why) {
    this.count += 1;
    process.stdout.write(`ok ${this.count} - ${name} # SKIP ${why}\n`);
  }

  done() {
    process.stdout.write(`1..${this.count}\n`);
    return this.failed === 0 ? 0 : 1;
  }
}

module.exports = { Tap };
