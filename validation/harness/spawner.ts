// Starting runtime calls through a small helper process instead of forking node itself.
//
// Why: node forks its whole address space for every child (libuv uses fork, not vfork), and the
// child's exec then tears that copy down while node waits (perf: copy_page_range,
// unmap_page_range): 1-2 ms of node's time per call on an idle 2-core host and several times
// that under load, against a fraction of a millisecond for a small process; a run makes ~175
// calls. The helper is a Perl script (perl-base is essential on Debian and present on most
// distributions; it uses only POSIX and Socket) that forks and execs on request and reports
// pids, output and wait statuses over a pipe. Where there is no perl, or the helper does not
// start, invoke.ts runs every command itself, exactly as before; OCI_CONFORMANCE_SPAWNER=0 makes
// it do so always.
//
// What a command sees is what node's spawn gives it: its own session and process group, stdin
// from /dev/null, stdout and stderr to socket pairs (relayed here) or to files opened for
// writing, node's current environment and working directory, default signal dispositions and
// an empty signal mask, the program found by execvp as libuv finds it; what is recorded is the
// same too: the exit code or the signal's name, an exec failure as a spawn error with the
// errno's name, output as it came.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { getSystemErrorName } from 'node:util';
import { findExecutable } from './profile.js';

const PERL_SOURCE = String.raw`
use strict; use POSIX (); use Socket ();
# Started in its own session by node: no terminal signal reaches it; its own handler (CHLD) is reset by exec.
pipe(my $sigr, my $sigw) or die "pipe: $!";
for ($sigr, $sigw) { my $fl = fcntl($_, POSIX::F_GETFL(), 0); fcntl($_, POSIX::F_SETFL(), $fl | POSIX::O_NONBLOCK()); }
$SIG{CHLD} = sub { syswrite($sigw, 'x') };
binmode STDOUT; $| = 1;
my (%bypid, %fhs, %ids);   # pid -> id; fileno -> [id, tag, fh]; id -> [filenos]
sub hex2 { pack('H*', $_[0]) }
sub send_line { print $_[0], "\n" }
sub drop { my ($id) = @_; for my $fd (@{ delete $ids{$id} || [] }) { my $e = delete $fhs{$fd}; close($e->[2]) if $e; } }
sub run_request {
  my ($id, $cwd, $out, $err, @argv) = @_;
  $cwd = $cwd eq '-' ? undef : hex2($cwd); @argv = map { hex2($_) } @argv;
  $out = $out eq '-' ? undef : hex2($out);
  $err = $err eq '-' ? undef : hex2($err);
  my ($outr, $outw, $errr, $errw);
  # Socket pairs, as node gives a child for 'pipe' stdio.
  if (!defined $out) { socketpair($outr, $outw, Socket::AF_UNIX(), Socket::SOCK_STREAM(), 0) or die "socketpair: $!" }
  if (!defined $err) { socketpair($errr, $errw, Socket::AF_UNIX(), Socket::SOCK_STREAM(), 0) or die "socketpair: $!" }
  pipe(my $exr, my $exw) or die "pipe: $!";
  my $pid = fork();
  if (!defined $pid) { send_line("e $id 0 " . ($! + 0)); return; }
  if ($pid == 0) {
    my $fail = sub { my ($stage) = @_; syswrite($exw, pack('NN', $stage, $! + 0)); POSIX::_exit(127); };
    POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new());
    POSIX::setsid();
    if (defined $cwd) { chdir($cwd) or $fail->(0) }
    open(STDIN, '<', '/dev/null') or $fail->(1);
    if (defined $out) { open(STDOUT, '>', $out) or $fail->(2) } else { open(STDOUT, '>&', $outw) or $fail->(1) }
    if (defined $err) { open(STDERR, '>', $err) or $fail->(3) } else { open(STDERR, '>&', $errw) or $fail->(1) }
    # execvp, as libuv does: PATH from the child's environment, a file the kernel cannot run given to /bin/sh.
    { no warnings; exec { $argv[0] } @argv; }
    $fail->(0);
  }
  close($exw); close($outw) if $outw; close($errw) if $errw;
  send_line("p $id $pid");
  my $got = sysread($exr, my $eb, 8); close($exr);
  if (defined $got && $got == 8) {
    my ($stage, $errno) = unpack('NN', $eb);
    close($outr) if $outr; close($errr) if $errr;
    send_line("e $id $stage $errno");
    return;
  }
  $bypid{$pid} = $id;
  for ([$outr, 'o'], [$errr, 'r']) {
    my ($fh, $tag) = @$_; next unless $fh;
    $fhs{fileno($fh)} = [$id, $tag, $fh]; push @{ $ids{$id} }, fileno($fh);
  }
}
sub reap { while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) { my $id = delete $bypid{$pid}; send_line("x $id $?") if defined $id; } }
my $inbuf = '';
send_line('ready');
for (;;) {
  my $rin = '';
  vec($rin, fileno(STDIN), 1) = 1; vec($rin, fileno($sigr), 1) = 1;
  vec($rin, $_, 1) = 1 for keys %fhs;
  my $n = select(my $rout = $rin, undef, undef, undef);
  if ($n < 0) { reap(); next; }
  if (vec($rout, fileno($sigr), 1)) { sysread($sigr, my $junk, 512) }
  reap();
  for my $fd (keys %fhs) {
    next unless vec($rout, $fd, 1);
    my $e = $fhs{$fd}; my $r = sysread($e->[2], my $data, 65536);
    if ($r) { send_line("$e->[1] $e->[0] " . unpack('H*', $data)); next }
    send_line("c $e->[0] $e->[1]");
    close($e->[2]); delete $fhs{$fd}; $ids{$e->[0]} = [grep { $_ != $fd } @{ $ids{$e->[0]} || [] }];
  }
  if (vec($rout, fileno(STDIN), 1)) {
    my $r = sysread(STDIN, $inbuf, 1 << 16, length $inbuf);
    exit 0 unless $r;
    while ((my $i = index($inbuf, "\n")) >= 0) {
      my @f = split(/ /, substr($inbuf, 0, $i), -1); substr($inbuf, 0, $i + 1) = '';
      my $cmd = shift @f;
      if ($cmd eq 'r') { run_request(@f) }
      elsif ($cmd eq 'v') {
        # node's environment becomes the helper's own, which every child inherits.
        %ENV = ();
        for (map { hex2($_) } @f) { my $i = index($_, '='); $ENV{substr($_, 0, $i)} = substr($_, $i + 1) if $i > 0 }
      }
      elsif ($cmd eq 'd') { drop($f[0]) }
    }
  }
}
`;

