// Hooks (config.md "POSIX-platform Hooks", runtime.md lifecycle): that each kind runs, in order,
// at its point of the lifecycle, with the state on stdin, with its args and env, in the right
// namespace; timeouts; and what a failing hook does, per spec version.
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../harness/bundle.js';
import type { CaseContext, TestCase } from '../harness/case.js';
import { versionInRange, type SpecVersion } from '../../schema/versions.js';
import { R, RUN_MARKER_THEN_WAIT, failed, realBundlePath, releaseAndWaitStopped, stateValidation } from './programs.js';

export type HookKind = 'prestart' | 'createRuntime' | 'createContainer' | 'startContainer' | 'poststart' | 'poststop';
const ALL_KINDS: HookKind[] = ['prestart', 'createRuntime', 'createContainer', 'startContainer', 'poststart', 'poststop'];
const NEW_IN_102: HookKind[] = ['createRuntime', 'createContainer', 'startContainer'];

export function kindsAt(v: SpecVersion): HookKind[] {
  return ALL_KINDS.filter((k) => !NEW_IN_102.includes(k) || versionInRange(v, '1.0.2'));
}

/**
 * A hook that records what it saw: its state on stdin, argv, an env variable, its uts and net
 * namespaces, and its name appended to a shared order file. Runtime-namespace hooks see the host
 * path of the results directory; startContainer runs inside the container and sees RESULTS_MOUNT;
 * createContainer runs in the container's mount namespace before pivot_root, where the host path
 * is still reachable. The script tries the host path first.
 */
export function recordingHook(results: string, name: string, extra: { exit?: number; hang?: boolean; timeout?: number } = {}) {
  const script =
    `d=${results}; [ -d "$d" ] || d=${R}; ` +
    // A hanging hook becomes the sleep itself (exec), so aborting the hook leaves no child
    // behind that holds the runtime's pipes open.
    (extra.hang ? `echo ${name} >> "$d/started"; exec sleep 600; ` : '') +
    `cat > "$d/${name}.state"; ` +
    `echo "$0|$1|$HOOK_MARK" > "$d/${name}.argv"; ` +
    `{ readlink /proc/self/ns/uts; readlink /proc/self/ns/net; } > "$d/${name}.ns" 2>/dev/null; ` +
    `echo ${name} >> "$d/order"; exit ${extra.exit ?? 0}`;
  return {
    path: '/bin/sh',
    args: ['sh', '-c', script, name, `arg-of-${name}`],
    env: [`HOOK_MARK=env-of-${name}`, 'PATH=/bin:/usr/bin:/sbin:/usr/sbin'],
    ...(extra.timeout ? { timeout: extra.timeout } : {}),
  };
}

function addHooks(c: Config, results: string, kinds: HookKind[], per = 2, special?: (kind: HookKind, n: number) => Parameters<typeof recordingHook>[2] | undefined) {
  c.hooks = {};
  for (const k of kinds) {
    c.hooks[k] = Array.from({ length: per }, (_, i) => recordingHook(results, `${k}-${i + 1}`, special?.(k, i + 1)));
  }
}

