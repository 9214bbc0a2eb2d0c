// The spawn helper (validation/harness/spawner.ts) against node's own spawn: every command gives
// the same recorded outcome either way — exit codes, signals, spawn errors, output (relayed or
// to files, capped), what the command sees of its process (session, group, stdio, signal mask,
// environment, directory), deadlines that kill the whole group, output pipes a daemon keeps.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invoke, type Invocation } from '../../validation/harness/invoke.js';
import { findExecutable } from '../../validation/harness/profile.js';
import { spawner } from '../../validation/harness/spawner.js';

const dir = mkdtempSync(join(tmpdir(), 'spawner-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string, mode = 0o755): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  chmodSync(p, mode);
  return p;
}

/** Both ways: the helper's, then node's own (OCI_CONFORMANCE_SPAWNER=0). */
async function both(argv: string[], opts: Partial<Parameters<typeof invoke>[1]> = {}): Promise<[Invocation | Error, Invocation | Error]> {
  const run = async () => {
    try {
      return await invoke(argv, { timeoutMs: 10_000, ...opts });
    } catch (e) {
      return e as Error;
    }
  };
  const viaHelper = await run();
  process.env.OCI_CONFORMANCE_SPAWNER = '0';
  try {
    return [viaHelper, await run()];
  } finally {
    delete process.env.OCI_CONFORMANCE_SPAWNER;
  }
}

/** What a report records of an invocation (its duration aside), pids and fds made comparable. */
function recorded(i: Invocation | Error) {
  if (i instanceof Error) return { thrown: i.message, code: (i as NodeJS.ErrnoException).code };
  const clean = (s: string) => s.replace(/\/proc\/\d+/g, '/proc/PID').replace(/(socket|pipe):\[\d+\]/g, '$1');
  return { argv: i.argv, exitCode: i.exitCode, signal: i.signal, timedOut: i.timedOut, spawnError: i.spawnError, stdout: clean(i.stdout), stderr: clean(i.stderr) };
}

t.test('the helper runs here (perl is on this host)', { skip: findExecutable('perl') ? false : 'no perl on PATH' }, async (t) => {
  const h = spawner();
  t.ok(h && (await h.whenReady()), 'ready');
});

t.test('same outcome through the helper and directly', async (t) => {
  const sees = script(
    'sees',
    [
      '#!/bin/sh',
      'echo "args: $# [$1] [$2]"',
      'echo "cwd: $(pwd)"',
      'echo "env: [$OCI_SPAWNER_TEST]"',
      'grep -E "^(Sig(Blk|Ign)|Umask)" /proc/self/status',
      'ls -l /proc/self/fd/ | tail -n +2 | awk \'{print $9, $10, $11}\'',
      'ps -o pid= -o pgid= -o sid= -p $$ | awk \'{print "own group:", $1 == $2, "own session:", $1 == $3}\'',
      'echo to-stderr >&2',
      'exit 7',
    ].join('\n') + '\n',
  );
  const cases: [string, string[], Partial<Parameters<typeof invoke>[1]>?][] = [
    ['arguments with spaces, quotes and UTF-8', ['/bin/echo', 'a b', "it's", 'ü', '']],
    ['a program found on PATH', ['echo', 'on PATH']],
    ['what the command sees of its process', [sees, 'one two', '']],
    ['no such file', [join(dir, 'missing')]],
    ['no such program on PATH', ['oci-no-such-program-x']],
    ['not executable', [script('noexec', '#!/bin/sh\necho x\n', 0o644)]],
    ['a directory', [dir]],
    ['a script without #! (execvp hands it to /bin/sh)', [script('noshebang', 'echo from sh\n')]],
    ['killed by a signal', [script('segv', '#!/bin/sh\nkill -SEGV $$\n')]],
    ['exit code above 128 is an exit code', [script('exit139', '#!/bin/sh\nexit 139\n')]],
    ['output beyond the 1 MB cap', [script('big', '#!/bin/sh\nhead -c 3000000 /dev/zero | tr "\\0" b\n')]],
    ['output to files', [script('tofiles', '#!/bin/sh\necho out; echo err >&2; exit 4\n')], { stdoutFile: join(dir, 'o'), stderrFile: join(dir, 'e') }],
    ['an output file that cannot be opened', ['/bin/true'], { stdoutFile: join(dir, 'no-such-dir', 'o'), stderrFile: join(dir, 'e2') }],
  ];
  process.env.OCI_SPAWNER_TEST = 'set after the helper started';
  for (const [what, argv, opts] of cases) {
    const [viaHelper, direct] = await both(argv, opts);
    t.strictSame(recorded(viaHelper), recorded(direct), what);
  }
  delete process.env.OCI_SPAWNER_TEST;
  const [viaHelper] = await both([sees]);
  t.match((viaHelper as Invocation).stdout, /own group: 1 own session: 1/, 'its own session and process group');
  t.match((viaHelper as Invocation).stdout, /SigBlk:\s+0+\n/, 'no blocked signals');
});

t.test('a deadline kills the whole process group, either way', async (t) => {
  const marker = join(dir, 'grandchild-ran');
  const hang = script('hang', `#!/bin/sh\n(sleep 1; touch ${marker}) &\nsleep 30\n`);
  const [viaHelper, direct] = await both([hang], { timeoutMs: 300 });
  t.strictSame(recorded(viaHelper), recorded(direct));
  t.equal((viaHelper as Invocation).timedOut, true);
  t.equal((viaHelper as Invocation).signal, 'SIGKILL');
  spawnSync('sleep', ['1.5']);
  t.throws(() => readFileSync(marker), 'the background child died with its group');
});

t.test('a daemon holding the output pipes does not hold the call', async (t) => {
  const pids = join(dir, 'daemon-pids');
  const daemon = script('daemon', `#!/bin/sh\nsleep 5 &\necho $! >> ${pids}\necho started\nexit 0\n`);
  const [viaHelper, direct] = await both([daemon]);
  t.strictSame(recorded(viaHelper), recorded(direct));
  t.equal((viaHelper as Invocation).stdout, 'started\n');
  for (const pid of readFileSync(pids, 'utf8').trim().split('\n')) process.kill(Number(pid), 'SIGKILL');
});

t.test('calls run concurrently through the helper', async (t) => {
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) => invoke(['/bin/sh', '-c', `sleep 0.0${i}; echo ${i}; exit ${i}`], { timeoutMs: 10_000 })));
  t.strictSame(
    results.map((r) => [r.stdout, r.exitCode]),
    Array.from({ length: 8 }, (_, i) => [`${i}\n`, i]),
  );
});
