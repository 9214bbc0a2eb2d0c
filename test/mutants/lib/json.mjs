// JSON editing for the mutant wrappers (they are POSIX sh; node is what the suite needs anyway).
//   node json.mjs edit FILE 'JS'   run JS with `c` bound to the document, write it back
//   node json.mjs filter 'JS'      the same, stdin to stdout
//   node json.mjs get FILE 'EXPR'  print EXPR of `c`: strings raw, anything else as JSON
// JS may mutate `c` or return a replacement; `h` holds helpers for hook lists and the capability
// and rlimit names Linux has.
import { readFileSync, writeFileSync } from 'node:fs';

const h = {
  /** Capability names the kernel has (capabilities(7), up to Linux 5.9's CAP_CHECKPOINT_RESTORE). */
  capabilities: ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
    'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE',
    'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE',
    'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF',
    'CHECKPOINT_RESTORE'].map((x) => `CAP_${x}`),
  /** rlimit types Linux has (getrlimit(2)). */
  rlimits: ['AS', 'CORE', 'CPU', 'DATA', 'FSIZE', 'LOCKS', 'MEMLOCK', 'MSGQUEUE', 'NICE', 'NOFILE', 'NPROC', 'RSS', 'RTPRIO', 'RTTIME',
    'SIGPENDING', 'STACK'].map((x) => `RLIMIT_${x}`),
  /** Every hook of the config, with its kind: [kind, hook, index]. */
  all(c) {
    return Object.entries(c.hooks ?? {}).flatMap(([k, list]) => (Array.isArray(list) ? list.map((x, i) => [k, x, i]) : []));
  },
  /** Remove and return the hooks of one kind. */
  take(c, kind) {
    const list = c.hooks?.[kind] ?? [];
    if (c.hooks) delete c.hooks[kind];
    return list;
  },
  /** Append (or prepend) hooks to a kind. */
  add(c, kind, list, front = false) {
    if (!list.length) return;
    c.hooks ??= {};
    c.hooks[kind] = front ? [...list, ...(c.hooks[kind] ?? [])] : [...(c.hooks[kind] ?? []), ...list];
  },
  /** A hook that runs `script` with /bin/sh, the original hook's path and args after it. */
  /** Write a value as JSON to a file (to take something out of a config and keep it). */
  write(path, value) {
    writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
  },
  /** Write a string to a file as it is. */
  text(path, value) {
    writeFileSync(path, String(value) + '\n');
  },
  wrap(hook, script) {
    const args = hook.args?.length ? hook.args.slice(1) : [];
    return { ...hook, path: '/bin/sh', args: ['sh', '-c', script, hook.path, ...args] };
  },
};

function apply(c, body) {
  const r = new Function('c', 'h', body)(c, h);
  return r === undefined ? c : r;
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'edit') {
  const c = JSON.parse(readFileSync(a, 'utf8'));
  writeFileSync(a, JSON.stringify(apply(c, b), null, 2) + '\n');
} else if (mode === 'filter') {
  const c = JSON.parse(readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(apply(c, a), null, 2) + '\n');
} else if (mode === 'get') {
  const c = JSON.parse(readFileSync(a, 'utf8'));
  const v = new Function('c', 'h', `return (${b});`)(c, h);
  if (v !== undefined) process.stdout.write((typeof v === 'string' ? v : JSON.stringify(v)) + '\n');
} else {
  process.stderr.write('usage: json.mjs edit FILE JS | filter JS | get FILE EXPR\n');
  process.exit(2);
}
