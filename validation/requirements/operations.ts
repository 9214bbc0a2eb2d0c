// The five operations of runtime.md: state, create, start, kill, delete.
// Permissions (MAY validate config.json before create, MAY reuse an ID after delete) are not
// requirements and are left out.
import type { Requirement } from './types.js';

const spec = { source: 'runtime-spec', file: 'runtime.md' } as const;
const query = { ...spec, anchor: 'runtimeQueryState' } as const;
const create = { ...spec, anchor: 'runtimeCreate' } as const;
const start = { ...spec, anchor: 'runtimeStart' } as const;
const kill = { ...spec, anchor: 'runtimeKill' } as const;
const del = { ...spec, anchor: 'runtimeDelete' } as const;

export const OPERATIONS_REQUIREMENTS: readonly Requirement[] = [
  {
    ...spec,
    anchor: 'runtimeOperations',
    id: 'runtime.operations.supported',
    level: 'MUST',
    summary: 'The runtime supports the state, create, start, kill and delete operations.',
    testability: 'cli',
  },

  // Query state
  {
    ...query,
    id: 'runtime.query-state.missing-id',
    level: 'MUST',
    summary: 'state without a container ID produces an error.',
    testability: 'cli',
  },
  {
    ...query,
    id: 'runtime.query-state.unknown-id',
    level: 'MUST',
    summary: 'state for a container that does not exist produces an error.',
    testability: 'cli',
  },
  {
    ...query,
    id: 'runtime.query-state.returns-state',
    level: 'MUST',
    summary: 'state returns the container\'s state as the State section defines it.',
    testability: 'cli',
  },

  // Create
  {
    ...create,
    id: 'runtime.create.missing-args',
    level: 'MUST',
    summary: 'create without a bundle path or without a container ID produces an error.',
    testability: 'partial',
    note: 'The CLI defaults the bundle to the current directory, so only a missing ID can be provoked.',
  },
  {
    ...create,
    id: 'runtime.create.duplicate-id',
    level: 'MUST',
    summary: 'create with an ID already in use, or otherwise invalid, produces an error and creates no new container.',
    testability: 'cli',
  },
  {
    ...create,
    id: 'runtime.create.new-container',
    level: 'MUST',
    summary: 'create makes a new container.',
    testability: 'cli',
  },
  {
    ...create,
    id: 'runtime.create.apply-config',
    level: 'MUST',
    summary: 'Every property of config.json except process is applied by create.',
    testability: 'in-container',
  },
  {
    ...create,
    id: 'runtime.create.args-not-applied',
    level: 'MUST NOT',
    summary: 'process.args is not acted on until start.',
    testability: 'cli',
  },
  {
    ...create,
    id: 'runtime.create.unsupported-property',
    level: 'MUST',
    summary: 'A property the runtime cannot apply as configured makes create produce an error and create no container.',
    testability: 'cli',
  },

  // Start
  {
    ...start,
    id: 'runtime.start.missing-id',
    level: 'MUST',
    summary: 'start without a container ID produces an error.',
    testability: 'cli',
  },
  {
    ...start,
    id: 'runtime.start.not-created-no-effect',
    level: 'MUST',
    summary: 'start on a container that is not created leaves it unchanged.',
    testability: 'cli',
  },
  {
    ...start,
    id: 'runtime.start.not-created-error',
    level: 'MUST',
    summary: 'start on a container that is not created produces an error.',
    testability: 'cli',
  },
  {
    ...start,
    id: 'runtime.start.run-program',
    level: 'MUST',
    summary: 'start runs the user program as process specifies it.',
    testability: 'in-container',
  },
  {
    ...start,
    id: 'runtime.start.no-process-error',
    level: 'MUST',
    summary: 'start produces an error when the config has no process.',
    testability: 'cli',
    note: 'Some runtimes refuse such a config at create already; that is an earlier error, not a violation.',
  },

  // Kill
  {
    ...kill,
    id: 'runtime.kill.missing-id',
    level: 'MUST',
    summary: 'kill without a container ID produces an error.',
    testability: 'cli',
  },
  {
    ...kill,
    id: 'runtime.kill.not-running-no-effect',
    level: 'MUST',
    summary: 'kill on a container that is neither created nor running leaves it unchanged.',
    testability: 'cli',
  },
  {
    ...kill,
    id: 'runtime.kill.not-running-error',
    level: 'MUST',
    summary: 'kill on a container that is neither created nor running produces an error.',
    testability: 'cli',
  },
  {
    ...kill,
    id: 'runtime.kill.deliver-signal',
    level: 'MUST',
    summary: 'kill sends the given signal to the container process.',
    testability: 'in-container',
  },

  // Delete
  {
    ...del,
    id: 'runtime.delete.missing-id',
    level: 'MUST',
    summary: 'delete without a container ID produces an error.',
    testability: 'cli',
  },
  {
    ...del,
    id: 'runtime.delete.not-stopped-no-effect',
    level: 'MUST',
    summary: 'delete on a container that is not stopped leaves it unchanged.',
    testability: 'cli',
    note: 'delete --force is a common extension outside the spec and outside the CLI contract; it is not exercised here.',
  },
  {
    ...del,
    id: 'runtime.delete.not-stopped-error',
    level: 'MUST',
    summary: 'delete on a container that is not stopped produces an error.',
    testability: 'cli',
  },
  {
    ...del,
    id: 'runtime.delete.remove-resources',
    level: 'MUST',
    summary: 'delete removes the resources that create made.',
    testability: 'partial',
    note: 'Observable for the cgroup, Intel RDT group and the state; not every resource can be seen from the host.',
  },
  {
    ...del,
    id: 'runtime.delete.keep-foreign-resources',
    level: 'MUST NOT',
    summary: 'delete leaves alone resources the container used but did not create (a joined namespace, a pre-existing group).',
    testability: 'partial',
  },
];
