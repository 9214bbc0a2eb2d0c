// The last line of defence against leaks: processes a runtime left behind although every
// container was deleted (a runtime bug, e.g. a sandbox orphaned by a failed create). They are
// recognised by evidence only: rooted in the run's temp dir (a container's rootfs), or started
// with a path inside it in argv (runtime helpers get --root <temp>/state).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export function findStrays(dir: string): number[] {
  const pids: number[] = [];
  const prefix = dir.endsWith('/') ? dir : dir + '/';
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    const pid = Number(p);
    if (pid === process.pid) continue;
    try {
      const root = readlinkSync(`/proc/${p}/root`);
      const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (root.startsWith(prefix) || argv.includes(prefix)) pids.push(pid);
    } catch {
      // Exited meanwhile, or a kernel thread.
    }
  }
  return pids;
}

/** Kill every stray under `dir`; returns their pids with their command lines, for the report. */
export function reapStrays(dir: string): string[] {
  const reaped: string[] = [];
  for (const pid of findStrays(dir)) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200);
      process.kill(pid, 'SIGKILL');
      reaped.push(`${pid} ${cmd}`);
    } catch {
      // Already gone.
    }
  }
  return reaped;
}
