// The whole suite against the real runtimes on this host: the CLI runs, its TAP stream is one
// valid TAP 14 document, report.json validates against its schema and agrees with the TAP, the
// verdicts equal the runtime's baseline in both directions, and nothing is left behind.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'tap-parser';
import { newAjv } from '../../schema/ajv.js';
import { packagePath } from '../../schema/package-root.js';
import { compareWithBaseline, parseBaseline } from '../../reports/baseline.js';
import type { Report } from '../../reports/model.js';
import { findExecutable } from '../../validation/harness/profile.js';
import { containerIds, leftoversUnder } from '../support/leftovers.js';
import { runSandbox } from '../support/run-sandbox.js';

const validateReport = newAjv({ strict: true }).compile(JSON.parse(readFileSync(packagePath('schema/suite/report-1.schema.json'), 'utf8')));

function parseTap(text: string): Promise<{ ok: boolean; count: number; errors: string[] }> {
  return new Promise((resolve) => {
    const p = new Parser({ strict: true });
    p.on('complete', (res) => {
      const errors = (res.failures as { tapError?: string; data?: unknown }[])
        .filter((f) => f.tapError)
        .map((f) => `${f.tapError}: ${JSON.stringify(f.data ?? '')}`);
      resolve({ ok: res.ok, count: res.count, errors });
    });
    p.end(text);
  });
}

for (const runtime of ['runc', 'crun', 'runsc']) {
  t.test(runtime, async (t) => {
    if (!findExecutable(runtime)) {
      // CI installs every runtime (cmd/bootstrap.sh): missing there is a failure, never a skip.
      if (process.env.CI) t.fail(`${runtime} is not installed; CI must install it (cmd/bootstrap.sh)`);
      else t.plan(0, `${runtime} is not installed here (CI installs it)`);
      return;
    }
    const { dir: work, runTmp } = runSandbox(`st-${runtime}-`);
    const out = join(work, 'out');
    try {
      const r = spawnSync(process.execPath, [packagePath('dist/cmd/main.js'), 'run', '--runtime', runtime, '--jobs', '2', '--out', out], {
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: runTmp },
        timeout: 600_000,
      });
      t.ok(r.status === 0 || r.status === 1, `run exits 0 or 1 (got ${r.status}; stderr: ${r.stderr.slice(-500)})`);
      const tap = await parseTap(r.stdout);
      t.same(tap.errors, [], 'stdout is one valid TAP stream (strict parser)');
      const report: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      t.ok(validateReport(report), `report.json validates against report-1.schema.json ${JSON.stringify(validateReport.errors?.slice(0, 3))}`);
      t.equal(tap.count, report.tests.length, 'one TAP test point per test in the report');
      t.equal(readFileSync(join(out, 'results.tap'), 'utf8'), r.stdout, 'results.tap is what was printed');
      t.equal(r.status, report.summary.verdict === 'pass' ? 0 : 1, 'exit code follows the verdict');
      const baseline = parseBaseline(readFileSync(packagePath(`baselines/${runtime}.json`), 'utf8'), `baselines/${runtime}.json`);
      t.same(compareWithBaseline(report, baseline), [], `verdicts equal baselines/${runtime}.json`);
      t.same(report.run.strayProcesses, [], 'the runtime left no stray processes after the run');
      t.same(leftoversUnder(runTmp, containerIds(report)), [], 'nothing left behind: no temp files, mounts, processes or cgroups');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}
