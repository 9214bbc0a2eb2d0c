// The state operation and the state document (runtime.md "State", "Query State").
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestCase } from '../harness/case.js';
import { createWaiting, failed, realBundlePath, releaseAndWaitStopped, stateValidation, R } from './programs.js';

const ANNOTATIONS = { 'org.example.conformance/key': 'value with spaces', 'org.example.conformance/empty': '' };

export const cases: TestCase[] = [
  {
    id: 'state.document-after-create',
    revision: 1,
    title: 'state of a created container has the required fields and valid values',
    area: 'state',
    requirements: [
      'runtime.query-state.returns-state',
      'runtime.state.oci-version-created-with',
      'runtime.state.oci-version',
      'runtime.state.id',
      'runtime.state.status',
      'runtime.state.pid',
      'runtime.state.bundle',
      'runtime.state.annotations',
      'runtime.state.schema',
    ],
    async run(t) {
      const { b, id } = await createWaiting(t, (c) => (c.annotations = ANNOTATIONS));
      const { invocation, state, parseError } = await t.state(id);
      t.require('runtime.query-state.returns-state', 'state exits 0 and prints a JSON object', invocation.exitCode === 0 && !!state, {
        expected: 'exit 0 with a JSON object on stdout',
        actual: parseError ?? `exit ${invocation.exitCode}`,
      });
      const s = state!;
      t.check('runtime.state.oci-version', 'ociVersion is a string', typeof s.ociVersion === 'string', { actual: s.ociVersion });
      t.equal('runtime.state.id', 'id is the ID given to create', s.id, id);
      t.equal('runtime.state.status', 'status is "created" after create', s.status, 'created');
      t.check('runtime.state.pid', 'pid is a positive integer while created', Number.isInteger(s.pid) && (s.pid as number) > 0, {
        expected: 'integer > 0',
        actual: s.pid,
      });
      t.equal('runtime.state.bundle', 'bundle is the absolute path of the bundle directory', s.bundle, realBundlePath(b));
      t.equal('runtime.state.annotations', 'annotations round-trip from config.json', s.annotations, ANNOTATIONS);
      const v = await stateValidation(t, s);
      t.check('runtime.state.schema', 'the document validates against the state schema', v.valid, { actual: v.errors });
    },
  },
  {
    id: 'state.status-transitions',
    revision: 1,
    title: 'status goes created, running, stopped as the program starts and exits',
    area: 'state',
    requirements: ['runtime.state.status', 'runtime.state.status-extra-values', 'runtime.state.pid'],
    async run(t) {
      const { b, id } = await createWaiting(t);
      const created = await t.state(id);
      t.equal('runtime.state.status', 'status after create', created.state?.status, 'created');
      await t.mustStart(id);
      await t.waitForFile(join(b.results, 'ran'));
      const running = await t.state(id);
      t.equal('runtime.state.status', 'status while the program runs', running.state?.status, 'running');
      t.check('runtime.state.pid', 'pid present while running', Number.isInteger(running.state?.pid) && (running.state?.pid as number) > 0, {
        actual: running.state?.pid,
      });
      const stopped = await releaseAndWaitStopped(t, b, id);
      t.check('runtime.state.status-extra-values', 'status becomes exactly "stopped" after the program exits', stopped.reached, {
        expected: 'stopped',
        actual: stopped.last?.state?.status ?? stopped.last?.parseError,
      });
    },
  },
  {
    id: 'state.errors',
    revision: 1,
    title: 'state without an ID and with an unknown ID fails',
    area: 'state',
    requirements: ['runtime.query-state.missing-id', 'runtime.query-state.unknown-id'],
    async run(t) {
      const none = await t.raw('state', ['state']);
      t.check('runtime.query-state.missing-id', 'state with no ID exits non-zero', failed(none), { actual: none.exitCode });
      const unknown = await t.state(t.newId());
      t.check('runtime.query-state.unknown-id', 'state of an unknown ID exits non-zero', failed(unknown.invocation), {
        actual: unknown.invocation.exitCode,
      });
    },
  },
  {
    id: 'state.pid-file',
    revision: 1,
    title: 'create --pid-file writes the pid that state reports',
    area: 'state',
    requirements: ['cli.create.pid-file'],
    async run(t) {
      const b = t.bundle(`echo ran >> ${R}/ran; sleep 60`);
      const id = t.newId();
      const pidFile = join(t.dir, 'container.pid');
      await t.mustCreate(id, b, { pidFile });
      const st = await t.state(id);
      const written = await readFile(pidFile, 'utf8').catch(() => undefined);
      t.check('cli.create.pid-file', 'pid file exists and holds state.pid', written !== undefined && Number(written.trim()) === st.state?.pid, {
        expected: st.state?.pid,
        actual: written,
      });
    },
  },
];
