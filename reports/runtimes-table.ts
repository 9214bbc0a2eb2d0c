// A Markdown page of results for several runtimes on one host: a table test × runtime, then
// every non-pass result with its explanation from the runtime's baseline. Pure function.
import type { Baseline } from './baseline.js';
import type { Report, TestStatus } from './model.js';

const MARK: Record<TestStatus, string> = { pass: 'pass', fail: '**FAIL**', warn: 'warn', skip: 'skip', error: '**ERROR**' };

/** One Markdown table row per report: runtime, version, spec version and why, isolation, counts. */
export function runtimeOverviewRows(reports: readonly Report[]): string[] {
  const out = ['| runtime | version | spec version (why) | isolation | pass | fail | warn | skip | error |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of reports) {
    const s = r.summary;
    const version = (r.runtime.versionOutput ?? '').split('\n')[0];
    out.push(`| ${r.runtime.profile} | ${version} | ${r.specVersion} (${r.specVersionReason}) | ${r.runtime.isolation} | ${s.pass} | ${s.fail} | ${s.warn} | ${s.skip} | ${s.error} |`);
  }
  return out;
}

export function renderRuntimesTable(entries: { report: Report; baseline?: Baseline }[], intro: string): string {
  const ids = [...new Set(entries.flatMap((e) => e.report.tests.map((t) => t.id)))];
  const out: string[] = [intro.trim(), ''];
  out.push(...runtimeOverviewRows(entries.map((e) => e.report)));
  out.push('', `| test | ${entries.map((e) => e.report.runtime.profile).join(' | ')} |`, `| --- |${entries.map(() => ' --- |').join('')}`);
  for (const id of ids) {
    const cells = entries.map((e) => {
      const t = e.report.tests.find((x) => x.id === id);
      return t ? MARK[t.status] : '—';
    });
    out.push(`| \`${id}\` | ${cells.join(' | ')} |`);
  }
  for (const { report: r, baseline } of entries) {
    const notPass = r.tests.filter((t) => t.status !== 'pass');
    out.push('', `## ${r.runtime.profile}`, '');
    if (!notPass.length) {
      out.push('Every test passed.');
      continue;
    }
    for (const t of notPass) {
      const b = baseline?.expected[t.id];
      const why = b?.reason ?? t.skip?.reason ?? t.error ?? 'not explained by the baseline: a regression to investigate';
      const failed = t.checks.filter((c) => !c.ok).map((c) => `${c.name} (${c.requirement}, ${c.level})`);
      out.push(`- \`${t.id}\` — ${t.status}: ${why}${b?.upstream ? ` ([upstream](${b.upstream}))` : ''}`);
      if (failed.length) out.push(`  - failed checks: ${failed.join('; ')}`);
    }
  }
  return out.join('\n') + '\n';
}
