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
/** Cases from 1.1.0: the runc baseline runs at 1.0.2 (runc 1.1.5 declares 1.0.2-dev); fixed-runc declares 1.1.0. */
const FROM_1_1 = 'applies from 1.1.0, above the 1.0.2 of the runc baseline (runc 1.1.5 declares 1.0.2-dev); fixed-runc declares 1.1.0';

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
  'config.namespaces.new-seen-inside': { passesAgainst: 'runc' },
  'config.namespaces.cgroup-seen-inside': { passesAgainst: 'runc' },
  'config.namespaces.user-mappings': { passesAgainst: 'runc' },
  'config.namespaces.join-path': { passesAgainst: 'runc' },
  'config.namespaces.path-wrong-type': { passesAgainst: 'runc' },
  'config.namespaces.duplicate-type': { passesAgainst: 'runc' },
  // From 1.1.0: runc refuses the time namespace, and its features document leaves the type out.
  'config.namespaces.time-offsets': { passesAgainst: 'runc' },
  'config.seccomp.errno': { passesAgainst: 'runc' },
  'config.seccomp.errno-ret': { passesAgainst: 'runc' },
  'config.seccomp.default-errno-ret': { passesAgainst: 'runc' },
  'config.seccomp.kill': { passesAgainst: 'runc' },
  'config.seccomp.kill-process': { passesAgainst: 'runc' },
  'config.seccomp.errno-ret-unsupported': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc ignores errnoRet and defaultErrnoRet on actions that return no errno` },
  'config.unknown.rlimit-type': { passesAgainst: 'runc' },
  'config.unknown.capability': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc drops unknown capabilities with a warning (the 1.1.0 rule) also for configs before 1.1.0, which must fail` },
  'config.devices.custom': { passesAgainst: 'runc' },
  'config.devices.outside-dev': { passesAgainst: 'fixed-runc', reason: `${FROM_1_1}; runc applies it there too` },
  'config.devices.default': { passesAgainst: 'runc' },
  'config.devices.allow-list': { passesAgainst: 'runc' },
  'config.sysctl': { passesAgainst: 'runc' },
  'config.domainname': { passesAgainst: 'fixed-runc', reason: `${FROM_1_1}; runc 1.1.5 ignores domainname (runc 1.2 applies it, opencontainers/runc#3600), fixed-runc writes it into the container's uts namespace` },
  'config.process.scheduler': { passesAgainst: 'fixed-runc', reason: `${FROM_1_1}; runc 1.1.5 ignores process.scheduler (runc 1.2 applies it, opencontainers/runc#4025), fixed-runc runs create under it` },
  'config.process.io-priority': { passesAgainst: 'fixed-runc', reason: `${FROM_1_1}; runc 1.1.5 ignores process.ioPriority (runc 1.2 applies it, opencontainers/runc#3783), fixed-runc runs create under it` },
  'config.personality': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc 1.1.5 ignores linux.personality (runc 1.2 applies it, opencontainers/runc#4082); fixed-runc runs create under it` },
  'config.root-path': { passesAgainst: 'runc' },
  'config.mounts.tmpfs': { passesAgainst: 'runc' },
  'config.mounts.flags': { passesAgainst: 'runc' },
  'config.mounts.atime': { passesAgainst: 'runc' },
  'config.mounts.bind': { passesAgainst: 'runc' },
  'config.mounts.order': { passesAgainst: 'runc' },
  'config.mounts.propagation': { passesAgainst: 'runc' },
  'config.rootfs-propagation-shared': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc 1.1 leaves / private for rootfsPropagation shared (runc#1755)` },
  'config.rootfs-propagation-slave': { passesAgainst: 'runc' },
  'config.rootfs-propagation-private': { passesAgainst: 'runc' },
  'config.rootfs-propagation-unbindable': { passesAgainst: 'fixed-runc', reason: `${RUNC_DEVIATION}: runc 1.1 fails create for rootfsPropagation unbindable (EINVAL binding the rootfs, runc#1755)` },
  'config.default-filesystems': { passesAgainst: 'runc' },
  'config.mounts.relative-destination': { passesAgainst: 'runc' },
  'config.mounts.idmap': {
    passesAgainst: 'none',
    reason:
      'runc 1.1.5 has no idmapped mounts (its features list no idmap option, so the test is skipped as unsupported) and a wrapper cannot add them; crun 1.8.1 passes it at 1.1.0, and test/validation/config-mounts.test.ts shows its check failing on recorded output of a runtime that ignores the mappings',
  },
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
    killedBy: ['create.unapplicable-property', 'delete.host-resources', 'config.namespaces.join-path', 'config.namespaces.path-wrong-type'],
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
    killedBy: ['config.namespaces-new', 'config.namespaces.new-seen-inside', 'config.namespaces.cgroup-seen-inside'],
  },
  {
    name: 'config-user-namespace-dropped',
    description: 'create gives the container no user namespace: the user entry, uidMappings and gidMappings are left out.',
    breaks: 'config-linux.md user namespace mappings: uid_map and gid_map of a new user namespace are the configured ones',
    base: 'runc',
    killedBy: ['config.namespaces.user-mappings'],
  },
  {
    name: 'config-namespaces-deduplicated',
    description: 'create keeps the first namespaces entry of each type and drops repeats instead of failing.',
    breaks: 'config-linux.md namespaces: duplicated types must generate an error',
    base: 'runc',
    killedBy: ['config.namespaces.duplicate-type'],
  },
  {
    name: 'config-time-namespace-dropped',
    description: "create leaves out the time namespace and linux.timeOffsets: the container runs with the runtime's clocks.",
    breaks: 'config-linux.md timeOffsets (1.1.0): the offsets are applied, or the config is refused as unsupported',
    base: 'runc',
    killedBy: ['config.namespaces.time-offsets'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-refusal-leaves-container',
    description: 'a create refused for a config value leaves a container made of the rest of the config behind under its ID.',
    breaks: 'runtime.md Errors: an error leaves the environment as if the operation had not been attempted',
    base: 'fixed-runc',
    killedBy: [
      'config.namespaces.path-wrong-type',
      'config.namespaces.duplicate-type',
      'config.namespaces.time-offsets',
      'config.seccomp.errno-ret-unsupported',
      'config.unknown.rlimit-type',
    ],
    versions: ['1.0.2', '1.1.0'],
  },
  {
    name: 'config-capabilities-unknown-leaves-container',
    description: 'create refuses an unknown capability, but only after making the container without it, which stays under the ID.',
    breaks: 'runtime.md Errors: an error leaves the environment as if the operation had not been attempted',
    base: 'fixed-runc',
    killedBy: ['config.unknown.capability'],
  },
  {
    name: 'config-rlimits-unknown-dropped',
    description: 'create drops rlimits entries of a type it does not know instead of failing.',
    breaks: 'config.md rlimits: a value that maps to no kernel interface must generate an error',
    base: 'runc',
    killedBy: ['config.unknown.rlimit-type'],
  },
  {
    name: 'config-capabilities-unknown-dropped',
    description: "create drops capability names the kernel does not have instead of failing, whatever the config's version.",
    breaks: 'config.md capabilities (before 1.1.0): a value that maps to no kernel interface must cause an error',
    base: 'fixed-runc',
    killedBy: ['config.unknown.capability'],
  },
  {
    name: 'config-capabilities-unknown-refused',
    description: "create refuses a capability name the kernel does not have, whatever the config's version.",
    breaks: 'config.md capabilities (1.1.0): an unknown capability is logged as a warning; the runtime should not fail',
    base: 'fixed-runc',
    killedBy: ['config.unknown.capability'],
    versions: ['1.1.0'],
    expect: { 'config.unknown.capability': 'warn' },
  },
  {
    name: 'config-seccomp-ignored',
    description: 'create ignores linux.seccomp: no filter is installed.',
    breaks: 'config-linux.md seccomp: the filter is installed and matched system calls get their action',
    base: 'runc',
    killedBy: ['config.seccomp.errno', 'config.seccomp.errno-ret', 'config.seccomp.default-errno-ret', 'config.seccomp.kill', 'config.seccomp.kill-process'],
    versions: ['1.0.2', '1.1.0'],
  },
  {
    name: 'config-seccomp-over-filtered',
    description: 'every seccomp entry whose action is not SCMP_ACT_ALLOW also matches symlink and symlinkat.',
    breaks: 'config-linux.md seccomp: a system call no entry matches gets defaultAction',
    base: 'runc',
    killedBy: ['config.seccomp.errno'],
  },
  {
    name: 'config-seccomp-errno-not-eperm',
    description: 'SCMP_ACT_ERRNO entries without errnoRet return EACCES instead of EPERM.',
    breaks: 'config-linux.md seccomp (1.1.0): the default errno is EPERM',
    base: 'runc',
    killedBy: ['config.seccomp.errno'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-seccomp-errno-ret-unsupported-accepted',
    description: 'create drops errnoRet and defaultErrnoRet given with a seccomp action that returns no errno instead of failing.',
    breaks: 'config-linux.md seccomp (1.1.0): an errno on an action that supports none must make the runtime fail',
    base: 'fixed-runc',
    killedBy: ['config.seccomp.errno-ret-unsupported'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-namespaces-added',
    description: 'create gives the container new network and ipc namespaces although the config lists neither.',
    breaks: 'config-linux.md namespaces: a type not listed is inherited from the runtime',
    base: 'runc',
    killedBy: ['config.namespaces-inherited'],
  },
  {
    name: 'config-devices-ignored',
    description: 'create ignores linux.devices.',
    breaks: 'config-linux.md devices: each entry MUST be available in the container (from 1.1.0 also outside /dev)',
    base: 'fixed-runc',
    killedBy: ['config.devices.custom', 'config.devices.outside-dev'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-device-attributes-ignored',
    description: 'create makes the linux.devices nodes but ignores their fileMode, uid and gid.',
    breaks: 'config-linux.md devices: fileMode, uid and gid of each device',
    base: 'runc',
    killedBy: ['config.devices.custom'],
  },
  {
    name: 'default-devices-swapped',
    description: 'the runtime puts the wrong nodes at the default device paths (a startContainer hook of its own swaps them).',
    breaks: 'config-linux.md default devices: /dev/null, zero, full, random, urandom, tty and ptmx are those devices',
    base: 'runc',
    killedBy: ['config.devices.default'],
  },
  {
    name: 'config-device-allowlist-ignored',
    description: 'create ignores linux.resources.devices (runc then allows its own default list only).',
    breaks: 'config-linux.md device allow-list: the allowing entries are applied',
    base: 'runc',
    killedBy: ['config.devices.allow-list'],
  },
  {
    name: 'config-device-denials-dropped',
    description: 'create keeps only the allowing entries of linux.resources.devices, each with every access (r, w and m).',
    breaks: 'config-linux.md device allow-list: deny entries and access letters are applied',
    base: 'runc',
    killedBy: ['config.devices.allow-list'],
  },
  {
    name: 'config-sysctl-ignored',
    description: 'create ignores linux.sysctl.',
    breaks: 'config-linux.md sysctl: the kernel parameters are set for the container',
    base: 'runc',
    killedBy: ['config.sysctl'],
  },
  {
    name: 'config-domainname-ignored',
    description: 'create ignores domainname.',
    breaks: "config.md domainname (1.1.0): the container's domain name",
    base: 'fixed-runc',
    killedBy: ['config.domainname'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-scheduler-ignored',
    description: 'create ignores process.scheduler.',
    breaks: 'config.md scheduler (1.1.0): policy and nice of the process',
    base: 'fixed-runc',
    killedBy: ['config.process.scheduler'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-io-priority-ignored',
    description: 'create ignores process.ioPriority.',
    breaks: 'config.md ioPriority (1.1.0): I/O class and level of the process',
    base: 'fixed-runc',
    killedBy: ['config.process.io-priority'],
    versions: ['1.1.0'],
  },
  {
    name: 'config-personality-ignored',
    description: 'create ignores linux.personality (as runc 1.1 does).',
    breaks: 'config-linux.md personality (1.0.2): the execution domain of the process',
    base: 'fixed-runc',
    killedBy: ['config.personality'],
  },
  {
    name: 'config-root-path-elsewhere',
    description: 'create runs the container in a copy of root.path whose /etc/passwd has one more line.',
    breaks: "config.md root.path: the container's root filesystem is the directory at root.path",
    base: 'runc',
    killedBy: ['config.root-path'],
  },
  {
    name: 'config-mounts-dropped',
    description: 'create ignores the mounts the config lists under /oci-mounts.',
    breaks: 'config.md mounts: each entry is mounted at its destination',
    base: 'runc',
    killedBy: ['config.mounts.tmpfs', 'config.mounts.flags', 'config.mounts.atime', 'config.mounts.bind', 'config.mounts.order', 'config.mounts.propagation'],
  },
  {
    name: 'config-mount-options-dropped',
    description: 'the mounts under /oci-mounts are made without their options (bind and rbind aside).',
    breaks: 'config.md mounts options: each mount gets its options',
    base: 'runc',
    killedBy: ['config.mounts.tmpfs', 'config.mounts.flags', 'config.mounts.atime', 'config.mounts.bind', 'config.mounts.order', 'config.mounts.propagation'],
  },
  {
    name: 'config-mount-atime-mixed',
    description: 'the atime options of the mounts under /oci-mounts are mixed up: strictatime is applied as noatime, noatime as relatime, relatime as strictatime.',
    breaks: 'config.md Linux mount options: strictatime, noatime and relatime',
    base: 'runc',
    killedBy: ['config.mounts.atime'],
  },
  {
    name: 'config-mount-order-reversed',
    description: 'the mounts under /oci-mounts are made in reverse order (the others keep theirs).',
    breaks: 'config.md mounts: the runtime MUST mount entries in the listed order',
    base: 'runc',
    killedBy: ['config.mounts.order'],
  },
  {
    name: 'config-mount-propagation-mixed',
    description: 'propagation types are mixed up, for the mounts under /oci-mounts and for rootfsPropagation: shared is applied as private, private and slave as shared, unbindable as private.',
    breaks: 'config.md propagation mount options; config-linux.md rootfsPropagation',
    base: 'fixed-runc',
    killedBy: [
      'config.mounts.propagation',
      'config.rootfs-propagation-shared',
      'config.rootfs-propagation-slave',
      'config.rootfs-propagation-private',
      'config.rootfs-propagation-unbindable',
    ],
  },
  {
    name: 'config-mount-relative-dropped',
    description: 'create skips mounts whose destination is not an absolute path.',
    breaks: 'config.md mounts destination (1.2.0): a relative destination is interpreted as relative to /',
    base: 'runc',
    killedBy: ['config.mounts.relative-destination'],
    versions: ['1.3.0'],
  },
  {
    name: 'config-default-filesystems-missing',
    description: 'the container gets no sysfs, devpts or /dev/shm mounts, and no /proc once its program runs.',
    breaks: 'config-linux.md Default Filesystems: proc, sysfs, devpts and /dev/shm SHOULD be available',
    base: 'runc',
    killedBy: ['config.default-filesystems'],
    expect: { 'config.default-filesystems': 'warn' },
  },
];

/**
 * Known survivors: mutants under test/mutants/survivors/ that break a behaviour the suite should
 * catch and does not, because of a weakness of a case (see `why`). The self-test runs them and
 * reports their verdicts without failing; once a case catches one, move it into MUTANTS.
 */
export const SURVIVORS: (Mutant & { why: string })[] = [];
