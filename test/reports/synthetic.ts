// Synthetic reports for the report self-tests: complete, schema-valid models built from the real
// catalogue (so `report verify` accepts them), with chosen statuses and, on request, hostile text
// in every free-text field. No runtime is run.
import { CATALOGUE } from '../../validation/cases/index.js';
import { severityOf } from '../../schema/diagnostics.js';
import { versionInRange, type SpecVersion } from '../../schema/versions.js';
import { PACKAGE } from '../../schema/package-root.js';
import { summarize, type Product, type Report, type TestResult, type TestStatus } from '../../reports/model.js';
import { catalogueDigest } from '../../reports/provenance.js';
import { citedRequirements } from '../../reports/verify.js';

/** Markup and control bytes a hostile or broken runtime could print. */
export const HOSTILE = `<script>document.body.setAttribute('data-pwned','script')</script>"><img src=x onerror="document.body.setAttribute('data-pwned','img')">'\u0001]]>&amp;|*_\`[x](https://evil.example)`;

export const PRODUCT: Product = {
  vendor: 'Example Runtimes Ltd',
  name: 'Example runtime',
  version: '2.0.0',
  website_url: 'https://example.org/runtime',
  documentation_url: 'https://example.org/runtime/docs',
  type: 'runtime',
  description: 'An example runtime for the self-tests.',
  contact_email_address: 'conformance@example.org',
};

export interface SyntheticOptions {
  specVersion?: SpecVersion;
  /** Status by test ID; others pass (or skip not-applicable outside their version range). */
  statuses?: Record<string, TestStatus>;
  certification?: boolean;
  product?: Product | null;
  /** Put HOSTILE into every free-text field the schema allows it in. */
  hostile?: boolean;
}

export function syntheticTest(id: string, version: SpecVersion, status: TestStatus, text = ''): TestResult {
  const c = CATALOGUE.find((x) => x.id === id)!;
  const requirements = citedRequirements(c.requirements, version);
  const applies = versionInRange(version, c.since, c.until);
  const base = { id, revision: c.revision, title: c.title + text, area: c.area, requirements, durationMs: 12 };
  if (!applies || status === 'skip') {
    return {
      ...base,
      status: 'skip',
      skip: applies ? { category: 'environment', reason: `host lacks something${text}` } : { category: 'not-applicable', reason: `applies from another version${text}` },
      durationMs: 0,
      checks: [],
      invocations: [],
    };
  }
  const checks = requirements.map((q) => ({ requirement: q.id, level: q.level, name: `check ${q.id}${text}`, ok: true, expected: `want${text}`, actual: `got${text}` }));
  if (status === 'fail') {
    const i = checks.findIndex((k) => severityOf(k.level) === 'error');
    if (i < 0) throw new Error(`${id} has no MUST-level requirement to fail`);
    checks[i].ok = false;
  }
  if (status === 'warn') {
    const i = checks.findIndex((k) => severityOf(k.level) === 'warning');
    if (i < 0) throw new Error(`${id} has no SHOULD-level requirement to warn about`);
    checks[i].ok = false;
  }
  return {
    ...base,
    status,
    ...(status === 'error' ? { error: `the runtime could not create a container${text}` } : {}),
    checks,
    invocations: [
      {
        argv: ['runc', '--root', '/tmp/s', 'create', '--bundle', `/tmp/b${text}`, 'id-1'],
        exitCode: status === 'pass' ? 0 : 1,
        signal: null,
        durationMs: 5,
        timedOut: false,
        stdoutTail: `out${text}`,
        stderrTail: `err${text}\nsecond line${text}`,
      },
    ],
  };
}

export function syntheticReport(o: SyntheticOptions = {}): Report {
  const version = o.specVersion ?? '1.2.0';
  const h = o.hostile ? ` ${HOSTILE}` : '';
  const tests = CATALOGUE.map((c) => syntheticTest(c.id, version, o.statuses?.[c.id] ?? 'pass', h));
  const product = o.product === null ? undefined : (o.product ?? PRODUCT);
  const hostileProduct = product && o.hostile ? { ...product, vendor: product.vendor + h, name: product.name + h, description: product.description + h } : product;
  return {
    reportVersion: 1,
    suite: { name: PACKAGE.name, version: PACKAGE.version, catalogueDigest: catalogueDigest(CATALOGUE) },
    ...(hostileProduct ? { product: hostileProduct } : {}),
    specVersion: version,
    specVersionSource: 'option',
    specVersionReason: `--spec-version${h}`,
    runtime: {
      profile: `synthetic${h}`,
      command: ['runc', `--flag${h}`],
      isolation: 'native',
      versionOutput: `runc version 1.1.5${h}\nspec: 1.2.0`,
      features: { ociVersionMin: '1.0.0', ociVersionMax: '1.2.0', note: `features${h}` },
      binary: { element: 'runc', commandIndex: 0, path: '/usr/sbin/runc', realPath: '/usr/sbin/runc', sha256: 'a'.repeat(64), size: 1234 },
      profileDefinition: { profileVersion: 1, name: 'synthetic', command: ['runc'], isolation: 'native' },
    },
    environment: {
      kernel: '6.1.0-test',
      arch: 'x64',
      cgroupMode: 'v2',
      root: true,
      distro: `Debian GNU/Linux 12 (bookworm)${h}`,
      lsms: ['lockdown', 'capability', 'apparmor'],
      rootless: false,
      isolation: 'native',
      captures: { uname: `Linux 6.1.0-test${h}`, 'os-release': `PRETTY_NAME="Debian"${h}\n` },
    },
    run: {
      startedAt: '2026-01-02T03:04:05.678Z',
      finishedAt: '2026-01-02T03:05:06.789Z',
      jobs: 1,
      only: [],
      skip: [],
      partial: false,
      interrupted: false,
      strayProcesses: o.hostile ? [`pid 4711: sleep${h}`] : [],
      timeouts: { case: 120, operations: { create: 30, start: 30, state: 10, kill: 10, delete: 30, features: 10, hook: 10 } },
      certification: o.certification ?? true,
      argv: ['--runtime', 'runc', '--certify', '--product', '/somewhere/PRODUCT.yaml', '--out', '/tmp/out'],
    },
    summary: summarize(tests),
    tests,
  };
}

/** Catalogue IDs with a MUST-level and a SHOULD-level requirement, for fail and warn statuses. */
export function idsFor(version: SpecVersion = '1.2.0') {
  const applicable = CATALOGUE.filter((c) => versionInRange(version, c.since, c.until));
  const levels = (c: (typeof CATALOGUE)[number]) => citedRequirements(c.requirements, version).map((q) => severityOf(q.level));
  return {
    failable: applicable.filter((c) => levels(c).includes('error')).map((c) => c.id),
    warnable: applicable.filter((c) => levels(c).includes('warning')).map((c) => c.id),
    all: CATALOGUE.map((c) => c.id),
  };
}
