// What a report records about where it came from: the runtime binary's digest, the host, the
// suite's catalogue and checkout. Read once per run; renderers only ever see the model.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, createReadStream, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { machine, release, type, version } from 'node:os';
import type { Report, RuntimeBinary } from './model.js';
import { packageRoot } from '../schema/package-root.js';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An element of a command resolved like a shell would: a path as is, a bare name on PATH. */
export function resolveExecutable(element: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  if (element === '' || /\s/.test(element)) return undefined;
  if (element.includes('/')) return isExecutableFile(element) ? (isAbsolute(element) ? element : join(process.cwd(), element)) : undefined;
  for (const dir of pathEnv.split(':')) {
    if (dir && isExecutableFile(join(dir, element))) return join(dir, element);
  }
  return undefined;
}

/**
 * The executable that identifies the runtime: the last element of its command that resolves to
 * an executable file. For `runc` that is runc itself; for a wrapper such as
 * `unshare -m sh -c '… exec crun "$@"' crun` it is crun, the program the wrapper ends in.
 */
export function runtimeBinary(command: readonly string[], pathEnv?: string): { binary?: RuntimeBinary; error?: string } {
  const key = JSON.stringify([command, pathEnv ?? process.env.PATH ?? '']);
  const ahead = binaryAhead.get(key);
  if (ahead) {
    binaryAhead.delete(key);
    return ahead;
  }
  for (let i = command.length - 1; i >= 0; i--) {
    const path = resolveExecutable(command[i], pathEnv);
    if (!path) continue;
    try {
      const realPath = realpathSync(path);
      const data = readFileSync(realPath);
      return { binary: { element: command[i], commandIndex: i, path, realPath, sha256: sha256(data), size: data.length } };
    } catch (e) {
      return { error: `cannot read ${path} to hash it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }
  return { error: `no element of the command ${JSON.stringify(command)} resolves to an executable file` };
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The environment fields the runner does not already read, with the raw text they came from. */
export function captureEnvironment(isolation: Report['environment']['isolation']): Omit<Report['environment'], 'kernel' | 'arch' | 'cgroupMode' | 'root'> {
  const captures: Record<string, string> = {};
  captures['uname'] = `${type()} ${release()} ${version()} ${machine()}`;
  const osRelease = readOr('/etc/os-release');
  if (osRelease !== undefined) captures['os-release'] = osRelease;
  const lsm = readOr('/sys/kernel/security/lsm');
  if (lsm !== undefined) captures['lsm'] = lsm;
  const uidMap = readOr('/proc/self/uid_map');
  if (uidMap !== undefined) captures['uid-map'] = uidMap;
  const mountinfo = readOr('/proc/self/mountinfo');
  if (mountinfo !== undefined) {
    captures['cgroup-mounts'] = mountinfo
      .split('\n')
      .filter((l) => / - cgroup2? /.test(l))
      .join('\n');
  }
  const distro = osRelease && /^PRETTY_NAME=(.*)$/m.exec(osRelease)?.[1]?.replace(/^"(.*)"$/, '$1');
  const uid = process.getuid?.() ?? -1;
  // The initial user namespace maps the whole 32-bit range onto itself.
  const fullMap = uidMap !== undefined && /^\s*0\s+0\s+4294967295\s*$/.test(uidMap.trim());
  return {
    ...(distro ? { distro } : {}),
    ...(lsm !== undefined ? { lsms: lsm.trim().split(',').filter(Boolean) } : {}),
    rootless: uid !== 0 || (uidMap !== undefined && !fullMap),
    isolation,
    captures,
  };
}

/** The catalogue fields a digest covers: what a test is and what it cites, not how it runs. */
export interface CatalogueEntryLike {
  id: string;
  revision: number;
  requirements: readonly string[];
  since?: string;
  until?: string;
}

/**
 * sha256 of the test catalogue: IDs, revisions, requirement IDs and version ranges, in catalogue
 * order (the order tests run and shards are cut in). Two suites with the same digest run the
 * same tests with the same meaning.
 */
export function catalogueDigest(cases: readonly CatalogueEntryLike[]): string {
  const canonical = cases.map((c) => [c.id, c.revision, [...c.requirements], c.since ?? null, c.until ?? null]);
  return sha256(JSON.stringify(canonical));
}

/** The suite's git commit and dirty flag when it runs from a checkout; nothing otherwise. */
export function suiteCheckout(): { commit?: string; treeDirty?: boolean } {
  if (checkoutAhead) {
    const r = checkoutAhead;
    checkoutAhead = undefined;
    return r;
  }
  const git = (args: string[]) => spawnSync('git', ['-C', packageRoot, ...args], { encoding: 'utf8', timeout: 10_000 });
  const head = git(['rev-parse', 'HEAD']);
  if (head.status !== 0 || !/^[0-9a-f]{40}$/.test(head.stdout.trim())) return {};
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return { commit: head.stdout.trim(), ...(status.status === 0 ? { treeDirty: status.stdout.trim() !== '' } : {}) };
}

/** Answers prefetchProvenance computed ahead; each is used once, by the next call that asks. */
let checkoutAhead: { commit?: string; treeDirty?: boolean } | undefined;
const binaryAhead = new Map<string, { binary?: RuntimeBinary; error?: string }>();

/**
 * Start computing what runtimeBinary(command) and suiteCheckout() will be asked at the end of a
 * run (hashing the runtime binary, two git calls: ~80 ms, measured), in the background while
 * the cases run; the functions return these answers when they are ready and compute their own
 * otherwise. The digest is then that of the binary as the run began.
 */
export function prefetchProvenance(command: readonly string[]): void {
  const git = (args: string[], done: (ok: boolean, stdout: string) => void) =>
    execFile('git', ['-C', packageRoot, ...args], { encoding: 'utf8', timeout: 10_000 }, (err, stdout) => done(!err, stdout));
  git(['rev-parse', 'HEAD'], (ok, head) => {
    if (!ok || !/^[0-9a-f]{40}$/.test(head.trim())) {
      checkoutAhead = {};
      return;
    }
    git(['status', '--porcelain', '--untracked-files=no'], (ok2, status) => {
      checkoutAhead = { commit: head.trim(), ...(ok2 ? { treeDirty: status.trim() !== '' } : {}) };
    });
  });
  const key = JSON.stringify([command, process.env.PATH ?? '']);
  for (let i = command.length - 1; i >= 0; i--) {
    const path = resolveExecutable(command[i]);
    if (!path) continue;
    let realPath: string;
    try {
      realPath = realpathSync(path);
    } catch {
      return; // runtimeBinary reports it
    }
    const hash = createHash('sha256');
    let size = 0;
    createReadStream(realPath)
      .on('data', (chunk) => {
        hash.update(chunk);
        size += chunk.length;
      })
      .on('error', () => undefined) // runtimeBinary reads it again and reports the error
      .on('end', () => binaryAhead.set(key, { binary: { element: command[i], commandIndex: i, path, realPath, sha256: hash.digest('hex'), size } }));
    return;
  }
}

/**
 * The class of host a report ran on: what must be equal for shard results to be joined. Kernel
 * release, distribution, architecture, cgroup mode, LSMs, privileges and isolation — not times,
 * not host names.
 */
export function environmentClass(env: Report['environment']): string {
  return sha256(
    JSON.stringify([env.kernel, env.distro ?? null, env.arch, env.cgroupMode, env.lsms ?? null, env.root, env.rootless, env.isolation]),
  );
}
