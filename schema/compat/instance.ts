// Small documents for witnesses: the least a pair of schemas asks for, with one path forced
// open down to the place a change is at, and a chosen value (or a missing member) there.
//
// `fits` is a quick local check for the subset of JSON Schema the schemas use; it only steers
// the choice among candidates. Whether a witness behaves as claimed is decided by the real
// validators (witness.ts), never by `fits`.
import { escapePointerToken } from '../diagnostics.js';
import { allowsType, deepEqual, isRecord, memberSchema, norm, safeTest, type Norm, type Schema, type SchemaDoc } from './node.js';
import { samplesOf } from './regex-sample.js';

/** One step from a place to a place inside it. `map` names the free key used for a map member. */
export type Step = { prop: string } | { item: true } | { index: number } | { map: string };

export const OMIT: unique symbol = Symbol('omit');

export interface Pair {
  from: SchemaDoc;
  to: SchemaDoc;
  /** Values to try first for members of these names (ociVersion: the versions compared). */
  prefs?: Readonly<Record<string, readonly unknown[]>>;
}

const MAX_DEPTH = 16;

function typeMatches(t: string, v: unknown): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isRecord(v);
    default:
      return false;
  }
}

/** Does `v` satisfy `s` as far as a quick local look can tell? undefined schema: anything. */
export function fits(doc: SchemaDoc, s: Schema | undefined, v: unknown, depth = 0): boolean {
  if (s === undefined || s === true) return true;
  if (depth > 40) return true;
  const n = norm(doc, s);
  if (n.types && !n.types.some((t) => typeMatches(t, v))) return false;
  if (n.enum && !n.enum.some((e) => deepEqual(e, v))) return false;
  if (n.const && !deepEqual(n.const.value, v)) return false;
  const b = n.bounds;
  if (typeof v === 'string') {
    if (!n.patterns.every((p) => safeTest(p, v))) return false;
    const len = [...v].length;
    if ((b.minLength !== undefined && len < b.minLength) || (b.maxLength !== undefined && len > b.maxLength)) return false;
  }
  if (typeof v === 'number') {
    if (b.minimum !== undefined && v < b.minimum) return false;
    if (b.maximum !== undefined && v > b.maximum) return false;
    if (b.exclusiveMinimum !== undefined && v <= b.exclusiveMinimum) return false;
    if (b.exclusiveMaximum !== undefined && v >= b.exclusiveMaximum) return false;
  }
  if (Array.isArray(v)) {
    if ((b.minItems !== undefined && v.length < b.minItems) || (b.maxItems !== undefined && v.length > b.maxItems)) return false;
    for (let i = 0; i < v.length; i++) {
      const item = n.tuple ? (i < n.tuple.length ? n.tuple[i] : n.additionalItems) : n.items;
      if (item !== undefined && !fits(doc, item, v[i], depth + 1)) return false;
    }
    if (n.uniqueItems && v.some((x, i) => v.slice(i + 1).some((y) => deepEqual(x, y)))) return false;
  }
  if (isRecord(v)) {
    for (const r of n.required) if (!(r in v)) return false;
    if (n.propertyNames !== undefined && !Object.keys(v).every((k) => fits(doc, n.propertyNames, k, depth + 1))) return false;
    const count = Object.keys(v).length;
    if ((b.minProperties !== undefined && count < b.minProperties) || (b.maxProperties !== undefined && count > b.maxProperties)) return false;
    for (const [k, x] of Object.entries(v)) {
      const m = memberSchema(n, k);
      if (m === false) return false;
      if (m !== undefined && !fits(doc, m, x, depth + 1)) return false;
    }
  }
  if (n.anyOf && !n.anyOf.some((br) => fits(doc, br, v, depth + 1))) return false;
  if (n.oneOf && n.oneOf.filter((br) => fits(doc, br, v, depth + 1)).length !== 1) return false;
  return true;
}

/** The alternatives of a place: the branches of a bare anyOf/oneOf (recursively), else the place itself. */
export function alternatives(doc: SchemaDoc, s: Schema, depth = 0): Schema[] {
  const n = norm(doc, s);
  const branches = bareBranches(n);
  if (!branches || depth > 4) return [s];
  return branches.flatMap((b) => alternatives(doc, b, depth + 1));
}

function bareBranches(n: Norm): Schema[] | undefined {
  const branches = n.anyOf ?? n.oneOf;
  if (!branches || (n.anyOf && n.oneOf)) return undefined;
  const constrained = n.types !== undefined || n.properties.size > 0 || n.required.size > 0 || n.items !== undefined;
  return constrained ? undefined : branches;
}

