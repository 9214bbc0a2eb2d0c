// Running one external command with a deadline. The command gets its own process group so
// that on expiry (or interruption) the whole group dies, not just the direct child: a runtime
// that forks helpers and hangs must never hang the suite.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { closeSync, openSync } from 'node:fs';

export interface Invocation {
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  /** Set when the command could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
  stdout: string;
  stderr: string;
}

export interface InvokeOptions {
  timeoutMs: number;
  /** Write the child's stdout/stderr to these files instead of pipes (see create: the container inherits them). */
  stdoutFile?: string;
  stderrFile?: string;
  /** Aborting kills the process group at once. */
  signal?: AbortSignal;
  env?: Record<string, string>;
  cwd?: string;
  input?: string;
}

/** Process groups still running, so an interrupted suite can kill them all. */
const liveGroups = new Set<number>();

export function killAllGroups(): void {
  for (const pgid of liveGroups) killGroup(pgid);
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const MAX_CAPTURE = 1 << 20;

export async function invoke(argv: string[], opts: InvokeOptions): Promise<Invocation> {
  const started = performance.now();
  const [file, ...args] = argv;
  // Raw file descriptors, not pipes: whatever the command leaves running (a container's init)
  // inherits them, and a pipe would keep us waiting for its EOF until the container exits.
  const outFd = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : undefined;
  const errFd = opts.stderrFile ? openSync(opts.stderrFile, 'w') : undefined;
  const child = execa(file, args, {
    detached: true,
    reject: false,
    stdin: opts.input === undefined ? 'ignore' : 'pipe',
    input: opts.input,
    // execa accepts an fd number here; the cast only keeps its result typed as captured text.
    stdout: (outFd ?? 'pipe') as 'pipe',
    stderr: (errFd ?? 'pipe') as 'pipe',
    env: opts.env,
    extendEnv: true,
    cwd: opts.cwd,
    maxBuffer: MAX_CAPTURE,
    stripFinalNewline: false,
    encoding: 'utf8',
  });
  if (outFd !== undefined) closeSync(outFd);
  if (errFd !== undefined) closeSync(errFd);
  const pgid = child.pid;
  let timedOut = false;
  const expire = () => {
    timedOut = true;
    if (pgid) killGroup(pgid);
  };
  const timer = setTimeout(expire, opts.timeoutMs);
  const onAbort = () => pgid && killGroup(pgid);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (pgid) liveGroups.add(pgid);
  try {
    const r = await child;
    const spawnFailed = r.failed && r.exitCode === undefined && !r.signal && !timedOut;
    return {
      argv,
      exitCode: r.exitCode ?? null,
      signal: r.signal ?? null,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      timedOut,
      spawnError: spawnFailed ? (r.originalMessage ?? r.shortMessage) : undefined,
      stdout: opts.stdoutFile ? await readCapped(opts.stdoutFile) : String(r.stdout ?? ''),
      stderr: opts.stderrFile ? await readCapped(opts.stderrFile) : String(r.stderr ?? ''),
    };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if (pgid) liveGroups.delete(pgid);
  }
}

async function readCapped(path: string): Promise<string> {
  try {
    const b = await readFile(path);
    return b.subarray(0, MAX_CAPTURE).toString('utf8');
  } catch {
    return '';
  }
}

/** The last lines of a captured stream, for evidence in reports. */
export function tail(text: string, maxChars = 2000): string {
  return text.length <= maxChars ? text : '…' + text.slice(text.length - maxChars);
}
