// Every rendering is a pure function of the model and agrees with it: counts, IDs, statuses,
// labels. JUnit validates against test/fixtures/junit.xsd (xmllint); hostile text stays text.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'tap-parser';
import { packagePath } from '../../schema/package-root.js';
import type { Report, TestStatus } from '../../reports/model.js';
import { summarize } from '../../reports/model.js';
import { renderAll } from '../../reports/outputs.js';
import { renderJunit } from '../../reports/junit.js';
import { esc, renderHtml } from '../../reports/html.js';
import { renderSummaryMd, mdText } from '../../reports/summary-md.js';
import { reportSchemaErrors } from '../../reports/schemas.js';
import { resolveExecutable } from '../../reports/provenance.js';
import { HOSTILE, idsFor, syntheticReport } from './synthetic.js';

const ids = idsFor();
const warnId = ids.warnable[0];
const [f1, f2, f3, f4] = ids.failable.filter((id) => id !== warnId);
const statuses: Record<string, TestStatus> = { [f1]: 'fail', [f2]: 'fail', [f3]: 'error', [warnId]: 'warn', [f4]: 'skip' };
const mixed = syntheticReport({ statuses });

function junitCases(xml: string): { id: string; area: string; outcome: string }[] {
  return [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"[^>]*>\n(\s*<(failure|error|skipped)\b)?/g)].map((m) => ({ id: m[1], area: m[2], outcome: m[4] ?? 'none' }));
}

const OUTCOME: Record<TestStatus, string> = { pass: 'none', warn: 'none', fail: 'failure', error: 'error', skip: 'skipped' };

function htmlTests(html: string): { id: string; status: string }[] {
  return [...html.matchAll(/<details class="test t-(\w+)" id="test-([^"]+)"/g)].map((m) => ({ status: m[1], id: m[2] }));
}

function parseTap(text: string): Promise<{ count: number; pass: number; fail: number; skip: number; todo: number; errors: number }> {
  return new Promise((resolve) => {
    const p = new Parser({ strict: true });
    p.on('complete', (r) => resolve({ count: r.count, pass: r.pass, fail: r.fail, skip: r.skip, todo: r.todo, errors: (r.failures as { tapError?: string }[]).filter((f) => f.tapError).length }));
    p.end(text);
  });
}

t.test('the synthetic model is schema-valid (the renderings below render real shapes)', async (t) => {
  t.same(reportSchemaErrors(mixed), []);
  t.same(reportSchemaErrors(syntheticReport({ hostile: true })), []);
  t.not(reportSchemaErrors({ ...mixed, extra: 1 }).length, 0, 'the schema is strict: unknown members are refused');
});

t.test('every rendering agrees with the model: counts, IDs, statuses', async (t) => {
  const files = renderAll(mixed);
  const s = mixed.summary;
  t.equal(s.fail, 2);
  t.equal(s.error, 1);
  t.equal(s.warn, 1);

  const cases = junitCases(files['junit.xml']);
  t.same(
    cases.map((c) => c.id),
    mixed.tests.map((x) => x.id),
    'JUnit: one testcase per test, named by the stable ID, in order',
  );
  t.same(
    cases.map((c) => c.area),
    mixed.tests.map((x) => x.area),
    'JUnit: classname is the area',
  );
  t.same(
    cases.map((c) => c.outcome),
    mixed.tests.map((x) => OUTCOME[x.status]),
    'JUnit: failure/error/skipped follow the statuses',
  );
  t.match(files['junit.xml'], new RegExp(`<testsuites [^>]*tests="${s.total}" failures="${s.fail}" errors="${s.error}" skipped="${s.skip}"`), 'JUnit counts');

  const html = files['report.html'];
  t.same(htmlTests(html), mixed.tests.map((x) => ({ status: x.status, id: x.id })), 'HTML: every test once in "All tests", with its status');
  const failuresSection = html.slice(html.indexOf('<section id="failures">'), html.indexOf('<section id="skips">'));
  t.same(
    [...failuresSection.matchAll(/<details class="test t-(?:fail|error)" id="failure-([^"]+)" open>/g)].map((m) => m[1]),
    mixed.tests.filter((x) => x.status === 'fail' || x.status === 'error').map((x) => x.id),
    'HTML: failures and errors first, open',
  );
  t.ok(html.indexOf('<section id="failures">') < html.indexOf('<section id="tests">'), 'failures come before the list of all tests');
  t.match(html, `${s.pass} pass · ${s.fail} fail · ${s.warn} warn · ${s.skip} skip · ${s.error} error — ${s.total} tests`, 'HTML banner counts');
  t.match(html, '<header class="banner fail" id="verdict"><h1>FAIL</h1>', 'HTML verdict banner');
  const skipSection = html.slice(html.indexOf('<section id="skips">'), html.indexOf('<section id="tests">'));
  for (const x of mixed.tests.filter((y) => y.status === 'skip')) t.match(skipSection, `<code>${x.id}</code>`, `skip ${x.id} listed under its category`);

  const md = files['summary.md'];
  t.match(md, `${s.pass} pass · ${s.fail} fail · ${s.warn} warn · ${s.skip} skip · ${s.error} error (${s.total} tests)`, 'summary.md counts');
  t.match(md, '**FAIL**');
  for (const x of mixed.tests.filter((y) => y.status === 'fail' || y.status === 'error')) t.match(md, `\`${x.id}\``, `summary.md names failing ${x.id}`);

  const tap = await parseTap(files['results.tap']);
  t.equal(tap.errors, 0, 'TAP is strict-valid');
  t.equal(tap.count, s.total);
  t.equal(tap.skip, s.skip);
  t.equal(tap.todo, s.warn);
  t.equal(tap.fail, s.fail + s.error + s.warn, 'TAP not-ok points: fail, error, and the TODO warn');

  // Agreement is not vacuous: a different model renders differently.
  const other = syntheticReport({ statuses: { ...statuses, [f1]: 'pass' } });
  t.not(renderJunit(other), files['junit.xml']);
  t.not(renderHtml(other), html);
});

t.test('renderings are pure: same model, same text; the model is not changed', async (t) => {
  const before = JSON.stringify(mixed);
  const a = renderAll(mixed);
  const b = renderAll(JSON.parse(before) as Report);
  t.same(a, b);
  t.equal(JSON.stringify(mixed), before);
});

t.test('filtered, partial, interrupted and sharded runs are labelled in every rendering', async (t) => {
  const base = syntheticReport({ certification: false });
  const variants: [string, Report, RegExp][] = [
    ['filtered', { ...base, run: { ...base.run, only: ['hooks.*'], partial: true } }, /FILTERED run \(--only hooks\.\\?\*\)/],
    ['interrupted', { ...base, run: { ...base.run, interrupted: true, partial: true }, summary: summarize(base.tests, true) }, /INTERRUPTED/],
    ['shard', { ...base, run: { ...base.run, shard: { index: 2, count: 3 }, partial: true } }, /SHARD 2\/3/],
    ['partial', { ...base, run: { ...base.run, partial: true } }, /PARTIAL run/],
    ['not certification', base, /not a certification run/],
  ];
  for (const [name, r, label] of variants) {
    const files = renderAll(r);
    for (const f of ['results.tap', 'junit.xml', 'report.html', 'summary.md'] as const) t.match(files[f], label, `${name}: ${f} says so`);
  }
  const complete = renderAll(syntheticReport());
  for (const f of ['results.tap', 'junit.xml', 'report.html', 'summary.md'] as const) {
    t.notMatch(complete[f], /FILTERED|INTERRUPTED|SHARD|PARTIAL/, `a complete run carries no partial label in ${f}`);
    t.match(complete[f], /certification run/, `${f} says it is a certification run`);
  }
});

t.test('junit.xml validates against the JUnit XSD (xmllint), hostile text included', async (t) => {
  if (!resolveExecutable('xmllint')) {
    if (process.env.CI) t.fail('xmllint is not installed; cmd/bootstrap.sh installs libxml2-utils');
    else t.plan(0, 'xmllint is not installed here (cmd/bootstrap.sh installs libxml2-utils)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'junit-'));
  try {
    const xsd = packagePath('test/fixtures/junit.xsd');
    const lint = (xml: string) => {
      const f = join(dir, 'junit.xml');
      writeFileSync(f, xml);
      return spawnSync('xmllint', ['--noout', '--schema', xsd, f], { encoding: 'utf8' });
    };
    for (const [name, r] of [
      ['mixed statuses', mixed],
      ['hostile text and control bytes', syntheticReport({ hostile: true, statuses })],
    ] as const) {
      const res = lint(renderJunit(r));
      t.equal(res.status, 0, `${name}: validates (${res.stderr.trim().split('\n').slice(0, 3).join(' | ')})`);
    }
    // The check can fail: a testcase without classname, an unescaped "<", a bad timestamp.
    const good = renderJunit(mixed);
    t.not(lint(good.replace(/ classname="[^"]*"/, '')).status, 0, 'a testcase without classname is refused');
    t.not(lint(good.replace('</system-out>', '<</system-out>')).status, 0, 'malformed XML is refused');
    t.not(lint(good.replace(/timestamp="[^"]*"/, 'timestamp="yesterday"')).status, 0, 'a bad timestamp is refused');
    t.not(lint(good.replace('<skipped', '<failure message="x"/><skipped')).status, 0, 'two outcomes in one testcase are refused');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

t.test('runtime output stays text in HTML, XML and Markdown', async (t) => {
  const r = syntheticReport({ hostile: true, statuses });
  const files = renderAll(r);
  const html = files['report.html'];
  t.notMatch(html, /<script/i, 'HTML: no script element anywhere');
  t.notMatch(html, /<img/i, 'HTML: no img element');
  t.notMatch(html, /<[^>]*\sonerror\s*=/i, 'HTML: no element with an event handler');
  t.match(html, '&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;', 'HTML: the text is there, escaped');
  t.notMatch(html, /\u0001/, 'HTML: control bytes are shown escaped');
  t.notMatch(html, /href="https:\/\/evil/, 'HTML: text from the run never becomes a link');
  const md = files['summary.md'];
  t.notMatch(md, /<script|<img/i, 'Markdown: no HTML');
  t.notMatch(md, /[^\\]\[x\]\(/, 'Markdown: no link syntax survives');
  t.equal(mdText('a|b'), 'a\\|b', 'Markdown: a pipe cannot break a table');
  const xml = files['junit.xml'];
  t.notMatch(xml, /<script|<img/i, 'XML: no markup from the run');
  t.notMatch(xml, /\u0001/, 'XML: no characters XML cannot carry');
  t.match(xml, '\\u0001', 'XML: a control byte is shown as \\u0001');
  t.ok(HOSTILE.includes('<script>'));
});

t.test('reused and shared-run results say so in the HTML page and stay schema-valid', async (t) => {
  const r = syntheticReport();
  r.tests[0] = { ...r.tests[0], reusedFrom: '1.0.0' };
  r.tests[1] = { ...r.tests[1], sharedRun: { with: [r.tests[2].id, `${r.tests[3].id}<b>`] } };
  t.same(reportSchemaErrors(r), [], 'schema accepts reusedFrom and sharedRun');
  const html = renderHtml(r);
  t.match(html, 'Measured at runtime-spec 1.0.0');
  t.match(html, `shared with <code>${r.tests[2].id}</code>`);
  t.match(html, `${r.tests[3].id}&lt;b&gt;`, 'escaped');
  t.notOk(reportSchemaErrors({ ...r, tests: [{ ...r.tests[0], reusedFrom: 'yesterday' }] }).length === 0, 'a reusedFrom that is no version is refused');
});

t.test('esc: the five HTML specials as entities, control bytes as \\uXXXX, tab, newline and CR kept', async (t) => {
  t.equal(esc(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&#39;f');
  t.equal(esc('\u0000\u0008\u000b\u000c\u000e\u001f\u007f'), '\\u0000\\u0008\\u000b\\u000c\\u000e\\u001f\\u007f');
  t.equal(esc('x\ty\nz\r'), 'x\ty\nz\r');
  t.equal(esc('&amp;'), '&amp;amp;', 'text that looks escaped is escaped again');
  t.equal(esc('plain text ✓'), 'plain text ✓');
});
