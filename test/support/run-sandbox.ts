// The working directory self-tests give their suite runs: world-traversable (mode 0755: sandboxed
// runtimes such as runsc drop privileges and must still reach bundles and the rootfs), with a
// `tmp` subdirectory passed to the runs as TMPDIR, so whatever a run leaves is found under it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { findExecutable } from '../../validation/harness/profile.js';
import { findStaticBusybox } from '../../validation/harness/rootfs.js';

export interface RunSandbox {
  dir: string;
  /** TMPDIR for the runs; leftoversUnder(runTmp) finds what they left. */
  runTmp: string;
  remove(): void;
}

export function runSandbox(prefix: string): RunSandbox {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const runTmp = join(dir, 'tmp');
  mkdirSync(runTmp, { mode: 0o755 });
  return { dir, runTmp, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A run sandbox that in-process runs (runSuite called directly) use: TMPDIR points into it
 * until restore(), which puts the old value back (it does not remove the directory).
 */
export function runSandboxAsTmpdir(prefix: string): RunSandbox & { restore(): void } {
  const sb = runSandbox(prefix);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = sb.runTmp;
  return {
    ...sb,
    restore() {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    },
  };
}

/** What keeps suite runs against runc from running here: runc, root, a static busybox. */
export function missingForRuncRuns(): string[] {
  const missing: string[] = [];
  if (!findExecutable('runc')) missing.push('runc is not on PATH');
  if (process.getuid?.() !== 0) missing.push('the runs need root (they create real containers)');
  try {
    findStaticBusybox();
  } catch (e) {
    missing.push((e as Error).message);
  }
  return missing;
}

/**
 * Stand-in for a test that cannot run here: a failure in CI (which must provide what it
 * needs, cmd/bootstrap.sh), a skip with the reason elsewhere.
 */
export function cannotRun(t: Test, title: string, missing: readonly string[]): void {
  t.test(title, async (t) => {
    if (process.env.CI) t.fail(`cannot run: ${missing.join('; ')}; CI must provide it (cmd/bootstrap.sh)`);
    else t.plan(0, `cannot run here: ${missing.join('; ')}`);
  });
}
