// The contract every prose rule implements. A rule is a requirement the spec's prose states
// that the JSON schema does not express; it is pure: document in, findings out.
import type { Level, SpecRef } from '../diagnostics.js';
import type { DocumentKind, SourceDocument } from '../document.js';
import type { SpecVersion } from '../versions.js';

export interface Finding {
  /** JSON pointer of the offending value. */
  pointer: string;
  message: string;
}

export interface RuleContext {
  version: SpecVersion;
  doc: SourceDocument;
}

export interface Rule {
  /** Stable ID, "<kind>.<area>.<what>", e.g. "config.process.cwd-absolute". Never reused. */
  id: string;
  kind: DocumentKind;
  level: Level;
  /** Where the spec states it; the anchor must exist at every version in [since, until). */
  ref: SpecRef;
  /** First version the rule applies to (default 1.0.0). */
  since?: SpecVersion;
  /** First version it no longer applies to (default: still applies). */
  until?: SpecVersion;
  /** One line, in our words: what the spec requires. */
  summary: string;
  check(value: unknown, ctx: RuleContext): Finding[];
}

// Small readers for untyped JSON; rules must survive any shape, since the schema reports types.
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, key: string): Obj | undefined {
  if (!isObj(v)) return undefined;
  const x = v[key];
  return isObj(x) ? x : undefined;
}

export function arr(v: unknown, key: string): unknown[] | undefined {
  if (!isObj(v)) return undefined;
  const x = v[key];
  return Array.isArray(x) ? x : undefined;
}

export function str(v: unknown, key: string): string | undefined {
  if (!isObj(v)) return undefined;
  const x = v[key];
  return typeof x === 'string' ? x : undefined;
}

export function has(v: unknown, key: string): boolean {
  return isObj(v) && Object.prototype.hasOwnProperty.call(v, key);
}