function jointTypes(a: Norm | undefined, b: Norm | undefined): string[] {
  const hintsObject = [a, b].some((n) => n && (n.properties.size > 0 || n.required.size > 0 || n.additional !== undefined));
  const ta = a?.types;
  const tb = b?.types;
  if (!ta && !tb) return hintsObject ? ['object'] : ['string', 'integer', 'boolean', 'null', 'object', 'array'];
  if (!ta) return tb!;
  if (!tb) return ta;
  const common = ta.filter((t) => allowsType(tb, t) || (t === 'number' && tb.includes('integer'))).map((t) => (t === 'number' && tb.includes('integer') && !tb.includes('number') ? 'integer' : t));
  return common.length ? common : ta;
}

function numberCandidates(ns: (Norm | undefined)[], integer: boolean): number[] {
  let lo = -Infinity;
  let hi = Infinity;
  for (const n of ns) {
    if (!n) continue;
    const b = n.bounds;
    if (b.minimum !== undefined) lo = Math.max(lo, b.minimum);
    if (b.exclusiveMinimum !== undefined) lo = Math.max(lo, integer ? Math.floor(b.exclusiveMinimum) + 1 : b.exclusiveMinimum + 0.5);
    if (b.maximum !== undefined) hi = Math.min(hi, b.maximum);
    if (b.exclusiveMaximum !== undefined) hi = Math.min(hi, integer ? Math.ceil(b.exclusiveMaximum) - 1 : b.exclusiveMaximum - 0.5);
  }
  const out = [Math.min(Math.max(0, lo), hi)];
  if (Number.isFinite(lo)) out.push(integer ? Math.ceil(lo) : lo);
  if (Number.isFinite(hi)) out.push(integer ? Math.floor(hi) : hi);
  return out;
}

function stringCandidates(ns: (Norm | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of ns) for (const p of n?.patterns ?? []) out.push(...samplesOf(p, 12));
  const minLength = Math.max(0, ...ns.map((n) => n?.bounds.minLength ?? 0));
  out.push('a'.repeat(minLength), '');
  return out;
}

/** The schema a member `key` must satisfy at a place, or undefined when unconstrained there. */
function member(doc: SchemaDoc, s: Schema | undefined, key: string): Schema | undefined {
  if (s === undefined) return undefined;
  const m = memberSchema(norm(doc, s), key);
  return m === false ? undefined : m;
}

function itemSchema(n: Norm | undefined, index: number): Schema | undefined {
  if (!n) return undefined;
  if (n.tuple) return index < n.tuple.length ? n.tuple[index] : n.additionalItems;
  return n.items;
}

function jointCandidates(pair: Pair, a: Schema | undefined, b: Schema | undefined, key: string | undefined, depth: number): unknown[] {
  const A = a === undefined ? undefined : norm(pair.from, a);
  const B = b === undefined ? undefined : norm(pair.to, b);
  const out: unknown[] = [];
  if (key !== undefined && pair.prefs?.[key]) out.push(...pair.prefs[key]);
  for (const n of [A, B]) {
    if (n?.const) out.push(n.const.value);
    if (n?.enum) out.push(...n.enum);
  }
  for (const t of jointTypes(A, B)) {
    switch (t) {
      case 'string':
        out.push(...stringCandidates([A, B]));
        break;
      case 'integer':
      case 'number':
        out.push(...numberCandidates([A, B], t === 'integer'));
        break;
      case 'boolean':
        out.push(false, true);
        break;
      case 'null':
        out.push(null);
        break;
      case 'array': {
        const n = Math.max(0, A?.bounds.minItems ?? 0, B?.bounds.minItems ?? 0);
        const items = Array.from({ length: n }, (_, i) => (depth > MAX_DEPTH ? null : minimal(pair, itemSchema(A, i), itemSchema(B, i), undefined, depth + 1)));
        out.push(items);
        break;
      }
      case 'object':
        out.push(depth > MAX_DEPTH ? {} : minimalObject(pair, a, b, undefined, depth));
        break;
    }
  }
  return out;
}

/** The least value that both places accept, as far as `fits` can tell (the first candidate otherwise). */
export function minimal(pair: Pair, fs: Schema | undefined, ts: Schema | undefined, key?: string, depth = 0): unknown {
  let first: unknown;
  let any = false;
  const altsF = fs === undefined ? [undefined] : alternatives(pair.from, fs);
  const altsT = ts === undefined ? [undefined] : alternatives(pair.to, ts);
  for (const a of altsF) {
    for (const b of altsT) {
      for (const c of jointCandidates(pair, a, b, key, depth)) {
        if (!any) [first, any] = [c, true];
        if (fits(pair.from, fs, c) && fits(pair.to, ts, c)) return c;
      }
    }
  }
  return any ? first : null;
}

