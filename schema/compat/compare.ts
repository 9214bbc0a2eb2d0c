// compat: two schema sides in, a report out — the schema changes with their witnesses, the
// catalogue changes between the two versions, and the SemVer bump they need.
import type { DocumentKind } from '../document.js';
import { DEVIATIONS } from '../source/deviations.js';
import { versionInRange, type SpecVersion } from '../versions.js';
import { expectationChanges, ruleChanges } from './catalogue.js';
import { diffSchemas } from './diff.js';
import type { Pair } from './instance.js';
import { resolveSide, type SchemaSide } from './sides.js';
import type { Bump, Change, CompatReport, UpstreamDifference, Verdict } from './types.js';
import { findWitness } from './witness.js';

/** Values preferred for the version members, so that a witness names the version that accepts it. */
function prefsFor(kind: DocumentKind, yes: SchemaSide, no: SchemaSide): Pair['prefs'] {
  const versions = [yes.info.version, no.info.version].filter((v) => v !== undefined);
  if (!versions.length) return undefined;
  return kind === 'features' ? { ociVersionMax: versions, ociVersionMin: ['1.0.0'] } : { ociVersion: versions };
}

export function verdictOf(classes: readonly string[]): Verdict {
  const major = classes.filter((c) => c === 'major').length;
  const unclassified = classes.filter((c) => c === 'unclassified').length;
  const minor = classes.filter((c) => c === 'minor').length;
  const bump: Bump = major + unclassified > 0 ? 'major' : minor > 0 ? 'minor' : 'patch';
  return { bump, major, unclassified, minor };
}

/** Deviations of `kind` that hold at exactly one of the two versions. */
export function upstreamDifferences(kind: DocumentKind, from: SpecVersion, to: SpecVersion): UpstreamDifference[] {
  const out: UpstreamDifference[] = [];
  for (const [id, d] of Object.entries(DEVIATIONS)) {
    if (!d.kinds.includes(kind)) continue;
    const a = versionInRange(from, d.since, d.until);
    const b = versionInRange(to, d.since, d.until);
    if (a !== b) out.push({ id, where: d.where, upstream: d.upstream, ours: d.ours, at: a ? from : to });
  }
  return out;
}

/** Compare two loaded sides of one document kind. */
export function compareSides(from: SchemaSide, to: SchemaSide): CompatReport {
  const kind = from.kind;
  const forward: Pair = { from, to, prefs: prefsFor(kind, from, to) };
  const backward: Pair = { from, to, prefs: prefsFor(kind, to, from) };
  const changes: Change[] = [];
  for (const { change, probe } of diffSchemas(forward)) {
    if (probe && change.class !== 'unclassified') {
      const accepts = change.class === 'major' ? 'from' : 'to';
      const witness = findWitness(from, to, accepts === 'from' ? forward : backward, probe, accepts);
      if (witness) change.witness = witness;
    }
    changes.push(change);
  }

  const notes: string[] = [];
  const report: CompatReport = { kind, from: from.info, to: to.info, changes, verdict: verdictOf([]), notes };
  const a = from.info.version;
  const b = to.info.version;
  if (a && b) {
    report.rules = ruleChanges(kind, a, b);
    report.expectations = expectationChanges(a, b);
    report.upstreamDifferences = upstreamDifferences(kind, a, b);
  } else {
    notes.push('A schema folder has no version, so prose rules and runtime expectations are not compared; give both sides as versions for those.');
  }
  for (const side of [from, to]) {
    if (side.info.repairs?.length) notes.push(`${side.info.label} was repaired to load: ${side.info.repairs.join('; ')}.`);
  }
  if (report.rules?.some((r) => r.change === 'added' && r.class === 'major')) {
    notes.push('A prose rule that starts to apply with an error level is counted as major; when it concerns a member that is itself new at the newer version, it only affects documents that used the member before it was defined.');
  }
  if (changes.some((c) => c.class === 'unclassified')) {
    notes.push('Unclassified changes are ones this comparison cannot reason about; they are counted as major.');
  }
  report.verdict = verdictOf([
    ...changes.map((c) => c.class),
    ...(report.rules ?? []).map((r) => r.class),
    ...(report.expectations ?? []).map((e) => e.class),
  ]);
  return report;
}

/** `--from`/`--to` as given on the command line (a version or a folder). Throws CompatInputError on bad input. */
export function compareArgs(from: string, to: string, kind: DocumentKind): CompatReport {
  return compareSides(resolveSide(from, kind, '--from'), resolveSide(to, kind, '--to'));
}
