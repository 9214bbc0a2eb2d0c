// PRODUCT.yaml validation, runtime binary resolution, output writing, and the `run` flags of
// certification: every bad input is one line on stderr and exit 2, before any runtime call.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import { parseProduct, renderProductYaml, ProductError } from '../../reports/product.js';
import { runtimeBinary, sha256 } from '../../reports/provenance.js';
import { OutputError, writeFiles } from '../../reports/outputs.js';
import { reproductionArgv } from '../../reports/bundle.js';
import { PRODUCT, syntheticReport } from './synthetic.js';

const work = mkdtempSync(join(tmpdir(), 'product-cli-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const fixture = packagePath('test/fixtures/PRODUCT.yaml');

t.test('PRODUCT.yaml: valid, round-trips, and every problem is one clear line', async (t) => {
  const p = parseProduct(readFileSync(fixture, 'utf8'), 'PRODUCT.yaml');
  t.equal(p.vendor, 'Example Runtimes Ltd');
  t.same(parseProduct(renderProductYaml(p), 'x'), p, 'rendered PRODUCT.yaml parses back to the same product');
  const yaml = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n');
  const { contact_email_address: _c, ...noContact } = PRODUCT;
  const cases: [string, string, RegExp][] = [
    ['missing field', yaml(noContact), /^P: \/: missing required field contact_email_address$/],
    ['typo in a field name', yaml({ ...PRODUCT, websiteurl: 'https://x.org' }), /unknown field websiteurl/],
    ['not a URL', yaml({ ...PRODUCT, website_url: 'example.org' }), /\/website_url: must be an http\(s\) URL/],
    ['a javascript: URL', yaml({ ...PRODUCT, documentation_url: 'javascript:alert(1)' }), /\/documentation_url: must be an http\(s\) URL/],
    ['bad email', yaml({ ...PRODUCT, contact_email_address: 'nobody' }), /must be an email address/],
    ['unknown type', yaml({ ...PRODUCT, type: 'container' }), /\/type: must be one of "runtime", "distribution", "hosted platform", "installer"/],
    ['empty name', yaml({ ...PRODUCT, name: ' ' }), /\/name: /],
    ['two-line description', yaml({ ...PRODUCT, description: 'a\nb' }), /\/description: /],
    ['not YAML', 'vendor: [', /invalid YAML/],
    ['a list', '- a\n- b', /not a PRODUCT\.yaml/],
  ];
  for (const [name, text, want] of cases) {
    try {
      parseProduct(text, 'P');
      t.fail(`${name}: accepted`);
    } catch (e) {
      t.ok(e instanceof ProductError, name);
      t.match((e as Error).message, want, name);
      t.notMatch((e as Error).message, /\n/, `${name}: one line`);
    }
  }
});

t.test('runtime binary: the last command element that resolves to an executable is hashed', async (t) => {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  for (const [name, body] of [
    ['myrt', '#!/bin/sh\necho real runtime\n'],
    ['wrap', '#!/bin/sh\nexec "$@"\n'],
  ]) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(join(bin, 'notexec'), 'x');
  const path = `${bin}:/usr/bin:/bin`;
  let r = runtimeBinary(['myrt'], path);
  t.equal(r.binary?.path, join(bin, 'myrt'));
  t.equal(r.binary?.sha256, sha256(readFileSync(join(bin, 'myrt'))));
  r = runtimeBinary(['wrap', '-m', 'sh', '-c', 'umount /x; exec myrt "$@"', 'myrt'], path);
  t.same([r.binary?.element, r.binary?.commandIndex], ['myrt', 5], 'a wrapper profile (like crun\'s unshare … crun) hashes the runtime it ends in');
  r = runtimeBinary(['myrt', 'notexec'], path);
  t.equal(r.binary?.element, 'myrt', 'a non-executable element is passed over');
  r = runtimeBinary(['no-such-runtime'], path);
  t.notOk(r.binary);
  t.match(r.error, /no element of the command/);
});

t.test('an output that cannot be written is an error naming the file', async (t) => {
  const file = join(work, 'a-file');
  writeFileSync(file, '');
  let caught: unknown;
  try {
    writeFiles(join(file, 'sub'), { 'x.txt': 'x' });
  } catch (e) {
    caught = e;
  }
  t.ok(caught instanceof OutputError, 'an OutputError');
  t.throws(() => writeFiles(join(file, 'sub'), { 'x.txt': 'x' }), /cannot create .*a-file\/sub: (ENOTDIR|EEXIST)/);
});

t.test('reproduction steps point at the bundle\'s own files', async (t) => {
  const argv = reproductionArgv(syntheticReport());
  t.same(argv, ['--runtime', 'runc', '--certify', '--product', 'PRODUCT.yaml', '--out', 'rerun']);
  const withProfile = syntheticReport();
  withProfile.run.argv = ['--profile=/home/me/p.yaml', '--keep-temp', '--jobs', '2', '--bundle', '/x'];
  t.same(reproductionArgv(withProfile), ['--profile', 'runtime-profile.yaml', '--jobs', '2', '--bundle', 'rerun-bundle', '--out', 'rerun']);
});

function run(args: string[]) {
  return spawnSync(process.execPath, [packagePath('dist/cmd/main.js'), 'run', '--runtime', 'runc', ...args], { encoding: 'utf8', timeout: 60_000 });
}

t.test('run: certification flags are checked before anything runs (exit 2, one line)', async (t) => {
  const bad = join(work, 'bad-product.yaml');
  writeFileSync(bad, 'vendor: x\n');
  const out = join(work, 'out');
  const cases: [string, string[], RegExp][] = [
    ['--certify with --only', ['--certify', '--out', out, '--only', 'state.*'], /--certify refuses --only and --skip/],
    ['--certify with --skip', ['--certify', '--out', out, '--skip', 'hooks.*'], /--certify refuses --only and --skip/],
    ['--certify without --out', ['--certify'], /--certify needs --out DIR/],
    ['--bundle without --product', ['--out', out, '--bundle', join(work, 'b')], /--bundle needs --product/],
    ['an invalid PRODUCT.yaml', ['--product', bad], /bad-product\.yaml: \/: missing required field name/],
    ['a missing PRODUCT.yaml', ['--product', join(work, 'nope.yaml')], /cannot read .*nope\.yaml: ENOENT/],
    ['a bad shard', ['--shard', '3/2'], /--shard must be K\/N/],
    ['--bundle with --shard', ['--out', out, '--product', fixture, '--bundle', join(work, 'b'), '--shard', '1/2'], /--bundle needs a complete run/],
    ['--bundle into a non-empty directory', ['--out', out, '--product', fixture, '--bundle', work], /exists and is not empty/],
    ['an unwritable --out', ['--out', '/proc/version/x'], /cannot write to --out \/proc\/version\/x/],
  ];
  for (const [name, args, want] of cases) {
    const r = run(args);
    t.equal(r.status, 2, `${name}: exit 2`);
    t.match(r.stderr, want, name);
    t.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
    t.equal(r.stdout, '', `${name}: nothing ran`);
  }
});
