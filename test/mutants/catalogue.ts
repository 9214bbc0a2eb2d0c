// The mutant catalogue: deliberately broken runtimes, each a small sh wrapper around runc (or
// around fixed-runc.sh, runc with its known deviations repaired) that breaks exactly one
// behaviour. test/validation/mutants.test.ts runs the suite against every mutant and checks
// that each test in `killedBy` turns from pass (on the base runtime) to fail (on the mutant).
import type { Operation } from '../../validation/harness/profile.js';
import type { SpecVersion } from '../../schema/versions.js';

/** The unmutated runtime a mutant wraps: the real runc, or fixed-runc.sh. */
export type Base = 'runc' | 'fixed-runc';

export interface Mutant {
  /** The wrapper is test/mutants/<name>.sh; its header line is "# Mutant <name>: <description>". */
  name: string;
  /** What the wrapper does. */
  description: string;
  /** The spec behaviour it breaks. */
  breaks: string;
  base: Base;
  /** Test IDs whose verdict must turn to fail (each must pass on `base`). */
  killedBy: string[];
  /**
   * The verdict where it is not "fail": a failed check of a MAY or OPTIONAL requirement makes a
   * test "warn", which is the honest outcome for it.
   */
  expect?: Record<string, 'warn' | 'error'>;
  /** Target versions to run at (default 1.0.2); at each, the killedBy tests that apply there. */
  versions?: SpecVersion[];
  /** Per-operation deadlines (seconds) for the profile, where the default would only slow the run. */
  timeouts?: Partial<Record<Operation, number>>;
  /**
   * The mutant by design makes the suite lose track of a container or cgroup (delete reports
   * success and leaves it): the self-test removes what it left. Anything left by another mutant
   * is a failure.
   */
  leaks?: boolean;
}

/** Which runtime each test of the catalogue passes against, so that a kill means something. */
export interface Baseline {
  passesAgainst: Base | 'none';
  /** Why runc fails it (for fixed-runc), or why no runtime here can pass it (for none). */
  reason?: string;
}

export const DEFAULT_VERSIONS: SpecVersion[] = ['1.0.2'];

/**
 * Versions whose checks must all be killed: one per branch the cases take on the version
 * (prestart during start before 1.0.2, either in 1.0.2, during create from 1.1.0; features from
 * 1.1.0; poststart failure an error from 1.3.0). fixed-runc must pass the whole catalogue at each.
 */
export const COVERAGE_VERSIONS: SpecVersion[] = ['1.0.1', '1.0.2', '1.1.0', '1.3.0'];

const RUNC_DEVIATION = 'runc 1.1.5 fails it; fixed-runc.sh repairs the deviation';

