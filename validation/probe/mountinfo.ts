// /proc/<pid>/mountinfo lines (proc(5)) as records. Pure, so it is unit-tested on recorded output.
//
//   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//   (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)

export interface MountRecord {
  id: number;
  parent: number;
  /** The path of the mount's root within its filesystem (field 4), unescaped. */
  root: string;
  /** Where it is mounted, relative to the process's root (field 5), unescaped. */
  mountPoint: string;
  /** Per-mount options (field 6): ro/rw, nosuid, nodev, noexec, the atime flags, idmapped. */
  options: string[];
  /** Optional fields (7): shared:N, master:N, propagate_from:N, unbindable. */
  optional: string[];
  fstype: string;
  source: string;
  /** Superblock options (field 11): the filesystem's data, e.g. size=1024k, mode=710. */
  superOptions: string[];
  /** Position in the file (0-based): the kernel lists a namespace's mounts in the order they were made. */
  index: number;
}

/** The kernel escapes space, tab, newline and backslash in paths as octal \ooo. */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Records of the lines that parse; a malformed line is left out (gVisor's have quirks). */
export function parseMountinfo(lines: readonly string[]): MountRecord[] {
  const out: MountRecord[] = [];
  for (const [index, line] of lines.entries()) {
    const f = line.trim().split(/\s+/);
    const sep = f.indexOf('-', 6);
    if (f.length < 7 || sep < 0 || f.length < sep + 3) continue;
    const id = Number(f[0]);
    const parent = Number(f[1]);
    if (!Number.isInteger(id) || !Number.isInteger(parent)) continue;
    out.push({
      id,
      parent,
      root: unescape(f[3]),
      mountPoint: unescape(f[4]),
      // gVisor prints ",noatime" for a read-write noatime mount: empty items are dropped.
      options: f[5].split(',').filter(Boolean),
      optional: f.slice(6, sep),
      fstype: f[sep + 1],
      source: unescape(f[sep + 2]),
      superOptions: (f[sep + 3] ?? '').split(',').filter(Boolean),
      index,
    });
  }
  return out;
}

/** Every mount at `path`, in mountinfo order (the last one listed is normally the one on top). */
export function mountsAt(records: readonly MountRecord[], path: string): MountRecord[] {
  return records.filter((r) => r.mountPoint === path);
}

/**
 * The mount visible at `path`: among the mounts there, the one no other mount at the same path
 * is stacked on (its id is no other's parent). undefined when nothing is mounted there.
 */
export function topMountAt(records: readonly MountRecord[], path: string): MountRecord | undefined {
  const here = mountsAt(records, path);
  const top = here.filter((r) => !here.some((o) => o !== r && o.parent === r.id));
  return top[top.length - 1];
}

/** The propagation type as the optional fields show it. */
export function propagationOf(r: MountRecord): { shared: boolean; slave: boolean; unbindable: boolean } {
  return {
    shared: r.optional.some((o) => o.startsWith('shared:')),
    slave: r.optional.some((o) => o.startsWith('master:')),
    unbindable: r.optional.includes('unbindable'),
  };
}
