// Which Linux namespace a sysctl key belongs to, for the keys that are namespaced at all.
// net.* lives in the network namespace; the System V IPC and POSIX message-queue keys in the
// IPC namespace; kernel.hostname and kernel.domainname in the UTS namespace.
const IPC_KEYS: ReadonlySet<string> = new Set([
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
]);
const UTS_KEYS: ReadonlySet<string> = new Set(['kernel.hostname', 'kernel.domainname']);

/** The namespace type ("network", "ipc", "uts") a sysctl key needs, or undefined when not namespaced here. */
export function sysctlNamespace(key: string): 'network' | 'ipc' | 'uts' | undefined {
  // Keys may also be written with slashes (net/ipv4/ip_forward), as sysctl(8) accepts.
  const k = key.includes('/') ? key.replace(/\//g, '.') : key;
  if (k.startsWith('net.')) return 'network';
  if (k.startsWith('fs.mqueue.') || IPC_KEYS.has(k)) return 'ipc';
  if (UTS_KEYS.has(k)) return 'uts';
  return undefined;
}
