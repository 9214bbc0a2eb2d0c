// junit.xml for CI test panels (GitHub, GitLab, Jenkins): one testsuite, one testcase per test.
// Test case name = stable test ID, classname = area. Written by hand: every text goes through
// xmlText/xmlAttr, which escape markup and replace characters XML 1.0 cannot carry.
import type { Report, TestResult } from './model.js';
import { evidenceText, runLabels, runtimeVersionLine, shortReason } from './evidence.js';

// Characters XML 1.0 allows: #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF].
// Anything else (control bytes a runtime may print, lone surrogates) is shown as \uXXXX.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function visible(s: string): string {
  return s.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function xmlText(s: string): string {
  return visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function testcase(t: TestResult): string {
  const head = `    <testcase${attrs({ name: t.id, classname: t.area, time: seconds(t.durationMs) })}>\n`;
  let body = '';
  const evidence = evidenceText(t);
  switch (t.status) {
    case 'fail':
      body += `      <failure${attrs({ message: shortReason(t), type: 'fail' })}>${xmlText(evidence)}</failure>\n`;
      break;
    case 'error':
      body += `      <error${attrs({ message: shortReason(t), type: 'error' })}>${xmlText(evidence)}</error>\n`;
      break;
    case 'skip':
      body += `      <skipped${attrs({ message: shortReason(t) })}/>\n`;
      break;
    case 'warn':
      // JUnit has no "warning": the test passes, and its output says what fell short.
      body += `      <system-out>${xmlText(`WARN: only SHOULD/MAY-level requirements failed\n${evidence}`)}</system-out>\n`;
      return head + body + '    </testcase>\n';
    case 'pass':
      break;
  }
  body += `      <system-out>${xmlText(t.status === 'pass' ? `${t.title}\n${t.requirements.map((r) => `${r.id} (${r.level}) ${r.url}`).join('\n')}` : t.title)}</system-out>\n`;
  return head + body + '    </testcase>\n';
}

export function renderJunit(r: Report): string {
  const s = r.summary;
  const time = seconds(r.tests.reduce((a, t) => a + t.durationMs, 0));
  const name = `${r.suite.name} ${r.suite.version}: ${r.runtime.profile} against runtime-spec ${r.specVersion}`;
  const counts = { tests: s.total, failures: s.fail, errors: s.error, skipped: s.skip, time };
  const props: [string, string][] = [
    ['verdict', s.verdict],
    ['labels', runLabels(r).join('; ')],
    ['spec-version', `${r.specVersion} (${r.specVersionReason})`],
    ['suite', `${r.suite.name} ${r.suite.version}`],
    ['catalogue-digest', r.suite.catalogueDigest],
    ['runtime', r.runtime.profile],
    ['runtime-version', runtimeVersionLine(r)],
    ['runtime-sha256', r.runtime.binary?.sha256 ?? `unknown: ${r.runtime.binaryError ?? ''}`],
    ['kernel', r.environment.kernel],
    ['arch', r.environment.arch],
    ['cgroup-mode', r.environment.cgroupMode],
    ['warn', String(s.warn)],
  ];
  if (r.product) props.push(['product', `${r.product.vendor} ${r.product.name} ${r.product.version}`]);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites${attrs({ name, ...counts })}>\n`;
  // Jenkins' schema takes a timestamp without zone or fraction; the run's times are UTC.
  out += `  <testsuite${attrs({ name, ...counts, timestamp: r.run.startedAt.slice(0, 19) })}>\n`;
  out += '    <properties>\n';
  for (const [k, v] of props) out += `      <property${attrs({ name: k, value: v })}/>\n`;
  out += '    </properties>\n';
  for (const t of r.tests) out += testcase(t);
  out += '  </testsuite>\n</testsuites>\n';
  return out;
}
