// linux.devices (config-linux.md "Devices") and the cgroup device allow-list (linux.resources.devices).
import { arr, has, isObj, obj, type Finding, type Rule } from './rule.js';
import { NONE, eachItem, isAbsolutePosix, isLinux, ptr, q } from './helpers.js';

const DEVICES = { file: 'config-linux.md', anchor: 'configLinuxDevices' };
// The allow-list's own anchor was renamed in 1.1.0 (Whitelist → Allowedlist); the section above it is stable.
const CGROUPS = { file: 'config-linux.md', anchor: 'configLinuxControlGroups' };
const ACCESS = /^[rwm]*$/;

function deviceList(value: unknown): unknown[] | undefined {
  const list = arr(obj(value, 'linux'), 'devices');
  return list && isLinux(value) ? list : undefined;
}

function numbered(type: unknown): boolean {
  return type === 'c' || type === 'b' || type === 'u';
}

function identity(d: Record<string, unknown>): string {
  return `${String(d.type)} ${String(d.major)}:${String(d.minor)}`;
}

function cgroupRuleList(value: unknown): unknown[] | undefined {
  const list = arr(obj(obj(value, 'linux'), 'resources'), 'devices');
  return list && isLinux(value) ? list : undefined;
}

/**
 * Findings for the device allow-list entries whose string member `key` fails `valid`; entries
 * without such a string are left to the schema. Allocation-free when every entry is valid.
 */
function cgroupRuleFindings(value: unknown, key: string, valid: (v: string) => boolean, message: (index: number, v: string) => string): Finding[] {
  return eachItem(cgroupRuleList(value), (r, index) => {
    const v = isObj(r) ? r[key] : undefined;
    return typeof v !== 'string' || valid(v) ? undefined : { pointer: ptr('linux', 'resources', 'devices', index, key), message: message(index, v) };
  });
}

export const rules: Rule[] = [
  {
    id: 'config.devices.major-minor-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: DEVICES,
    summary: 'A device of type c, b or u has major and minor numbers (only type p goes without).',
    check(value) {
      return eachItem(deviceList(value), (d, index) => {
        if (!isObj(d) || !numbered(d.type)) return undefined;
        const missing = (['major', 'minor'] as const).filter((k) => !has(d, k));
        if (!missing.length) return undefined;
        return missing.map((k) => ({ pointer: ptr('linux', 'devices', index, k), message: `linux.devices[${index}] of type ${q(d.type)} has no ${k} number; it is required unless the type is "p"` }));
      });
    },
  },
  {
    id: 'config.devices.path-absolute',
    kind: 'config',
    level: 'SHOULD',
    ref: DEVICES,
    summary: 'A device path is the full (absolute) path of the node inside the container.',
    check(value) {
      return eachItem(deviceList(value), (d, index) =>
        !isObj(d) || typeof d.path !== 'string' || isAbsolutePosix(d.path)
          ? undefined
          : { pointer: ptr('linux', 'devices', index, 'path'), message: `linux.devices[${index}].path ${q(d.path)} is not a full (absolute) path inside the container` },
      );
    },
  },
  {
    id: 'config.devices.path-conflict',
    kind: 'config',
    level: 'MUST',
    ref: DEVICES,
    summary: 'Two devices at the same path describe the same node; otherwise the second finds a non-matching file and the runtime must fail.',
    check(value) {
      const list = deviceList(value);
      if (!list || list.length < 2) return NONE;
      const seen = new Map<string, { index: number; id: string }>();
      let out: Finding[] | undefined;
      for (let index = 0; index < list.length; index++) {
        const d = list[index];
        if (!isObj(d) || typeof d.path !== 'string') continue;
        const id = identity(d);
        const first = seen.get(d.path);
        if (!first) seen.set(d.path, { index, id });
        else if (first.id !== id) {
          (out ??= []).push({ pointer: ptr('linux', 'devices', index, 'path'), message: `linux.devices[${index}] (${id}) uses path ${q(d.path)} already taken by linux.devices[${first.index}] (${first.id})` });
        }
      }
      return out ?? NONE;
    },
  },
  {
    id: 'config.devices.type-major-minor-unique',
    kind: 'config',
    level: 'SHOULD NOT',
    ref: DEVICES,
    summary: 'The same type, major and minor are not used for more than one device.',
    check(value) {
      const list = deviceList(value);
      if (!list || list.length < 2) return NONE;
      const seen = new Map<string, number>();
      let out: Finding[] | undefined;
      for (let index = 0; index < list.length; index++) {
        const d = list[index];
        if (!isObj(d) || !numbered(d.type) || typeof d.major !== 'number' || typeof d.minor !== 'number') continue;
        const id = identity(d);
        const first = seen.get(id);
        if (first === undefined) seen.set(id, index);
        else (out ??= []).push({ pointer: ptr('linux', 'devices', index), message: `linux.devices[${index}] repeats device ${id} of linux.devices[${first}]` });
      }
      return out ?? NONE;
    },
  },
  {
    id: 'config.resources.device-rule-type',
    kind: 'config',
    level: 'MUST',
    ref: CGROUPS,
    summary: 'A device allow-list entry\'s type is "a", "c" or "b"; runtimes must reject invalid values.',
    check(value) {
      return cgroupRuleFindings(value, 'type', (t) => t === 'a' || t === 'c' || t === 'b', (i, t) => `linux.resources.devices[${i}].type ${q(t)} is not "a", "c" or "b"`);
    },
  },
  {
    id: 'config.resources.device-rule-access',
    kind: 'config',
    level: 'MUST',
    ref: CGROUPS,
    summary: 'A device allow-list entry\'s access is made of the letters r, w and m; runtimes must reject invalid values.',
    check(value) {
      return cgroupRuleFindings(value, 'access', (a) => ACCESS.test(a), (i, a) => `linux.resources.devices[${i}].access ${q(a)} may only combine "r", "w" and "m"`);
    },
  },
];
