// `report matrix`: several reports as one table per spec version — runtimes down, areas across,
// each cell the worst status of the area with its pass count. Markdown and HTML, pure functions.
import type { Report, TestResult, TestStatus } from './model.js';
import { byArea, isComplete, runtimeVersionLine, worstStatus } from './evidence.js';
import { compareVersions } from '../schema/versions.js';
import { runtimeOverviewRows } from './runtimes-table.js';
import { esc, HTML_CSP } from './html.js';
import { mdText } from './summary-md.js';

export interface MatrixCell {
  status: TestStatus | undefined;
  passed: number;
  ran: number;
  skipped: number;
}

export interface MatrixRow {
  runtime: string;
  version: string;
  complete: boolean;
  verdict: 'pass' | 'fail';
  cells: Record<string, MatrixCell>;
}

/** One runtime across spec versions: the verdict and counts of its report at each version. */
export interface VersionRow {
  runtime: string;
  version: string;
  cells: Record<string, { verdict: 'pass' | 'fail'; passed: number; ran: number; complete: boolean } | undefined>;
}

export interface Matrix {
  areas: string[];
  /** Every spec version some report was run at, oldest first. */
  specVersions: string[];
  /** Runtime × spec version, one row per runtime (profile and version line), in report order. */
  byRuntime: VersionRow[];
  /** Rows by spec version, versions oldest first, rows in the order the reports were given. */
  bySpecVersion: [string, MatrixRow[]][];
}

function cell(tests: readonly TestResult[] | undefined): MatrixCell {
  const t = tests ?? [];
  const ran = t.filter((x) => x.status !== 'skip');
  return {
    status: worstStatus(ran.map((x) => x.status)) ?? (t.length ? 'skip' : undefined),
    passed: ran.filter((x) => x.status === 'pass' || x.status === 'warn').length,
    ran: ran.length,
    skipped: t.length - ran.length,
  };
}

export function buildMatrix(reports: readonly Report[]): Matrix {
  const areas = [...new Set(reports.flatMap((r) => r.tests.map((t) => t.area)))];
  const versions = [...new Set(reports.map((r) => r.specVersion))].sort(compareVersions);
  const byRuntime: VersionRow[] = [];
  for (const r of reports) {
    const version = runtimeVersionLine(r);
    let row = byRuntime.find((x) => x.runtime === r.runtime.profile && x.version === version);
    if (!row) byRuntime.push((row = { runtime: r.runtime.profile, version, cells: {} }));
    const ran = r.tests.filter((x) => x.status !== 'skip');
    row.cells[r.specVersion] = {
      verdict: r.summary.verdict,
      passed: ran.filter((x) => x.status === 'pass' || x.status === 'warn').length,
      ran: ran.length,
      complete: isComplete(r) || Boolean(r.run.shards),
    };
  }
  return {
    areas,
    specVersions: versions,
    byRuntime,
    bySpecVersion: versions.map((v) => [
      v,
      reports
        .filter((r) => r.specVersion === v)
        .map((r) => {
          const groups = byArea(r.tests);
          return {
            runtime: r.runtime.profile,
            version: runtimeVersionLine(r),
            complete: isComplete(r) || Boolean(r.run.shards),
            verdict: r.summary.verdict,
            cells: Object.fromEntries(areas.map((a) => [a, cell(groups.get(a))])),
          };
        }),
    ]),
  };
}

function cellText(c: MatrixCell): string {
  if (!c.status) return '—';
  if (c.ran === 0) return `skip (${c.skipped})`;
  const mark = c.status === 'fail' || c.status === 'error' ? c.status.toUpperCase() : c.status;
  return `${mark} ${c.passed}/${c.ran}${c.skipped ? ` +${c.skipped} skip` : ''}`;
}

function versionCellText(c: VersionRow['cells'][string]): string {
  if (!c) return '—';
  return `${c.verdict === 'pass' ? 'pass' : '**FAIL**'} ${c.passed}/${c.ran}${c.complete ? '' : ' *partial*'}`;
}

