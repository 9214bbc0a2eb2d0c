// Config fields whose effect a runtime must apply (config.md, config-linux.md). Each entry is
// the field's own definition; what makes applying it binding is runtime.md: create MUST build
// the environment as config.json describes, and start MUST run the program as `process` says.
import type { Requirement } from './types.js';

const config = { source: 'runtime-spec', file: 'config.md' } as const;
const linux = { source: 'runtime-spec', file: 'config-linux.md' } as const;
const BINDING = 'The field has no keyword of its own; runtime.md makes applying it a MUST (create builds the environment as config.json describes; start runs the program as process specifies).';

export const CONFIG_FIELD_REQUIREMENTS: readonly Requirement[] = [
  { ...config, anchor: 'configProcess', id: 'config.process.args', level: 'MUST', summary: 'The container process runs with process.args as its argv.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configProcess', id: 'config.process.cwd', level: 'MUST', summary: 'The container process starts in process.cwd.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configProcess', id: 'config.process.env', level: 'MUST', summary: 'The container process gets every process.env entry in its environment.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configUser', id: 'config.process.user', level: 'MUST', summary: 'The container process runs with user.uid, user.gid and user.additionalGids.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configUser', id: 'config.process.umask', level: 'MUST', since: '1.0.2', summary: 'The container process starts with user.umask.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configPOSIXProcess', id: 'config.process.rlimits', level: 'MUST', summary: 'Every process.rlimits entry is set as the soft and hard limit of its type.', testability: 'in-container', note: 'config.md: the runtime MUST set the limits with setrlimit(2) semantics.' },
  { ...config, anchor: 'configLinuxProcess', id: 'config.process.capabilities', level: 'MUST', summary: 'Each capability set of the process is exactly the configured list.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configLinuxProcess', id: 'config.process.no-new-privileges', level: 'MUST', summary: 'noNewPrivileges true sets the no_new_privs bit of the process.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configLinuxProcess', id: 'config.process.oom-score-adj', level: 'MUST', summary: 'When oomScoreAdj is set, the process has that oom_score_adj.', testability: 'in-container' },
  { ...config, anchor: 'configHostname', id: 'config.hostname', level: 'MUST', summary: 'The container sees hostname as its host name.', testability: 'in-container', note: BINDING },
  { ...config, anchor: 'configRoot', id: 'config.root.readonly', level: 'MUST', summary: 'With root.readonly true the root filesystem is read-only inside the container.', testability: 'in-container', note: BINDING },
  { ...linux, anchor: 'configLinuxMaskedPaths', id: 'config-linux.masked-paths', level: 'MUST', summary: 'Each maskedPaths entry cannot be read inside the container.', testability: 'in-container', note: BINDING },
  { ...linux, anchor: 'configLinuxReadonlyPaths', id: 'config-linux.readonly-paths', level: 'MUST', summary: 'Each readonlyPaths entry is read-only inside the container.', testability: 'in-container', note: BINDING },
  { ...linux, anchor: 'configLinuxNamespaces', id: 'config-linux.namespaces', level: 'MUST', summary: 'A namespace type listed without a path is new for the container; a type not listed is inherited from the runtime.', testability: 'in-container', note: 'config-linux.md: "If a namespace type is not specified in the namespaces array, the container MUST inherit the runtime namespace of that type."' },
];
