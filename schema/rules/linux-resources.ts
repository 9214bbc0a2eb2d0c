// linux.resources (config-linux.md "Control groups" and its controller sections).
import { arr, has, isObj, obj, type Rule } from './rule.js';
import { NONE, eachItem, eachKey, exactInt, greater, isLinux, ptr, q } from './helpers.js';

function resources(value: unknown): Record<string, unknown> | undefined {
  const r = obj(obj(value, 'linux'), 'resources');
  return r && isLinux(value) ? r : undefined;
}

export const rules: Rule[] = [
  {
    id: 'config.resources.weight-device-weight',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-linux.md', anchor: 'configLinuxBlockIO' },
    summary: 'Each blockIO.weightDevice entry sets weight, leafWeight or both.',
    check(value) {
      return eachItem(arr(obj(resources(value), 'blockIO'), 'weightDevice'), (e, i) =>
        !isObj(e) || has(e, 'weight') || has(e, 'leafWeight')
          ? undefined
          : { pointer: ptr('linux', 'resources', 'blockIO', 'weightDevice', i), message: `linux.resources.blockIO.weightDevice[${i}] sets neither weight nor leafWeight; at least one is required` },
      );
    },
  },
  {
    id: 'config.resources.rdma-limit',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-linux.md', anchor: 'configLinuxRDMA' },
    since: '1.0.2',
    summary: 'Each resources.rdma entry sets hcaHandles, hcaObjects or both.',
    check(value) {
      return eachKey(obj(resources(value), 'rdma'), (dev, e) =>
        !isObj(e) || has(e, 'hcaHandles') || has(e, 'hcaObjects')
          ? undefined
          : { pointer: ptr('linux', 'resources', 'rdma', dev), message: `linux.resources.rdma ${q(dev)} sets neither hcaHandles nor hcaObjects; at least one is required` },
      );
    },
  },
  {
    id: 'config.resources.cpu-burst-quota',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-linux.md', anchor: 'configLinuxCPU' },
    since: '1.1.0',
    summary: 'cpu.burst is no larger than a positive cpu.quota (runtimes MAY reject the config otherwise).',
    check(value, ctx) {
      const cpu = obj(resources(value), 'cpu');
      if (!cpu) return NONE;
      const quota = exactInt(ctx, cpu.quota, () => '/linux/resources/cpu/quota');
      const burst = exactInt(ctx, cpu.burst, () => '/linux/resources/cpu/burst');
      if (quota === undefined || burst === undefined || !greater(quota, 0) || !greater(burst, quota)) return NONE;
      return [{ pointer: '/linux/resources/cpu/burst', message: `linux.resources.cpu.burst ${q(cpu.burst)} is larger than quota ${q(cpu.quota)}; it must not exceed a positive quota` }];
    },
  },
  {
    id: 'config.resources.memory-kernel-not-recommended',
    kind: 'config',
    level: 'NOT RECOMMENDED',
    ref: { file: 'config-linux.md', anchor: 'configLinuxMemory' },
    since: '1.1.0',
    summary: 'memory.kernel and memory.kernelTCP (kernel memory limits) are not recommended.',
    check(value) {
      const mem = obj(resources(value), 'memory');
      if (!mem) return NONE;
      return eachItem(['kernel', 'kernelTCP'] as const, (k) =>
        !has(mem, k) ? undefined : { pointer: ptr('linux', 'resources', 'memory', k), message: `linux.resources.memory.${k} is not recommended; kernel memory limits are deprecated in the kernel` },
      );
    },
  },
];
