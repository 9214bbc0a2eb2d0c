// The structural comparison of two schemas: both are walked together from the root, place by
// place (properties, array items, map values, combinator branches), and every difference in
// what a place accepts becomes a change with its class. Each change carries a probe — where a
// witness document differs from the least document both sides accept, and which values to try
// there — that witness.ts turns into a checked witness.
import type { Change, ChangeClass } from './types.js';
import {
  ALL_TYPES,
  LOWER_BOUNDS,
  UPPER_BOUNDS,
  allowsType,
  canonicalJson,
  deepEqual,
  describe,
  fingerprint,
  isBareCombinator,
  memberSchema,
  norm,
  safeTest,
  type BoundKeyword,
  type Norm,
  type Schema,
} from './node.js';
import { OMIT, fits, minimal, templatePointer, valuesOfType, type Pair, type Step } from './instance.js';
import { nearMisses, samplesOf } from './regex-sample.js';

export interface Probe {
  steps: Step[];
  /** Values to try at the end of `steps`, best first; OMIT leaves the member out. Computed on demand. */
  values: () => unknown[];
  /** Whether the other side merely ignoring the member (not declaring it) demonstrates the change. */
  ignoreCounts?: boolean;
}

export interface Finding {
  change: Change;
  probe?: Probe;
}

/** Values of every JSON type, for places that went from "anything" to constrained or back. */
const GENERIC: readonly unknown[] = [null, 0, 'x', true, [], {}, 0.5, -1];

const NOTE_IGNORED = 'the schema accepts undeclared members, so a document that sets it stays schema-valid but the member is no longer defined: in a config or state, runtimes ignore it';

function plainTypes(n: Norm): readonly string[] {
  return n.types ?? ALL_TYPES;
}

/** Levenshtein distance, capped. */
function distance(a: string, b: string, cap = 3): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    if (Math.min(...cur) >= cap) return cap;
    prev = cur;
  }
  return Math.min(prev[b.length], cap);
}

/** Names close enough to be one member renamed: equal ignoring case, or 2 edits apart (4+ characters). */
export function similarNames(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  return a.length >= 4 && b.length >= 4 && distance(a.toLowerCase(), b.toLowerCase()) <= 2;
}

function isLower(k: BoundKeyword): boolean {
  return (LOWER_BOUNDS as readonly string[]).includes(k);
}

function boundApplies(k: BoundKeyword, str: boolean, num: boolean, arr: boolean, obj: boolean): boolean {
  if (k.endsWith('imum')) return num;
  if (k.endsWith('Length')) return str;
  if (k.endsWith('Items')) return arr;
  return obj;
}

class Differ {
  readonly out: Finding[] = [];
  private readonly active = new Set<string>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(private readonly pair: Pair) {}

  private id(s: Schema): string {
    if (typeof s !== 'object') return String(s);
    let n = this.ids.get(s);
    if (n === undefined) this.ids.set(s, (n = this.nextId++));
    return String(n);
  }

  private emit(steps: Step[], change: string, cls: ChangeClass, from: unknown, to: unknown, probe?: Omit<Probe, 'steps'> & { steps?: Step[] }, note?: string): void {
    const c: Change = { pointer: templatePointer(steps), change, class: cls, from: from ?? null, to: to ?? null };
    if (note) c.note = note;
    this.out.push({ change: c, probe: probe ? { ...probe, steps: probe.steps ?? steps } : undefined });
  }

  /** Compare one place of `from` with the same place of `to`. */
  node(fs: Schema, ts: Schema, steps: Step[]): void {
    const { from, to } = this.pair;
    if (fingerprint(from, fs) === fingerprint(to, ts)) return;
    const key = `${this.id(fs)}:${this.id(ts)}`;
    if (this.active.has(key)) return;
    this.active.add(key);
    try {
      const F = norm(from, fs);
      const T = norm(to, ts);
      if (this.unconstrained(fs, ts, steps)) return;
      if (this.combinators(fs, ts, F, T, steps)) return;
      this.types(fs, ts, F, T, steps);
      const common = plainTypes(F).filter((t) => allowsType(T.types, t) || (t === 'number' && allowsType(T.types, 'integer')));
      const has = (t: string) => common.includes(t) || (t === 'number' && common.includes('integer'));
      this.values(fs, ts, F, T, steps);
      if (has('string')) this.patterns(F, T, steps);
      this.bounds(F, T, steps, has('string'), has('number'), has('array'), has('object'));
      if (has('array')) this.arrays(F, T, steps);
      if (has('object')) this.objects(F, T, steps);
      this.others(F, T, steps);
    } finally {
      this.active.delete(key);
    }
  }

