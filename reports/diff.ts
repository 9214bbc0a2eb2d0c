// `report diff A B`: what changed between two runs, keyed by stable test ID. For CI: a run is
// compared with a baseline run, and any regression fails the job.
import type { Report, TestResult, TestStatus } from './model.js';
import { runtimeVersionLine } from './evidence.js';
import { mdCode, mdText } from './summary-md.js';

export interface StatusChange {
  id: string;
  before: TestStatus;
  after: TestStatus;
  detail: string;
}

export interface ReportDiff {
  /** Failing (fail/error) in B, and not failing in A — or new in B and failing. */
  regressions: StatusChange[];
  /** Failing in A, not failing in B. */
  fixes: StatusChange[];
  /** Other status changes (pass <-> warn, pass <-> skip, fail <-> error). */
  changed: StatusChange[];
  added: { id: string; status: TestStatus }[];
  removed: { id: string; status: TestStatus }[];
  /** Skipped in both, with another category or reason. */
  skipReasons: { id: string; before: string; after: string }[];
  /** The same ID at another revision: compared, but its meaning changed. */
  revisions: { id: string; before: number; after: number }[];
  /** Differences of runtime, suite, spec version, environment and run mode. */
  environment: { field: string; before: string; after: string }[];
}

const failing = (s: TestStatus) => s === 'fail' || s === 'error';

function why(t: TestResult): string {
  if (t.status === 'skip') return `[${t.skip?.category}] ${t.skip?.reason}`;
  const failed = t.checks.filter((c) => !c.ok).map((c) => c.name);
  return [t.error, failed.length ? `failed: ${failed.join('; ')}` : ''].filter(Boolean).join('; ');
}

function skipText(t: TestResult): string {
  return `[${t.skip?.category}] ${t.skip?.reason}`;
}

function facts(r: Report): Record<string, string> {
  const e = r.environment;
  return {
    'runtime profile': r.runtime.profile,
    'runtime version': runtimeVersionLine(r),
    'runtime sha256': r.runtime.binary?.sha256 ?? 'unknown',
    'spec version': r.specVersion,
    suite: `${r.suite.name} ${r.suite.version}`,
    catalogue: r.suite.catalogueDigest,
    distribution: e.distro ?? 'unknown',
    kernel: e.kernel,
    arch: e.arch,
    'cgroup mode': e.cgroupMode,
    LSMs: e.lsms ? e.lsms.join(',') : 'unknown',
    privileges: `${e.root ? 'root' : 'not root'}${e.rootless ? ', rootless' : ''}`,
    isolation: e.isolation,
    filters: [...r.run.only.map((p) => `--only ${p}`), ...r.run.skip.map((p) => `--skip ${p}`)].join(' ') || 'none',
    certification: String(r.run.certification),
  };
}

export function diffReports(a: Report, b: Report): ReportDiff {
  const d: ReportDiff = { regressions: [], fixes: [], changed: [], added: [], removed: [], skipReasons: [], revisions: [], environment: [] };
  const before = new Map(a.tests.map((t) => [t.id, t]));
  const after = new Map(b.tests.map((t) => [t.id, t]));
  for (const t of b.tests) {
    const o = before.get(t.id);
    if (!o) {
      d.added.push({ id: t.id, status: t.status });
      if (failing(t.status)) d.regressions.push({ id: t.id, before: t.status, after: t.status, detail: `new test, ${why(t)}` });
      continue;
    }
    if (o.revision !== t.revision) d.revisions.push({ id: t.id, before: o.revision, after: t.revision });
    const change = { id: t.id, before: o.status, after: t.status, detail: why(t) || why(o) };
    if (failing(t.status) && !failing(o.status)) d.regressions.push(change);
    else if (failing(o.status) && !failing(t.status)) d.fixes.push({ ...change, detail: why(o) });
    else if (o.status !== t.status) d.changed.push(change);
    else if (t.status === 'skip' && skipText(o) !== skipText(t)) d.skipReasons.push({ id: t.id, before: skipText(o), after: skipText(t) });
  }
  for (const t of a.tests) if (!after.has(t.id)) d.removed.push({ id: t.id, status: t.status });
  const fa = facts(a);
  const fb = facts(b);
  for (const k of Object.keys(fa)) if (fa[k] !== fb[k]) d.environment.push({ field: k, before: fa[k], after: fb[k] });
  return d;
}

export function diffIsClean(d: ReportDiff): boolean {
  return d.regressions.length === 0;
}

export function renderDiffText(d: ReportDiff, names: [string, string]): string {
  const out: string[] = [`diff ${names[0]} -> ${names[1]}`];
  const section = <T>(title: string, items: T[], line: (x: T) => string) => {
    out.push(`${title}: ${items.length}`);
    for (const x of items) out.push(`  ${line(x)}`);
  };
  section('regressions', d.regressions, (x) => `${x.id}: ${x.before} -> ${x.after}${x.detail ? ` (${x.detail})` : ''}`);
  section('fixes', d.fixes, (x) => `${x.id}: ${x.before} -> ${x.after}`);
  section('other status changes', d.changed, (x) => `${x.id}: ${x.before} -> ${x.after}${x.detail ? ` (${x.detail})` : ''}`);
  section('new tests', d.added, (x) => `${x.id}: ${x.status}`);
  section('removed tests', d.removed, (x) => `${x.id}: was ${x.status}`);
  section('changed skip reasons', d.skipReasons, (x) => `${x.id}: ${x.before} -> ${x.after}`);
  section('changed revisions', d.revisions, (x) => `${x.id}: revision ${x.before} -> ${x.after}`);
  section('environment differences', d.environment, (x) => `${x.field}: ${x.before} -> ${x.after}`);
  out.push(d.regressions.length ? `REGRESSED: ${d.regressions.length} test(s) fail that did not before` : 'no regressions');
  return out.join('\n') + '\n';
}

export function renderDiffMd(d: ReportDiff, names: [string, string]): string {
  const out: string[] = [`### Conformance diff: ${mdText(names[0])} → ${mdText(names[1])}`, ''];
  out.push(d.regressions.length ? `**${d.regressions.length} regression(s)**` : 'No regressions.', '');
  const section = <T>(title: string, items: T[], line: (x: T) => string) => {
    if (!items.length) return;
    out.push(`**${title}** (${items.length})`, '', ...items.map((x) => `- ${line(x)}`), '');
  };
  section('Regressions', d.regressions, (x) => `${mdCode(x.id)}: ${x.before} → ${x.after} — ${mdText(x.detail)}`);
  section('Fixes', d.fixes, (x) => `${mdCode(x.id)}: ${x.before} → ${x.after}`);
  section('Other status changes', d.changed, (x) => `${mdCode(x.id)}: ${x.before} → ${x.after}`);
  section('New tests', d.added, (x) => `${mdCode(x.id)}: ${x.status}`);
  section('Removed tests', d.removed, (x) => `${mdCode(x.id)}: was ${x.status}`);
  section('Changed skip reasons', d.skipReasons, (x) => `${mdCode(x.id)}: ${mdText(x.before)} → ${mdText(x.after)}`);
  section('Changed revisions', d.revisions, (x) => `${mdCode(x.id)}: ${x.before} → ${x.after}`);
  section('Environment differences', d.environment, (x) => `${mdText(x.field)}: ${mdText(x.before)} → ${mdText(x.after)}`);
  return out.join('\n').trimEnd() + '\n';
}
