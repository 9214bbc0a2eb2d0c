// `report verify` against tampering: a good bundle verifies; changing any file is caught by its
// digest; and a lie made consistent — every file re-rendered from an edited model and SHA256SUMS
// re-signed — is still caught by the checks that recompute from the per-test records and the
// catalogue. CLI exit codes: 0 verified, 1 a problem, 2 unusable input.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';
import { summarize } from '../../reports/model.js';
import { renderBundle, sha256sums } from '../../reports/bundle.js';
import { renderAll, writeFiles } from '../../reports/outputs.js';
import { verifyDirectory, type VerifyCheck } from '../../reports/verify.js';
import { VERIFIER_SUITE } from '../../cmd/report.js';
import { idsFor, syntheticReport } from './synthetic.js';

const work = mkdtempSync(join(tmpdir(), 'verify-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

const ids = idsFor();
const failId = ids.failable[0];
const good = syntheticReport({ statuses: { [failId]: 'fail' } });
const goodDir = join(work, 'good');
writeFiles(goodDir, renderBundle(good));
let n = 0;

function copy(): string {
  const d = join(work, `case-${++n}`);
  cpSync(goodDir, d, { recursive: true });
  return d;
}

function listAll(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listAll(dir, join(sub, e.name)) : [join(sub, e.name)]));
}

/** Rewrite SHA256SUMS from the files as they are now: a forger's last step. */
function resign(dir: string): void {
  const files: Record<string, string> = {};
  for (const f of listAll(dir)) files[f] = readFileSync(join(dir, f), 'utf8');
  writeFileSync(join(dir, 'SHA256SUMS'), sha256sums(files));
}

/** A consistent bundle of an edited model: every rendering agrees with the lie. */
function forge(edit: (r: Report) => Report, opts: { resummarize?: boolean } = {}): string {
  const d = join(work, `forged-${++n}`);
  let r = edit(structuredClone(good));
  if (opts.resummarize !== false) r = { ...r, summary: summarize(r.tests, r.run.interrupted) };
  const files = { ...renderBundle({ ...good, run: { ...good.run, certification: true } }), ...renderAll(r) };
  writeFiles(d, files);
  resign(d);
  return d;
}

async function failed(dir: string): Promise<string[]> {
  const checks: VerifyCheck[] = await verifyDirectory(dir, VERIFIER_SUITE());
  return checks.filter((c) => !c.ok).map((c) => c.name);
}

t.test('a good bundle verifies, every check ok', async (t) => {
  const checks = await verifyDirectory(goodDir, VERIFIER_SUITE());
  t.same(checks.filter((c) => !c.ok), []);
  t.same(checks.map((c) => c.name), [
    'files', 'schema', 'digests', 'suite', 'results.tap', 'junit.xml', 'report.html', 'summary.md', 'summary', 'statuses',
    'requirements', 'skips', 'completeness', 'certification', 'product', 'environment captures', 'README.md', 'verdict',
  ]);
  t.match(checks.at(-1)!.detail, /^FAIL: /, 'the verdict line states the recomputed verdict');
  t.ok((await verifyDirectory(goodDir, VERIFIER_SUITE(), { requirePass: true })).some((c) => c.name === 'verdict' && !c.ok), '--require-pass fails a failing run');
});

