// Linux namespaces (config-linux.md "Namespaces"), and settings that only work inside a namespace
// the config creates or joins: hostname, domainname, ID mappings, time offsets, sysctls, netDevices.
import { arr, has, isObj, obj, type Finding, type Rule } from './rule.js';
import { sysctlNamespace } from './data/sysctls.js';
import { NONE, duplicates, eachItem, eachKey, hasNamespace, isAbsolutePosix, isLinux, ptr, q } from './helpers.js';

const NAMESPACES = { file: 'config-linux.md', anchor: 'configLinuxNamespaces' };

/** One finding when `present` holds on a Linux config that has no `type` namespace. */
function needsNamespace(value: unknown, present: boolean, type: string, pointer: string, message: string): Finding[] {
  if (!present || !isLinux(value) || hasNamespace(value, type)) return NONE;
  return [{ pointer, message }];
}

export const rules: Rule[] = [
  {
    id: 'config.namespaces.unique-types',
    kind: 'config',
    level: 'MUST',
    ref: NAMESPACES,
    summary: 'linux.namespaces has at most one entry per type; runtimes must reject duplicates.',
    check(value) {
      const dups = duplicates(arr(obj(value, 'linux'), 'namespaces'), 'type');
      if (!dups) return NONE;
      return dups.map(([i, first, type]) => ({ pointer: ptr('linux', 'namespaces', i, 'type'), message: `linux.namespaces type ${q(type)} is repeated (first at index ${first})` }));
    },
  },
  {
    id: 'config.namespaces.path-absolute',
    kind: 'config',
    level: 'MUST',
    ref: NAMESPACES,
    since: '1.0.1',
    summary: 'A namespace path is an absolute path in the runtime mount namespace.',
    check(value) {
      return eachItem(arr(obj(value, 'linux'), 'namespaces'), (e, i) => {
        const path = isObj(e) ? e.path : undefined;
        if (typeof path !== 'string' || isAbsolutePosix(path)) return undefined;
        return { pointer: ptr('linux', 'namespaces', i, 'path'), message: `linux.namespaces[${i}].path ${q(path)} is not an absolute path` };
      });
    },
  },
  {
    id: 'config.namespaces.hostname-needs-uts',
    kind: 'config',
    level: 'SHOULD',
    ref: { file: 'config.md', anchor: 'configHostname' },
    summary: 'hostname comes with a uts namespace; without one it would change the runtime\'s (host\'s) hostname.',
    check(value) {
      return needsNamespace(value, isObj(value) && typeof value.hostname === 'string', 'uts', '/hostname',
        'hostname is set but linux.namespaces has no uts namespace; it would change the hostname of the runtime\'s UTS namespace');
    },
  },
  {
    id: 'config.namespaces.domainname-needs-uts',
    kind: 'config',
    level: 'SHOULD',
    ref: { file: 'config.md', anchor: 'configDomainname' },
    since: '1.1.0',
    summary: 'domainname comes with a uts namespace; without one it would change the runtime\'s (host\'s) domain name.',
    check(value) {
      return needsNamespace(value, isObj(value) && typeof value.domainname === 'string', 'uts', '/domainname',
        'domainname is set but linux.namespaces has no uts namespace; it would change the domain name of the runtime\'s UTS namespace');
    },
  },
  {
    id: 'config.namespaces.id-mappings-need-user',
    kind: 'config',
    level: 'SHOULD',
    ref: { file: 'config-linux.md', anchor: 'configLinuxUserNamespaceMappings' },
    summary: 'linux.uidMappings/gidMappings come with a user namespace; they describe its mappings and mean nothing without it.',
    check(value) {
      const linux = obj(value, 'linux');
      if (!linux) return NONE;
      const which = has(linux, 'uidMappings') ? 'uidMappings' : has(linux, 'gidMappings') ? 'gidMappings' : undefined;
      if (!which) return NONE;
      return needsNamespace(value, true, 'user', ptr('linux', which),
        `linux.${which} is set but linux.namespaces has no user namespace; the mappings cannot be applied`);
    },
  },
  {
    id: 'config.namespaces.time-offsets-need-time',
    kind: 'config',
    level: 'SHOULD',
    ref: { file: 'config-linux.md', anchor: 'configLinuxTimeOffset' },
    since: '1.1.0',
    summary: 'linux.timeOffsets comes with a time namespace; the offsets belong to it.',
    check(value) {
      return needsNamespace(value, has(obj(value, 'linux'), 'timeOffsets'), 'time', '/linux/timeOffsets',
        'linux.timeOffsets is set but linux.namespaces has no time namespace; the offsets cannot be applied');
    },
  },
  {
    id: 'config.namespaces.sysctl-needs-namespace',
    kind: 'config',
    level: 'SHOULD',
    ref: { file: 'config-linux.md', anchor: 'configLinuxSysctl' },
    summary: 'Namespaced sysctls (net.*, IPC keys, kernel.hostname/domainname) come with the matching namespace; otherwise they change the runtime\'s (host\'s) values.',
    check(value) {
      const sysctl = obj(obj(value, 'linux'), 'sysctl');
      if (!sysctl || !isLinux(value)) return NONE;
      return eachKey(sysctl, (key) => {
        const ns = sysctlNamespace(key);
        if (!ns || hasNamespace(value, ns)) return undefined;
        return { pointer: ptr('linux', 'sysctl', key), message: `linux.sysctl ${q(key)} needs a ${ns} namespace, but linux.namespaces has none; it would change the runtime's value` };
      });
    },
  },
  {
    id: 'config.namespaces.net-devices-need-network',
    kind: 'config',
    level: 'SHOULD',
    ref: { file: 'config-linux.md', anchor: 'configLinuxNetworkDevices' },
    since: '1.3.0',
    summary: 'linux.netDevices comes with a network namespace to move the devices into.',
    check(value) {
      const nd = obj(obj(value, 'linux'), 'netDevices');
      return needsNamespace(value, nd !== undefined && Object.keys(nd).length > 0, 'network', '/linux/netDevices',
        'linux.netDevices is set but linux.namespaces has no network namespace to move the devices into');
    },
  },
];
