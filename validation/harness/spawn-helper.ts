// Starting runtime calls through one small helper process instead of forking node for each.
//
// Why: libuv forks node's whole address space for every child and then waits until the child
// has exec'd, which tears that copy down again. In a run against runc that blocked node for a
// median 2.5 ms a call (traced); a small process forks and execs in a fraction of that (suite
// runs interleaved: 8.4 ms against 9.3 ms median per state/start/kill call). The helper is a
// Perl script (perl-base is essential on Debian and perl is on nearly every Linux host; it uses
// only POSIX) that forks and execs on request and reports the pid and the wait status: two short
// lines a call. Output goes to files, never through the helper. Where perl is missing, the helper
// did not start or has died, invoke.ts starts commands itself; OCI_CONFORMANCE_SPAWN_HELPER=0
// makes it do so always.
//
// What a command sees is what node's spawn with `detached: true` gives it: its own session and
// process group, stdin from /dev/null, stdout and stderr on the files given, the environment the
// helper was started with, default signal dispositions and an empty signal mask, the program
// found as execvp finds it. What is recorded is the same too: the exit code or the signal's name,
// an exec failure as a spawn error named by its errno.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { getSystemErrorMap, getSystemErrorName } from 'node:util';
import { findExecutable } from './profile.js';

// Requests: "<id> <stdout> <stderr> <argv0> <argv1>...", every field hex-encoded but the id.
// Answers: "p <id> <pid>" once the command runs, then "x <id> <wait status>" when it has ended;
// or "e <id> <stage> <errno>": stage 0 fork or exec failed, 1 stdout, 2 stderr could not be opened.
const PERL_SOURCE = String.raw`
use strict; use POSIX ();
$| = 1;
pipe(my $sigr, my $sigw) or die "pipe: $!";
for ($sigr, $sigw) { my $fl = fcntl($_, POSIX::F_GETFL(), 0); fcntl($_, POSIX::F_SETFL(), $fl | POSIX::O_NONBLOCK()); }
$SIG{CHLD} = sub { syswrite($sigw, 'x') };
my %ids;
sub start {
  my ($id, @hex) = @_;
  my ($out, $err, @argv) = map { pack('H*', $_) } @hex;
  # Close-on-exec (Perl's default above fd 2): EOF on it means the exec succeeded.
  pipe(my $exr, my $exw) or do { print "e $id 0 ", $! + 0, "\n"; return };
  my $pid = fork();
  if (!defined $pid) { print "e $id 0 ", $! + 0, "\n"; return }
  if ($pid == 0) {
    my $fail = sub { syswrite($exw, pack('NN', $_[0], $! + 0)); POSIX::_exit(127) };
    $SIG{CHLD} = 'DEFAULT';
    POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new());
    POSIX::setsid();
    open(STDIN, '<', '/dev/null') or $fail->(0);
    open(STDOUT, '>', $out) or $fail->(1);
    open(STDERR, '>', $err) or $fail->(2);
    { no warnings; exec { $argv[0] } @argv; }
    $fail->(0);
  }
  close($exw);
  my ($got, $why);
  # A SIGCHLD of another command may interrupt the wait: wait on.
  do { $got = sysread($exr, $why, 8) } while (!defined $got && $! == POSIX::EINTR());
  close($exr);
  if (defined $got && $got == 8) { waitpid($pid, 0); my ($stage, $errno) = unpack('NN', $why); print "e $id $stage $errno\n"; return }
  $ids{$pid} = $id;
  print "p $id $pid\n";
}
my $in = '';
for (;;) {
  my $rin = '';
  vec($rin, fileno(STDIN), 1) = 1; vec($rin, fileno($sigr), 1) = 1;
  my $n = select(my $rout = $rin, undef, undef, undef);
  if ($n > 0 && vec($rout, fileno($sigr), 1)) { sysread($sigr, my $drained, 512) }
  while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) { my $id = delete $ids{$pid}; print "x $id $?\n" if defined $id }
  next unless $n > 0 && vec($rout, fileno(STDIN), 1);
  my $r = sysread(STDIN, $in, 65536, length $in);
  exit 0 unless $r;
  while ((my $i = index($in, "\n")) >= 0) { my $line = substr($in, 0, $i); substr($in, 0, $i + 1) = ''; start(split(/ /, $line, -1)) }
}
`;

export interface HelperOutcome {
  code: number | null;
  signal: string | null;
  /** The command could not be started: "spawn FILE ERRNO-NAME", as node's spawn reports it. */
  spawnError?: string;
  /** An output file could not be opened: the error node's openSync would have thrown. */
  openError?: NodeJS.ErrnoException;
  /**
   * The helper ended before it had answered anything (a perl without POSIX, say): the command
   * was never started, and the caller starts it itself.
   */
  notStarted?: true;
}

interface Pending {
  argv: string[];
  stdoutFile: string;
  stderrFile: string;
  onPid(pid: number): void;
  done(o: HelperOutcome): void;
}

