// linux.seccomp (config-linux.md "Seccomp").
import { arr, has, isObj, obj, type Rule } from './rule.js';
import { NONE, eachItem, isLinux, ptr, q } from './helpers.js';

const SECCOMP = { file: 'config-linux.md', anchor: 'configLinuxSeccomp' };

/** The actions that carry an errno value to return (libseccomp's SCMP_ACT_ERRNO(x) and SCMP_ACT_TRACE(x)). */
function takesErrno(action: unknown): boolean {
  return action === 'SCMP_ACT_ERRNO' || action === 'SCMP_ACT_TRACE';
}

function seccomp(value: unknown): Record<string, unknown> | undefined {
  const s = obj(obj(value, 'linux'), 'seccomp');
  return s && isLinux(value) ? s : undefined;
}

export const rules: Rule[] = [
  {
    id: 'config.seccomp.listener-metadata-needs-path',
    kind: 'config',
    level: 'MUST NOT',
    ref: SECCOMP,
    since: '1.1.0',
    summary: 'seccomp.listenerMetadata is not set unless listenerPath is set.',
    check(value) {
      const s = seccomp(value);
      if (!s || !has(s, 'listenerMetadata') || has(s, 'listenerPath')) return NONE;
      return [{ pointer: '/linux/seccomp/listenerMetadata', message: 'linux.seccomp.listenerMetadata is set without listenerPath' }];
    },
  },
  {
    id: 'config.seccomp.errno-ret-action',
    kind: 'config',
    level: 'MUST',
    ref: SECCOMP,
    since: '1.1.0',
    summary: 'syscalls[].errnoRet is only given with an action that returns an errno (SCMP_ACT_ERRNO, SCMP_ACT_TRACE); runtimes must fail otherwise.',
    check(value) {
      return eachItem(arr(seccomp(value), 'syscalls'), (sc, i) =>
        !isObj(sc) || !has(sc, 'errnoRet') || typeof sc.action !== 'string' || takesErrno(sc.action)
          ? undefined
          : { pointer: ptr('linux', 'seccomp', 'syscalls', i, 'errnoRet'), message: `linux.seccomp.syscalls[${i}].errnoRet is set but action ${q(sc.action)} returns no errno (use SCMP_ACT_ERRNO or SCMP_ACT_TRACE)` },
      );
    },
  },
  {
    id: 'config.seccomp.default-errno-ret-action',
    kind: 'config',
    level: 'MUST',
    ref: SECCOMP,
    since: '1.1.0',
    summary: 'seccomp.defaultErrnoRet is only given with a defaultAction that returns an errno; runtimes must fail otherwise.',
    check(value) {
      const s = seccomp(value);
      if (!s || !has(s, 'defaultErrnoRet') || typeof s.defaultAction !== 'string' || takesErrno(s.defaultAction)) return NONE;
      return [{ pointer: '/linux/seccomp/defaultErrnoRet', message: `linux.seccomp.defaultErrnoRet is set but defaultAction ${q(s.defaultAction)} returns no errno (use SCMP_ACT_ERRNO or SCMP_ACT_TRACE)` }];
    },
  },
  {
    id: 'config.seccomp.notify-needs-listener',
    kind: 'config',
    level: 'SHOULD',
    ref: SECCOMP,
    since: '1.1.0',
    summary: 'SCMP_ACT_NOTIFY comes with seccomp.listenerPath; without a listener nobody can answer the notifications.',
    check(value) {
      const s = seccomp(value);
      if (!s || has(s, 'listenerPath')) return NONE;
      if (s.defaultAction === 'SCMP_ACT_NOTIFY') {
        return [{ pointer: '/linux/seccomp/defaultAction', message: 'linux.seccomp.defaultAction is SCMP_ACT_NOTIFY but no listenerPath is set to receive the notifications' }];
      }
      const list = arr(s, 'syscalls');
      if (!list) return NONE;
      for (let i = 0; i < list.length; i++) {
        const sc = list[i];
        if (isObj(sc) && sc.action === 'SCMP_ACT_NOTIFY') {
          return [{ pointer: ptr('linux', 'seccomp', 'syscalls', i, 'action'), message: `linux.seccomp.syscalls[${i}].action is SCMP_ACT_NOTIFY but no listenerPath is set to receive the notifications` }];
        }
      }
      return NONE;
    },
  },
];
