// Sleeping between polls, woken early when something changes in a directory. The host waits for
// files that container programs and hooks write into a results directory; an inotify watch on
// that directory (fs.watch) ends a wait as soon as the file appears instead of at the next poll.
// Polling stays the rule and the watch only shortens it: a sandboxed or VM runtime may write the
// file without the host seeing an event, and a host without inotify just polls.
import { watch, type FSWatcher } from 'node:fs';

export class DirWaker {
  private watcher: FSWatcher | undefined;
  /** An event came since the last sleep began: the next sleep returns at once. */
  private changed = false;
  private wake: (() => void) | undefined;

  constructor(dir: string) {
    try {
      this.watcher = watch(dir, { persistent: false }, () => {
        this.changed = true;
        this.wake?.();
      });
      this.watcher.on('error', () => this.close());
    } catch {
      // No such directory, no inotify, out of watches: plain polling.
    }
  }

  /** Wait `ms`, or less when the directory changes meanwhile (or changed since the last sleep). */
  sleep(ms: number): Promise<void> {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.changed = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.wake?.();
  }
}
