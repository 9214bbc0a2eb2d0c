// mounts (config.md "Mounts", "POSIX-platform Mounts", "Linux mount options").
import { arr, has, isObj, type Finding, type Rule } from './rule.js';
import { configPlatform, eachItem, hasNamespace, isAbsolutePosix, isAbsoluteWindows, isLinux, isPosix, NONE, ptr, q } from './helpers.js';

const MOUNTS = { file: 'config.md', anchor: 'configMounts' };
const POSIX_MOUNTS = { file: 'config.md', anchor: 'configPOSIXMounts' };

const IDMAP_OPTIONS: ReadonlySet<string> = new Set(['idmap', 'ridmap']);

function hasOption(m: Record<string, unknown>, names: ReadonlySet<string>): boolean {
  const opts = m.options;
  if (!Array.isArray(opts)) return false;
  for (const o of opts) if (typeof o === 'string' && names.has(o)) return true;
  return false;
}

function nonEmptyArray(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

/** Relative (non-absolute) destinations, judged by the platform's notion of absolute. */
function relativeDestinations(value: unknown, only: (platform: string) => boolean, say: string): Finding[] {
  const list = arr(value, 'mounts');
  if (!list) return NONE;
  const platform = configPlatform(value);
  if (!only(platform)) return NONE;
  const abs = platform === 'windows' ? isAbsoluteWindows : isAbsolutePosix;
  return eachItem(list, (m, i) => {
    const d = isObj(m) ? m.destination : undefined;
    if (typeof d !== 'string' || abs(d)) return undefined;
    return { pointer: ptr('mounts', i, 'destination'), message: `mounts[${i}].destination ${q(d)} ${say}` };
  });
}

/** Windows paths compared case-insensitively, with one kind of separator and no trailing one. */
function windowsKey(p: string): string {
  return p.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
}

export const rules: Rule[] = [
  {
    id: 'config.mounts.destination-absolute',
    kind: 'config',
    level: 'MUST',
    ref: MOUNTS,
    until: '1.2.0',
    summary: 'Before 1.2.0, every mount destination is an absolute path, on every platform.',
    check(value) {
      return relativeDestinations(value, () => true, 'is not an absolute path');
    },
  },
  {
    id: 'config.mounts.destination-relative-deprecated',
    kind: 'config',
    level: 'DEPRECATED',
    ref: MOUNTS,
    since: '1.2.0',
    summary: 'From 1.2.0, a relative Linux mount destination is accepted (relative to "/") but deprecated; it SHOULD be absolute.',
    check(value) {
      return relativeDestinations(value, (p) => p === 'linux', 'is relative; relative destinations are deprecated (read as relative to "/"), use an absolute path');
    },
  },
  {
    id: 'config.mounts.destination-absolute-non-linux',
    kind: 'config',
    level: 'MUST',
    ref: MOUNTS,
    since: '1.2.0',
    summary: 'From 1.2.0, mount destinations on platforms other than Linux are still absolute paths.',
    check(value) {
      return relativeDestinations(value, (p) => p !== 'linux', 'is not an absolute path');
    },
  },
  {
    id: 'config.mounts.windows-not-nested',
    kind: 'config',
    level: 'MUST NOT',
    ref: MOUNTS,
    summary: 'On Windows, no mount destination is nested within another.',
    check(value) {
      const list = arr(value, 'mounts');
      if (!list || list.length < 2 || configPlatform(value) !== 'windows') return NONE;
      const dests: { index: number; key: string }[] = [];
      for (let i = 0; i < list.length; i++) {
        const m = list[i];
        if (isObj(m) && typeof m.destination === 'string' && m.destination !== '') dests.push({ index: i, key: windowsKey(m.destination) });
      }
      let out: Finding[] | undefined;
      for (const inner of dests) {
        for (const outer of dests) {
          if (inner === outer || !inner.key.startsWith(outer.key + '\\')) continue;
          (out ??= []).push({ pointer: ptr('mounts', inner.index, 'destination'), message: `mounts[${inner.index}].destination is nested within mounts[${outer.index}].destination; Windows mounts must not nest` });
          break;
        }
      }
      return out ?? NONE;
    },
  },
  {
    id: 'config.mounts.id-mappings-paired',
    kind: 'config',
    level: 'MUST',
    ref: POSIX_MOUNTS,
    since: '1.2.0',
    summary: 'A mount with uidMappings also has gidMappings, and the other way round.',
    check(value) {
      if (!isPosix(value)) return NONE;
      return eachItem(arr(value, 'mounts'), (m, index) => {
        if (!isObj(m)) return undefined;
        const u = has(m, 'uidMappings');
        if (u === has(m, 'gidMappings')) return undefined;
        const [set, missing] = u ? ['uidMappings', 'gidMappings'] : ['gidMappings', 'uidMappings'];
        return { pointer: ptr('mounts', index, missing), message: `mounts[${index}] has ${set} but no ${missing}; the two must be given together` };
      });
    },
  },
  {
    id: 'config.mounts.id-mappings-idmap-option',
    kind: 'config',
    level: 'SHOULD',
    ref: POSIX_MOUNTS,
    since: '1.2.0',
    summary: 'A mount with uidMappings/gidMappings lists the idmap or ridmap option, so older runtimes fail instead of ignoring the mapping.',
    check(value) {
      if (!isPosix(value)) return NONE;
      return eachItem(arr(value, 'mounts'), (m, index) =>
        !isObj(m) || !(has(m, 'uidMappings') || has(m, 'gidMappings')) || hasOption(m, IDMAP_OPTIONS)
          ? undefined
          : { pointer: ptr('mounts', index, 'options'), message: `mounts[${index}] has ID mappings but its options list neither "idmap" nor "ridmap"` },
      );
    },
  },
  {
    id: 'config.mounts.idmap-needs-mapping',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config.md', anchor: 'configLinuxMountOptions' },
    since: '1.2.0',
    summary: 'A mount with the idmap or ridmap option has uidMappings/gidMappings, or the container has a user namespace to take the mapping from.',
    check(value) {
      const list = arr(value, 'mounts');
      if (!list) return NONE;
      let out: Finding[] | undefined;
      for (let index = 0; index < list.length; index++) {
        const m = list[index];
        if (!isObj(m) || !hasOption(m, IDMAP_OPTIONS) || nonEmptyArray(m.uidMappings) || nonEmptyArray(m.gidMappings)) continue;
        if (!isLinux(value) || hasNamespace(value, 'user')) return NONE;
        (out ??= []).push({ pointer: ptr('mounts', index, 'options'), message: `mounts[${index}] asks for an idmapped mount but has no uidMappings/gidMappings and the container has no user namespace` });
      }
      return out ?? NONE;
    },
  },
];
