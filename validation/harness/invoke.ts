// Running one external command with a deadline. The command gets its own process group so
// that on expiry (or interruption) the whole group dies, not just the direct child: a runtime
// that forks helpers and hangs must never hang the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { closeSync, openSync } from 'node:fs';
import { getSystemErrorMap } from 'node:util';
import { spawner, type Spawner } from './spawner.js';
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

/** Collects at most MAX_CAPTURE bytes. */
function collector(): { add(b: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(b: Buffer) {
      if (size < MAX_CAPTURE) chunks.push(b.subarray(0, MAX_CAPTURE - size));
      size += b.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

type Outcome = { code: number | null; signal: string | null; spawnError?: string };

/** A started command: its process group once known, and its outcome once it exited and its pipes closed (or the grace passed). */
interface Launched {
  /** Called with the pid (= process group) as soon as it is known. */
  pid(cb: (pgid: number) => void): void;
  done: Promise<Outcome>;
  stdout(): string;
  stderr(): string;
}

/** node's own spawn: every command that needs stdin input, another environment or directory, or when there is no helper. */
function launchDirect(argv: string[], opts: InvokeOptions): Launched {
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
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      cwd: opts.cwd,
    });
  } finally {
    if (outFd !== undefined) closeSync(outFd);
    if (errFd !== undefined) closeSync(errFd);
  }
  const stdout = collector();
  const stderr = collector();
  child.stdout?.on('data', stdout.add);
  child.stderr?.on('data', stderr.add);
  if (opts.input !== undefined) child.stdin?.end(opts.input);
  child.stdin?.on('error', () => undefined); // a command that does not read its input is fine
  const done = new Promise<Outcome>((resolve) => {
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
  return { pid: (cb) => child.pid && cb(child.pid), done, stdout: stdout.text, stderr: stderr.text };
}

/** The same through the spawn helper (spawner.ts): what the command sees and what is recorded are the same. */
function launchViaHelper(h: Spawner, argv: string[], opts: InvokeOptions): Launched {
  const stdout = collector();
  const stderr = collector();
  let pgid: number | undefined;
  let onPid: ((pgid: number) => void) | undefined;
  let failure: Error | undefined;
  const done = new Promise<Outcome>((resolve) => {
    let exited: Outcome | undefined;
    let closed = false;
    let grace: NodeJS.Timeout | undefined;
    const finish = (o: Outcome) => {
      clearTimeout(grace);
      h.drop(id);
      resolve(o);
    };
    const id = h.run(argv, { stdout: opts.stdoutFile, stderr: opts.stderrFile }, {
      onPid(pid) {
        pgid = pid;
        onPid?.(pid);
      },
      onStdout: stdout.add,
      onStderr: stderr.add,
      onExit(o) {
        if (o.openFailed) {
          // As openSync in the direct path would have thrown it.
          const [name, text] = getSystemErrorMap().get(-o.openFailed.errno) ?? [`E${o.openFailed.errno}`, 'unknown error'];
          failure = Object.assign(new Error(`${name}: ${text}, open '${o.openFailed.path}'`), { errno: -o.openFailed.errno, code: name, syscall: 'open', path: o.openFailed.path });
        }
        exited = o.spawnErrorCode ? { code: null, signal: null, spawnError: `spawn ${argv[0]} ${o.spawnErrorCode}` } : { code: o.code, signal: o.signal };
        if (closed || o.spawnErrorCode || o.openFailed) return finish(exited);
        // Pipes a forked daemon keeps open are not waited for beyond the grace.
        grace = setTimeout(() => finish(exited!), PIPE_GRACE_MS);
      },
      onClosed() {
        closed = true;
        if (exited) finish(exited);
      },
      onLost() {
        clearTimeout(grace);
        resolve(exited ?? { code: null, signal: null, spawnError: `spawn ${argv[0]}: the spawn helper exited during the call` });
      },
    });
  });
  return {
    pid(cb) {
      if (pgid !== undefined) cb(pgid);
      else onPid = cb;
    },
    done: done.then((o) => {
      if (failure) throw failure;
      return o;
    }),
    stdout: stdout.text,
    stderr: stderr.text,
  };
}

export async function invoke(argv: string[], opts: InvokeOptions): Promise<Invocation> {
  // The helper takes every command that needs nothing but a plain start (all runtime calls).
  const helper = opts.input === undefined && opts.env === undefined && opts.cwd === undefined && !argv.some((a) => a.includes('\0')) ? spawner() : undefined;
  const viaHelper = helper !== undefined && (await helper.whenReady());
  const started = performance.now();
  const launched = viaHelper ? launchViaHelper(helper, argv, opts) : launchDirect(argv, opts);

  let pgid: number | undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pgid) killGroup(pgid);
  }, opts.timeoutMs);
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    if (pgid) killGroup(pgid);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  launched.pid((p) => {
    pgid = p;
    liveGroups.add(p);
    // A deadline or an interrupt that came before the pid did.
    if (timedOut || aborted) killGroup(p);
  });

  let outcome: Outcome;
  try {
    outcome = await launched.done;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if (pgid) liveGroups.delete(pgid);
  }
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  trace({ kind: 'call', argv, t: round(started), ms: durationMs });
  return {
    argv,
    exitCode: outcome.code,
    signal: outcome.signal,
    durationMs,
    timedOut,
    ...(outcome.spawnError ? { spawnError: outcome.spawnError } : {}),
    stdout: opts.stdoutFile ? await readCapped(opts.stdoutFile) : launched.stdout(),
    stderr: opts.stderrFile ? await readCapped(opts.stderrFile) : launched.stderr(),
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
