// The create operation (runtime.md "Create", lifecycle steps 1-2).
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCase } from '../harness/case.js';
import { R, RUN_MARKER_THEN_WAIT, createWaiting, failed, realBundlePath } from './programs.js';

export const cases: TestCase[] = [
  {
    id: 'create.missing-id',
    revision: 1,
    title: 'create without a container ID fails',
    area: 'create',
    requirements: ['runtime.create.missing-args'],
    async run(t) {
      const b = t.bundle(RUN_MARKER_THEN_WAIT);
      const inv = await t.raw('create', ['create', '--bundle', b.dir]);
      t.check('runtime.create.missing-args', 'create with no ID exits non-zero', failed(inv), { actual: inv.exitCode });
    },
  },
  {
    id: 'create.duplicate-id',
    revision: 1,
    title: 'create with an ID in use fails and leaves the first container untouched',
    area: 'create',
    requirements: ['runtime.create.duplicate-id', 'runtime.state.id-unique'],
    async run(t) {
      const { b, id } = await createWaiting(t);
      const before = await t.state(id);
      const second = t.bundle(`echo second >> ${R}/second`);
      const dup = await t.create(id, second);
      t.check('runtime.create.duplicate-id', 'the second create exits non-zero', failed(dup), { actual: dup.exitCode });
      const after = await t.state(id);
      t.check('runtime.state.id-unique', 'the first container is still created, with the same pid and bundle', after.state?.status === 'created' && after.state?.pid === before.state?.pid && after.state?.bundle === realBundlePath(b), {
        expected: { status: 'created', pid: before.state?.pid, bundle: realBundlePath(b) },
        actual: after.state ? { status: after.state.status, pid: after.state.pid, bundle: after.state.bundle } : after.parseError,
      });
    },
  },
  {
    id: 'create.program-not-run',
    revision: 1,
    title: 'the user program does not run before start, and runs on start',
    area: 'create',
    requirements: ['runtime.lifecycle.program-not-run-at-create', 'runtime.create.args-not-applied', 'runtime.start.run-program'],
    async run(t) {
      const { b, id } = await createWaiting(t);
      // Give a premature program every chance to show itself: state is a full round trip.
      await t.state(id);
      const early = existsSync(join(b.results, 'ran'));
      t.check('runtime.lifecycle.program-not-run-at-create', 'no trace of the program after create', !early);
      t.check('runtime.create.args-not-applied', 'process.args not executed before start', !early);
      await t.mustStart(id);
      const ran = await t.waitForFile(join(b.results, 'ran'));
      t.check('runtime.start.run-program', 'the program runs after start', ran !== undefined);
    },
  },
  {
    id: 'create.config-edits-ignored',
    revision: 1,
    title: 'editing config.json after create changes nothing',
    area: 'create',
    requirements: ['runtime.lifecycle.config-edits-ignored'],
    async run(t) {
      const { b, id } = await createWaiting(t);
      const edited = { ...b.config, process: { ...b.config.process, args: ['/bin/sh', '-c', `echo edited >> ${R}/edited`] } };
      writeFileSync(b.configPath, JSON.stringify(edited));
      await t.mustStart(id);
      const ran = await t.waitForFile(join(b.results, 'ran'));
      t.check('runtime.lifecycle.config-edits-ignored', 'the program from create time runs, not the edited one', ran !== undefined && !existsSync(join(b.results, 'edited')), {
        expected: 'results/ran exists, results/edited does not',
        actual: { ran: ran !== undefined, edited: existsSync(join(b.results, 'edited')) },
      });
    },
  },
  {
    id: 'create.unapplicable-property',
    revision: 1,
    title: 'a property the runtime cannot apply fails create and leaves no container',
    area: 'create',
    requirements: ['runtime.create.unsupported-property', 'runtime.lifecycle.create-environment-error', 'runtime.errors.no-side-effects'],
    async run(t) {
      // A namespace path that does not exist can be applied by no runtime.
      const b = t.bundle(RUN_MARKER_THEN_WAIT, (c) => {
        c.linux.namespaces = c.linux.namespaces.map((n: { type: string }) => (n.type === 'network' ? { type: 'network', path: join(t.dir, 'no-such-netns') } : n));
      });
      const id = t.newId();
      const inv = await t.create(id, b);
      t.check('runtime.create.unsupported-property', 'create exits non-zero', failed(inv), { actual: inv.exitCode });
      t.check('runtime.lifecycle.create-environment-error', 'an error is generated', failed(inv), { actual: inv.exitCode });
      const st = await t.state(id);
      t.check('runtime.errors.no-side-effects', 'no container is left: state of the ID fails', failed(st.invocation), {
        expected: 'state exits non-zero',
        actual: st.state ?? st.invocation.exitCode,
      });
      const reuse = await t.create(id, t.bundle(RUN_MARKER_THEN_WAIT));
      t.check('runtime.errors.no-side-effects', 'the ID can be used again at once', reuse.exitCode === 0, { actual: reuse.exitCode });
    },
  },
];
