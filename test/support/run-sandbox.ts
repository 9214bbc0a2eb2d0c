// The working directory self-tests give their suite runs: world-traversable (mode 0755: sandboxed
// runtimes such as runsc drop privileges and must still reach bundles and the rootfs), with a
// `tmp` subdirectory passed to the runs as TMPDIR, so whatever a run leaves is found under it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
