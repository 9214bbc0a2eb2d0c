// TAP 14 for a run: a header, then one subtest per test case, written as results arrive.
import { severityOf } from '../schema/diagnostics.js';
import type { Report, TestResult } from './model.js';
import { tapDescription, tapYamlBlock } from './tap-yaml.js';
import { runLabels } from './evidence.js';

export function tapHeader(info: { suite: string; runtime: string; specVersion: string; reason: string; total: number }): string {
  return `TAP version 14\n# ${info.suite} against ${info.runtime}: runtime-spec ${info.specVersion} (${info.reason})\n1..${info.total}\n`;
}

function checkLines(r: TestResult): string {
  let out = `    # Subtest: ${tapDescription(r.id)}\n`;
  r.checks.forEach((c, i) => {
    // A failed SHOULD/MAY-level check is a TODO: reported, but it does not fail the stream.
    const todo = !c.ok && severityOf(c.level) === 'warning' ? ` # TODO ${c.level}-level requirement not met` : '';
    out += `    ${c.ok ? 'ok' : 'not ok'} ${i + 1} - ${tapDescription(c.name)}${todo}\n`;
    if (!c.ok) {
      out += tapYamlBlock({ requirement: c.requirement, level: c.level, expected: c.expected, actual: c.actual }, 4);
    }
  });
  out += `    1..${r.checks.length}\n`;
  return out;
}

/** One test case as a TAP 14 subtest with its test point; `n` is 1-based. */
export function tapTestPoint(r: TestResult, n: number): string {
  // A flaky test says so in its description (escaped, so it is no directive): "\\# flaky 3/4 pass".
  const flaky = r.repeat?.flaky ? ` ${tapDescription(`# flaky ${r.repeat.statuses.pass ?? 0}/${r.repeat.runs} pass`)}` : '';
  const desc = `${tapDescription(r.id)} - ${tapDescription(r.title)}${flaky}`;
  if (r.status === 'skip') {
    return `ok ${n} - ${desc} # SKIP [${r.skip?.category}] ${tapDescription(r.skip?.reason ?? '')}\n`;
  }
  let out = r.checks.length ? checkLines(r) : '';
  const ok = r.status === 'pass';
  const directive = r.status === 'warn' ? ' # TODO only SHOULD-level requirements failed' : '';
  out += `${ok ? 'ok' : 'not ok'} ${n} - ${desc}${directive}\n`;
  if (!ok) {
    const failed = r.checks.filter((c) => !c.ok);
    out += tapYamlBlock({
      id: r.id,
      revision: r.revision,
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      requirements: r.requirements,
      failed: failed.map((c) => ({ check: c.name, requirement: c.requirement, level: c.level, expected: c.expected, actual: c.actual })),
      invocations: r.invocations,
      durationMs: r.durationMs,
    });
  }
  return out;
}

/** The whole stream for a finished report (the same text `run` prints live). */
export function renderTapReport(report: Report): string {
  let out = tapHeader({
    suite: `${report.suite.name} ${report.suite.version}`,
    runtime: report.runtime.profile,
    specVersion: report.specVersion,
    reason: report.specVersionReason,
    total: report.tests.length,
  });
  report.tests.forEach((t, i) => (out += tapTestPoint(t, i + 1)));
  return out + tapFooter(report);
}

export function tapFooter(report: Report): string {
  const s = report.summary;
  const strays = report.run.strayProcesses.length
    ? `# ${report.run.strayProcesses.length} stray runtime processes were left after the run and killed by the suite\n`
    : '';
  // Labels (filtered, shard, interrupted, certification) are comments: they never change the stream's counts.
  const labels = runLabels(report)
    .map((l) => `# ${tapDescription(l)}\n`)
    .join('');
  return `${strays}${labels}# ${s.verdict.toUpperCase()}: ${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip, ${s.error} error\n`;
}

// ---- all-versions runs: one stream, one subtest per spec version ------------------------------

/** Indent a finished piece of stream one subtest level (4 spaces), line by line. */
export function tapIndent(s: string): string {
  return s.replace(/^(?=.)/gm, '    ');
}

export function tapVersionsHeader(info: { suite: string; runtime: string; versions: readonly string[]; reason: string }): string {
  return `TAP version 14\n# ${info.suite} against ${info.runtime}: runtime-spec ${info.versions.join(', ')} (${info.reason})\n1..${info.versions.length}\n`;
}

/** Opens the subtest of one version's pass; its test points follow, indented. */
export function tapVersionStart(specVersion: string, total: number): string {
  return `# Subtest: runtime-spec ${specVersion}\n${tapIndent(`1..${total}\n`)}`;
}

/** Closes one version's subtest with its footer and its own test point (`n` is 1-based). */
export function tapVersionEnd(report: Report, n: number): string {
  const reused = report.tests.filter((t) => t.reusedFrom).length;
  const note = reused ? `# ${reused} results reused from earlier versions with the same expectations\n` : '';
  return tapIndent(note + tapFooter(report)) + `${report.summary.verdict === 'pass' ? 'ok' : 'not ok'} ${n} - runtime-spec ${report.specVersion}\n`;
}

/** The footer of an all-versions stream: one verdict over every version. */
export function tapVersionsFooter(reports: readonly Report[]): string {
  const failed = reports.filter((r) => r.summary.verdict !== 'pass').map((r) => r.specVersion);
  return `# ${failed.length ? `FAIL at ${failed.join(', ')}` : 'PASS'}: ${reports.length - failed.length} of ${reports.length} spec versions pass\n`;
}
