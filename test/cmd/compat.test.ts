// `oci-conformance compat` end to end: the built CLI is spawned with versions and folders, and
// its exit code, stdout and stderr are checked: 1 for a major verdict, 0 otherwise, 2 with one
// line on stderr for bad input.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';

const MAIN = packagePath('dist', 'cmd', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'compat-cli-test-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

// The CLI runs as users run it: without the loaders tap puts in NODE_OPTIONS for its own children.
const env = { ...process.env };
delete env.NODE_OPTIONS;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, 'compat', ...args], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(name: string, config: Record<string, unknown>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config-schema.json'), JSON.stringify(config));
  return dir;
}

type TapTest = Parameters<Parameters<typeof t.test>[0]>[0];

/** One line on stderr, prefixed like every CLI error, and nothing on stdout. */
function oneLineError(t: TapTest, r: ReturnType<typeof cli>, pattern: RegExp) {
  t.equal(r.code, 2, 'exit 2');
  t.equal(r.stdout, '');
  t.match(r.stderr, /^oci-conformance: [^\n]+\n$/, 'one line');
  t.match(r.stderr, pattern);
}

t.test('a major verdict exits 1 and ends with the verdict line', async (t) => {
  const r = cli('--from', '1.2.1', '--to', '1.3.0');
  t.equal(r.code, 1);
  t.equal(r.stderr, '');
  t.match(r.stdout, /\/linux\/intelRdt\/enableCMT {2}property-removed/);
  t.match(r.stdout, /witness \(valid under 1\.2\.1; 1\.3\.0 also accepts it but does not define \/linux\/intelRdt\/enableCMT\)/);
  t.match(r.stdout, /changed config\.hooks\.poststart-failure-warn \(MUST\) -> config\.hooks\.poststart-failure-error \(MUST\)/);
  t.match(r.stdout, /\nVerdict: major \(schema major, prose rules major, runtime expectations major; [^\n]+\n$/);
});

t.test('minor and patch verdicts exit 0', async (t) => {
  const minor = cli('--from', '1.2.0', '--to', '1.2.1', '--kind', 'features');
  t.equal(minor.code, 0);
  t.match(minor.stdout, /Verdict: minor /);
  const patch = cli('--from', '1.3.0', '--to', '1.3.0');
  t.equal(patch.code, 0);
  t.match(patch.stdout, /Schema changes: 0\n/);
  t.match(patch.stdout, /Verdict: patch \(schema none, prose rules none, runtime expectations none; 0 major changes, 0 unclassified, 0 minor\): nothing changes/);
});

t.test('--format json is the report; --format md a document', async (t) => {
  const r = cli('--from', '1.0.1', '--to', '1.0.2', '--format', 'json');
  t.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  t.match(report, { kind: 'config', from: { label: '1.0.1', source: 'built-in', version: '1.0.1' }, to: { label: '1.0.2' }, verdict: { bump: 'major' } });
  const change = report.changes.find((c: { change: string; pointer: string }) => c.change === 'enum-added' && c.pointer === '/linux/seccomp/defaultAction');
  t.match(change, { class: 'major', from: null, witness: { accepts: 'from', other: 'rejects', pointer: '/linux/seccomp/defaultAction' } });
  t.ok(Array.isArray(report.rules) && Array.isArray(report.expectations));

  const md = cli('--from', '1.0.1', '--to', '1.0.2', '--format', 'md');
  t.equal(md.code, 1);
  t.match(md.stdout, /^# config: 1\.0\.1 → 1\.0\.2\n/);
  t.match(md.stdout, /\n\| major \| `\/linux\/seccomp\/defaultAction` \| enum-added \|/);
});

t.test('two folders: schema changes only, with a note that the catalogue needs versions', async (t) => {
  const a = folder('a', { type: 'object', properties: { x: { type: 'string' } } });
  const b = folder('b', { type: 'object', properties: { x: { type: 'string' }, y: { type: 'boolean' } } });
  const r = cli('--from', a, '--to', b);
  t.equal(r.code, 0);
  t.match(r.stdout, /minor  \/y  property-added: \(none\) -> boolean/);
  t.match(r.stdout, /Note: A schema folder has no version/);
  t.notMatch(r.stdout, /Runtime expectations/);
  t.match(r.stdout, /Verdict: minor \(schema minor; /);
  t.equal(cli('--from', b, '--to', a).code, 1, 'the reverse removes a member: major');
  t.equal(cli('--from', '1.3.0', '--to', b).code, 1, 'a version against a folder');
});

t.test('bad input: exit 2 with one line', async (t) => {
  oneLineError(t, cli('--from', '1.4.0', '--to', '1.3.0'), /--from 1\.4\.0: unknown runtime-spec version; built-in versions: 1\.0\.0, .*1\.3\.0/);
  oneLineError(t, cli('--from', '1.3.0', '--to', 'v1.2'), /--to v1\.2: unknown runtime-spec version/);
  oneLineError(t, cli('--from', 'no-such-dir', '--to', '1.3.0'), /--from no-such-dir: neither a runtime-spec version .* nor a folder/);
  mkdirSync(join(work, 'empty'), { recursive: true });
  oneLineError(t, cli('--from', 'empty', '--to', '1.3.0'), /--from empty: .* has no config-schema\.json, state-schema\.json, features-schema\.json/);
  mkdirSync(join(work, 'broken'), { recursive: true });
  writeFileSync(join(work, 'broken', 'config-schema.json'), '{"type": ');
  oneLineError(t, cli('--from', '1.3.0', '--to', 'broken'), /--to broken: .*config-schema\.json: invalid JSON/);
  oneLineError(t, cli('--from', '1.0.2', '--to', '1.1.0', '--kind', 'features'), /--from 1\.0\.2: runtime-spec 1\.0\.2 defines no features document \(features\.md exists from 1\.1\.0\)/);
  oneLineError(t, cli('--from', 'a', '--to', 'b', '--kind', 'state'), /--from a: the folder has no state-schema\.json/);
  oneLineError(t, cli('--from', '1.3.0'), /compat needs --from V\|DIR and --to V\|DIR/);
  oneLineError(t, cli('--from', '1.2.1', '--to', '1.3.0', '--format', 'tap'), /--format must be one of text, json, md/);
  oneLineError(t, cli('--from', '1.2.1', '--to', '1.3.0', '--kind', 'bundle'), /--kind must be one of config, state, features/);
  oneLineError(t, cli('--from', '1.2.1', '--to', '1.3.0', 'extra'), /compat takes no positional arguments/);
  oneLineError(t, cli('--frm', '1.2.1'), /Unknown option '--frm'/);
});

t.test('--help exits 0 and names the exit codes', async (t) => {
  const r = cli('--help');
  t.equal(r.code, 0);
  t.match(r.stdout, /Usage: oci-conformance compat --from V\|DIR --to V\|DIR/);
  t.match(r.stdout, /Exit codes: 0 patch or minor, 1 major, 2 /);
});
