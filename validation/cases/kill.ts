// The kill operation (runtime.md "Kill"; the signal argument per the runtime CLI contract).
import { join } from 'node:path';
import type { TestCase } from '../harness/case.js';
import { R, failed, startRunning, stopByRelease } from './programs.js';

// The program is pid 1 of its pid namespace, so the kernel drops signals it has no handler for:
// it traps each one and appends the name to a file. `sleep & wait` lets a trap run at once.
const TRAPPED = ['TERM', 'USR1', 'USR2', 'HUP', 'INT'];
const TRAP_PROGRAM =
  TRAPPED.map((s) => `trap 'echo ${s} >> ${R}/signals' ${s}`).join('; ') +
  `; echo ran >> ${R}/ran; while :; do sleep 1 & wait $!; done`;

export const cases: TestCase[] = [
  {
    id: 'kill.delivers-signals',
    revision: 1,
    title: 'kill delivers TERM, USR1, USR2, HUP and INT to the container process, and TERM by default',
    area: 'kill',
    requirements: ['runtime.kill.deliver-signal', 'cli.kill.signal-option'],
    async run(t) {
      const b = t.bundle(TRAP_PROGRAM);
      const id = t.newId();
      await t.mustCreate(id, b);
      await t.mustStart(id);
      if ((await t.waitForFile(join(b.results, 'ran'))) === undefined) t.error('the container program did not start');
      const signalsFile = join(b.results, 'signals');
      const seen = async (n: number) => {
        const text = (await t.readIfExists(signalsFile)) ?? '';
        const lines = text.trim().split('\n').filter(Boolean);
        return lines.length >= n ? lines : undefined;
      };
      let n = 0;
      for (const sig of ['USR1', 'USR2', 'HUP', 'INT', 'TERM']) {
        const inv = await t.kill(id, sig);
        const lines = await t.waitFor(`signal ${sig}`, () => seen(n + 1), 5000);
        n++;
        t.check('runtime.kill.deliver-signal', `SIG${sig} reaches the program`, inv.exitCode === 0 && lines?.[n - 1] === sig, {
          expected: sig,
          actual: { killExit: inv.exitCode, recorded: lines?.[n - 1] ?? null },
        });
      }
      const dflt = await t.kill(id);
      const lines = await t.waitFor('default signal', () => seen(n + 1), 5000);
      t.check('cli.kill.signal-option', 'kill without a signal sends TERM', dflt.exitCode === 0 && lines?.[n] === 'TERM', {
        expected: 'TERM',
        actual: { killExit: dflt.exitCode, recorded: lines?.[n] ?? null },
      });
      const k = await t.kill(id, 'KILL');
      const st = await t.waitForStatus(id, 'stopped');
      t.check('runtime.kill.deliver-signal', 'SIGKILL stops the container', k.exitCode === 0 && st.reached, {
        expected: 'stopped',
        actual: { killExit: k.exitCode, status: st.last?.state?.status },
      });
    },
  },
  {
    id: 'kill.on-stopped',
    revision: 1,
    title: 'kill of a stopped container fails and has no effect',
    area: 'kill',
    requirements: ['runtime.kill.not-running-error', 'runtime.kill.not-running-no-effect'],
    async run(t) {
      const { b, id } = await startRunning(t);
      await stopByRelease(t, b, id);
      const inv = await t.kill(id, 'KILL');
      t.check('runtime.kill.not-running-error', 'kill exits non-zero', failed(inv), { actual: inv.exitCode });
      const st = await t.state(id);
      t.equal('runtime.kill.not-running-no-effect', 'the container is still there, stopped', st.state?.status, 'stopped');
    },
  },
  {
    id: 'kill.errors',
    revision: 1,
    title: 'kill without an ID and with an unknown ID fails',
    area: 'kill',
    requirements: ['runtime.kill.missing-id', 'runtime.kill.not-running-error'],
    async run(t) {
      const none = await t.raw('kill', ['kill']);
      t.check('runtime.kill.missing-id', 'kill with no ID exits non-zero', failed(none), { actual: none.exitCode });
      const unknown = await t.kill(t.newId(), 'TERM');
      t.check('runtime.kill.not-running-error', 'kill of an unknown ID exits non-zero', failed(unknown), { actual: unknown.exitCode });
    },
  },
];
