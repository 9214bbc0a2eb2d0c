// npm run bench:run — the harness's overhead against runc, as ratios taken in one run:
//   1. the suite with --jobs 1 (wall time), keeping its bundles;
//   2. the same runtime calls, in the same order, replayed bare by a shell script;
//   3. the suite with --jobs 2.
// The replay rewrites only the state root, so calls hit the same bundles; the containers'
// programs find their "go" files already written and end at once, which favours the replay.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';

const runtime = process.argv[2] ?? 'runc';
const MAIN = packagePath('dist/cmd/main.js');
const work = mkdtempSync(join(tmpdir(), 'bench-run-'));
chmodSync(work, 0o755);

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

function suite(jobs: number, keepIn: string) {
  mkdirSync(keepIn, { mode: 0o755 });
  return timed(() =>
    spawnSync(process.execPath, [MAIN, 'run', '--runtime', runtime, '--jobs', String(jobs), '--keep-temp', '--out', join(keepIn, 'out')], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: keepIn },
    }),
  );
}

try {
  const one = suite(1, join(work, 'j1'));
  const report: Report = JSON.parse(readFileSync(join(work, 'j1', 'out', 'report.json'), 'utf8'));
  const calls = report.tests.flatMap((t) => t.invocations.map((i) => i.argv));
  const replayRoot = join(work, 'replay-state');
  const created = new Set<string>();
  const lines = ['#!/bin/sh', `mkdir -p ${quote(replayRoot)}`];
  for (const argv of calls) {
    const rootAt = argv.indexOf('--root');
    const a = [...argv];
    if (rootAt >= 0) a[rootAt + 1] = replayRoot;
    const sub = a.find((x, i) => i > (rootAt >= 0 ? rootAt + 1 : 0) && !x.startsWith('-'));
    if (sub === 'create') created.add(a[a.length - 1]);
    lines.push(`${a.map(quote).join(' ')} </dev/null >/dev/null 2>&1`);
  }
  // The suite also force-deletes whatever a case leaves; so does the replay.
  const prefix = calls[0].slice(0, calls[0].indexOf('--root') + 2).map((x, i, all) => (i === all.length - 1 ? replayRoot : x));
  for (const id of created) lines.push(`${[...prefix, 'delete', '--force', id].map(quote).join(' ')} >/dev/null 2>&1`);
  const script = join(work, 'replay.sh');
  writeFileSync(script, lines.join('\n') + '\n');
  const bare = timed(() => spawnSync('sh', [script], { stdio: 'ignore' }));
  const two = suite(2, join(work, 'j2'));

  const overhead = one.ms / bare.ms - 1;
  console.log(`runtime: ${runtime}; ${report.tests.length} tests; ${calls.length} recorded runtime calls replayed`);
  console.log(`suite --jobs 1:        ${(one.ms / 1000).toFixed(2)} s (exit ${one.value.status})`);
  console.log(`bare replay (sh):      ${(bare.ms / 1000).toFixed(2)} s`);
  console.log(`suite --jobs 2:        ${(two.ms / 1000).toFixed(2)} s (exit ${two.value.status})`);
  console.log(`harness overhead, --jobs 1 vs replay: ${(overhead * 100).toFixed(1)} %  (ratio ${(one.ms / bare.ms).toFixed(2)})`);
  console.log(`--jobs 2 / --jobs 1 wall time: ${(two.ms / one.ms).toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
