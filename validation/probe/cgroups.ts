// The container's own cgroup files, as the container sees them through a cgroup mount. Pure:
// the shell command that reads them is built here, and its output parsed here, so both layouts
// (cgroup v1 with one hierarchy per controller, v2 with one unified hierarchy) are unit-tested
// on recorded and hand-written output, whatever layout the host running the suite has.
//
// Inside the container the cgroup mount may show the container's own cgroup (runc and crun
// bind-mount it on v1; a cgroup namespace makes it the root of the mount) or a whole hierarchy
// (cgroup2 mounted without a cgroup namespace). The command resolves, for each cgroup mount in
// /proc/self/mountinfo, the directory of the process's own cgroup from the mount's root and the
// process's path in /proc/self/cgroup, then prints the requested files found there.
import type { Config } from '../harness/bundle.js';

/** The mount that makes the cgroup hierarchies visible inside the container (read-only). */
export const CGROUP_MOUNT = {
  destination: '/sys/fs/cgroup',
  type: 'cgroup',
  source: 'cgroup',
  options: ['nosuid', 'noexec', 'nodev', 'relatime', 'ro'],
} as const;

/**
 * The config pointer of that mount, shared by every cgroup case: cases that add the same mount
 * list it in `shared` (see ProbeSpec), so they can still run in one container.
 */
export const CGROUP_MOUNT_FIELD = '/mounts/cgroup';

/** Add the cgroup mount unless an identical one is there already (cases sharing a run). */
export function addCgroupMount(c: Config): void {
  const mounts: Config[] = (c.mounts ??= []);
  if (!mounts.some((m) => m.destination === CGROUP_MOUNT.destination)) mounts.push({ ...CGROUP_MOUNT, options: [...CGROUP_MOUNT.options] });
}

// awk over the process's cgroup file (its name in the variable cg) then its mountinfo: prints "<fstype> <mount point> <dir>"
// for every cgroup and cgroup2 mount, <dir> being the process's own cgroup directory under that
// mount, or "?" when the mount does not show it. No single quotes inside: the program is quoted.
const RESOLVE_AWK = [
  'FILENAME==cg { i=index($0,":"); r=substr($0,i+1); j=index(r,":"); c=substr(r,1,j-1); p=substr(r,j+1);',
  ' if (c=="") { v2=p; has2=1 } else { n=split(c,a,","); for (k=1;k<=n;k++) { x=a[k]; sub(/^name=/,"",x); cg[x]=p } } next }',
  '{ s=index($0," - "); if (!s) next; split(substr($0,s+3),t," "); if (t[1]!="cgroup" && t[1]!="cgroup2") next;',
  ' root=$4; mp=$5; ok=0; p="";',
  ' if (t[1]=="cgroup2") { if (has2) { p=v2; ok=1 } }',
  ' else { n=split(t[3],o,","); for (k=1;k<=n;k++) { x=o[k]; sub(/^name=/,"",x); if (x in cg) { p=cg[x]; ok=1; break } } }',
  ' d="?"; if (ok) { if (root=="/") d=(p=="/" ? mp : mp p); else if (p==root) d=mp; else if (index(p, root "/")==1) d=mp substr(p, length(root)+1) }',
  ' print t[1], mp, d }',
].join('');

/**
 * A one-line shell command (for a probe `ask`) printing the process's cgroup membership, the
 * cgroup mounts it sees with its own directory under each, and every requested file found in
 * one of those directories:
 *   cgroup <line of /proc/self/cgroup>
 *   mount <fstype> <mount point> <own directory or ?>
 *   file <name> <directory>
 *   = <each line of the file>
 * File names are cgroup control files ("memory.max", "pids.max"); v1 and v2 names may be mixed,
 * as only the layout's own exist. `proc` replaces /proc/self in the self-tests.
 */
export function cgroupFilesAsk(files: readonly string[], proc = '/proc/self'): string {
  for (const f of files) if (!/^[A-Za-z0-9_.]+$/.test(f)) throw new Error(`not a cgroup file name: ${f}`);
  if (!/^\/[A-Za-z0-9_./-]*$/.test(proc)) throw new Error(`not a plain path: ${proc}`);
  return (
    `sed 's/^/cgroup /' ${proc}/cgroup; awk -v cg=${proc}/cgroup '${RESOLVE_AWK}' ${proc}/cgroup ${proc}/mountinfo | ` +
    `while read -r ty mp d; do echo "mount $ty $mp $d"; [ "$d" = "?" ] && continue; ` +
    `for f in ${files.join(' ')}; do [ -f "$d/$f" ] && { echo "file $f $d"; sed 's/^/= /' "$d/$f"; }; done; done; true`
  );
}

export type CgroupLayout = 'v1' | 'v2' | 'none';

export interface CgroupView {
  /**
   * The layout the container sees: v2 when its only membership is the unified hierarchy
   * ("0::/path") or it sees only cgroup2 mounts; v1 when it is in v1 hierarchies (a hybrid host's
   * extra "0::" line is ignored); none when it sees no cgroup at all.
   */
  layout: CgroupLayout;
  /** /proc/self/cgroup: controllers ("" for the unified hierarchy) and path. */
  membership: { controllers: string[]; path: string }[];
  /** cgroup mounts seen, with the process's own directory under each (undefined: not shown). */
  mounts: { type: string; mountPoint: string; dir?: string }[];
  /** Requested files found, by name: their lines (the first directory holding one wins). */
  files: Record<string, string[]>;
}

