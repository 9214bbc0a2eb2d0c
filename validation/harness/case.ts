// What a test case is, and the context it runs in. Cases are small files under validation/cases/
// with their metadata up front; everything generic (bundles, runtime calls, evidence, cleanup,
// polling with deadlines) lives here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { severityOf } from '../../schema/diagnostics.js';
import type { SpecVersion } from '../../schema/versions.js';
import type { CheckRecord, SkipCategory } from '../../reports/model.js';
import { REQUIREMENTS, requirement } from '../requirements/index.js';
import { versionInRange } from '../../schema/versions.js';
import { baseConfig, writeBundle, type Bundle, type Config } from './bundle.js';
import type { Invocation } from './invoke.js';
import type { Isolation, RuntimeProfile } from './profile.js';
import type { RuntimeDriver, StateResult } from './runtime.js';
import type { ProbeScheduler } from './probe-runs.js';
import { round, trace } from './trace.js';
import { DirWaker } from './wake.js';

/**
 * Capabilities a case may need. `host-pid`: the state pid is a process the host can inspect
 * (native isolation only). `hook:<kind>`: the runtime runs hooks of that kind. `features`: the
 * runtime has a features command. `idmapped-mounts`: the runtime applies uidMappings and
 * gidMappings of a mount (unsupported when its features document says so). Profiles may declare
 * any of these unsupported.
 */
export type Need = 'host-pid' | 'features' | `hook:${string}` | 'hooks-in-container-namespace' | 'idmapped-mounts';

const HOOK_KINDS = ['prestart', 'createRuntime', 'createContainer', 'startContainer', 'poststart', 'poststop'];

/** Every need a profile may declare unsupported; anything else is a typo and is refused. */
export const KNOWN_NEEDS: readonly string[] = ['host-pid', 'features', 'hooks-in-container-namespace', 'idmapped-mounts', ...HOOK_KINDS.map((k) => `hook:${k}`)];

export interface TestCase {
  /** Stable test ID, "<area>.<what>"; never reused for a different test. */
  id: string;
  /** Bumped when the test's meaning changes, so reports of different revisions are not compared blindly. */
  revision: number;
  title: string;
  area: string;
  /** Requirement IDs from validation/requirements that this case's checks cite. */
  requirements: string[];
  since?: SpecVersion;
  until?: SpecVersion;
  needs?: Need[];
  run(t: CaseContext): Promise<void>;
}

/** Thrown to end a case early: a skip, or a failed precondition. */
export class CaseStop extends Error {
  constructor(
    readonly kind: 'skip' | 'fail' | 'error',
    message: string,
    readonly category?: SkipCategory,
  ) {
    super(message);
  }
}

export interface CaseEnvironment {
  version: SpecVersion;
  profile: RuntimeProfile;
  driver: RuntimeDriver;
  rootfs: string;
  features?: Record<string, unknown>;
  /** Prefix for container IDs, unique per run. */
  idPrefix: string;
  /** Answers probe cases, sharing container runs between them; absent: each case runs alone. */
  probes?: ProbeScheduler;
}

const POLL_FIRST_MS = 2;
const POLL_MAX_MS = 25;

export class CaseContext {
  readonly checks: CheckRecord[] = [];
  readonly invocations: Invocation[] = [];
  /** Containers this case created; the runner destroys any still present when the case ends. */
  readonly containers = new Set<string>();
  /** Other cases whose checks came from the same container run as this case's (probe cases). */
  sharedWith: string[] = [];
  private bundles = 0;
  private ids = 0;
  /** Set when the case has ended (by its deadline too): a case still running may call no runtime. */
  private closed = false;
  /** Host-side undo actions (a helper process, a mount), run by the runner when the case ends. */
  private cleanups: (() => void | Promise<void>)[] = [];
  private cleanedUp = false;

  constructor(
    readonly testCase: TestCase,
    readonly env: CaseEnvironment,
    /** This case's private temporary directory. */
    readonly dir: string,
  ) {}

  /**
   * Set when the case itself asked for the target version: its checks may then differ between
   * versions beyond the requirements it cites, so an all-versions run never reuses its result.
   */
  readVersion = false;

  get version(): SpecVersion {
    this.readVersion = true;
    return this.env.version;
  }
  get isolation(): Isolation {
    return this.env.profile.isolation;
  }
  get driver(): RuntimeDriver {
    return this.env.driver;
  }

