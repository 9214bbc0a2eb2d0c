// Unit tests of the harness's pure parts: selection, requirement resolution across versions,
// verdicts, profiles, the catalogue's integrity, and the TAP rendering of results.
import t from 'tap';
import { Parser } from 'tap-parser';
import { matchesPattern, selectCases } from '../../validation/harness/runner.js';
import { KNOWN_NEEDS, requirementAt, statusOf, type TestCase } from '../../validation/harness/case.js';
import { parseProfile, resolveProfile, builtinProfileNames } from '../../validation/harness/profile.js';
import { isStaticElf } from '../../validation/harness/rootfs.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { requirement } from '../../validation/requirements/index.js';
import { renderTapReport } from '../../reports/tap-stream.js';
import { summarize, type Report, type TestResult } from '../../reports/model.js';
import { SPEC_VERSIONS, versionInRange } from '../../schema/versions.js';

t.test('test ID patterns', async (t) => {
  t.ok(matchesPattern('hooks.timeout', 'hooks.*'));
  t.ok(matchesPattern('hooks.timeout', 'hooks.timeout'));
  t.ok(matchesPattern('hooks.timeout', '*.timeout'));
  t.notOk(matchesPattern('hooksXtimeout', 'hooks.timeout'), '"." is literal');
  t.notOk(matchesPattern('hooks.timeout2', 'hooks.timeout'), 'anchored');
  const ids = selectCases(CATALOGUE, ['hooks.*'], ['hooks.timeout']).map((c) => c.id);
  t.ok(ids.length > 3 && ids.every((id) => id.startsWith('hooks.') && id !== 'hooks.timeout'));
});

t.test('requirements resolve to the entry in force at each version', async (t) => {
  t.equal(requirementAt('config.hooks.poststart-failure-warn', '1.2.1').id, 'config.hooks.poststart-failure-warn');
  t.equal(requirementAt('config.hooks.poststart-failure-warn', '1.3.0').id, 'config.hooks.poststart-failure-error');
  t.equal(requirementAt('config.hooks.poststart-failure-error', '1.0.0').id, 'config.hooks.poststart-failure-warn');
  t.equal(requirementAt('runtime.state.oci-version', '1.0.1').id, 'runtime.state.oci-version-created-with');
  t.equal(requirementAt('config.hooks.prestart-during-create', '1.0.0').id, 'config.hooks.prestart-during-start');
  t.equal(requirementAt('config.hooks.prestart-during-create', '1.0.2').id, 'config.hooks.prestart-during-start-or-create');
});

t.test('verdict from checks: MUST-class failures fail, SHOULD/MAY-class ones warn', async (t) => {
  const c = (level: 'MUST' | 'SHOULD' | 'MAY', ok: boolean) => ({ requirement: 'x', level, name: 'n', ok });
  t.equal(statusOf([c('MUST', true)]), 'pass');
  t.equal(statusOf([c('MUST', false), c('SHOULD', true)]), 'fail');
  t.equal(statusOf([c('SHOULD', false), c('MUST', true)]), 'warn');
  t.equal(statusOf([c('MAY', false)]), 'warn');
});

t.test('catalogue integrity', async (t) => {
  const ids = new Set<string>();
  for (const c of CATALOGUE) {
    t.notOk(ids.has(c.id), `${c.id} unique`);
    ids.add(c.id);
    t.match(c.id, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, `${c.id} well-formed`);
    t.ok(c.revision >= 1, `${c.id} has a revision`);
    t.ok(c.requirements.length > 0, `${c.id} cites requirements`);
    for (const r of c.requirements) t.doesNotThrow(() => requirement(r), `${c.id}: ${r} is in the catalogue`);
    for (const n of c.needs ?? []) t.ok(KNOWN_NEEDS.includes(n), `${c.id}: need ${n} is known`);
    // Every version the case runs at must have at least one of its requirements in force.
    for (const v of SPEC_VERSIONS.filter((v) => versionInRange(v, c.since, c.until))) {
      t.ok(c.requirements.some((r) => versionInRange(v, requirementAt(r, v).since, requirementAt(r, v).until)), `${c.id} cites a requirement in force at ${v}`);
    }
  }
});

