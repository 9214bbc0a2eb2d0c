// Walks a document along one of our generated schemas to find what plain JSON Schema
// validation cannot report: object keys the schema does not declare (runtimes ignore them, so a
// typo silently does nothing) and integers whose exact value a double could not hold.
//
// Both walks are pure. Everything derived from a schema is computed once, lazily, and kept in a
// WeakMap keyed by the schema object, so repeated calls cost only the walk over the document.
import { escapePointerToken, splitPointer } from './diagnostics.js';
import { INTEGER_RANGES } from './source/dsl.js';

export interface UnknownProperty {
  pointer: string;
  name: string;
  suggestion?: string;
}

export interface IntegerOutOfRange {
  pointer: string;
  type: string;
  value: bigint;
  min: bigint;
  max: bigint;
}

type Schema = Record<string, unknown> | boolean;

interface IntRange {
  type: string;
  min: bigint;
  max: bigint;
}

/** The integer range definitions, by the names every generated schema uses for them. */
const INT_RANGES: Readonly<Record<string, IntRange>> = Object.fromEntries(
  Object.entries(INTEGER_RANGES).map(([type, [min, max]]) => [type, { type, min, max }]),
);

const DEFINITION_REF = /^#\/definitions\/([^/]+)$/;

/**
 * What a set of schemas (everything that applies at one place in a document, after following
 * $ref and entering allOf/anyOf/oneOf) says about that place. Children are built on demand.
 */
class View {
  /** Declared property names, in declaration order, with the schemas for each. */
  readonly props = new Map<string, Schema[]>();
  readonly patterns: { re: RegExp; schemas: Schema[] }[] = [];
  /** Schemas for keys neither declared nor matched by a pattern; null when none is given. */
  additional: Schema[] | null = null;
  /** Some schema here lists properties, so an undeclared key can be reported. */
  declaresProperties = false;
  items: Schema[] = [];
  tuple: Schema[][] = [];
  additionalItems: Schema[] = [];
  readonly ints: IntRange[] = [];
  private readonly children = new Map<string, View>();
  private readonly memberViews = new Map<string, View>();
  private itemsView: View | undefined;

  constructor(
    private readonly root: Record<string, unknown>,
    schemas: Schema[],
  ) {
    const seen = new Set<unknown>();
    for (const s of schemas) this.absorb(s, seen);
  }

  private absorb(s: Schema, seen: Set<unknown>): void {
    if (typeof s !== 'object' || s === null || seen.has(s)) return;
    seen.add(s);
    const ref = s.$ref;
    if (typeof ref === 'string') {
      const named = DEFINITION_REF.exec(ref);
      const range = named ? INT_RANGES[decodeToken(named[1])] : undefined;
      if (range) this.ints.push(range);
      else {
        const target = resolveLocal(this.root, ref);
        if (target !== undefined) this.absorb(target, seen);
      }
    }
    const props = s.properties;
    if (isRecord(props)) {
      this.declaresProperties = true;
      for (const [name, sub] of Object.entries(props)) {
        const list = this.props.get(name);
        if (list) list.push(sub as Schema);
        else this.props.set(name, [sub as Schema]);
      }
    }
    const patterns = s.patternProperties;
    if (isRecord(patterns)) {
      for (const [source, sub] of Object.entries(patterns)) this.patterns.push({ re: new RegExp(source, 'u'), schemas: [sub as Schema] });
    }
    const additional = s.additionalProperties;
    if (additional !== undefined && additional !== false) (this.additional ??= []).push(additional as Schema);
    const items = s.items;
    if (Array.isArray(items)) {
      items.forEach((sub, i) => (this.tuple[i] ??= []).push(sub as Schema));
      const more = s.additionalItems;
      if (more !== undefined && more !== false) this.additionalItems.push(more as Schema);
    } else if (items !== undefined) this.items.push(items as Schema);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = s[k];
      if (Array.isArray(branches)) for (const b of branches) this.absorb(b as Schema, seen);
    }
  }

  /** Whether a key is declared, matched by a pattern, or allowed as an additional property. */
  knows(key: string): boolean {
    return this.props.has(key) || this.additional !== null || this.patterns.some((p) => p.re.test(key)) || !this.declaresProperties;
  }

  /** The view for the value under `key` of an object here, or undefined when nothing describes it. */
  member(key: string): View | undefined {
    const known = this.memberViews.get(key);
    if (known) return known;
    const declared = this.props.get(key);
    const matched = this.patterns.length ? this.patterns.filter((p) => p.re.test(key)) : [];
    let view: View;
    if (declared) {
      view = new View(this.root, matched.length ? [...declared, ...matched.flatMap((p) => p.schemas)] : declared);
      this.memberViews.set(key, view);
    } else if (matched.length) {
      view = this.child('*' + matched.map((p) => this.patterns.indexOf(p)).join(','), matched.flatMap((p) => p.schemas));
    } else if (this.additional) {
      view = this.child('+', this.additional);
    } else return undefined;
    return view;
  }

  /** The view for element `index` of an array here. */
  element(index: number): View | undefined {
    if (this.items.length) return (this.itemsView ??= new View(this.root, this.items));
    if (index < this.tuple.length) return this.child(`[${index}]`, this.tuple[index]);
    if (this.additionalItems.length) return this.child('[+]', this.additionalItems);
    return undefined;
  }

  get describesArrays(): boolean {
    return this.items.length > 0 || this.tuple.length > 0;
  }

  private child(key: string, schemas: Schema[]): View {
    let v = this.children.get(key);
    if (!v) {
      v = new View(this.root, schemas);
      this.children.set(key, v);
    }
    return v;
  }

  /** A declared sibling whose name is close to `key`, for "did you mean". */
  suggest(key: string): string | undefined {
    const lower = key.toLowerCase();
    let best: string | undefined;
    let bestDistance = 3;
    for (const name of this.props.keys()) {
      const candidate = name.toLowerCase();
      if (candidate === lower) return name;
      if (key.length < 4 || name.length < 4 || Math.abs(candidate.length - lower.length) >= bestDistance) continue;
      const d = editDistance(lower, candidate, bestDistance);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }
}

