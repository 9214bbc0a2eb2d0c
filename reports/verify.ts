// `report verify`: checks a run directory or a submission bundle and prints one line per check.
// It trusts nothing in the files: digests are recomputed, every rendering is re-rendered from
// report.json and compared, the TAP is parsed strictly, the verdict and counts are recomputed
// from the per-test records, and the tests are checked against this suite's own catalogue.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Parser } from 'tap-parser';
import { requirementUrl } from '../validation/requirements/index.js';
import { requirementAt, statusOf } from '../validation/harness/case.js';
import { versionInRange, type SpecVersion } from '../schema/versions.js';
import { summarize, type Report, type RequirementCitation, type TestResult } from './model.js';
import { parseReportText } from './load.js';
import { RENDERED_FILES, renderAll } from './outputs.js';
import { BUNDLE_FILES, envFiles } from './bundle.js';
import { ProductError, parseProduct } from './product.js';
import { environmentClass, sha256 } from './provenance.js';
import { shardProblems } from './shards.js';

export interface VerifyCheck {
  ok: boolean;
  name: string;
  detail: string;
}

/** What the verifier knows of its own suite: the catalogue in order, and the suite's identity. */
export interface VerifierSuite {
  name: string;
  version: string;
  catalogueDigest: string;
  catalogue: readonly { id: string; revision: number; title: string; area: string; requirements: readonly string[]; since?: SpecVersion; until?: SpecVersion; needs?: readonly string[] }[];
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

interface TapPoint {
  ok: boolean;
  id: number;
  name: string;
  skip: string | boolean;
  todo: string | boolean;
}

function parseTap(text: string): Promise<{ points: TapPoint[]; plan: number | undefined; errors: string[] }> {
  return new Promise((resolve) => {
    const p = new Parser({ strict: true });
    const points: TapPoint[] = [];
    p.on('assert', (a: TapPoint) => points.push({ ok: a.ok, id: a.id, name: a.name, skip: a.skip, todo: a.todo }));
    p.on('complete', (res) => {
      const errors = (res.failures as { tapError?: string; data?: unknown }[]).filter((f) => f.tapError).map((f) => `${f.tapError} ${JSON.stringify(f.data ?? '').slice(0, 120)}`);
      resolve({ points, plan: res.plan?.end, errors });
    });
    p.end(text);
  });
}

/** TAP test points against the report's tests: same count, order, IDs and outcomes. */
function tapDisagreements(points: TapPoint[], tests: readonly TestResult[]): string[] {
  const problems: string[] = [];
  if (points.length !== tests.length) problems.push(`${points.length} test points for ${tests.length} tests`);
  tests.forEach((t, i) => {
    const p = points[i];
    if (!p) return;
    const id = p.name.split(' - ')[0];
    if (id !== t.id) problems.push(`point ${i + 1} is ${id}, report has ${t.id}`);
    const wantOk = t.status === 'pass' || t.status === 'skip' || t.status === 'warn';
    if (p.ok !== wantOk && !(t.status === 'warn' && p.todo)) problems.push(`${t.id}: TAP says ${p.ok ? 'ok' : 'not ok'}, report says ${t.status}`);
    if ((t.status === 'skip') !== Boolean(p.skip)) problems.push(`${t.id}: TAP ${p.skip ? 'skips' : 'does not skip'} it, report says ${t.status}`);
    if ((t.status === 'warn') !== Boolean(p.todo)) problems.push(`${t.id}: TAP ${p.todo ? 'marks' : 'does not mark'} it TODO, report says ${t.status}`);
  });
  return problems;
}

/**
 * The requirements a test cites at a spec version, as the runner records them: the entries in
 * force at that version, once each, with links pinned to the version's tag (or, for a test
 * outside its range, to the first version where the requirement applies).
 */
export function citedRequirements(ids: readonly string[], version: SpecVersion): RequirementCitation[] {
  return [...new Map(ids.map((id) => requirementAt(id, version)).map((q) => [q.id, q])).values()].map((q) => ({
    id: q.id,
    level: q.level,
    url: requirementUrl(q, versionInRange(version, q.since, q.until) ? version : (q.since ?? version)),
  }));
}

/** Everything wrong with the per-test records against this suite's catalogue. */
function recordProblems(r: Report, suite: VerifierSuite): { statuses: string[]; requirements: string[]; skips: string[] } {
  const statuses: string[] = [];
  const requirements: string[] = [];
  const skips: string[] = [];
  const byId = new Map(suite.catalogue.map((c) => [c.id, c]));
  const declared = ((r.runtime.profileDefinition as { unsupported?: { feature: string }[] }).unsupported ?? []).map((u) => u.feature);
  for (const t of r.tests) {
    if ((t.status === 'pass' || t.status === 'fail' || t.status === 'warn') && statusOf(t.checks) !== t.status) {
      statuses.push(`${t.id}: status ${t.status}, its checks say ${statusOf(t.checks)}`);
    }
    if (t.status === 'pass' && t.checks.length === 0) statuses.push(`${t.id}: pass without a single check`);
    if (t.status === 'error' && !t.error) statuses.push(`${t.id}: error without a message`);
    const c = byId.get(t.id);
    if (!c) continue;
    const want = citedRequirements(c.requirements, r.specVersion);
    if (JSON.stringify(t.requirements) !== JSON.stringify(want)) requirements.push(`${t.id}: cited requirements, levels or pinned links differ from the catalogue at ${r.specVersion}`);
    const levels = new Map(want.map((q) => [q.id, q.level]));
    for (const ch of t.checks) {
      if (!levels.has(ch.requirement)) requirements.push(`${t.id}: check "${ch.name}" cites ${ch.requirement}, which the test does not list`);
      else if (levels.get(ch.requirement) !== ch.level) requirements.push(`${t.id}: check "${ch.name}" gives ${ch.requirement} level ${ch.level}; the catalogue says ${levels.get(ch.requirement)}`);
    }
    const applies = versionInRange(r.specVersion, c.since, c.until);
    if (!applies && !(t.status === 'skip' && t.skip?.category === 'not-applicable')) {
      skips.push(`${t.id}: does not apply at runtime-spec ${r.specVersion}, yet its status is ${t.status}${t.skip ? ` (${t.skip.category})` : ''}`);
    }
    if (t.status === 'skip' && t.skip?.category === 'declared' && !(c.needs ?? []).some((n) => declared.includes(n))) {
      skips.push(`${t.id}: skipped as declared unsupported, but the profile declares none of its needs (${(c.needs ?? []).join(', ') || 'none'})`);
    }
  }
  return { statuses, requirements, skips };
}

/** Read a file of dir, or undefined when it is absent. */
function readIn(dir: string, name: string): string | undefined {
  const p = join(dir, name);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

/**
 * Check dir. `report.json` that is unreadable, not JSON or of an unknown reportVersion throws
 * ReportLoadError (the caller exits 2); everything else is a check.
 */
export async function verifyDirectory(dir: string, suite: VerifierSuite, opts: { requirePass?: boolean } = {}): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const check = (name: string, problems: string[], okDetail: string) =>
    checks.push({ ok: problems.length === 0, name, detail: problems.length ? problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '') : okDetail });

