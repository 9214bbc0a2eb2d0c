// Shared container runs for probe cases: how cases are grouped (pure), and against runc that a
// merged run gives the same verdicts as one container per case, and that a shared run the
// runtime refuses is split until the refusal belongs to the one case whose field caused it.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { compatible, isProbeCase, planGroups, probeCase, type ProbeCase } from '../../validation/harness/probe-runs.js';
import { leftoversUnder } from '../support/leftovers.js';
import { cannotRun, missingForRuncRuns, runSandbox } from '../support/run-sandbox.js';

const MAIN = packagePath('dist/cmd/main.js');

function fake(id: string, fields: string[]): ProbeCase {
  return probeCase({ id, revision: 1, title: id, area: 'config', requirements: [], probe: { fields, edit() {}, verify() {} } });
}

t.test('cases share a container only when no field of one equals or contains a field of the other', async (t) => {
  const spec = (fields: string[]) => fake('x.y', fields).probe;
  t.ok(compatible(spec(['/process/cwd']), spec(['/process/env'])), 'siblings');
  t.notOk(compatible(spec(['/process/user']), spec(['/process/user/umask'])), 'a field and a member of it');
  t.notOk(compatible(spec(['/process/user/umask']), spec(['/process/user'])), 'either way round');
  t.ok(compatible(spec(['/process/user']), spec(['/process/userns'])), 'a common name prefix is not containment');
  t.notOk(compatible(spec(['/a', '/b']), spec(['/c', '/b'])), 'any shared field');
  t.notOk(compatible({ ...spec(['/a']), alone: true }, spec(['/b'])), 'a case that must be alone');
});

t.test('groups are first fit in catalogue order, so a plan is the same every run', async (t) => {
  const cases = [fake('c.a', ['/a']), fake('c.b', ['/a/x']), fake('c.c', ['/b']), fake('c.d', ['/a']), fake('c.e', ['/c'])];
  const ids = (g: ProbeCase[][]) => g.map((x) => x.map((c) => c.id));
  t.same(ids(planGroups(cases)), [['c.a', 'c.c', 'c.e'], ['c.b'], ['c.d']]);
  t.same(ids(planGroups(cases)), ids(planGroups([...cases])), 'deterministic');
  t.same(ids(planGroups([])), []);
});

t.test('every probe case of the catalogue names its fields as JSON pointers', async (t) => {
  const probes = CATALOGUE.filter(isProbeCase);
  t.ok(probes.length > 0);
  for (const c of probes) {
    t.ok(c.probe.fields.length > 0 && c.probe.fields.every((f) => /^(\/[^/]+)+$/.test(f)), `${c.id}: ${c.probe.fields.join(' ')}`);
  }
});

const missing = missingForRuncRuns();
if (missing.length) cannotRun(t, 'merged probe runs against runc', missing);
else {
  const { dir, runTmp, remove } = runSandbox('merge-');
  t.teardown(remove);

  const run = (name: string, args: string[]): Report => {
    const out = join(dir, name);
    const r = spawnSync(process.execPath, [MAIN, 'run', '--only', 'config.*', '--out', out, ...args], { encoding: 'utf8', env: { ...process.env, TMPDIR: runTmp } });
    if (r.status !== 0 && r.status !== 1) throw new Error(`run ${name} exited ${r.status}: ${r.stderr}`);
    return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  };
  const verdicts = (r: Report) => r.tests.map((x) => ({ id: x.id, status: x.status, checks: x.checks.map((c) => `${c.name}: ${c.ok}`) }));

  t.test('merged and one-container-per-case runs give the same verdicts, with fewer containers', async (t) => {
    const merged = run('merged', ['--runtime', 'runc']);
    const alone = run('alone', ['--runtime', 'runc', '--no-merge']);
    t.same(verdicts(merged), verdicts(alone), 'same statuses and checks');
    t.equal(alone.run.probeRuns?.containerRuns, alone.run.probeRuns?.cases, 'one container per case with --no-merge');
    t.ok((merged.run.probeRuns?.containerRuns ?? 99) < (merged.run.probeRuns?.cases ?? 0), `fewer containers merged: ${JSON.stringify(merged.run.probeRuns)}`);
    const shared = merged.tests.filter((x) => x.sharedRun);
    t.ok(shared.length > 0, 'results say which cases shared a run');
    for (const x of shared) {
      for (const other of x.sharedRun!.with) {
        t.ok(merged.tests.find((y) => y.id === other)?.sharedRun?.with.includes(x.id), `${x.id} and ${other} name each other`);
      }
      t.ok(x.invocations.some((i) => i.argv.includes('create')), `${x.id} carries the create of its shared run as evidence`);
    }
    t.same(leftoversUnder(runTmp), [], 'nothing left behind');
  });

  t.test('a shared run the runtime refuses is split; only the case whose field was refused errors', async (t) => {
    const wrapper = join(dir, 'refuses-oom-score-adj.sh');
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        `MUTANTS_DIR=${packagePath('test/mutants')}`,
        '. "$MUTANTS_DIR/lib/common.sh"',
        'if [ "$SUBCMD" = create ] && grep -q oomScoreAdj "$BUNDLE/config.json"; then echo "refusing oomScoreAdj" >&2; exit 1; fi',
        'pass',
      ].join('\n') + '\n',
    );
    chmodSync(wrapper, 0o755);
    const profile = join(dir, 'refuses.yaml');
    writeFileSync(profile, readFileSync(packagePath('validation/profiles/runc.yaml'), 'utf8').replace('name: runc', 'name: refuses').replace('command: [runc]', `command: [${wrapper}]`));
    const r = run('refuses', ['--profile', profile]);
    const before = run('merged-again', ['--runtime', 'runc']);
    const oom = r.tests.find((x) => x.id === 'config.process.oom-score-adj')!;
    t.equal(oom.status, 'error', 'the oomScoreAdj case errors');
    t.match(oom.error, /create of a valid bundle failed.*refusing oomScoreAdj/, 'with the refusal as its reason');
    t.notOk(oom.sharedRun, 'its failed run was its own');
    // Every other case keeps the verdict plain runc gives it (a pass, or runc's own deviation).
    for (const x of r.tests.filter((y) => y.id !== oom.id)) {
      t.equal(x.status, before.tests.find((y) => y.id === x.id)?.status, `${x.id} keeps its verdict`);
      t.notOk(x.sharedRun?.with.includes(oom.id), `${x.id} was not answered by a run with the refused field`);
    }
    t.ok((r.run.probeRuns?.containerRuns ?? 0) > (before.run.probeRuns?.containerRuns ?? 0), 'the split took extra container runs');
    t.same(leftoversUnder(runTmp), [], 'nothing left behind');
  });
}
