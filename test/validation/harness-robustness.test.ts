// How the harness survives runtimes that misbehave: hang, crash, print garbage, exit 0 on
// errors, or are missing; and an interrupted run. In every case: no hang, no crash of the
// suite, a clear verdict or a one-line error, and nothing left behind.
import t, { type Test } from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';
import { findExecutable } from '../../validation/harness/profile.js';
import { containerIds, leftoversUnder } from '../support/leftovers.js';
import { runSandbox } from '../support/run-sandbox.js';

const MAIN = packagePath('dist/cmd/main.js');

interface Sandbox {
  dir: string;
  runTmp: string;
  out: string;
}

function sandbox(): Sandbox {
  const { dir, runTmp } = runSandbox('rb-');
  return { dir, runTmp, out: join(dir, 'out') };
}

/** A fake runtime: a shell script, with a profile giving it short timeouts (and `profileLines`). */
function fakeRuntime(sb: Sandbox, name: string, script: string, profileLines: string[] = []): string {
  const bin = join(sb.dir, name);
  writeFileSync(bin, `#!/bin/sh\n${script}\n`);
  chmodSync(bin, 0o755);
  const profile = join(sb.dir, `${name}.yaml`);
  writeFileSync(
    profile,
    [
      'profileVersion: 1',
      `name: ${name}`,
      `command: [${bin}]`,
      'isolation: native',
      'specVersion: 1.0.2',
      'featuresCommand: false',
      'timeouts: { create: 2, start: 2, state: 1, kill: 1, delete: 2 }',
      ...profileLines,
    ].join('\n') + '\n',
  );
  return profile;
}

function runSuite(sb: Sandbox, args: string[], timeout = 300_000) {
  return spawnSync(process.execPath, [MAIN, 'run', '--out', sb.out, '--jobs', '2', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: sb.runTmp },
    timeout,
  });
}

/** True when runc is missing: then the test fails in CI (which must install it), is empty elsewhere. */
function noRunc(t: Test): boolean {
  if (findExecutable('runc')) return false;
  if (process.env.CI) t.fail('runc is not installed; CI must install it');
  else t.plan(0, 'runc is not installed here');
  return true;
}

function report(sb: Sandbox): Report {
  return JSON.parse(readFileSync(join(sb.out, 'report.json'), 'utf8'));
}

t.test('a runtime that hangs on every call: calls time out, tests error or fail, the run ends', async (t) => {
  const sb = sandbox();
  try {
    // `exec sleep` replaces the shell, and a child sleep also keeps the group busy.
    const profile = fakeRuntime(sb, 'hang', 'sleep 3600 & exec sleep 3600');
    const r = runSuite(sb, ['--profile', profile, '--only', 'state.*', '--only', 'create.missing-id', '--timeout', '20']);
    t.equal(r.status, 1, `exit 1 (stderr: ${r.stderr.slice(-300)})`);
    const rep = report(sb);
    t.ok(rep.tests.every((x) => x.status === 'error' || x.status === 'fail'), 'no test passes against a runtime that never answers');
    t.ok(rep.tests.some((x) => x.invocations.some((i) => i.timedOut)), 'timed-out calls are recorded as such');
    t.same(leftoversUnder(sb.runTmp), [], 'no process of the hung runtime survives');
  } finally {
    rmSync(sb.dir, { recursive: true, force: true });
  }
});

t.test('a runtime that crashes on every call: failures with evidence', async (t) => {
  const sb = sandbox();
  try {
    const profile = fakeRuntime(sb, 'crash', 'kill -SEGV $$');
    const r = runSuite(sb, ['--profile', profile, '--only', 'state.*', '--only', 'kill.*']);
    t.equal(r.status, 1, 'exit 1');
    const rep = report(sb);
    t.ok(rep.tests.every((x) => x.status !== 'pass'), 'nothing passes');
    t.ok(rep.tests.flatMap((x) => x.invocations).some((i) => i.signal === 'SIGSEGV'), 'the crash signal is in the evidence');
    t.same(leftoversUnder(sb.runTmp), [], 'nothing left behind');
  } finally {
    rmSync(sb.dir, { recursive: true, force: true });
  }
});

t.test('a runtime that prints garbage and exits 0: state is reported unparseable, not a crash', async (t) => {
  const sb = sandbox();
  try {
    const profile = fakeRuntime(sb, 'garbage', `printf '<script>alert(1)</script>\\n\\x01\\xff{not json'; exit 0`);
    const r = runSuite(sb, ['--profile', profile, '--only', 'state.*', '--only', 'delete.errors']);
    t.equal(r.status, 1, 'exit 1');
    const rep = report(sb);
    const doc = rep.tests.find((x) => x.id === 'state.document-after-create')!;
    t.equal(doc.status, 'fail', 'state.document-after-create fails');
    t.match(JSON.stringify(doc.checks), /not JSON/, 'the parse problem is the evidence');
    t.equal(rep.tests.find((x) => x.id === 'state.errors')!.status, 'fail', 'exit 0 on errors fails the error checks');
    t.same(leftoversUnder(sb.runTmp), [], 'nothing left behind');
  } finally {
    rmSync(sb.dir, { recursive: true, force: true });
  }
});