export interface HelperOutcome {
  code: number | null;
  signal: string | null;
  /** The command could not be started: the errno's name, as node's spawn reports it. */
  spawnErrorCode?: string;
  /** A stdout or stderr file could not be opened (node's openSync would have thrown). */
  openFailed?: { path: string; errno: number };
}

export interface HelperCall {
  /** Called with the child's pid (its process group) as soon as it is forked. */
  onPid(pid: number): void;
  onStdout(b: Buffer): void;
  onStderr(b: Buffer): void;
  /** The child exited (code or signal) or could not be started (spawnError). */
  onExit(o: HelperOutcome): void;
  /** Both relayed output pipes reached end of file (at once when output goes to files). */
  onClosed(): void;
  /** The helper died: the call's outcome cannot be known. */
  onLost(): void;
}

const SIGNAL_NAMES = new Map<number, string>();
for (const [name, n] of Object.entries(constants.signals)) if (!SIGNAL_NAMES.has(n)) SIGNAL_NAMES.set(n, name);

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** One helper process; calls wait for it to be ready, and run directly when it never is. */
export class Spawner {
  private child: ChildProcess | undefined;
  private ready = false;
  private failed = false;
  private readonly waitingReady: ((ok: boolean) => void)[] = [];
  private readonly calls = new Map<number, HelperCall & { pipes: number; files: { stdout?: string; stderr?: string } }>();
  private nextId = 1;
  private sentEnv = '';
  private buffered = '';

  private readonly startCwd = process.cwd();