  /**
   * One side accepts anything at this place: one change for the whole place (what the other side
   * demands is all new or all gone), not one per keyword or member. Returns true when so.
   */
  private unconstrained(fs: Schema, ts: Schema, steps: Step[]): boolean {
    const { from, to } = this.pair;
    const anyF = fingerprint(from, fs) === fingerprint(from, true) || fingerprint(from, fs) === '{}';
    const anyT = fingerprint(to, ts) === fingerprint(to, true) || fingerprint(to, ts) === '{}';
    if (!anyF && !anyT) return false;
    const F = norm(from, fs);
    const T = norm(to, ts);
    const before = this.out.length;
    this.types(fs, ts, F, T, steps);
    if (this.out.length === before) {
      if (anyF) {
        this.emit(steps, 'constrained', 'major', 'any', describe(to, ts), {
          values: () => [...GENERIC, '', 'x'.repeat(300), ...plainTypes(T).flatMap((t) => valuesOfType(this.pair, 'to', ts, t))],
        });
      } else {
        this.emit(steps, 'unconstrained', 'minor', describe(from, fs), 'any', {
          values: () => [...GENERIC, '', 'x'.repeat(300), ...plainTypes(F).flatMap((t) => valuesOfType(this.pair, 'from', fs, t))],
        });
      }
    }
    return true;
  }

  /** anyOf/oneOf. Returns true when the branches said everything about the place. */
  private combinators(fs: Schema, ts: Schema, F: Norm, T: Norm, steps: Step[]): boolean {
    for (const kw of ['anyOf', 'oneOf'] as const) {
      const fb = F[kw];
      const tb = T[kw];
      if (!fb && !tb) continue;
      const bareF = fb !== undefined && isBareCombinator(F, kw);
      const bareT = tb !== undefined && isBareCombinator(T, kw);
      const otherKw = kw === 'anyOf' ? 'oneOf' : 'anyOf';
      if (fb && tb) {
        this.branches(kw, fb, tb, steps);
        if (bareF && bareT) return true;
      } else if (bareF && !T[otherKw]) {
        this.branches(kw, fb!, [ts], steps);
        return true;
      } else if (bareT && !F[otherKw]) {
        this.branches(kw, [fs], tb!, steps);
        return true;
      } else if (fb) {
        // A constraint dropped next to others that stay: only loosens.
        this.emit(steps, `${kw}-removed`, 'minor', fb.map((b) => describe(this.pair.from, b)), null, { values: () => [...GENERIC] });
      } else {
        this.emit(steps, `${kw}-added`, 'major', null, tb!.map((b) => describe(this.pair.to, b)), { values: () => [...GENERIC] });
      }
    }
    return false;
  }

  private branches(kw: 'anyOf' | 'oneOf', fb: Schema[], tb: Schema[], steps: Step[]): void {
    const { from, to } = this.pair;
    const fp = fb.map((b) => fingerprint(from, b));
    const tp = tb.map((b) => fingerprint(to, b));
    const pairs: [number, number][] = [];
    const freeF = new Set(fb.keys());
    const freeT = new Set(tb.keys());
    const take = (i: number, j: number) => {
      pairs.push([i, j]);
      freeF.delete(i);
      freeT.delete(j);
    };
    for (const i of [...freeF]) {
      const j = [...freeT].find((k) => tp[k] === fp[i]);
      if (j !== undefined) take(i, j);
    }
    const sig = (doc: typeof from, b: Schema) => {
      const n = norm(doc, b);
      return `${[...(n.types ?? ['any'])].sort().join('|')}${n.enum ? ':enum' : ''}${n.const ? ':const' : ''}`;
    };
    for (const i of [...freeF]) {
      const s = sig(from, fb[i]);
      const fs = [...freeF].filter((k) => sig(from, fb[k]) === s);
      const ts = [...freeT].filter((k) => sig(to, tb[k]) === s);
      if (fs.length === 1 && ts.length === 1) take(i, ts[0]);
    }
    if (freeF.size === freeT.size) {
      const restT = [...freeT];
      [...freeF].forEach((i, k) => take(i, restT[k]));
    }
    for (const [i, j] of pairs) if (fp[i] !== tp[j]) this.node(fb[i], tb[j], steps);
    for (const i of freeF) {
      this.emit(steps, `${kw}-branch-removed`, 'major', describe(from, fb[i]), null, {
        values: () => [minimal(this.pair, fb[i], undefined), ...plainTypes(norm(from, fb[i])).flatMap((t) => valuesOfType(this.pair, 'from', fb[i], t))],
      });
    }
    for (const j of freeT) {
      if (kw === 'anyOf') {
        this.emit(steps, 'anyOf-branch-added', 'minor', null, describe(to, tb[j]), {
          values: () => [minimal(this.pair, undefined, tb[j]), ...plainTypes(norm(to, tb[j])).flatMap((t) => valuesOfType(this.pair, 'to', tb[j], t))],
        });
      } else {
        this.emit(steps, 'oneOf-branch-added', 'unclassified', null, describe(to, tb[j]), undefined, 'a document that matches the new branch and an old one becomes invalid under oneOf; not analysed');
      }
    }
  }

