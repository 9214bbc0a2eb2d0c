// One place of a schema, normalized for comparison: `$ref` followed (with its sibling keywords),
// `allOf` merged, `type` as a list, bounds as numbers. Everything the comparison does not
// understand is kept under `other`, so that a change to it is reported rather than lost.
//
// A schema here is self-contained: references are "#" or "#/json/pointer" into its own root
// (our generated schemas are; external folders are inlined by bundle.ts first).
import { splitPointer } from '../diagnostics.js';
import { INTEGER_RANGES } from '../source/dsl.js';

export type Schema = Record<string, unknown> | boolean;

/** A schema document whose local references can be resolved. */
export interface SchemaDoc {
  root: Record<string, unknown>;
}

export const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
export const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
export type BoundKeyword = (typeof LOWER_BOUNDS)[number] | (typeof UPPER_BOUNDS)[number];

/** Every JSON type, with integer counted under number. */
export const ALL_TYPES = ['object', 'array', 'string', 'number', 'boolean', 'null'] as const;

export interface Norm {
  /** Allowed JSON types; undefined: any. `integer` may appear. */
  types?: string[];
  enum?: unknown[];
  const?: { value: unknown };
  patterns: string[];
  bounds: Partial<Record<BoundKeyword, number>>;
  uniqueItems: boolean;
  properties: Map<string, Schema>;
  required: Set<string>;
  /** additionalProperties; undefined when absent (anything goes). */
  additional?: Schema;
  patternProperties: Map<string, Schema>;
  items?: Schema;
  tuple?: Schema[];
  additionalItems?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  /** The schema every member name must match. */
  propertyNames?: Schema;
  /** Keywords the comparison does not interpret, with every value seen. */
  other: Map<string, unknown[]>;
}

/** Keywords that never change which documents are valid. */
const ANNOTATIONS = new Set([
  '$schema', '$id', 'id', '$comment', 'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated', 'definitions', '$defs',
]);

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function emptyNorm(): Norm {
  return { patterns: [], bounds: {}, uniqueItems: false, properties: new Map(), required: new Set(), patternProperties: new Map(), other: new Map() };
}

/** Resolve "#" or "#/pointer" in `doc`; undefined for anything else or a dangling pointer. */
function resolveRef(doc: SchemaDoc, ref: string): Schema | undefined {
  if (ref === '#') return doc.root;
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc.root;
  for (const token of splitPointer(ref.slice(1))) {
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isRecord(cur)) cur = cur[token];
    else return undefined;
  }
  return typeof cur === 'boolean' || isRecord(cur) ? cur : undefined;
}

function intersectTypes(a: string[] | undefined, b: string[]): string[] {
  if (!a) return [...b];
  const out: string[] = [];
  for (const t of a) {
    if (b.includes(t)) out.push(t);
    else if ((t === 'number' && b.includes('integer')) || (t === 'integer' && b.includes('number'))) out.push('integer');
  }
  return [...new Set(out)];
}

function both(a: Schema | undefined, b: Schema): Schema {
  if (a === undefined || a === true) return b;
  if (b === true) return a;
  if (a === false || b === false) return false;
  return { allOf: [a, b] };
}

function addOther(n: Norm, keyword: string, value: unknown): void {
  const list = n.other.get(keyword);
  if (list) list.push(value);
  else n.other.set(keyword, [value]);
}