function order(results: string): string[] {
  try {
    return readFileSync(join(results, 'order'), 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const ran = (results: string, name: string) => existsSync(join(results, `${name}.state`));

/** Which hooks the spec puts in create, at this version (prestart moved from start in 1.1.0). */
function createPhase(v: SpecVersion): HookKind[] {
  const k: HookKind[] = [];
  if (versionInRange(v, '1.1.0')) k.push('prestart');
  if (versionInRange(v, '1.0.2')) k.push('createRuntime', 'createContainer');
  return k;
}

/** The run requirement of each kind. */
const RUN_REQ: Record<HookKind, string> = {
  prestart: 'config.hooks.prestart-run',
  createRuntime: 'config.hooks.create-runtime-run',
  createContainer: 'config.hooks.create-container-run',
  startContainer: 'config.hooks.start-container-run',
  poststart: 'config.hooks.poststart-run',
  poststop: 'config.hooks.poststop-run',
};

const NS_REQ: Record<HookKind, string> = {
  prestart: 'config.hooks.prestart-namespace',
  createRuntime: 'config.hooks.create-runtime-namespace',
  createContainer: 'config.hooks.create-container-namespace',
  startContainer: 'config.hooks.start-container-namespace',
  poststart: 'config.hooks.poststart-namespace',
  poststop: 'config.hooks.poststop-namespace',
};

const FAIL_REQ: Partial<Record<HookKind, string>> = {
  prestart: 'config.hooks.prestart-failure-error',
  createRuntime: 'config.hooks.create-runtime-failure-error',
  createContainer: 'config.hooks.create-container-failure-error',
  startContainer: 'config.hooks.start-container-failure-error',
};

/**
 * Delete a container whatever its status, the way a caller would (kill, wait for stopped, delete),
 * so that a runtime's poststop hooks are due even when it wrongly kept the container alive.
 */
async function endAndDelete(t: CaseContext, id: string): Promise<void> {
  const st = await t.state(id);
  if (st.state && st.state.status !== 'stopped') {
    await t.kill(id, 'KILL');
    await t.waitForStatus(id, 'stopped');
  }
  await t.delete(id);
}

/** Create, start, let the program end, delete; snapshots of which hooks had run after each step. */
async function fullLifecycle(t: CaseContext, kinds: HookKind[], per = 2) {
  // Hooks write beside the program's files in the results directory: runtime-namespace hooks
  // through its host path, container-namespace ones through the mount.
  // The program logs itself in the same order file, so hook-versus-program order is observable.
  const b = t.bundle(`echo program >> ${R}/order; ${RUN_MARKER_THEN_WAIT}`, (c, results) => addHooks(c, results, kinds, per));
  const hooksDir = b.results;
  const id = t.newId();
  await t.mustCreate(id, b);
  const created = await t.state(id);
  const afterCreate = order(hooksDir);
  await t.mustStart(id);
  const afterStart = order(hooksDir);
  await t.waitForFile(join(b.results, 'ran'));
  await releaseAndWaitStopped(t, b, id);
  const beforeDelete = order(hooksDir);
  const del = await t.delete(id);
  const afterDelete = order(hooksDir);
  return { b, id, hooksDir, created, afterCreate, afterStart, beforeDelete, del, afterDelete };
}

export const cases: TestCase[] = [
  {
    id: 'hooks.run-and-order',
    revision: 1,
    title: 'every hook kind runs, hooks of a kind run in the listed order',
    area: 'hooks',
    requirements: [...Object.values(RUN_REQ), 'config.hooks.order'],
    async run(t) {
      const kinds = kindsAt(t.version);
      const r = await fullLifecycle(t, kinds);
      for (const k of kinds) {
        t.check(RUN_REQ[k], `${k} hooks ran`, ran(r.hooksDir, `${k}-1`) && ran(r.hooksDir, `${k}-2`), { actual: r.afterDelete });
        const i1 = r.afterDelete.indexOf(`${k}-1`);
        const i2 = r.afterDelete.indexOf(`${k}-2`);
        t.check('config.hooks.order', `${k}-1 runs before ${k}-2`, i1 >= 0 && i2 > i1, { actual: r.afterDelete });
      }
    },
  },
  {
    id: 'hooks.timing',
    revision: 1,
    title: 'each hook kind runs at its point of the lifecycle',
    area: 'hooks',
    requirements: [
      'config.hooks.prestart-during-start',
      'config.hooks.prestart-during-start-or-create',
      'config.hooks.prestart-during-create',
      'config.hooks.create-runtime-timing',
      'config.hooks.create-container-timing',
      'config.hooks.start-container-timing',
      'config.hooks.poststart-timing',
      'config.hooks.poststop-timing',
    ],
    async run(t) {
      const v = t.version;
      const r = await fullLifecycle(t, kindsAt(v), 1);
      const has = (list: string[], k: HookKind) => list.includes(`${k}-1`);
      const at = (k: HookKind) => ({ afterCreate: has(r.afterCreate, k), afterStart: has(r.afterStart, k), afterDelete: has(r.afterDelete, k) });
      // prestart: during start before 1.0.2, either in 1.0.2 (before createRuntime if in create), during create from 1.1.0.
      if (versionInRange(v, undefined, '1.0.2')) {
        t.check('config.hooks.prestart-during-start', 'prestart runs during start, not create', !has(r.afterCreate, 'prestart') && has(r.afterStart, 'prestart'), { actual: at('prestart') });
      } else if (versionInRange(v, '1.0.2', '1.1.0')) {
        const inCreate = has(r.afterCreate, 'prestart');
        const beforeCR = r.afterDelete.indexOf('prestart-1') < r.afterDelete.indexOf('createRuntime-1');
        t.check('config.hooks.prestart-during-start-or-create', 'prestart runs by the end of start; if during create, before createRuntime', has(r.afterStart, 'prestart') && (!inCreate || beforeCR), { actual: { ...at('prestart'), order: r.afterDelete } });
      } else {
        const beforeCR = r.afterDelete.indexOf('prestart-1') < r.afterDelete.indexOf('createRuntime-1');
        t.check('config.hooks.prestart-during-create', 'prestart runs during create, before createRuntime', has(r.afterCreate, 'prestart') && beforeCR, { actual: { ...at('prestart'), order: r.afterDelete } });
      }
      if (versionInRange(v, '1.0.2')) {
        t.check('config.hooks.create-runtime-timing', 'createRuntime runs during create', has(r.afterCreate, 'createRuntime'), { actual: at('createRuntime') });
        const crBeforeCC = r.afterDelete.indexOf('createRuntime-1') < r.afterDelete.indexOf('createContainer-1');
        t.check('config.hooks.create-container-timing', 'createContainer runs during create, after createRuntime', has(r.afterCreate, 'createContainer') && crBeforeCC, { actual: { ...at('createContainer'), order: r.afterDelete } });
        // "As part of start" and "before the program": the hook may finish after start returns
        // (start only has to trigger it), but never before start nor after the program began.
        const scBeforeProgram = r.afterDelete.indexOf('startContainer-1') >= 0 && r.afterDelete.indexOf('startContainer-1') < r.afterDelete.indexOf('program');
        t.check('config.hooks.start-container-timing', 'startContainer runs after create and before the user program', !has(r.afterCreate, 'startContainer') && scBeforeProgram, { actual: { ...at('startContainer'), order: r.afterDelete } });
      }
      t.check('config.hooks.poststart-timing', 'poststart has run when start returns, not before start', !has(r.afterCreate, 'poststart') && has(r.afterStart, 'poststart'), { actual: at('poststart') });
      t.check('config.hooks.poststop-timing', 'poststop runs during delete: not before it, done when it returns', !has(r.beforeDelete, 'poststop') && has(r.afterDelete, 'poststop'), { actual: { beforeDelete: has(r.beforeDelete, 'poststop'), afterDelete: has(r.afterDelete, 'poststop') } });
    },
  },
  {
    id: 'hooks.state-on-stdin',
    revision: 1,
    title: 'every hook gets a valid state document for its container on stdin',
    area: 'hooks',
    requirements: ['config.hooks.state-stdin'],
    async run(t) {
      const kinds = kindsAt(t.version);
      const r = await fullLifecycle(t, kinds, 1);
      for (const k of kinds) {
        const text = await t.readIfExists(join(r.hooksDir, `${k}-1.state`));
        let state: Record<string, unknown> | undefined;
        try {
          state = text ? JSON.parse(text) : undefined;
        } catch {
          state = undefined;
        }
        const v = state ? await stateValidation(t, state) : { valid: false, errors: ['no JSON on stdin'] };
        t.check('config.hooks.state-stdin', `${k}: stdin is a valid state of this container`, !!state && v.valid && state.id === r.id && state.bundle === realBundlePath(r.b), {
          expected: { id: r.id, bundle: realBundlePath(r.b), valid: true },
          actual: state ? { id: state.id, bundle: state.bundle, status: state.status, errors: v.errors } : (text ?? null),
        });
      }
    },
  },
  {
    id: 'hooks.args-and-env',
    revision: 1,
    title: 'hooks run with the configured path, args and env',
    area: 'hooks',
    requirements: ['config.hooks.exec-semantics'],
    async run(t) {
      const kinds = kindsAt(t.version);
      const r = await fullLifecycle(t, kinds, 1);
      for (const k of kinds) {
        const argv = (await t.readIfExists(join(r.hooksDir, `${k}-1.argv`)))?.trim();
        t.equal('config.hooks.exec-semantics', `${k}: argv and env as configured`, argv ?? null, `${k}-1|arg-of-${k}-1|env-of-${k}-1`);
      }
    },
  },
  {
    id: 'hooks.namespaces',
    revision: 1,
    title: 'runtime-namespace hooks run in the runtime namespaces, container-namespace hooks in the container',
    area: 'hooks',
    requirements: Object.values(NS_REQ),
    since: '1.0.2',
    needs: ['host-pid', 'hooks-in-container-namespace'],
    async run(t) {
      const kinds = kindsAt(t.version);
      const b = t.bundle(RUN_MARKER_THEN_WAIT, (c, results) => addHooks(c, results, kinds, 1));
      const hooksDir = b.results;
      const id = t.newId();
      await t.mustCreate(id, b);
      const pid = (await t.state(id)).state?.pid;
      let containerNs = '';
      try {
        containerNs = `${readlinkSync(`/proc/${pid}/ns/uts`)}\n${readlinkSync(`/proc/${pid}/ns/net`)}`;
      } catch {
        t.error(`cannot read the namespaces of the container process ${pid}`);
      }
      const runtimeNs = `${readlinkSync('/proc/self/ns/uts')}\n${readlinkSync('/proc/self/ns/net')}`;
      await t.mustStart(id);
      await t.waitForFile(join(b.results, 'ran'));
      await releaseAndWaitStopped(t, b, id);
      await t.delete(id);
      for (const k of kinds) {
        const seen = (await t.readIfExists(join(hooksDir, `${k}-1.ns`)))?.trim() ?? null;
        const inContainer = k === 'createContainer' || k === 'startContainer';
        const expected = inContainer ? containerNs : runtimeNs;
        t.check(NS_REQ[k], `${k} runs in the ${inContainer ? 'container' : 'runtime'} namespaces (uts, net)`, seen === expected, { expected, actual: seen });
      }
    },
  },
  {
    id: 'hooks.timeout',
    revision: 1,
    title: 'a hook that outlives its timeout is aborted and fails the operation',
    area: 'hooks',
    requirements: ['config.hooks.timeout-abort', 'config.hooks.prestart-failure-error', 'config.hooks.create-runtime-failure-error'],
    async run(t) {
      // createRuntime from 1.0.2 (prestart is deprecated); prestart before. The hook would sleep
      // far beyond the runtime call's own deadline, so a runtime that ignores timeout times out.
      const kind: HookKind = versionInRange(t.version, '1.0.2') ? 'createRuntime' : 'prestart';
      const b = t.bundle(RUN_MARKER_THEN_WAIT, (c, hooksDir) => {
        c.hooks = { [kind]: [recordingHook(hooksDir, `${kind}-1`, { hang: true, timeout: 1 })] };
      });
      const hooksDir = b.results;
      const id = t.newId();
      const create = await t.create(id, b);
      const op = kind === 'prestart' && versionInRange(t.version, undefined, '1.1.0') && create.exitCode === 0 ? await t.start(id) : create;
      t.check('config.hooks.timeout-abort', `the ${kind} hook is aborted and the operation fails instead of waiting`, failed(op), {
        expected: 'a non-zero exit well before the call deadline',
        actual: { exitCode: op.exitCode, timedOut: op.timedOut, durationMs: op.durationMs },
      });
      const started = existsSync(join(hooksDir, 'started'));
      const st = await t.state(id);
      t.check(kind === 'prestart' ? 'config.hooks.prestart-failure-error' : 'config.hooks.create-runtime-failure-error', 'the hook started, and the aborted hook left no running container', started && (failed(st.invocation) || st.state?.status === 'stopped'), {
        actual: { hookStarted: started, state: st.state?.status ?? `state exit ${st.invocation.exitCode}` },
      });
    },
  },
  ...(['prestart', 'createRuntime', 'createContainer', 'startContainer'] as HookKind[]).map(
    (kind): TestCase => ({
      id: `hooks.${kind.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())}-failure`,
      revision: 1,
      title: `a failing ${kind} hook fails the operation, destroys the container, and poststop still runs`,
      area: 'hooks',
      requirements: [FAIL_REQ[kind]!, 'config.hooks.poststop-run'],
      ...(NEW_IN_102.includes(kind) ? { since: '1.0.2' as SpecVersion } : {}),
      async run(t) {
        const b = t.bundle(RUN_MARKER_THEN_WAIT, (c, hooksDir) => {
          c.hooks = {
            [kind]: [recordingHook(hooksDir, `${kind}-1`, { exit: 1 }), recordingHook(hooksDir, `${kind}-2`)],
            poststop: [recordingHook(hooksDir, 'poststop-1')],
          };
        });
        const hooksDir = b.results;
        const id = t.newId();
        const duringStart = kind === 'startContainer' || (kind === 'prestart' && versionInRange(t.version, undefined, '1.0.2'));
        const create = await t.create(id, b);
        let op = create;
        if (duringStart) {
          if (create.exitCode !== 0) t.error(`create failed before the ${kind} hook was due`);
          op = await t.start(id);
        } else if (create.exitCode === 0 && kind === 'prestart') {
          // 1.0.2 allows prestart during start too.
          op = await t.start(id);
        }
        t.check(FAIL_REQ[kind]!, `the ${duringStart ? 'start' : 'create'} operation fails`, failed(op), { actual: op.exitCode });
        const st = await t.state(id);
        const destroyed = failed(st.invocation) || st.state?.status === 'stopped';
        t.check(FAIL_REQ[kind]!, 'the container is stopped or gone, and the program never ran', destroyed && !existsSync(join(b.results, 'ran')), {
          actual: { state: st.state?.status ?? `state exit ${st.invocation.exitCode}`, programRan: existsSync(join(b.results, 'ran')) },
        });
        // A container still listed has not been destroyed yet: end it ourselves to reach poststop.
        if (st.invocation.exitCode === 0) await endAndDelete(t, id);
        t.check('config.hooks.poststop-run', 'poststop hooks ran', ran(hooksDir, 'poststop-1'), { actual: order(hooksDir) });
      },
    }),
  ),
  {
    id: 'hooks.poststart-failure',
    revision: 1,
    title: 'a failing poststart hook: a warning up to 1.2.1, an error that destroys the container from 1.3.0',
    area: 'hooks',
    requirements: ['config.hooks.poststart-failure-warn', 'config.hooks.poststart-failure-error', 'config.hooks.poststop-run'],
    async run(t) {
      const b = t.bundle(RUN_MARKER_THEN_WAIT, (c, hooksDir) => {
        c.hooks = {
          poststart: [recordingHook(hooksDir, 'poststart-1', { exit: 1 }), recordingHook(hooksDir, 'poststart-2')],
          poststop: [recordingHook(hooksDir, 'poststop-1')],
        };
      });
      const hooksDir = b.results;
      const id = t.newId();
      // poststart belongs to start: a failure in it must not fail create (runc runs poststart
      // during create: runc#1710).
      const create = await t.create(id, b);
      const failureReq = versionInRange(t.version, '1.3.0') ? 'config.hooks.poststart-failure-error' : 'config.hooks.poststart-failure-warn';
      t.require(failureReq, 'create succeeds: a poststart hook cannot fail it', create.exitCode === 0, { actual: create.exitCode });
      const start = await t.start(id);
      if (versionInRange(t.version, '1.3.0')) {
        t.check('config.hooks.poststart-failure-error', 'start fails', failed(start), { actual: start.exitCode });
        const st = await t.state(id);
        t.check('config.hooks.poststart-failure-error', 'the container is stopped or gone', failed(st.invocation) || st.state?.status === 'stopped', { actual: st.state?.status ?? st.invocation.exitCode });
        if (st.invocation.exitCode === 0) await endAndDelete(t, id);
        t.check('config.hooks.poststop-run', 'poststop hooks ran', ran(hooksDir, 'poststop-1'), { actual: order(hooksDir) });
      } else {
        t.check('config.hooks.poststart-failure-warn', 'start succeeds', start.exitCode === 0, { actual: start.exitCode });
        t.check('config.hooks.poststart-failure-warn', 'the next poststart hook still runs', ran(hooksDir, 'poststart-2'), { actual: order(hooksDir) });
        const st = await t.state(id);
        // The program waits for "go", so a container that goes on is exactly "running".
        t.equal('config.hooks.poststart-failure-warn', 'the container keeps running', st.state?.status ?? null, 'running');
        await releaseAndWaitStopped(t, b, id);
        await t.delete(id);
        t.check('config.hooks.poststop-run', 'poststop hooks ran', ran(hooksDir, 'poststop-1'), { actual: order(hooksDir) });
      }
    },
  },
  {
    id: 'hooks.poststop-failure',
    revision: 1,
    title: 'a failing poststop hook is a warning: delete completes and later poststop hooks run',
    area: 'hooks',
    requirements: ['config.hooks.poststop-failure-warn'],
    async run(t) {
      const b = t.bundle(RUN_MARKER_THEN_WAIT, (c, hooksDir) => {
        c.hooks = { poststop: [recordingHook(hooksDir, 'poststop-1', { exit: 1 }), recordingHook(hooksDir, 'poststop-2')] };
      });
      const hooksDir = b.results;
      const id = t.newId();
      await t.mustCreate(id, b);
      await t.mustStart(id);
      await t.waitForFile(join(b.results, 'ran'));
      await releaseAndWaitStopped(t, b, id);
      const del = await t.delete(id);
      t.check('config.hooks.poststop-failure-warn', 'delete succeeds', del.exitCode === 0, { actual: del.exitCode });
      t.check('config.hooks.poststop-failure-warn', 'the next poststop hook still runs', ran(hooksDir, 'poststop-2'), { actual: order(hooksDir) });
      const st = await t.state(id);
      t.check('config.hooks.poststop-failure-warn', 'the container is gone', failed(st.invocation), { actual: st.state?.status ?? st.invocation.exitCode });
    },
  },
];
