// Runs a catalogue of cases against one runtime: setup (rootfs, private state root, features,
// target version), gating, bounded concurrency, per-case cleanup, and the result model.
import { mkdirSync, existsSync } from 'node:fs';
import { arch, release } from 'node:os';
import { join } from 'node:path';
import { dir as tmpDir, removeLater } from './tempdir.js';
import { REPORT_VERSION, summarize, STATUS_SEVERITY, type Report, type SkipCategory, type SpecVersionSource, type TestResult, type TestStatus } from '../../reports/model.js';
import { PACKAGE } from '../../schema/package-root.js';
import { compareVersions, resolveSpecVersion, SPEC_VERSIONS, versionInRange, type SpecVersion } from '../../schema/versions.js';
import { requirementUrl } from '../requirements/index.js';
import { CaseContext, CaseStop, KNOWN_NEEDS, requirementAt, statusOf, type CaseEnvironment, type Need, type TestCase } from './case.js';
import { invoke, tail, type Invocation } from './invoke.js';
import { DEFAULT_TIMEOUTS, findExecutable, timeoutMs, type Operation, type RuntimeProfile } from './profile.js';
import { buildBusyboxRootfs, checkUserRootfs } from './rootfs.js';
import { RuntimeDriver } from './runtime.js';
import { SpawnHelper } from './spawn-helper.js';
import { isProbeCase, planGroups, ProbeScheduler, type ProbeCase } from './probe-runs.js';
import { lastPid, reapStrays, rootIdentity, type RootIdentity } from './strays.js';
import { captureEnvironment, catalogueDigest, runtimeBinary, suiteCheckout } from '../../reports/provenance.js';
import { shardSlice } from '../../reports/shards.js';
import type { Product, ShardRef } from '../../reports/model.js';

export class RunSetupError extends Error {}

export interface RunOptions {
  profile: RuntimeProfile;
  cases: readonly TestCase[];
  specVersion?: SpecVersion;
  only?: string[];
  skip?: string[];
  jobs?: number;
  /**
   * Run each selected case this many times, one after another (default 1). The result is the
   * worst run's, with `repeat` counting the statuses seen; it is flaky when they differ.
   */
  repeat?: number;
  /** Seconds one case may take in all. */
  caseTimeout?: number;
  rootfs?: string;
  /** Aborted on SIGINT/SIGTERM: no new case starts, running calls are killed, cleanup still runs. */
  signal?: AbortSignal;
  /** Called once per case, in catalogue order, as soon as its result (and all before it) is known. */
  onResult?: (r: TestResult, index: number, total: number) => void;
  /**
   * Let probe cases whose config fields do not overlap share container runs (default true);
   * false gives every probe case a container of its own.
   */
  mergeProbes?: boolean;
  /** Keep bundles, results and runtime output for inspection (containers are still deleted). */
  keepTemp?: boolean;
  /** Called with the temp dir when keepTemp is set. */
  onKeptTemp?: (dir: string) => void;
  /** Called after setup, before the first case of each version's pass. */
  onStart?: (info: { specVersion: SpecVersion; reason: string; total: number; pass: number; versions: readonly SpecVersion[] }) => void;
  /** Called when a version's pass has ended, with its complete report. */
  onPassEnd?: (report: Report, pass: number, passes: number) => void;
  /** Run only shard K of N of the catalogue (reports/shards.ts), before --only/--skip. */
  shard?: ShardRef;
  /** Recorded in the report as given: certification mode, the product, the command line. */
  certification?: boolean;
  product?: Product;
  argv?: string[];
}

/** Shell-style patterns on test IDs: "*" matches any run of characters. */
export function matchesPattern(id: string, pattern: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(id);
}

export function selectCases(cases: readonly TestCase[], only: string[] = [], skip: string[] = []): TestCase[] {
  return cases.filter(
    (c) => (only.length === 0 || only.some((p) => matchesPattern(c.id, p))) && !skip.some((p) => matchesPattern(c.id, p)),
  );
}

function cgroupMode(): Report['environment']['cgroupMode'] {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return 'v2';
  if (existsSync('/sys/fs/cgroup/unified')) return 'hybrid';
  if (existsSync('/sys/fs/cgroup/memory') || existsSync('/sys/fs/cgroup/cpu')) return 'v1';
  return 'unknown';
}

