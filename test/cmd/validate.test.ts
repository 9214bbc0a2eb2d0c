// `oci-conformance validate` end to end: the built CLI is spawned with files, directories and
// standard input, and its exit code, stdout and stderr are checked for every kind of input the
// command promises to handle. A few in-process checks of the same core follow at the end.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'tap-parser';
import { readDocument } from '../../schema/document.js';
import { packagePath } from '../../schema/package-root.js';
import { validateDocument } from '../../schema/validator.js';
import { LATEST_SPEC_VERSION, SPEC_VERSIONS } from '../../schema/versions.js';

const MAIN = packagePath('dist', 'cmd', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'validate-cli-test-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// The CLI runs as users run it: without the loaders tap puts in NODE_OPTIONS for its own children.
const env = { ...process.env };
delete env.NODE_OPTIONS;

/** Run the CLI in the work directory; `input` is its standard input. */
function cli(args: string[], input = ''): Run {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: work, env, input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic {
  pointer: string;
  rule: string;
  level: string;
  severity: string;
  message: string;
  reference: string;
  line?: number;
  column?: number;
}
interface JsonResult {
  file: string;
  kind: string;
  specVersion: string;
  versionSource: string;
  schemaSource: string;
  valid: boolean;
  errors: JsonDiagnostic[];
  warnings: JsonDiagnostic[];
}

/** Run `validate --format json ARGS...` and parse the one document it prints. */
function cliJson(args: string[], input = ''): Run & { results: JsonResult[] } {
  const [command, ...rest] = args;
  const r = cli([command, '--format', 'json', ...rest], input);
  return { ...r, results: (JSON.parse(r.stdout) as { results: JsonResult[] }).results };
}

type Json = Record<string, unknown>;
function write(name: string, content: string | Json): string {
  const path = join(work, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return name;
}

function config(edit?: (c: Json) => void, version: string = LATEST_SPEC_VERSION): Json {
  const c: Json = {
    ociVersion: version,
    root: { path: 'rootfs' },
    process: { user: { uid: 0, gid: 0 }, args: ['sh'], cwd: '/' },
    linux: { namespaces: [{ type: 'pid' }, { type: 'mount' }] },
  };
  edit?.(c);
  return c;
}
const proc = (c: Json) => c.process as Json;
const linux = (c: Json) => c.linux as Json;

/** Usage errors and unusable input: nothing on stdout, one line on stderr. */
function usageError(t: Tap, r: Run, pattern: RegExp, what: string): void {
  t.equal(r.code, 2, `${what}: exit 2`);
  t.equal(r.stdout, '', `${what}: nothing on stdout`);
  t.match(r.stderr, /^oci-conformance: [^\n]+\n$/, `${what}: one line on stderr`);
  t.match(r.stderr, pattern, `${what}: stderr says why`);
}

/** Every diagnostic in the JSON output carries the documented fields. */
function wellFormed(t: Tap, d: JsonDiagnostic, version: string): void {
  t.match(d.pointer, /^(\/.*)?$/, 'pointer is a JSON pointer');
  t.match(d.rule, /^[a-z]+(\.[a-z0-9-]+)+$/, 'rule is an ID');
  t.match(d.level, /^(MUST|MUST NOT|REQUIRED|SHALL|SHOULD|SHOULD NOT|RECOMMENDED|NOT RECOMMENDED|MAY|OPTIONAL|DEPRECATED|ADVISORY)$/, 'level is a keyword');
  t.ok(d.message.length > 0, 'message is set');
  t.ok(d.reference.startsWith(`https://github.com/opencontainers/runtime-spec/blob/v${version}/`), `reference links the ${version} spec text`);
}

type Tap = Parameters<Parameters<typeof t.test>[0]>[0];

const rules = (ds: JsonDiagnostic[]) => ds.map((d) => d.rule);

write('valid.json', config());
mkdirSync(join(work, 'rootfs'));

t.test('a valid file: exit 0, a header and a summary line', async (t) => {
  const r = cli(['validate', 'valid.json']);
  t.equal(r.code, 0);
  t.equal(r.stderr, '');
  t.equal(
    r.stdout,
    `valid.json: valid config, runtime-spec ${LATEST_SPEC_VERSION} (from ociVersion; built-in schemas)\n` +
      '1 document: 1 valid, 0 invalid; 0 errors, 0 warnings\n',
  );
  const j = cliJson(['validate', 'valid.json']);
  t.equal(j.code, 0);
  t.match(j.results, [{ file: 'valid.json', kind: 'config', specVersion: LATEST_SPEC_VERSION, versionSource: 'document', schemaSource: 'built-in', valid: true, errors: [], warnings: [] }]);
});

t.test('an invalid file: exit 1; text and json carry pointer, rule, level and reference', async (t) => {
  write('invalid.json', config((c) => (proc(c).cwd = 'relative/dir')));
  const r = cli(['validate', 'invalid.json']);
  t.equal(r.code, 1);
  t.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  t.equal(lines.length, 3, 'header, one finding, summary');
  t.match(lines[0], /^invalid\.json: INVALID config, runtime-spec 1\.3\.0 /);
  t.match(
    lines[1],
    /^ {2}invalid\.json:\d+:\d+: error \/process\/cwd: .*"relative\/dir".* \[MUST config\.process\.cwd-absolute\] https:\/\/github\.com\/opencontainers\/runtime-spec\/blob\/v1\.3\.0\/config\.md#configProcess$/,
  );
  t.equal(lines[2], '1 document: 0 valid, 1 invalid; 1 error, 0 warnings');

  const j = cliJson(['validate', 'invalid.json']);
  t.equal(j.code, 1);
  t.equal(j.results.length, 1);
  const [res] = j.results;
  t.match(res, { file: 'invalid.json', kind: 'config', specVersion: '1.3.0', valid: false });
  t.same(rules(res.errors), ['config.process.cwd-absolute']);
  const [e] = res.errors;
  t.match(e, { pointer: '/process/cwd', rule: 'config.process.cwd-absolute', level: 'MUST', severity: 'error' });
  t.match(e, { line: Number, column: Number }, 'JSON input has positions');
  for (const d of [...res.errors, ...res.warnings]) wellFormed(t, d, '1.3.0');
});

t.test('warnings only: exit 0, valid, warnings listed', async (t) => {
  write('warnings.json', config((c) => ((c.hooks = { prestart: [{ path: '/bin/true' }] }), ((c.root as Json).readOnly = true))));
  const r = cli(['validate', 'warnings.json']);
  t.equal(r.code, 0);
  t.match(r.stdout, /^warnings\.json: valid config/);
  t.match(r.stdout, /2 warnings\n$/);
  const j = cliJson(['validate', 'warnings.json']);
  t.equal(j.code, 0);
  const [res] = j.results;
  t.equal(res.valid, true);
  t.same(res.errors, []);
  t.same(rules(res.warnings).sort(), ['config.hooks.prestart-deprecated', 'config.unknown-property']);
  for (const d of res.warnings) {
    t.equal(d.severity, 'warning');
    wellFormed(t, d, '1.3.0');
  }
  t.match(res.warnings.find((d) => d.rule === 'config.unknown-property'), { pointer: '/root/readOnly', level: 'ADVISORY', message: /did you mean "readonly"/ });
});

t.test('YAML input', async (t) => {
  write('valid.yaml', 'ociVersion: "1.2.0"\nroot: {path: rootfs}\nprocess:\n  user: {uid: 0, gid: 0}\n  args: [sh]\n  cwd: /\n');
  const ok = cliJson(['validate', 'valid.yaml']);
  t.equal(ok.code, 0, 'valid YAML: exit 0');
  t.match(ok.results, [{ file: 'valid.yaml', specVersion: '1.2.0', valid: true }]);

  write('invalid.yml', 'ociVersion: "1.2.0"\nroot: {path: rootfs}\nprocess:\n  user: {uid: 0, gid: 0}\n  args: [sh]\n  cwd: tmp\n');
  const bad = cliJson(['validate', 'invalid.yml']);
  t.equal(bad.code, 1, 'invalid YAML document: exit 1');
  t.same(rules(bad.results[0].errors), ['config.process.cwd-absolute']);

  // YAML 1.2 core schema: "yes" is a string, so a boolean field holding it is a type error.
  write('yes.yaml', 'ociVersion: "1.2.0"\nroot: {path: rootfs, readonly: yes}\nprocess: {user: {uid: 0, gid: 0}, args: [sh], cwd: /}\n');
  const yes = cliJson(['validate', 'yes.yaml']);
  t.equal(yes.code, 1);
  t.match(yes.results[0].errors, [{ pointer: '/root/readonly', rule: 'schema.type' }]);

  // Integers beyond 2^53 keep their exact value in YAML too.
  write('big.yaml', 'ociVersion: "1.2.0"\nroot: {path: rootfs}\nprocess: {user: {uid: 0, gid: 0}, args: [sh], cwd: /}\nlinux:\n  resources:\n    memory:\n      limit: 9223372036854775808\n      swap: 0x7fffffffffffffff\n');
  const big = cliJson(['validate', 'big.yaml']);
  t.equal(big.code, 1, '2^63 in YAML: exit 1');
  t.match(big.results[0].errors, [{ pointer: '/linux/resources/memory/limit', rule: 'schema.integer-range', message: /^9223372036854775808 is outside the int64 range/ }]);
  t.equal(big.results[0].errors.length, 1, 'int64 max written in hex is in range');
});

t.test('standard input: "-"', async (t) => {
  const text = readFileSync(join(work, 'valid.json'), 'utf8');
  const r = cli(['validate', '-'], text);
  t.equal(r.code, 0);
  t.match(r.stdout, /^-: valid config, runtime-spec 1\.3\.0/);
  const yaml = cliJson(['validate', '-'], 'ociVersion: "1.1.0"\nroot: {path: rootfs}\nprocess: {user: {uid: 0, gid: 0}, args: [sh], cwd: x}\n');
  t.equal(yaml.code, 1, 'YAML on stdin, told apart by its first character');
  t.match(yaml.results, [{ file: '-', specVersion: '1.1.0', valid: false }]);
  t.same(rules(yaml.results[0].errors), ['config.process.cwd-absolute']);
  usageError(t, cli(['validate', '-'], '{"ociVersion": '), /^oci-conformance: -:1:16: unexpected end of input\n$/, 'truncated JSON on stdin');
  usageError(t, cli(['validate', '-'], ''), /^oci-conformance: -:1:1: /, 'empty stdin');
});

t.test('a bundle directory: config.json, and root.path must exist in it', async (t) => {
  write('bundle/config.json', config());
  mkdirSync(join(work, 'bundle', 'rootfs'));
  const ok = cliJson(['validate', 'bundle']);
  t.equal(ok.code, 0, 'with its rootfs: exit 0');
  t.match(ok.results, [{ file: join('bundle', 'config.json'), valid: true }]);

  write('bare-bundle/config.json', config());
  const bare = cliJson(['validate', 'bare-bundle']);
  t.equal(bare.code, 1, 'without its rootfs: exit 1');
  t.match(bare.results[0].errors, [{ pointer: '/root/path', rule: 'bundle.root-path-exists', level: 'MUST', message: /no directory at "rootfs"/ }]);

  // The same file named directly is not a bundle: root.path is not checked.
  t.equal(cli(['validate', join('bare-bundle', 'config.json')]).code, 0, 'the file alone: exit 0');

  write('abs-bundle/config.json', config((c) => (c.root = { path: join(work, 'rootfs') })));
  t.equal(cli(['validate', 'abs-bundle']).code, 0, 'an absolute root.path is taken as it is');

  mkdirSync(join(work, 'empty-dir'));
  usageError(t, cli(['validate', 'empty-dir']), /cannot read empty-dir\/config\.json: no such file or directory/, 'a directory without config.json');
});

t.test('malformed JSON: exit 2 with line and column', async (t) => {
  write('malformed.json', '{\n  "ociVersion": "1.3.0",\n  "root": {"path": "rootfs",}\n}\n');
  usageError(t, cli(['validate', 'malformed.json']), /^oci-conformance: malformed\.json:3:29: expected a member name in double quotes\n$/, 'trailing comma');
  write('unterminated.json', '{"ociVersion": "1.3.0}');
  usageError(t, cli(['validate', 'unterminated.json']), /^oci-conformance: unterminated\.json:1:16: unterminated string\n$/, 'unterminated string');
  writeFileSync(join(work, 'latin1.json'), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]));
  usageError(t, cli(['validate', 'latin1.json']), /^oci-conformance: latin1\.json:1:7: input is not valid UTF-8\n$/, 'not UTF-8');
});

t.test('malformed YAML: exit 2 with line and column', async (t) => {
  write('malformed.yaml', 'ociVersion: "1.3.0"\nroot:\n  path: [rootfs\n');
  usageError(t, cli(['validate', 'malformed.yaml']), /^oci-conformance: malformed\.yaml:\d+:\d+: invalid YAML: /, 'unclosed flow sequence');
  // YAML itself forbids duplicate keys, so such a file is not YAML at all.
  write('dup.yaml', 'ociVersion: "1.3.0"\nroot:\n  path: rootfs\n  path: other\n');
  usageError(t, cli(['validate', 'dup.yaml']), /^oci-conformance: dup\.yaml:4:3: invalid YAML: duplicated mapping key\n$/, 'duplicate key');
});

t.test('duplicate member names: exit 1, json.duplicate-member', async (t) => {
  write('dup.json', '{\n  "ociVersion": "1.3.0",\n  "root": {"path": "rootfs"},\n  "process": {"user": {"uid": 0, "gid": 0}, "args": ["sh"], "cwd": "/", "cwd": "/srv"},\n  "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}\n}\n');
  const r = cliJson(['validate', 'dup.json']);
  t.equal(r.code, 1);
  t.same(rules(r.results[0].errors), ['json.duplicate-member']);
  const [d] = r.results[0].errors;
  t.match(d, { pointer: '/process/cwd', level: 'MUST NOT', line: 4, column: 80, reference: /glossary\.md#glossaryJson$/ });
  const text = cli(['validate', 'dup.json']);
  t.match(text.stdout, /dup\.json:4:80: error \/process\/cwd: member name "cwd" appears more than once/);
});

t.test('64-bit integers keep their exact value', async (t) => {
  // Written as text: JSON.stringify cannot hold 2^63 exactly either.
  write('big.json', JSON.stringify(config()).replace('"namespaces"', '"resources":{"memory":{"limit":9223372036854775808}},"namespaces"'));
  const r = cliJson(['validate', 'big.json']);
  t.equal(r.code, 1, '2^63 in an int64 field: exit 1');
  t.match(r.results[0].errors, [{ pointer: '/linux/resources/memory/limit', rule: 'schema.integer-range', level: 'MUST', message: '9223372036854775808 is outside the int64 range [-9223372036854775808, 9223372036854775807]' }]);
  t.equal(r.results[0].errors.length, 1);

  // 2^64-1 and 2^64 are the same double; only exact reading tells them apart.
  const seccomp = (value: string) =>
    JSON.stringify(config()).replace(
      '"namespaces"',
      `"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["personality"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":${value},"op":"SCMP_CMP_EQ"}]}]},"namespaces"`,
    );
  write('u64-max.json', seccomp('18446744073709551615'));
  write('u64-over.json', seccomp('18446744073709551616'));
  t.equal(cli(['validate', 'u64-max.json']).code, 0, 'uint64 max: valid');
  const over = cliJson(['validate', 'u64-over.json']);
  t.equal(over.code, 1, 'uint64 max + 1: invalid');
  t.match(over.results[0].errors, [{ pointer: '/linux/seccomp/syscalls/0/args/0/value', rule: 'schema.integer-range', message: /^18446744073709551616 is outside the uint64 range/ }]);
});

t.test('versions: from the document, missing, malformed, unsupported, or given', async (t) => {
  const supported = SPEC_VERSIONS.join(', ');
  for (const v of ['2.0.0', '0.5.0', '1.2.7']) {
    write(`v${v}.json`, config(undefined, v));
    const r = cli(['validate', `v${v}.json`]);
    usageError(t, r, new RegExp(`^oci-conformance: v${v.replace(/\./g, '\\.')}\\.json: runtime-spec version ${v.replace(/\./g, '\\.')} is not supported; supported versions: ${supported}\\n$`), `ociVersion ${v}`);
  }
  for (const v of ['2.0.0', '1.2.7', 'latest']) {
    usageError(t, cli(['validate', '--spec-version', v, 'valid.json']), new RegExp(`unsupported --spec-version "${v}"; supported: ${supported}`), `--spec-version ${v}`);
  }

  write('no-version.json', config((c) => delete c.ociVersion));
  const missing = cliJson(['validate', 'no-version.json']);
  t.equal(missing.code, 1, 'missing ociVersion: an error, not a usage error');
  t.match(missing.results[0], { specVersion: LATEST_SPEC_VERSION, versionSource: 'fallback', valid: false });
  t.match(missing.results[0].errors, [{ pointer: '/ociVersion', rule: 'schema.required', level: 'REQUIRED' }]);
  t.match(cli(['validate', 'no-version.json']).stdout, /no usable version in the document; newest assumed/);

  write('bad-version.json', config(undefined, 'one.two'));
  const bad = cliJson(['validate', 'bad-version.json']);
  t.equal(bad.code, 1, 'non-SemVer ociVersion: an error against the newest version');
  t.match(bad.results[0], { specVersion: LATEST_SPEC_VERSION, versionSource: 'fallback' });
  t.match(bad.results[0].errors, [{ pointer: '/ociVersion', rule: 'config.version.semver' }]);

  write('dev.json', config(undefined, '1.0.2-dev'));
  t.match(cliJson(['validate', 'dev.json']).results, [{ specVersion: '1.0.2', versionSource: 'document', valid: true }], '1.0.2-dev is checked as 1.0.2');

  const given = cliJson(['validate', '--spec-version', '1.0.0', 'valid.json']);
  t.match(given.results, [{ specVersion: '1.0.0', versionSource: 'option' }], '--spec-version wins over ociVersion');
  t.match(cli(['validate', '--spec-version', '1.0.0', 'valid.json']).stdout, /runtime-spec 1\.0\.0 \(--spec-version; built-in schemas\)/);
});

t.test('--kind state', async (t) => {
  write('state.json', { ociVersion: '1.2.0', id: 'c1', status: 'created', pid: 42, bundle: '/run/c1' });
  const ok = cliJson(['validate', '--kind', 'state', 'state.json']);
  t.equal(ok.code, 0);
  t.match(ok.results, [{ kind: 'state', specVersion: '1.2.0', valid: true }]);

  // "paused" is a status runtimes define themselves (runc does), so it is allowed; a number is not.
  write('state-paused.json', { ociVersion: '1.2.0', id: 'c1', status: 'paused', pid: 42, bundle: '/run/c1' });
  t.equal(cli(['validate', '--kind', 'state', 'state-paused.json']).code, 0, 'a runtime-defined status');
  write('state-bad.json', { ociVersion: '1.2.0', id: 'c1', status: 3, bundle: 'run/c1' });
  const bad = cliJson(['validate', '--kind', 'state', 'state-bad.json']);
  t.equal(bad.code, 1);
  t.match(bad.results[0].errors, [
    { pointer: '/status', rule: 'schema.type' },
    { pointer: '/bundle', rule: 'state.bundle.absolute', level: 'MUST' },
  ]);
  for (const d of bad.results[0].errors) wellFormed(t, d, '1.2.0');

  // A config is not a state: the kind decides the schema.
  t.equal(cli(['validate', '--kind', 'state', 'valid.json']).code, 1, 'a config checked as state is invalid');
});

t.test('--kind features', async (t) => {
  const features = (max: string, extra: Json = {}) => ({ ociVersionMin: '1.0.0', ociVersionMax: max, hooks: ['prestart', 'poststop'], mountOptions: ['ro', 'rw'], ...extra });
  write('features.json', features('1.1.0'));
  const ok = cliJson(['validate', '--kind', 'features', 'features.json']);
  t.equal(ok.code, 0);
  t.match(ok.results, [{ kind: 'features', specVersion: '1.1.0', versionSource: 'document', valid: true }]);
  t.match(cli(['validate', '--kind', 'features', 'features.json']).stdout, /runtime-spec 1\.1\.0 \(from ociVersionMax; built-in schemas\)/);

  // Members the declared ociVersionMax does not define are MUST NOT violations in features.
  write('features-later.json', features('1.1.0', { potentiallyUnsafeConfigAnnotations: ['com.example.'] }));
  const later = cliJson(['validate', '--kind', 'features', 'features-later.json']);
  t.equal(later.code, 1);
  t.match(later.results[0].errors, [{ pointer: '/potentiallyUnsafeConfigAnnotations', level: 'MUST NOT' }]);

  // runc 1.1 printed features documents with ociVersionMax "1.0.2-dev", before features.md was
  // released in 1.1.0. Runtime-spec 1.0.2 has no features schema, so there is nothing to check
  // such a document against: the validator refuses it as unusable input (exit 2), says why, and
  // names the way out, which is to choose the first version that defines the document.
  write('features-102.json', features('1.0.2-dev'));
  usageError(
    t,
    cli(['validate', '--kind', 'features', 'features-102.json']),
    /^oci-conformance: features-102\.json: runtime-spec 1\.0\.2 defines no features document \(features\.md exists from 1\.1\.0\); to check it against the first features schema, pass --spec-version 1\.1\.0\n$/,
    'ociVersionMax 1.0.2-dev',
  );
  const chosen = cliJson(['validate', '--kind', 'features', '--spec-version', '1.1.0', 'features-102.json']);
  t.equal(chosen.code, 0, 'with --spec-version 1.1.0 it is checked, and valid');
  t.match(chosen.results, [{ specVersion: '1.1.0', versionSource: 'option', valid: true }]);
});

function parseTap(text: string): Promise<{ ok: boolean; count: number; pass: number; fail: number; parseErrors: string[] }> {
  return new Promise((resolve) => {
    const p = new Parser({ strict: true });
    p.on('complete', (res) => {
      const parseErrors = (res.failures as { tapError?: string; data?: unknown }[]).filter((f) => f.tapError).map((f) => `${f.tapError}: ${JSON.stringify(f.data ?? '')}`);
      resolve({ ok: res.ok, count: res.count, pass: res.pass, fail: res.fail, parseErrors });
    });
    p.end(text);
  });
}

t.test('--format tap parses as strict TAP 14', async (t) => {
  write('tap-invalid.json', config((c) => ((proc(c).cwd = 'x'), (c.hooks = { prestart: [{ path: '/bin/true' }] }))));
  const r = cli(['validate', '--format', 'tap', 'valid.json', 'warnings.json', 'tap-invalid.json']);
  t.equal(r.code, 1);
  t.match(r.stdout, /^TAP version 14\n1\.\.3\n/);
  const tap = await parseTap(r.stdout);
  t.same(tap.parseErrors, [], 'no parse errors in strict mode');
  t.match(tap, { ok: false, count: 3, pass: 2, fail: 1 });
  t.match(r.stdout, /not ok 3 - tap-invalid\.json\n {2}---\n[\s\S]*rule: config\.process\.cwd-absolute[\s\S]*\n {2}\.\.\.\n$/);

  const ok = cli(['validate', '--format', 'tap', 'valid.json']);
  t.equal(ok.code, 0);
  t.match(await parseTap(ok.stdout), { ok: true, count: 1, pass: 1, parseErrors: [] });
});

t.test('--schema-dir: an upstream-style schema folder, named in the output', async (t) => {
  const dir = join(work, 'upstream-schema');
  mkdirSync(dir);
  const draft04 = 'http://json-schema.org/draft-04/schema#';
  writeFileSync(
    join(dir, 'config-schema.json'),
    JSON.stringify({
      $schema: draft04,
      type: 'object',
      required: ['ociVersion'],
      properties: {
        ociVersion: { $ref: 'defs.json#/definitions/ociVersion' },
        hostname: { type: 'string' },
        linux: { $ref: 'config-linux.json#/linux' },
      },
    }),
  );
  writeFileSync(join(dir, 'config-linux.json'), JSON.stringify({ linux: { type: 'object', properties: { sysctl: { type: 'object', additionalProperties: { type: 'string' } } } } }));
  writeFileSync(join(dir, 'defs.json'), JSON.stringify({ definitions: { ociVersion: { type: 'string' }, uint32: { type: 'integer', minimum: 0, maximum: 4294967295 } } }));

  const ok = cli(['validate', '--schema-dir', 'upstream-schema', 'valid.json']);
  t.equal(ok.code, 0);
  t.match(ok.stdout, `(from ociVersion; schema folder ${dir}`, 'text names the folder');
  t.match(ok.stdout, /removed 1 "\$schema" keyword/, 'and the repairs made to it');

  write('sysctl.json', config((c) => ((linux(c).sysctl = { 'net.ipv4.ip_forward': 1 }), (c.hostname = 'h'))));
  const bad = cliJson(['validate', '--schema-dir', 'upstream-schema', 'sysctl.json']);
  t.equal(bad.code, 1, 'the folder\'s schema judges the document');
  t.match(bad.results[0], { schemaSource: new RegExp(`^schema folder ${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`) });
  t.match(bad.results[0].errors, [{ pointer: '/linux/sysctl/net.ipv4.ip_forward', rule: 'schema.type' }]);

  usageError(t, cli(['validate', '--schema-dir', 'upstream-schema', '--kind', 'state', 'valid.json']), /no state schema in the schema folder/, 'a kind the folder has no entry point for');
  usageError(t, cli(['validate', '--schema-dir', 'no-such-dir', 'valid.json']), /--schema-dir: schema folder .*no-such-dir does not exist/, 'a missing folder');
  usageError(t, cli(['validate', '--schema-dir', 'rootfs', 'valid.json']), /--schema-dir: .* has no config-schema\.json/, 'a folder without entry points');
});

t.test('usage errors and unreadable input: exit 2, one line on stderr', async (t) => {
  usageError(t, cli(['validate', 'no-such-file.json']), /^oci-conformance: cannot read no-such-file\.json: no such file or directory\n$/, 'a missing file');
  usageError(t, cli(['validate', 'valid.json/config.json']), /^oci-conformance: cannot read valid\.json\/config\.json: /, 'a path through a file');
  usageError(t, cli(['validate']), /validate needs at least one PATH/, 'no PATH');
  usageError(t, cli(['validate', '--bogus', 'valid.json']), /--bogus/, 'an unknown flag');
  usageError(t, cli(['validate', '--format', 'xml', 'valid.json']), /--format must be one of text, json, tap \(got "xml"\)/, 'an unknown format');
  usageError(t, cli(['validate', '--kind', 'runtime', 'valid.json']), /--kind must be one of config, state, features \(got "runtime"\)/, 'an unknown kind');
  usageError(t, cli(['validate', '--spec-version']), /--spec-version/, 'a flag without its value');
});

t.test('--help: exit 0, usage on stdout', async (t) => {
  for (const flag of ['--help', '-h']) {
    const r = cli(['validate', flag]);
    t.equal(r.code, 0, flag);
    t.equal(r.stderr, '');
    t.match(r.stdout, /^Usage: oci-conformance validate \[options\] PATH\.\.\.\n/);
    for (const option of ['--spec-version', '--kind', '--schema-dir', '--format']) t.match(r.stdout, option);
  }
});

t.test('several inputs: one result each, exit code of the worst', async (t) => {
  const mixed = cliJson(['validate', 'valid.json', 'invalid.json', 'warnings.json']);
  t.equal(mixed.code, 1, 'valid and invalid: exit 1');
  t.same(
    mixed.results.map((r) => [r.file, r.valid]),
    [
      ['valid.json', true],
      ['invalid.json', false],
      ['warnings.json', true],
    ],
  );
  const text = cli(['validate', 'valid.json', 'invalid.json', 'warnings.json']);
  t.match(text.stdout, /\n3 documents: 2 valid, 1 invalid; 1 error, 2 warnings\n$/);
  t.equal(cli(['validate', 'valid.json', 'warnings.json']).code, 0, 'valid with warnings: exit 0');

  // An unusable input among them: the others are still reported, and the exit code is 2.
  const unusable = cli(['validate', 'valid.json', 'malformed.json', 'invalid.json']);
  t.equal(unusable.code, 2);
  t.match(unusable.stdout, /^valid\.json: valid config[\s\S]*invalid\.json: INVALID config[\s\S]*2 documents: 1 valid, 1 invalid/);
  t.match(unusable.stderr, /^oci-conformance: malformed\.json:3:29: [^\n]+\n$/);
});

t.test('validateDocument is deterministic', async (t) => {
  const bytes = readFileSync(packagePath('examples', 'invalid-common-mistakes.json'));
  const once = JSON.stringify(validateDocument(readDocument('x.json', bytes), { kind: 'config' }));
  const twice = JSON.stringify(validateDocument(readDocument('x.json', bytes), { kind: 'config' }));
  t.equal(twice, once, 'same input twice, identical JSON');
  t.ok(JSON.parse(once).errors.length > 3, 'with many findings to order');
  const yamlBytes = readFileSync(packagePath('examples', 'full-1.2.0.yaml'));
  t.equal(
    JSON.stringify(validateDocument(readDocument('f.yaml', yamlBytes), { kind: 'config' })),
    JSON.stringify(validateDocument(readDocument('f.yaml', yamlBytes), { kind: 'config' })),
    'YAML too',
  );
});

t.test('the lossless reader', async (t) => {
  const doc = readDocument('x.json', Buffer.from('{"a": {"__proto__": {"polluted": 1}, "constructor": 2, "k/~": 1, "k/~": 2}, "b": [1, 9007199254740993]}'));
  const a = (doc.value as Json).a as Json;
  t.equal(Object.getPrototypeOf(a), Object.prototype, '"__proto__" is a member, not a prototype');
  t.same(Object.keys(a), ['__proto__', 'constructor', 'k/~']);
  t.equal(({} as Json).polluted, undefined, 'nothing polluted');
  t.same(
    doc.duplicates.map((d) => [d.pointer, d.name]),
    [['/a/k~1~0', 'k/~']],
    'only the real duplicate, with its pointer escaped ("constructor" is not inherited)',
  );
  t.same([...doc.bigIntegers], [['/b/1', 9007199254740993n]], 'exact value of an integer a double cannot hold');
  t.same(doc.positionOf('/b/1'), { line: 1, column: 86 });
  t.same(doc.positionOf('/a/k~1~0'), { line: 1, column: 73 }, 'of duplicates, the last value (the one validated)');
  t.equal(doc.positionOf('/a/missing'), undefined);
  t.equal(doc.positionOf('/b/2'), undefined);
  t.equal(doc.positionOf('/b/01'), undefined);

  // The engine's parser serves texts with neither duplicates nor long integers; the rest, and
  // anything tricky in between, must come out the same as from the lossless reader.
  const cases: [string, unknown, string[]][] = [
    ['\uFEFF{"a": 1}', { a: 1 }, []],
    ['{"k\\"ey": "v\\\\", "z": "\\\\\\"q\\":", "w": ":"}', { 'k"ey': 'v\\', z: '\\"q":', w: ':' }, []],
    ['{"x": {"a": 1}, "y": {"a": 1, "b": {"a": [1, {"a": 2, "a" : 3}]}}}', { x: { a: 1 }, y: { a: 1, b: { a: [1, { a: 3 }] } } }, ['/y/b/a/1/a']],
    ['{"id": "1234567890123456789", "n": 12345678901234567}', { id: '1234567890123456789', n: 12345678901234568 }, []],
    ['[{"a": 1}, {"a": 1}, {"__proto__": 1, "__proto__": 2}]', [{ a: 1 }, { a: 1 }, JSON.parse('{"__proto__": 2}')], ['/2/__proto__']],
  ];
  for (const [text, value, dups] of cases) {
    const d = readDocument('t.json', Buffer.from(text));
    t.same(d.value, value, `value of ${text}`);
    t.same(d.duplicates.map((x) => x.pointer), dups, `duplicates in ${text}`);
  }
  t.same([...readDocument('t.json', Buffer.from(cases[3][0])).bigIntegers], [['/n', 12345678901234567n]], 'a long integer in a string is not one');
});

/** Every JSON pointer in a value, with the value there. */
function* pointers(v: unknown, p = ''): Generator<[string, unknown]> {
  yield [p, v];
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* pointers(v[i], `${p}/${i}`);
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) yield* pointers(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

t.test('positions: every pointer of real documents points at its value', async (t) => {
  const values = [
    readDocument('f.yaml', readFileSync(packagePath('examples', 'full-1.2.0.yaml'))).value,
    JSON.parse(readFileSync(packagePath('examples', 'features-runc-like.json'), 'utf8')),
    { 'a"b': { 'x\\y': [1, [2, { '': 'e' }]], 'é': 'ü\n' }, '': [true, null, -1.5e3, '}]'] },
  ];
  for (const [i, value] of values.entries()) {
    // Compact: the text at each position is the value's own JSON.
    const compact = JSON.stringify(value);
    const c = readDocument('c.json', Buffer.from(compact));
    let bad = 0;
    for (const [p, sub] of pointers(value)) {
      const pos = c.positionOf(p);
      if (!pos || pos.line !== 1 || !compact.startsWith(JSON.stringify(sub), pos.column - 1)) bad++;
    }
    t.equal(bad, 0, `document ${i}, compact: every pointer found at its value`);
    // Indented: the line and column of each value's first line.
    const indented = JSON.stringify(value, null, '\t');
    const lines = indented.split('\n');
    const d = readDocument('d.json', Buffer.from(indented));
    bad = 0;
    for (const [p, sub] of pointers(value)) {
      const pos = d.positionOf(p);
      const first = (JSON.stringify(sub, null, '\t') ?? '').split('\n')[0];
      if (!pos || !lines[pos.line - 1].startsWith(first, pos.column - 1)) bad++;
    }
    t.equal(bad, 0, `document ${i}, indented: every pointer found at its value`);
  }
});
