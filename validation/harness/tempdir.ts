// The run's private temporary directory (tmp-promise, under os.tmpdir(), so TMPDIR applies; the
// name is short on purpose: runtimes put unix sockets below it), and the removal of each case's
// directory in the background while the next case runs.
import { chmod, rm } from 'node:fs/promises';
import { dir as tmpDir } from 'tmp-promise';

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

/** A fresh directory whose cleanup removes everything in it, background removals included. */
export async function dir(opts: { prefix: string; mode?: number }): Promise<TempDir> {
  const made = await tmpDir({ prefix: opts.prefix, unsafeCleanup: true });
  const path = made.path;
  // The umask may narrow the mode tmp creates with; set the mode asked for exactly.
  if (opts.mode !== undefined) await chmod(path, opts.mode);
  return {
    path,
    async cleanup() {
      const mine = [...pending].filter(([, p]) => p.startsWith(path + '/')).map(([promise]) => promise);
      const settled = await Promise.allSettled(mine);
      for (const p of mine) pending.delete(p);
      await made.cleanup();
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
