// Scope of a container, the lifecycle steps that are not about hooks, and the general meaning
// of errors and warnings (runtime.md). The hook steps of the lifecycle are in hooks.ts.
import type { Requirement } from './types.js';

const lifecycle = { source: 'runtime-spec', file: 'runtime.md', anchor: 'runtimeLifecycle' } as const;

export const LIFECYCLE_REQUIREMENTS: readonly Requirement[] = [
  {
    source: 'runtime-spec',
    file: 'runtime.md',
    anchor: 'runtimeScopeContainer',
    id: 'runtime.scope.same-caller',
    level: 'MUST',
    summary: 'Whoever created a container can run every operation of the spec on that same container.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    id: 'runtime.lifecycle.create-environment',
    level: 'MUST',
    summary: 'Create builds the container\'s environment as config.json describes it.',
    testability: 'in-container',
  },
  {
    ...lifecycle,
    id: 'runtime.lifecycle.create-environment-error',
    level: 'MUST',
    summary: 'When the environment config.json describes cannot be built, create produces an error.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    id: 'runtime.lifecycle.create-resources',
    level: 'MUST',
    summary: 'The resources config.json requests exist once create is done (namespaces, cgroups, ...).',
    testability: 'cli',
  },
  {
    ...lifecycle,
    id: 'runtime.lifecycle.program-not-run-at-create',
    level: 'MUST NOT',
    summary: 'The user program from process does not run during create.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    id: 'runtime.lifecycle.config-edits-ignored',
    level: 'MUST NOT',
    summary: 'Changes to config.json made after create have no effect on the container.',
    testability: 'in-container',
  },
  {
    ...lifecycle,
    id: 'runtime.lifecycle.run-program',
    level: 'MUST',
    summary: 'The runtime runs the user program as process specifies it.',
    testability: 'in-container',
  },
  {
    ...lifecycle,
    id: 'runtime.lifecycle.destroy',
    level: 'MUST',
    summary: 'After delete is invoked, the container is destroyed by undoing what create did.',
    testability: 'partial',
    note: 'Observable: the state is gone, the cgroup is gone and the ID can be created again; other traces may not be visible.',
  },
  {
    source: 'runtime-spec',
    file: 'runtime.md',
    anchor: 'runtimeErrors',
    id: 'runtime.errors.no-side-effects',
    level: 'MUST',
    summary: 'Unless stated otherwise, an operation that errors leaves the environment as if it had never been tried (logging aside).',
    testability: 'partial',
    note: 'Checked after a failed create: no state, no cgroup or state directory left behind, and the same ID can be created.',
  },
  {
    source: 'runtime-spec',
    file: 'runtime.md',
    anchor: 'runtimeWarnings',
    id: 'runtime.warnings.flow-continues',
    level: 'MUST',
    summary: 'Unless stated otherwise, an operation that logs a warning carries on as if the warning had not been logged.',
    testability: 'partial',
    note: 'How a warning is shown is unspecified; only the continued operation is observable.',
  },
];