function absorb(doc: SchemaDoc, n: Norm, s: Schema, refs: Set<unknown>): void {
  if (s === true) return;
  if (s === false || !isRecord(s)) {
    n.types = [];
    return;
  }
  for (const [k, v] of Object.entries(s)) {
    if (ANNOTATIONS.has(k)) continue;
    switch (k) {
      case '$ref': {
        const target = typeof v === 'string' ? resolveRef(doc, v) : undefined;
        if (target === undefined) addOther(n, '$ref', v);
        else if (refs.has(target)) addOther(n, '$ref (recursive)', v);
        else {
          refs.add(target);
          absorb(doc, n, target, refs);
          refs.delete(target);
        }
        break;
      }
      case 'type': {
        const list = Array.isArray(v) ? v.map(String) : [String(v)];
        n.types = intersectTypes(n.types, list);
        break;
      }
      case 'enum':
        if (Array.isArray(v)) n.enum = n.enum ? n.enum.filter((x) => v.some((y) => deepEqual(x, y))) : [...v];
        else addOther(n, k, v);
        break;
      case 'const':
        if (n.const && !deepEqual(n.const.value, v)) n.types = [];
        n.const = { value: v };
        break;
      case 'pattern':
        if (typeof v === 'string' && !n.patterns.includes(v)) n.patterns.push(v);
        break;
      case 'uniqueItems':
        n.uniqueItems ||= v === true;
        break;
      case 'properties':
        if (isRecord(v)) for (const [name, sub] of Object.entries(v)) n.properties.set(name, both(n.properties.get(name), sub as Schema));
        break;
      case 'required':
        if (Array.isArray(v)) for (const name of v) n.required.add(String(name));
        break;
      case 'additionalProperties':
        n.additional = both(n.additional, v as Schema);
        break;
      case 'patternProperties':
        if (isRecord(v)) for (const [p, sub] of Object.entries(v)) n.patternProperties.set(p, both(n.patternProperties.get(p), sub as Schema));
        break;
      case 'items':
        if (Array.isArray(v)) {
          if (n.tuple || n.items !== undefined) addOther(n, k, v);
          else n.tuple = v as Schema[];
        } else n.items = both(n.items, v as Schema);
        break;
      case 'additionalItems':
        n.additionalItems = both(n.additionalItems, v as Schema);
        break;
      case 'propertyNames':
        n.propertyNames = both(n.propertyNames, v as Schema);
        break;
      case 'allOf':
        if (Array.isArray(v)) for (const part of v) absorb(doc, n, part as Schema, refs);
        else addOther(n, k, v);
        break;
      case 'anyOf':
      case 'oneOf':
        if (Array.isArray(v) && n[k] === undefined) n[k] = v as Schema[];
        else addOther(n, k, v);
        break;
      default:
        if ((LOWER_BOUNDS as readonly string[]).includes(k) && typeof v === 'number') {
          const key = k as BoundKeyword;
          n.bounds[key] = n.bounds[key] === undefined ? v : Math.max(n.bounds[key]!, v);
        } else if ((UPPER_BOUNDS as readonly string[]).includes(k) && typeof v === 'number') {
          const key = k as BoundKeyword;
          n.bounds[key] = n.bounds[key] === undefined ? v : Math.min(n.bounds[key]!, v);
        } else addOther(n, k, v);
    }
  }
}

const normCache = new WeakMap<SchemaDoc, WeakMap<object, Norm>>();
const TRUE_NORM = Object.freeze(emptyNorm());
const FALSE_NORM: Norm = { ...emptyNorm(), types: [] };

/** The normalized form of `s` in `doc` (cached per schema object). Do not modify it. */
export function norm(doc: SchemaDoc, s: Schema): Norm {
  if (s === true) return TRUE_NORM;
  if (s === false || !isRecord(s)) return FALSE_NORM;
  let byDoc = normCache.get(doc);
  if (!byDoc) normCache.set(doc, (byDoc = new WeakMap()));
  let n = byDoc.get(s);
  if (!n) {
    n = emptyNorm();
    absorb(doc, n, s, new Set([s]));
    byDoc.set(s, n);
  }
  return n;
}

/** Only combinator branches and nothing else: the branches say everything about the place. */
export function isBareCombinator(n: Norm, k: 'anyOf' | 'oneOf'): boolean {
  return (
    n[k] !== undefined &&
    n[(k === 'anyOf' ? 'oneOf' : 'anyOf') as 'anyOf' | 'oneOf'] === undefined &&
    n.types === undefined &&
    n.enum === undefined &&
    n.const === undefined &&
    n.patterns.length === 0 &&
    Object.keys(n.bounds).length === 0 &&
    !n.uniqueItems &&
    n.properties.size === 0 &&
    n.required.size === 0 &&
    n.additional === undefined &&
    n.patternProperties.size === 0 &&
    n.items === undefined &&
    n.tuple === undefined &&
    n.additionalItems === undefined &&
    n.propertyNames === undefined &&
    n.other.size === 0
  );
}

