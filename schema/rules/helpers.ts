// Shared pieces for the prose rules: platform detection, path tests, namespace lookups, message text.
// Everything here must accept any JSON shape without throwing.
import { joinPointer } from '../diagnostics.js';
import { arr, isObj, obj, type Finding, type Obj, type RuleContext } from './rule.js';

/** What a rule returns when it finds nothing; frozen so that no caller can fill it by mistake. */
export const NONE: Finding[] = Object.freeze([]) as unknown as Finding[];

export type ConfigPlatform = 'linux' | 'windows' | 'solaris' | 'zos' | 'freebsd' | 'vm';

/**
 * The platform a config.json targets, as far as the document itself can tell.
 *
 * A config carries no platform field; the spec ties platform-specific objects to platforms
 * ("`linux` MAY be set if the target platform is linux", "`windows` MUST be set if it is windows").
 * We decide:
 *  1. a `linux` object means Linux — also next to a `vm` object (VM runtimes such as Kata carry both);
 *  2. otherwise the first of `windows`, `solaris`, `zos`, `freebsd` present as an object names the platform;
 *  3. otherwise a lone `vm` object means a VM whose guest we know nothing about ("vm");
 *  4. a config with no platform object at all is Linux, the common minimal case.
 * Sections of the wrong type are ignored here (the schema reports them).
 */
export function configPlatform(value: unknown): ConfigPlatform {
  if (!isObj(value)) return 'linux';
  if (isObj(value.linux)) return 'linux';
  if (isObj(value.windows)) return 'windows';
  if (isObj(value.solaris)) return 'solaris';
  if (isObj(value.zos)) return 'zos';
  if (isObj(value.freebsd)) return 'freebsd';
  if (isObj(value.vm)) return 'vm';
  return 'linux';
}

export function isLinux(value: unknown): boolean {
  return configPlatform(value) === 'linux';
}

/** The spec's "POSIX platforms" / "non-Windows": everything we do not recognise as Windows. */
export function isPosix(value: unknown): boolean {
  return configPlatform(value) !== 'windows';
}

export function isAbsolutePosix(p: string): boolean {
  return p.charCodeAt(0) === 47; // '/'
}

/** Drive-absolute ("C:\x", "C:/x"), UNC ("\\server\share") or device ("\\?\", "\\.\") paths. */
export function isAbsoluteWindows(p: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/**
 * Findings over the items of a list: `finding` returns one (or several) for an item, or
 * undefined. Allocation-free when no item has a finding, which is the common case.
 */
export function eachItem<T>(list: readonly T[] | undefined, finding: (item: T, index: number) => Finding | Finding[] | undefined): Finding[] {
  if (!list) return NONE;
  let out: Finding[] | undefined;
  for (let index = 0; index < list.length; index++) {
    const f = finding(list[index], index);
    if (f === undefined) continue;
    out ??= [];
    if (Array.isArray(f)) out.push(...f);
    else out.push(f);
  }
  return out ?? NONE;
}

/**
 * eachItem over the lists o[key] for each of `keys`, key by key (members that are not arrays
 * are skipped). Plain nested loops: a nested eachItem would allocate a closure per key.
 */
export function eachListItem<K extends string>(o: Obj, keys: readonly K[], finding: (key: K, item: unknown, index: number) => Finding | undefined): Finding[] {
  let out: Finding[] | undefined;
  for (const key of keys) {
    const list = o[key];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      const f = finding(key, list[index], index);
      if (f !== undefined) (out ??= []).push(f);
    }
  }
  return out ?? NONE;
}

/** eachItem for the members of an object, in for-in order, without building a key list. */
export function eachKey(o: Obj | undefined, finding: (key: string, member: unknown) => Finding | undefined): Finding[] {
  if (!o) return NONE;
  let out: Finding[] | undefined;
  for (const key in o) {
    const f = finding(key, o[key]);
    if (f !== undefined) (out ??= []).push(f);
  }
  return out ?? NONE;
}

/**
 * Object items of `list` whose string member `key` repeats an earlier item's, as
 * [index, index of the first item with that value, value]; undefined when there are none.
 * Allocation-free for the common case of short lists without duplicates.
 */
export function duplicates(list: unknown[] | undefined, key: string): [number, number, string][] | undefined {
  if (!list || list.length < 2) return undefined;
  let out: [number, number, string][] | undefined;
  if (list.length <= 32) {
    for (let i = 1; i < list.length; i++) {
      const e = list[i];
      if (!isObj(e)) continue;
      const v = e[key];
      if (typeof v !== 'string') continue;
      for (let j = 0; j < i; j++) {
        const f = list[j];
        if (isObj(f) && f[key] === v) {
          (out ??= []).push([i, j, v]);
          break;
        }
      }
    }
    return out;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!isObj(e)) continue;
    const v = e[key];
    if (typeof v !== 'string') continue;
    const first = seen.get(v);
    if (first === undefined) seen.set(v, i);
    else (out ??= []).push([i, first, v]);
  }
  return out;
}

/** True when linux.namespaces has an entry of `type` (new or joined by path). */
export function hasNamespace(value: unknown, type: string): boolean {
  const list = arr(obj(value, 'linux'), 'namespaces');
  if (!list) return false;
  for (const e of list) if (isObj(e) && e.type === type) return true;
  return false;
}

/** JSON pointer from the document root. */
export function ptr(...tokens: (string | number)[]): string {
  return joinPointer('', ...tokens);
}

/** A value quoted for a one-line message; long strings are shortened. */
export function q(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * An integer as the document wrote it: exact (from the lossless reader) when a double cannot hold it.
 * `pointer` is only called for such large values, so the common case builds no strings.
 */
export function exactInt(ctx: RuleContext, v: unknown, pointer: () => string): number | bigint | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v)) return undefined;
  if (Number.isSafeInteger(v)) return v;
  return ctx.doc?.bigIntegers?.get(pointer()) ?? BigInt(v);
}

/** a > b for numbers or bigints, mixed (JavaScript compares the two exactly). */
export function greater(a: number | bigint, b: number | bigint): boolean {
  return a > b;
}