function chooseVersion(
  opts: RunOptions,
  features: Record<string, unknown> | undefined,
): { version: SpecVersion; source: SpecVersionSource; reason: string } {
  if (opts.specVersion) return { version: opts.specVersion, source: 'option', reason: '--spec-version' };
  const max = features?.ociVersionMax;
  if (typeof max === 'string') {
    const r = resolveSpecVersion(max);
    if (r.ok) return { version: r.version, source: 'features', reason: `the runtime's features ociVersionMax is ${max}` };
    throw new RunSetupError(`the runtime's features ociVersionMax ${JSON.stringify(max)}: ${r.message}; pass --spec-version`);
  }
  if (opts.profile.specVersion) {
    return {
      version: opts.profile.specVersion,
      source: 'profile',
      reason: `the runtime has no usable features document; profile ${opts.profile.name} names ${opts.profile.specVersion}`,
    };
  }
  throw new RunSetupError('cannot tell which spec version to test: the runtime has no features document and the profile names none; pass --spec-version');
}

/**
 * Every version an all-versions run covers: the range of the runtime's features document, else
 * 1.0.0 up to the version the profile names (a runtime implementing 1.x accepts the configs of
 * the earlier 1.x releases: the spec's versioning promise within a major version).
 */
function chooseRange(
  opts: RunOptions,
  features: Record<string, unknown> | undefined,
): { versions: SpecVersion[]; source: SpecVersionSource; reason: string } {
  const max = chooseVersion({ ...opts, specVersion: undefined }, features);
  let min: SpecVersion = '1.0.0';
  let why = `1.0.0 up to ${max.version} (${max.reason})`;
  if (max.source === 'features' && typeof features?.ociVersionMin === 'string') {
    const r = resolveSpecVersion(features.ociVersionMin);
    if (!r.ok) throw new RunSetupError(`the runtime's features ociVersionMin ${JSON.stringify(features.ociVersionMin)}: ${r.message}; pass --spec-version`);
    min = r.version;
    why = `the runtime's features range ${features.ociVersionMin} to ${String(features.ociVersionMax)}`;
  }
  const versions = SPEC_VERSIONS.filter((v) => compareVersions(v, min) >= 0 && compareVersions(v, max.version) <= 0);
  if (versions.length === 0) throw new RunSetupError(`the runtime's version range ${min} to ${max.version} contains no released spec version`);
  return { versions, source: 'option', reason: `--spec-version all: ${why}` };
}

/**
 * What a case expects at a version: whether it applies, and the requirement entries in force.
 * Between two versions with the same key a case that never asks for the version itself checks
 * exactly the same things, so an all-versions run reuses its result instead of running it again.
 */
export function expectationKey(c: TestCase, version: SpecVersion, gated: { category: SkipCategory; reason: string } | undefined): string {
  if (gated) return `skip:${gated.category}:${gated.category === 'not-applicable' && !versionInRange(version, c.since, c.until) ? 'range' : gated.reason}`;
  return c.requirements.map((id) => { const r = requirementAt(id, version); return `${r.id}/${r.level}`; }).join(',');
}

/** Why a case does not apply here, or undefined when it does. */
function gate(c: TestCase, env: CaseEnvironment): { category: SkipCategory; reason: string } | undefined {
  if (!versionInRange(env.version, c.since, c.until)) {
    const range = `${c.since ? `from ${c.since}` : ''}${c.since && c.until ? ' ' : ''}${c.until ? `before ${c.until}` : ''}`;
    return { category: 'not-applicable', reason: `applies to runtime-spec ${range}; the target is ${env.version}` };
  }
  for (const need of c.needs ?? []) {
    const declared = env.profile.unsupported?.find((u) => u.feature === need);
    if (declared) return { category: 'declared', reason: `profile ${env.profile.name} declares ${need} unsupported: ${declared.reason}` };
    if (need === 'host-pid' && env.profile.isolation !== 'native') {
      return {
        category: 'not-applicable',
        reason: `needs the container's pid to be a host process; isolation is ${env.profile.isolation}`,
      };
    }
    if (need === 'features' && !env.features) {
      return { category: 'unsupported', reason: 'the runtime provides no features document' };
    }
    if (need === 'idmapped-mounts' && env.features) {
      const why = idmapUnsupported(env.features);
      if (why) return { category: 'unsupported', reason: why };
    }
    if (need.startsWith('hook:') && env.features) {
      const hooks = env.features.hooks;
      const kind = need.slice(5);
      if (Array.isArray(hooks) && !hooks.includes(kind)) {
        return { category: 'unsupported', reason: `the runtime's features do not list the ${kind} hook` };
      }
    }
  }
  return undefined;
}

