// Witnesses: a document made for a change and then checked with the real validators of both
// sides. A witness is kept only when it behaves exactly as claimed — the accepting side has no
// error at all, and the other side either reports errors that all concern the changed place or
// (where the change is a member that went away or appeared) accepts it while declaring nothing
// there. Anything else is discarded; a change without a surviving candidate has no witness.
import type { ErrorObject } from 'ajv';
import { joinPointer } from '../diagnostics.js';
import { findUnknownProperties } from '../schema-walk.js';
import type { Probe } from './diff.js';
import { buildDocument, concretePointer, type Pair } from './instance.js';
import { deepEqual } from './node.js';
import type { SchemaSide } from './sides.js';
import type { Witness } from './types.js';

/** How many candidate values are tried per change. */
const MAX_TRIES = 24;

const COMBINATORS = new Set(['anyOf', 'oneOf', 'not', 'if', 'then', 'else']);

/** The pointer an error is about: the missing or extra member for required/additionalProperties. */
function errorPointer(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof p.missingProperty === 'string') return joinPointer(e.instancePath, p.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') return joinPointer(e.instancePath, p.additionalProperty);
  // A member name refused by propertyNames: the error itself (or its params) names it.
  const name = (e as { propertyName?: unknown }).propertyName ?? p.propertyName;
  if (typeof name === 'string') return joinPointer(e.instancePath, name);
  return e.instancePath;
}

const within = (p: string, base: string) => p === base || p.startsWith(base + '/');

/**
 * Do all errors concern `pointer`? An error at or below it does; an error above it does only
 * inside a combinator that is itself at or above it and wraps the place (a failed anyOf branch
 * reports its own errors at the combinator's place).
 */
export function errorsConcern(errors: readonly ErrorObject[], pointer: string): boolean {
  const combinators = errors.filter((e) => COMBINATORS.has(e.keyword) && within(pointer, e.instancePath)).map((e) => e.instancePath);
  return errors.every((e) => {
    const p = errorPointer(e);
    if (within(p, pointer)) return true;
    return within(pointer, p) && combinators.some((c) => within(p, c));
  });
}

function formatErrors(errors: readonly ErrorObject[]): string[] {
  const specific = errors.filter((e) => !COMBINATORS.has(e.keyword) || errors.length === 1);
  return [...new Set((specific.length ? specific : errors).map((e) => `${errorPointer(e) || '/'}: ${e.message ?? 'is invalid'}`))];
}

function declaresNothingAt(side: SchemaSide, doc: unknown, pointer: string): boolean {
  return findUnknownProperties(side.root, doc).some((u) => u.pointer === pointer);
}

/** The first candidate of `probe` that behaves as claimed, checked; undefined when none does. */
export function findWitness(from: SchemaSide, to: SchemaSide, pair: Pair, probe: Probe, accepts: 'from' | 'to'): Witness | undefined {
  const pointer = concretePointer(probe.steps);
  const [yes, no] = accepts === 'from' ? [from, to] : [to, from];
  let tries = 0;
  const seen: unknown[] = [];
  for (const value of probe.values()) {
    if (seen.some((v) => deepEqual(v, value))) continue;
    seen.push(value);
    if (++tries > MAX_TRIES) break;
    const built = buildDocument(pair, probe.steps, value);
    const text = JSON.stringify(built);
    if (text === undefined) continue;
    const document: unknown = JSON.parse(text);
    if (!deepEqual(document, built)) continue; // NaN, Infinity, undefined: not JSON
    if (yes.validate(document).length) continue;
    if (probe.ignoreCounts && declaresNothingAt(yes, document, pointer)) continue;
    const errors = no.validate(document);
    if (errors.length) {
      if (errorsConcern(errors, pointer)) return { accepts, other: 'rejects', pointer, document, errors: formatErrors(errors) };
      continue;
    }
    if (probe.ignoreCounts && declaresNothingAt(no, document, pointer)) return { accepts, other: 'ignores', pointer, document, errors: [] };
  }
  return undefined;
}
