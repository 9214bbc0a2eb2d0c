// The start operation (runtime.md "Start").
import { join } from 'node:path';
import type { TestCase } from '../harness/case.js';
import { failed, startRunning, stopByRelease } from './programs.js';

async function runCount(t: Parameters<TestCase['run']>[0], results: string): Promise<number> {
  const text = await t.readIfExists(join(results, 'ran'));
  return text ? text.trim().split('\n').length : 0;
}

export const cases: TestCase[] = [
  {
    id: 'start.on-running',
    revision: 1,
    title: 'start on a running container fails and has no effect',
    area: 'start',
    requirements: ['runtime.start.not-created-error', 'runtime.start.not-created-no-effect'],
    async run(t) {
      const { b, id } = await startRunning(t);
      const again = await t.start(id);
      t.check('runtime.start.not-created-error', 'the second start exits non-zero', failed(again), { actual: again.exitCode });
      const st = await t.state(id);
      t.check('runtime.start.not-created-no-effect', 'still running, the program ran once', st.state?.status === 'running' && (await runCount(t, b.results)) === 1, {
        expected: { status: 'running', runs: 1 },
        actual: { status: st.state?.status, runs: await runCount(t, b.results) },
      });
    },
  },
  {
    id: 'start.on-stopped',
    revision: 1,
    title: 'start on a stopped container fails and has no effect',
    area: 'start',
    requirements: ['runtime.start.not-created-error', 'runtime.start.not-created-no-effect'],
    async run(t) {
      const { b, id } = await startRunning(t);
      await stopByRelease(t, b, id);
      const again = await t.start(id);
      t.check('runtime.start.not-created-error', 'start on stopped exits non-zero', failed(again), { actual: again.exitCode });
      const st = await t.state(id);
      t.check('runtime.start.not-created-no-effect', 'still stopped, the program did not run again', st.state?.status === 'stopped' && (await runCount(t, b.results)) === 1, {
        expected: { status: 'stopped', runs: 1 },
        actual: { status: st.state?.status, runs: await runCount(t, b.results) },
      });
    },
  },
  {
    id: 'start.errors',
    revision: 1,
    title: 'start without an ID and with an unknown ID fails',
    area: 'start',
    requirements: ['runtime.start.missing-id', 'runtime.start.not-created-error'],
    async run(t) {
      const none = await t.raw('start', ['start']);
      t.check('runtime.start.missing-id', 'start with no ID exits non-zero', failed(none), { actual: none.exitCode });
      const unknown = await t.start(t.newId());
      t.check('runtime.start.not-created-error', 'start of an unknown ID exits non-zero', failed(unknown), { actual: unknown.exitCode });
    },
  },
];