/**
 * Why a features document rules idmapped mounts out, or undefined. features.md (1.2.0) has
 * linux.mountExtensions.idmap.enabled; a document without it (1.1.0, or a runtime that does not
 * know the field) still lists the mount options it recognizes, and a runtime that applies mount
 * mappings recognizes the idmap option.
 */
export function idmapUnsupported(features: Record<string, unknown>): string | undefined {
  const linux = features.linux as { mountExtensions?: { idmap?: { enabled?: unknown } } } | undefined;
  const enabled = linux?.mountExtensions?.idmap?.enabled;
  if (enabled === true) return undefined;
  if (enabled === false) return "the runtime's features say linux.mountExtensions.idmap.enabled is false";
  const options = features.mountOptions;
  if (Array.isArray(options) && !options.includes('idmap')) {
    return "the runtime's features document has no linux.mountExtensions.idmap and lists no idmap mount option";
  }
  return undefined;
}

function record(inv: Invocation) {
  return {
    argv: inv.argv,
    exitCode: inv.exitCode,
    signal: inv.signal,
    durationMs: inv.durationMs,
    timedOut: inv.timedOut,
    ...(inv.spawnError ? { spawnError: inv.spawnError } : {}),
    stdoutTail: tail(inv.stdout),
    stderrTail: tail(inv.stderr),
  };
}

function baseResult(c: TestCase, version: SpecVersion): Omit<TestResult, 'status' | 'durationMs' | 'checks' | 'invocations'> {
  return {
    id: c.id,
    revision: c.revision,
    title: c.title,
    area: c.area,
    // Cite the entries in force at the target version, once each.
    requirements: [...new Map(c.requirements.map((id) => requirementAt(id, version)).map((r) => [r.id, r])).values()].map((r) => ({
      id: r.id,
      level: r.level,
      // A case outside its version range still cites the text of a version where it applies.
      url: requirementUrl(r, versionInRange(version, r.since, r.until) ? version : (r.since ?? version)),
    })),
  };
}

async function runOne(
  c: TestCase,
  env: CaseEnvironment,
  cleanupDriver: RuntimeDriver,
  dir: string,
  caseTimeout: number,
  keep: boolean,
  /** Every container ID the run used, for the final sweep. */
  allIds: Set<string>,
  /** Collects the empty cgroups runtimes left behind. */
  leftCgroups: string[],
  /** Collects the IDs of cases that asked for the target version (never reused across versions). */
  versionRead: Set<string>,
): Promise<TestResult> {
  const started = performance.now();
  // The case's stray sweep looks only at processes started from here on (strays.ts).
  const pidsAfter = lastPid();
  mkdirSync(dir, { recursive: true });
  const t = new CaseContext(c, env, dir);
  let status: TestResult['status'];
  let skip: TestResult['skip'];
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CaseStop('error', `case did not finish within ${caseTimeout} s`)), caseTimeout * 1000);
    });
    await Promise.race([c.run(t), deadline]);
    status = statusOf(t.checks);
    if (t.checks.length === 0) {
      status = 'error';
      error = 'the case recorded no checks (a suite bug: every case must assert something)';
    }
  } catch (e) {
    if (e instanceof CaseStop && e.kind === 'skip') {
      status = 'skip';
      skip = { category: e.category ?? 'environment', reason: e.message };
    } else if (e instanceof CaseStop && e.kind === 'fail') {
      status = statusOf(t.checks);
      error = e.message;
    } else {
      status = 'error';
      error = e instanceof CaseStop ? e.message : `suite error: ${(e as Error).stack ?? e}`;
    }
  } finally {
    clearTimeout(timer);
    t.close();
    if (t.readVersion) versionRead.add(c.id);
  }
  // Whatever happened, nothing the case created may outlive it.
  for (const id of t.containers) {
    if (env.driver.live.has(id) || cleanupDriver.live.has(id)) {
      // Cleanup calls are evidence too: a reviewer sees how the case's containers went away.
      const gone = await cleanupDriver.destroy(id, t.invocations);
      if (gone) env.driver.live.delete(id);
      else if (status !== 'error') {
        status = 'error';
        error = `container ${id} could not be removed after the case (delete --force and kill failed)`;
      }
    }
  }
  // Then what the case started on the host itself (namespace holders and the like).
  const undone = await t.runCleanups();
  if (undone.length) {
    const note = `the case's host-side cleanup failed: ${undone.join('; ')}`;
    if (status === 'pass' || status === 'warn') status = 'error';
    error = error ? `${error}; ${note}` : note;
  }
  // A runtime bug can orphan processes or cgroups even when delete succeeded.
  for (const id of t.containers) allIds.add(id);
  const left = await reapStrays({ ids: t.containers, dir, pidsAfter });
  if (left.processes.length) {
    // Processes outliving their deleted container are a serious leak, charged to the case.
    const note = `processes were still running after every container of the case was deleted (killed by the suite): ${left.processes.join('; ')}`;
    if (status === 'pass' || status === 'warn') status = 'error';
    error = error ? `${error}; ${note}` : note;
  }
  // Empty cgroups a runtime forgot are removed and reported once for the run.
  leftCgroups.push(...left.cgroups);
  if (!keep) removeLater(dir);
  return {
    ...baseResult(c, env.version),
    status,
    ...(skip ? { skip } : {}),
    ...(error ? { error } : {}),
    ...(t.sharedWith.length ? { sharedRun: { with: t.sharedWith } } : {}),
    durationMs: Math.round(performance.now() - started),
    checks: t.checks,
    invocations: t.invocations.map(record),
  };
}

