// Running one external command with a deadline. The command gets its own process group so
// that on expiry (or interruption) the whole group dies, not just the direct child: a runtime
// that forks helpers and hangs must never hang the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { closeSync, openSync } from 'node:fs';
import { round, trace } from './trace.js';

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
  /** The environment to start from (default: process.env), and what to add to it. */
  baseEnv?: NodeJS.ProcessEnv;
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
/** After the command exits, how long its output pipes may stay open (held by a forked daemon). */
const PIPE_GRACE_MS = 200;

/** Collect at most MAX_CAPTURE bytes of a stream. */
function capture(stream: Readable | null): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream?.on('data', (b: Buffer) => {
    if (size < MAX_CAPTURE) chunks.push(b.subarray(0, MAX_CAPTURE - size));
    size += b.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

export async function invoke(argv: string[], opts: InvokeOptions): Promise<Invocation> {
  const started = performance.now();
  const [file, ...args] = argv;
  // Raw file descriptors, not pipes: whatever the command leaves running (a container's init)
  // inherits them, and a pipe would keep us waiting for its EOF until the container exits.
  const outFd = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : undefined;
  const errFd = opts.stderrFile ? openSync(opts.stderrFile, 'w') : undefined;
  let child: ChildProcess;
  try {
    // node:child_process rather than execa: execa's import alone costs a few hundred ms per CLI
    // start and ~2.5 ms per call (measured), a tenth of a typical run.
    child = spawn(file, args, {
      detached: true, // its own process group, so a timeout can kill everything it started
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', outFd ?? 'pipe', errFd ?? 'pipe'],
      env: opts.env ? { ...(opts.baseEnv ?? process.env), ...opts.env } : (opts.baseEnv ?? process.env),
      cwd: opts.cwd,
    });
  } finally {
    if (outFd !== undefined) closeSync(outFd);
    if (errFd !== undefined) closeSync(errFd);
  }
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr);
  if (opts.input !== undefined) child.stdin?.end(opts.input);
  child.stdin?.on('error', () => undefined); // a command that does not read its input is fine

  const pgid = child.pid;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pgid) killGroup(pgid);
  }, opts.timeoutMs);
  const onAbort = () => pgid && killGroup(pgid);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (pgid) liveGroups.add(pgid);

  const outcome = await new Promise<{ code: number | null; signal: string | null; spawnError?: string }>((resolve) => {
    let grace: NodeJS.Timeout | undefined;
    child.once('error', (e) => resolve({ code: null, signal: null, spawnError: `spawn ${file} ${(e as NodeJS.ErrnoException).code ?? e.message}` }));
    child.once('exit', (code, signal) => {
      grace = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        resolve({ code, signal });
      }, PIPE_GRACE_MS);
    });
    child.once('close', (code, signal) => {
      clearTimeout(grace);
      resolve({ code, signal });
    });
  });
  clearTimeout(timer);
  opts.signal?.removeEventListener('abort', onAbort);
  if (pgid) liveGroups.delete(pgid);
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  trace({ kind: 'call', argv, t: round(started), ms: durationMs });
  return {
    argv,
    exitCode: outcome.code,
    signal: outcome.signal,
    durationMs,
    timedOut,
    ...(outcome.spawnError ? { spawnError: outcome.spawnError } : {}),
    stdout: opts.stdoutFile ? await readCapped(opts.stdoutFile) : stdout(),
    stderr: opts.stderrFile ? await readCapped(opts.stderrFile) : stderr(),
  };
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
