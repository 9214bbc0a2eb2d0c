// Bundles for test cases: a generated config.json for the target spec version, pointing at the
// shared read-only rootfs, with the case's results directory bind-mounted at RESULTS_MOUNT.
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_MOUNT } from './rootfs.js';
import type { SpecVersion } from '../../schema/versions.js';

export type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Bundle {
  dir: string;
  configPath: string;
  /** Host path of the directory the container sees at RESULTS_MOUNT. */
  results: string;
  config: Config;
}

const DEFAULT_CAPS = ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'];

/** A minimal Linux config valid at `version`, running `args` in the busybox rootfs. */
export function baseConfig(version: SpecVersion, rootfs: string, results: string, args: string[]): Config {
  return {
    ociVersion: version,
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args,
      env: ['PATH=/bin:/usr/bin:/sbin:/usr/sbin', 'HOME=/root'],
      cwd: '/',
      capabilities: {
        bounding: DEFAULT_CAPS,
        effective: DEFAULT_CAPS,
        permitted: DEFAULT_CAPS,
      },
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
    },
    root: { path: rootfs, readonly: true },
    hostname: 'oci-conformance',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620'] },
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
      { destination: '/tmp', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'mode=1777'] },
      { destination: RESULTS_MOUNT, type: 'bind', source: results, options: ['rbind', 'rw'] },
    ],
    linux: {
      namespaces: [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'network' }],
    },
  };
}

/** Write a bundle under `dir`: config.json plus an empty, world-writable results directory. */
export function writeBundle(dir: string, config: Config, results: string): Bundle {
  mkdirSync(dir, { recursive: true });
  mkdirSync(results, { recursive: true });
  chmodSync(results, 0o777);
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n');
  return { dir, configPath, results, config };
}

/** Quote a string for a POSIX shell. */
export function sh(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
