// The spawn helper (validation/harness/spawn-helper.ts) against node's own spawn: every command
// gives the same recorded outcome either way (exit codes, signals, spawn errors, output, what the
// command sees of its process), deadlines kill the whole group, a helper that dies fails only the
// calls it was running, and a command that writes without end is stopped.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invoke, OUTPUT_LIMIT, type Invocation, type InvokeOptions } from '../../validation/harness/invoke.js';
import { findExecutable, parseProfile } from '../../validation/harness/profile.js';
import { RuntimeDriver } from '../../validation/harness/runtime.js';
import { SpawnHelper } from '../../validation/harness/spawn-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'spawn-helper-'));
const scratchDir = join(dir, 'scratch');
mkdirSync(scratchDir);
const env = { ...process.env, OCI_SPAWN_HELPER_TEST: 'given at start' };
const helper = SpawnHelper.start(env);
t.teardown(() => {
  helper?.close();
  rmSync(dir, { recursive: true, force: true });
});

if (!helper) {
  t.test('the helper starts where perl is', async (t) => {
    if (findExecutable('perl')) t.fail('perl is on PATH but the helper did not start');
    else if (process.env.CI) t.fail('no perl on PATH; CI hosts (Debian, perl-base) have it');
    else t.plan(0, 'no perl on PATH: node starts every call itself');
  });
} else {
  function script(name: string, body: string, mode = 0o755): string {
    const p = join(dir, name);
    writeFileSync(p, body);
    chmodSync(p, mode);
    return p;
  }

  async function attempt(argv: string[], opts: InvokeOptions): Promise<Invocation | Error> {
    try {
      return await invoke(argv, opts);
    } catch (e) {
      return e as Error;
    }
  }

  /** The helper's way, then node's own, as RuntimeDriver calls them. */
  async function both(argv: string[], opts: Partial<InvokeOptions> = {}): Promise<[Invocation | Error, Invocation | Error]> {
    const base = { timeoutMs: 10_000, baseEnv: env, ...opts };
    return [await attempt(argv, { ...base, helper, scratchDir }), await attempt(argv, base)];
  }

  /** What a report records of an invocation (its duration aside), pids made comparable. */
  function recorded(i: Invocation | Error) {
    if (i instanceof Error) return { thrown: i.message, code: (i as NodeJS.ErrnoException).code };
    const clean = (s: string) => s.replace(/\b\d{2,}\b/g, 'N');
    return { argv: i.argv, exitCode: i.exitCode, signal: i.signal, timedOut: i.timedOut, spawnError: i.spawnError, stdout: clean(i.stdout), stderr: clean(i.stderr) };
  }

  t.test('same outcome through the helper and from node', async (t) => {
    const sees = script(
      'sees',
      [
        '#!/bin/sh',
        'echo "args: $# [$1] [$2]"',
        'echo "cwd: $(pwd)"',
        'echo "env: [$OCI_SPAWN_HELPER_TEST]"',
        'grep -E "^(Sig(Blk|Ign)|Umask)" /proc/self/status',
        // Compared with node's own spawn: fds this test inherited without close-on-exec show in both.
        'echo "fds: $(ls /proc/self/fd | tr "\\n" " ")"',
        'read -r line; echo "stdin: [$line] $?"',
        'ps -o pid= -o pgid= -o sid= -p $$ | awk \'{print "own group:", $1 == $2, "own session:", $1 == $3}\'',
        'echo to-stderr >&2',
        'exit 7',
      ].join('\n') + '\n',
    );
    const cases: [string, string[], Partial<InvokeOptions>?][] = [
      ['arguments with spaces, quotes and UTF-8', ['/bin/echo', 'a b', "it's", 'ü', '']],
      ['what the command sees of its process', [sees, 'one two', '']],
      ['no such file', [join(dir, 'missing')]],
      ['not executable', [script('noexec', '#!/bin/sh\necho x\n', 0o644)]],
      ['a directory', [dir]],
      ['a script without #! (execvp hands it to /bin/sh)', [script('noshebang', 'echo from sh\n')]],
      ['killed by a signal', [script('segv', '#!/bin/sh\nkill -SEGV $$\n')]],
      ['an exit code above 128 is an exit code', [script('exit139', '#!/bin/sh\nexit 139\n')]],
      ['output beyond the 1 MiB capture', [script('big', '#!/bin/sh\nhead -c 3000000 /dev/zero | tr "\\0" b\n')]],
      ['output to files given', [script('tofiles', '#!/bin/sh\necho out; echo err >&2; exit 4\n')], { stdoutFile: join(dir, 'o'), stderrFile: join(dir, 'e') }],
      ['an output file that cannot be opened', ['/bin/true'], { stdoutFile: join(dir, 'no-such-dir', 'o'), stderrFile: join(dir, 'e2') }],
    ];
    for (const [what, argv, opts] of cases) {
      const [viaHelper, direct] = await both(argv, opts);
      t.strictSame(recorded(viaHelper), recorded(direct), what);
    }
    const [viaHelper] = await both([sees]);
    const out = (viaHelper as Invocation).stdout;
    t.match(out, /own group: 1 own session: 1/, 'its own session and process group');
    t.match(out, /SigBlk:\s+0+\n/, 'no blocked signals');
    t.match(out, /SigIgn:\s+0+\n/, 'no ignored signals');
    t.match(out, /stdin: \[\] 1/, 'stdin is empty');
    t.match(out, /env: \[given at start\]/, 'the environment the helper was started with');
    t.same(readdirSync(scratchDir), [], 'scratch output files are removed once read');
  });

  t.test('calls do go through the helper, also a runtime driver\'s', async (t) => {
    const scratchOut = new RegExp(`^${scratchDir}/\\d+\\.out\n$`);
    const direct = await invoke(['readlink', '/proc/self/fd/1'], { timeoutMs: 10_000, helper, scratchDir });
    t.match(direct.stdout, scratchOut, "invoke: stdout is a scratch file the helper's child opened");
    const profile = parseProfile(
      ['profileVersion: 1', 'name: fd-reader', "command: [/bin/sh, -c, 'readlink /proc/self/fd/1', sh]", 'isolation: native', 'specVersion: 1.0.2'].join('\n'),
      'test',
    );
    const driver = new RuntimeDriver(profile, undefined, new AbortController().signal, { env, helper, scratchDir });
    const viaDriver = await driver.raw('state', ['state']);
    t.match(viaDriver.stdout, scratchOut, 'RuntimeDriver hands its helper on');
  });

  t.test('a deadline kills the whole process group, either way', async (t) => {
    const marker = join(dir, 'grandchild-ran');
    const hang = script('hang', `#!/bin/sh\n(sleep 1; touch ${marker}) &\nsleep 30\n`);
    const [viaHelper, direct] = await both([hang], { timeoutMs: 300 });
    t.strictSame(recorded(viaHelper), recorded(direct));
    t.equal((viaHelper as Invocation).timedOut, true, 'timed out');
    t.equal((viaHelper as Invocation).signal, 'SIGKILL', 'killed');
    spawnSync('sleep', ['1.5']);
    t.notOk(existsSync(marker), 'the background child died with its group');
  });

  t.test('an interruption kills the command at once', async (t) => {
    const abort = new AbortController();
    const call = invoke(['sleep', '30'], { timeoutMs: 20_000, signal: abort.signal, helper, scratchDir });
    setTimeout(() => abort.abort(), 100);
    const r = await call;
    t.equal(r.signal, 'SIGKILL', 'killed');
    t.equal(r.timedOut, false, 'by the interruption, not by its deadline');
  });

  t.test('a daemon that keeps the output open does not hold the call', async (t) => {
    const pids = join(dir, 'daemon-pids');
    const daemon = script('daemon', `#!/bin/sh\nsleep 5 &\necho $! >> ${pids}\necho started\nexit 0\n`);
    const [viaHelper, direct] = await both([daemon]);
    t.strictSame(recorded(viaHelper), recorded(direct));
    t.equal((viaHelper as Invocation).stdout, 'started\n');
    for (const pid of readFileSync(pids, 'utf8').trim().split('\n')) process.kill(Number(pid), 'SIGKILL');
  });

  t.test('calls run side by side through one helper', async (t) => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => invoke(['/bin/sh', '-c', `sleep 0.${8 - i}; echo ${i}; exit ${i}`], { timeoutMs: 10_000, helper, scratchDir })),
    );
    t.strictSame(
      results.map((r) => [r.stdout, r.exitCode]),
      Array.from({ length: 8 }, (_, i) => [`${i}\n`, i]),
      'each call gets its own outcome',
    );
  });

  t.test('a command that writes to a file without end is stopped, and says why, either way', async (t) => {
    const files = { stdoutFile: join(dir, 'yes.out'), stderrFile: join(dir, 'yes.err') };
    for (const [way, r] of [
      ['helper, scratch files', await invoke(['yes', 'garbage'], { timeoutMs: 60_000, helper, scratchDir })],
      ['node, files given', await invoke(['yes', 'garbage'], { timeoutMs: 60_000, ...files })],
    ] as const) {
      t.equal(r.signal, 'SIGKILL', `${way}: its group was killed`);
      t.equal(r.timedOut, false, `${way}: not by its deadline`);
      t.match(r.stderr, new RegExp(`wrote more than ${OUTPUT_LIMIT} bytes to stdout; its process group was killed`), `${way}: the evidence says why`);
      t.equal(r.stdout.length, 1 << 20, `${way}: the first MiB of its output is kept`);
    }
  });

  t.test('a helper that dies fails the calls it ran, and node starts the next ones', async (t) => {
    const own = SpawnHelper.start(env)!;
    const started = join(dir, 'orphan-started');
    const marker = join(dir, 'orphan-ran');
    const call = invoke(['/bin/sh', '-c', `: > ${started}; sleep 1; touch ${marker}`], { timeoutMs: 20_000, helper: own, scratchDir });
    // Once the command runs, the helper has sent its pid (the 100 ms let node read it).
    while (!existsSync(started)) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    process.kill(own.pid!, 'SIGKILL');
    const r = await call;
    t.match(r.spawnError, /the spawn helper exited/, 'the call records what happened');
    t.equal(own.usable, false, 'the helper is no longer used');
    const next = await invoke(['/bin/echo', 'still works'], { timeoutMs: 10_000, helper: own, scratchDir });
    t.equal(next.stdout, 'still works\n', 'later calls are started by node');
    spawnSync('sleep', ['1.5']);
    t.notOk(existsSync(marker), 'the command the dead helper started was killed with its group');
  });

  t.test('a helper that hangs: the call still ends at its deadline', async (t) => {
    const own = SpawnHelper.start(env)!;
    await invoke(['/bin/true'], { timeoutMs: 10_000, helper: own, scratchDir });
    process.kill(own.pid!, 'SIGSTOP');
    const r = await invoke(['/bin/echo', 'never'], { timeoutMs: 300, helper: own, scratchDir });
    t.equal(r.timedOut, true, 'timed out');
    t.match(r.spawnError, /the spawn helper exited/, 'the stuck helper was ended, and the call says so');
    t.equal(own.usable, false, 'the helper is no longer used');
  });

  t.test('a helper that never works (a perl without POSIX, say): node starts the calls, none is lost', async (t) => {
    const bin = join(dir, 'broken-perl');
    mkdirSync(bin);
    script('broken-perl/perl', '#!/bin/sh\necho "Can\'t locate POSIX.pm" >&2\nexit 2\n');
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    let broken: SpawnHelper;
    try {
      broken = SpawnHelper.start(env)!;
    } finally {
      process.env.PATH = path;
    }
    const calls = await Promise.all([1, 2].map((i) => invoke(['/bin/echo', `call ${i}`], { timeoutMs: 10_000, helper: broken, scratchDir })));
    t.strictSame(
      calls.map((c) => [c.stdout, c.exitCode, c.spawnError]),
      [
        ['call 1\n', 0, undefined],
        ['call 2\n', 0, undefined],
      ],
      'the calls made while it started ran all the same',
    );
    t.equal(broken.usable, false, 'the helper is no longer used');
  });

  t.test('a closed helper exits', async (t) => {
    const own = SpawnHelper.start(env)!;
    const r = await invoke(['/bin/echo', 'x'], { timeoutMs: 10_000, helper: own, scratchDir });
    t.equal(r.stdout, 'x\n');
    own.close();
    const until = Date.now() + 5000;
    while (Date.now() < until && existsSync(`/proc/${own.pid}`)) await new Promise((r) => setTimeout(r, 20));
    t.notOk(existsSync(`/proc/${own.pid}`), 'no helper process is left');
  });
}
