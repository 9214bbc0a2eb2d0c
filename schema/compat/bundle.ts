// One self-contained schema from an external folder's entry point: every `$ref` (to another
// file, "defs.json#/definitions/uint32", or within one, "#/definitions/x") is replaced by its
// target, so the comparison and the unknown-property walk (schema-walk.ts) can read it as they
// read our own schemas. Validation itself keeps using the folder's compiled validators.
//
// A `$ref` with sibling keywords becomes an allOf of the target and the siblings: Ajv, which
// validates the folder, applies both.
import { splitPointer } from '../diagnostics.js';
import { isRecord } from './node.js';

export class BundleError extends Error {}

/** Keywords whose values are data, not schemas. */
const DATA = new Set(['enum', 'const', 'default', 'examples']);
const ANNOTATION = new Set(['description', 'title', '$comment', '$schema', 'id', '$id']);

type Files = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

function lookup(files: Files, file: string, pointer: string): unknown {
  let cur: unknown = files.get(file);
  if (cur === undefined) throw new BundleError(`$ref to ${file}, which is not in the folder`);
  for (const token of splitPointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isRecord(cur)) cur = cur[token];
    else cur = undefined;
    if (cur === undefined) throw new BundleError(`$ref ${file}#${pointer} points at nothing`);
  }
  return cur;
}

/** The entry point `entry` of `files` with every reference inlined. Throws BundleError on a dangling or recursive reference. */
export function bundleExternal(files: Files, entry: string): Record<string, unknown> {
  const done = new Map<string, unknown>();
  const active = new Set<string>();

  const visit = (node: unknown, file: string): unknown => {
    if (Array.isArray(node)) return node.map((x) => visit(x, file));
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' || k === 'definitions') continue;
      if (DATA.has(k)) out[k] = v;
      else if (k === 'properties' || k === 'patternProperties') {
        out[k] = isRecord(v) ? Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, visit(sub, file)])) : v;
      } else out[k] = visit(v, file);
    }
    if (typeof node.$ref !== 'string') return out;
    const target = resolve(node.$ref, file);
    const constraining = Object.keys(out).filter((k) => !ANNOTATION.has(k));
    return constraining.length ? { allOf: [target, out] } : target;
  };

  const resolve = (ref: string, file: string): unknown => {
    const hash = ref.indexOf('#');
    const targetFile = (hash < 0 ? ref : ref.slice(0, hash)) || file;
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(targetFile)) throw new BundleError(`$ref ${ref} is not a file of the folder`);
    const key = `${targetFile}#${pointer}`;
    const known = done.get(key);
    if (known !== undefined) return known;
    if (active.has(key)) throw new BundleError(`$ref ${ref} is recursive, which compat does not support`);
    active.add(key);
    const value = visit(lookup(files, targetFile, pointer), targetFile);
    active.delete(key);
    done.set(key, value);
    return value;
  };

  const root = visit(files.get(entry), entry);
  if (!isRecord(root)) throw new BundleError(`${entry} is not an object`);
  return root;
}
