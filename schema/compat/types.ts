// The data `compat` produces: schema changes, catalogue changes, the verdict. Stable shapes,
// printed as they are by `compat --format json`.
import type { Level } from '../diagnostics.js';
import type { DocumentKind } from '../document.js';
import type { SpecVersion } from '../versions.js';

/**
 * major: a document valid before can be invalid (or lose its meaning) after;
 * minor: only loosenings and additions;
 * unclassified: a change the comparison cannot reason about, counted as major.
 */
export type ChangeClass = 'major' | 'minor' | 'unclassified';

/** The SemVer bump a set of changes needs. */
export type Bump = 'patch' | 'minor' | 'major';

export interface Witness {
  /** The side whose schema accepts `document`: "from" for a breaking change, "to" for a loosening. */
  accepts: 'from' | 'to';
  /**
   * What the other side does with it: rejects it (schema errors at `pointer`), or accepts it
   * while declaring nothing at `pointer`, so runtimes ignore that member.
   */
  other: 'rejects' | 'ignores';
  /** Where the document differs from the least document both sides accept. */
  pointer: string;
  document: unknown;
  /** The other side's schema errors, as "pointer: message" (none when it ignores the member). */
  errors: string[];
}

export interface Change {
  /** JSON pointer into the document; `*` stands for any array item or map value. */
  pointer: string;
  /**
   * What changed: property-added, property-added-required, property-removed, property-renamed,
   * required-added, required-removed, constrained (anything was accepted here),
   * unconstrained (anything is accepted now), type-narrowed, type-widened, type-changed,
   * enum-value-added, enum-value-removed, enum-added, enum-removed, const-added, const-removed,
   * const-changed, pattern-added, pattern-removed, pattern-tightened, pattern-loosened,
   * pattern-changed, <bound>-added|removed|raised|lowered (minimum, maximum, exclusiveMinimum,
   * exclusiveMaximum, minLength, maxLength, minItems, maxItems, minProperties, maxProperties),
   * uniqueItems-added, uniqueItems-removed, additionalProperties-closed,
   * additionalProperties-opened, propertyNames-added, propertyNames-removed,
   * propertyNames-tightened, propertyNames-loosened, anyOf-added, anyOf-removed, oneOf-added, oneOf-removed,
   * anyOf-branch-added, anyOf-branch-removed, oneOf-branch-added, oneOf-branch-removed,
   * unclassified.
   */
  change: string;
  class: ChangeClass;
  /** The old state (a value, a type list, a description); null when there was none. */
  from: unknown;
  /** The new state; null when there is none. */
  to: unknown;
  /** A checked example document; absent when none was found. */
  witness?: Witness;
  note?: string;
}

/** One requirement or prose rule, as the catalogue states it. */
export interface CatalogueEntry {
  id: string;
  level: Level;
  summary: string;
  since?: SpecVersion;
  until?: SpecVersion;
}

/**
 * A runtime expectation in the requirement catalogue (validation/requirements) that differs
 * between the two versions. changed: an entry gives way to one that supersedes it (major: a
 * runtime that conformed before can fail now); added: a requirement starts to apply (minor);
 * removed: one stops applying without a successor (minor).
 */
export interface ExpectationChange {
  change: 'changed' | 'added' | 'removed';
  class: 'major' | 'minor';
  /** The entries in force at --from (none for added). */
  from: CatalogueEntry[];
  /** The entries in force at --to (none for removed). */
  to: CatalogueEntry[];
}

/**
 * A prose rule (schema/rules) of this document kind that applies at one version and not the
 * other. added with an error level: major (a document valid before can be invalid now);
 * added with a warning level, or removed: minor.
 */
export interface RuleChange {
  change: 'added' | 'removed';
  class: 'major' | 'minor';
  rule: CatalogueEntry;
}

/**
 * A deliberate difference of our schemas from upstream's (schema/source/deviations.ts) that
 * holds at only one of the two versions: there, upstream's own schemas change differently.
 */
export interface UpstreamDifference {
  id: string;
  where: string;
  upstream: string;
  ours: string;
  /** The compared version at which the difference holds. */
  at: SpecVersion;
}

export interface SideInfo {
  /** The version, or the folder's absolute path. */
  label: string;
  source: 'built-in' | 'folder';
  version?: SpecVersion;
  /** What was repaired to load a folder (see schema/external.ts). */
  repairs?: string[];
}

export interface Verdict {
  bump: Bump;
  major: number;
  unclassified: number;
  minor: number;
}

export interface CompatReport {
  kind: DocumentKind;
  from: SideInfo;
  to: SideInfo;
  changes: Change[];
  /** Prose-rule changes; absent when a side is a folder (its version is unknown). */
  rules?: RuleChange[];
  /** Requirement-catalogue changes; absent when a side is a folder. */
  expectations?: ExpectationChange[];
  /** For two built-in versions: deliberate differences from upstream at one of them only. Not part of the verdict. */
  upstreamDifferences?: UpstreamDifference[];
  verdict: Verdict;
  /** What the report could not cover, in sentences. */
  notes: string[];
}
