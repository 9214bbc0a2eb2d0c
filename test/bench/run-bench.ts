// npm run bench:run [-- RUNTIME [ROUNDS]] — the harness's overhead against a runtime (default
// runc), as ratios taken in one run. Each round runs, back to back:
//   1. the suite with --jobs 1 --keep-temp, which keeps the bundles for the replay (and spares
//      the removal of each case's files, so it is not a run that is compared);
//   2. the timed legs in the order A B B A, so that a load that rises or falls during the round
//      weighs on both sides alike. A is the suite with --jobs 1 as users run it, through the
//      installed command (wall time; the first A takes a trace, validation/harness/trace.ts, to
//      split that time into calls, waits and the rest). B is a bare replay of run 1 by a shell
//      script: the runtime calls report.json records, in the same order, against the same
//      bundles (each config.json as create read it, each results directory holding again only
//      what create found there), with the host's other acts on the
//      containers in between as the trace shows them — writing a program's "go" file, waiting
//      for a file a program writes (polled every millisecond, no process started) — so every
//      container is in the state it was in when the suite made the same call (a probe has
//      finished before its delete, a waiting program still waits);
//   3. the suite with --jobs 2.
// A round's overhead is the sum of its two A legs against the sum of its two B legs; the figures
// are the median of the per-round ratios, with every round and leg printed.
//
// What the replay leaves out is harness overhead by definition: node's start, setup (rootfs,
// --version, features), the state polls whose last call only is recorded, waits on the runtime
// rather than on files, stray reaping, bundle writing, temp file removal and rendering, and
// calls whose evidence the suite drops (a shared probe create that failed and was split).
// A known difference favours the replay (it makes the measured overhead larger, not smaller):
// the helper processes whose namespaces some cases join (delete.host-resources,
// config.namespaces.join-path) are gone, so those creates fail fast and their programs never
// run (the replay does not wait for them: the trace says which create failed).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';
import type { TraceEvent } from '../../validation/harness/trace.js';

const runtime = process.argv[2] ?? 'runc';
const ROUNDS = Number(process.argv[3] ?? 3);
// The installed command (cmd/oci-conformance, package.json "bin"), as users start it.
const COMMAND = packagePath('cmd/oci-conformance');
const work = mkdtempSync(join(tmpdir(), 'bench-run-'));
chmodSync(work, 0o755);

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

/** One suite run as users run it; `keep` adds --keep-temp (the replay needs the bundles). */
function suite(jobs: number, dir: string, opts: { keep?: boolean; trace?: string } = {}) {
  mkdirSync(dir, { mode: 0o755 });
  const r = timed(() =>
    spawnSync(COMMAND, ['run', '--runtime', runtime, '--jobs', String(jobs), ...(opts.keep ? ['--keep-temp'] : []), '--out', join(dir, 'out')], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: dir, ...(opts.trace ? { OCI_CONFORMANCE_TRACE: opts.trace } : {}) },
    }),
  );
  if (r.value.status !== 0 && r.value.status !== 1) throw new Error(`suite --jobs ${jobs} exited ${r.value.status}: ${r.value.stderr}`);
  return r;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** The subcommand of a runtime argv: the first word after the global flags and --root DIR. */
function subcommand(argv: string[]): string {
  const rootAt = argv.indexOf('--root');
  return argv.find((x, i) => i > (rootAt >= 0 ? rootAt + 1 : 0) && !x.startsWith('-')) ?? '?';
}

interface Replay {
  script: string;
  /** Run untimed before each replay: the results directories back to empty, as create found them. */
  prepare: string;
  cleanup: string;
  recorded: number;
  unrecorded: Map<string, number>;
  waits: number;
  writes: number;
  ops: string[];
}

/**
 * The runtime calls report.json records, each once: tests that shared a container run
 * (sharedRun) all list that run's calls, which the suite made once, for the first of them.
 */
function recordedInvocations(report: Report): Report['tests'][number]['invocations'] {
  const byId = new Map(report.tests.map((t) => [t.id, t]));
  const seen = new Set<string>();
  const out: Report['tests'][number]['invocations'] = [];
  for (const t of report.tests) {
    const earlier = new Set((t.sharedRun?.with ?? []).filter((id) => seen.has(id)).flatMap((id) => byId.get(id)!.invocations.map((i) => JSON.stringify([i.argv, i.durationMs]))));
    out.push(...t.invocations.filter((i) => !earlier.has(JSON.stringify([i.argv, i.durationMs]))));
    seen.add(t.id);
  }
  return out;
}

