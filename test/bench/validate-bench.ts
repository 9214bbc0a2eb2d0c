// npm run bench:validate — how fast `oci-conformance validate` is. Not a test: it asserts no
// timing (the machine is shared and noisy), it prints figures and the targets they are read against.
//   1. In process, on one core: ~2,000 typical config.json texts (variations of what `runc spec`
//      writes and of the full example, across spec versions) read and validated with
//      readDocument + validateDocument; warm-up passes, then rounds, median reported.
//      Target: >= 10,000 configs/s.
//   2. Cold start: `node dist/cmd/main.js validate examples/runc-spec-config.json` spawned N times,
//      interleaved with a bare `node -e 0` as the reference, so the ratio is taken in one run.
//      Target: < 300 ms for one file.
// Usage: node dist/test/bench/validate-bench.js [--rounds R] [--warmup PASSES] [--spawns N] [--corpus SIZE]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readDocument } from '../../schema/document.js';
import { packagePath } from '../../schema/package-root.js';
import { validateDocument } from '../../schema/validator.js';
import { compareVersions, type SpecVersion } from '../../schema/versions.js';

type Json = Record<string, unknown>;

const CONFIGS_PER_SECOND_TARGET = 10_000;
const COLD_MS_TARGET = 300;

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same corpus. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function example(name: string): Json {
  return readDocument(name, readFileSync(packagePath('examples', name))).value as Json;
}

/** The full example (1.2.0) adjusted to another version that has all its sections (1.1.0 and later). */
function fullAt(base: Json, v: SpecVersion): Json {
  const c = structuredClone(base);
  c.ociVersion = v;
  // The example keeps a deprecated prestart hook to show a warning; typical configs have none.
  delete (c.hooks as Json).prestart;
  const linux = c.linux as Json;
  const rdt = linux.intelRdt as Json;
  if (compareVersions(v, '1.3.0') >= 0) {
    // enableCMT/enableMBM gave way to enableMonitoring in 1.3.0.
    delete rdt.enableCMT;
    delete rdt.enableMBM;
    rdt.enableMonitoring = true;
  }
  if (compareVersions(v, '1.2.1') >= 0) (c.process as Json).execCPUAffinity = { initial: '0', final: '0-3' };
  return c;
}

/**
 * ~`n` typical configs as the bytes a runtime would read: 70% shaped like `runc spec` (at every
 * version, with the version strings runtimes write), 30% like the full example (1.1.0 on), each
 * with its own hostname, args, env, limits, mounts and annotations. One in twenty has a mistake a
 * person makes (a relative cwd or a repeated namespace), so reporting is measured too.
 */
