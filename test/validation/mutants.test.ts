// Every check of the `run` catalogue can fail: the suite runs in-process against deliberately
// broken runtimes (test/mutants/*.sh, wrappers around runc that break one behaviour each) and
// each mutant must turn the tests it names from pass, on the runtime it wraps, to fail. The
// runtimes it wraps (runc, and fixed-runc.sh: runc with its deviations repaired) must pass those
// tests, and every check recorded against them must be seen failing under some mutant.
import t from 'tap';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../validation/cases/index.js';
import { BASELINES, COVERAGE_VERSIONS, MUTANTS, SURVIVORS } from '../mutants/catalogue.js';
import { applies, byId, executePlan, unkilledChecks, killedAt, MUTANTS_DIR, planRuns, statusIn, versionsOf, type Run } from '../mutants/run-mutants.js';
import { leftoversUnder } from '../support/leftovers.js';
import { cannotRun, missingForRuncRuns, runSandboxAsTmpdir } from '../support/run-sandbox.js';

/** OCI_MUTANTS=name,name runs just those (while working on one); the coverage check is then off. */
const PICKED = process.env.OCI_MUTANTS?.split(',').filter(Boolean);
const SELECTED = PICKED ? MUTANTS.filter((m) => PICKED.includes(m.name)) : MUTANTS;

// ---- the catalogue itself (no runtime needed) -----------------------------------------------

t.test('catalogue', async (t) => {
  const names = MUTANTS.map((m) => m.name);
  t.same(names.filter((n, i) => names.indexOf(n) !== i), [], 'mutant names are unique');
  const scripts = readdirSync(MUTANTS_DIR).filter((f) => f.endsWith('.sh') && f !== 'fixed-runc.sh').map((f) => f.slice(0, -3));
  t.same(scripts.filter((s) => !names.includes(s)).sort(), [], 'every test/mutants/*.sh is in the catalogue');
  for (const m of MUTANTS) {
    const path = join(MUTANTS_DIR, `${m.name}.sh`);
    if (!t.ok(existsSync(path), `${m.name}: ${m.name}.sh exists`)) continue;
    t.doesNotThrow(() => accessSync(path, constants.X_OK), `${m.name}: executable`);
    const header = readFileSync(path, 'utf8').split('\n')[1];
    t.equal(header, `# Mutant ${m.name}: ${m.description}`, `${m.name}: the script's header line is its catalogue description`);
    t.ok(m.killedBy.length > 0 && m.breaks.length > 0, `${m.name}: names what it breaks and what kills it`);
    for (const id of m.killedBy) {
      if (!t.ok(byId.has(id), `${m.name}: killedBy ${id} is a test of the catalogue`)) continue;
      t.ok(versionsOf(m).some((v) => applies(byId.get(id)!, v)), `${m.name}: ${id} applies at one of its versions`);
      // A kill only means something when the test passes on the runtime the mutant wraps.
      const b = BASELINES[id];
      if (b) t.ok(b.passesAgainst === m.base || (b.passesAgainst === 'runc' && m.base === 'fixed-runc'), `${m.name}: ${id} passes against its base, ${m.base}`);
    }
  }
  for (const m of SURVIVORS) {
    const path = join(MUTANTS_DIR, 'survivors', `${m.name}.sh`);
    if (!t.ok(existsSync(path), `survivor ${m.name}: survivors/${m.name}.sh exists`)) continue;
    t.equal(readFileSync(path, 'utf8').split('\n')[1], `# Survivor ${m.name}: ${m.description}`, `survivor ${m.name}: header line is its description`);
    t.ok(m.why, `survivor ${m.name}: says why it survives`);
  }
  for (const c of CATALOGUE) {
    const b = BASELINES[c.id];
    if (!t.ok(b, `${c.id} has a baseline entry (which runtime passes it)`)) continue;
    if (b.passesAgainst !== 'runc') t.ok(b.reason, `${c.id}: says why runc does not pass it`);
    // A test no runtime here passes cannot be killed here; its reason says where its check is
    // shown to fail instead.
    if (b.passesAgainst !== 'none') t.ok(MUTANTS.some((m) => m.killedBy.includes(c.id)), `${c.id} is killed by some mutant (add one to test/mutants/)`);
  }
  t.same(Object.keys(BASELINES).filter((id) => !byId.has(id)), [], 'no baseline entry for a test that does not exist');
});

// ---- the runs ---------------------------------------------------------------------------------

