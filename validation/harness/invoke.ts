// Running one external command with a deadline. The command gets its own process group so
// that on expiry (or interruption) the whole group dies, not just the direct child: a runtime
// that forks helpers and hangs must never hang the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { closeSync, fstatSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { SpawnHelper } from './spawn-helper.js';
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
  /**
   * Start the command through this helper (spawn-helper.ts) while it is usable, for a call
   * without env, cwd or input. Output then goes to files: stdoutFile and stderrFile, or files
   * in scratchDir removed once read (without either, node starts the command itself).
   */
  helper?: SpawnHelper;
  scratchDir?: string;
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
/**
 * Output written to a file is not drained by us: a command that writes more than this to stdout
 * or stderr (a runtime printing garbage without end) has its process group killed, so it cannot
 * fill the disk until its deadline (watchOutput).
 */
export const OUTPUT_LIMIT = 16 << 20;
const OUTPUT_CHECK_MS = 50;
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
  if (opts.helper?.usable && opts.env === undefined && opts.cwd === undefined && opts.input === undefined && (opts.scratchDir || (opts.stdoutFile && opts.stderrFile))) {
    return invokeThroughHelper(argv, opts, opts.helper);
  }
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

  const guard = guardCall(opts, { stdout: opts.stdoutFile, stderr: opts.stderrFile });
  if (child.pid) guard.running(child.pid);

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
  guard.end();
  return finish(argv, started, outcome, guard.timedOut, () => [
    opts.stdoutFile ? readHead(opts.stdoutFile) : stdout(),
    (opts.stderrFile ? readHead(opts.stderrFile) : stderr()) + guard.note(),
  ]);
}

/**
 * What bounds a call, whichever way it was started: its deadline, an interruption (`signal`) and
 * the output limit all kill its process group, once `running` has told which that is (a kill
 * asked for earlier happens then). `onStuck`: what to do at the deadline if it never ran.
 */
function guardCall(opts: InvokeOptions, files: { stdout?: string; stderr?: string }, onStuck?: () => void) {
  let pgid: number | undefined;
  let timedOut = false;
  const kill = () => pgid !== undefined && killGroup(pgid);
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
    if (pgid === undefined) onStuck?.();
  }, opts.timeoutMs);
  opts.signal?.addEventListener('abort', kill, { once: true });
  const limit = watchOutput(files, kill);
  return {
    running(pid: number) {
      pgid = pid;
      liveGroups.add(pid);
      if (timedOut || opts.signal?.aborted) kill();
    },
    get timedOut() {
      return timedOut;
    },
    /** The call has ended: nothing bounds it any more. Returns its process group, if it had one. */
    end(): number | undefined {
      clearTimeout(timer);
      limit.stop();
      opts.signal?.removeEventListener('abort', kill);
      if (pgid !== undefined) liveGroups.delete(pgid);
      return pgid;
    },
    note: limit.note,
  };
}

/** The record of an ended call, timed before its output is read (`output`: stdout, stderr). */
function finish(argv: string[], started: number, outcome: { code: number | null; signal: string | null; spawnError?: string }, timedOut: boolean, output: () => [string, string]): Invocation {
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  trace({ kind: 'call', argv, t: round(started), ms: durationMs });
  const [stdout, stderr] = output();
  return {
    argv,
    exitCode: outcome.code,
    signal: outcome.signal,
    durationMs,
    timedOut,
    ...(outcome.spawnError ? { spawnError: outcome.spawnError } : {}),
    stdout,
    stderr,
  };
}

/**
 * While a command runs, the size of the files its output goes to, checked a few times a second:
 * past OUTPUT_LIMIT, `kill` is called. `note()` is then the line the evidence gets ('' before).
 */
function watchOutput(files: { stdout?: string; stderr?: string }, kill: () => void): { stop(): void; note(): string } {
  const watched = Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined);
  if (!watched.length) return { stop: () => undefined, note: () => '' };
  let over: string | undefined;
  const check = setInterval(() => {
    for (const [stream, path] of watched) {
      try {
        if (statSync(path).size > OUTPUT_LIMIT) {
          over ??= stream;
          kill();
        }
      } catch {
        // Gone (a case removed it) or not there yet: nothing to hold against the command.
      }
    }
  }, OUTPUT_CHECK_MS);
  return {
    stop: () => clearInterval(check),
    note: () => (over ? `\n[oci-conformance: the command wrote more than ${OUTPUT_LIMIT} bytes to ${over}; its process group was killed]\n` : ''),
  };
}

let scratchFiles = 0;

/** invoke() for a command the helper starts; what is recorded is what node's own spawn records. */
async function invokeThroughHelper(argv: string[], opts: InvokeOptions, helper: SpawnHelper): Promise<Invocation> {
  const started = performance.now();
  const n = scratchFiles++;
  const stdoutFile = opts.stdoutFile ?? join(opts.scratchDir!, `${n}.out`);
  const stderrFile = opts.stderrFile ?? join(opts.scratchDir!, `${n}.err`);
  // No pid by the deadline: the helper is stuck; ending it ends this call (and any other).
  const guard = guardCall(opts, { stdout: stdoutFile, stderr: stderrFile }, () => helper.terminate());
  const outcome = await helper.run(argv, stdoutFile, stderrFile, (pid) => guard.running(pid));
  const pgid = guard.end();
  // The helper died while the command ran: nobody can wait for it now; it must not outlive the call.
  if (pgid !== undefined && outcome.spawnError) killGroup(pgid);
  if (outcome.notStarted) return invoke(argv, { ...opts, helper: undefined });
  if (outcome.openError) throw outcome.openError; // as node's openSync before spawn throws it
  return finish(argv, started, outcome, guard.timedOut, () => {
    const output: [string, string] = [readHead(stdoutFile), readHead(stderrFile) + guard.note()];
    if (opts.stdoutFile === undefined) removeQuietly(stdoutFile);
    if (opts.stderrFile === undefined) removeQuietly(stderrFile);
    return output;
  });
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never created (the command did not start).
  }
}

/** The first MAX_CAPTURE bytes of a file as text ('' when there is no file). */
function readHead(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = Math.min(fstatSync(fd).size, MAX_CAPTURE);
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    let r: number;
    while (got < size && (r = readSync(fd, buf, got, size - got, null)) > 0) got += r;
    return buf.toString('utf8', 0, got);
  } finally {
    closeSync(fd);
  }
}

/** The last lines of a captured stream, for evidence in reports. */
export function tail(text: string, maxChars = 2000): string {
  return text.length <= maxChars ? text : '…' + text.slice(text.length - maxChars);
}