t.test('a missing runtime, a bad profile, an empty selection: one line, exit 2', async (t) => {
  const sb = sandbox();
  try {
    const missing = runSuite(sb, ['--runtime', '/nonexistent/runtime']);
    t.equal(missing.status, 2, 'missing runtime: exit 2');
    t.match(missing.stderr, /^oci-conformance: runtime command "\/nonexistent\/runtime" not found\n$/, 'one clear line');
    const bad = join(sb.dir, 'bad.yaml');
    writeFileSync(bad, 'profileVersion: 7\nname: x\ncommand: [runc]\nisolation: native\n');
    const badProfile = runSuite(sb, ['--profile', bad]);
    t.equal(badProfile.status, 2, 'unknown profileVersion: exit 2');
    t.match(badProfile.stderr, /profileVersion 7 is not supported/, 'names the version');
    t.equal(badProfile.stderr.trim().split('\n').length, 1, 'one line');
    const badVersion = runSuite(sb, ['--runtime', 'runc', '--spec-version', '2.0.0']);
    t.equal(badVersion.status, 2, 'unknown --spec-version: exit 2');
    if (findExecutable('runc')) {
      const none = runSuite(sb, ['--runtime', 'runc', '--only', 'no.such.test']);
      t.equal(none.status, 2, 'a filter that selects nothing: exit 2');
      t.match(none.stderr, /no test matches/, 'says so');
    }
    t.same(leftoversUnder(sb.runTmp), [], 'nothing left behind');
  } finally {
    rmSync(sb.dir, { recursive: true, force: true });
  }
});

t.test('SIGINT during a run against runc: exit 130, every container deleted, temp dirs removed', async (t) => {
  if (noRunc(t)) return;
  const sb = sandbox();
  try {
    const child = spawn(process.execPath, [MAIN, 'run', '--runtime', 'runc', '--jobs', '2', '--out', sb.out], {
      env: { ...process.env, TMPDIR: sb.runTmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Interrupt as soon as the first test point is out, while later cases hold containers.
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d) => {
        const before = stdout;
        stdout += d;
        if (!/^ok 1 /m.test(before) && /^(not )?ok 1 /m.test(stdout)) child.kill('SIGINT');
      });
      child.on('close', (c) => resolve(c));
    });
    t.equal(code, 130, `exit 130 (stderr: ${stderr.slice(-300)})`);
    t.match(stderr, /SIGINT: stopping, cleaning up/, 'says it is cleaning up');
    const rep = report(sb);
    t.equal(rep.run.interrupted, true, 'the report says the run was interrupted');
    t.equal(rep.summary.verdict, 'fail', 'an interrupted run is never a pass');
    t.ok(containerIds(rep).length > 0, 'the interrupted run had created containers');
    t.same(leftoversUnder(sb.runTmp, containerIds(rep)), [], 'no container, process, cgroup, mount or temp dir is left');
  } finally {
    rmSync(sb.dir, { recursive: true, force: true });
  }
});

t.test('a runtime that leaves a process behind: the case errors, names it, and the suite kills it', async (t) => {
  if (noRunc(t)) return;
  const sb = sandbox();
  try {
    // runc, except that create also starts a daemon of its own in a new session, with the
    // bundle's path in its argv: what a runtime helper orphaned by a bug looks like.
    const profile = fakeRuntime(
      sb,
      'orphaning',
      [
        'prev=; bundle=',
        'for a in "$@"; do [ "$prev" = --bundle ] && bundle=$a; prev=$a; done',
        '[ -n "$bundle" ] && setsid tail -f "$bundle/config.json" </dev/null >/dev/null 2>&1 &',
        'exec runc "$@"',
      ].join('\n'),
      ['stateRootFlag: --root'],
    );
    const r = runSuite(sb, ['--profile', profile, '--only', 'state.document-after-create']);
    t.equal(r.status, 1, `exit 1 (stderr: ${r.stderr.slice(-300)})`);
    const rep = report(sb);
    const test = rep.tests.find((x) => x.id === 'state.document-after-create')!;
    t.equal(test.status, 'error', 'the case that leaked is charged with it');
    t.match(test.error, /processes were still running after every container of the case was deleted \(killed by the suite\): \d+ tail -f \S+\/config\.json/, 'the error names the process');
    t.same(rep.run.strayProcesses, [], 'found by the case itself, not only by the final sweep');
    t.same(leftoversUnder(sb.runTmp, containerIds(rep)), [], 'the process is gone, nothing left behind');
  } finally {
    rmSync(sb.dir, { recursive: true, force: true });
  }
});