  const files = listFiles(dir);
  const bundle = files.includes('SHA256SUMS');
  const reportText = readIn(dir, 'report.json');
  if (reportText === undefined) {
    check('files', ['report.json is missing'], '');
    return checks;
  }
  const { report: r, schemaErrors } = parseReportText(reportText, join(dir, 'report.json'));

  // Files: a run directory holds every rendering; a bundle also its own files, and nothing else.
  const rendered = renderAll(r);
  const required = ['report.json', ...RENDERED_FILES, ...(bundle ? Object.keys(BUNDLE_FILES) : [])];
  const missing = required.filter((f) => !files.includes(f));
  const expectedEnv = bundle ? Object.keys(envFiles(r)) : [];
  const missingEnv = expectedEnv.filter((f) => !files.includes(f));
  const extra = bundle ? files.filter((f) => !required.includes(f) && !expectedEnv.includes(f)) : [];
  check(
    'files',
    [...missing.map((f) => `${f} is missing`), ...missingEnv.map((f) => `${f} is missing`), ...extra.map((f) => `${f} does not belong in a bundle`)],
    bundle ? `a submission bundle: ${files.length} files` : `a run directory: ${required.length} files`,
  );

  check('schema', schemaErrors, 'report.json matches report-1.schema.json');
  if (schemaErrors.length) return checks; // nothing below can be trusted on a malformed model