export function renderMatrixMd(reports: readonly Report[], intro = '# Conformance matrix'): string {
  const m = buildMatrix(reports);
  const out: string[] = [intro.trim(), ''];
  out.push('Each cell: the worst status of the area\'s tests that ran, passed/ran, and skips. A runtime marked *partial* did not run the whole catalogue.', '');
  out.push(...runtimeOverviewRows(reports));
  out.push('', '## Runtimes × spec versions', '', 'Each cell: the verdict at that version and tests passed/ran; — where the runtime was not run at that version.', '');
  out.push(`| runtime | ${m.specVersions.join(' | ')} |`, `| --- |${m.specVersions.map(() => ' --- |').join('')}`);
  for (const row of m.byRuntime) {
    out.push(`| ${mdText(row.runtime)} ${mdText(row.version)} | ${m.specVersions.map((v) => versionCellText(row.cells[v])).join(' | ')} |`);
  }
  for (const [v, rows] of m.bySpecVersion) {
    out.push('', `## runtime-spec ${v}`, '');
    out.push(`| runtime | verdict | ${m.areas.map(mdText).join(' | ')} |`, `| --- | --- |${m.areas.map(() => ' --- |').join('')}`);
    for (const row of rows) {
      out.push(`| ${mdText(row.runtime)} ${mdText(row.version)}${row.complete ? '' : ' *partial*'} | ${row.verdict === 'pass' ? 'pass' : '**FAIL**'} | ${m.areas.map((a) => cellText(row.cells[a])).join(' | ')} |`);
    }
  }
  return out.join('\n') + '\n';
}

export function renderMatrixHtml(reports: readonly Report[], title = 'Conformance matrix'): string {
  const m = buildMatrix(reports);
  const pivot =
    `<h2>Runtimes × spec versions</h2><table><thead><tr><th>runtime</th>${m.specVersions.map((v) => `<th>${esc(v)}</th>`).join('')}</tr></thead><tbody>` +
    m.byRuntime
      .map(
        (row) =>
          `<tr><th scope="row">${esc(row.runtime)} <span class="muted">${esc(row.version)}</span></th>` +
          m.specVersions
            .map((v) => {
              const c = row.cells[v];
              return c ? `<td class="s-${c.verdict}">${esc(`${c.verdict.toUpperCase()} ${c.passed}/${c.ran}${c.complete ? '' : ' partial'}`)}</td>` : '<td>—</td>';
            })
            .join('') +
          '</tr>',
      )
      .join('') +
    '</tbody></table>';
  const sections = m.bySpecVersion
    .map(
      ([v, rows]) =>
        `<h2>runtime-spec ${esc(v)}</h2><table><thead><tr><th>runtime</th><th>verdict</th>${m.areas.map((a) => `<th>${esc(a)}</th>`).join('')}</tr></thead><tbody>` +
        rows
          .map(
            (row) =>
              `<tr><th scope="row">${esc(row.runtime)} <span class="muted">${esc(row.version)}</span>${row.complete ? '' : ' <em>partial</em>'}</th><td class="s-${row.verdict}">${row.verdict.toUpperCase()}</td>` +
              m.areas.map((a) => `<td class="s-${row.cells[a].status ?? 'none'}">${esc(cellText(row.cells[a]))}</td>`).join('') +
              '</tr>',
          )
          .join('') +
        '</tbody></table>',
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<title>${esc(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:20px auto;max-width:1200px;padding:0 16px;color:#1f2328}
table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
thead th{background:#f6f8fa}.muted{color:#57606a;font-weight:normal}
.s-pass{background:#dafbe1}.s-warn{background:#fff8c5}.s-skip{background:#eaeef2}.s-fail,.s-error{background:#ffebe9;font-weight:700}
@media print{td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>Each cell: the worst status of the area's tests that ran, passed/ran, and skips.</p>
${pivot}
${sections}
</body>
</html>
`;
}