  // ---- verdicts ---------------------------------------------------------------------------

  /** Record one check against a requirement; returns `ok` so callers can branch on it. */
  check(req: string, name: string, ok: boolean, detail: { expected?: unknown; actual?: unknown } = {}): boolean {
    if (!this.testCase.requirements.includes(req)) {
      throw new Error(`case ${this.testCase.id} checks ${req}, which its metadata does not list`);
    }
    const r = requirementAt(req, this.env.version);
    this.checks.push({ requirement: r.id, level: r.level, name, ok, ...detail });
    return ok;
  }

  /** Deep equality; object member order does not matter (it is not significant in JSON). */
  equal(req: string, name: string, actual: unknown, expected: unknown): boolean {
    return this.check(req, name, isDeepStrictEqual(actual, expected), { expected, actual });
  }

  /** A check whose failure makes the rest of the case meaningless. */
  require(req: string, name: string, ok: boolean, detail: { expected?: unknown; actual?: unknown } = {}): void {
    if (!this.check(req, name, ok, detail)) throw new CaseStop('fail', `${name}: failed, the rest of the case cannot run`);
  }

  skip(category: SkipCategory, reason: string): never {
    throw new CaseStop('skip', reason, category);
  }

  /** The runtime could not do something the case needs but does not itself test. */
  error(message: string): never {
    throw new CaseStop('error', message);
  }

  /** The runner ends the case; from now on its runtime calls throw instead of running. */
  close(): void {
    this.closed = true;
  }

  /**
   * Register something to undo on the host when the case ends, whatever its outcome (pass,
   * failure, deadline, interruption): the runner runs it after the case's containers are gone
   * and before it looks for stray processes. Use it for anything a case starts outside the
   * runtime, such as a helper process that holds a namespace.
   */
  onCleanup(fn: () => void | Promise<void>): void {
    // A case past its deadline may still be running: what it starts now is undone at once.
    if (this.cleanedUp) void Promise.resolve().then(fn).catch(() => {});
    else this.cleanups.push(fn);
  }

