// The OCI runtime command-line interface (runtime-tools' "CLI 1.0.1" as real runtimes implement
// it: positional kill signal, `delete --force` for cleanup). Every call is recorded as evidence.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invoke, type Invocation } from './invoke.js';
import type { SpawnHelper } from './spawn-helper.js';
import { findExecutable, timeoutMs, type Operation, type RuntimeProfile } from './profile.js';
import { trace, tracing } from './trace.js';
import { RESULTS_MOUNT } from './rootfs.js';

export interface StateResult {
  invocation: Invocation;
  /** The parsed state document when the call succeeded and printed JSON. */
  state?: Record<string, unknown>;
  /** Why stdout was not a state document (garbage, empty, not an object). */
  parseError?: string;
}

export interface CreateOptions {
  bundle: string;
  pidFile?: string;
  /** The container inherits create's stdout/stderr: they go to files, never to pipes we wait on. */
  stdoutFile: string;
  stderrFile: string;
}

/** How a driver starts its calls. */
export interface CallOptions {
  /**
   * The environment runtime calls get (default: a copy of the process's when the driver is
   * made). A copy, not process.env itself: spawning with that reads every variable through
   * node's environment accessors at every call (~0.1 ms a call, measured).
   */
  env?: NodeJS.ProcessEnv;
  /** Start calls through this helper, started with `env` (spawn-helper.ts); output files go to scratchDir. */
  helper?: SpawnHelper;
  scratchDir?: string;
}

/** Invocations made on behalf of one test case, in order. */
export type InvocationLog = Invocation[];

export class RuntimeDriver {
  /** IDs created by this driver and not yet confirmed deleted; cleaned up at the end whatever happens. */
  readonly live = new Set<string>();

  constructor(
    readonly profile: RuntimeProfile,
    /** Private state directory, passed with the profile's stateRootFlag. */
    readonly stateRoot: string | undefined,
    readonly abort: AbortSignal,
    how: CallOptions = {},
    readonly timeoutScale = 1,
  ) {
    const [program, ...rest] = profile.command;
    this.command = [findExecutable(program) ?? program, ...rest];
    this.env = how.env ?? { ...process.env };
    this.helper = how.helper;
    this.scratchDir = how.scratchDir;
  }

  /** The profile's command with its program resolved on PATH once, not at every call. */
  private readonly command: string[];
  private readonly env: NodeJS.ProcessEnv;
  private readonly helper?: SpawnHelper;
  private readonly scratchDir?: string;

  argv(args: string[]): string[] {
    const p = this.profile;
    const root = p.stateRootFlag && this.stateRoot ? [p.stateRootFlag, this.stateRoot] : [];
    return [...this.command, ...(p.globalArgs ?? []), ...root, ...args];
  }

  async call(op: Operation, args: string[], log?: InvocationLog, extra: Partial<Parameters<typeof invoke>[1]> = {}): Promise<Invocation> {
    const inv = await invoke(this.argv(args), {
      timeoutMs: timeoutMs(this.profile, op) * this.timeoutScale,
      signal: this.abort,
      baseEnv: this.env,
      helper: this.helper,
      scratchDir: this.scratchDir,
      ...extra,
    });
    log?.push(inv);
    return inv;
  }

  async create(id: string, o: CreateOptions, log?: InvocationLog): Promise<Invocation> {
    const args = ['create', '--bundle', o.bundle];
    if (o.pidFile) args.push('--pid-file', o.pidFile);
    args.push(id);
    // Track before the call: a create that times out may still have left a container.
    this.live.add(id);
    if (tracing) {
      const configPath = join(o.bundle, 'config.json');
      const text = readFileSync(configPath, 'utf8');
      trace({ kind: 'bundle', configPath, text, results: resultsAtCreate(text) });
    }
    return this.call('create', args, log, { stdoutFile: o.stdoutFile, stderrFile: o.stderrFile });
  }

  start(id: string, log?: InvocationLog): Promise<Invocation> {
    return this.call('start', ['start', id], log);
  }

  kill(id: string, signal: string | undefined, log?: InvocationLog): Promise<Invocation> {
    return this.call('kill', signal === undefined ? ['kill', id] : ['kill', id, signal], log);
  }

  async delete(id: string, log?: InvocationLog, force = false): Promise<Invocation> {
    const inv = await this.call('delete', force ? ['delete', '--force', id] : ['delete', id], log);
    if (inv.exitCode === 0) this.live.delete(id);
    return inv;
  }

  /** `state` with the raw call and, when possible, the parsed document. */
  async state(id: string | undefined, log?: InvocationLog): Promise<StateResult> {
    const invocation = await this.call('state', id === undefined ? ['state'] : ['state', id], log);
    if (invocation.exitCode !== 0) return { invocation };
    return { invocation, ...parseStateOutput(invocation.stdout) };
  }

  /** Run a bare subcommand with arbitrary arguments (error-path tests). */
  raw(op: Operation, args: string[], log?: InvocationLog): Promise<Invocation> {
    return this.call(op, args, log);
  }

  async features(log?: InvocationLog): Promise<{ invocation: Invocation; document?: Record<string, unknown>; parseError?: string }> {
    const invocation = await this.call('features', ['features'], log);
    if (invocation.exitCode !== 0) return { invocation };
    const parsed = parseJsonObject(invocation.stdout);
    return { invocation, document: parsed.value, parseError: parsed.error };
  }

  /**
   * Remove a container whatever its status: delete --force; if that fails and the container
   * still exists, kill it and delete again. Returns false when it is still there.
   */
  async destroy(id: string, log?: InvocationLog): Promise<boolean> {
    const forced = await this.delete(id, log, true);
    if (forced.exitCode === 0) return true;
    const st = await this.state(id, log);
    if (st.invocation.exitCode !== 0 && !st.invocation.timedOut) {
      // The runtime does not know the ID (a create that failed): nothing to remove.
      this.live.delete(id);
      return true;
    }
    await this.kill(id, 'KILL', log);
    const plain = await this.delete(id, log);
    return plain.exitCode === 0;
  }
}

/** For the trace: the results directory a config mounts at RESULTS_MOUNT, and what is in it. */
function resultsAtCreate(configText: string): { dir: string; entries: string[] } | undefined {
  try {
    const mounts = (JSON.parse(configText) as { mounts?: { destination?: string; source?: string }[] }).mounts ?? [];
    const dir = mounts.find((m) => m.destination === RESULTS_MOUNT)?.source;
    return dir ? { dir, entries: readdirSync(dir).sort() } : undefined;
  } catch {
    return undefined;
  }
}

function parseJsonObject(text: string): { value?: Record<string, unknown>; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'empty output' };
  try {
    const v = JSON.parse(trimmed);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'output is JSON but not an object' };
    return { value: v };
  } catch (e) {
    return { error: `output is not JSON: ${(e as Error).message}` };
  }
}

export function parseStateOutput(stdout: string): { state?: Record<string, unknown>; parseError?: string } {
  const r = parseJsonObject(stdout);
  return { state: r.value, parseError: r.error };
}
