// Shared pieces of every rendering: run labels, the evidence of one test as plain text, shell
// quoting. Pure functions of the model.
import type { InvocationRecord, Report, TestResult, TestStatus } from './model.js';

/** Every status, in the order reports list them (worst first). */
export const STATUSES: readonly TestStatus[] = ['fail', 'error', 'warn', 'skip', 'pass'];

/** Worse statuses rank higher: a capability takes the worst status of its tests. */
export const STATUS_RANK: Record<TestStatus, number> = { pass: 0, skip: 1, warn: 2, fail: 3, error: 4 };

export function worstStatus(statuses: Iterable<TestStatus>): TestStatus | undefined {
  let worst: TestStatus | undefined;
  for (const s of statuses) if (worst === undefined || STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  return worst;
}

/**
 * What every rendering must say about how complete and how official a run is: a filtered,
 * partial, interrupted or sharded run is labelled as such, in every file.
 */
export function runLabels(r: Report): string[] {
  const labels: string[] = [];
  const run = r.run;
  if (run.only.length || run.skip.length) {
    const f = [...run.only.map((p) => `--only ${p}`), ...run.skip.map((p) => `--skip ${p}`)].join(' ');
    labels.push(`FILTERED run (${f}): not every test ran`);
  }
  if (run.shard) labels.push(`SHARD ${run.shard.index}/${run.shard.count}: one slice of the catalogue, not a complete run`);
  if (run.interrupted) labels.push('INTERRUPTED: the run was stopped before every test ran');
  else if (run.partial && !run.shard && !(run.only.length || run.skip.length)) labels.push('PARTIAL run: not every test of the catalogue ran');
  if (run.shards) labels.push(`MERGED from ${run.shards.length} shards`);
  labels.push(run.certification ? 'certification run' : 'not a certification run');
  return labels;
}

/** True when the run is complete: the whole catalogue, nothing filtered, not interrupted. */
export function isComplete(r: Report): boolean {
  return !r.run.partial && !r.run.interrupted && !r.run.shard && r.run.only.length === 0 && r.run.skip.length === 0;
}

/** A POSIX shell rendering of argv that pastes back into a shell as the same words. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** JSON for a value in evidence: compact, and strings as they are. */
export function evidenceValue(v: unknown): string {
  if (v === undefined) return '(not recorded)';
  if (typeof v === 'string') return JSON.stringify(v);
  return JSON.stringify(v);
}

export function invocationOutcome(inv: InvocationRecord): string {
  if (inv.spawnError) return `could not start: ${inv.spawnError}`;
  if (inv.timedOut) return `timed out after ${inv.durationMs} ms (killed)`;
  if (inv.signal) return `killed by ${inv.signal} after ${inv.durationMs} ms`;
  return `exit ${inv.exitCode} after ${inv.durationMs} ms`;
}

/** The one-line reason a test did not pass: the error, the first failed check, or the skip reason. */
export function shortReason(t: TestResult): string {
  if (t.status === 'skip') return `[${t.skip?.category}] ${t.skip?.reason ?? ''}`;
  const failed = t.checks.filter((c) => !c.ok);
  const parts: string[] = [];
  if (t.error) parts.push(t.error);
  if (failed.length) {
    const c = failed[0];
    parts.push(`${c.name} (${c.requirement}, ${c.level})${failed.length > 1 ? ` and ${failed.length - 1} more failed check${failed.length > 2 ? 's' : ''}` : ''}`);
  }
  return parts.join('; ') || t.status;
}

/** Everything a reviewer needs to judge one test, as plain text (JUnit bodies, Markdown details). */
export function evidenceText(t: TestResult): string {
  const lines: string[] = [`${t.id} (revision ${t.revision}): ${t.title}`, `status: ${t.status}`];
  if (t.skip) lines.push(`skipped [${t.skip.category}]: ${t.skip.reason}`);
  if (t.error) lines.push(`error: ${t.error}`);
  lines.push('requirements:');
  for (const r of t.requirements) lines.push(`  ${r.id} (${r.level}) ${r.url}`);
  if (t.checks.length) {
    lines.push('checks:');
    for (const c of t.checks) {
      lines.push(`  ${c.ok ? 'ok    ' : 'NOT OK'} ${c.name} [${c.requirement}, ${c.level}]`);
      if (!c.ok) {
        lines.push(`         expected: ${evidenceValue(c.expected)}`);
        lines.push(`         actual:   ${evidenceValue(c.actual)}`);
      }
    }
  }
  if (t.invocations.length) {
    lines.push('runtime calls:');
    for (const inv of t.invocations) {
      lines.push(`  $ ${shellQuote(inv.argv)}`);
      lines.push(`    ${invocationOutcome(inv)}`);
      if (inv.stdoutTail) lines.push(`    stdout: ${inv.stdoutTail.trimEnd().split('\n').join('\n            ')}`);
      if (inv.stderrTail) lines.push(`    stderr: ${inv.stderrTail.trimEnd().split('\n').join('\n            ')}`);
    }
  }
  lines.push(`duration: ${t.durationMs} ms`);
  return lines.join('\n');
}

/** Tests grouped by area, areas in the order they first appear. */
/** For a test whose status changed between repeated runs: "flaky: 3/4 pass (pass 3, fail 1)". */
export function flakyNote(t: TestResult): string | undefined {
  const r = t.repeat;
  if (!r?.flaky) return undefined;
  return `flaky: ${r.statuses.pass ?? 0}/${r.runs} pass (${Object.entries(r.statuses).map(([s, n]) => `${s} ${n}`).join(', ')})`;
}

export function byArea(tests: readonly TestResult[]): Map<string, TestResult[]> {
  const m = new Map<string, TestResult[]>();
  for (const t of tests) {
    const list = m.get(t.area) ?? [];
    list.push(t);
    m.set(t.area, list);
  }
  return m;
}

/** The first line of the runtime's version output, or "unknown". */
export function runtimeVersionLine(r: Report): string {
  return (r.runtime.versionOutput ?? '').split('\n')[0].trim() || 'unknown';
}

/** What a reader calls the thing under test: the product when given, else the runtime. */
export function subjectName(r: Report): string {
  return r.product ? `${r.product.name} ${r.product.version}` : `${r.runtime.profile} (${runtimeVersionLine(r)})`;
}