t.test('profiles: built-ins load, unknown versions and fields are refused', async (t) => {
  for (const name of builtinProfileNames()) t.doesNotThrow(() => resolveProfile(name, undefined), `built-in ${name} loads`);
  t.throws(() => parseProfile('profileVersion: 2\nname: x\ncommand: [x]\nisolation: native\n', 'p.yaml'), /profileVersion 2 is not supported/);
  t.throws(() => parseProfile('name: x\n', 'p.yaml'), /no profileVersion/);
  t.throws(() => parseProfile('profileVersion: 1\nname: x\ncommand: [x]\nisolation: native\ncomand: [y]\n', 'p.yaml'), /must NOT have additional properties/);
  t.throws(() => parseProfile('profileVersion: 1\nname: x\ncommand: [x]\nisolation: hypervisor\n', 'p.yaml'), /isolation must be equal to one of the allowed values/);
  t.throws(() => parseProfile('a: [1,\n', 'p.yaml'), /invalid YAML/);
  t.equal(resolveProfile('/usr/local/bin/other', undefined).isolation, 'native', 'a bare binary is a native runtime');
  t.same(resolveProfile('/opt/runc', undefined).command, ['/opt/runc']);
});

t.test('static ELF detection', async (t) => {
  t.notOk(isStaticElf(process.execPath), 'node is dynamically linked');
  t.notOk(isStaticElf('/bin/sh'), '/bin/sh is dynamically linked');
});

function result(id: string, status: TestResult['status'], extra: Partial<TestResult> = {}): TestResult {
  return {
    id,
    revision: 1,
    title: `title of ${id} # with a hash`,
    area: 'x',
    requirements: [{ id: 'runtime.state.id', level: 'REQUIRED', url: 'https://example.invalid/' }],
    status,
    durationMs: 1,
    checks: status === 'skip' ? [] : [{ requirement: 'runtime.state.id', level: status === 'warn' ? 'SHOULD' : 'MUST', name: 'a check', ok: status === 'pass', expected: 'a', actual: '<script>b</script>\n...\n---' }],
    invocations: [],
    ...extra,
  };
}

t.test('TAP rendering: one strict TAP 14 stream whatever the results hold', async (t) => {
  const tests = [
    result('a.pass', 'pass'),
    result('a.fail', 'fail'),
    result('a.warn', 'warn'),
    result('a.skip', 'skip', { skip: { category: 'not-applicable', reason: 'reason # with hash\nand newline' } }),
    result('a.error', 'error', { error: 'runtime printed\n---\nnot ok 99 - fake' }),
  ];
  const report = {
    reportVersion: 1,
    suite: { name: 's', version: '0' },
    specVersion: '1.2.0',
    specVersionSource: 'option',
    specVersionReason: '--spec-version',
    runtime: { profile: 'r', command: ['r'], isolation: 'native' },
    environment: { kernel: 'k', arch: 'x', cgroupMode: 'v2', root: true },
    run: { startedAt: '', finishedAt: '', jobs: 1, only: [], skip: [], partial: false, interrupted: false, strayProcesses: [] },
    summary: summarize(tests),
    tests,
  } as unknown as Report;
  const parse = (text: string) =>
    new Promise<{ ok: boolean; count: number; fail: number; todo: number; skip: number; errors: unknown[] }>((resolve) => {
      const p = new Parser({ strict: true });
      p.on('complete', (r) => resolve({ ok: r.ok, count: r.count, fail: r.fail, todo: r.todo, skip: r.skip, errors: (r.failures as { tapError?: string }[]).filter((f) => f.tapError) }));
      p.end(text);
    });
  const res = await parse(renderTapReport(report));
  t.same(res.errors, [], 'no TAP errors');
  t.equal(res.count, 5, 'five test points: output inside YAML blocks cannot forge test points');
  t.equal(res.skip, 1, 'skip directive');
  t.equal(res.todo, 1, 'warn is a TODO');
  t.equal(res.fail, 3, 'fail, error and the TODO are "not ok" lines');
  t.notOk(res.ok, 'the stream fails');
  const benign = await parse(renderTapReport({ ...report, tests: [tests[0], tests[2], tests[3]], summary: summarize([tests[0], tests[2], tests[3]]) }));
  t.ok(benign.ok, 'pass, warn and skip only: a TAP consumer sees a passing stream');
  t.equal(summarize(tests).verdict, 'fail');
  t.equal(summarize([tests[0], tests[2], tests[3]]).verdict, 'pass', 'warn and skip do not fail a run');
  t.equal(summarize([tests[0]], true).verdict, 'fail', 'an interrupted run never passes');
});

t.test('every case in the catalogue is a TestCase with a run function', async (t) => {
  t.ok(CATALOGUE.length >= 30);
  t.ok(CATALOGUE.every((c: TestCase) => typeof c.run === 'function'));
});