/**
 * Which traced calls are the ones report.json records: those with the argv and duration of a
 * recorded call, each recorded call matched once (a state poll repeats the argv of the one poll
 * that is recorded, rarely its duration too: then either stands for it). The trace gives the
 * order the calls were made in, which need not be the report's.
 */
function recordedCalls(report: Report, events: TraceEvent[]): Set<TraceEvent> {
  const recorded = recordedInvocations(report);
  const wanted = new Map<string, number>();
  for (const r of recorded) wanted.set(JSON.stringify([r.argv, r.durationMs]), (wanted.get(JSON.stringify([r.argv, r.durationMs])) ?? 0) + 1);
  const matched = new Set<TraceEvent>();
  for (const e of events) {
    if (e.kind !== 'call') continue;
    const key = JSON.stringify([e.argv, e.ms]);
    const n = wanted.get(key) ?? 0;
    if (n > 0) {
      wanted.set(key, n - 1);
      matched.add(e);
    }
  }
  if (matched.size !== recorded.length) throw new Error(`the trace holds ${matched.size} of the ${recorded.length} recorded calls`);
  return matched;
}

/** Left in a bundle by the replay when its create failed. */
const CREATE_FAILED = '.replay-create-failed';

/** The replay script of one traced --jobs 1 run (see the header). */
function buildReplay(report: Report, events: TraceEvent[], dir: string): Replay {
  const recorded = recordedInvocations(report);
  const isRecorded = recordedCalls(report, events);
  const replayRoot = join(dir, 'replay-state');
  const rewrite = (argv: string[]) => {
    const a = [...argv];
    const rootAt = a.indexOf('--root');
    if (rootAt >= 0) a[rootAt + 1] = replayRoot;
    return a;
  };
  // The files the replay writes or waits for existed after the suite's run: remove them first.
  const fresh = new Set<string>();
  const lines = ['#!/bin/bash', `mkdir -p ${quote(replayRoot)}`, `[ -p ${quote(join(dir, 'tick'))} ] || mkfifo ${quote(join(dir, 'tick'))}`, `exec 9<> ${quote(join(dir, 'tick'))}`];
  const body: string[] = [];
  const unrecorded = new Map<string, number>();
  const created = new Set<string>();
  const resultsDirs = new Map<string, string[]>();
  const ops: string[] = [];
  let waits = 0;
  let writes = 0;
  for (const e of events) {
    // A config a case edited after create goes back to what create read (see create.config-edits-ignored).
    if (e.kind === 'bundle' && readFileSync(e.configPath, 'utf8') !== e.text) writeFileSync(e.configPath, e.text);
    // What hooks and programs write into a results directory are new files in the suite. Left
    // from the kept run they would be rewritten in place, which on ext4 is cheaper than creating
    // them (~1 ms a file here), and favour the replay: each directory goes back to what it held
    // at its first create (files the host put there, such as a probe script).
    if (e.kind === 'bundle' && e.results && !resultsDirs.has(e.results.dir)) resultsDirs.set(e.results.dir, e.results.entries);
    if (e.kind === 'call') {
      if (isRecorded.has(e)) {
        const a = rewrite(e.argv);
        const sub = subcommand(a);
        if (sub === 'create') created.add(a[a.length - 1]);
        ops.push(sub);
        // A create that fails here and did not in the suite (a namespace it joins belonged to a
        // helper process of the case, gone now) leaves a mark, so waits for its program end.
        const bundle = sub === 'create' && e.argv.includes('--bundle') ? e.argv[e.argv.indexOf('--bundle') + 1] : undefined;
        if (bundle) fresh.add(join(bundle, CREATE_FAILED));
        const failed = bundle ? ` || : > ${quote(join(bundle, CREATE_FAILED))}` : '';
        body.push(`s=$EPOCHREALTIME; ${a.map(quote).join(' ')} </dev/null >/dev/null 2>&1${failed}; echo "$s $EPOCHREALTIME" >&8`);
      } else {
        const what = e.argv.includes('--version') ? '--version' : subcommand(e.argv);
        unrecorded.set(what, (unrecorded.get(what) ?? 0) + 1);
      }
    } else if (e.kind === 'write') {
      writes++;
      fresh.add(e.path);
      body.push(`: > ${quote(e.path)}`);
    } else if (e.kind === 'wait') {
      waits++;
      if (e.found) {
        fresh.add(e.path);
        // At most ~10 s, so a program that behaves differently in the replay cannot hang it;
        // not at all for a program whose create failed (bundle-N goes with results-N).
        const mark = join(dirname(dirname(e.path)), basename(dirname(e.path)).replace(/^results-/, 'bundle-'), CREATE_FAILED);
        body.push(`n=0; until [ -e ${quote(e.path)} ] || [ -e ${quote(mark)} ] || [ $n -ge 10000 ]; do read -t 0.001 -u 9; n=$((n+1)); done; [ $n -lt 10000 ] || echo ${quote(e.path)} >&7`);
      } else body.push(`read -t ${(e.ms / 1000).toFixed(3)} -u 9`);
    }
  }
  lines.push(`rm -f ${[...fresh].map(quote).join(' ')}`, ...body);
  const withRoot = rewrite(recorded.find((r) => r.argv.includes('--root'))!.argv);
  const prefix = withRoot.slice(0, withRoot.indexOf('--root') + 2);
  const cleanup = ['#!/bin/sh', ...[...created].map((id) => `${[...prefix, 'delete', '--force', id].map(quote).join(' ')} >/dev/null 2>&1`)].join('\n') + '\n';
  const prepare =
    ['#!/bin/sh', ...[...resultsDirs].map(([d, keep]) => `[ ! -d ${quote(d)} ] || find ${quote(d)} -mindepth 1 -maxdepth 1 ${keep.map((k) => `! -name ${quote(k)} `).join('')}-exec rm -rf {} +`)].join('\n') + '\n';
  return { script: lines.join('\n') + '\n', prepare, cleanup, recorded: recorded.length, unrecorded, waits, writes, ops };
}