/** The runs of one repeated case as one result: the worst run's, counting every run's status. */
export function combineRepeats(runs: TestResult[]): TestResult {
  const statuses: Partial<Record<TestStatus, number>> = {};
  for (const r of runs) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const worst = runs.reduce((w, r) => (STATUS_SEVERITY.indexOf(r.status) < STATUS_SEVERITY.indexOf(w.status) ? r : w));
  return {
    ...worst,
    durationMs: runs.reduce((sum, r) => sum + r.durationMs, 0),
    repeat: { runs: runs.length, statuses, flaky: Object.keys(statuses).length > 1 },
  };
}

/** Run the catalogue at one spec version (the option, else the runtime's, else the profile's). */
export async function runSuite(opts: RunOptions): Promise<Report> {
  return (await runPasses({ ...opts, allVersions: false }))[0];
}

/**
 * Run the catalogue at every spec version the runtime supports, oldest first: one report per
 * version. A case whose expectations do not differ from an earlier version's is not run again;
 * its result there is reused and says so (`reusedFrom`).
 */
export async function runSuiteAllVersions(opts: RunOptions): Promise<Report[]> {
  return runPasses({ ...opts, allVersions: true });
}

async function runPasses(opts: RunOptions & { allVersions: boolean }): Promise<Report[]> {
  const startedAt = new Date().toISOString();
  const profile = opts.profile;
  if (!findExecutable(profile.command[0])) {
    throw new RunSetupError(`runtime command "${profile.command[0]}" not found${profile.command[0].includes('/') ? '' : ' on PATH'}`);
  }
  const unknownNeeds = (profile.unsupported ?? []).map((u) => u.feature).filter((f) => !KNOWN_NEEDS.includes(f));
  if (unknownNeeds.length) {
    throw new RunSetupError(`profile ${profile.name} declares unknown features unsupported: ${unknownNeeds.join(', ')}; known: ${KNOWN_NEEDS.join(', ')}`);
  }
  const abort = opts.signal ?? new AbortController().signal;
  // Paths stay short on purpose: runtimes put unix sockets under the state root, and a socket
  // path may not exceed 108 bytes (runsc fails to start its sandbox beyond that).
  // Mode 0755: sandboxed runtimes (runsc) drop privileges and must still reach the rootfs.
  const tmp = await tmpDir({ prefix: 'ocirc-', mode: 0o755 });
  const cleanupAbort = new AbortController(); // never aborted: cleanup must run after an interrupt
  // Processes the runtime left although its containers were deleted; filled in at the very end.
  const strays: string[] = [];
  const allContainerIds = new Set<string>();
  const leftCgroups: string[] = [];
  let rootId: RootIdentity | undefined;
  let driver: RuntimeDriver | undefined;
  let cleanupDriver: RuntimeDriver | undefined;
  let helper: SpawnHelper | undefined;
  try {
    let rootfs = opts.rootfs;
    if (rootfs) checkUserRootfs(rootfs);
    else {
      rootfs = join(tmp.path, 'rootfs');
      buildBusyboxRootfs(rootfs);
    }
    // Only a rootfs of our own identifies our containers: a user's may be shared with other runs.
    if (!opts.rootfs) rootId = rootIdentity(rootfs);
    const stateRoot = join(tmp.path, 's');
    mkdirSync(stateRoot);
    // One environment for every runtime call of the run, and one helper that starts them.
    const callEnv = { ...process.env };
    helper = SpawnHelper.start(callEnv);
    const scratchDir = join(tmp.path, 'o');
    mkdirSync(scratchDir);
    driver = new RuntimeDriver(profile, stateRoot, abort, { env: callEnv, helper, scratchDir });
    cleanupDriver = new RuntimeDriver(profile, stateRoot, cleanupAbort.signal, { env: callEnv, helper, scratchDir });

    const versionInv = await invoke([...profile.command, ...(profile.globalArgs ?? []), '--version'], {
      timeoutMs: timeoutMs(profile, 'state'),
      signal: abort,
    });
    if (versionInv.spawnError) throw new RunSetupError(`cannot run the runtime: ${versionInv.spawnError}`);
    let features: Record<string, unknown> | undefined;
    let featuresError: string | undefined;
    if (profile.featuresCommand !== false) {
      const f = await driver.features();
      if (f.document) features = f.document;
      else featuresError = f.parseError ?? `features exited ${f.invocation.exitCode ?? f.invocation.signal}: ${tail(f.invocation.stderr, 300).trim()}`;
    } else featuresError = `profile ${profile.name} says the runtime has no features command`;
    const chosen = opts.allVersions ? chooseRange(opts, features) : ((c) => ({ ...c, versions: [c.version] }))(chooseVersion(opts, features));
    const runId = Math.random().toString(36).slice(2, 8);
    const selected = selectCases(shardSlice(opts.cases, opts.shard), opts.only, opts.skip);
    // An empty run would read as a pass; refuse it.
    if (selected.length === 0) throw new RunSetupError('no test matches the --only/--skip filters (see `oci-conformance list`)');

    const reports: Report[] = [];
    // Per case, the last version it really ran at: its expectation key and result.
    const lastRun = new Map<string, { version: SpecVersion; key: string; result: TestResult }>();
    const versionRead = new Set<string>();
    for (const [pass, version] of chosen.versions.entries()) {
      const passStartedAt = pass === 0 ? startedAt : new Date().toISOString();
      const env: CaseEnvironment = { version, profile, driver, rootfs, features, idPrefix: `oc${runId}${chosen.versions.length > 1 ? `v${pass}` : ''}` };
      opts.onStart?.({ specVersion: version, reason: chosen.reason, total: selected.length, pass, versions: chosen.versions });

      // Probe cases that apply share container runs; each pass over the catalogue (a repetition)
      // gets its own scheduler, so repeated runs never reuse an answer.
      // Decided before the pass starts: which cases reuse an earlier version's result.
      const keys = selected.map((c) => expectationKey(c, version, gate(c, env)));
      const reuse = selected.map((c, i) => {
        const earlier = lastRun.get(c.id);
        return earlier && earlier.key === keys[i] && !versionRead.has(c.id) ? earlier : undefined;
      });
      const merge = opts.mergeProbes !== false;
      const probeCases = selected.filter((c, i): c is ProbeCase => isProbeCase(c) && !gate(c, env) && !reuse[i]);
      const probeGroups = merge ? planGroups(probeCases) : probeCases.map((c) => [c]);
      const schedulers: ProbeScheduler[] = [];
      const schedulerFor = (k: number) => (schedulers[k] ??= new ProbeScheduler(probeGroups));

      const results: (TestResult | undefined)[] = new Array(selected.length);
      let emitted = 0;
      const flush = () => {
        while (emitted < selected.length && results[emitted]) {
          opts.onResult?.(results[emitted]!, emitted, selected.length);
          emitted++;
        }
      };
      let next = 0;
      const worker = async () => {
        while (next < selected.length) {
          const i = next++;
          const c = selected[i];
          const gated = gate(c, env);
          const earlier = reuse[i];
          if (gated || abort.aborted) {
            results[i] = {
              ...baseResult(c, env.version),
              status: 'skip',
              skip: gated ?? { category: 'environment', reason: 'the run was interrupted before this case started' },
              durationMs: 0,
              checks: [],
              invocations: [],
            };
          } else if (earlier) {
            // Same expectations as at an earlier version, and the case never asked which version
            // it ran at: the earlier run answers for this version too.
            results[i] = { ...earlier.result, ...baseResult(c, version), reusedFrom: earlier.version };
          } else {
            const runs: TestResult[] = [];
            for (let k = 0; k < Math.max(1, opts.repeat ?? 1) && (k === 0 || !abort.aborted); k++) {
              const suffix = k === 0 ? '' : `r${k}`;
              const caseEnv = { ...env, idPrefix: `${env.idPrefix}-${i}${suffix}`, probes: schedulerFor(k) };
              runs.push(await runOne(c, caseEnv, cleanupDriver!, join(tmp.path, `v${pass}-case-${i}${suffix}`), opts.caseTimeout ?? 120, opts.keepTemp === true, allContainerIds, leftCgroups, versionRead));
            }
            results[i] = (opts.repeat ?? 1) > 1 ? combineRepeats(runs) : runs[0];
            lastRun.set(c.id, { version, key: keys[i], result: results[i]! });
          }
          flush();
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, opts.jobs ?? 1) }, worker));
      const tests = results as TestResult[];
      const report: Report = {
        reportVersion: REPORT_VERSION,
        suite: { name: PACKAGE.name, version: PACKAGE.version, catalogueDigest: catalogueDigest(opts.cases), ...suiteCheckout() },
        ...(opts.product ? { product: opts.product } : {}),
        specVersion: version,
        specVersionSource: chosen.source,
        specVersionReason: chosen.reason,
        runtime: {
          profile: profile.name,
          command: profile.command,
          isolation: profile.isolation,
          versionOutput: (versionInv.stdout || versionInv.stderr).trim().slice(0, 2000),
          ...(features ? { features } : {}),
          ...(featuresError ? { featuresError } : {}),
          ...((b) => (b.binary ? { binary: b.binary } : { binaryError: b.error! }))(runtimeBinary(profile.command)),
          profileDefinition: { ...profile },
        },
        environment: { kernel: release(), arch: arch(), cgroupMode: cgroupMode(), root: process.getuid?.() === 0, ...captureEnvironment(profile.isolation) },
        run: {
          startedAt: passStartedAt,
          finishedAt: new Date().toISOString(),
          jobs: Math.max(1, opts.jobs ?? 1),
          only: opts.only ?? [],
          skip: opts.skip ?? [],
          partial: selected.length !== opts.cases.length || abort.aborted,
          interrupted: abort.aborted,
          strayProcesses: strays,
          leftCgroups,
          timeouts: {
            case: opts.caseTimeout ?? 120,
            operations: Object.fromEntries(Object.keys(DEFAULT_TIMEOUTS).map((op) => [op, timeoutMs(profile, op as Operation) / 1000])),
          },
          probeRuns: {
            merged: merge,
            cases: probeCases.length,
            containerRuns: schedulers.reduce((sum, s) => sum + s.containerRuns, 0),
          },
          certification: opts.certification === true,
          ...(opts.argv ? { argv: opts.argv } : {}),
          ...(opts.shard ? { shard: opts.shard } : {}),
        },
        summary: summarize(tests, abort.aborted),
        tests,
      };
      reports.push(report);
      opts.onPassEnd?.(report, pass, chosen.versions.length);
      if (abort.aborted) break;
    }
    return reports;
  } finally {
    // Last line of defence: anything still tracked is destroyed before the state root goes.
    if (cleanupDriver && driver) {
      for (const id of new Set([...driver.live, ...cleanupDriver.live])) await cleanupDriver.destroy(id);
    }
    // Every call has ended: the helper exits (it started nothing that is still ours).
    helper?.close();
    // The report object above holds this same array, so what is found here still reaches it.
    const last = await reapStrays({ ids: allContainerIds, dir: tmp.path, root: rootId });
    strays.push(...last.processes);
    leftCgroups.push(...last.cgroups);
    if (opts.keepTemp) opts.onKeptTemp?.(tmp.path);
    else await tmp.cleanup();
  }
}
