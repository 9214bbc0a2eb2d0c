// The verdicts of the namespace and seccomp probe cases on probe output recorded from runc, crun
// and runsc (test/fixtures/probe/<runtime>-{netns,cgroupns,userns,seccomp}.out, each from the
// named case's own container at spec 1.1.0), and the small parsers those cases use.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';
import type { SpecVersion } from '../../schema/versions.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { cgroupPaths, interfaces, timeOffsets } from '../../validation/cases/config-namespaces.js';
import { hostArchitectures } from '../../validation/cases/config-seccomp.js';
import { CaseContext, CaseStop, statusOf, type CaseEnvironment } from '../../validation/harness/case.js';
import { isProbeCase } from '../../validation/harness/probe-runs.js';
import { resolveProfile } from '../../validation/harness/profile.js';
import { parseProbe, type ProbeFacts } from '../../validation/probe/parse.js';

/** The verdict a probe case gives on recorded output: its verify on the facts as the scheduler hands them over. */
async function verdict(id: string, fixture: string, version: SpecVersion): Promise<string> {
  const c = CATALOGUE.find((x) => x.id === id);
  if (!c || !isProbeCase(c)) throw new Error(`${id} is not a probe case`);
  const all = parseProbe(readFileSync(packagePath(`test/fixtures/probe/${fixture}.out`), 'utf8'));
  const answers: ProbeFacts['answers'] = {};
  for (const name of Object.keys(c.probe.asks ?? {})) if (all.answers[`${id}/${name}`]) answers[name] = all.answers[`${id}/${name}`];
  const env = { version, profile: resolveProfile('runc', undefined), rootfs: '/nonexistent', idPrefix: 'x' } as unknown as CaseEnvironment;
  const t = new CaseContext(c, env, '/nonexistent');
  try {
    await c.probe.verify(t, { ...all, answers }, {});
  } catch (e) {
    if (e instanceof CaseStop && e.kind === 'skip') return `skip:${e.category}`;
    throw e;
  }
  return statusOf(t.checks);
}

const expected: [string, string, SpecVersion, string][] = [
  ['config.namespaces.new-seen-inside', 'runc-netns', '1.1.0', 'pass'],
  ['config.namespaces.new-seen-inside', 'runsc-netns', '1.1.0', 'pass'],
  ['config.namespaces.cgroup-seen-inside', 'runc-cgroupns', '1.1.0', 'pass'],
  ['config.namespaces.cgroup-seen-inside', 'runsc-cgroupns', '1.1.0', 'skip:not-applicable'],
  ['config.namespaces.user-mappings', 'runc-userns', '1.1.0', 'pass'],
  ['config.namespaces.user-mappings', 'crun-userns', '1.1.0', 'pass'],
  ['config.namespaces.user-mappings', 'runsc-userns', '1.1.0', 'fail'],
  // A container without a user namespace has the host's identity maps.
  ['config.namespaces.user-mappings', 'runc-seccomp', '1.1.0', 'fail'],
  ['config.seccomp.errno', 'runc-seccomp', '1.1.0', 'pass'],
  ['config.seccomp.errno', 'runc-seccomp', '1.0.2', 'pass'],
  ['config.seccomp.errno', 'runsc-seccomp', '1.1.0', 'fail'],
];

for (const [id, fixture, version, want] of expected) {
  t.test(`${id} on ${fixture} at ${version}: ${want}`, async (t) => {
    t.equal(await verdict(id, fixture, version), want);
  });
}

t.test('parsers of the asked commands', async (t) => {
  const netdev = parseProbe(readFileSync(packagePath('test/fixtures/probe/runsc-netns.out'), 'utf8')).answers['config.namespaces.new-seen-inside/netdev'];
  t.same(interfaces(netdev.output), ['lo'], '/proc/net/dev of a new network namespace');
  t.same(interfaces(['Inter-|   Receive', ' face |bytes', '    lo:  6386  58', '  eth0: 758721631   25384']), ['lo', 'eth0']);
  t.same(cgroupPaths(['4:memory:/process_api/x/c1', '0::/c1', '1:cpu,cpuacct:/']), ['/process_api/x/c1', '/c1', '/']);
  t.same(cgroupPaths([]), []);
  // crun 1.8.1 in a time namespace it made without the offsets (recorded).
  t.same(timeOffsets(['monotonic           0         0', 'boottime            0         0']), { monotonic: [0, 0], boottime: [0, 0] });
  t.same(timeOffsets(['monotonic 259200 0', 'boottime 604800 500']), { monotonic: [259200, 0], boottime: [604800, 500] });
  t.same(hostArchitectures('x64'), ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
  t.equal(hostArchitectures('mips'), undefined, 'an architecture without a list leaves the field out');
});
