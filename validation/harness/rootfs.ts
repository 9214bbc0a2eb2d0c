// The test root filesystem, assembled at run time from the host's statically linked busybox
// (Debian: busybox-static). Nothing binary is shipped with the suite.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readSync, copyFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

export class RootfsError extends Error {}

/** Mount point of the per-case results directory inside every container. */
export const RESULTS_MOUNT = '/oci-conformance';

/**
 * An empty directory the mounts cases (validation/cases/config-mounts.ts) mount a tmpfs on: their
 * own mount points are then made in that tmpfs, never in the shared read-only rootfs, and no
 * other case's maskedPaths or readonlyPaths (such as /tmp) covers them.
 */
export const MOUNTS_DIR = '/oci-mounts';

const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox', '/usr/local/bin/busybox'];

/** True when the ELF file has no program interpreter (statically linked). */
export function isStaticElf(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64);
    readSync(fd, head, 0, 64, 0);
    if (head.readUInt32BE(0) !== 0x7f454c46) return false;
    const is64 = head[4] === 2;
    const le = head[5] === 1;
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const phoff = is64 ? Number(le ? head.readBigUInt64LE(32) : head.readBigUInt64BE(32)) : u32(head, 28);
    const phentsize = u16(head, is64 ? 54 : 42);
    const phnum = u16(head, is64 ? 56 : 44);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) {
      if (u32(table, i * phentsize) === 3 /* PT_INTERP */) return false;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

export function findStaticBusybox(): string {
  for (const p of BUSYBOX_CANDIDATES) {
    if (existsSync(p) && isStaticElf(p)) return p;
  }
  const found = BUSYBOX_CANDIDATES.filter((p) => existsSync(p));
  throw new RootfsError(
    found.length
      ? `busybox at ${found.join(', ')} is dynamically linked; install a static one (Debian: apt-get install busybox-static) or pass --rootfs DIR`
      : 'no static busybox found; install it (Debian: apt-get install busybox-static) or pass --rootfs DIR',
  );
}

/**
 * Build a rootfs in `dir`: busybox plus a link per applet, the directories runtimes mount
 * onto, and minimal passwd/group files. Containers use it read-only and share it.
 */
export function buildBusyboxRootfs(dir: string, busybox = findStaticBusybox()): void {
  for (const d of ['bin', 'proc', 'sys', 'dev', 'tmp', 'etc', 'root', 'var', RESULTS_MOUNT.slice(1), MOUNTS_DIR.slice(1)]) {
    mkdirSync(join(dir, d), { recursive: true });
  }
  chmodSync(join(dir, 'tmp'), 0o1777);
  copyFileSync(busybox, join(dir, 'bin/busybox'));
  chmodSync(join(dir, 'bin/busybox'), 0o755);
  let applets: string[];
  try {
    applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch (e) {
    throw new RootfsError(`cannot list busybox applets: ${(e as Error).message}`);
  }
  // Hard links to the rootfs's own copy of busybox, not symlinks: ~270 symlinks cost 35-130 ms
  // of every run's start on ext4 here (an inode each), hard links 3-5 ms (measured). A
  // filesystem that refuses hard links gets symlinks.
  const target = join(dir, 'bin/busybox');
  let link = (name: string) => linkSync(target, name);
  for (const a of applets) {
    if (a === 'busybox' || a.includes('/')) continue;
    const name = join(dir, 'bin', a);
    try {
      link(name);
    } catch {
      link = (n: string) => symlinkSync('busybox', n);
      link(name);
    }
  }
  writeFileSync(join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  writeFileSync(join(dir, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
}

/** A user-supplied rootfs must at least have a shell for the scenario programs. */
export function checkUserRootfs(dir: string): void {
  if (!existsSync(dir)) throw new RootfsError(`--rootfs ${dir} does not exist`);
  if (!existsSync(join(dir, 'bin/sh'))) throw new RootfsError(`--rootfs ${dir} has no /bin/sh`);
}
