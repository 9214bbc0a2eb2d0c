// `run --repeat N`: each case runs N times; its status is the worst seen and `repeat` counts the
// statuses, flaky when they differ. A runtime whose `state` fails every other call makes a test
// flaky; runc does not.
import t from 'tap';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'tap-parser';
import { packagePath } from '../../schema/package-root.js';
import type { Report, TestResult, TestStatus } from '../../reports/model.js';
import { reportSchemaErrors } from '../../reports/schemas.js';
import { renderTapReport } from '../../reports/tap-stream.js';
import { renderSummaryMd } from '../../reports/summary-md.js';
import { renderHtml } from '../../reports/html.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { findExecutable, resolveProfile } from '../../validation/harness/profile.js';
import { combineRepeats, runSuite } from '../../validation/harness/runner.js';
import { leftoversUnder } from '../support/leftovers.js';
import { cannotRun, missingForRuncRuns, runSandbox } from '../support/run-sandbox.js';
import { syntheticReport, syntheticTest } from '../reports/synthetic.js';

const FLAKY_RUNTIME = packagePath('test/fixtures/flaky-state-runc.sh');

function strictTap(text: string): Promise<{ ok: boolean; fail: number; errors: number }> {
  return new Promise((resolve) => {
    const p = new Parser({ strict: true });
    p.on('complete', (r) => resolve({ ok: r.ok, fail: r.fail, errors: (r.failures as { tapError?: string }[]).filter((f) => f.tapError).length }));
    p.end(text);
  });
}

t.test('combineRepeats: the worst status, every status counted', async (t) => {
  const runsOf = (...s: TestStatus[]): TestResult[] => s.map((x, i) => ({ ...syntheticTest('state.errors', '1.0.2', 'pass'), status: x, durationMs: 10 * (i + 1) }));
  const flaky = combineRepeats(runsOf('pass', 'fail', 'pass', 'warn'));
  t.equal(flaky.status, 'fail', 'fail is worse than warn and pass');
  t.same(flaky.repeat, { runs: 4, statuses: { pass: 2, fail: 1, warn: 1 }, flaky: true });
  t.equal(flaky.durationMs, 100, 'the time of every run');
  t.equal(combineRepeats(runsOf('pass', 'error', 'fail')).status, 'error', 'error is the worst');
  t.equal(combineRepeats(runsOf('skip', 'pass')).status, 'skip', 'a skip is worse than a pass');
  const steady = combineRepeats(runsOf('pass', 'pass', 'pass'));
  t.equal(steady.status, 'pass');
  t.same(steady.repeat, { runs: 3, statuses: { pass: 3 }, flaky: false });
});