export function parseCgroupView(output: readonly string[]): CgroupView {
  const membership: CgroupView['membership'] = [];
  const mounts: CgroupView['mounts'] = [];
  const files: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of output) {
    if (line.startsWith('= ') || line === '=') {
      current?.push(line.slice(2));
      continue;
    }
    current = undefined;
    const [kind, ...rest] = line.split(' ');
    if (kind === 'cgroup') {
      const text = rest.join(' ');
      const i = text.indexOf(':');
      const j = text.indexOf(':', i + 1);
      if (i < 0 || j < 0) continue;
      const controllers = text.slice(i + 1, j);
      membership.push({ controllers: controllers === '' ? [] : controllers.split(','), path: text.slice(j + 1) });
    } else if (kind === 'mount' && rest.length >= 3) {
      mounts.push({ type: rest[0], mountPoint: rest[1], dir: rest[2] === '?' ? undefined : rest[2] });
    } else if (kind === 'file' && rest.length >= 1) {
      if (files[rest[0]] === undefined) {
        current = [];
        files[rest[0]] = current;
      }
    }
  }
  const v1Membership = membership.some((m) => m.controllers.length > 0);
  const v2Membership = membership.some((m) => m.controllers.length === 0);
  let layout: CgroupLayout;
  if (v1Membership) layout = 'v1';
  else if (v2Membership) layout = 'v2';
  else if (mounts.some((m) => m.type === 'cgroup')) layout = 'v1';
  else if (mounts.some((m) => m.type === 'cgroup2')) layout = 'v2';
  else layout = 'none';
  return { layout, membership, mounts, files };
}

/** The first line of a file the view found, trimmed; undefined when the file was not seen. */
export function firstLine(view: CgroupView, file: string): string | undefined {
  const lines = view.files[file];
  return lines === undefined ? undefined : (lines[0] ?? '').trim();
}

/**
 * The container's cgroup path in the hierarchy that holds `controller` ("" for the unified
 * hierarchy), from /proc/self/cgroup.
 */
export function membershipPath(view: CgroupView, controller: string): string | undefined {
  const m = view.membership.find((x) => (controller === '' ? x.controllers.length === 0 : x.controllers.some((c) => c.replace(/^name=/, '') === controller)));
  return m?.path;
}

// ---- v2 conversions of the v1-shaped config values ---------------------------------------

/**
 * memory.swap.max on cgroup v2 for the config's memory limit and swap: the config's swap is
 * memory plus swap (the v1 memsw meaning), v2 limits swap alone, so the runtime writes their
 * difference; -1 (unlimited) is "max".
 */
export function v2SwapMax(limit: number, swap: number): string {
  if (swap === -1) return 'max';
  return String(swap - limit);
}

/** A v1 byte or count limit as v2 writes it: -1 is "max". */
export function v2Limit(value: number): string {
  return value === -1 ? 'max' : String(value);
}

/** The value of a "<major>:<minor> <value>" line file (v1 blkio.throttle.*) for a device. */
export function deviceValue(lines: readonly string[] | undefined, major: number, minor: number): string | undefined {
  for (const l of lines ?? []) {
    const [dev, value] = l.trim().split(/\s+/);
    if (dev === `${major}:${minor}`) return value;
  }
  return undefined;
}

/** The key=value settings of a device's line in a v2 file such as io.max ("8:0 rbps=1 wbps=max ..."). */
export function deviceSettings(lines: readonly string[] | undefined, major: number, minor: number): Record<string, string> | undefined {
  for (const l of lines ?? []) {
    const [dev, ...kv] = l.trim().split(/\s+/);
    if (dev !== `${major}:${minor}`) continue;
    return Object.fromEntries(kv.map((x) => x.split('=') as [string, string]));
  }
  return undefined;
}

/** Expand a cpu or memory-node list ("0-2,5") to its members, sorted; undefined if malformed. */
export function expandList(list: string): number[] | undefined {
  const out = new Set<number>();
  const text = list.trim();
  if (text === '') return [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return undefined;
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

// ---- what the host offers a native runtime -----------------------------------------------

/**
 * Controllers a runtime on this host can use, from the host's mountinfo (v1 hierarchies: the
 * controllers in each cgroup mount's super options) and, when /sys/fs/cgroup is cgroup2, its
 * cgroup.controllers. A hybrid host's unified mount without controllers adds none.
 */
export function hostControllers(mountinfo: string, rootV2Controllers?: string, procCgroups?: string): { v1: Set<string>; v2: Set<string> } {
  // /proc/cgroups names the kernel's controllers; other super options (xattr, noprefix) are not.
  const known = procCgroups === undefined ? undefined : new Set(procCgroups.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]));
  const v1 = new Set<string>();
  for (const line of mountinfo.split('\n')) {
    const s = line.indexOf(' - ');
    if (s < 0) continue;
    const [type, , opts = ''] = line.slice(s + 3).split(' ');
    if (type !== 'cgroup') continue;
    for (const o of opts.split(',')) if (o !== 'rw' && o !== 'ro' && !o.includes('=') && (!known || known.has(o))) v1.add(o);
  }
  const v2 = new Set((rootV2Controllers ?? '').trim().split(/\s+/).filter(Boolean));
  return { v1, v2 };
}

/** "2MB" → 2097152 (the spec's page sizes use 1024-based prefixes). */
export function pageSizeBytes(size: string): number | undefined {
  const m = /^(\d+)([KMG]?)B$/.exec(size);
  if (!m) return undefined;
  return Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2] as '' | 'K' | 'M' | 'G'];
}

/** A /sys/kernel/mm/hugepages entry ("hugepages-2048kB") as the spec's page size ("2MB"). */
export function hugepageDirToSize(dir: string): string | undefined {
  const m = /^hugepages-(\d+)kB$/.exec(dir);
  if (!m) return undefined;
  let kb = Number(m[1]);
  for (const unit of ['KB', 'MB', 'GB']) {
    if (kb % 1024 !== 0 || unit === 'GB') return `${kb}${unit}`;
    kb /= 1024;
  }
  return undefined;
}