  constructor(perl: string) {
    try {
      this.child = spawn(perl, ['-e', PERL_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    } catch {
      this.fail();
      return;
    }
    if (this.child.pid === undefined) {
      this.child.on('error', () => undefined);
      this.fail();
      return;
    }
    this.child.on('error', () => this.fail());
    this.child.on('exit', () => this.fail());
    this.child.stdin!.on('error', () => this.fail());
    this.child.stdout!.setEncoding('latin1');
    this.child.stdout!.on('data', (s: string) => this.receive(s));
    // The helper keeps node alive only while something waits for it (see hold).
    this.child.unref();
    (this.child.stdin as unknown as { unref(): void }).unref();
    this.hold();
  }

  /** Keep node's event loop alive exactly while a call or a readiness wait is pending. */
  private hold(): void {
    const out = this.child?.stdout as unknown as { ref(): void; unref(): void } | undefined;
    if (this.calls.size > 0 || this.waitingReady.length > 0) out?.ref();
    else out?.unref();
  }

  /** Resolves true once the helper runs, false when it will not (then run the command directly). */
  whenReady(): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    if (this.failed) return Promise.resolve(false);
    return new Promise((r) => {
      this.waitingReady.push(r);
      this.hold();
    });
  }

  get usable(): boolean {
    return !this.failed;
  }

  /** Start `argv`; stdout and stderr go to the files when given, else are relayed to the call. */
  run(argv: string[], files: { stdout?: string; stderr?: string }, call: HelperCall): number {
    const id = this.nextId++;
    if (this.failed) {
      queueMicrotask(() => call.onLost());
      return id;
    }
    this.calls.set(id, { ...call, pipes: (files.stdout ? 0 : 1) + (files.stderr ? 0 : 1), files });
    this.hold();
    // The environment and directory the call starts with are node's at this moment.
    const env = Object.entries(process.env).map(([k, v]) => `${k}=${v}`);
    const envKey = env.join('\0');
    let msg = '';
    if (envKey !== this.sentEnv) {
      msg += `v ${env.map(hex).join(' ')}\n`;
      this.sentEnv = envKey;
    }
    // node's children start in node's working directory; the helper's is the one node had when it started.
    let cwd: string | undefined;
    try {
      cwd = process.cwd();
    } catch {
      // Removed meanwhile: a direct spawn would start there all the same; so does the helper.
    }
    msg += `r ${id} ${cwd === undefined || cwd === this.startCwd ? '-' : hex(cwd)} ${files.stdout ? hex(files.stdout) : '-'} ${files.stderr ? hex(files.stderr) : '-'} ${argv.map(hex).join(' ')}\n`;
    this.child!.stdin!.write(msg);
    return id;
  }

  /** Forget a finished call; its pipes, if a process it left still holds them open, are closed. */
  drop(id: number): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    this.hold();
    if (call.pipes > 0 && !this.failed) this.child!.stdin!.write(`d ${id}\n`);
  }

  private receive(s: string): void {
    this.buffered += s;
    let i: number;
    while ((i = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, i);
      this.buffered = this.buffered.slice(i + 1);
      this.message(line.split(' '));
    }
  }

  private message([kind, idText, a, b]: string[]): void {
    if (kind === 'ready') {
      this.ready = true;
      for (const r of this.waitingReady.splice(0)) r(true);
      this.hold();
      return;
    }
    const id = Number(idText);
    const call = this.calls.get(id);
    if (!call) return;
    switch (kind) {
      case 'p':
        call.onPid(Number(a));
        if (call.pipes === 0) call.onClosed();
        break;
      case 'o':
        call.onStdout(Buffer.from(a, 'hex'));
        break;
      case 'r':
        call.onStderr(Buffer.from(a, 'hex'));
        break;
      case 'c':
        if (--call.pipes === 0) call.onClosed();
        break;
      case 'x': {
        const status = Number(a);
        const sig = status & 0x7f;
        call.onExit(sig ? { code: null, signal: SIGNAL_NAMES.get(sig) ?? `SIG${sig}` } : { code: status >> 8, signal: null });
        break;
      }
      case 'e': {
        // Stage 0: starting the command failed (exec, its working directory): a spawn error, as
        // node reports it; 1: stdio could not be set up; 2, 3: the stdout, stderr file could not be opened.
        const stage = Number(a);
        const errno = Number(b);
        if (stage === 2 || stage === 3) call.onExit({ code: null, signal: null, openFailed: { path: (stage === 2 ? call.files.stdout : call.files.stderr)!, errno } });
        else call.onExit({ code: null, signal: null, spawnErrorCode: getSystemErrorName(-errno) });
        break;
      }
    }
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const r of this.waitingReady.splice(0)) r(false);
    for (const [id, call] of this.calls) {
      this.calls.delete(id);
      call.onLost();
    }
    this.hold();
  }

  /** End the helper (tests). */
  close(): void {
    this.child?.stdin?.end();
  }
}

let shared: Spawner | undefined;

/**
 * The process-wide helper, started on first use; undefined when calls must run directly:
 * OCI_CONFORMANCE_SPAWNER=0, no perl on PATH, or the helper failed.
 */
export function spawner(): Spawner | undefined {
  if (process.env.OCI_CONFORMANCE_SPAWNER === '0') return undefined;
  if (shared === undefined) {
    const perl = findExecutable('perl');
    if (!perl) return undefined;
    shared = new Spawner(perl);
  }
  return shared.usable ? shared : undefined;
}
