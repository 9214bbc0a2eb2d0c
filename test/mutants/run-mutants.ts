// Running the mutant catalogue: the plan (which suite runs: the unmutated bases, each mutant and
// each known survivor, at each version it names), running it a few suite runs at a time, and the
// sweep of whatever a run left on the host. Shared by test/validation/mutants.test.ts and
// `npm run mutation` (test/mutants/mutation.ts), so that both judge a kill the same way.
import { existsSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import { versionInRange, type SpecVersion } from '../../schema/versions.js';
import type { Report, TestStatus } from '../../reports/model.js';
import type { TestCase } from '../../validation/harness/case.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { resolveProfile, type RuntimeProfile } from '../../validation/harness/profile.js';
import { runSuite } from '../../validation/harness/runner.js';
import { cgroupNamesFor } from '../../validation/harness/strays.js';
import { COVERAGE_VERSIONS, DEFAULT_VERSIONS, SURVIVORS, type Base, type Mutant } from './catalogue.js';

export const MUTANTS_DIR = packagePath('test/mutants');
export const FIXED_RUNC = join(MUTANTS_DIR, 'fixed-runc.sh');
/** Suite runs at once; each runs its cases two at a time. */
export const CONCURRENT_RUNS = 3;

export const byId = new Map(CATALOGUE.map((c) => [c.id, c]));
export const applies = (c: TestCase, v: SpecVersion) => versionInRange(v, c.since, c.until);
export const versionsOf = (m: Mutant) => m.versions ?? DEFAULT_VERSIONS;
/** The killedBy tests of a mutant that apply at `v` (a case may exist only from some version). */
export const killedAt = (m: Mutant, v: SpecVersion) => m.killedBy.filter((id) => byId.has(id) && applies(byId.get(id)!, v));

/** Whatever a run left on the host under the container IDs it used: killed and removed. */
export function sweep(report: Report): string[] {
  const ids = new Set<string>();
  for (const test of report.tests) {
    for (const inv of test.invocations) if (inv.argv.includes('create')) ids.add(inv.argv[inv.argv.length - 1]);
  }
  const dirs: string[] = [];
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, controllers, path] = line.split(':');
    const names = controllers === '' ? ['unified', ''] : controllers.split(',').map((c) => c.replace(/^name=/, ''));
    for (const name of names) {
      const base = name ? `/sys/fs/cgroup/${name}` : '/sys/fs/cgroup';
      if (!existsSync(base)) continue;
      for (const id of ids) {
        for (const name of cgroupNamesFor(id)) {
          for (const d of new Set([join(base, path ?? '/', name), join(base, name)])) if (existsSync(d) && !dirs.includes(d)) dirs.push(d);
        }
      }
    }
  }
  const found: string[] = [];
  for (const d of dirs) {
    let pids: string[] = [];
    try {
      pids = readFileSync(join(d, 'cgroup.procs'), 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      // Not a cgroup directory after all.
    }
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
        found.push(`process ${pid} in ${d}`);
      } catch {
        // Gone meanwhile.
      }
    }
  }
  // Killed processes leave their cgroups once reaped; give them a moment.
  const deadline = Date.now() + 5000;
  for (const d of dirs) {
    for (;;) {
      try {
        rmdirSync(d);
        found.push(`cgroup ${d}`);
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') break;
        if (Date.now() > deadline) {
          found.push(`cgroup ${d} (could not be removed: ${code})`);
          break;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  }
  return found;
}

export interface Run {
  key: string;
  profile: RuntimeProfile;
  version: SpecVersion;
  only?: string[];
  report?: Report;
  error?: string;
  swept?: string[];
  ms?: number;
}

export async function pool<T>(items: T[], n: number, work: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** The profile of a base runtime or a wrapper script, with a mutant's shorter deadlines. */
export function profileFor(base: Base | string, timeouts?: Mutant['timeouts']): RuntimeProfile {
  const p = base === 'runc' ? resolveProfile('runc', undefined) : resolveProfile(base === 'fixed-runc' ? FIXED_RUNC : base, undefined);
  return timeouts ? { ...p, timeouts: { ...p.timeouts, ...timeouts } } : p;
}

export interface Plan {
  /** Keyed `<base>@<version>`. */
  baselines: Map<string, Run>;
  /** Keyed `<mutant>@<version>`. */
  mutantRuns: Run[];
  survivorRuns: Run[];
}

/**
 * The suite runs for `selected` mutants: each against just its killedBy tests, and each base at
 * each version with the union of those tests. `full` adds fixed-runc with the whole catalogue at
 * every coverage version, runc at 1.0.2, and the known survivors.
 */
export function planRuns(selected: Mutant[], full: boolean): Plan {
  const baselines = new Map<string, Run>();
  if (full) {
    for (const v of COVERAGE_VERSIONS) baselines.set(`fixed-runc@${v}`, { key: `fixed-runc@${v}`, profile: profileFor('fixed-runc'), version: v });
    baselines.set('runc@1.0.2', { key: 'runc@1.0.2', profile: profileFor('runc'), version: '1.0.2' });
  }
  for (const m of selected) {
    for (const v of versionsOf(m)) {
      const key = `${m.base}@${v}`;
      const b = baselines.get(key) ?? { key, profile: profileFor(m.base), version: v, only: [] };
      b.only?.push(...killedAt(m, v));
      baselines.set(key, b);
    }
  }
  const mutantRuns = selected.flatMap((m) =>
    versionsOf(m).map((v): Run => ({ key: `${m.name}@${v}`, profile: profileFor(join(MUTANTS_DIR, `${m.name}.sh`), m.timeouts), version: v, only: killedAt(m, v) })),
  );
  const survivorRuns = (full ? SURVIVORS : []).flatMap((m) =>
    versionsOf(m).map((v): Run => ({ key: `${m.name}@${v}`, profile: profileFor(join(MUTANTS_DIR, 'survivors', `${m.name}.sh`), m.timeouts), version: v, only: killedAt(m, v) })),
  );
  return { baselines, mutantRuns, survivorRuns };
}

/** Runs every run of the plan, the bases first and the slowest mutants early; fills in each Run. */
export async function executePlan(plan: Plan, signal: AbortSignal, onDone?: (r: Run) => void): Promise<Run[]> {
  const slow = (r: Run) => (r.only?.some((id) => ['kill.delivers-signals', 'create.program-not-run', 'create.config-edits-ignored', 'state.status-transitions'].includes(id)) ? 0 : 1);
  const runs = [...plan.baselines.values(), ...[...plan.mutantRuns].sort((a, b) => slow(a) - slow(b)), ...plan.survivorRuns];
  await pool(runs, CONCURRENT_RUNS, async (r) => {
    if (r.only?.length === 0 || signal.aborted) return;
    const t0 = Date.now();
    try {
      r.report = await runSuite({ profile: r.profile, cases: CATALOGUE, specVersion: r.version, only: r.only, jobs: 2, signal });
      r.swept = sweep(r.report);
    } catch (e) {
      r.error = (e as Error).stack ?? String(e);
    }
    r.ms = Date.now() - t0;
    onDone?.(r);
  });
  return runs;
}

/**
 * Checks recorded against a passing base (the full-catalogue runs of fixed-runc at every coverage
 * version and runc at 1.0.2), as "test: check", that failed in no mutant's run: checks no mutant
 * shows able to fail. Empty unless the plan is full.
 */
export function unkilledChecks(plan: Plan): { required: number; unkilled: string[] } {
  const required = new Set<string>();
  for (const key of [...COVERAGE_VERSIONS.map((v) => `fixed-runc@${v}`), 'runc@1.0.2']) {
    for (const x of plan.baselines.get(key)?.report?.tests ?? []) if (x.status === 'pass') for (const c of x.checks) required.add(`${x.id}: ${c.name}`);
  }
  const killed = new Set<string>();
  for (const r of plan.mutantRuns) for (const x of r.report?.tests ?? []) for (const c of x.checks) if (!c.ok) killed.add(`${x.id}: ${c.name}`);
  return { required: required.size, unkilled: [...required].filter((k) => !killed.has(k)).sort() };
}

export function statusIn(r: Run | undefined, id: string): TestStatus | string {
  if (!r?.report) return `no report (${r?.error ?? 'not run'})`;
  return r.report.tests.find((x) => x.id === id)?.status ?? 'not in the run';
}

export interface Verdict {
  mutant: Mutant;
  version: SpecVersion;
  /** Tests that passed on the base in this run and did not pass (fail, or the expected warn/error) on the mutant. */
  killedBy: string[];
  /** The mutant's killedBy tests that did not pass on the base in this run: they cannot count. */
  baseNotPass: string[];
  /** Every killedBy test's status on the mutant. */
  statuses: Record<string, string>;
}

/** A mutant counts as killed at a version only by tests that pass against its unmutated base in the same run. */
export function judge(plan: Plan, m: Mutant, v: SpecVersion, survivor = false): Verdict {
  const r = (survivor ? plan.survivorRuns : plan.mutantRuns).find((x) => x.key === `${m.name}@${v}`);
  const base = plan.baselines.get(`${m.base}@${v}`);
  const killedBy: string[] = [];
  const baseNotPass: string[] = [];
  const statuses: Record<string, string> = {};
  for (const id of killedAt(m, v)) {
    const s = statusIn(r, id);
    statuses[id] = s;
    if (statusIn(base, id) !== 'pass') {
      baseNotPass.push(id);
      continue;
    }
    if (s === 'fail' || s === m.expect?.[id]) killedBy.push(id);
  }
  return { mutant: m, version: v, killedBy, baseNotPass, statuses };
}