interface Round {
  /** The 1-minute load average before and after the round: the machine may be shared. */
  load: [string, string];
  /** The two timed suite --jobs 1 legs (A) and the two replays (B), in A B B A order. */
  ones: [number, number];
  bares: [number, number];
  one: number;
  kept: number;
  bare: number;
  two: number;
  composition: string[];
}

const readTrace = (file: string): TraceEvent[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

function round(n: number): Round {
  const loadBefore = loadavg();
  const dir = join(work, `round-${n}`);
  mkdirSync(dir, { mode: 0o755 });
  // The timed --jobs 1 runs are plain ones: --keep-temp skips removing each case's files and the
  // temp dir. A kept run of the same catalogue gives the replay its bundles.
  const kept = suite(1, join(dir, 'j1k'), { keep: true, trace: join(dir, 'j1k.trace') });
  const keptReport = readReport(join(dir, 'j1k'));
  const replay = buildReplay(keptReport, readTrace(join(dir, 'j1k.trace')), dir);
  writeFileSync(join(dir, 'replay.sh'), replay.script);
  writeFileSync(join(dir, 'cleanup.sh'), replay.cleanup);
  writeFileSync(join(dir, 'prepare.sh'), replay.prepare);
  // fd 8: the start and end of each call (builtins, no process); fd 7: waits that gave up.
  const bareLeg = (k: number) => {
    spawnSync('sh', [join(dir, 'prepare.sh')], { stdio: 'ignore' });
    const r = timed(() => spawnSync('bash', ['-c', `exec 8>${quote(join(dir, `stamps-${k}`))} 7>${quote(join(dir, 'gave-up'))}; . ${quote(join(dir, 'replay.sh'))}`], { stdio: 'ignore' }));
    spawnSync('sh', [join(dir, 'cleanup.sh')], { stdio: 'ignore' });
    const gaveUp = readFileSync(join(dir, 'gave-up'), 'utf8').trim();
    if (gaveUp) console.log(`  warning: replay waits that gave up after 10 s: ${gaveUp.split('\n').length}`);
    return r;
  };
  // Only the first A leg is traced (a config read per create, the trace written at exit): if
  // anything, that counts against the suite.
  const oneA = suite(1, join(dir, 'j1'), { trace: join(dir, 'j1.trace') });
  const bareA = bareLeg(1);
  const bareB = bareLeg(2);
  const oneB = suite(1, join(dir, 'j1b'));
  const one = { ms: (oneA.ms + oneB.ms) / 2 };
  const bare = { ms: (bareA.ms + bareB.ms) / 2 };
  const report = readReport(join(dir, 'j1'));
  const events = readTrace(join(dir, 'j1.trace'));
  const shape = (r: Report) => recordedInvocations(r).map((i) => subcommand(i.argv)).join('\n');
  for (const [name, r] of [['first', report], ['second', readReport(join(dir, 'j1b'))]] as const) {
    if (shape(r) !== shape(keptReport)) console.log(`  warning: the ${name} timed and the kept --jobs 1 runs made different calls; the ratio compares unlike runs`);
  }
  const two = suite(2, join(dir, 'j2'));

  // Composition of the plain --jobs 1 run, from its trace.
  const marks = new Map(events.filter((e) => e.kind === 'mark').map((e) => [(e as { name: string }).name, e.t]));
  const isRecorded = recordedCalls(report, events);
  const suiteCallMs = events.filter((e) => isRecorded.has(e)).map((e) => (e as { ms: number }).ms);
  const calls = events.filter((e): e is Extract<TraceEvent, { kind: 'call' }> => e.kind === 'call');
  const inCases = (e: { t: number }) => e.t >= (marks.get('setup-done') ?? 0) && e.t <= (marks.get('run-done') ?? Infinity);
  const recordedMs = sum(suiteCallMs);
  const otherCallsMs = sum(calls.filter(inCases).map((c) => c.ms)) - recordedMs;
  const waitMs = sum(events.filter((e) => e.kind === 'wait').map((e) => (e as { ms: number }).ms));
  const casesMs = (marks.get('run-done') ?? 0) - (marks.get('setup-done') ?? 0);
  // Per-operation time of the same calls, suite against replay.
  const bareCallMs = readFileSync(join(dir, 'stamps-1'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const [s, e] = l.split(' ').map(Number);
      return (e - s) * 1000;
    });
  const perOp = [...new Set(replay.ops)].map((op) => {
    const idx = replay.ops.flatMap((o, i) => (o === op ? [i] : []));
    return `${op} ${idx.length}× ${median(idx.map((i) => suiteCallMs[i])).toFixed(1)}/${median(idx.map((i) => bareCallMs[i])).toFixed(1)}`;
  });
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return {
    load: [loadBefore, loadavg()],
    ones: [oneA.ms, oneB.ms],
    bares: [bareA.ms, bareB.ms],
    one: one.ms,
    kept: kept.ms,
    bare: bare.ms,
    two: two.ms,
    composition: [
      `${report.tests.length} tests; ${replay.recorded} recorded calls replayed with ${replay.writes} go-file writes and ${replay.waits} file waits; ` +
        `calls the suite made besides: ${[...replay.unrecorded].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`,
      `first suite --jobs 1 ${f(oneA.ms)}: start+imports ${f(marks.get('imported') ?? 0)}, setup ${f((marks.get('setup-done') ?? 0) - (marks.get('imported') ?? 0))}, ` +
        `cases ${f(casesMs)} (recorded calls ${f(recordedMs)}, other calls ${f(otherCallsMs)}, file waits ${f(waitMs)}, rest ${f(casesMs - recordedMs - otherCallsMs - waitMs)}), ` +
        `outputs ${f((marks.get('outputs-written') ?? 0) - (marks.get('run-done') ?? 0))}, exit ${f(oneA.ms - (marks.get('outputs-written') ?? 0))}`,
      `first bare replay ${f(bareA.ms)}: calls ${f(sum(bareCallMs))}; median ms per call, suite/replay: ${perOp.join(', ')}`,
    ],
  };
}

try {
  const rounds: Round[] = [];
  console.log(`runtime: ${runtime}; ${ROUNDS} rounds of suite --jobs 1 --keep-temp, then suite --jobs 1 (A) and bare replay of the kept run (B) as A B B A, then suite --jobs 2`);
  for (let n = 1; n <= ROUNDS; n++) {
    const r = round(n);
    rounds.push(r);
    console.log(
      `round ${n}: suite --jobs 1 ${(r.one / 1000).toFixed(2)} s (legs ${r.ones.map((x) => (x / 1000).toFixed(2)).join(', ')}; with --keep-temp ${(r.kept / 1000).toFixed(2)} s), ` +
        `bare replay ${(r.bare / 1000).toFixed(2)} s (legs ${r.bares.map((x) => (x / 1000).toFixed(2)).join(', ')}), suite --jobs 2 ${(r.two / 1000).toFixed(2)} s; ` +
        `overhead ${((r.one / r.bare - 1) * 100).toFixed(1)} %, --jobs 2 / --jobs 1 ${(r.two / r.one).toFixed(2)} (load average ${r.load[0]} -> ${r.load[1]})`,
    );
    for (const line of r.composition) console.log(`  ${line}`);
  }
  const overheads = rounds.map((r) => r.one / r.bare - 1);
  console.log(`harness overhead, --jobs 1 vs replay (median of ${ROUNDS}): ${(median(overheads) * 100).toFixed(1)} %  (ratio ${(1 + median(overheads)).toFixed(2)}; rounds: ${overheads.map((o) => `${(o * 100).toFixed(1)} %`).join(', ')})`);
  console.log(`--jobs 2 / --jobs 1 wall time (median): ${median(rounds.map((r) => r.two / r.one)).toFixed(2)}`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
