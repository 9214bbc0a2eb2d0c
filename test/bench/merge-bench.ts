// npm run bench:merge [-- runtime] — what sharing container runs between config-application
// tests buys: the config.* tests run merged and with --no-merge, alternately three times in one
// process (the machine is shared and noisy: compare within a round), reporting container runs,
// wall times and their ratio per round and the median ratio.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';

const runtime = process.argv[2] ?? 'runc';
// The installed command (cmd/oci-conformance, package.json "bin"), as users start it.
const COMMAND = packagePath('cmd/oci-conformance');
const work = mkdtempSync(join(tmpdir(), 'bench-merge-'));
chmodSync(work, 0o755);

function leg(name: string, extra: string[]): { ms: number; report: Report } {
  const out = join(work, name);
  const t0 = performance.now();
  const r = spawnSync(COMMAND, ['run', '--runtime', runtime, '--only', 'config.*', '--out', out, ...extra], { encoding: 'utf8', env: { ...process.env, TMPDIR: work } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${name}: exit ${r.status}: ${r.stderr.trim()}`);
  return { ms, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

try {
  const ratios: number[] = [];
  for (let round = 1; round <= 3; round++) {
    const merged = leg(`merged-${round}`, []);
    const alone = leg(`alone-${round}`, ['--no-merge']);
    const m = merged.report.run.probeRuns!;
    const a = alone.report.run.probeRuns!;
    const ratio = merged.ms / alone.ms;
    ratios.push(ratio);
    console.log(
      `round ${round}: ${m.cases} config tests; merged ${m.containerRuns} container runs ${(merged.ms / 1000).toFixed(2)} s; ` +
        `--no-merge ${a.containerRuns} container runs ${(alone.ms / 1000).toFixed(2)} s; merged/unmerged wall time ${ratio.toFixed(2)}`,
    );
  }
  ratios.sort((x, y) => x - y);
  console.log(`median merged/unmerged wall time: ${ratios[1].toFixed(2)} (${runtime}, whole process including node start)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