// CI installs runc and busybox-static and runs as root: missing there is a failure, never a skip.
const missing = missingForRuncRuns();
if (missing.length) cannotRun(t, 'mutants against runc', missing);
else {
  t.test('mutants against runc', async (t) => {
    const started = Date.now();
    // The suite takes its temp dirs (and the wrappers their mktemp files) from here, so anything
    // a run leaves is found under it.
    const { runTmp, restore, remove } = runSandboxAsTmpdir('mutants-');
    // Interrupted (tap's timeout, ^C): runs stop starting, and the running ones clean up.
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    try {
      // Each run builds its own rootfs: a run reaps every process rooted in its rootfs when it
      // ends, so runs at once must not share one. Baselines: fixed-runc with the whole catalogue
      // at every coverage version, runc at 1.0.2, and whatever other (base, version) a mutant
      // needs, with just its tests.
      const { baselines, mutantRuns, survivorRuns } = planRuns(SELECTED, !PICKED);
      const runs = await executePlan({ baselines, mutantRuns, survivorRuns }, abort.signal);
      t.notOk(abort.signal.aborted, 'the runs were not interrupted');
      t.comment(`${runs.length} suite runs in ${Math.round((Date.now() - started) / 1000)} s; slowest: ${[...runs].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0)).slice(0, 12).map((r) => `${r.key} ${((r.ms ?? 0) / 1000).toFixed(1)} s`).join(', ')}`);

      const describeTest = (r: Run | undefined, id: string) => {
        const x = r?.report?.tests.find((y) => y.id === id);
        return { result: x ? { status: x.status, error: x.error, failed: x.checks.filter((c) => !c.ok).map((c) => c.name) } : (r?.error ?? 'not run') };
      };

      t.test('baselines', { skip: PICKED && 'OCI_MUTANTS picks some mutants' }, async (t) => {
        for (const v of COVERAGE_VERSIONS) {
          const r = baselines.get(`fixed-runc@${v}`)!;
          t.notOk(r.error, `fixed-runc@${v} ran`, { error: r.error });
          for (const x of r.report?.tests ?? []) {
            // A test no runtime here passes may be skipped as unsupported (runc's features say so).
            const unsupported = x.status === 'skip' && x.skip?.category === 'unsupported' && BASELINES[x.id]?.passesAgainst === 'none';
            t.ok(x.status === 'pass' || (x.status === 'skip' && x.skip?.category === 'not-applicable') || unsupported, `fixed-runc@${v}: ${x.id} passes (or does not apply)`, describeTest(r, x.id));
          }
        }
        const runc = baselines.get('runc@1.0.2')!;
        t.notOk(runc.error, 'runc@1.0.2 ran', { error: runc.error });
        for (const [id, b] of Object.entries(BASELINES)) {
          // A test from a later version than 1.0.2 passes on runc at the versions its mutants name.
          if (b.passesAgainst === 'runc' && !applies(byId.get(id)!, '1.0.2')) t.equal(statusIn(runc, id), 'skip', `runc: ${id} does not apply at 1.0.2`, describeTest(runc, id));
          else if (b.passesAgainst === 'runc') t.equal(statusIn(runc, id), 'pass', `runc: ${id} passes`, describeTest(runc, id));
          else t.comment(`runc: ${id} is ${statusIn(runc, id)} (${b.passesAgainst === 'none' ? 'no runtime here passes it' : `passes against ${b.passesAgainst}`}: ${b.reason})`);
        }
        for (const r of baselines.values()) t.same(r.swept ?? [], [], `${r.key}: left nothing behind (processes, cgroups)`);
      });

      for (const m of SELECTED) {
        t.test(m.name, async (t) => {
          for (const v of versionsOf(m)) {
            const r = mutantRuns.find((x) => x.key === `${m.name}@${v}`)!;
            const base = baselines.get(`${m.base}@${v}`);
            for (const id of killedAt(m, v)) {
              t.equal(statusIn(base, id), 'pass', `${id} passes on ${m.base} at ${v}`, describeTest(base, id));
              const expected = m.expect?.[id] ?? 'fail';
              t.equal(statusIn(r, id), expected, `${id} is ${expected} on ${m.name} at ${v}`, describeTest(r, id));
            }
            if (!m.leaks) t.same(r.swept ?? [], [], `${m.name}@${v}: the suite's cleanup left nothing behind`);
            else if (r.swept?.length) t.comment(`${m.name}@${v} left (by design; removed): ${r.swept.join('; ')}`);
          }
        });
      }

      t.test('known survivors (reported, not failed)', { skip: PICKED && 'OCI_MUTANTS picks some mutants' }, async (t) => {
        for (const m of SURVIVORS) {
          for (const v of versionsOf(m)) {
            const r = survivorRuns.find((x) => x.key === `${m.name}@${v}`)!;
            const statuses = killedAt(m, v).map((id) => `${id} ${statusIn(r, id)}`);
            const killed = killedAt(m, v).every((id) => statusIn(r, id) === 'fail');
            t.comment(`${m.name}@${v}: ${statuses.join(', ')}${killed ? ' - killed now: move it into MUTANTS' : ` - survives: ${m.why}`}`);
            t.same(r.swept ?? [], [], `${m.name}@${v}: the suite's cleanup left nothing behind`);
          }
        }
      });

      t.test('every check can fail', { skip: PICKED && 'OCI_MUTANTS picks some mutants' }, async (t) => {
        // Every check recorded against a passing runtime, by test ID and check name, must have
        // failed in some mutant's run.
        const { required, unkilled } = unkilledChecks({ baselines, mutantRuns, survivorRuns });
        t.ok(required > 0, `${required} distinct checks recorded on the baselines`);
        t.same(unkilled, [], 'no check that no mutant makes fail');
      });
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      restore();
      t.same(leftoversUnder(runTmp), [], 'nothing left behind under the runs\' TMPDIR: no temp files, mounts or processes');
      remove();
      t.comment(`mutant runs took ${Math.round((Date.now() - started) / 1000)} s`);
    }
  });
}
