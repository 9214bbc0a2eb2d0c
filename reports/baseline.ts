// Baselines: the expected non-pass results of a runtime on a known host, each with its reason.
// A run is compared with its baseline in both directions, so a new suite bug and a silently
// fixed runtime deviation both show up.
import type { Report, TestStatus } from './model.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  status: Exclude<TestStatus, 'pass'>;
  /** Why: a runtime deviation, a host limitation, or a test that does not apply. */
  reason: string;
  /** Upstream issue or pull request, where one exists. */
  upstream?: string;
  /**
   * The runtime's behaviour varies between runs (seen on the recorded host): a pass is accepted
   * too. Reserved for runtime nondeterminism with evidence in the reason, never for suite flakes.
   */
  flaky?: boolean;
}

export interface Baseline {
  baselineVersion: typeof BASELINE_VERSION;
  runtime: string;
  /** The runtime version output the baseline was recorded with. */
  runtimeVersion: string;
  specVersion: string;
  expected: Record<string, BaselineEntry>;
  /** Set when the runtime is known to leave empty cgroups behind after delete, with the reason. */
  leavesCgroups?: { reason: string; upstream?: string };
}

export interface BaselineDifference {
  id: string;
  expected: TestStatus;
  actual: TestStatus | 'absent';
  /** The baseline's reason, or the failing checks for an unexpected failure. */
  detail: string;
}

export class BaselineError extends Error {}

export function parseBaseline(text: string, source: string): Baseline {
  let b: Baseline;
  try {
    b = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${source}: not JSON: ${(e as Error).message}`);
  }
  if (b?.baselineVersion !== BASELINE_VERSION) {
    throw new BaselineError(`${source}: baselineVersion ${JSON.stringify(b?.baselineVersion)} is not supported; this suite reads ${BASELINE_VERSION}`);
  }
  return b;
}

export function compareWithBaseline(report: Report, baseline: Baseline): BaselineDifference[] {
  const diffs: BaselineDifference[] = [];
  const seen = new Set<string>();
  for (const t of report.tests) {
    seen.add(t.id);
    const entry = baseline.expected[t.id];
    const want = entry?.status ?? 'pass';
    if (t.status !== want && !(entry?.flaky && t.status === 'pass')) {
      const failed = t.checks.filter((c) => !c.ok).map((c) => c.name);
      diffs.push({
        id: t.id,
        expected: want,
        actual: t.status,
        detail: baseline.expected[t.id]?.reason ?? (t.error ?? t.skip?.reason ?? `failed checks: ${failed.join('; ')}`),
      });
    }
  }
  for (const [id, e] of Object.entries(baseline.expected)) {
    if (!seen.has(id)) diffs.push({ id, expected: e.status, actual: 'absent', detail: e.reason });
  }
  // Leaked cgroups are a run-level finding: compared too, in both directions.
  const leaked = (report.run.leftCgroups ?? []).length > 0;
  if (leaked !== Boolean(baseline.leavesCgroups)) {
    diffs.push({
      id: '(run) left cgroups',
      expected: baseline.leavesCgroups ? 'fail' : 'pass',
      actual: leaked ? 'fail' : 'pass',
      detail: leaked ? `the runtime left ${report.run.leftCgroups!.length} empty cgroups, e.g. ${report.run.leftCgroups![0]}` : (baseline.leavesCgroups?.reason ?? ''),
    });
  }
  return diffs;
}
