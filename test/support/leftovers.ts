// What a run could leave behind. The self-tests give each run its own TMPDIR (the suite takes its
// temp dirs, rootfs and runtime state root from there) and read the container IDs it used from
// its report; then anything left is: files under that directory, mounts under it, processes in a
// cgroup named after one of those IDs or started with that directory in argv, and cgroups named
// after those IDs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../reports/model.js';
import { cgroupNamesFor, cgroupParents, findStrays } from '../../validation/harness/strays.js';

/** Container IDs a run created, from its evidence (the last argument of each create). */
export function containerIds(report: Report): string[] {
  const ids = new Set<string>();
  for (const t of report.tests) {
    for (const i of t.invocations) {
      const sub = i.argv.indexOf('create');
      if (sub >= 0) ids.add(i.argv[i.argv.length - 1]);
    }
  }
  return [...ids];
}

export function leftoversUnder(dir: string, ids: string[] = []): string[] {
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
  const procs = findStrays({ ids, dir });
  if (procs.length) out.push(`processes left: ${procs.join(', ')}`);
  const cgroups: string[] = [];
  for (const parent of cgroupParents()) {
    for (const id of ids) for (const name of cgroupNamesFor(id)) if (existsSync(join(parent, name))) cgroups.push(join(parent, name));
  }
  if (cgroups.length) out.push(`cgroups left: ${cgroups.join(', ')}`);
  return out;
}
