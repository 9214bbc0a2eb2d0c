// report diff (by test ID, exit 1 on regressions), report matrix (runtimes x spec versions x
// areas), shards (deterministic slices covering the catalogue once) and merge + verify.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import type { Report } from '../../reports/model.js';
import { summarize } from '../../reports/model.js';
import { diffReports, renderDiffMd, renderDiffText } from '../../reports/diff.js';
import { buildMatrix, renderMatrixHtml, renderMatrixMd } from '../../reports/matrix.js';
import { mergeReports, parseShard, shardSlice } from '../../reports/shards.js';
import { renderAll, writeFiles } from '../../reports/outputs.js';
import { catalogueDigest } from '../../reports/provenance.js';
import { verifyDirectory } from '../../reports/verify.js';
import { VERIFIER_SUITE } from '../../cmd/report.js';
import { idsFor, syntheticReport, syntheticTest } from './synthetic.js';

const work = mkdtempSync(join(tmpdir(), 'dmm-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const ids = idsFor();
const [f1, f2, f3, f4] = ids.failable;
const catalogue = { ids: CATALOGUE.map((c) => c.id), digest: catalogueDigest(CATALOGUE) };

function cli(args: string[]) {
  return spawnSync(process.execPath, [packagePath('dist/cmd/main.js'), 'report', ...args], { encoding: 'utf8' });
}

t.test('diff: regressions, fixes, new, removed, skip reasons, environment', async (t) => {
  const a = syntheticReport({ statuses: { [f1]: 'fail', [f3]: 'skip' } });
  const b0 = syntheticReport({ statuses: { [f2]: 'error', [f3]: 'skip' } });
  // B: f1 fixed, f2 regressed, f3 skipped for another reason, f4 removed, one new failing test.
  const tests = b0.tests.filter((x) => x.id !== f4).map((x) => (x.id === f3 ? { ...x, skip: { category: 'declared' as const, reason: 'profile says so' } } : x));
  tests.push({ ...syntheticTest(f1, '1.2.0', 'fail'), id: 'state.brand-new' });
  const b: Report = { ...b0, tests, summary: summarize(tests), environment: { ...b0.environment, kernel: '6.9.0-other' } };
  const d = diffReports(a, b);
  t.same(d.regressions.map((x) => x.id).sort(), [f2, 'state.brand-new'].sort(), 'regressions: newly failing and new failing');
  t.same(d.fixes.map((x) => x.id), [f1]);
  t.same(d.added.map((x) => x.id), ['state.brand-new']);
  t.same(d.removed.map((x) => x.id), [f4]);
  t.same(d.skipReasons.map((x) => x.id), [f3]);
  t.match(d.skipReasons[0].after, '[declared] profile says so');
  t.same(d.environment, [{ field: 'kernel', before: '6.1.0-test', after: '6.9.0-other' }]);
  t.match(renderDiffText(d, ['a', 'b']), /^regressions: 2$/m);
  t.match(renderDiffMd(d, ['a', 'b']), '**2 regression(s)**');
  const same = diffReports(a, a);
  t.same([same.regressions, same.fixes, same.changed, same.added, same.removed, same.skipReasons, same.environment], [[], [], [], [], [], [], []], 'a report against itself: nothing');

  const da = join(work, 'a');
  const db = join(work, 'b');
  writeFiles(da, { 'report.json': renderAll(a)['report.json'] });
  writeFiles(db, { 'report.json': renderAll(b)['report.json'] });
  let r = cli(['diff', da, db]);
  t.equal(r.status, 1, 'exit 1 on regressions');
  t.match(r.stdout, `${f2}: pass -> error`);
  r = cli(['diff', db, db, '--format', 'json']);
  t.equal(r.status, 0, 'exit 0 without');
  t.same(JSON.parse(r.stdout).regressions, []);
  r = cli(['diff', da]);
  t.equal(r.status, 2, 'usage error');
  r = cli(['diff', da, join(work, 'missing')]);
  t.equal(r.status, 2);
  t.match(r.stderr, /cannot read .*missing: ENOENT/);
});

t.test('matrix: runtimes x spec versions x areas', async (t) => {
  const r1 = syntheticReport({ statuses: { [f1]: 'fail' } });
  const r2 = { ...syntheticReport(), runtime: { ...syntheticReport().runtime, profile: 'crun' } };
  const r3 = syntheticReport({ specVersion: '1.0.2' });
  const m = buildMatrix([r1, r2, r3]);
  t.same(m.bySpecVersion.map(([v, rows]) => [v, rows.map((x) => x.runtime)]), [['1.0.2', ['synthetic']], ['1.2.0', ['synthetic', 'crun']]], 'one table per spec version, oldest first');
  const area = CATALOGUE.find((c) => c.id === f1)!.area;
  const cell = m.bySpecVersion[1][1][0].cells[area];
  const inArea = r1.tests.filter((x) => x.area === area && x.status !== 'skip').length;
  t.same(cell, { status: 'fail', passed: inArea - 1, ran: inArea, skipped: r1.tests.filter((x) => x.area === area && x.status === 'skip').length });
  t.same(m.specVersions, ['1.0.2', '1.2.0']);
  t.same(
    m.byRuntime.map((x) => [x.runtime, Object.keys(x.cells).sort()]),
    [['synthetic', ['1.0.2', '1.2.0']], ['crun', ['1.2.0']]],
    'runtime x spec version: one row per runtime, a cell per version it ran at',
  );
  t.equal(m.byRuntime[0].cells['1.2.0']?.verdict, 'fail');
  const md = renderMatrixMd([r1, r2, r3]);
  t.match(md, '## Runtimes × spec versions');
  t.match(md, /\| crun [^|]*\| — \| pass \d+\/\d+ \|/, 'a version a runtime did not run at is a dash');
  t.match(md, '## runtime-spec 1.0.2');
  t.match(md, `FAIL ${inArea - 1}/${inArea}`);
  const html = renderMatrixHtml([r1, r2, r3]);
  t.match(html, '<h2>runtime-spec 1.2.0</h2>');
  t.notMatch(html, /<script/i);
  const dir = join(work, 'm1');
  writeFiles(dir, { 'report.json': renderAll(r1)['report.json'] });
  const r = cli(['matrix', dir, '--format', 'html']);
  t.equal(r.status, 0);
  t.match(r.stdout, /^<!DOCTYPE html>/);
});

t.test('shards: deterministic slices that cover the catalogue exactly once', async (t) => {
  t.same(parseShard('2/3'), { index: 2, count: 3 });
  for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3', '-1/2']) t.throws(() => parseShard(bad), /--shard must be K\/N/, `refuses ${bad}`);
  for (const n of [1, 2, 3, 7, CATALOGUE.length + 2]) {
    const slices = Array.from({ length: n }, (_, k) => shardSlice(catalogue.ids, { index: k + 1, count: n }));
    const all = slices.flat();
    t.equal(all.length, catalogue.ids.length, `${n} shards: no test twice`);
    t.same([...all].sort(), [...catalogue.ids].sort(), `${n} shards: every test once`);
    t.same(shardSlice(catalogue.ids, { index: 1, count: n }), slices[0], 'the same slice every time');
  }
});

function shardReport(k: number, n: number, base = syntheticReport({ statuses: { [f1]: 'fail' } })): Report {
  const tests = shardSlice(base.tests, { index: k, count: n });
  return { ...base, tests, summary: summarize(tests), run: { ...base.run, shard: { index: k, count: n }, partial: true, startedAt: `2026-01-02T03:0${k}:00.000Z` } };
}

t.test('merge: shards join into one report that verifies; mismatches are refused', async (t) => {
  const shards = [3, 1, 2].map((k) => shardReport(k, 3));
  const merged = mergeReports(shards, catalogue);
  const whole = syntheticReport({ statuses: { [f1]: 'fail' } });
  t.same(merged.tests.map((x) => x.id), catalogue.ids, 'tests back in catalogue order');
  t.same(merged.summary, whole.summary, 'the same summary as the unsharded run');
  t.equal(merged.run.shards?.length, 3);
  t.notOk(merged.run.shard);
  t.notOk(merged.run.partial);
  const dir = join(work, 'merged');
  writeFiles(dir, renderAll(merged));
  const checks = await verifyDirectory(dir, VERIFIER_SUITE());
  t.same(checks.filter((c) => !c.ok), [], 'verify accepts the merged report');
  t.ok(checks.some((c) => c.name === 'shards' && c.ok));

  t.throws(() => mergeReports(shards.slice(0, 2), catalogue), /shard 2\/3 is missing/);
  t.throws(() => mergeReports([...shards, shards[0]], catalogue), /appears 2 times/);
  const otherBinary = { ...shards[1], runtime: { ...shards[1].runtime, binary: { ...shards[1].runtime.binary!, sha256: 'c'.repeat(64) } } };
  t.throws(() => mergeReports([shards[0], otherBinary, shards[2]], catalogue), /runtime sha256/);
  const otherHost = { ...shards[1], environment: { ...shards[1].environment, kernel: '5.10.0' } };
  t.throws(() => mergeReports([shards[0], otherHost, shards[2]], catalogue), /different class of host/);
  t.throws(() => mergeReports([shards[0], shardReport(2, 4), shards[2]], catalogue), /count differs/);
  t.throws(() => mergeReports([syntheticReport()], catalogue), /not a shard/);

  // A merged report whose shard records were edited: verify refuses it.
  const forged = structuredClone(merged);
  forged.run.shards![1].tests = forged.run.shards![0].tests;
  const fdir = join(work, 'forged-merge');
  writeFiles(fdir, renderAll(forged));
  const bad = (await verifyDirectory(fdir, VERIFIER_SUITE())).filter((c) => !c.ok).map((c) => c.name);
  t.ok(bad.includes('shards'), `a forged shard record is caught (${bad.join(', ')})`);
  const one = join(work, 'one-shard');
  writeFiles(one, renderAll(shards[0]));
  const oneBad = (await verifyDirectory(one, VERIFIER_SUITE())).filter((c) => !c.ok);
  t.ok(oneBad.some((c) => c.name === 'completeness' && /shard 3\/3/.test(c.detail)), 'a single shard is not a complete run');

  const dirs = shards.map((s, i) => {
    const d = join(work, `shard-${i}`);
    writeFiles(d, { 'report.json': renderAll(s)['report.json'] });
    return d;
  });
  const out = join(work, 'merged-cli');
  const r = cli(['merge', '--out', out, ...dirs]);
  t.equal(r.status, 0, r.stderr);
  t.equal(cli(['verify', out]).status, 0, 'the CLI merge verifies');
  t.equal(cli(['merge', '--out', out, ...dirs]).status, 2, 'refuses to overwrite a non-empty --out');
});
