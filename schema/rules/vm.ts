// The vm object (config-vm.md), from 1.0.2.
import { obj, type Finding, type Rule } from './rule.js';
import { NONE, eachItem, isAbsolutePosix, ptr, q } from './helpers.js';

/** Findings for the named path members of vm.<section> that are strings but not absolute. */
function relativePaths(value: unknown, section: string, keys: readonly string[]): Finding[] {
  const o = obj(obj(value, 'vm'), section);
  if (!o) return NONE;
  return eachItem(keys, (k) => {
    const p = o[k];
    if (typeof p !== 'string' || isAbsolutePosix(p)) return undefined;
    return { pointer: ptr('vm', section, k), message: `vm.${section}.${k} ${q(p)} is not an absolute path in the runtime mount namespace` };
  });
}

export const rules: Rule[] = [
  {
    id: 'config.vm.hypervisor-path-absolute',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-vm.md', anchor: 'HypervisorObject' },
    since: '1.0.2',
    summary: 'vm.hypervisor.path is an absolute path in the runtime mount namespace.',
    check(value) {
      return relativePaths(value, 'hypervisor', ['path']);
    },
  },
  {
    id: 'config.vm.kernel-paths-absolute',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-vm.md', anchor: 'KernelObject' },
    since: '1.0.2',
    summary: 'vm.kernel.path and vm.kernel.initrd are absolute paths in the runtime mount namespace.',
    check(value) {
      return relativePaths(value, 'kernel', ['path', 'initrd']);
    },
  },
  {
    id: 'config.vm.image-path-absolute',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config-vm.md', anchor: 'ImageObject' },
    since: '1.0.2',
    summary: 'vm.image.path is an absolute path in the runtime mount namespace.',
    check(value) {
      return relativePaths(value, 'image', ['path']);
    },
  },
];
