// zos.namespaces (config-zos.md "Namespaces"), from 1.2.1.
import { arr, isObj, obj, type Finding, type Rule } from './rule.js';
import { NONE, isAbsolutePosix, ptr, q } from './helpers.js';

const ZOS_NAMESPACES = { file: 'config-zos.md', anchor: 'configZOSNamespaces' };

function entries(value: unknown): { index: number; e: Record<string, unknown> }[] {
  const list = arr(obj(value, 'zos'), 'namespaces');
  if (!list) return [];
  const out: { index: number; e: Record<string, unknown> }[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (isObj(e)) out.push({ index: i, e });
  }
  return out;
}

export const rules: Rule[] = [
  {
    id: 'config.zos.namespaces-unique',
    kind: 'config',
    level: 'MUST',
    ref: ZOS_NAMESPACES,
    since: '1.2.1',
    summary: 'zos.namespaces has at most one entry per type; runtimes must reject duplicates.',
    check(value) {
      const list = entries(value);
      if (list.length < 2) return NONE;
      const seen = new Map<string, number>();
      let out: Finding[] | undefined;
      for (const { index, e } of list) {
        if (typeof e.type !== 'string') continue;
        const first = seen.get(e.type);
        if (first === undefined) seen.set(e.type, index);
        else (out ??= []).push({ pointer: ptr('zos', 'namespaces', index, 'type'), message: `zos.namespaces type ${q(e.type)} is repeated (first at index ${first})` });
      }
      return out ?? NONE;
    },
  },
  {
    id: 'config.zos.namespace-path-absolute',
    kind: 'config',
    level: 'MUST',
    ref: ZOS_NAMESPACES,
    since: '1.2.1',
    summary: 'A zos.namespaces path is an absolute path in the runtime mount namespace.',
    check(value) {
      let out: Finding[] | undefined;
      for (const { index, e } of entries(value)) {
        if (typeof e.path !== 'string' || isAbsolutePosix(e.path)) continue;
        (out ??= []).push({ pointer: ptr('zos', 'namespaces', index, 'path'), message: `zos.namespaces[${index}].path ${q(e.path)} is not an absolute path` });
      }
      return out ?? NONE;
    },
  },
];
