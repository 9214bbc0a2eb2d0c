// Hooks: whether each kind runs and what its failure does (the lifecycle in runtime.md), and the
// rules of config.md's POSIX-platform Hooks section (order, stdin, timing, namespaces).
// Left out on purpose: "path MUST be absolute" and "timeout MUST be greater than zero" constrain
// the config author, not the runtime; the config validator checks them.
import type { Requirement } from './types.js';

const lifecycle = { source: 'runtime-spec', file: 'runtime.md', anchor: 'runtimeLifecycle' } as const;
const config = { source: 'runtime-spec', file: 'config.md' } as const;
const hooks = { ...config, anchor: 'configHooks' } as const;
const prestart = { ...config, anchor: 'configHooksPrestart' } as const;
const createRuntime = { ...config, anchor: 'configHooksCreateRuntime', since: '1.0.2' } as const;
const createContainer = { ...config, anchor: 'configHooksCreateContainer', since: '1.0.2' } as const;
const startContainer = { ...config, anchor: 'configHooksStartContainer', since: '1.0.2' } as const;
const poststart = { ...config, anchor: 'configHooksPoststart' } as const;
const poststop = { ...config, anchor: 'configHooksPoststop' } as const;

const FAILURE_ERROR = 'the runtime produces an error, stops the container and goes on to destroying it';