function corpus(n: number): Buffer[] {
  const rnd = random(20240611);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const runc = example('runc-spec-config.json');
  const full = example('full-1.2.0.yaml');
  const runcVersions = ['1.0.0', '1.0.1', '1.0.2-dev', '1.0.2', '1.1.0', '1.1.0+dev', '1.2.0', '1.2.1', '1.3.0', '1.3.0+dev'];
  const fullVersions: SpecVersion[] = ['1.1.0', '1.2.0', '1.2.1', '1.3.0'];
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const c = rnd() < 0.7 ? structuredClone(runc) : fullAt(full, pick(fullVersions));
    if (c.ociVersion === runc.ociVersion) c.ociVersion = pick(runcVersions);
    const proc = c.process as Json;
    const linux = c.linux as Json;
    c.hostname = `host-${i}`;
    proc.args = pick([['sh'], ['/usr/bin/nginx', '-g', 'daemon off;'], ['python3', '-m', 'http.server', String(8000 + (i % 100))], ['/pause']]);
    proc.env = [...(proc.env as string[]), `REPLICA=${i}`, ...(rnd() < 0.5 ? ['LANG=C.UTF-8', 'TZ=UTC'] : [])];
    proc.cwd = pick(['/', '/srv', '/app', '/var/lib/data']);
    const resources = (linux.resources ??= {}) as Json;
    resources.memory = { ...((resources.memory as Json) ?? {}), limit: 2 ** (24 + Math.floor(rnd() * 12)) };
    resources.pids = { limit: 64 + Math.floor(rnd() * 4000) };
    c.annotations = { ...((c.annotations as Json) ?? {}), 'io.kubernetes.pod.name': `web-${i}`, 'com.example.build': String(i) };
    if (rnd() < 0.3) (c.mounts as unknown[]).push({ destination: `/data/${i}`, type: 'bind', source: `/srv/volumes/${i}`, options: ['rbind', 'rw'] });
    if (i % 20 === 7) proc.cwd = 'app';
    if (i % 20 === 17) (linux.namespaces as unknown[]).push({ type: 'pid' });
    out.push(Buffer.from(JSON.stringify(c, null, i % 2 ? 2 : '\t')));
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function inProcess(docs: Buffer[], rounds: number, warmup: number): void {
  let valid = 0;
  let findings = 0;
  // Warm-up: loads each version's validator and lets the JIT and the heap settle. Throughput
  // keeps rising for ~10 passes over the corpus (measured: ~3,600 -> ~6,000 configs/s here),
  // so warm up for `warmup` passes and at least 3 seconds.
  for (let i = 0; i < docs.length; i++) {
    const r = validateDocument(readDocument(`config-${i}.json`, docs[i]), { kind: 'config' });
    if (r.valid) valid++;
    findings += r.errors.length + r.warnings.length;
  }
  const warmupStart = performance.now();
  for (let pass = 1; pass < warmup || performance.now() - warmupStart < 3000; pass++) {
    for (let i = 0; i < docs.length; i++) validateDocument(readDocument(`config-${i}.json`, docs[i]), { kind: 'config' });
  }
  const bytes = docs.reduce((n, d) => n + d.length, 0);
  console.log(`in process: ${docs.length} configs (${fmt(bytes / docs.length)} bytes on average; ${valid} valid, ${docs.length - valid} invalid, ${findings} findings in all)`);
  // Wall time says what a user waits; CPU time (this process, all its threads) says what one core
  // delivers when the machine is shared, since time spent waiting for a core is not counted.
  // As a reference taken in the same rounds: JSON.parse of the same texts, the floor of any
  // validator that reads JSON; the ratio says how the validator does on whatever machine this is.
  const texts = docs.map((d) => d.toString('utf8'));
  const wall: number[] = [];
  const cpu: number[] = [];
  const ratio: number[] = [];
  const parseOnly: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i++) validateDocument(readDocument(`config-${i}.json`, docs[i]), { kind: 'config' });
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const cpuMs = (used.user + used.system) / 1000;
    const ref0 = process.cpuUsage();
    for (let i = 0; i < texts.length; i++) JSON.parse(texts[i]);
    const refUsed = process.cpuUsage(ref0);
    wall.push((docs.length / ms) * 1000);
    cpu.push((docs.length / cpuMs) * 1000);
    const refMs = (refUsed.user + refUsed.system) / 1000;
    ratio.push(cpuMs / refMs);
    parseOnly.push((texts.length / refMs) * 1000);
  }
  const [w, c] = [median(wall), median(cpu)];
  console.log(`  rounds (wall): ${wall.map((x) => fmt(x)).join(', ')} configs/s`);
  console.log(`  rounds (cpu):  ${cpu.map((x) => fmt(x)).join(', ')} configs/s`);
  console.log(`  median: ${fmt(w)} configs/s by wall time (${fmt(1e6 / w, 1)} µs per config), ${fmt(c)} configs/s by CPU time (${fmt(1e6 / c, 1)} µs per config)`);
  console.log(
    `  reference: reading and validating a config costs ${fmt(median(ratio), 1)}x JSON.parse of its text (CPU time, median of rounds); JSON.parse alone does ${fmt(median(parseOnly))} of these texts/s here`,
  );
  console.log(
    `  target >= ${fmt(CONFIGS_PER_SECOND_TARGET)} configs/s: ${c >= CONFIGS_PER_SECOND_TARGET ? 'met' : 'MISSED'} by CPU time, ${w >= CONFIGS_PER_SECOND_TARGET ? 'met' : 'missed'} by wall time (the difference is time spent waiting for a core)`,
  );
}

function coldStart(spawns: number): void {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const validateArgs = [packagePath('dist', 'cmd', 'main.js'), 'validate', packagePath('examples', 'runc-spec-config.json')];
  const time = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  const validate: number[] = [];
  const bare: number[] = [];
  time(validateArgs); // file cache
  // Interleaved, so that a burst of load elsewhere touches both series alike.
  for (let i = 0; i < spawns; i++) {
    bare.push(time(['-e', '0']));
    validate.push(time(validateArgs));
  }
  const row = (name: string, xs: number[]) => `  ${name.padEnd(52)} median ${fmt(median(xs)).padStart(4)} ms, p90 ${fmt(percentile(xs, 90)).padStart(4)} ms`;
  console.log(`cold start, ${spawns} spawns each, interleaved:`);
  console.log(row('node -e 0', bare));
  console.log(row('node dist/cmd/main.js validate runc-spec-config.json', validate));
  console.log(
    `  ratio validate / bare node: median ${fmt(median(validate) / median(bare), 2)}, p90 ${fmt(percentile(validate, 90) / percentile(bare, 90), 2)}; validate's own cost: ${fmt(median(validate) - median(bare))} ms`,
  );
  console.log(`  target < ${COLD_MS_TARGET} ms: ${median(validate) < COLD_MS_TARGET ? 'met' : 'MISSED'} (median)`);
}

if (process.env.TAP === '1') {
  // tap runs every file under dist/test; a benchmark is not a test.
  console.log('TAP version 14\n1..0 # SKIP benchmark: run npm run bench:validate');
} else {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '9' },
      warmup: { type: 'string', default: '10' },
      spawns: { type: 'string', default: '15' },
      corpus: { type: 'string', default: '2000' },
    },
  });
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  inProcess(corpus(Number(values.corpus)), Number(values.rounds), Number(values.warmup));
  coldStart(Number(values.spawns));
}
