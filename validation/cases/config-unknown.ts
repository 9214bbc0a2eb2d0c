// Config values the runtime cannot map to the kernel (config.md "Valid values", rlimits,
// capabilities): create must refuse them and leave nothing behind, except where the spec says
// otherwise (unknown capabilities from 1.1.0: a warning, and the container still runs). Namespace
// and seccomp values of this kind are in config-namespaces.ts and config-seccomp.ts.
import { join } from 'node:path';
import type { Config } from '../harness/bundle.js';
import type { TestCase } from '../harness/case.js';
import { describe } from '../harness/case.js';
import { versionInRange } from '../../schema/versions.js';
import { RUN_MARKER_THEN_WAIT, expectCreateRefused } from './programs.js';

/** Names no kernel maps: the spec's own pattern (RLIMIT_*, CAP_*) with an unknown suffix. */
const UNKNOWN_RLIMIT = 'RLIMIT_OCI_CONFORMANCE_UNKNOWN';
const UNKNOWN_CAPABILITY = 'CAP_OCI_CONFORMANCE_UNKNOWN';

export const cases: TestCase[] = [
  {
    id: 'config.unknown.rlimit-type',
    revision: 1,
    title: 'an rlimits entry of a type no kernel resource has makes create fail',
    area: 'config',
    requirements: ['config.process.rlimits-unknown-type', 'runtime.errors.no-side-effects'],
    async run(t) {
      await expectCreateRefused(t, 'config.process.rlimits-unknown-type', `with an rlimits entry of type ${UNKNOWN_RLIMIT}`, (c) => {
        c.process.rlimits = [...(c.process.rlimits ?? []), { type: UNKNOWN_RLIMIT, soft: 1024, hard: 1024 }];
      });
    },
  },
  {
    id: 'config.unknown.capability',
    revision: 1,
    title: 'an unknown capability makes create fail before 1.1.0; from 1.1.0 it is only a warning and the container runs',
    area: 'config',
    requirements: ['config.process.capabilities-unmappable-error', 'config.process.capabilities-ungrantable-no-fail', 'runtime.errors.no-side-effects'],
    async run(t) {
      const edit = (c: Config) => {
        for (const set of ['bounding', 'effective', 'permitted']) c.process.capabilities[set] = [...(c.process.capabilities[set] ?? []), UNKNOWN_CAPABILITY];
      };
      if (!versionInRange(t.version, '1.1.0')) {
        await expectCreateRefused(t, 'config.process.capabilities-unmappable-error', `with ${UNKNOWN_CAPABILITY} in three capability sets`, edit);
        return;
      }
      // From 1.1.0: log a warning (how is unspecified, so not checked) and carry on.
      const b = t.bundle(RUN_MARKER_THEN_WAIT, edit);
      const id = t.newId();
      const created = await t.create(id, b);
      const started = created.exitCode === 0 ? await t.start(id) : undefined;
      const ran = started?.exitCode === 0 ? await t.waitForFile(join(b.results, 'ran')) : undefined;
      t.check('config.process.capabilities-ungrantable-no-fail', `create and start with ${UNKNOWN_CAPABILITY} succeed and the program runs`, ran !== undefined, {
        expected: 'create and start exit 0, the program runs',
        actual: started === undefined ? `create: ${describe(created)}` : started.exitCode !== 0 ? `start: ${describe(started)}` : 'the program did not run',
      });
    },
  },
];