const signalNames = new Map(Object.entries(constants.signals).map(([name, n]) => [n as number, name]));

export class SpawnHelper {
  private readonly child: ChildProcess;
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;
  private buffer = '';
  private dead = false;
  /** Whether the helper has ever answered: until then, its failure means it never worked. */
  private answered = false;

  private constructor(perl: string, env: NodeJS.ProcessEnv) {
    // Its own session: a terminal's ^C reaches node, which cleans up, and not the helper.
    this.child = spawn(perl, ['-e', PERL_SOURCE], { stdio: ['pipe', 'pipe', 'ignore'], env, detached: true });
    this.child.on('error', () => this.fail('the spawn helper could not be started'));
    this.child.on('exit', () => this.fail('the spawn helper exited'));
    this.child.stdin!.on('error', () => this.fail('the spawn helper stopped reading'));
    this.child.stdout!.setEncoding('latin1');
    this.child.stdout!.on('data', (text: string) => this.receive(text));
    this.idle();
  }

  /** A helper with `env` as every command's environment; undefined where there is no perl or it is turned off. */
  static start(env: NodeJS.ProcessEnv): SpawnHelper | undefined {
    if (process.env.OCI_CONFORMANCE_SPAWN_HELPER === '0') return undefined;
    const perl = findExecutable('perl');
    return perl ? new SpawnHelper(perl, env) : undefined;
  }

  /** Whether calls can go through it (it has not failed or been closed). */
  get usable(): boolean {
    return !this.dead;
  }

  /** The helper's pid, for tests. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Start `argv` with stdout and stderr on the given files. `onPid` gets the pid (its process
   * group) as soon as the command runs; the promise settles when it has ended.
   */
  run(argv: string[], stdoutFile: string, stderrFile: string, onPid: (pid: number) => void): Promise<HelperOutcome> {
    return new Promise((done) => {
      if (this.dead) return done({ code: null, signal: null, notStarted: true });
      const id = String(this.nextId++);
      this.pending.set(id, { argv, stdoutFile, stderrFile, onPid, done });
      if (this.pending.size === 1) this.busy();
      const hex = (s: string) => Buffer.from(s).toString('hex');
      this.child.stdin!.write(`${id} ${[stdoutFile, stderrFile, ...argv].map(hex).join(' ')}\n`);
    });
  }

  /** Kill the helper: the calls it is running end as calls that could not be made. */
  terminate(): void {
    this.child.kill('SIGKILL');
  }

  /** End the helper (it exits when its input ends); commands still running are not touched. */
  close(): void {
    this.dead = true;
    this.child.stdin!.end();
    this.idle();
  }

  private receive(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      this.answered = true;
      const [kind, id, a, b] = this.buffer.slice(0, nl).split(' ');
      this.buffer = this.buffer.slice(nl + 1);
      const p = this.pending.get(id);
      if (!p) continue;
      if (kind === 'p') {
        p.onPid(Number(a));
        continue;
      }
      this.pending.delete(id);
      if (this.pending.size === 0) this.idle();
      if (kind === 'x') {
        const status = Number(a);
        const sig = status & 0x7f;
        p.done(sig ? { code: null, signal: signalNames.get(sig) ?? `SIG${sig}` } : { code: (status >> 8) & 0xff, signal: null });
      } else {
        const stage = Number(a);
        const errno = Number(b);
        const name = getSystemErrorName(-errno);
        if (stage === 0) p.done({ code: null, signal: null, spawnError: `spawn ${p.argv[0]} ${name}` });
        else {
          // As node's openSync words it: "ENOENT: no such file or directory, open '/x/y'".
          const path = stage === 1 ? p.stdoutFile : p.stderrFile;
          const e: NodeJS.ErrnoException = new Error(`${name}: ${getSystemErrorMap().get(-errno)?.[1] ?? 'error'}, open '${path}'`);
          Object.assign(e, { errno: -errno, code: name, syscall: 'open', path });
          p.done({ code: null, signal: null, openError: e });
        }
      }
    }
  }

  /**
   * Commands that were running when the helper failed end as calls that could not be made; if it
   * never answered at all, it started none of them and they are handed back.
   */
  private fail(why: string): void {
    this.dead = true;
    for (const p of this.pending.values()) p.done(this.answered ? { code: null, signal: null, spawnError: `${why} (spawn ${p.argv[0]})` } : { code: null, signal: null, notStarted: true });
    this.pending.clear();
    this.idle();
  }

  // The helper keeps node's event loop alive only while a command it started is running.
  private busy(): void {
    this.child.ref();
    (this.child.stdout as unknown as { ref?(): void }).ref?.();
  }

  private idle(): void {
    this.child.unref();
    (this.child.stdout as unknown as { unref?(): void }).unref?.();
    (this.child.stdin as unknown as { unref?(): void }).unref?.();
  }
}
