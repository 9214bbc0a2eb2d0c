// zos.namespaces (config-zos.md "Namespaces"), from 1.2.1.
import { arr, isObj, obj, type Rule } from './rule.js';
import { NONE, duplicates, eachItem, isAbsolutePosix, ptr, q } from './helpers.js';

const ZOS_NAMESPACES = { file: 'config-zos.md', anchor: 'configZOSNamespaces' };

export const rules: Rule[] = [
  {
    id: 'config.zos.namespaces-unique',
    kind: 'config',
    level: 'MUST',
    ref: ZOS_NAMESPACES,
    since: '1.2.1',
    summary: 'zos.namespaces has at most one entry per type; runtimes must reject duplicates.',
    check(value) {
      const dups = duplicates(arr(obj(value, 'zos'), 'namespaces'), 'type');
      if (!dups) return NONE;
      return dups.map(([i, first, type]) => ({ pointer: ptr('zos', 'namespaces', i, 'type'), message: `zos.namespaces type ${q(type)} is repeated (first at index ${first})` }));
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
      return eachItem(arr(obj(value, 'zos'), 'namespaces'), (e, i) =>
        !isObj(e) || typeof e.path !== 'string' || isAbsolutePosix(e.path)
          ? undefined
          : { pointer: ptr('zos', 'namespaces', i, 'path'), message: `zos.namespaces[${i}].path ${q(e.path)} is not an absolute path` },
      );
    },
  },
];
