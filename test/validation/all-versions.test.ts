// run --spec-version all: which results may be reused between versions (pure), and against
// runc one TAP stream with a subtest per version, a report per version, reused results that
// say where they came from, and a case that branches on the version run at every version.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'tap-parser';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { expectationKey } from '../../validation/harness/runner.js';
import { leftoversUnder } from '../support/leftovers.js';
import { cannotRun, missingForRuncRuns, runSandbox } from '../support/run-sandbox.js';

const MAIN = packagePath('dist/cmd/main.js');
const byId = (id: string) => CATALOGUE.find((c) => c.id === id)!;

t.test('expectation keys: equal where the cited requirements are, different where one changed', async (t) => {
  const poststart = byId('hooks.poststart-failure');
  t.not(expectationKey(poststart, '1.2.1', undefined), expectationKey(poststart, '1.3.0', undefined), 'poststart failure: a warning up to 1.2.1, an error from 1.3.0');
  const args = byId('config.process.args-cwd-env');
  t.equal(expectationKey(args, '1.0.0', undefined), expectationKey(args, '1.3.0', undefined), 'process.args means the same in every version');
  const umask = byId('config.process.umask');
  const range = { category: 'not-applicable' as const, reason: 'applies to runtime-spec from 1.0.2; the target is 1.0.0' };
  t.equal(expectationKey(umask, '1.0.0', range), expectationKey(umask, '1.0.1', { ...range, reason: 'applies to runtime-spec from 1.0.2; the target is 1.0.1' }), 'out of range at both: same key');
  t.not(expectationKey(umask, '1.0.1', range), expectationKey(umask, '1.0.2', undefined), 'out of range versus applicable');
});

const missing = missingForRuncRuns();
if (missing.length) cannotRun(t, 'all versions against runc', missing);
else {
  t.test('all versions against runc', async (t) => {
    const { dir, runTmp, remove } = runSandbox('allv-');
    t.teardown(remove);
    const out = join(dir, 'out');
    const only = ['state.document-after-create', 'config.process.*', 'hooks.poststart-failure', 'delete.*'].flatMap((p) => ['--only', p]);
    const r = spawnSync(process.execPath, [MAIN, 'run', '--runtime', 'runc', '--spec-version', 'all', '--out', out, ...only], { encoding: 'utf8', env: { ...process.env, TMPDIR: runTmp } });
    t.ok(r.status === 0 || r.status === 1, `exit 0 or 1 (${r.status}): ${r.stderr.slice(-300)}`);
    // runc's features range is 1.0.0 to 1.0.2-dev.
    const versions = ['1.0.0', '1.0.1', '1.0.2'];
    const reports: Report[] = versions.map((v) => JSON.parse(readFileSync(join(out, v, 'report.json'), 'utf8')));
    t.same(reports.map((x) => x.specVersion), versions, 'a report per version in the runtime range');
    t.ok(existsSync(join(out, 'matrix.md')) && readFileSync(join(out, 'matrix.md'), 'utf8').includes('Runtimes × spec versions'), 'matrix.md');

    const parsed = await new Promise<{ ok: boolean; count: number; failures: { tapError?: string }[] }>((resolve) => {
      const p = new Parser({ strict: true }, (res) => resolve(res as never));
      p.end(r.stdout);
    });
    t.equal(parsed.count, versions.length, 'one top-level test point per version');
    t.same(parsed.failures.filter((f) => f.tapError), [], 'a valid strict TAP 14 stream');
    t.equal(readFileSync(join(out, 'results.tap'), 'utf8'), r.stdout, 'results.tap is what was printed');

    const reused = reports.flatMap((x) => x.tests.filter((y) => y.reusedFrom).map((y) => ({ at: x.specVersion, y })));
    t.ok(reused.length > 0, 'some results are reused');
    for (const { at, y } of reused) {
      const source = reports.find((x) => x.specVersion === y.reusedFrom)!.tests.find((z) => z.id === y.id)!;
      t.ok(source && !source.reusedFrom, `${y.id}@${at} comes from a real run at ${y.reusedFrom}`);
      t.same({ status: y.status, checks: y.checks }, { status: source.status, checks: source.checks }, `${y.id}@${at}: same verdict as at ${y.reusedFrom}`);
    }
    // The poststart case asks for the version itself, so it runs at every version.
    for (const x of reports) t.notOk(x.tests.find((y) => y.id === 'hooks.poststart-failure')?.reusedFrom, `hooks.poststart-failure ran at ${x.specVersion}`);
    // umask applies from 1.0.2 only: a skip before, a run at 1.0.2.
    t.equal(reports[0].tests.find((y) => y.id === 'config.process.umask')?.status, 'skip');
    t.equal(reports[2].tests.find((y) => y.id === 'config.process.umask')?.status, 'pass');
    t.same(leftoversUnder(runTmp), [], 'nothing left behind');

    const bad = spawnSync(process.execPath, [MAIN, 'run', '--runtime', 'runc', '--spec-version', 'all', '--certify', '--out', join(dir, 'c')], { encoding: 'utf8' });
    t.equal(bad.status, 2);
    t.match(bad.stderr, /^oci-conformance: --spec-version all cannot be combined with --certify/);
    t.equal(bad.stderr.trim().split('\n').length, 1, 'one line');
  });
}
