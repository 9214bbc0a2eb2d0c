// Smaller linux.* sections: masked and read-only paths, personality, memory policy, Intel RDT, netDevices.
import { arr, has, isObj, obj, str, type Finding, type Rule } from './rule.js';
import { NONE, eachItem, isAbsolutePosix, ptr, q } from './helpers.js';

const INTEL_RDT = { file: 'config-linux.md', anchor: 'configLinuxIntelRdt' };
const MEMORY_POLICY = { file: 'config-linux.md', anchor: 'configLinuxMemoryPolicy' };

function relativeEntries(value: unknown, key: 'maskedPaths' | 'readonlyPaths'): Finding[] {
  return eachItem(arr(obj(value, 'linux'), key), (p, i) =>
    typeof p !== 'string' || isAbsolutePosix(p) ? undefined : { pointer: ptr('linux', key, i), message: `linux.${key}[${i}] ${q(p)} is not an absolute path` },
  );
}

// set_mempolicy(2): these modes take no node mask ...
const MODES_WITHOUT_NODES: ReadonlySet<string> = new Set(['MPOL_DEFAULT', 'MPOL_LOCAL']);
// ... and these need at least one node.
const MODES_WITH_NODES: ReadonlySet<string> = new Set(['MPOL_BIND', 'MPOL_INTERLEAVE', 'MPOL_WEIGHTED_INTERLEAVE', 'MPOL_PREFERRED_MANY']);

export const rules: Rule[] = [
  {
    id: 'config.linux.masked-paths-absolute',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-linux.md', anchor: 'configLinuxMaskedPaths' },
    summary: 'linux.maskedPaths entries are absolute paths in the container namespace.',
    check(value) {
      return relativeEntries(value, 'maskedPaths');
    },
  },
  {
    id: 'config.linux.readonly-paths-absolute',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-linux.md', anchor: 'configLinuxReadonlyPaths' },
    summary: 'linux.readonlyPaths entries are absolute paths in the container namespace.',
    check(value) {
      return relativeEntries(value, 'readonlyPaths');
    },
  },
  {
    id: 'config.linux.personality-domain-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: { file: 'config-linux.md', anchor: 'configLinuxPersonality' },
    since: '1.0.2',
    summary: 'linux.personality has a domain.',
    check(value) {
      const p = obj(obj(value, 'linux'), 'personality');
      if (!p || has(p, 'domain')) return NONE;
      return [{ pointer: '/linux/personality/domain', message: 'linux.personality.domain is missing; it is required with personality' }];
    },
  },
  {
    id: 'config.linux.personality-flags-unsupported',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-linux.md', anchor: 'configLinuxPersonality' },
    since: '1.0.2',
    summary: 'linux.personality.flags is empty: the spec supports no flag values, and runtimes must reject unsupported values.',
    check(value) {
      const flags = arr(obj(obj(value, 'linux'), 'personality'), 'flags');
      if (!flags || flags.length === 0) return NONE;
      return [{ pointer: '/linux/personality/flags/0', message: `linux.personality.flags lists ${q(flags[0])}, but no personality flags are supported` }];
    },
  },
  {
    id: 'config.linux.memory-policy-mode-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: MEMORY_POLICY,
    since: '1.3.0',
    summary: 'linux.memoryPolicy has a mode.',
    check(value) {
      const mp = obj(obj(value, 'linux'), 'memoryPolicy');
      if (!mp || has(mp, 'mode')) return NONE;
      return [{ pointer: '/linux/memoryPolicy/mode', message: 'linux.memoryPolicy.mode is missing; it is required with memoryPolicy' }];
    },
  },
  {
    id: 'config.linux.memory-policy-nodes',
    kind: 'config',
    level: 'SHOULD',
    ref: MEMORY_POLICY,
    since: '1.3.0',
    summary: 'linux.memoryPolicy.nodes fits the mode: none for MPOL_DEFAULT/MPOL_LOCAL, at least one for MPOL_BIND/MPOL_INTERLEAVE and the like.',
    check(value) {
      const mp = obj(obj(value, 'linux'), 'memoryPolicy');
      const mode = str(mp, 'mode');
      if (!mp || mode === undefined) return NONE;
      const nodes = mp.nodes;
      if (nodes !== undefined && typeof nodes !== 'string') return NONE;
      const empty = nodes === undefined || nodes.trim() === '';
      if (MODES_WITHOUT_NODES.has(mode) && !empty) {
        return [{ pointer: '/linux/memoryPolicy/nodes', message: `linux.memoryPolicy.nodes ${q(nodes)} is set but mode ${mode} takes no nodes; set_mempolicy(2) rejects it` }];
      }
      if (MODES_WITH_NODES.has(mode) && empty) {
        return [{ pointer: '/linux/memoryPolicy/nodes', message: `linux.memoryPolicy mode ${mode} needs at least one node in nodes; set_mempolicy(2) rejects an empty node set` }];
      }
      return NONE;
    },
  },
  {
    id: 'config.linux.l3-cache-schema-format',
    kind: 'config',
    level: 'SHOULD',
    ref: INTEL_RDT,
    since: '1.0.2',
    summary: 'intelRdt.l3CacheSchema starts with "L3:" and has no newlines.',
    check(value) {
      const s = str(obj(obj(value, 'linux'), 'intelRdt'), 'l3CacheSchema');
      if (s === undefined || (s.startsWith('L3:') && !/[\r\n]/.test(s))) return NONE;
      return [{ pointer: '/linux/intelRdt/l3CacheSchema', message: `linux.intelRdt.l3CacheSchema ${q(s)} should start with "L3:" and contain no newline` }];
    },
  },
  {
    id: 'config.linux.schemata-single-line',
    kind: 'config',
    level: 'MUST NOT',
    ref: INTEL_RDT,
    since: '1.3.0',
    summary: 'Each intelRdt.schemata entry is one line: it contains no newline.',
    check(value) {
      return eachItem(arr(obj(obj(value, 'linux'), 'intelRdt'), 'schemata'), (line, i) =>
        typeof line !== 'string' || !/[\r\n]/.test(line)
          ? undefined
          : { pointer: ptr('linux', 'intelRdt', 'schemata', i), message: `linux.intelRdt.schemata[${i}] contains a newline; each entry is one line of the schemata file` },
      );
    },
  },
  {
    id: 'config.linux.net-device-names-unique',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-linux.md', anchor: 'configLinuxNetworkDevices' },
    since: '1.3.0',
    summary: 'linux.netDevices entries end up with distinct names in the container (unless a "%d" template is used); a clash must make the runtime fail.',
    check(value) {
      const nd = obj(obj(value, 'linux'), 'netDevices');
      if (!nd) return NONE;
      const taken = new Map<string, string>([['lo', 'the loopback device']]);
      let out: Finding[] | undefined;
      for (const host in nd) {
        const e = nd[host];
        if (!isObj(e)) continue;
        const name = typeof e.name === 'string' && e.name !== '' ? e.name : host;
        if (name.includes('%d')) continue;
        const other = taken.get(name);
        if (other === undefined) taken.set(name, `linux.netDevices ${q(host)}`);
        else (out ??= []).push({ pointer: ptr('linux', 'netDevices', host), message: `linux.netDevices ${q(host)} would be named ${q(name)} in the container, a name ${other} already has` });
      }
      return out ?? NONE;
    },
  },
];
