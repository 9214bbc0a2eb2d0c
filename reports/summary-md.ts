// summary.md: a short Markdown summary for pull-request comments and CI job summaries.
// Every text from the run is escaped: GitHub renders inline HTML in Markdown, so a runtime's
// output must not be able to add markup, links or images.
import type { Report, TestResult } from './model.js';
import { byArea, flakyNote, runLabels, shortReason, subjectName, worstStatus } from './evidence.js';

/** Markdown-safe inline text: no HTML, no emphasis or links, no table breaks, one line. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Backslash, code, emphasis, links and images (a "[" is needed for both), tables, strikethrough.
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** Inline code that cannot be broken out of (no backticks survive inside). */
export function mdCode(s: string): string {
  return '`' + s.replace(/[\r\n]+/g, ' ').replace(/`/g, "'") + '`';
}

const MAX_LISTED = 20;

function listed(tests: TestResult[], line: (t: TestResult) => string): string[] {
  const out = tests.slice(0, MAX_LISTED).map(line);
  if (tests.length > MAX_LISTED) out.push(`- … and ${tests.length - MAX_LISTED} more (see report.html)`);
  return out;
}

export function renderSummaryMd(r: Report): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`### OCI runtime conformance: ${mdText(subjectName(r))} — runtime-spec ${r.specVersion}: **${s.verdict.toUpperCase()}**`, '');
  out.push(`${s.pass} pass · ${s.fail} fail · ${s.warn} warn · ${s.skip} skip · ${s.error} error (${s.total} tests)`, '');
  out.push(...runLabels(r).map((l) => `> ${mdText(l)}`), '');
  out.push('| area | result | pass | fail | warn | skip | error |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const [area, tests] of byArea(r.tests)) {
    const n = (st: string) => tests.filter((t) => t.status === st).length;
    out.push(`| ${mdText(area)} | ${worstStatus(tests.map((t) => t.status))} | ${n('pass')} | ${n('fail')} | ${n('warn')} | ${n('skip')} | ${n('error')} |`);
  }
  const failing = r.tests.filter((t) => t.status === 'fail' || t.status === 'error');
  if (failing.length) {
    out.push('', '**Failures**', '');
    out.push(...listed(failing, (t) => `- ${mdCode(t.id)} (${t.status}): ${mdText(shortReason(t))}`));
  }
  const warns = r.tests.filter((t) => t.status === 'warn');
  if (warns.length) {
    out.push('', '**Warnings** (SHOULD/MAY level)', '');
    out.push(...listed(warns, (t) => `- ${mdCode(t.id)}: ${mdText(shortReason(t))}`));
  }
  const flaky = r.tests.filter((t) => t.repeat?.flaky);
  if (flaky.length) {
    out.push('', `**Flaky** (the status changed between the ${flaky[0].repeat!.runs} runs of each test)`, '');
    out.push(...listed(flaky, (t) => `- ${mdCode(t.id)} (${t.status}): ${mdText(flakyNote(t)!)}`));
  }
  const skips = r.tests.filter((t) => t.status === 'skip');
  if (skips.length) {
    const cats = new Map<string, number>();
    for (const t of skips) cats.set(t.skip!.category, (cats.get(t.skip!.category) ?? 0) + 1);
    out.push('', `**Skipped**: ${[...cats].map(([c, n]) => `${n} ${c}`).join(', ')}`);
  }
  if (r.run.strayProcesses.length) out.push('', `**${r.run.strayProcesses.length} stray runtime processes** were left after the run and killed by the suite.`);
  const bin = r.runtime.binary;
  out.push(
    '',
    `<sub>${mdText(`${r.suite.name} ${r.suite.version}`)} · catalogue ${r.suite.catalogueDigest.slice(0, 12)} · ${mdText(r.runtime.profile)} ${bin ? `sha256 ${bin.sha256.slice(0, 12)}` : 'binary not hashed'} · ${mdText(`${r.environment.distro ?? 'unknown distro'}, kernel ${r.environment.kernel}, ${r.environment.arch}, cgroup ${r.environment.cgroupMode}`)} · ${r.run.startedAt}</sub>`,
  );
  return out.join('\n') + '\n';
}
