// Sharded runs: a deterministic slice of the catalogue per shard, and the merge of shard reports
// back into one report that `report verify` can check for exact coverage.
import type { Report, ShardRecord, ShardRef, TestResult } from './model.js';
import { summarize } from './model.js';
import { environmentClass } from './provenance.js';

export class ShardError extends Error {}

/** "K/N" with 1 <= K <= N. */
export function parseShard(text: string): ShardRef {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new ShardError(`--shard must be K/N with 1 <= K <= N, e.g. 2/4 (got "${text}")`);
  }
  return { index, count };
}

/**
 * The tests of shard K of N: every N-th test of the catalogue, starting at the K-th. Round robin
 * keeps each area spread over all shards, and depends only on the catalogue's order.
 */
export function shardSlice<T>(cases: readonly T[], shard?: ShardRef): T[] {
  if (!shard) return [...cases];
  return cases.filter((_, i) => i % shard.count === shard.index - 1);
}

export function shardRecord(r: Report): ShardRecord {
  if (!r.run.shard) throw new ShardError('not a shard report');
  return {
    index: r.run.shard.index,
    count: r.run.shard.count,
    startedAt: r.run.startedAt,
    finishedAt: r.run.finishedAt,
    jobs: r.run.jobs,
    suiteVersion: r.suite.version,
    catalogueDigest: r.suite.catalogueDigest,
    runtimeSha256: r.runtime.binary?.sha256 ?? null,
    environmentClass: environmentClass(r.environment),
    tests: r.tests.map((t) => t.id),
  };
}

/**
 * Problems with a set of shards against a catalogue (test IDs in catalogue order): every shard
 * 1..N exactly once, each holding exactly its slice, all from the same suite, runtime binary and
 * class of host. Empty when they join into one complete run.
 */
export function shardProblems(
  shards: readonly ShardRecord[],
  catalogueIds: readonly string[],
  expect: { suiteVersion: string; catalogueDigest: string; runtimeSha256: string | null; environmentClass: string },
): string[] {
  const problems: string[] = [];
  if (shards.length === 0) return ['no shards'];
  const count = shards[0].count;
  const seen = new Map<number, number>();
  for (const s of shards) {
    const at = `shard ${s.index}/${s.count}`;
    if (s.count !== count) problems.push(`${at}: shard count differs from ${count}`);
    seen.set(s.index, (seen.get(s.index) ?? 0) + 1);
    if (s.suiteVersion !== expect.suiteVersion) problems.push(`${at}: suite version ${s.suiteVersion}, expected ${expect.suiteVersion}`);
    if (s.catalogueDigest !== expect.catalogueDigest) problems.push(`${at}: catalogue digest ${s.catalogueDigest.slice(0, 12)}…, expected ${expect.catalogueDigest.slice(0, 12)}…`);
    if (s.runtimeSha256 === null) problems.push(`${at}: no runtime binary digest`);
    else if (s.runtimeSha256 !== expect.runtimeSha256) problems.push(`${at}: runtime sha256 ${s.runtimeSha256.slice(0, 12)}… differs from ${String(expect.runtimeSha256).slice(0, 12)}…`);
    if (s.environmentClass !== expect.environmentClass) problems.push(`${at}: ran on a different class of host (kernel, distro, arch, cgroups, LSMs, privileges or isolation differ)`);
    if (s.count === count && s.index >= 1 && s.index <= count) {
      const want = shardSlice(catalogueIds, { index: s.index, count });
      if (JSON.stringify(s.tests) !== JSON.stringify(want)) {
        const missing = want.filter((id) => !s.tests.includes(id));
        const extra = s.tests.filter((id) => !want.includes(id));
        problems.push(`${at}: does not hold exactly its slice of the catalogue${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not its slice: ${extra.join(', ')}` : ''}${!missing.length && !extra.length ? '; order or duplicates differ' : ''}`);
      }
    }
  }
  for (let k = 1; k <= count; k++) {
    const n = seen.get(k) ?? 0;
    if (n === 0) problems.push(`shard ${k}/${count} is missing`);
    if (n > 1) problems.push(`shard ${k}/${count} appears ${n} times`);
  }
  for (const k of seen.keys()) if (k < 1 || k > count) problems.push(`shard ${k}/${count} is out of range`);
  return problems;
}

/**
 * Join shard reports into one report, tests in catalogue order. Refuses (ShardError, one line)
 * anything that would not make one complete run of one suite against one binary on one class of host.
 */
export function mergeReports(shards: readonly Report[], catalogue: { ids: readonly string[]; digest: string }): Report {
  if (shards.length === 0) throw new ShardError('nothing to merge');
  const notShard = shards.find((r) => !r.run.shard);
  if (notShard) throw new ShardError(`a report of ${notShard.runtime.profile} started ${notShard.run.startedAt} is not a shard (run with --shard K/N)`);
  const first = shards[0];
  const records = shards.map(shardRecord);
  const problems = shardProblems(records, catalogue.ids, {
    suiteVersion: first.suite.version,
    catalogueDigest: catalogue.digest,
    runtimeSha256: first.runtime.binary?.sha256 ?? null,
    environmentClass: environmentClass(first.environment),
  });
  for (const r of shards) {
    if (r.specVersion !== first.specVersion) problems.push(`shard ${r.run.shard!.index}: spec version ${r.specVersion}, expected ${first.specVersion}`);
    if (r.run.only.length || r.run.skip.length) problems.push(`shard ${r.run.shard!.index}: filtered with --only/--skip`);
    if (r.run.certification !== first.run.certification) problems.push(`shard ${r.run.shard!.index}: certification mode differs`);
    if (JSON.stringify(r.runtime.profileDefinition) !== JSON.stringify(first.runtime.profileDefinition)) problems.push(`shard ${r.run.shard!.index}: runtime profile differs`);
    if (JSON.stringify(r.product ?? null) !== JSON.stringify(first.product ?? null)) problems.push(`shard ${r.run.shard!.index}: product differs`);
  }
  if (problems.length) throw new ShardError(`cannot merge: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  const byId = new Map<string, TestResult>();
  for (const r of shards) for (const t of r.tests) byId.set(t.id, t);
  const tests = catalogue.ids.map((id) => byId.get(id)!);
  const ordered = [...records].sort((a, b) => a.index - b.index);
  const interrupted = shards.some((r) => r.run.interrupted);
  const startedAt = shards.map((r) => r.run.startedAt).sort()[0];
  const finishedAt = shards.map((r) => r.run.finishedAt).sort().at(-1)!;
  const { shard: _shard, ...runRest } = first.run;
  return {
    ...first,
    run: {
      ...runRest,
      startedAt,
      finishedAt,
      jobs: Math.max(...shards.map((r) => r.run.jobs)),
      partial: interrupted,
      interrupted,
      strayProcesses: shards.flatMap((r) => r.run.strayProcesses),
      shards: ordered,
    },
    summary: summarize(tests, interrupted),
    tests,
  };
}
