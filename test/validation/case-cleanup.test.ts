// Host-side cleanups a case registers (t.onCleanup) run when the case ends, whatever the ending:
// a pass, an error, a deadline; last registered first; a failing cleanup makes the case an
// error; one registered after the case has ended runs at once. No runtime is called: the cases
// only register cleanups, and the runtime is /bin/true.
import t from 'tap';
import type { TestCase } from '../../validation/harness/case.js';
import { runSuite } from '../../validation/harness/runner.js';
import { findStaticBusybox } from '../../validation/harness/rootfs.js';
import { runSandboxAsTmpdir } from '../support/run-sandbox.js';

let busybox = true;
try {
  findStaticBusybox();
} catch {
  busybox = false;
}

t.test('cleanups run when the case ends, whatever the ending', { skip: !busybox && 'needs a static busybox for the run\'s rootfs' }, async (t) => {
  const sb = runSandboxAsTmpdir('cleanup-');
  t.teardown(() => {
    sb.restore();
    sb.remove();
  });

  const log: string[] = [];
  const mk = (id: string, run: TestCase['run']): TestCase => ({ id, revision: 1, title: id, area: 'x', requirements: ['runtime.errors.no-side-effects'], run });
  let lateDone: Promise<void> | undefined;
  const cases: TestCase[] = [
    mk('x.pass', async (c) => {
      c.onCleanup(() => void log.push('pass:first'));
      c.onCleanup(async () => void log.push('pass:second'));
      c.check('runtime.errors.no-side-effects', 'ok', true);
    }),
    mk('x.error', async (c) => {
      c.onCleanup(() => void log.push('error:cleaned'));
      c.error('the case gives up');
    }),
    mk('x.cleanup-fails', async (c) => {
      c.onCleanup(() => {
        throw new Error('could not kill the helper');
      });
      c.check('runtime.errors.no-side-effects', 'ok', true);
    }),
    mk('x.deadline', async (c) => {
      c.onCleanup(() => void log.push('deadline:cleaned'));
      // Outlives its 1 s deadline, then registers one more cleanup: it must run at once.
      lateDone = new Promise((resolve) =>
        setTimeout(() => {
          c.onCleanup(() => {
            log.push('deadline:late');
            resolve();
          });
        }, 1500),
      );
      await lateDone;
    }),
  ];
  const report = await runSuite({ profile: { profileVersion: 1, name: 'true', command: ['/bin/true'], isolation: 'native', featuresCommand: false, specVersion: '1.0.2' }, cases, caseTimeout: 1 });
  const status = (id: string) => report.tests.find((x) => x.id === id);
  t.equal(status('x.pass')?.status, 'pass');
  t.same(log.filter((l) => l.startsWith('pass:')), ['pass:second', 'pass:first'], 'last registered runs first, each once');
  t.equal(status('x.error')?.status, 'error');
  t.ok(log.includes('error:cleaned'), 'a case that errors is cleaned up');
  t.equal(status('x.cleanup-fails')?.status, 'error', 'a failing cleanup makes the case an error');
  t.match(status('x.cleanup-fails')?.error, /host-side cleanup failed: could not kill the helper/);
  t.equal(status('x.deadline')?.status, 'error');
  t.ok(log.includes('deadline:cleaned'), 'a case past its deadline is cleaned up');
  await lateDone;
  t.ok(log.includes('deadline:late'), 'a cleanup registered after the case ended runs at once');
});