export const HOOKS_REQUIREMENTS: readonly Requirement[] = [
  // General rules
  {
    ...hooks,
    id: 'config.hooks.order',
    level: 'MUST',
    summary: 'Hooks of one kind run in the order they are listed.',
    testability: 'cli',
  },
  {
    ...hooks,
    id: 'config.hooks.state-stdin',
    level: 'MUST',
    summary: 'Every hook receives the container state on its stdin.',
    testability: 'cli',
  },

  {
    ...hooks,
    id: 'config.hooks.exec-semantics',
    level: 'MUST',
    summary: 'A hook runs the program at `path` with `args` as its argv and `env` as its environment, as execv would.',
    testability: 'cli',
    note: 'The fields are defined by reference to execv and environ, with no keyword of their own; a runtime that passes other argv or environment does not implement them.',
  },
  {
    ...hooks,
    id: 'config.hooks.timeout-abort',
    level: 'MUST',
    summary: 'A hook still running `timeout` seconds after it started is aborted, which counts as the hook failing.',
    testability: 'cli',
    note: 'timeout is defined as "the number of seconds before aborting the hook", with no keyword of its own; we read the definition as binding on a runtime that accepts the field.',
  },

  // prestart
  {
    ...lifecycle,
    id: 'config.hooks.prestart-run',
    level: 'MUST',
    summary: 'The runtime runs the prestart hooks.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    id: 'config.hooks.prestart-failure-error',
    level: 'MUST',
    summary: `When a prestart hook fails, ${FAILURE_ERROR}.`,
    testability: 'cli',
  },
  {
    ...prestart,
    id: 'config.hooks.prestart-during-start',
    level: 'MUST',
    until: '1.0.2',
    summary: 'prestart hooks run after start is called and before the user program executes.',
    testability: 'cli',
  },
  {
    ...prestart,
    id: 'config.hooks.prestart-during-start-or-create',
    level: 'MUST',
    since: '1.0.2',
    until: '1.1.0',
    supersedes: 'config.hooks.prestart-during-start',
    summary: 'prestart hooks run before the user program, either during start or during create; if during create, before the createRuntime hooks.',
    testability: 'cli',
    note:
      'v1.0.2 contradicts itself: its lifecycle runs prestart during create (step 3, before start at step 6), ' +
      'while the Prestart section still says after start is called. The same release\'s createRuntime section ' +
      'names runtimes that run prestart during create and only asks them to run it before createRuntime. ' +
      'We therefore accept either timing at 1.0.2; v1.1.0 settled on create.',
  },
  {
    ...prestart,
    id: 'config.hooks.prestart-during-create',
    level: 'MUST',
    since: '1.1.0',
    supersedes: 'config.hooks.prestart-during-start-or-create',
    summary: 'prestart hooks run during create, after the environment is built and before pivot_root, and before the createRuntime hooks.',
    testability: 'cli',
  },
  {
    ...prestart,
    id: 'config.hooks.prestart-namespace',
    level: 'MUST',
    since: '1.0.2',
    summary: 'A prestart hook\'s path resolves in, and the hook runs in, the runtime namespace.',
    testability: 'cli',
  },

  // createRuntime
  {
    ...lifecycle,
    since: '1.0.2',
    id: 'config.hooks.create-runtime-run',
    level: 'MUST',
    summary: 'The runtime runs the createRuntime hooks.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    since: '1.0.2',
    id: 'config.hooks.create-runtime-failure-error',
    level: 'MUST',
    summary: `When a createRuntime hook fails, ${FAILURE_ERROR}.`,
    testability: 'cli',
  },
  {
    ...createRuntime,
    id: 'config.hooks.create-runtime-timing',
    level: 'MUST',
    summary: 'createRuntime hooks run during create, after the environment is built and before pivot_root.',
    testability: 'cli',
  },
  {
    ...createRuntime,
    id: 'config.hooks.create-runtime-namespace',
    level: 'MUST',
    summary: 'A createRuntime hook\'s path resolves in, and the hook runs in, the runtime namespace.',
    testability: 'cli',
  },

  // createContainer
  {
    ...lifecycle,
    since: '1.0.2',
    id: 'config.hooks.create-container-run',
    level: 'MUST',
    summary: 'The runtime runs the createContainer hooks.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    since: '1.0.2',
    id: 'config.hooks.create-container-failure-error',
    level: 'MUST',
    summary: `When a createContainer hook fails, ${FAILURE_ERROR}.`,
    testability: 'cli',
  },
  {
    ...createContainer,
    id: 'config.hooks.create-container-timing',
    level: 'MUST',
    summary: 'createContainer hooks run during create, after the createRuntime hooks and before pivot_root.',
    testability: 'cli',
  },
  {
    ...createContainer,
    id: 'config.hooks.create-container-namespace',
    level: 'MUST',
    summary: 'A createContainer hook\'s path resolves in the runtime namespace, but the hook runs in the container namespace.',
    testability: 'cli',
  },

  // startContainer
  {
    ...lifecycle,
    since: '1.0.2',
    id: 'config.hooks.start-container-run',
    level: 'MUST',
    summary: 'The runtime runs the startContainer hooks.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    since: '1.0.2',
    id: 'config.hooks.start-container-failure-error',
    level: 'MUST',
    summary: `When a startContainer hook fails, ${FAILURE_ERROR}.`,
    testability: 'cli',
  },
  {
    ...startContainer,
    id: 'config.hooks.start-container-timing',
    level: 'MUST',
    summary: 'startContainer hooks run during start, before the user program executes.',
    testability: 'cli',
  },
  {
    ...startContainer,
    id: 'config.hooks.start-container-namespace',
    level: 'MUST',
    summary: 'A startContainer hook\'s path resolves in, and the hook runs in, the container namespace.',
    testability: 'cli',
  },

  // poststart
  {
    ...lifecycle,
    id: 'config.hooks.poststart-run',
    level: 'MUST',
    summary: 'The runtime runs the poststart hooks.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    id: 'config.hooks.poststart-failure-warn',
    level: 'MUST',
    until: '1.3.0',
    summary: 'When a poststart hook fails, the runtime logs a warning and the remaining hooks and the lifecycle go on as if it had succeeded.',
    testability: 'partial',
    note: 'How the warning is shown is unspecified; what is observable is that start succeeds and the container keeps running.',
  },
  {
    ...lifecycle,
    id: 'config.hooks.poststart-failure-error',
    level: 'MUST',
    since: '1.3.0',
    supersedes: 'config.hooks.poststart-failure-warn',
    summary: `When a poststart hook fails, ${FAILURE_ERROR}.`,
    testability: 'cli',
  },
  {
    ...poststart,
    id: 'config.hooks.poststart-timing',
    level: 'MUST',
    summary: 'poststart hooks run after the user program executes and before start returns.',
    testability: 'cli',
  },
  {
    ...poststart,
    since: '1.0.2',
    id: 'config.hooks.poststart-namespace',
    level: 'MUST',
    summary: 'A poststart hook\'s path resolves in, and the hook runs in, the runtime namespace.',
    testability: 'cli',
  },

  // poststop
  {
    ...lifecycle,
    id: 'config.hooks.poststop-run',
    level: 'MUST',
    summary: 'The runtime runs the poststop hooks.',
    testability: 'cli',
  },
  {
    ...lifecycle,
    id: 'config.hooks.poststop-failure-warn',
    level: 'MUST',
    summary: 'When a poststop hook fails, the runtime logs a warning and the remaining hooks and the lifecycle go on as if it had succeeded.',
    testability: 'partial',
    note: 'How the warning is shown is unspecified; what is observable is that later hooks still run and delete completes.',
  },
  {
    ...poststop,
    id: 'config.hooks.poststop-timing',
    level: 'MUST',
    summary: 'poststop hooks run after the container is deleted and before delete returns.',
    testability: 'cli',
  },
  {
    ...poststop,
    since: '1.0.2',
    id: 'config.hooks.poststop-namespace',
    level: 'MUST',
    summary: 'A poststop hook\'s path resolves in, and the hook runs in, the runtime namespace.',
    testability: 'cli',
  },
];