t.test('changing any file of the bundle is caught by its digest', async (t) => {
  for (const f of listAll(goodDir).filter((x) => x !== 'SHA256SUMS')) {
    const d = copy();
    appendFileSync(join(d, f), f.endsWith('.json') ? ' ' : '\n');
    t.ok((await failed(d)).includes('digests'), `${f}`);
  }
  const d = copy();
  const sums = readFileSync(join(d, 'SHA256SUMS'), 'utf8');
  writeFileSync(join(d, 'SHA256SUMS'), sums.replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')));
  t.ok((await failed(d)).includes('digests'), 'SHA256SUMS itself');
});

t.test('added and removed files are caught', async (t) => {
  let d = copy();
  writeFileSync(join(d, 'notes.txt'), 'extra');
  resign(d);
  t.ok((await failed(d)).includes('files'), 'an extra file, even when signed');
  for (const f of ['junit.xml', 'PRODUCT.yaml', 'env/os-release.txt', 'README.md']) {
    d = copy();
    unlinkSync(join(d, f));
    resign(d);
    t.ok((await failed(d)).includes('files'), `${f} removed`);
  }
});

t.test('each rendering edited and re-signed: caught by comparing with report.json', async (t) => {
  const edits: [string, (s: string) => string, string][] = [
    ['results.tap', (s) => s.replace(/^not ok (\d+) - /m, 'ok $1 - '), 'results.tap'],
    ['junit.xml', (s) => s.replace(/<failure [^>]*>[\s\S]*?<\/failure>/, ''), 'junit.xml'],
    ['report.html', (s) => s.replace('<h1>FAIL</h1>', '<h1>PASS</h1>'), 'report.html'],
    ['summary.md', (s) => s.replace('**FAIL**', '**PASS**'), 'summary.md'],
    ['PRODUCT.yaml', (s) => s.replace('Example runtime', 'Other runtime'), 'product'],
    ['env/os-release.txt', (s) => s + 'X', 'environment captures'],
    ['runtime-profile.yaml', (s) => s.replace('"native"', '"vm"'), 'environment captures'],
    ['README.md', (s) => s.replace(/npx oci-conformance run .*/, 'see the wiki'), 'README.md'],
  ];
  for (const [f, edit, check] of edits) {
    const d = copy();
    const before = readFileSync(join(d, f), 'utf8');
    const after = edit(before);
    t.not(after, before, `the edit of ${f} changes it`);
    writeFileSync(join(d, f), after);
    resign(d);
    t.same(await failed(d), [check], `${f}: caught by "${check}" alone`);
  }
});

t.test('consistent lies: every file re-rendered from an edited model and re-signed', async (t) => {
  const at = (r: Report) => r.tests.findIndex((x) => x.id === failId);
  const lies: [string, (r: Report) => Report, string, { resummarize?: boolean }?][] = [
    ['a failing test relabelled pass', (r) => (r.tests[at(r)].status = 'pass', r), 'statuses'],
    ['a failing test turned into a declared skip', (r) => (r.tests[at(r)] = { ...r.tests[at(r)], status: 'skip', skip: { category: 'declared', reason: 'unsupported' }, checks: [] }, r), 'skips'],
    [
      'a MUST-level failure downgraded to a SHOULD warning',
      (r) => {
        const x = r.tests[at(r)];
        const c = x.checks.find((k) => !k.ok)!;
        c.level = 'SHOULD';
        x.status = 'warn';
        return r;
      },
      'requirements',
    ],
    ['a failing test removed', (r) => (r.tests.splice(at(r), 1), r), 'completeness'],
    ['a test duplicated', (r) => (r.tests.push(r.tests[0]), r), 'completeness'],
    ['the counts edited', (r) => ({ ...r, summary: { ...r.summary, pass: r.summary.pass + 1, fail: r.summary.fail - 1, verdict: 'pass' } }), 'summary', { resummarize: false }],
    ['another suite catalogue', (r) => ({ ...r, suite: { ...r.suite, catalogueDigest: 'b'.repeat(64) } }), 'suite'],
    ['an old revision of a test', (r) => (r.tests[0].revision = 99, r), 'completeness'],
    ['a pinned link moved to another spec version', (r) => (r.tests[0].requirements[0].url = r.tests[0].requirements[0].url.replace('v1.2.0', 'v1.0.0'), r), 'requirements'],
    ['not a certification run', (r) => ({ ...r, run: { ...r.run, certification: false } }), 'certification'],
    ['a filtered certification run', (r) => ({ ...r, run: { ...r.run, only: ['state.*'] } }), 'certification'],
  ];
  for (const [name, edit, check, opts] of lies) {
    const d = forge(edit, opts);
    const f = await failed(d);
    t.ok(f.includes(check), `${name}: caught by "${check}" (failed: ${f.join(', ')})`);
    t.notOk(f.includes('digests'), `${name}: the digests were forged consistently`);
  }
});

function cli(args: string[]) {
  return spawnSync(process.execPath, [packagePath('dist/cmd/main.js'), 'report', ...args], { encoding: 'utf8' });
}

t.test('a bundle is only made of a complete certification run', async (t) => {
  t.throws(() => renderBundle({ ...good, run: { ...good.run, certification: false } }), /not from a certification run/);
  t.throws(() => renderBundle({ ...good, run: { ...good.run, interrupted: true, partial: true } }), /not complete \(INTERRUPTED/);
  t.throws(() => renderBundle({ ...good, run: { ...good.run, shard: { index: 1, count: 2 }, partial: true } }), /not complete \(SHARD 1\/2/);
  const { product: _p, ...noProduct } = good;
  t.throws(() => renderBundle(noProduct as Report), /no product/);
  t.throws(() => renderBundle(good, { ...good.product!, name: 'Another' }), /PRODUCT\.yaml names "Another/);
});

t.test('CLI: one line per check, exit 0 / 1 / 2', async (t) => {
  let r = cli(['verify', goodDir]);
  t.equal(r.status, 0, r.stderr);
  t.match(r.stdout, /^ok {3}files: /m);
  t.match(r.stdout, /all 18 checks hold\n$/);
  const d = copy();
  appendFileSync(join(d, 'junit.xml'), '\n');
  r = cli(['verify', d]);
  t.equal(r.status, 1);
  t.match(r.stdout, /^FAIL digests: junit\.xml does not match its digest/m);
  t.match(r.stdout, /^FAIL junit\.xml: is not the rendering of report\.json/m);
  t.match(r.stdout, /2 of 18 checks failed\n$/);
  r = cli(['verify', join(work, 'no-such-dir')]);
  t.equal(r.status, 2);
  t.match(r.stderr, /^oci-conformance: cannot read .*no-such-dir: ENOENT\n$/);
  const v2 = copy();
  writeFileSync(join(v2, 'report.json'), JSON.stringify({ ...good, reportVersion: 2 }));
  r = cli(['verify', v2]);
  t.equal(r.status, 2, 'an unknown reportVersion is refused, not guessed');
  t.match(r.stderr, /reportVersion 2 is not supported; this suite reads reportVersion 1\n$/);
  t.equal(r.stderr.split('\n').length, 2, 'one line');
  writeFileSync(join(v2, 'report.json'), '{"reportVersion": 1,');
  r = cli(['verify', v2]);
  t.equal(r.status, 2);
  t.match(r.stderr, /not JSON/);
});
