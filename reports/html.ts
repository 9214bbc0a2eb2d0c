// report.html: one self-contained page for reviewers — no scripts, no network, printable.
// Verdict banner, product / runtime / environment tables, a capability table per area, failures
// first with their evidence, skips grouped by category, and every test in a collapsible block.
// Every text from the model goes through esc(); a Content-Security-Policy forbids scripts and
// every load as a second line of defence.
import type { CheckRecord, InvocationRecord, Report, TestResult, TestStatus } from './model.js';
import { byArea, evidenceValue, flakyNote, invocationOutcome, runLabels, runtimeVersionLine, shellQuote, subjectName, worstStatus } from './evidence.js';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** HTML-escape text for element content and quoted attributes; control bytes become visible. */
export function esc(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link only for a plain https URL; anything else is shown as text. */
function link(url: string, text = url): string {
  return /^https:\/\/[^\s"'<>`]+$/.test(url) ? `<a href="${esc(url)}">${esc(text)}</a>` : esc(text);
}

const STATUS_LABEL: Record<TestStatus, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', error: 'ERROR' };

function badge(s: TestStatus): string {
  return `<span class="st st-${s}">${STATUS_LABEL[s]}</span>`;
}

function table(rows: [string, string][], cls = 'kv'): string {
  return `<table class="${cls}"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

function pre(s: string): string {
  return `<pre>${esc(s)}</pre>`;
}

function checksTable(checks: readonly CheckRecord[]): string {
  if (!checks.length) return '<p class="muted">No checks were recorded.</p>';
  const rows = checks
    .map(
      (c) =>
        `<tr class="${c.ok ? 'ok' : 'notok'}"><td>${c.ok ? 'ok' : '<strong>not ok</strong>'}</td><td>${esc(c.name)}</td><td><code>${esc(c.requirement)}</code></td><td>${esc(c.level)}</td><td><code>${esc(evidenceValue(c.expected))}</code></td><td><code>${esc(evidenceValue(c.actual))}</code></td></tr>`,
    )
    .join('');
  return `<table class="grid checks"><thead><tr><th>result</th><th>check</th><th>requirement</th><th>level</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function invocation(inv: InvocationRecord): string {
  let out = `<div class="inv"><code class="argv">$ ${esc(shellQuote(inv.argv))}</code> <span class="muted">${esc(invocationOutcome(inv))}</span>`;
  if (inv.stdoutTail) out += `<div class="stream">stdout</div>${pre(inv.stdoutTail)}`;
  if (inv.stderrTail) out += `<div class="stream">stderr</div>${pre(inv.stderrTail)}`;
  return out + '</div>';
}

function testBlock(t: TestResult, open: boolean, idPrefix: string): string {
  let body = `<p>${esc(t.title)} <span class="muted">(revision ${t.revision}, ${esc(t.area)}, ${t.durationMs} ms)</span></p>`;
  if (t.skip) body += `<p class="reason"><strong>Skipped — ${esc(t.skip.category)}:</strong> ${esc(t.skip.reason)}</p>`;
  if (t.error) body += `<p class="reason"><strong>Error:</strong> ${esc(t.error)}</p>`;
  if (t.reusedFrom) body += `<p class="muted">Measured at runtime-spec ${esc(t.reusedFrom)}, where this test expects the same; not run again at this version.</p>`;
  if (t.sharedRun) body += `<p class="muted">Its checks came from one container run shared with ${t.sharedRun.with.map((id) => `<code>${esc(id)}</code>`).join(', ')} (their config fields do not overlap).</p>`;
  body += `<p><strong>Requirements:</strong></p><ul class="reqs">${t.requirements.map((r) => `<li><code>${esc(r.id)}</code> ${esc(r.level)} — ${link(r.url)}</li>`).join('')}</ul>`;
  body += checksTable(t.checks);
  if (t.invocations.length) body += `<p><strong>Runtime calls</strong> (${t.invocations.length}):</p>${t.invocations.map(invocation).join('')}`;
  return `<details class="test t-${t.status}" id="${esc(idPrefix + t.id)}"${open ? ' open' : ''}><summary>${badge(t.status)} <code>${esc(t.id)}</code> ${esc(t.title)}${flakyNote(t) ? ` <span class="flaky">${esc(flakyNote(t)!)}</span>` : ''}</summary><div class="body">${body}</div></details>`;
}

const CSS = `
:root{--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--skip:#57606a;--error:#8250df;--line:#d0d7de;--soft:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0 auto;max-width:1200px;padding:0 16px 40px}
h1{margin:0;font-size:32px}h2{margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{margin:18px 0 6px}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--soft);border:1px solid var(--line);padding:6px 8px;white-space:pre-wrap;word-break:break-all;margin:2px 0 8px}
.banner{margin:16px 0;padding:16px 20px;border-radius:6px;color:#fff}
.banner.pass{background:var(--pass)}.banner.fail{background:var(--fail)}
.banner p{margin:4px 0}.banner .counts{font-size:18px;font-weight:600}
.labels{margin:8px 0 0;padding:0;list-style:none}.labels li{display:inline-block;margin:4px 6px 0 0;padding:2px 8px;border-radius:10px;background:rgba(255,255,255,.22);font-weight:600}
nav a{margin-right:12px}
table{border-collapse:collapse;margin:6px 0 10px}
table.kv th{text-align:left;vertical-align:top;padding:3px 14px 3px 0;white-space:nowrap;color:#57606a;font-weight:600}
table.kv td{padding:3px 0;word-break:break-word}
table.grid{width:100%}table.grid th,table.grid td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top;word-break:break-word}
table.grid thead th{background:var(--soft)}
tr.notok td{background:#ffebe9}
.st{display:inline-block;min-width:52px;text-align:center;padding:0 6px;border-radius:4px;color:#fff;font-weight:700;font-size:12px}
.flaky{color:var(--warn);font-weight:600}.st-pass{background:var(--pass)}.st-fail{background:var(--fail)}.st-warn{background:var(--warn)}.st-skip{background:var(--skip)}.st-error{background:var(--error)}
details.test{border:1px solid var(--line);border-radius:6px;margin:6px 0}
details.test>summary{cursor:pointer;padding:6px 10px;background:var(--soft)}
details.test .body{padding:4px 12px 8px}
details.t-fail{border-left:5px solid var(--fail)}details.t-error{border-left:5px solid var(--error)}details.t-warn{border-left:5px solid var(--warn)}
.muted{color:#57606a}.reason{background:#fff8c5;padding:4px 8px;border-radius:4px}
.inv{margin:6px 0 10px}.argv{display:block;white-space:pre-wrap;word-break:break-all}.stream{font-size:11px;color:#57606a;text-transform:uppercase}
ul.reqs{margin:0 0 6px}
footer{margin-top:30px;color:#57606a;font-size:12px}
@media print{
  body{max-width:none;padding:0}
  nav{display:none}
  .banner,.st,tr.notok td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  details.test{break-inside:avoid-page}
  details::details-content{content-visibility:visible;display:block}
  a{color:inherit}
}
`;

export function renderHtml(r: Report): string {
  const s = r.summary;
  const labels = runLabels(r);
  const title = `OCI runtime conformance: ${subjectName(r)} — runtime-spec ${r.specVersion} — ${s.verdict.toUpperCase()}`;
  const parts: string[] = [];
  parts.push(
    `<header class="banner ${s.verdict}" id="verdict"><h1>${s.verdict === 'pass' ? 'PASS' : 'FAIL'}</h1>` +
      `<p>${esc(subjectName(r))} against runtime-spec ${esc(r.specVersion)}</p>` +
      `<p class="counts">${s.pass} pass · ${s.fail} fail · ${s.warn} warn · ${s.skip} skip · ${s.error} error — ${s.total} tests</p>` +
      `<ul class="labels">${labels.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></header>`,
  );
  parts.push('<nav><a href="#product">Product</a><a href="#runtime">Runtime</a><a href="#environment">Environment</a><a href="#capabilities">Capabilities</a><a href="#failures">Failures</a><a href="#skips">Skips</a><a href="#tests">All tests</a></nav>');

  const p = r.product;
  parts.push(
    '<section id="product"><h2>Product</h2>' +
      (p
        ? table([
            ['vendor', esc(p.vendor)],
            ['name', esc(p.name)],
            ['version', esc(p.version)],
            ['type', esc(p.type)],
            ['description', esc(p.description)],
            ['website', link(p.website_url)],
            ...(p.repo_url ? ([['repository', link(p.repo_url)]] as [string, string][]) : []),
            ['documentation', link(p.documentation_url)],
            ['contact', esc(p.contact_email_address)],
          ])
        : '<p class="muted">No product was named (run with --product PRODUCT.yaml).</p>') +
      '</section>',
  );

  const rt = r.runtime;
  const bin = rt.binary;
  parts.push(
    '<section id="runtime"><h2>Runtime</h2>' +
      table([
        ['profile', esc(rt.profile)],
        ['command', `<code>${esc(shellQuote(rt.command))}</code>`],
        ['isolation', esc(rt.isolation)],
        ['binary', bin ? `<code>${esc(bin.realPath)}</code>${bin.realPath !== bin.path ? ` (via <code>${esc(bin.path)}</code>)` : ''}, ${bin.size} bytes — command element ${bin.commandIndex} <code>${esc(bin.element)}</code>` : `<strong>not hashed</strong>: ${esc(rt.binaryError ?? '')}`],
        ['sha256', bin ? `<code>${esc(bin.sha256)}</code>` : '—'],
        ['version output', rt.versionOutput ? pre(rt.versionOutput) : '—'],
        ['spec version', `${esc(r.specVersion)} <span class="muted">(${esc(r.specVersionSource)}: ${esc(r.specVersionReason)})</span>`],
        ['features', rt.features ? `<details><summary>features document (${Object.keys(rt.features).length} members)</summary>${pre(JSON.stringify(rt.features, null, 2))}</details>` : esc(rt.featuresError ?? '—')],
        ['profile', `<details><summary>effective profile</summary>${pre(JSON.stringify(rt.profileDefinition, null, 2))}</details>`],
      ]) +
      '</section>',
  );

  const e = r.environment;
  parts.push(
    '<section id="environment"><h2>Environment</h2>' +
      table([
        ['distribution', esc(e.distro ?? 'unknown')],
        ['kernel', esc(e.kernel)],
        ['architecture', esc(e.arch)],
        ['cgroup mode', esc(e.cgroupMode)],
        ['LSMs', esc(e.lsms ? e.lsms.join(', ') || 'none' : 'unknown (securityfs not readable)')],
        ['privileges', esc(`${e.root ? 'root' : 'not root'}${e.rootless ? ', rootless' : ''}`)],
        ['isolation kind', esc(e.isolation)],
        ['raw captures', Object.keys(e.captures).length ? Object.entries(e.captures).map(([k, v]) => `<details><summary>${esc(k)}</summary>${pre(v)}</details>`).join('') : '—'],
      ]) +
      '</section>',
  );

  const run = r.run;
  parts.push(
    '<section id="run"><h2>Suite and run</h2>' +
      table([
        ['suite', esc(`${r.suite.name} ${r.suite.version}`)],
        ['catalogue digest', `<code>${esc(r.suite.catalogueDigest)}</code>`],
        ['suite commit', r.suite.commit ? `<code>${esc(r.suite.commit)}</code>${r.suite.treeDirty ? ' <strong>(work tree had changes)</strong>' : ''}` : 'unknown (not run from a checkout)'],
        ['started', esc(run.startedAt)],
        ['finished', esc(run.finishedAt)],
        ['certification', run.certification ? 'yes' : 'no'],
        ['filters', esc([...run.only.map((x) => `--only ${x}`), ...run.skip.map((x) => `--skip ${x}`)].join(' ') || 'none')],
        ['jobs', String(run.jobs)],
        ['timeouts', esc(`case ${run.timeouts.case} s; ${Object.entries(run.timeouts.operations).map(([k, v]) => `${k} ${v} s`).join(', ')}`)],
        ...(run.shard ? ([['shard', `${run.shard.index} of ${run.shard.count}`]] as [string, string][]) : []),
        ...(run.shards ? ([['merged shards', run.shards.map((x) => `${x.index}/${x.count}: ${x.tests.length} tests, ${esc(x.startedAt)}`).join('<br>')]] as [string, string][]) : []),
        ...(run.argv ? ([['command line', `<code>${esc(shellQuote(['oci-conformance', 'run', ...run.argv]))}</code>`]] as [string, string][]) : []),
        ['stray processes', run.strayProcesses.length ? run.strayProcesses.map((x) => `<code>${esc(x)}</code>`).join('<br>') : 'none'],
      ]) +
      '</section>',
  );

  const areas = byArea(r.tests);
  const capRows = [...areas]
    .map(([area, tests]) => {
      const n = (st: TestStatus) => tests.filter((t) => t.status === st).length;
      const worst = worstStatus(tests.map((t) => t.status))!;
      return `<tr><td><a href="#area-${esc(area)}">${esc(area)}</a></td><td>${badge(worst)}</td><td>${n('pass')}</td><td>${n('fail')}</td><td>${n('warn')}</td><td>${n('skip')}</td><td>${n('error')}</td><td>${new Set(tests.flatMap((t) => t.requirements.map((q) => q.id))).size}</td></tr>`;
    })
    .join('');
  parts.push(
    '<section id="capabilities"><h2>Capabilities by area</h2><p class="muted">An area takes the worst status of its tests.</p>' +
      `<table class="grid"><thead><tr><th>area</th><th>result</th><th>pass</th><th>fail</th><th>warn</th><th>skip</th><th>error</th><th>requirements cited</th></tr></thead><tbody>${capRows}</tbody></table></section>`,
  );

  const failing = r.tests.filter((t) => t.status === 'fail' || t.status === 'error');
  const warns = r.tests.filter((t) => t.status === 'warn');
  parts.push(
    `<section id="failures"><h2>Failures and errors (${failing.length})</h2>` +
      (failing.length ? failing.map((t) => testBlock(t, true, 'failure-')).join('') : '<p>None.</p>') +
      (warns.length ? `<h3>Warnings: SHOULD/MAY-level requirements not met (${warns.length})</h3>${warns.map((t) => testBlock(t, true, 'warning-')).join('')}` : '') +
      '</section>',
  );

  const skips = r.tests.filter((t) => t.status === 'skip');
  const cats = new Map<string, TestResult[]>();
  for (const t of skips) cats.set(t.skip!.category, [...(cats.get(t.skip!.category) ?? []), t]);
  parts.push(
    `<section id="skips"><h2>Skipped (${skips.length})</h2>` +
      (skips.length
        ? [...cats]
            .map(([c, ts]) => `<h3>${esc(c)} (${ts.length})</h3><ul>${ts.map((t) => `<li><code>${esc(t.id)}</code> — ${esc(t.skip!.reason)}</li>`).join('')}</ul>`)
            .join('')
        : '<p>None.</p>') +
      '</section>',
  );

  parts.push(
    `<section id="tests"><h2>All tests (${r.tests.length})</h2>` +
      [...areas].map(([area, tests]) => `<h3 id="area-${esc(area)}">${esc(area)} (${tests.length})</h3>${tests.map((t) => testBlock(t, false, 'test-')).join('')}`).join('') +
      '</section>',
  );

  parts.push(
    `<footer>${esc(`${r.suite.name} ${r.suite.version}`)}, report version ${r.reportVersion}. Rendered from report.json; runtime ${esc(rt.profile)} ${esc(runtimeVersionLine(r))}${bin ? `, sha256 ${esc(bin.sha256)}` : ''}.</footer>`,
  );

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