/** Does a type list (undefined: any) allow values of JSON type `t`? integer counts as number. */
export function allowsType(types: readonly string[] | undefined, t: string): boolean {
  if (!types) return true;
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const printCache = new WeakMap<SchemaDoc, WeakMap<object, string>>();

/**
 * A canonical text of what `s` accepts: references inlined, annotations dropped, object keys
 * sorted. Two places with the same fingerprint validate the same documents.
 */
export function fingerprint(doc: SchemaDoc, s: Schema, active: Set<unknown> = new Set()): string {
  if (typeof s === 'boolean' || !isRecord(s)) return JSON.stringify(s);
  let byDoc = printCache.get(doc);
  if (!byDoc) printCache.set(doc, (byDoc = new WeakMap()));
  const cached = byDoc.get(s);
  if (cached !== undefined) return cached;
  if (active.has(s)) return '{"$recursive":true}';
  active.add(s);
  const parts: string[] = [];
  for (const k of Object.keys(s).sort()) {
    if (ANNOTATIONS.has(k)) continue;
    const v = s[k];
    let text: string;
    if (k === '$ref' && typeof v === 'string') {
      const target = resolveRef(doc, v);
      text = target === undefined ? JSON.stringify(v) : fingerprint(doc, target, active);
    } else if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      text = isRecord(v) ? `{${Object.keys(v).sort().map((p) => `${JSON.stringify(p)}:${fingerprint(doc, v[p] as Schema, active)}`).join(',')}}` : JSON.stringify(v);
    } else if (['items', 'additionalProperties', 'additionalItems', 'not', 'propertyNames', 'contains', 'if', 'then', 'else'].includes(k)) {
      text = Array.isArray(v) ? `[${v.map((x) => fingerprint(doc, x as Schema, active)).join(',')}]` : fingerprint(doc, v as Schema, active);
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      text = Array.isArray(v) ? `[${v.map((x) => fingerprint(doc, x as Schema, active)).join(',')}]` : JSON.stringify(v);
    } else if (k === 'required' && Array.isArray(v)) {
      text = JSON.stringify([...v].map(String).sort());
    } else {
      text = canonicalJson(v);
    }
    parts.push(`${JSON.stringify(k)}:${text}`);
  }
  active.delete(s);
  const out = `{${parts.join(',')}}`;
  byDoc.set(s, out);
  return out;
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isRecord(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/**
 * The schema that applies to member `key` of an object at this place: a declared property,
 * else the matching patternProperties, else additionalProperties. undefined: anything goes
 * (the key is free); false: the key is not allowed.
 */
export function memberSchema(n: Norm, key: string): Schema | undefined {
  const declared = n.properties.get(key);
  const matched = [...n.patternProperties].filter(([p]) => safeTest(p, key)).map(([, s]) => s);
  if (declared !== undefined) return matched.reduce<Schema>((acc, s) => both(acc, s), declared);
  if (matched.length) return matched.reduce<Schema>((acc, s) => both(acc, s), true);
  return n.additional;
}

export function safeTest(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(s);
  } catch {
    return false;
  }
}

/** A short human description of what a place accepts, for the `from`/`to` of a change. */
export function describe(doc: SchemaDoc, s: Schema, depth = 0): string {
  const n = norm(doc, s);
  if (s === true || (n.types === undefined && !n.enum && !n.const && !n.anyOf && !n.oneOf && n.properties.size === 0 && Object.keys(n.bounds).length === 0 && !n.patterns.length)) return 'any';
  if (n.types && n.types.length === 0) return 'nothing';
  if (n.const) return `const ${JSON.stringify(n.const.value)}`;
  if (n.enum) return `one of ${n.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if ((n.anyOf || n.oneOf) && n.types === undefined && depth < 2) {
    return (n.anyOf ?? n.oneOf)!.map((b) => describe(doc, b, depth + 1)).join(' | ');
  }
  const types = n.types ?? (n.properties.size ? ['object'] : []);
  const limits = (['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const)
    .filter((k) => n.bounds[k] !== undefined)
    .map((k) => `${k} ${n.bounds[k]}`);
  const suffix = limits.length ? ` (${limits.join(', ')})` : '';
  if (!types.length) return limits.length ? limits.join(', ') : 'any';
  return types
    .map((t) => {
      if (t === 'array' && n.items !== undefined && depth < 2) return `array of ${describe(doc, n.items, depth + 1)}`;
      if (t === 'string' && n.patterns.length) return `string matching ${n.patterns.join(' and ')}`;
      if ((t === 'integer' || t === 'number') && (n.bounds.minimum !== undefined || n.bounds.maximum !== undefined)) {
        const named = Object.entries(INTEGER_RANGES).find(([, [lo, hi]]) => Number(lo) === n.bounds.minimum && Number(hi) === n.bounds.maximum);
        if (t === 'integer' && named) return named[0];
        return `${t} ${n.bounds.minimum ?? '…'}..${n.bounds.maximum ?? '…'}`;
      }
      return t;
    })
    .join(' | ') + suffix;
}
