// POSIX-platform hooks (config.md "POSIX-platform Hooks").
import { SPEC_VERSIONS, compareVersions, type SpecVersion } from '../versions.js';
import { arr, has, isObj, obj, type Finding, type Rule } from './rule.js';
import { NONE, eachListItem, isAbsolutePosix, isPosix, ptr, q } from './helpers.js';

const HOOKS = { file: 'config.md', anchor: 'configHooks' };

/** Hook kinds and the release that defined them; a kind unknown at a version is an ignored property there. */
const HOOK_KINDS: readonly (readonly [string, SpecVersion])[] = [
  ['prestart', '1.0.0'],
  ['createRuntime', '1.0.2'],
  ['createContainer', '1.0.2'],
  ['startContainer', '1.0.2'],
  ['poststart', '1.0.0'],
  ['poststop', '1.0.0'],
];

/** The hook kinds defined at each version, computed once. */
const KINDS_AT = new Map<SpecVersion, readonly string[]>(
  SPEC_VERSIONS.map((v) => [v, HOOK_KINDS.filter(([, since]) => compareVersions(v, since) >= 0).map(([k]) => k)]),
);

/** Findings over the object entries of every hook list defined at `version`, kind by kind. */
function hookFindings(value: unknown, version: SpecVersion, finding: (kind: string, index: number, hook: Record<string, unknown>) => Finding | undefined): Finding[] {
  const hooks = obj(value, 'hooks');
  if (!hooks || !isPosix(value)) return NONE;
  return eachListItem(hooks, KINDS_AT.get(version) ?? [], (kind, h, i) => (isObj(h) ? finding(kind, i, h) : undefined));
}

export const rules: Rule[] = [
  {
    id: 'config.hooks.path-absolute',
    kind: 'config',
    level: 'MUST',
    ref: HOOKS,
    summary: 'Every hook path is absolute.',
    check(value, ctx) {
      return hookFindings(value, ctx.version, (kind, i, h) =>
        typeof h.path !== 'string' || isAbsolutePosix(h.path)
          ? undefined
          : { pointer: ptr('hooks', kind, i, 'path'), message: `hooks.${kind}[${i}].path ${q(h.path)} is not an absolute path` },
      );
    },
  },
  {
    id: 'config.hooks.timeout-positive',
    kind: 'config',
    level: 'MUST',
    ref: HOOKS,
    summary: 'A hook timeout, when set, is greater than zero.',
    check(value, ctx) {
      return hookFindings(value, ctx.version, (kind, i, h) =>
        typeof h.timeout !== 'number' || h.timeout > 0
          ? undefined
          : { pointer: ptr('hooks', kind, i, 'timeout'), message: `hooks.${kind}[${i}].timeout ${q(h.timeout)} is not greater than zero` },
      );
    },
  },
  {
    id: 'config.hooks.prestart-deprecated',
    kind: 'config',
    level: 'DEPRECATED',
    ref: { file: 'config.md', anchor: 'configHooksPrestart' },
    since: '1.0.2',
    summary: 'prestart hooks are deprecated in favour of createRuntime, createContainer and startContainer.',
    check(value) {
      const hooks = obj(value, 'hooks');
      if (!hooks || !has(hooks, 'prestart') || !isPosix(value)) return NONE;
      const list = arr(hooks, 'prestart');
      if (list && list.length === 0) return NONE;
      return [{ pointer: '/hooks/prestart', message: 'hooks.prestart is deprecated; use createRuntime, createContainer or startContainer hooks' }];
    },
  },
];
