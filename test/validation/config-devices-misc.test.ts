// The device, sysctl, domainname, scheduler, I/O priority and personality cases judged on probe
// output recorded at 1.1.0 from runc, crun, runsc and fixed-runc (test/fixtures/probe/
// *-devices-misc.out: the answers of the container runs these cases took, one file per runtime),
// and their small parsers on edge cases.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';
import { cases as deviceCases, parseStat } from '../../validation/cases/config-devices.js';
import { cases as miscCases, statField } from '../../validation/cases/config-misc.js';
import { CaseContext, CaseStop, statusOf, type CaseEnvironment } from '../../validation/harness/case.js';
import type { ProbeCase } from '../../validation/harness/probe-runs.js';
import { parseProbe, type ProbeFacts } from '../../validation/probe/parse.js';

const CASES: ProbeCase[] = [...deviceCases, ...miscCases];

/** A case's verdict on recorded facts: its status, and the names of its failed checks. */
async function judge(c: ProbeCase, all: ProbeFacts): Promise<{ status: string; failed: string[]; why?: string }> {
  const answers: ProbeFacts['answers'] = {};
  for (const name of Object.keys(c.probe.asks ?? {})) {
    const a = all.answers[`${c.id}/${name}`];
    if (a) answers[name] = a;
  }
  const env = { version: '1.1.0', profile: { isolation: 'native' } } as unknown as CaseEnvironment;
  const ctx = new CaseContext(c, env, '/nonexistent');
  try {
    await c.probe.verify(ctx, { ...all, answers }, {});
  } catch (e) {
    if (!(e instanceof CaseStop)) throw e;
    return { status: e.kind === 'skip' ? `skip:${e.category}` : e.kind, failed: [], why: e.message };
  }
  return { status: statusOf(ctx.checks), failed: ctx.checks.filter((x) => !x.ok).map((x) => x.name) };
}

const EXPECTED: Record<string, Record<string, string>> = {
  'fixed-runc': {},
  // runc 1.1.5 predates domainname, scheduler, ioPriority and personality support (runc 1.2).
  runc: { 'config.domainname': 'fail', 'config.process.scheduler': 'fail', 'config.process.io-priority': 'fail', 'config.personality': 'fail' },
  // crun 1.8.1 predates scheduler and ioPriority support.
  crun: { 'config.process.scheduler': 'fail', 'config.process.io-priority': 'fail' },
  runsc: {
    'config.devices.custom': 'fail',
    'config.devices.outside-dev': 'fail',
    'config.devices.allow-list': 'error',
    'config.sysctl': 'fail',
    'config.domainname': 'skip:environment',
    'config.process.scheduler': 'fail',
    'config.process.io-priority': 'skip:environment',
    'config.personality': 'fail',
  },
};

for (const [rt, expected] of Object.entries(EXPECTED)) {
  t.test(`verdicts on ${rt} output`, async (t) => {
    const facts = parseProbe(readFileSync(packagePath(`test/fixtures/probe/${rt}-devices-misc.out`), 'utf8'));
    for (const c of CASES) {
      const v = await judge(c, facts);
      t.equal(v.status, expected[c.id] ?? 'pass', `${c.id}`, v);
    }
  });
}

t.test('runsc: a missing node fails every check of it, and a redirection cannot stand in for the char device', async (t) => {
  const facts = parseProbe(readFileSync(packagePath('test/fixtures/probe/runsc-devices-misc.out'), 'utf8'));
  const v = await judge(deviceCases.find((c) => c.id === 'config.devices.custom')!, facts);
  t.equal(v.failed.length, 12, 'all 11 node checks and the write check fail');
});

t.test('busybox stat lines', async (t) => {
  t.same(parseStat('character special file|1|3|606|1000|1001'), { type: 'c', major: 1, minor: 3, mode: '606', uid: 1000, gid: 1001 });
  t.same(parseStat('block special file|7|c8|640|0|6'), { type: 'b', major: 7, minor: 200, mode: '640', uid: 0, gid: 6 }, 'numbers are hex');
  t.same(parseStat('fifo|0|0|620|1002|1003'), { type: 'p', major: 0, minor: 0, mode: '620', uid: 1002, gid: 1003 });
  t.equal(parseStat('regular file|0|0|644|0|0'), undefined, 'not a device');
  t.equal(parseStat("stat: can't stat '/dev/x': No such file or directory"), undefined);
  t.equal(parseStat(undefined), undefined);
});

t.test('/proc/<pid>/stat fields', async (t) => {
  // A line recorded under SCHED_BATCH (policy 3) and nice 7, with a command name made awkward.
  const recorded = '1 (sh) S 0 1 1 0 -1 4194560 1090 1966 0 0 0 1 1 0 27 7 1 0 1138522 2322432 433 18446744073709551615 4198400 5785993 140732625140560 0 0 0 0 4 65538 1 0 0 17 0 0 3 0 0 0 6141704 6178576 376659968 140732625141664 140732625141698 140732625141698 140732625141744 0';
  const line = recorded.replace('(sh)', '(a (b) 7 c)');
  t.equal(statField(line, 3), 'S', 'state follows the last parenthesis, whatever the command name holds');
  t.equal(statField(line, 19), '7', 'nice');
  t.equal(statField(line, 41), '3', 'policy');
  t.equal(statField(line, 60), undefined, 'beyond the line');
  t.equal(statField('no parenthesis', 19), undefined);
  t.equal(statField(undefined, 19), undefined);
});
