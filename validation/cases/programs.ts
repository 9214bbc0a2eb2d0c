// Container programs and host-side helpers shared by the case files. Programs are busybox sh
// scripts; they talk to the host only through files in the results directory.
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Config } from '../harness/bundle.js';
import type { CaseContext } from '../harness/case.js';
import type { Invocation } from '../harness/invoke.js';
import { RESULTS_MOUNT } from '../harness/rootfs.js';
import { trace } from '../harness/trace.js';

export const R = RESULTS_MOUNT;

/**
 * Block until the host creates results/go, then leave results/done as the last act before the
 * shell exits. Polling a file is the one signal that crosses every isolation kind (a host FIFO
 * does not reach a VM guest); 20 ms keeps a waiting container's CPU use small (10 ms costs a
 * quarter of a core in forks). The host waits for "done" with cheap file checks instead of
 * asking the runtime for state again and again.
 */
export const WAIT_FOR_GO = `while [ ! -e ${R}/go ]; do sleep 0.02; done; : > ${R}/done`;

/** Record that the program ran (appending, so a second run is visible), then wait for go. */
export const RUN_MARKER_THEN_WAIT = `echo ran >> ${R}/ran; ${WAIT_FOR_GO}`;

export function releaseProgram(b: Bundle): void {
  writeFileSync(join(b.results, 'go'), '');
  trace({ kind: 'write', path: join(b.results, 'go') });
}

/**
 * Release the program and wait until state says stopped. Waiting first for the program's "done"
 * file costs no runtime calls; the state polls that follow usually find it stopped at once.
 */
export async function releaseAndWaitStopped(t: CaseContext, b: Bundle, id: string) {
  releaseProgram(b);
  await t.waitForFile(join(b.results, 'done'));
  return t.waitForStatus(id, 'stopped');
}

/** Container lifecycle helper: a created container with a program that waits for "go". */
export async function createWaiting(t: CaseContext, edit?: Parameters<CaseContext['bundle']>[1]) {
  const b = t.bundle(RUN_MARKER_THEN_WAIT, edit);
  const id = t.newId();
  await t.mustCreate(id, b);
  return { b, id };
}

/** A running container whose program has signalled that it started. */
export async function startRunning(t: CaseContext, edit?: Parameters<CaseContext['bundle']>[1]) {
  const { b, id } = await createWaiting(t, edit);
  await t.mustStart(id);
  const ran = await t.waitForFile(join(b.results, 'ran'));
  if (ran === undefined) t.error('the container program did not start within the deadline');
  return { b, id };
}

/** Let the program finish and wait for state to say stopped. */
export async function stopByRelease(t: CaseContext, b: Bundle, id: string) {
  const st = await releaseAndWaitStopped(t, b, id);
  if (!st.reached) t.error(`the container did not reach status stopped after its program ended (last: ${JSON.stringify(st.last?.state?.status)})`);
}

/**
 * Validate a state document with our schema and prose rules for `t.version`. The validator (and
 * ajv) is loaded on first use: a run that never validates a document does not pay for it.
 */
export async function stateValidation(t: CaseContext, state: unknown) {
  const { validateDocument } = await import('../../schema/validator.js');
  const { readDocument } = await import('../../schema/document.js');
  const doc = readDocument('state', Buffer.from(JSON.stringify(state)));
  const r = validateDocument(doc, { kind: 'state', specVersion: t.version });
  return { valid: r.valid, errors: r.errors.map((e) => `${e.pointer || '/'}: ${e.message}`) };
}

export function realBundlePath(b: Bundle): string {
  return realpathSync(b.dir);
}

/**
 * True when the runtime reported an error the way the CLI contract says: it exited with a
 * non-zero code. Dying of a signal (a crash) or hanging until the deadline is not reporting one.
 */
export function failed(inv: { exitCode: number | null; timedOut: boolean; spawnError?: string }): boolean {
  return inv.exitCode !== null && inv.exitCode !== 0 && !inv.timedOut && !inv.spawnError;
}

/**
 * A config the runtime cannot apply: create must exit non-zero (a check against `req`), and then
 * no container may be left under the ID (runtime.errors.no-side-effects; the case must cite
 * both). Returns the create call. A create that succeeds leaves a container the runner removes.
 */
export async function expectCreateRefused(t: CaseContext, req: string, what: string, edit: (c: Config) => void): Promise<Invocation> {
  const b = t.bundle(RUN_MARKER_THEN_WAIT, edit);
  const id = t.newId();
  const inv = await t.create(id, b);
  if (t.check(req, `create ${what} exits non-zero`, failed(inv), { expected: 'non-zero exit', actual: inv.exitCode ?? inv.signal })) {
    const st = await t.state(id);
    t.check('runtime.errors.no-side-effects', `after the refused create ${what}, no container is left: state of the ID fails`, failed(st.invocation), {
      expected: 'state exits non-zero',
      actual: st.state ?? st.invocation.exitCode,
    });
  }
  return inv;
}
