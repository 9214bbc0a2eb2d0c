// Linux runtime behaviour: runtime-linux.md, plus the two Linux config rules whose meaning for
// a runtime changed between releases (capabilities in config.md, pids.limit in config-linux.md).
import type { Requirement } from './types.js';

const runtimeLinux = { source: 'runtime-spec', file: 'runtime-linux.md' } as const;
const linuxProcess = { source: 'runtime-spec', file: 'config.md', anchor: 'configLinuxProcess' } as const;

export const RUNTIME_LINUX_REQUIREMENTS: readonly Requirement[] = [
  {
    ...runtimeLinux,
    anchor: 'runtimeLinuxFileDescriptors',
    id: 'runtime-linux.fds.default-set',
    level: 'MAY',
    summary: 'By default the program gets only stdin, stdout and stderr open; the runtime may pass more (socket activation) and may point some of the three at /dev/null.',
    testability: 'in-container',
    note:
      'The sentence about stdin, stdout and stderr has no RFC 2119 keyword; the keywords of the section are the two MAYs. ' +
      'An extra open descriptor is therefore reported for information, not as a violation.',
  },
  {
    ...runtimeLinux,
    anchor: 'runtimeLinuxDevSymbolicLinks',
    id: 'runtime-linux.dev-symlinks',
    level: 'MUST',
    summary: 'During create the runtime makes /dev/fd, /dev/stdin, /dev/stdout and /dev/stderr point into /proc/self/fd, for each source that exists once mounts are done.',
    testability: 'in-container',
  },
  {
    ...linuxProcess,
    id: 'config.process.capabilities-unmappable-error',
    level: 'MUST',
    until: '1.1.0',
    summary: 'A capability name that maps to no kernel capability makes create fail.',
    testability: 'cli',
    note: 'Before 1.1.0 a capability the runtime cannot grant falls under runtime.create.unsupported-property: an error as well.',
  },
  {
    ...linuxProcess,
    id: 'config.process.capabilities-ungrantable-warn',
    level: 'MUST',
    since: '1.1.0',
    supersedes: 'config.process.capabilities-unmappable-error',
    summary: 'A capability that maps to no kernel capability, or cannot be granted, is logged as a warning.',
    testability: 'partial',
    note: 'How the warning is shown is unspecified; see config.process.capabilities-ungrantable-no-fail for what is observable.',
  },
  {
    ...linuxProcess,
    id: 'config.process.capabilities-ungrantable-no-fail',
    level: 'SHOULD NOT',
    since: '1.1.0',
    summary: 'Requesting capabilities that cannot be granted does not make the runtime fail; the container still runs.',
    testability: 'cli',
  },
  {
    source: 'runtime-spec',
    file: 'config-linux.md',
    anchor: 'configLinuxPIDS',
    id: 'config-linux.pids.limit-zero',
    level: 'SHOULD',
    since: '1.3.0',
    summary: 'linux.resources.pids.limit 0 is applied as a real limit of zero tasks (and -1 means no limit), not read as "unlimited".',
    testability: 'cli',
    note: 'Before 1.3.0 the spec gave 0 no meaning and runtimes commonly treated it as unlimited, so there is no earlier entry.',
  },
  {
    source: 'runtime-spec',
    file: 'config-linux.md',
    anchor: 'configLinuxPIDS',
    id: 'config-linux.pids.limit-unlimited',
    level: 'MUST',
    since: '1.3.0',
    summary: "linux.resources.pids.limit -1 means no limit: the container's cgroup gets pids.max \"max\".",
    testability: 'in-container',
    note: 'The field definition states it from 1.3.0 on; before, -1 had no stated meaning (runtimes read any negative value as no limit, and crun before 1.13 wrote it to pids.max as it was).',
  },
];
