// Determinism: three separate runs of the state and create tests against runc give the same
// verdict for every test, and the same failed checks.
import t from 'tap';
import { join } from 'node:path';
import type { Report } from '../../reports/model.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { resolveProfile } from '../../validation/harness/profile.js';
import { runSuite } from '../../validation/harness/runner.js';
import { leftoversUnder } from '../support/leftovers.js';
import { cannotRun, missingForRuncRuns, runSandboxAsTmpdir } from '../support/run-sandbox.js';

const RUNS = 3;
const ONLY = ['state.*', 'create.*'];

/** A run's verdicts: test ID to status and the names of its failed checks. */
function verdicts(r: Report): Record<string, string> {
  return Object.fromEntries(r.tests.map((x) => [x.id, [x.status, ...x.checks.filter((c) => !c.ok).map((c) => `not ok: ${c.name}`)].join('; ')]));
}

const missing = missingForRuncRuns();

const title = `runc gives the same verdicts in ${RUNS} runs of ${ONLY.join(',')}`;
if (missing.length) cannotRun(t, title, missing);
else t.test(title, async (t) => {
  const { runTmp, restore, remove } = runSandboxAsTmpdir('determinism-');
  try {
    const runs: Record<string, string>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const report = await runSuite({ profile: resolveProfile('runc', undefined), cases: CATALOGUE, only: ONLY, jobs: 2 });
      t.same(report.run.strayProcesses, [], `run ${i + 1}: no stray processes`);
      runs.push(verdicts(report));
    }
    const ids = Object.keys(runs[0]);
    t.ok(ids.some((id) => id.startsWith('state.')) && ids.some((id) => id.startsWith('create.')), `the runs cover state and create (${ids.length} tests)`);
    t.ok(Object.values(runs[0]).some((v) => v === 'pass'), 'some test passes (the runs really ran)');
    for (let i = 1; i < RUNS; i++) t.same(runs[i], runs[0], `run ${i + 1} has the verdicts of run 1`);
  } finally {
    restore();
    t.same(leftoversUnder(runTmp), [], "nothing left behind under the runs' TMPDIR");
    remove();
  }
});