  /** Run the registered cleanups, last registered first, each once; their failures as messages. */
  async runCleanups(): Promise<string[]> {
    this.cleanedUp = true;
    const errors: string[] = [];
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (e) {
        errors.push((e as Error).message ?? String(e));
      }
    }
    return errors;
  }

  private open(): void {
    if (this.closed) throw new CaseStop('error', 'the case already ended (deadline)');
  }

  // ---- bundles and containers ---------------------------------------------------------------

  newId(): string {
    return `${this.env.idPrefix}-${++this.ids}`;
  }

  /**
   * A fresh bundle running `script` with /bin/sh; `edit` may change the generated config and is
   * told the host path of the results directory (mounted at RESULTS_MOUNT in the container) and
   * of the bundle directory (not created yet; relative paths of the config resolve against it).
   */
  bundle(script: string, edit?: (c: Config, results: string, bundleDir: string) => void): Bundle {
    const n = ++this.bundles;
    const dir = join(this.dir, `bundle-${n}`);
    const results = join(this.dir, `results-${n}`);
    const config = baseConfig(this.env.version, this.env.rootfs, results, ['/bin/sh', '-c', script]);
    edit?.(config, results, dir);
    return writeBundle(dir, config, results);
  }

  async create(id: string, b: Bundle, opts: { pidFile?: string } = {}): Promise<Invocation> {
    this.open();
    this.containers.add(id);
    const n = this.invocations.length;
    return this.driver.create(
      id,
      { bundle: b.dir, pidFile: opts.pidFile, stdoutFile: join(this.dir, `create-${n}.out`), stderrFile: join(this.dir, `create-${n}.err`) },
      this.invocations,
    );
  }

  /** create, and end the case as an error if the runtime cannot even create a basic container. */
  async mustCreate(id: string, b: Bundle, opts: { pidFile?: string } = {}): Promise<Invocation> {
    const inv = await this.create(id, b, opts);
    if (inv.exitCode !== 0) this.error(`create of a valid bundle failed (${describe(inv)})`);
    return inv;
  }

  start(id: string): Promise<Invocation> {
    this.open();
    return this.driver.start(id, this.invocations);
  }

  async mustStart(id: string): Promise<Invocation> {
    const inv = await this.start(id);
    if (inv.exitCode !== 0) this.error(`start of a created container failed (${describe(inv)})`);
    return inv;
  }

  state(id: string | undefined): Promise<StateResult> {
    this.open();
    return this.driver.state(id, this.invocations);
  }

  kill(id: string, signal?: string): Promise<Invocation> {
    this.open();
    return this.driver.kill(id, signal, this.invocations);
  }

  delete(id: string): Promise<Invocation> {
    this.open();
    return this.driver.delete(id, this.invocations);
  }

  raw(op: 'create' | 'start' | 'state' | 'kill' | 'delete', args: string[]): Promise<Invocation> {
    this.open();
    return this.driver.raw(op, args, this.invocations);
  }

  // ---- waiting, with deadlines and never a fixed sleep --------------------------------------

  /**
   * Poll `probe` until it returns a value that is not undefined, or the deadline passes. A
   * `waker` may end the sleeps between polls early (wake.ts).
   */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000, waker?: DirWaker): Promise<T | undefined> {
    const deadline = performance.now() + timeoutMs * this.driver.timeoutScale;
    // Most waits end within milliseconds: poll fast first, then back off.
    let interval = POLL_FIRST_MS;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (performance.now() > deadline) return undefined;
      if (this.driver.abort.aborted) throw new CaseStop('error', `interrupted while waiting for ${what}`);
      await (waker ? waker.sleep(interval) : new Promise((r) => setTimeout(r, interval)));
      interval = Math.min(interval * 2, POLL_MAX_MS);
    }
  }

  /** Wait until state reports `status`; the last state result either way. */
  async waitForStatus(id: string, status: string, timeoutMs = 10_000): Promise<{ reached: boolean; last?: StateResult }> {
    let last: StateResult | undefined;
    // Polling calls are not kept as evidence one by one: only the last one is.
    const reached = await this.waitFor(
      `status ${status}`,
      async () => {
        last = await this.driver.state(id);
        return last.state?.status === status ? true : undefined;
      },
      timeoutMs,
    );
    if (last) this.invocations.push(last.invocation);
    return { reached: reached === true, last };
  }

  /** Wait for a file in a results directory to exist, then read it; a change in the directory ends a sleep between polls. */
  async waitForFile(path: string, timeoutMs = 10_000): Promise<string | undefined> {
    const t0 = performance.now();
    const waker = new DirWaker(dirname(path));
    const found = await this.waitFor(path, async () => (existsSync(path) ? true : undefined), timeoutMs, waker).finally(() => waker.close());
    trace({ kind: 'wait', path, found: found === true, t: round(t0), ms: round(performance.now() - t0) });
    return found ? readFile(path, 'utf8') : undefined;
  }

  async readIfExists(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}

/**
 * The entry of a requirement that is in force at `version`: the named one, or the entry that
 * supersedes it (or that it supersedes) when the meaning changed between versions.
 */
export function requirementAt(id: string, version: SpecVersion) {
  let r = requirement(id);
  const seen = new Set<string>();
  while (!versionInRange(version, r.since, r.until) && !seen.has(r.id)) {
    seen.add(r.id);
    const later = REQUIREMENTS.find((x) => x.supersedes === r.id);
    const earlier = r.supersedes ? requirement(r.supersedes) : undefined;
    const next = r.since && earlier && versionInRange(version, undefined, r.since) ? earlier : later;
    if (!next) break;
    r = next;
  }
  return r;
}

/** A short text for an invocation's outcome, for messages. */
export function describe(inv: Invocation): string {
  if (inv.spawnError) return inv.spawnError;
  if (inv.timedOut) return `timed out after ${inv.durationMs} ms`;
  const out = (inv.stderr || inv.stdout).trim().split('\n').pop() ?? '';
  return `exit ${inv.exitCode ?? inv.signal}${out ? `: ${out.slice(0, 200)}` : ''}`;
}

/** The strongest level among a case's checks decides fail (MUST-class) versus warn (SHOULD-class). */
export function statusOf(checks: readonly CheckRecord[]): 'pass' | 'fail' | 'warn' {
  const failed = checks.filter((c) => !c.ok);
  if (failed.length === 0) return 'pass';
  return failed.some((c) => severityOf(c.level) === 'error') ? 'fail' : 'warn';
}
