// examples/README.md states, for every command it shows, the exit code and the rule IDs of the
// errors and warnings (or what stderr says). This runs each command with the built CLI and checks
// the statement, so the README cannot drift from what the validator does.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';

const README = readFileSync(packagePath('examples', 'README.md'), 'utf8');
const MAIN = packagePath('dist', 'cmd', 'main.js');
const env = { ...process.env };
delete env.NODE_OPTIONS;

interface Statement {
  command: string;
  exit: number;
  errors?: string[];
  warnings?: string[];
  stderr?: string;
}

/** Every "```sh" block holding one `oci-conformance validate` command, and the "Expected:" line after it. */
function statements(): Statement[] {
  const out: Statement[] = [];
  const re = /```sh\n(oci-conformance validate [^\n]+)\n```\n+Expected: ([^\n]+)\n/g;
  for (const m of README.matchAll(re)) {
    const s: Statement = { command: m[1], exit: NaN };
    for (const part of m[2].split('; ')) {
      const [key, value] = [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1).trim()];
      const ids = () => (value === 'none' ? [] : value.split(', ').map((x) => x.replace(/^`|`$/g, '')));
      if (part.startsWith('exit ')) s.exit = Number(part.slice(5));
      else if (key === 'errors') s.errors = ids();
      else if (key === 'warnings') s.warnings = ids();
      else if (key === 'stderr') s.stderr = value.replace(/^`|`$/g, '');
      else throw new Error(`examples/README.md: cannot read "${part}" in "Expected: ${m[2]}"`);
    }
    out.push(s);
  }
  return out;
}

/** Run a README command line: words split on spaces, "< FILE" feeds standard input. */
function run(command: string, format?: string) {
  let words = command.split(' ').slice(1);
  let input = '';
  const redirect = words.indexOf('<');
  if (redirect >= 0) {
    input = readFileSync(packagePath(words[redirect + 1]), 'utf8');
    words = words.slice(0, redirect);
  }
  const [sub, ...rest] = words;
  const args = format ? [sub, '--format', format, ...rest] : words;
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: packagePath(), env, input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

const all = statements();

t.test('the README states a result for every example file', async (t) => {
  t.ok(all.length >= 10, `${all.length} commands read`);
  const named = all.map((s) => s.command).join(' ');
  const files = readdirSync(packagePath('examples')).filter((f) => f !== 'README.md');
  for (const f of files) t.ok(named.includes(`examples/${f}`), `examples/${f} has a command and an expected result`);
  for (const s of all) t.ok(Number.isInteger(s.exit), `${s.command}: exit code stated`);
});

for (const s of all) {
  t.test(s.command, async (t) => {
    const text = run(s.command);
    t.equal(text.status, s.exit, `exit ${s.exit}`);
    if (s.stderr !== undefined) {
      t.match(text.stderr, /^oci-conformance: [^\n]+\n$/, 'one line on stderr');
      t.ok(text.stderr.includes(s.stderr), `stderr says "${s.stderr}"`);
      t.equal(text.stdout, '');
      return;
    }
    t.equal(text.stderr, '', 'nothing on stderr');
    const json = run(s.command, 'json');
    t.equal(json.status, s.exit, 'same exit code with --format json');
    const results = (JSON.parse(json.stdout) as { results: { errors: { rule: string }[]; warnings: { rule: string }[] }[] }).results;
    const errors = results.flatMap((r) => r.errors.map((e) => e.rule));
    const warnings = results.flatMap((r) => r.warnings.map((e) => e.rule));
    t.same([...errors].sort(), [...(s.errors ?? [])].sort(), 'error rule IDs as stated');
    t.same([...warnings].sort(), [...(s.warnings ?? [])].sort(), 'warning rule IDs as stated');
  });
}