  private types(fs: Schema, ts: Schema, F: Norm, T: Norm, steps: Step[]): void {
    const removed = plainTypes(F).filter((t) => !allowsType(T.types, t));
    const added = plainTypes(T).filter((t) => !allowsType(F.types, t));
    if (!removed.length && !added.length) return;
    const fromText = F.types ?? 'any';
    const toText = T.types ?? 'any';
    if (removed.length) {
      this.emit(steps, added.length ? 'type-changed' : 'type-narrowed', 'major', fromText, toText, {
        values: () => removed.flatMap((t) => valuesOfType(this.pair, 'from', fs, t)),
      });
    } else {
      this.emit(steps, 'type-widened', 'minor', fromText, toText, { values: () => added.flatMap((t) => valuesOfType(this.pair, 'to', ts, t)) });
    }
  }

  /** Values of any type the side accepts, for enum and const witnesses. */
  private sideValues(side: 'from' | 'to', s: Schema, n: Norm): unknown[] {
    return plainTypes(n).flatMap((t) => valuesOfType(this.pair, side, s, t));
  }

  private values(fs: Schema, ts: Schema, F: Norm, T: Norm, steps: Step[]): void {
    if (F.enum && T.enum) {
      for (const v of F.enum) {
        if (!T.enum.some((x) => deepEqual(x, v))) this.emit(steps, 'enum-value-removed', 'major', v, null, { values: () => [v] });
      }
      for (const v of T.enum) {
        if (!F.enum.some((x) => deepEqual(x, v))) this.emit(steps, 'enum-value-added', 'minor', null, v, { values: () => [v] });
      }
    } else if (T.enum) {
      const allowed = T.enum;
      this.emit(steps, 'enum-added', 'major', null, allowed, {
        values: () => this.sideValues('from', fs, F).filter((v) => !allowed.some((x) => deepEqual(x, v))),
      });
    } else if (F.enum) {
      const allowed = F.enum;
      this.emit(steps, 'enum-removed', 'minor', allowed, null, {
        values: () => this.sideValues('to', ts, T).filter((v) => !allowed.some((x) => deepEqual(x, v))),
      });
    }
    if (F.const && T.const) {
      if (!deepEqual(F.const.value, T.const.value)) this.emit(steps, 'const-changed', 'major', F.const.value, T.const.value, { values: () => [F.const!.value] });
    } else if (T.const) {
      const c = T.const.value;
      this.emit(steps, 'const-added', 'major', null, c, { values: () => this.sideValues('from', fs, F).filter((v) => !deepEqual(v, c)) });
    } else if (F.const) {
      const c = F.const.value;
      this.emit(steps, 'const-removed', 'minor', c, null, { values: () => this.sideValues('to', ts, T).filter((v) => !deepEqual(v, c)) });
    }
  }