export const BASELINES: Record<string, Baseline> = {
  'state.document-after-create': { passesAgainst: 'runc' },
  'state.status-transitions': { passesAgainst: 'runc' },
  'state.errors': { passesAgainst: 'runc' },
  'state.pid-file': { passesAgainst: 'runc' },
  'create.missing-id': { passesAgainst: 'runc' },
  'create.duplicate-id': { passesAgainst: 'runc' },
  'create.program-not-run': { passesAgainst: 'runc' },
  'create.config-edits-ignored': { passesAgainst: 'runc' },
  'create.unapplicable-property': { passesAgainst: 'runc' },
  'start.on-running': { passesAgainst: 'runc' },
  'start.on-stopped': { passesAgainst: 'runc' },
  'start.errors': { passesAgainst: 'runc' },
  'kill.delivers-signals': { passesAgainst: 'runc' },
  'kill.on-stopped': { passesAgainst: 'runc' },
  'kill.errors': { passesAgainst: 'runc' },
  'delete.on-created': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc deletes a created container without --force` },
  'delete.on-running': { passesAgainst: 'runc' },
  'delete.stopped': { passesAgainst: 'runc' },
  'delete.host-resources': { passesAgainst: 'runc' },
  'delete.errors': { passesAgainst: 'runc' },
  'hooks.run-and-order': { passesAgainst: 'runc' },
  'hooks.timing': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc runs poststart hooks during create (runc#1710)` },
  'hooks.state-on-stdin': { passesAgainst: 'runc' },
  'hooks.args-and-env': { passesAgainst: 'runc' },
  'hooks.namespaces': { passesAgainst: 'runc' },
  'hooks.timeout': { passesAgainst: 'runc' },
  'hooks.prestart-failure': { passesAgainst: 'runc' },
  'hooks.create-runtime-failure': { passesAgainst: 'runc' },
  'hooks.create-container-failure': { passesAgainst: 'runc' },
  'hooks.start-container-failure': {
    passesAgainst: 'fixed-runc',
    reason: `${RUNC_DEVIATION}: startContainer hooks run in runc init after runc start has returned 0`,
  },
  'hooks.poststart-failure': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: poststart hooks run during create, so a failing one fails create` },
  'hooks.poststop-failure': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc skips the poststop hooks after a failing one` },
  'runtime-linux.file-descriptors': { passesAgainst: 'runc' },
  'runtime-linux.dev-symlinks': { passesAgainst: 'runc' },
  'features.document': {
    passesAgainst: 'fixed-runc',
    reason: 'runc 1.1.5 declares ociVersionMax 1.0.2-dev, before the features document (1.1.0); fixed-runc declares 1.1.0',
  },
  'config.process.args-cwd-env': { passesAgainst: 'runc' },
  'config.process.user': { passesAgainst: 'runc' },
  'config.process.umask': { passesAgainst: 'runc' },
  'config.process.rlimits': { passesAgainst: 'runc' },
  'config.process.capabilities': { passesAgainst: 'runc' },
  'config.process.no-new-privileges': { passesAgainst: 'runc' },
  'config.process.oom-score-adj': { passesAgainst: 'runc' },
  'config.hostname-and-root-readonly': { passesAgainst: 'runc' },
  'config.masked-and-readonly-paths': { passesAgainst: 'runc' },
  'config.namespaces-new': { passesAgainst: 'runc' },
  'config.namespaces-inherited': { passesAgainst: 'runc' },
  'config.cgroups.path': { passesAgainst: 'runc' },
  'config.cgroups.memory': { passesAgainst: 'runc' },
  'config.cgroups.memory-v1-knobs': { passesAgainst: 'runc' },
  'config.cgroups.cpu-shares': { passesAgainst: 'runc' },
  'config.cgroups.cpu-quota': { passesAgainst: 'runc' },
  'config.cgroups.cpu-burst': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc 1.1.5 ignores cpu.burst (cpu.cfs_burst_us stays 0; runc#3145, added in runc 1.2); the case applies from 1.1.0` },
  'config.cgroups.cpu-idle': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc 1.1.5 ignores cpu.idle on cgroup v1 (cpu.idle stays 0; runc#3377, added in runc 1.2); the case applies from 1.1.0` },
  'config.cgroups.cpuset': { passesAgainst: 'runc' },
  'config.cgroups.pids-limit': { passesAgainst: 'runc' },
  'config.cgroups.pids-unlimited': { passesAgainst: 'fixed-runc', reason: 'applies from 1.3.0, and the runc baseline runs at 1.0.2 (runc 1.1.5 passes it at 1.3.0; fixed-runc is the base that runs there)' },
  'config.cgroups.pids-zero': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc 1.1 reads pids.limit 0 as "not set" and leaves pids.max at max (runc#4014, fixed in runc 1.4)` },
  'config.cgroups.blkio-throttle': { passesAgainst: 'runc' },
  'config.cgroups.blkio-weight': { passesAgainst: 'runc' },
  'config.cgroups.hugepage-limits': { passesAgainst: 'runc' },
  'config.cgroups.network': { passesAgainst: 'runc' },
  'config.cgroups.unified': { passesAgainst: 'fixed-runc', reason: 'applies from 1.1.0, and the runc baseline runs at 1.0.2 (runc 1.1.5 passes it at 1.1.0; fixed-runc is the base that runs there)' },
};

const HOOK_FAILURES = ['hooks.prestart-failure', 'hooks.create-runtime-failure', 'hooks.create-container-failure', 'hooks.start-container-failure'];

export const MUTANTS: Mutant[] = [
  // ---- state ----
  {
    name: 'state-garbage',
    description: 'state prints a warning line on stdout before the JSON document.',
    breaks: 'runtime.md Query State: state prints the state document (and only it) as JSON',
    base: 'runc',
    killedBy: ['state.document-after-create', 'state.pid-file', 'create.duplicate-id'],
  },
  {
    name: 'state-no-oci-version',
    description: 'the state document has no ociVersion.',
    breaks: 'runtime.md State: ociVersion is REQUIRED; the document must validate against the state schema',
    base: 'runc',
    killedBy: ['state.document-after-create'],
  },
  {
    name: 'state-id-off-by-one',
    description: 'state reports the container ID without its last character.',
    breaks: "runtime.md State: id is the container's ID",
    base: 'runc',
    killedBy: ['state.document-after-create'],
  },
  {
    name: 'state-status-swapped',
    description: 'state says "running" for a created container and "created" for a running one.',
    breaks: 'runtime.md State: status is the runtime state of the container',
    base: 'runc',
    killedBy: ['state.document-after-create', 'state.status-transitions', 'create.duplicate-id', 'start.on-running'],
  },
  {
    name: 'state-pid-zero',
    description: 'state reports pid 0 whatever the status.',
    breaks: 'runtime.md State: pid is REQUIRED while created or running (and is what --pid-file holds)',
    base: 'runc',
    killedBy: ['state.document-after-create', 'state.status-transitions', 'state.pid-file'],
  },
  {
    name: 'state-stopped-as-exited',
    description: 'state reports a stopped container as "exited", a status the spec does not define.',
    breaks: 'runtime.md State: additional status values only for states the spec does not define',
    base: 'runc',
    killedBy: ['state.status-transitions'],
  },
  {
    name: 'state-bundle-config-path',
    description: 'state reports the path of config.json as the bundle, not the bundle directory.',
    breaks: 'runtime.md State: bundle is the absolute path to the bundle directory',
    base: 'runc',
    killedBy: ['state.document-after-create', 'create.duplicate-id'],
  },
  {
    name: 'state-no-annotations',
    description: 'state drops the annotations given in config.json.',
    breaks: 'runtime.md State: annotations lists the annotations associated with the container (OPTIONAL: a warning)',
    base: 'runc',
    killedBy: ['state.document-after-create'],
    expect: { 'state.document-after-create': 'warn' },
  },
  // ---- create ----
  {
    name: 'pid-file-missing',
    description: 'create --pid-file leaves no pid file.',
    breaks: 'runtime CLI: create --pid-file writes the container process pid to the file',
    base: 'runc',
    killedBy: ['state.pid-file'],
  },
  {
    name: 'pid-file-runtime-pid',
    description: "create --pid-file writes the runtime's own pid, not the container's.",
    breaks: 'runtime CLI: create --pid-file writes the container process pid to the file',
    base: 'runc',
    killedBy: ['state.pid-file'],
  },
  {
    name: 'missing-id-ok',
    description: 'state, create, start, kill and delete without a container ID exit 0 and do nothing.',
    breaks: 'runtime.md Operations: an operation missing its container ID must generate an error',
    base: 'runc',
    killedBy: ['state.errors', 'create.missing-id', 'start.errors', 'kill.errors', 'delete.errors'],
  },
  {
    name: 'errors-exit-0',
    description: 'every command that fails exits 0 anyway (its error message is still printed).',
    breaks: 'runtime.md Errors / runtime CLI: a failing operation reports an error (non-zero exit)',
    base: 'fixed-runc',
    killedBy: [
      'state.errors',
      'create.missing-id',
      'create.duplicate-id',
      'create.unapplicable-property',
      'start.on-running',
      'start.on-stopped',
      'start.errors',
      'kill.on-stopped',
      'kill.errors',
      'delete.on-created',
      'delete.on-running',
      'delete.stopped',
      'delete.errors',
      'hooks.timeout',
      ...HOOK_FAILURES,
    ],
    // delete of a created or running container "succeeds" and leaves it running.
    leaks: true,
  },
  {
    name: 'create-duplicate-replaces',
    description: 'create with an ID in use deletes the old container and creates the new one.',
    breaks: 'runtime.md Create: an ID that is not unique must generate an error and change nothing',
    base: 'runc',
    killedBy: ['create.duplicate-id'],
  },
  {
    name: 'create-duplicate-kills',
    description: 'create with an ID in use fails, but kills the container that has the ID first.',
    breaks: 'runtime.md State/Errors: IDs are unique; a failed operation has no side effects',
    base: 'runc',
    killedBy: ['create.duplicate-id'],
  },
  {
    name: 'create-starts-program',
    description: 'create also starts the program (and a later start of that container exits 0).',
    breaks: 'runtime.md Lifecycle/Create: process.args must not run until start',
    base: 'runc',
    killedBy: ['create.program-not-run'],
  },
  {
    name: 'start-noop',
    description: 'start exits 0 and does not start the program.',
    breaks: 'runtime.md Start: start must run the user-specified program',
    base: 'runc',
    killedBy: ['create.program-not-run'],
  },
  {
    name: 'start-rereads-config',
    description: 'start re-reads config.json: it re-creates the container from the bundle as it is now, then starts it.',
    breaks: 'runtime.md Lifecycle: changes to config.json after create must not affect the container',
    base: 'runc',
    killedBy: ['create.config-edits-ignored'],
  },
  {
    name: 'ns-path-ignored',
    description: 'create ignores namespace paths: the container gets new namespaces instead of joining (or failing on) the given ones.',
    breaks: 'runtime.md Create: a property that cannot be applied must fail create; joined namespaces are not the runtime\'s to create',
    base: 'runc',
    killedBy: ['create.unapplicable-property', 'delete.host-resources'],
  },
  {
    name: 'create-failure-leaves-container',
    description: 'a create that fails leaves a created container behind under its ID.',
    breaks: 'runtime.md Errors: an error leaves the environment as if the operation had not run; failing hooks destroy the container',
    base: 'runc',
    killedBy: ['create.unapplicable-property', 'hooks.timeout', 'hooks.prestart-failure', 'hooks.create-runtime-failure', 'hooks.create-container-failure'],
  },
  {
    name: 'create-failure-reserves-id',
    description: 'after a create fails, its ID cannot be used again (a leftover lock).',
    breaks: 'runtime.md Errors: a failed operation has no side effects',
    base: 'runc',
    killedBy: ['create.unapplicable-property'],
  },
  // ---- start ----
  {
    name: 'start-not-created-ok',
    description: 'start of a container that is not created (running, stopped) exits 0 and does nothing.',
    breaks: 'runtime.md Start: start of a container that is not created must generate an error',
    base: 'runc',
    killedBy: ['start.on-running', 'start.on-stopped'],
  },
  {
    name: 'start-stopped-restarts',
    description: 'start of a stopped container re-creates it from its bundle and runs the program again.',
    breaks: 'runtime.md Start: start of a container that is not created must fail and have no effect',
    base: 'runc',
    killedBy: ['start.on-stopped'],
  },
  {
    name: 'start-running-reexecs',
    description: 'start of a running container fails, but first runs the program again (runc exec of config.json process).',
    breaks: 'runtime.md Start: a start that fails must have no effect on the container',
    base: 'runc',
    killedBy: ['start.on-running'],
  },
  // ---- kill ----
  {
    name: 'kill-signal-mixup',
    description: 'kill sends the wrong signal: USR1<->USR2, HUP<->INT, TERM as HUP, KILL as TERM.',
    breaks: 'runtime.md Kill: kill sends the specified signal to the container process',
    base: 'runc',
    killedBy: ['kill.delivers-signals'],
  },
  {
    name: 'kill-default-kill',
    description: 'kill without a signal sends KILL instead of TERM.',
    breaks: 'runtime CLI: kill without a signal sends TERM',
    base: 'runc',
    killedBy: ['kill.delivers-signals'],
  },
  {
    name: 'kill-stopped-ok',
    description: 'kill of a stopped container exits 0.',
    breaks: 'runtime.md Kill: kill of a container that is neither created nor running must generate an error',
    base: 'runc',
    killedBy: ['kill.on-stopped'],
  },
  {
    name: 'kill-stopped-deletes',
    description: 'kill of a stopped container fails, but deletes it first.',
    breaks: 'runtime.md Kill: a kill that fails must have no effect on the container',
    base: 'runc',
    killedBy: ['kill.on-stopped'],
  },
  // ---- delete ----
  {
    name: 'delete-force',
    description: 'delete always forces: a created or running container is killed and deleted.',
    breaks: 'runtime.md Delete: delete of a container that is not stopped must generate an error and have no effect',
    base: 'fixed-runc',
    // runc delete --force of an unknown ID exits 0, so delete.errors falls too.
    killedBy: ['delete.on-created', 'delete.on-running', 'delete.errors'],
  },
  {
    name: 'delete-kills-first',
    description: 'delete of a created or running container fails, but kills it first.',
    breaks: 'runtime.md Delete: a delete that fails must have no effect on the container',
    base: 'fixed-runc',
    killedBy: ['delete.on-created', 'delete.on-running'],
  },
  {
    name: 'delete-stopped-noop',
    description: 'delete of a stopped container exits 0 and leaves it there.',
    breaks: 'runtime.md Delete/Lifecycle: delete destroys the container and removes the resources create made',
    base: 'runc',
    killedBy: ['delete.stopped', 'delete.host-resources'],
    leaks: true,
  },
  {
    name: 'delete-stopped-fails',
    description: 'delete of a stopped container deletes it, then exits 1.',
    breaks: 'runtime.md Lifecycle: delete of a stopped container succeeds',
    base: 'runc',
    killedBy: ['delete.stopped', 'delete.host-resources'],
  },
  {
    name: 'delete-leaves-cgroups',
    description: 'delete leaves the container cgroups behind (re-made after runc removed them).',
    breaks: 'runtime.md Delete: the resources created during create must be removed',
    base: 'runc',
    killedBy: ['delete.host-resources'],
    leaks: true,
  },
  {
    name: 'delete-kills-netns-holder',
    description: 'delete kills the processes that hold namespaces the container joined (/proc/PID/ns/... paths in config.json).',
    breaks: 'runtime.md Delete: resources not created by the runtime (a joined namespace) must not be removed',
    base: 'runc',
    killedBy: ['delete.host-resources'],
  },
  // ---- hooks: which run, in what order, when ----
  {
    name: 'hooks-first-only',
    description: 'only the first hook of each kind runs.',
    breaks: 'config.md Hooks: every listed hook of each kind runs',
    base: 'runc',
    killedBy: ['hooks.run-and-order'],
  },
  {
    name: 'hooks-reversed',
    description: 'the hooks of each kind run in reverse order.',
    breaks: 'config.md Hooks: hooks of a kind run in the order listed',
    base: 'runc',
    killedBy: ['hooks.run-and-order'],
  },
  {
    name: 'hooks-prestart-late',
    description: 'prestart hooks run after the createRuntime hooks.',
    breaks: 'config.md prestart: during start before 1.0.2; if during create, before createRuntime (1.0.2); during create before createRuntime (1.1.0+)',
    base: 'fixed-runc',
    killedBy: ['hooks.timing'],
    versions: ['1.0.1', '1.0.2', '1.1.0'],
  },
  {
    name: 'hooks-create-runtime-late',
    description: 'createRuntime hooks run after start, with the poststart hooks.',
    breaks: 'config.md createRuntime: runs during create, before createContainer',
    base: 'fixed-runc',
    killedBy: ['hooks.timing'],
  },
  {
    name: 'hooks-create-container-early',
    description: 'createContainer hooks run before the createRuntime hooks.',
    breaks: 'config.md createContainer: runs during create, after createRuntime',
    base: 'fixed-runc',
    killedBy: ['hooks.timing'],
  },
  {
    name: 'hooks-start-container-early',
    description: 'startContainer hooks run during create, with the createContainer hooks.',
    breaks: 'config.md startContainer: runs as part of start, before the program',
    base: 'fixed-runc',
    killedBy: ['hooks.timing'],
  },
  {
    name: 'hooks-poststart-late',
    description: 'poststart hooks run only at delete, before the poststop hooks.',
    breaks: 'config.md poststart: runs after the program starts, before start returns',
    base: 'fixed-runc',
    killedBy: ['hooks.timing'],
  },
  {
    name: 'hooks-poststart-during-create',
    description: 'poststart hooks run during create, after the createRuntime hooks (runc#1710, on a runtime that otherwise has it fixed).',
    breaks: 'config.md poststart: runs after the program starts, not during create (and so cannot fail create)',
    base: 'fixed-runc',
    killedBy: ['hooks.timing', 'hooks.poststart-failure'],
  },
  {
    name: 'hooks-poststop-early',
    description: 'poststop hooks run at start, after the poststart hooks.',
    breaks: 'config.md poststop: runs after the container is deleted, before delete returns',
    base: 'fixed-runc',
    killedBy: ['hooks.timing'],
  },
  // ---- hooks: how they are executed ----
  {
    name: 'hooks-no-stdin',
    description: 'hooks get /dev/null on stdin instead of the state.',
    breaks: 'config.md Hooks: the state of the container is passed to hooks over stdin',
    base: 'runc',
    killedBy: ['hooks.state-on-stdin'],
  },
  {
    name: 'hooks-env-dropped',
    description: "hooks run without their configured env (they inherit the runtime's).",
    breaks: 'config.md Hooks: env has the same semantics as IEEE Std 1003.1-2008 environ',
    base: 'runc',
    killedBy: ['hooks.args-and-env'],
  },
  {
    name: 'hooks-last-arg-dropped',
    description: 'hooks run without the last of their args.',
    breaks: 'config.md Hooks: args has the same semantics as IEEE Std 1003.1-2008 execv argv',
    base: 'runc',
    killedBy: ['hooks.args-and-env'],
  },
  {
    name: 'hooks-runtime-ns-wrong',
    description:
      "prestart, createRuntime, poststart and poststop hooks run in the container's uts and net namespaces (in new ones once the container is gone).",
    breaks: 'config.md Hooks: prestart, createRuntime, poststart and poststop run in the runtime namespace',
    base: 'runc',
    killedBy: ['hooks.namespaces'],
  },
  {
    name: 'hooks-container-ns-wrong',
    description:
      'createContainer hooks run with the createRuntime hooks, startContainer hooks with the poststart hooks: in the runtime namespaces, not the container.',
    breaks: 'config.md Hooks: createContainer and startContainer run in the container namespace',
    base: 'runc',
    killedBy: ['hooks.namespaces'],
  },
  {
    name: 'hooks-timeout-ignored',
    description: 'hook timeouts are ignored: a hanging hook hangs the operation.',
    breaks: 'config.md Hooks: timeout is the number of seconds before aborting the hook',
    base: 'fixed-runc',
    killedBy: ['hooks.timeout'],
    versions: ['1.0.1', '1.0.2'],
    // The operation hangs until the suite's deadline for it: keep that short.
    timeouts: { create: 5, start: 5 },
    // The suite kills the hung runtime at its deadline; runc, killed mid-create, cannot remove
    // the cgroups it had made.
    leaks: true,
  },
  // ---- hooks: failures ----
  {
    name: 'hooks-failure-ignored',
    description: 'a failing hook counts as a success (each hook without a timeout runs as `hook; exit 0`).',
    breaks: 'config.md Hooks: a failing prestart/createRuntime/createContainer/startContainer hook must generate an error and stop the container',
    base: 'fixed-runc',
    killedBy: HOOK_FAILURES,
    versions: ['1.0.1', '1.0.2'],
  },
  {
    name: 'start-hooks-after-program',
    description:
      'startContainer hooks run after the program has started (runc exec into the container); a failure then fails start and kills the container.',
    breaks: 'config.md startContainer: runs before the user-specified program; a failure means the program never runs',
    base: 'fixed-runc',
    killedBy: ['hooks.timing', 'hooks.start-container-failure'],
  },
  {
    name: 'poststop-needs-start',
    description: 'poststop hooks run only for a container that was started: not when create or start fails.',
    breaks: 'runtime.md Lifecycle: a failing hook destroys the container, and destroying it runs the poststop hooks',
    base: 'fixed-runc',
    killedBy: HOOK_FAILURES,
  },
  {
    name: 'poststop-dropped',
    description: 'poststop hooks never run.',
    breaks: 'config.md poststop: poststop hooks run after the container is deleted',
    base: 'fixed-runc',
    killedBy: ['hooks.run-and-order', 'hooks.timing', 'hooks.poststart-failure', 'hooks.poststop-failure'],
    versions: ['1.0.2', '1.3.0'],
  },
  {
    name: 'poststart-as-start-container',
    description: 'poststart hooks run as startContainer hooks: in the container, before the program, and a failure is fatal.',
    breaks: 'config.md poststart: a failing poststart hook is only a warning (before 1.3.0); the container keeps running',
    base: 'fixed-runc',
    killedBy: ['hooks.poststart-failure'],
  },
  {
    name: 'poststart-stops-at-failure',
    description: 'after a failing poststart hook, the later poststart hooks do not run (start still exits 0).',
    breaks: 'config.md poststart: after a failure the remaining hooks still run (before 1.3.0); from 1.3.0 start fails and the container is stopped',
    base: 'fixed-runc',
    killedBy: ['hooks.poststart-failure'],
    versions: ['1.0.2', '1.3.0'],
  },
  {
    name: 'poststop-stops-at-failure',
    description: 'after a failing poststop hook, the later poststop hooks do not run (as in runc 1.1).',
    breaks: 'config.md poststop: a failure is logged as a warning and the remaining hooks run',
    base: 'fixed-runc',
    killedBy: ['hooks.poststop-failure'],
  },
  {
    name: 'poststop-failure-fails-delete',
    description: 'a failing poststop hook makes delete exit 1 (after deleting, and after running the later hooks).',
    breaks: 'config.md poststop: a failure is only a warning; delete succeeds',
    base: 'fixed-runc',
    killedBy: ['hooks.poststop-failure'],
  },
  {
    name: 'poststop-failure-aborts-delete',
    description: 'poststop hooks run before the container is deleted, and a failing one aborts the delete (the container stays).',
    breaks: 'config.md poststop: hooks run after the container is deleted; a failure is only a warning',
    base: 'fixed-runc',
    killedBy: ['hooks.poststop-failure'],
  },
  // ---- runtime-linux ----
  {
    name: 'fd-leak',
    description: 'the container process inherits an extra open file descriptor (fd 3, passed with --preserve-fds 1).',
    breaks: 'runtime-linux.md File descriptors: by default only stdin, stdout and stderr are open (MAY: a warning)',
    base: 'runc',
    killedBy: ['runtime-linux.file-descriptors'],
    expect: { 'runtime-linux.file-descriptors': 'warn' },
  },
  {
    name: 'dev-not-set-up',
    description: 'the /dev tmpfs is replaced by a bind-mounted host directory holding only null: no /dev/fd or /dev/std* symlinks.',
    breaks: 'runtime-linux.md Dev symbolic links: /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr must be set up',
    base: 'runc',
    killedBy: ['runtime-linux.dev-symlinks'],
  },
  {
    name: 'dev-stdout-missing',
    description: 'the runtime removes /dev/stdout in the container (a startContainer hook of its own).',
    breaks: 'runtime-linux.md Dev symbolic links: /dev/stdout -> /proc/self/fd/1',
    base: 'runc',
    killedBy: ['runtime-linux.dev-symlinks'],
  },
  // ---- features (the document exists from 1.1.0) ----
  {
    name: 'features-invalid',
    description: 'the features document is not valid: hooks is a string, not an array.',
    breaks: 'features.md: the document follows the features schema',
    base: 'fixed-runc',
    killedBy: ['features.document'],
    versions: ['1.1.0'],
  },
  {
    name: 'features-undefined-property',
    description: 'the features document has a top-level property the spec does not define.',
    breaks: 'features.md: properties the spec does not define must not be used (extensions go in annotations)',
    base: 'fixed-runc',
    killedBy: ['features.document'],
    versions: ['1.1.0'],
  },
  {
    name: 'features-min-above-max',
    description: 'features ociVersionMin (1.2.0) is above ociVersionMax (1.1.0).',
    breaks: 'features.md: ociVersionMin must not be greater than ociVersionMax',
    base: 'fixed-runc',
    killedBy: ['features.document'],
    versions: ['1.1.0'],
  },
  {
    name: 'features-max-unknown',
    description: 'features ociVersionMax names a version that does not exist (9.0.0).',
    breaks: 'features.md: ociVersionMax is the maximum spec version the runtime supports (a real one)',
    base: 'fixed-runc',
    killedBy: ['features.document'],
    versions: ['1.1.0'],
  },
  {
    name: 'create-only-own-version',
    description: 'create refuses a config whose ociVersion is not 1.0.2*, although features declares 1.0.0 to 1.1.0.',
    breaks: 'features.md: configs declaring any version from ociVersionMin to ociVersionMax are accepted',
    base: 'fixed-runc',
    killedBy: ['features.document'],
    versions: ['1.1.0'],
  },
  {
    name: 'poststart-failure-kills',
    description: 'a failing poststart hook kills the container, yet start exits 0 and the later poststart hooks run.',
    breaks: 'config.md poststart (before 1.3.0): a failure is only a warning; the container keeps running',
    base: 'fixed-runc',
    killedBy: ['hooks.poststart-failure'],
  },
  {
    name: 'config-process-fields-ignored',
    description: 'create ignores process.args beyond the first two, process.cwd and the extra process.env entries.',
    breaks: "config.md process: args, cwd and env are the process's",
    base: 'runc',
    killedBy: ['config.process.args-cwd-env'],
  },
  {
    name: 'config-user-ignored',
    description: 'create runs the process as root without additional groups, whatever process.user says.',
    breaks: 'config.md user: uid, gid and additionalGids are the process credentials',
    base: 'runc',
    killedBy: ['config.process.user'],
  },
  {
    name: 'config-umask-ignored',
    description: 'create ignores process.user.umask.',
    breaks: 'config.md user.umask (1.0.2): the umask of the process',
    base: 'runc',
    killedBy: ['config.process.umask'],
  },
  {
    name: 'config-rlimits-ignored',
    description: 'create ignores process.rlimits.',
    breaks: 'config.md rlimits: each entry sets the soft and hard limit',
    base: 'runc',
    killedBy: ['config.process.rlimits'],
  },
  {
    name: 'config-capabilities-widened',
    description: 'create gives the process CAP_SYS_ADMIN and its whole bounding set in every capability set.',
    breaks: 'config.md capabilities: each set is exactly the configured list',
    base: 'runc',
    killedBy: ['config.process.capabilities'],
  },
  {
    name: 'config-no-new-privileges-ignored',
    description: 'create ignores process.noNewPrivileges.',
    breaks: 'config.md noNewPrivileges: true sets no_new_privs',
    base: 'runc',
    killedBy: ['config.process.no-new-privileges'],
  },
  {
    name: 'config-oom-score-adj-ignored',
    description: 'create ignores process.oomScoreAdj.',
    breaks: 'config.md oomScoreAdj: the runtime MUST set oom_score_adj',
    base: 'runc',
    killedBy: ['config.process.oom-score-adj'],
  },
  {
    name: 'config-hostname-root-ignored',
    description: 'create ignores hostname and root.readonly.',
    breaks: 'config.md hostname and root.readonly',
    base: 'runc',
    killedBy: ['config.hostname-and-root-readonly'],
  },
  {
    name: 'config-paths-ignored',
    description: 'create ignores linux.maskedPaths and linux.readonlyPaths.',
    breaks: 'config-linux.md masked and read-only paths',
    base: 'runc',
    killedBy: ['config.masked-and-readonly-paths'],
  },
  {
    name: 'config-namespaces-dropped',
    description: "create keeps only the mount namespace: pid, ipc, uts and network are the runtime's.",
    breaks: 'config-linux.md namespaces: each listed type is new',
    base: 'runc',
    killedBy: ['config.namespaces-new'],
  },
  {
    name: 'config-namespaces-added',
    description: 'create gives the container new network and ipc namespaces although the config lists neither.',
    breaks: 'config-linux.md namespaces: a type not listed is inherited from the runtime',
    base: 'runc',
    killedBy: ['config.namespaces-inherited'],
  },
  {
    name: 'config-cgroups-path-ignored',
    description: 'create ignores linux.cgroupsPath (the container gets the default cgroup).',
    breaks: 'config-linux.md cgroupsPath: an absolute path is taken relative to the cgroup mount point',
    base: 'runc',
    killedBy: ['config.cgroups.path'],
  },
  {
    name: 'config-memory-ignored',
    description: 'create ignores linux.resources.memory.',
    breaks: "config-linux.md memory: limit, reservation, swap, swappiness and disableOOMKiller are the container cgroup's",
    base: 'runc',
    killedBy: ['config.cgroups.memory', 'config.cgroups.memory-v1-knobs'],
  },
  {
    name: 'config-cpu-ignored',
    description: 'create ignores linux.resources.cpu (shares, quota, period, cpus, mems).',
    breaks: "config-linux.md cpu: shares, quota, period, cpus and mems are the container cgroup's",
    base: 'runc',
    killedBy: ['config.cgroups.cpu-shares', 'config.cgroups.cpu-quota', 'config.cgroups.cpuset'],
  },
  {
    name: 'config-cpu-burst-idle-ignored',
    description: 'create ignores linux.resources.cpu burst and idle.',
    breaks: "config-linux.md cpu (1.1.0): burst and idle are the container cgroup's",
    base: 'fixed-runc',
    killedBy: ['config.cgroups.cpu-burst', 'config.cgroups.cpu-idle'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-pids-ignored',
    description: 'create ignores linux.resources.pids (pids.max keeps its default, max).',
    breaks: 'config-linux.md pids: limit is the maximum number of tasks (from 1.3.0, 0 SHOULD be a real limit)',
    base: 'fixed-runc',
    killedBy: ['config.cgroups.pids-limit', 'config.cgroups.pids-zero'],
    expect: { 'config.cgroups.pids-zero': 'warn' },
    versions: ['1.0.2', '1.3.0'],
  },
  {
    name: 'config-pids-negative-limited',
    description: 'create reads pids.limit -1 as a default limit of 4096 tasks.',
    breaks: 'config-linux.md pids (1.3.0): -1 means no limit',
    base: 'fixed-runc',
    killedBy: ['config.cgroups.pids-unlimited'],
    versions: ['1.3.0'],
  },
  {
    name: 'config-block-io-ignored',
    description: 'create ignores linux.resources.blockIO (weight and throttle rates).',
    breaks: "config-linux.md blockIO: weight and throttle rates are the container cgroup's",
    base: 'runc',
    killedBy: ['config.cgroups.blkio-throttle', 'config.cgroups.blkio-weight'],
  },
  {
    name: 'config-hugepage-limits-ignored',
    description: 'create ignores linux.resources.hugepageLimits, also where the host has no hugetlb controller.',
    breaks: 'runtime.md create: a property the runtime cannot apply is an error (hugepageLimits without hugetlb)',
    base: 'runc',
    killedBy: ['config.cgroups.hugepage-limits'],
  },
  {
    name: 'config-network-ignored',
    description: 'create ignores linux.resources.network, also where the host has no net_cls or net_prio controller.',
    breaks: 'runtime.md create: a property the runtime cannot apply is an error (network without net_cls and net_prio)',
    base: 'runc',
    killedBy: ['config.cgroups.network'],
  },
  {
    name: 'config-unified-ignored',
    description: 'create ignores linux.resources.unified, also on a host without cgroup v2 controllers.',
    breaks: 'config-linux.md unified (1.1.0): a key whose controller is not present must make create fail',
    base: 'fixed-runc',
    killedBy: ['config.cgroups.unified'],
    versions: ['1.1.0'],
  },
];

/**
 * Known survivors: mutants under test/mutants/survivors/ that break a behaviour the suite should
 * catch and does not, because of a weakness of a case (see `why`). The self-test runs them and
 * reports their verdicts without failing; once a case catches one, move it into MUTANTS.
 */
export const SURVIVORS: (Mutant & { why: string })[] = [];
