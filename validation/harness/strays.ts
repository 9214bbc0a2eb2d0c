// The last line of defence against leaks: what a runtime left behind although every container
// was deleted (a runtime bug, e.g. a sandbox orphaned by a failed create, or an init that
// survived a failed delete). Found by evidence only:
//   - processes in a cgroup named after one of our container IDs (runc and crun default to it);
//   - processes started with a path inside the run's temp dir in argv (runtime helpers such as
//     runsc's sandbox and gofer get --root <temp>/s and --bundle <temp>/...);
//   - processes whose root directory is the run's rootfs (compared by device and inode: a
//     container's /proc/<pid>/root reads "/" from the host, but stat sees through it);
//   - empty cgroup directories named after our container IDs (cgroupNamesFor).
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RootIdentity {
  dev: number;
  ino: number;
}

export function rootIdentity(dir: string): RootIdentity {
  const s = statSync(dir);
  return { dev: s.dev, ino: s.ino };
}

export interface StrayQuery {
  /** Container IDs whose cgroups and processes must be gone. */
  ids?: Iterable<string>;
  /** A directory whose path in a process's argv marks the process as ours. */
  dir?: string;
  /** The run's rootfs: a process rooted there is a container of ours. */
  root?: RootIdentity;
  /**
   * The last pid the kernel had handed out when the case began (lastPid()): only processes
   * started since then are examined. A case's strays are processes its runtime calls started,
   * so they cannot be older; the run's final sweep, which has no window, is the backstop for
   * anything else (a window the pid counter wrapped around twice, say).
   */
  pidsAfter?: number;
}

