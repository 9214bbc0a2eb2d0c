// report.html in a real browser (headless Chromium): runtime output cannot run anything, and a
// person sees the verdict, the counts and the failures. The checks are shown able to fail: a page
// with one unescaped script is caught.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHtml, HTML_CSP } from '../../reports/html.js';
import { chromiumPath, dumpDom, visibleText } from '../support/chromium.js';
import { HOSTILE, idsFor, syntheticReport } from './synthetic.js';

if (!chromiumPath()) {
  // CI installs chromium (cmd/bootstrap.sh): missing there is a failure, never a skip.
  if (process.env.CI) t.fail('chromium is not installed; cmd/bootstrap.sh installs it');
  else t.plan(0, 'chromium is not installed here (cmd/bootstrap.sh installs it)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'html-browser-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const ids = idsFor();
  const failing = ids.failable.slice(0, 2);
  const report = syntheticReport({ hostile: true, statuses: { [failing[0]]: 'fail', [failing[1]]: 'error' } });
  const html = renderHtml(report);
  const csp = `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`;

  const page = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  t.test('the detector works: an unescaped script in a page without CSP runs and is seen', async (t) => {
    const dom = await dumpDom(page('control.html', html.replace(csp, '').replace('<footer>', `<footer>${HOSTILE}`)));
    t.match(dom, /data-pwned=/, 'the control page was changed by its script');
  });

  t.test('hostile runtime output executes nothing — by escaping alone (CSP removed)', async (t) => {
    t.ok(html.includes(csp), 'the page carries the CSP');
    const dom = await dumpDom(page('no-csp.html', html.replace(csp, '')));
    t.ok(dom.length > 1000, 'the browser rendered the page');
    t.notMatch(dom, /data-pwned=/, 'no script or event handler ran');
    t.notMatch(dom, /<script/i, 'no script element in the DOM');
    t.notMatch(dom, /<img/i, 'no img element in the DOM');
    t.match(visibleText(dom), "<script>document.body.setAttribute('data-pwned','script')</script>", 'the runtime output is shown as text');
  });

  t.test('with its CSP too, and nothing is loaded from anywhere', async (t) => {
    const dom = await dumpDom(page('report.html', html));
    t.notMatch(dom, /data-pwned=/);
    t.notMatch(html, /\s(?:src|href)="(?!#|https:\/\/)/, 'no relative or non-https reference');
    t.notMatch(html, /<(?:link|script|img|iframe|object|embed)\b/i, 'no element that loads anything');
  });

  t.test('what a person sees: verdict, counts, product, failures first', async (t) => {
    const clean = syntheticReport({ statuses: { [failing[0]]: 'fail', [failing[1]]: 'error' } });
    const text = visibleText(await dumpDom(page('clean.html', renderHtml(clean))));
    const s = clean.summary;
    t.match(text, /^\s*FAIL /, 'the page opens with the verdict');
    t.match(text, `${s.pass} pass · ${s.fail} fail · ${s.warn} warn · ${s.skip} skip · ${s.error} error — ${s.total} tests`);
    t.match(text, 'Example Runtimes Ltd');
    t.match(text, 'Failures and errors (2)');
    const failuresAt = text.indexOf('Failures and errors (2)');
    const allAt = text.indexOf(`All tests (${s.total})`);
    t.ok(failuresAt > 0 && allAt > failuresAt, 'failures come before the list of all tests');
    for (const id of failing) t.ok(text.indexOf(id, failuresAt) < allAt, `${id} is listed among the failures`);
    t.match(text, 'certification run');
  });
}
