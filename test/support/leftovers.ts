// What a run could leave behind: the self-tests give each run its own TMPDIR (the suite takes
// its temp dirs, rootfs and runtime state root from there), so anything the run left is found
// under that directory: files, mounts, and processes rooted in it or started with it in argv.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export function leftoversUnder(dir: string): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    // The directory itself is gone: nothing under it.
  }
  if (entries.length) out.push(`files left in ${dir}: ${entries.join(', ')}`);
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((mp) => mp.startsWith(dir + '/'));
  if (mounts.length) out.push(`mounts left: ${mounts.join(', ')}`);
  const procs: string[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      // Rooted in a rootfs under dir (native containers), or carrying dir in argv (a runtime's
      // own helpers, such as runsc's sandbox and gofer, get --root <dir>/state).
      const rooted = readlinkSync(`/proc/${p}/root`).startsWith(dir + '/');
      if (rooted || (Number(p) !== process.pid && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir + '/'))) procs.push(p);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  if (procs.length) out.push(`processes still rooted in ${dir}: ${procs.join(', ')}`);
  return out;
}