/** The last pid handed out in this pid namespace, or undefined when /proc does not say. */
export function lastPid(): number | undefined {
  try {
    const n = Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` was handed out after `after`, the last pid then, given `last`, the last pid
 * now. Pids count up to pid_max and start again from low numbers: when `last` is below `after`
 * the counter wrapped, and the window is the pids above `after` together with those up to `last`.
 */
export function inPidWindow(pid: number, after: number, last: number): boolean {
  return last >= after ? pid > after && pid <= last : pid > after || pid <= last;
}

/**
 * Suffix of the cgroupsPath a case configures for a container: "/<id><suffix>" is a cgroup the
 * runtime creates for that container and must remove on delete, so the suite looks for it too.
 */
export const CGROUPS_PATH_SUFFIX = '-cgpath';

/** Cgroup directory names that belong to a container ID: the runtimes' default, and ours. */
export function cgroupNamesFor(id: string): string[] {
  return [id, `${id}${CGROUPS_PATH_SUFFIX}`];
}

function cgroupNamesId(cgroupFile: string, ids: Set<string>): boolean {
  // Most processes name none of our IDs anywhere: a substring test settles them cheaply.
  let mentioned = false;
  for (const id of ids) if (cgroupFile.includes(id)) mentioned = true;
  if (!mentioned) return false;
  for (const line of cgroupFile.split('\n')) {
    const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
    for (const part of path.split('/')) {
      if (ids.has(part) || (part.endsWith(CGROUPS_PATH_SUFFIX) && ids.has(part.slice(0, -CGROUPS_PATH_SUFFIX.length)))) return true;
    }
  }
  return false;
}

const procBuffer = Buffer.allocUnsafe(16384);

/**
 * A whole /proc file as text. Every case scans every process, so this does one open, read and
 * close per file into a reused buffer (readFileSync also stats the file and reads once more:
 * a scan took twice as long); a file longer than the buffer is read on in further chunks.
 */
function readProcFile(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let n = readSync(fd, procBuffer, 0, procBuffer.length, null);
    if (n < procBuffer.length) return procBuffer.toString('utf8', 0, n);
    const chunks = [Buffer.from(procBuffer.subarray(0, n))];
    while ((n = readSync(fd, procBuffer, 0, procBuffer.length, null)) > 0) chunks.push(Buffer.from(procBuffer.subarray(0, n)));
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function findStrays(q: StrayQuery): number[] {
  const ids = new Set(q.ids ?? []);
  const prefix = q.dir ? (q.dir.endsWith('/') ? q.dir : q.dir + '/') : undefined;
  const pids: number[] = [];
  const listed = readdirSync('/proc');
  // Read after the listing, so every pid listed was handed out by then and the window holds it.
  const last = q.pidsAfter === undefined ? undefined : lastPid();
  for (const p of listed) {
    if (!/^\d+$/.test(p)) continue;
    const pid = Number(p);
    if (pid === process.pid) continue;
    // Most processes on a host are older than the case: skip them without reading their files.
    if (last !== undefined && !inPidWindow(pid, q.pidsAfter!, last)) continue;
    try {
      if (ids.size && cgroupNamesId(readProcFile(`/proc/${p}/cgroup`), ids)) {
        pids.push(pid);
        continue;
      }
      if (prefix && readProcFile(`/proc/${p}/cmdline`).includes(prefix)) {
        pids.push(pid);
        continue;
      }
      if (q.root) {
        const s = statSync(`/proc/${p}/root`);
        if (s.ino === q.root.ino && s.dev === q.root.dev) pids.push(pid);
      }
    } catch {
      // Exited meanwhile, a kernel thread, or not ours to read.
    }
  }
  return pids;
}

/**
 * Where a runtime puts a container's cgroup by default: right under each hierarchy's root, or
 * under the cgroup of the process that called it (runc on this host: memory/<caller's path>/<id>).
 */
export function cgroupParents(): string[] {
  const base = '/sys/fs/cgroup';
  const parents = new Set<string>();
  try {
    // v2: directly under base; v1 and hybrid: under each controller's directory.
    parents.add(base);
    for (const h of readdirSync(base)) parents.add(join(base, h));
    for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
      const [, controllers, path] = line.split(':');
      if (!path || path === '/') continue;
      for (const c of controllers === '' ? ['', 'unified'] : controllers.split(',').map((x) => x.replace(/^name=/, ''))) {
        parents.add(join(base, c, path));
      }
    }
  } catch {
    // No cgroup filesystem: nothing to clean.
  }
  return [...parents];
}

/** Empty cgroup directories named after our IDs, where runtimes create them by default, removed. */
function removeCgroups(ids: Set<string>): string[] {
  const removed: string[] = [];
  if (!ids.size) return removed;
  for (const h of cgroupParents()) {
    for (const id of ids) {
      for (const name of cgroupNamesFor(id)) {
        const dir = join(h, name);
        // Nearly always absent: a failed rmdir would cost a thrown error (every case, every
        // hierarchy, every name: ~1 ms a case, measured); existsSync does not throw.
        if (!existsSync(dir)) continue;
        try {
          rmdirSync(dir);
          removed.push(dir);
        } catch {
          // Not empty (then a process is still inside and was reported), or gone meanwhile.
        }
      }
    }
  }
  return removed;
}

export interface Reaped {
  /** Processes killed, each as "pid command line". */
  processes: string[];
  /** Empty cgroup directories removed. */
  cgroups: string[];
}

/** Kill every stray process the query finds, then remove our empty cgroups. */
export async function reapStrays(q: StrayQuery): Promise<Reaped> {
  const found: string[] = [];
  for (const pid of findStrays(q)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200);
      process.kill(pid, 'SIGKILL');
      found.push(`${pid} ${cmd}`);
    } catch {
      // Already gone.
    }
  }
  const ids = new Set(q.ids ?? []);
  if (found.length && ids.size) {
    // A killed task leaves its cgroup busy until the kernel has reaped it (milliseconds).
    const until = Date.now() + 2000;
    while (Date.now() < until && findStrays({ ids, pidsAfter: q.pidsAfter }).length) await new Promise((r) => setTimeout(r, 10));
  }
  return { processes: found, cgroups: removeCgroups(ids) };
}
