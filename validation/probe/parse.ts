// Parsing the probe's output (validation/probe/probe.sh) into facts. Pure: text in, facts out,
// so it is unit-tested on recorded output from real runtimes.

export const PROBE_FORMAT = 2;

export interface PathFact {
  exists: boolean;
  kind: 'dir' | 'file';
  /** Entries of a directory, or bytes readable from a file (up to 64). */
  content: number;
  writable: boolean;
}

/** The answer to an `ask` question: the command's output lines and exit status. */
export interface Answer {
  output: string[];
  exit: number;
}

export interface ProbeFacts {
  args: string[];
  environ: string[];
  cwd: string;
  /** Octal text as `umask` prints it, e.g. "0022". */
  umask: string;
  /** /proc/<pid>/status as key → value. */
  status: Record<string, string>;
  /** /proc/<pid>/limits by resource name ("Max open files") → [soft, hard], "unlimited" kept as text. */
  limits: Record<string, [string, string]>;
  /** The shell's `ulimit` view: nofile and nproc → [soft, hard]. */
  ulimit: Record<string, [string, string]>;
  oomScoreAdj?: number;
  uidMap: string[];
  gidMap: string[];
  mountinfo: string[];
  hostname: string;
  /** Namespace links by type, e.g. net → "net:[4026531840]"; "" where unreadable. */
  ns: Record<string, string>;
  rootWritable: boolean;
  paths: Record<string, PathFact>;
  /** Answers to the host's `ask` questions, by question name. */
  answers: Record<string, Answer>;
}

export class ProbeParseError extends Error {}

function sections(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  if (lines[0] !== `@probe ${PROBE_FORMAT}`) {
    throw new ProbeParseError(`not probe output of format ${PROBE_FORMAT} (first line: ${JSON.stringify(lines[0]?.slice(0, 40))})`);
  }
  if (!lines.includes('@end')) throw new ProbeParseError('probe output is truncated (no @end)');
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(1)) {
    if (line === '@end') break;
    // Output of asked commands is prefixed with "|", so it can never start a section.
    if (line.startsWith('@')) {
      current = [];
      out.set(line.slice(1), current);
    } else current?.push(line);
  }
  return out;
}

function nonEmpty(lines: string[] | undefined): string[] {
  return (lines ?? []).filter((l) => l !== '');
}

export function parseProbe(text: string): ProbeFacts {
  const s = sections(text);
  const status: Record<string, string> = {};
  for (const l of s.get('file status') ?? []) {
    const i = l.indexOf(':');
    if (i > 0) status[l.slice(0, i)] = l.slice(i + 1).trim();
  }
  const limits: Record<string, [string, string]> = {};
  for (const l of (s.get('file limits') ?? []).slice(1)) {
    // "Max open files            1024                 1024                 files"
    const m = /^(.+?)\s{2,}(\S+)\s+(\S+)/.exec(l);
    if (m) limits[m[1].trim()] = [m[2], m[3]];
  }
  const ulimit: Record<string, [string, string]> = {};
  for (const l of nonEmpty(s.get('ulimit'))) {
    const [name, soft, hard] = l.split(' ');
    if (name && soft && hard) ulimit[name] = [soft, hard];
  }
  const ns: Record<string, string> = {};
  for (const l of nonEmpty(s.get('ns'))) {
    const [type, link = ''] = l.split(' ');
    ns[type] = link;
  }
  const paths: Record<string, PathFact> = {};
  for (const l of nonEmpty(s.get('paths'))) {
    const m = /^(.*) exists=(yes|no) kind=(dir|file) content=(\d+) writable=(yes|no)$/.exec(l);
    if (m) paths[m[1]] = { exists: m[2] === 'yes', kind: m[3] as 'dir' | 'file', content: Number(m[4]), writable: m[5] === 'yes' };
  }
  const answers: Record<string, Answer> = {};
  for (const [name, lines] of s) {
    if (!name.startsWith('ask ')) continue;
    const last = lines.filter((l) => l !== '').pop() ?? '';
    const m = /^exit (\d+)$/.exec(last);
    // An answer without its exit line was cut short (the probe was killed mid-command).
    if (!m) throw new ProbeParseError(`answer to ${name.slice(4)} has no exit status`);
    answers[name.slice(4)] = { output: lines.filter((l) => l.startsWith('|')).map((l) => l.slice(1)), exit: Number(m[1]) };
  }
  const oom = nonEmpty(s.get('file oom_score_adj'))[0];
  return {
    args: nonEmpty(s.get('args')),
    environ: nonEmpty(s.get('environ')),
    cwd: nonEmpty(s.get('cwd'))[0] ?? '',
    umask: nonEmpty(s.get('umask'))[0] ?? '',
    status,
    limits,
    ulimit,
    oomScoreAdj: oom === undefined ? undefined : Number(oom),
    uidMap: nonEmpty(s.get('file uid_map')).map((l) => l.trim().split(/\s+/).join(' ')),
    gidMap: nonEmpty(s.get('file gid_map')).map((l) => l.trim().split(/\s+/).join(' ')),
    mountinfo: nonEmpty(s.get('file mountinfo')),
    hostname: nonEmpty(s.get('hostname'))[0] ?? '',
    ns,
    rootWritable: nonEmpty(s.get('root-writable'))[0] === 'yes',
    paths,
    answers,
  };
}

/** Linux capability numbers (capabilities(7)), for decoding the Cap* masks of /proc/<pid>/status. */
export const CAPABILITY_BITS: Record<string, number> = {
  CAP_CHOWN: 0, CAP_DAC_OVERRIDE: 1, CAP_DAC_READ_SEARCH: 2, CAP_FOWNER: 3, CAP_FSETID: 4, CAP_KILL: 5,
  CAP_SETGID: 6, CAP_SETUID: 7, CAP_SETPCAP: 8, CAP_LINUX_IMMUTABLE: 9, CAP_NET_BIND_SERVICE: 10,
  CAP_NET_BROADCAST: 11, CAP_NET_ADMIN: 12, CAP_NET_RAW: 13, CAP_IPC_LOCK: 14, CAP_IPC_OWNER: 15,
  CAP_SYS_MODULE: 16, CAP_SYS_RAWIO: 17, CAP_SYS_CHROOT: 18, CAP_SYS_PTRACE: 19, CAP_SYS_PACCT: 20,
  CAP_SYS_ADMIN: 21, CAP_SYS_BOOT: 22, CAP_SYS_NICE: 23, CAP_SYS_RESOURCE: 24, CAP_SYS_TIME: 25,
  CAP_SYS_TTY_CONFIG: 26, CAP_MKNOD: 27, CAP_LEASE: 28, CAP_AUDIT_WRITE: 29, CAP_AUDIT_CONTROL: 30,
  CAP_SETFCAP: 31, CAP_MAC_OVERRIDE: 32, CAP_MAC_ADMIN: 33, CAP_SYSLOG: 34, CAP_WAKE_ALARM: 35,
  CAP_BLOCK_SUSPEND: 36, CAP_AUDIT_READ: 37, CAP_PERFMON: 38, CAP_BPF: 39, CAP_CHECKPOINT_RESTORE: 40,
};

/** Capability names set in a /proc status mask such as "00000000a80425fb". */
export function decodeCapabilities(hex: string): string[] {
  const mask = BigInt(`0x${hex || '0'}`);
  return Object.entries(CAPABILITY_BITS)
    .filter(([, bit]) => (mask >> BigInt(bit)) & 1n)
    .map(([name]) => name)
    .sort();
}