/** An object with the members either side requires (except `skip`), each at its least value. */
function minimalObject(pair: Pair, fs: Schema | undefined, ts: Schema | undefined, skip: string | undefined, depth: number): Record<string, unknown> {
  const A = fs === undefined ? undefined : norm(pair.from, fs);
  const B = ts === undefined ? undefined : norm(pair.to, ts);
  const keys = [...new Set([...(A?.required ?? []), ...(B?.required ?? [])])].filter((k) => k !== skip);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = minimal(pair, member(pair.from, fs, k), member(pair.to, ts, k), k, depth + 1);
  return out;
}

/** The alternative of a place that can hold what `step` goes into. */
function alternativeFor(doc: SchemaDoc, s: Schema | undefined, step: Step): Schema | undefined {
  if (s === undefined) return undefined;
  const alts = alternatives(doc, s);
  if (alts.length === 1) return alts[0];
  const wantArray = 'item' in step || 'index' in step;
  const scored = alts.map((a) => {
    const n = norm(doc, a);
    let score = 0;
    if (allowsType(n.types, wantArray ? 'array' : 'object')) score += 1;
    if ('prop' in step && n.properties.has(step.prop)) score += 2;
    if (n.types && n.types.length === 0) score -= 5;
    return { a, score };
  });
  scored.sort((x, y) => y.score - x.score);
  return scored[0].a;
}

/**
 * A document both roots accept as far as `fits` can tell, except along `steps`, at whose end
 * `leaf` is put (OMIT: the last member is left out).
 */
export function buildDocument(pair: Pair, steps: readonly Step[], leaf: unknown): unknown {
  const build = (fs: Schema | undefined, ts: Schema | undefined, i: number): unknown => {
    if (i === steps.length) return leaf;
    const step = steps[i];
    const a = alternativeFor(pair.from, fs, step);
    const b = alternativeFor(pair.to, ts, step);
    const A = a === undefined ? undefined : norm(pair.from, a);
    const B = b === undefined ? undefined : norm(pair.to, b);
    if ('item' in step || 'index' in step) {
      const index = 'index' in step ? step.index : 0;
      const child = build(itemSchema(A, index), itemSchema(B, index), i + 1);
      const length = Math.max(index + 1, A?.bounds.minItems ?? 0, B?.bounds.minItems ?? 0);
      const out: unknown[] = [];
      for (let j = 0; j < length; j++) out.push(j === index ? child : minimal(pair, itemSchema(A, j), itemSchema(B, j), undefined, i + 1));
      return child === OMIT ? out.filter((x) => x !== OMIT) : out;
    }
    const key = 'prop' in step ? step.prop : step.map;
    const out = minimalObject(pair, a, b, key, i);
    const child = build(member(pair.from, a, key), member(pair.to, b, key), i + 1);
    if (child !== OMIT) out[key] = child;
    return out;
  };
  return build(pair.from.root, pair.to.root, 0);
}

/** The concrete JSON pointer `steps` lead to in a document buildDocument made. */
export function concretePointer(steps: readonly Step[]): string {
  return steps.map((s) => '/' + escapePointerToken('prop' in s ? s.prop : 'map' in s ? s.map : 'index' in s ? String(s.index) : '0')).join('');
}

/** The pointer template of `steps`: `*` for any array item or map value. */
export function templatePointer(steps: readonly Step[]): string {
  return steps.map((s) => '/' + ('prop' in s ? escapePointerToken(s.prop) : 'index' in s ? String(s.index) : '*')).join('');
}

/**
 * Values of JSON type `t` that one side's place `s` accepts as far as `fits` can tell (for the
 * witnesses of type and enum changes). `side` names the root `s` belongs to.
 */
export function valuesOfType(pair: Pair, side: 'from' | 'to', s: Schema | undefined, t: string): unknown[] {
  const doc = side === 'from' ? pair.from : pair.to;
  const n = s === undefined ? undefined : norm(doc, s);
  let raw: unknown[];
  switch (t) {
    case 'string':
      raw = [...stringCandidates([n]), 'x', 'not-listed'];
      break;
    case 'integer':
      raw = [...numberCandidates([n], true), 1, -1];
      break;
    case 'number':
      raw = [0.5, ...numberCandidates([n], false)];
      break;
    case 'boolean':
      raw = [false, true];
      break;
    case 'null':
      raw = [null];
      break;
    case 'array':
      raw = [[]];
      if (n?.bounds.minItems) raw.unshift(side === 'from' ? minimal(pair, s, undefined) : minimal(pair, undefined, s));
      break;
    case 'object':
      raw = [side === 'from' ? minimalObject(pair, s, undefined, undefined, 0) : minimalObject(pair, undefined, s, undefined, 0), {}];
      break;
    default:
      raw = [];
  }
  return raw.filter((v) => fits(doc, s, v));
}