t.test('the report schema and TAP carry repeat', async (t) => {
  const base = syntheticReport({});
  const [a, b] = base.tests;
  const flaky: TestResult = { ...a, status: 'fail', repeat: { runs: 4, statuses: { pass: 3, fail: 1 }, flaky: true } };
  const steady: TestResult = { ...b, status: 'pass', repeat: { runs: 4, statuses: { pass: 4 }, flaky: false } };
  const report: Report = { ...base, tests: [flaky, steady, ...base.tests.slice(2)] };
  t.same(reportSchemaErrors(report), [], 'a report with repeat records is valid');
  const bad = (repeat: unknown) => reportSchemaErrors({ ...report, tests: [{ ...flaky, repeat }] }).length;
  t.not(bad({ ...flaky.repeat, extra: 1 }), 0, 'repeat is strict');
  t.not(bad({ runs: 4, statuses: { passed: 4 }, flaky: false }), 0, 'statuses are keyed by status');
  t.not(bad({ runs: 4, statuses: { pass: 4 } }), 0, 'flaky is required');
  const tap = renderTapReport(report);
  const lines = tap.split('\n');
  t.ok(lines.some((l) => l.startsWith(`not ok 1 - ${flaky.id} `) && l.endsWith(' \\# flaky 3/4 pass')), 'the flaky test point notes its pass rate');
  t.notOk(lines.some((l) => l.startsWith(`ok 2 - ${steady.id} `) && l.includes('flaky')), 'a steady test has no note');
  const md = renderSummaryMd(report);
  t.ok(md.includes('**Flaky**') && md.includes(`- \`${flaky.id}\` (fail): flaky: 3/4 pass (pass 3, fail 1)`), 'summary.md lists the flaky test', { md });
  t.notOk(md.includes(`\`${steady.id}\``), 'and not the steady one');
  t.notMatch(renderSummaryMd(base), /Flaky/, 'summary.md has no flaky section without flaky tests');
  const html = renderHtml(report);
  t.ok(html.includes(`<code>${flaky.id}</code>`) && html.includes('<span class="flaky">flaky: 3/4 pass (pass 3, fail 1)</span>'), 'report.html marks the flaky test');
  const summaries = [...html.matchAll(/<summary>.*?<\/summary>/g)].map((m) => m[0]);
  t.ok(summaries.some((x) => x.includes(`<code>${steady.id}</code>`)), 'the steady test is rendered');
  t.notOk(summaries.some((x) => x.includes(`<code>${steady.id}</code>`) && x.includes('flaky')), 'without a flaky mark');
  const parsed = await strictTap(tap);
  t.equal(parsed.errors, 0, 'the stream is strict TAP');
  t.equal(parsed.fail, report.tests.filter((x) => x.status === 'fail' || x.status === 'error').length, 'the note does not change a verdict');
});

const missing = [...missingForRuncRuns(), ...(findExecutable('flock') ? [] : ['flock (util-linux) is not on PATH'])];

if (missing.length) cannotRun(t, '--repeat against real runtimes', missing);
else t.test('--repeat against real runtimes', async (t) => {
  const { dir: work, runTmp } = runSandbox('repeat-');
  const saved = { TMPDIR: process.env.TMPDIR, FLAKY_STATE_COUNTER: process.env.FLAKY_STATE_COUNTER };
  process.env.TMPDIR = runTmp;
  process.env.FLAKY_STATE_COUNTER = join(work, 'state-calls');
  try {
    await t.test('a runtime whose state fails every other call makes a test flaky', async (t) => {
      const report = await runSuite({ profile: resolveProfile(FLAKY_RUNTIME, undefined), cases: CATALOGUE, only: ['state.document-after-create', 'state.errors'], repeat: 4 });
      t.same(reportSchemaErrors(report), [], 'the report is schema-valid');
      const doc = report.tests.find((x) => x.id === 'state.document-after-create');
      t.equal(doc?.status, 'fail', 'the worst status is the verdict');
      t.same(doc?.repeat, { runs: 4, statuses: { pass: 2, fail: 2 }, flaky: true }, 'one state call per run: every other run fails');
      const errors = report.tests.find((x) => x.id === 'state.errors');
      t.same(errors?.repeat, { runs: 4, statuses: { pass: 4 }, flaky: false }, 'a test whose state calls fail anyway is steady');
      t.ok(renderTapReport(report).includes('\\# flaky 2/4 pass'), 'TAP marks it');
    });
    await t.test('runc under --repeat 2 is not flaky', async (t) => {
      const report = await runSuite({ profile: resolveProfile('runc', undefined), cases: CATALOGUE, only: ['state.*', 'create.missing-id', 'kill.errors'], repeat: 2, jobs: 2 });
      t.ok(report.tests.length >= 4, `${report.tests.length} tests ran`);
      for (const x of report.tests) {
        t.equal(x.repeat?.runs, 2, `${x.id}: ran twice`);
        t.equal(x.repeat?.flaky, false, `${x.id}: the same verdict both times`, { statuses: x.repeat?.statuses, error: x.error });
      }
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    t.same(leftoversUnder(runTmp), [], "nothing left behind under the runs' TMPDIR");
    rmSync(work, { recursive: true, force: true });
  }
});