const roots = new WeakMap<Record<string, unknown>, View>();

function rootView(schema: Record<string, unknown>): View {
  let v = roots.get(schema);
  if (!v) {
    v = new View(schema, [schema]);
    roots.set(schema, v);
  }
  return v;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function decodeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolve a same-document reference ("#" or "#/json/pointer"); anything else is not followed. */
function resolveLocal(root: Record<string, unknown>, ref: string): Schema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = root;
  for (const token of splitPointer(ref.slice(1))) {
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isRecord(cur)) cur = cur[token];
    else return undefined;
  }
  return typeof cur === 'boolean' || isRecord(cur) ? cur : undefined;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length], limit);
}

/**
 * Object keys in `value` that `schema` does not declare. A key counts as known when any schema
 * that applies at its place (through $ref and every allOf/anyOf/oneOf branch) declares it, or
 * when that place is a map (additionalProperties or patternProperties) or declares no
 * properties at all (free-form content).
 */
export function findUnknownProperties(schema: Record<string, unknown>, value: unknown): UnknownProperty[] {
  const out: UnknownProperty[] = [];
  walk(rootView(schema), value, [], out);
  return out;
}

/** `path` holds the tokens down to `value`; pointers are only built for what is reported. */
function walk(view: View, value: unknown, path: (string | number)[], out: UnknownProperty[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    if (!view.describesArrays) return;
    for (let i = 0; i < value.length; i++) {
      const el: unknown = value[i];
      if (typeof el !== 'object' || el === null) continue;
      const child = view.element(i);
      if (!child) continue;
      path.push(i);
      walk(child, el, path, out);
      path.pop();
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    if (!view.knows(key)) {
      const pointer = toPointer(path) + '/' + escapePointerToken(key);
      const suggestion = view.suggest(key);
      out.push(suggestion === undefined ? { pointer, name: key } : { pointer, name: key, suggestion });
      continue;
    }
    const child = record[key];
    if (typeof child !== 'object' || child === null) continue;
    const childView = view.member(key);
    if (!childView) continue;
    path.push(key);
    walk(childView, child, path, out);
    path.pop();
  }
}

function toPointer(path: (string | number)[]): string {
  let p = '';
  for (const t of path) p += '/' + (typeof t === 'number' ? String(t) : escapePointerToken(t));
  return p;
}

/**
 * For each pointer whose exact integer value the document holds in `bigIntegers`, the integer
 * range definition (int8 … uint64) the schema validates it against, when the value lies outside
 * that range. Where alternatives apply (anyOf), a value that fits any of their ranges passes.
 */
export function findIntegersOutOfRange(schema: Record<string, unknown>, bigIntegers: Map<string, bigint>): IntegerOutOfRange[] {
  const out: IntegerOutOfRange[] = [];
  const root = rootView(schema);
  for (const [pointer, value] of bigIntegers) {
    let view: View | undefined = root;
    for (const token of splitPointer(pointer)) {
      view = view.describesArrays && /^(0|[1-9]\d*)$/.test(token) ? view.element(Number(token)) : view.member(token);
      if (!view) break;
    }
    if (!view || !view.ints.length) continue;
    if (view.ints.some((r) => value >= r.min && value <= r.max)) continue;
    const r = view.ints[0];
    out.push({ pointer, type: r.type, value, min: r.min, max: r.max });
  }
  return out;
}
