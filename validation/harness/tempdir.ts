// The run's private temporary directory: what tmp-promise's dir({ unsafeCleanup: true }) gave,
// without its import (~25 ms of every run's start, measured). Under os.tmpdir(), so TMPDIR
// applies; the name is short on purpose (runtimes put unix sockets below it).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  /** Remove the directory and everything in it. */
  cleanup(): Promise<void>;
}

/** `unsafeCleanup` is tmp-promise's name for what cleanup always does here: remove the contents too. */
export async function dir(opts: { prefix: string; mode?: number; unsafeCleanup?: true }): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), opts.prefix));
  // mkdtemp makes it 0700 whatever the umask; set the mode asked for exactly.
  if (opts.mode !== undefined) await chmod(path, opts.mode);
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