  if (bundle) {
    const sums = readIn(dir, 'SHA256SUMS') ?? '';
    const problems: string[] = [];
    const listed = new Set<string>();
    for (const line of sums.split('\n').filter(Boolean)) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!m) {
        problems.push(`malformed line ${JSON.stringify(line.slice(0, 80))}`);
        continue;
      }
      listed.add(m[2]);
      const path = join(dir, m[2]);
      if (!existsSync(path)) problems.push(`${m[2]} is listed but absent`);
      else if (sha256(readFileSync(path)) !== m[1]) problems.push(`${m[2]} does not match its digest`);
    }
    for (const f of files) if (f !== 'SHA256SUMS' && !listed.has(f)) problems.push(`${f} is not listed`);
    check('digests', problems, `SHA256SUMS covers and matches all ${listed.size} files`);
  }

  const suiteProblems: string[] = [];
  if (r.suite.name !== suite.name) suiteProblems.push(`report is from ${r.suite.name}, this is ${suite.name}`);
  if (r.suite.version !== suite.version) suiteProblems.push(`report is from suite ${r.suite.version}, this verifier is ${suite.version}: verify with the same version`);
  if (r.suite.catalogueDigest !== suite.catalogueDigest) suiteProblems.push(`catalogue digest ${r.suite.catalogueDigest.slice(0, 12)}… is not this suite's ${suite.catalogueDigest.slice(0, 12)}…: a different or stale test catalogue`);
  check('suite', suiteProblems, `${r.suite.name} ${r.suite.version}, catalogue ${r.suite.catalogueDigest.slice(0, 12)}…`);

  const tapText = readIn(dir, 'results.tap');
  if (tapText !== undefined) {
    const tap = await parseTap(tapText);
    const problems = [...tap.errors.map((e) => `not valid TAP: ${e}`)];
    if (tap.plan !== r.tests.length) problems.push(`plan 1..${tap.plan ?? '?'} for ${r.tests.length} tests`);
    problems.push(...tapDisagreements(tap.points, r.tests));
    if (!problems.length && tapText !== rendered['results.tap']) problems.push('parses alike but differs from the TAP rendering of report.json');
    check('results.tap', problems, `valid TAP 14; ${tap.points.length} test points agree with report.json`);
  }
  for (const f of ['junit.xml', 'report.html', 'summary.md'] as const) {
    const text = readIn(dir, f);
    if (text !== undefined) check(f, text === rendered[f] ? [] : [`is not the rendering of report.json (${text.length} bytes, expected ${rendered[f].length})`], 'is the rendering of report.json');
  }

  const recomputed = summarize(r.tests, r.run.interrupted);
  const sumProblems = Object.entries(recomputed)
    .filter(([k, v]) => (r.summary as unknown as Record<string, unknown>)[k] !== v)
    .map(([k, v]) => `summary.${k} is ${JSON.stringify((r.summary as unknown as Record<string, unknown>)[k])}, the tests give ${JSON.stringify(v)}`);
  check('summary', sumProblems, `verdict and counts recompute from the ${r.tests.length} test records`);

  const rec = recordProblems(r, suite);
  check('statuses', rec.statuses, 'every status follows from its checks');
  check('requirements', rec.requirements, `requirement IDs, levels and links match the catalogue at ${r.specVersion}`);
  check('skips', rec.skips, 'not-applicable and declared skips are justified');

  // Completeness: every catalogue test exactly once, with this catalogue's revision.
  const ids = suite.catalogue.map((c) => c.id);
  const complete: string[] = [];
  const counts = new Map<string, number>();
  for (const t of r.tests) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
  const absent = ids.filter((id) => !counts.has(id));
  if (absent.length) complete.push(`${absent.length} of ${ids.length} catalogue tests missing (${absent.slice(0, 4).join(', ')}${absent.length > 4 ? ', …' : ''})${r.run.shard ? `: this is shard ${r.run.shard.index}/${r.run.shard.count}; merge the shards with \`report merge\`` : ''}`);
  for (const [id, n] of counts) {
    if (n > 1) complete.push(`${id} appears ${n} times`);
    if (!ids.includes(id)) complete.push(`${id} is not in the catalogue`);
  }
  for (const t of r.tests) {
    const c = suite.catalogue.find((x) => x.id === t.id);
    if (c && c.revision !== t.revision) complete.push(`${t.id} is revision ${t.revision}, the catalogue's is ${c.revision}`);
  }
  if (r.tests.some((t) => t.status === 'skip' && /interrupted/.test(t.skip?.reason ?? '')) || r.run.interrupted) complete.push('the run was interrupted');
  check('completeness', complete, `all ${ids.length} catalogue tests present once, at the catalogue's revisions`);

  if (r.run.shards) {
    const problems = shardProblems(r.run.shards, ids, {
      suiteVersion: r.suite.version,
      catalogueDigest: r.suite.catalogueDigest,
      runtimeSha256: r.runtime.binary?.sha256 ?? null,
      environmentClass: environmentClass(r.environment),
    });
    const fromShards = r.run.shards.flatMap((s) => s.tests);
    if (JSON.stringify([...fromShards].sort()) !== JSON.stringify(r.tests.map((t) => t.id).sort())) problems.push("the report's tests are not the union of its shards' tests");
    check('shards', problems, `${r.run.shards.length} shards cover the catalogue exactly once; same suite, runtime binary and class of host`);
  }

  // Certification: claimed by the run; a bundle must claim it.
  const cert: string[] = [];
  if (r.run.certification) {
    if (r.run.only.length || r.run.skip.length) cert.push('a certification run with --only/--skip filters');
    if (r.run.partial) cert.push('the run is marked partial');
    if (r.run.shard) cert.push('a single shard');
    if (!r.runtime.binary) cert.push(`the runtime binary was not hashed (${r.runtime.binaryError})`);
    if (bundle && !r.product) cert.push('no product in report.json');
    check('certification', cert, 'certification run: unfiltered, complete, runtime binary hashed');
  } else if (bundle) {
    check('certification', ['a submission bundle from a run without --certify'], '');
  } else {
    check('certification', [], 'not claimed (run without --certify)');
  }

  if (bundle) {
    const productText = readIn(dir, 'PRODUCT.yaml');
    const problems: string[] = [];
    if (productText !== undefined) {
      try {
        const p = parseProduct(productText, 'PRODUCT.yaml');
        if (JSON.stringify(p) !== JSON.stringify(r.product)) problems.push('PRODUCT.yaml and the product in report.json differ');
      } catch (e) {
        if (!(e instanceof ProductError)) throw e;
        problems.push(e.message);
      }
    }
    check('product', problems, r.product ? `${r.product.vendor}: ${r.product.name} ${r.product.version}` : 'no product');
    const envProblems = Object.entries(envFiles(r))
      .filter(([f, text]) => files.includes(f) && readIn(dir, f) !== text)
      .map(([f]) => `${f} differs from the capture in report.json`);
    const profileText = readIn(dir, 'runtime-profile.yaml');
    if (profileText !== undefined && profileText !== JSON.stringify(r.runtime.profileDefinition, null, 2) + '\n') envProblems.push('runtime-profile.yaml differs from the profile in report.json');
    check('environment captures', envProblems, `${expectedEnv.length} raw captures and the runtime profile match report.json`);
    const readme = readIn(dir, 'README.md') ?? '';
    check('README.md', /npx oci-conformance run /.test(readme) ? [] : ['has no reproduction command'], 'gives the reproduction command');
  }

  const s = recomputed;
  const verdictLine = `${s.verdict.toUpperCase()}: ${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip, ${s.error} error`;
  check('verdict', opts.requirePass && s.verdict !== 'pass' ? [`${verdictLine} (--require-pass)`] : [], verdictLine);
  return checks;
}

export function formatChecks(checks: readonly VerifyCheck[]): string {
  return checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`).join('\n') + '\n';
}
