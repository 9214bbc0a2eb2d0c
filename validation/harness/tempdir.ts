// The run's private temporary directory: what tmp-promise's dir({ unsafeCleanup: true }) gave,
// without its import (~25 ms of every run's start, measured). Under os.tmpdir(), so TMPDIR
// applies; the name is short on purpose (runtimes put unix sockets below it).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  /** Remove the directory and everything in it, once every removeLater below it has ended. */
  cleanup(): Promise<void>;
}

/** Removals under way, each with the directory it removes. */
const pending = new Map<Promise<void>, string>();

/**
 * Remove `path` (a case's directory) in the background: a case's result does not wait for it
 * (~2.5 ms a case, measured), the runtime calls of the next case overlap it. The cleanup of the
 * temp dir that holds `path` waits for it to end and fails with its error, if any.
 */
export function removeLater(path: string): void {
  const p = rm(path, { recursive: true, force: true });
  pending.set(p, path);
  p.catch(() => undefined); // reported by cleanup()
}

/** `unsafeCleanup` is tmp-promise's name for what cleanup always does here: remove the contents too. */
export async function dir(opts: { prefix: string; mode?: number; unsafeCleanup?: true }): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), opts.prefix));
  // mkdtemp makes it 0700 whatever the umask; set the mode asked for exactly.
  if (opts.mode !== undefined) await chmod(path, opts.mode);
  return {
    path,
    async cleanup() {
      const mine = [...pending].filter(([, p]) => p.startsWith(path + '/')).map(([promise]) => promise);
      const settled = await Promise.allSettled(mine);
      for (const p of mine) pending.delete(p);
      await rm(path, { recursive: true, force: true });
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