  private patterns(F: Norm, T: Norm, steps: Step[]): void {
    const fp = [...F.patterns].sort();
    const tp = [...T.patterns].sort();
    if (deepEqual(fp, tp)) return;
    const show = (ps: string[]) => (ps.length === 0 ? null : ps.length === 1 ? ps[0] : ps);
    const matchesAll = (ps: string[], s: string) => ps.every((p) => safeTest(p, s));
    const samples = (ps: string[]) => (ps.length ? samplesOf(ps[0]).filter((s) => matchesAll(ps, s)) : []);
    if (!fp.length) {
      this.emit(steps, 'pattern-added', 'major', null, show(tp), { values: () => nearMisses(samples(tp)).filter((s) => !matchesAll(tp, s)) });
      return;
    }
    if (!tp.length) {
      this.emit(steps, 'pattern-removed', 'minor', show(fp), null, { values: () => nearMisses(samples(fp)).filter((s) => !matchesAll(fp, s)) });
      return;
    }
    const sf = samples(fp);
    const st = samples(tp);
    if (!sf.length || !st.length) {
      this.emit(steps, 'unclassified', 'unclassified', show(fp), show(tp), undefined, 'pattern changed; the comparison cannot sample one of the patterns');
      return;
    }
    // Strings only the old pattern accepts (lost) and only the new one accepts (gained), by sampling.
    const lost = [...sf, ...nearMisses(st)].filter((s) => matchesAll(fp, s) && !matchesAll(tp, s));
    const gained = [...st, ...nearMisses(sf)].filter((s) => matchesAll(tp, s) && !matchesAll(fp, s));
    if (lost.length) {
      this.emit(steps, gained.length ? 'pattern-changed' : 'pattern-tightened', 'major', show(fp), show(tp), { values: () => lost });
    } else if (gained.length) {
      this.emit(steps, 'pattern-loosened', 'minor', show(fp), show(tp), { values: () => gained }, 'classified by sampling: no sampled string the old pattern accepts is rejected by the new one');
    } else {
      this.emit(steps, 'unclassified', 'unclassified', show(fp), show(tp), undefined, 'pattern text changed but sampling found no string accepted by only one of them');
    }
  }

  private bounds(F: Norm, T: Norm, steps: Step[], str: boolean, num: boolean, arr: boolean, obj: boolean): void {
    for (const k of [...LOWER_BOUNDS, ...UPPER_BOUNDS] as BoundKeyword[]) {
      if (!boundApplies(k, str, num, arr, obj)) continue;
      const a = F.bounds[k];
      const b = T.bounds[k];
      if (a === b) continue;
      let change: string;
      let tighter: boolean;
      if (a === undefined) [change, tighter] = [`${k}-added`, true];
      else if (b === undefined) [change, tighter] = [`${k}-removed`, false];
      else if (b > a) [change, tighter] = [`${k}-raised`, isLower(k)];
      else [change, tighter] = [`${k}-lowered`, !isLower(k)];
      this.emit(steps, change, tighter ? 'major' : 'minor', a ?? null, b ?? null, { values: () => this.boundValues(k, a, b, F, T) });
    }
  }

