// What the schemas cannot show: runtime expectations of the requirement catalogue
// (validation/requirements) and prose rules (schema/rules) that apply at one of two versions and
// not at the other. Everything is read from the catalogues' own since/until/supersedes; nothing
// is listed here by hand.
import { severityOf, type Level } from '../diagnostics.js';
import type { DocumentKind } from '../document.js';
import { ALL_RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import { versionInRange, type SpecVersion } from '../versions.js';
import { REQUIREMENTS, type Requirement } from '../../validation/requirements/index.js';
import type { CatalogueEntry, ExpectationChange, RuleChange } from './types.js';

interface Versioned {
  id: string;
  level: Level;
  summary: string;
  since?: SpecVersion;
  until?: SpecVersion;
}

function entry(r: Versioned): CatalogueEntry {
  const e: CatalogueEntry = { id: r.id, level: r.level, summary: r.summary };
  if (r.since) e.since = r.since;
  if (r.until) e.until = r.until;
  return e;
}

const at = (r: Versioned, v: SpecVersion) => versionInRange(v, r.since, r.until);

/**
 * Requirements in force at exactly one of the two versions. Entries linked by `supersedes`
 * (directly or through entries in between) form one lineage: when one member applies at --from
 * and another at --to, the expectation changed; otherwise it was added or removed.
 */
export function expectationChanges(from: SpecVersion, to: SpecVersion, catalogue: readonly Requirement[] = REQUIREMENTS): ExpectationChange[] {
  const lineage = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (lineage.has(root) && lineage.get(root) !== root) root = lineage.get(root)!;
    return root;
  };
  for (const r of catalogue) lineage.set(r.id, r.id);
  for (const r of catalogue) if (r.supersedes && lineage.has(r.supersedes)) lineage.set(find(r.id), find(r.supersedes));

  const onlyFrom = catalogue.filter((r) => at(r, from) && !at(r, to));
  const onlyTo = catalogue.filter((r) => at(r, to) && !at(r, from));
  const out: ExpectationChange[] = [];
  const used = new Set<string>();
  for (const r of [...onlyFrom, ...onlyTo]) {
    if (used.has(r.id)) continue;
    const root = find(r.id);
    const a = onlyFrom.filter((x) => find(x.id) === root);
    const b = onlyTo.filter((x) => find(x.id) === root);
    for (const x of [...a, ...b]) used.add(x.id);
    if (a.length && b.length) out.push({ change: 'changed', class: 'major', from: a.map(entry), to: b.map(entry) });
    else if (a.length) out.push(...a.map((x) => ({ change: 'removed' as const, class: 'minor' as const, from: [entry(x)], to: [] })));
    else out.push(...b.map((x) => ({ change: 'added' as const, class: 'minor' as const, from: [], to: [entry(x)] })));
  }
  return out;
}

/** Prose rules of `kind` that apply at exactly one of the two versions. */
export function ruleChanges(kind: DocumentKind, from: SpecVersion, to: SpecVersion, rules: readonly Rule[] = ALL_RULES): RuleChange[] {
  const out: RuleChange[] = [];
  for (const r of rules) {
    if (r.kind !== kind) continue;
    const a = at(r, from);
    const b = at(r, to);
    if (a === b) continue;
    if (b) out.push({ change: 'added', class: severityOf(r.level) === 'error' ? 'major' : 'minor', rule: entry(r) });
    else out.push({ change: 'removed', class: 'minor', rule: entry(r) });
  }
  return out;
}