  /** Values on both sides of two bounds: the witness is whichever lies between them. */
  private boundValues(k: BoundKeyword, a: number | undefined, b: number | undefined, F: Norm, T: Norm): unknown[] {
    const points = [a, b].filter((x): x is number => x !== undefined);
    const near = [...new Set(points.flatMap((p) => [p, p - 1, p + 1, p - 0.5, p + 0.5]))].filter((x) => Number.isFinite(x));
    if (k.endsWith('imum')) return near;
    const counts = near.filter((x) => Number.isInteger(x) && x >= 0 && x <= 1000);
    if (k.endsWith('Length')) return counts.map((n) => 'a'.repeat(n));
    if (k.endsWith('Items')) {
      const item = minimal(this.pair, F.items ?? F.tuple?.[0], T.items ?? T.tuple?.[0]);
      return counts.map((n) => Array.from({ length: n }, () => item));
    }
    return counts.map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-key-${i}`, null])));
  }

  private arrays(F: Norm, T: Norm, steps: Step[]): void {
    if (F.uniqueItems !== T.uniqueItems) {
      const item = () => minimal(this.pair, F.items, T.items);
      if (T.uniqueItems) this.emit(steps, 'uniqueItems-added', 'major', false, true, { values: () => [[item(), item()]] });
      else this.emit(steps, 'uniqueItems-removed', 'minor', true, false, { values: () => [[item(), item()]] });
    }
    if (F.tuple || T.tuple) {
      // A single items schema is the tuple form with every position, and the rest, under it.
      const n = Math.max(F.tuple?.length ?? 0, T.tuple?.length ?? 0);
      const at = (x: Norm, i: number): Schema => (x.tuple ? (x.tuple[i] ?? x.additionalItems ?? true) : (x.items ?? true));
      const rest = (x: Norm): Schema => (x.tuple ? (x.additionalItems ?? true) : (x.items ?? true));
      for (let i = 0; i < n; i++) this.node(at(F, i), at(T, i), [...steps, { index: i }]);
      this.node(rest(F), rest(T), [...steps, { index: n }]);
      return;
    }
    this.node(F.items ?? true, T.items ?? true, [...steps, { item: true }]);
  }

  private objects(F: Norm, T: Norm, steps: Step[]): void {
    const { from, to } = this.pair;
    const removed: string[] = [];
    const added: string[] = [];
    // An object that declares no member at all takes any member as free content: a member one
    // side declares is compared with "anything" there, not reported as added or removed.
    const freeForm = (n: Norm) => n.properties.size === 0 && n.patternProperties.size === 0 && n.additional === undefined;
    for (const [name, fp] of F.properties) {
      const tp = T.properties.get(name);
      if (tp !== undefined) {
        this.node(fp, tp, [...steps, { prop: name }]);
        continue;
      }
      const eff = freeForm(T) ? true : memberSchema(T, name);
      if (eff === undefined || eff === false) removed.push(name);
      else this.node(fp, eff, [...steps, { prop: name }]);
    }
    for (const [name, tp] of T.properties) {
      if (F.properties.has(name)) continue;
      const eff = freeForm(F) ? true : memberSchema(F, name);
      if (eff === undefined || eff === false) added.push(name);
      else this.node(eff, tp, [...steps, { prop: name }]);
    }

    const renamed = new Map<string, string>();
    for (const r of removed) {
      const a = added.find((x) => ![...renamed.values()].includes(x) && similarNames(r, x));
      if (a !== undefined) renamed.set(r, a);
    }
    for (const name of removed) {
      const fp = F.properties.get(name)!;
      const at = [...steps, { prop: name }];
      const rejected = memberSchema(T, name) === false;
      const probe = { steps: at, ignoreCounts: true, values: () => [minimal(this.pair, fp, undefined, name), ...this.sideValues('from', fp, norm(from, fp))] };
      const note = rejected ? undefined : NOTE_IGNORED;
      const newName = renamed.get(name);
      if (newName !== undefined) this.emit(at, 'property-renamed', 'major', name, newName, probe, note);
      else this.emit(at, 'property-removed', 'major', describe(from, fp), null, probe, note);
    }
    const renamedTo = new Set(renamed.values());
    for (const name of added) {
      if (renamedTo.has(name)) continue;
      const tp = T.properties.get(name)!;
      const at = [...steps, { prop: name }];
      if (T.required.has(name) && !F.required.has(name)) {
        this.emit(at, 'property-added-required', 'major', null, describe(to, tp), { values: () => [OMIT] });
      } else {
        this.emit(at, 'property-added', 'minor', null, describe(to, tp), {
          ignoreCounts: true,
          values: () => [minimal(this.pair, undefined, tp, name), ...this.sideValues('to', tp, norm(to, tp))],
        });
      }
    }

    for (const name of T.required) {
      if (F.required.has(name) || added.includes(name)) continue;
      this.emit([...steps, { prop: name }], 'required-added', 'major', false, true, { values: () => [OMIT] });
    }
    for (const name of F.required) {
      if (T.required.has(name) || removed.includes(name)) continue;
      this.emit([...steps, { prop: name }], 'required-removed', 'minor', true, false, { values: () => [OMIT] });
    }

    this.propertyNames(F, T, steps);
    for (const p of new Set([...F.patternProperties.keys(), ...T.patternProperties.keys()])) {
      const key = keyFor(p, F, T);
      const fsch = F.patternProperties.get(p) ?? memberSchema(F, key);
      const tsch = T.patternProperties.get(p) ?? memberSchema(T, key);
      this.free(fsch, tsch, [...steps, { map: key }]);
    }
    const free = freeKey(F, T);
    if (free !== undefined) this.free(F.additional, T.additional, [...steps, { map: free }]);
  }

  /** Constraints on member names, shown with a member whose name one side refuses. */
  private propertyNames(F: Norm, T: Norm, steps: Step[]): void {
    const { from, to } = this.pair;
    const a = F.propertyNames;
    const b = T.propertyNames;
    if (fingerprint(from, a ?? true) === fingerprint(to, b ?? true)) return;
    const names = ['', ' ', 'x-key', 'X', '0', 'a.b/c', 'x'.repeat(300)];
    const lost = names.filter((k) => fits(from, a, k) && !fits(to, b, k) && !F.properties.has(k) && !T.properties.has(k));
    const gained = names.filter((k) => fits(to, b, k) && !fits(from, a, k) && !F.properties.has(k) && !T.properties.has(k));
    const probe = (key: string, side: 'from' | 'to') => ({
      steps: [...steps, { map: key }],
      values: () => [side === 'from' ? minimal(this.pair, memberSchema(F, key) || undefined, undefined) : minimal(this.pair, undefined, memberSchema(T, key) || undefined), ...GENERIC],
    });
    const show = (s: Schema | undefined, doc: typeof from) => (s === undefined ? null : describe(doc, s));
    if (a === undefined) this.emit(steps, 'propertyNames-added', 'major', null, show(b, to), lost.length ? probe(lost[0], 'from') : undefined);
    else if (b === undefined) this.emit(steps, 'propertyNames-removed', 'minor', show(a, from), null, gained.length ? probe(gained[0], 'to') : undefined);
    else if (lost.length && !gained.length) this.emit(steps, 'propertyNames-tightened', 'major', show(a, from), show(b, to), probe(lost[0], 'from'));
    else if (gained.length && !lost.length) this.emit(steps, 'propertyNames-loosened', 'minor', show(a, from), show(b, to), probe(gained[0], 'to'), 'classified by sampling a few names');
    else this.emit(steps, 'unclassified', 'unclassified', show(a, from), show(b, to), undefined, 'keyword "propertyNames" changed; not analysed, counted as major');
  }

  /** A member not declared by name: false rejects it, undefined lets anything through. */
  private free(fs: Schema | undefined, ts: Schema | undefined, steps: Step[]): void {
    const f = fs ?? true;
    const t = ts ?? true;
    if (f === false && t === false) return;
    if (t === false) {
      this.emit(steps, 'additionalProperties-closed', 'major', describe(this.pair.from, f), false, {
        values: () => [minimal(this.pair, f, undefined), ...GENERIC],
      });
    } else if (f === false) {
      this.emit(steps, 'additionalProperties-opened', 'minor', false, describe(this.pair.to, t), {
        values: () => [minimal(this.pair, undefined, t), ...GENERIC],
      });
    } else {
      this.node(f, t, steps);
    }
  }

  private others(F: Norm, T: Norm, steps: Step[]): void {
    for (const k of new Set([...F.other.keys(), ...T.other.keys()])) {
      const a = F.other.get(k);
      const b = T.other.get(k);
      if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
      const one = (v: unknown[] | undefined) => (v === undefined ? null : v.length === 1 ? v[0] : v);
      this.emit(steps, 'unclassified', 'unclassified', one(a), one(b), undefined, `keyword "${k}" ${a === undefined ? 'added' : b === undefined ? 'removed' : 'changed'}; not analysed, counted as major`);
    }
  }
}

/** A key that the pattern matches and no side declares, for a map member's witness. */
function keyFor(pattern: string, F: Norm, T: Norm): string {
  const declared = (k: string) => F.properties.has(k) || T.properties.has(k);
  return [...samplesOf(pattern), 'x-key', 'key'].find((k) => safeTest(pattern, k) && !declared(k)) ?? 'x-key';
}

/** A key no side declares and no pattern matches: where additionalProperties applies; none when patterns cover every key. */
function freeKey(F: Norm, T: Norm): string | undefined {
  const patterns = [...F.patternProperties.keys(), ...T.patternProperties.keys()];
  return ['x-key', 'X_KEY', 'x-key-2', '0', ''].find((k) => !F.properties.has(k) && !T.properties.has(k) && !patterns.some((p) => safeTest(p, k)));
}

/** Every change from `pair.from` to `pair.to`, in walk order (from's property order first). */
export function diffSchemas(pair: Pair): Finding[] {
  const d = new Differ(pair);
  d.node(pair.from.root, pair.to.root, []);
  return d.out;
}
