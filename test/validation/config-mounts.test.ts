// The root and mounts cases judged on probe output recorded from runc, crun and runsc
// (test/fixtures/probe/*-mounts.out: the cases of validation/cases/config-mounts.ts that apply at
// 1.0.2, in one container run; *-idmap.out: config.mounts.idmap at 1.1.0), and the mountinfo
// parser they rely on. The idmap case has no mutant (runc 1.1.5 has no idmapped mounts): here its
// check is shown to pass on crun's output and to fail on runsc's, which ignores the mappings.
import t from 'tap';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { SpecVersion } from '../../schema/versions.js';
import { cases, kernelBefore, rootMarkerText, sizeBytes } from '../../validation/cases/config-mounts.js';
import { CaseContext, CaseStop, statusOf, type CaseEnvironment } from '../../validation/harness/case.js';
import type { ProbeCase } from '../../validation/harness/probe-runs.js';
import { resolveProfile, type Isolation } from '../../validation/harness/profile.js';
import { buildBusyboxRootfs, findStaticBusybox } from '../../validation/harness/rootfs.js';
import { parseMountinfo, propagationOf, topMountAt } from '../../validation/probe/mountinfo.js';
import { parseProbe, type ProbeFacts } from '../../validation/probe/parse.js';

const recorded = (name: string) => parseProbe(readFileSync(packagePath(`test/fixtures/probe/${name}.out`), 'utf8'));
const byId = new Map(cases.map((c) => [c.id, c]));

/** The facts as the scheduler gives them to one case: its own answers, under its own names. */
function viewFor(c: ProbeCase, facts: ProbeFacts): ProbeFacts {
  const answers: ProbeFacts['answers'] = {};
  for (const name of Object.keys(c.probe.asks ?? {})) {
    const a = facts.answers[`${c.id}/${name}`];
    if (a) answers[name] = a;
  }
  return { ...facts, answers };
}

interface Verdict {
  status: string;
  failed: string[];
}

async function judge(c: ProbeCase, facts: ProbeFacts, version: SpecVersion, isolation: Isolation, rootfs: string, dir: string): Promise<Verdict> {
  const env = { version, profile: { ...resolveProfile('runc', undefined), isolation }, rootfs, idPrefix: 'unit' } as unknown as CaseEnvironment;
  const ctx = new CaseContext(c, env, dir);
  try {
    await c.probe.verify(ctx, viewFor(c, facts), {});
  } catch (e) {
    if (e instanceof CaseStop) return { status: e.kind, failed: [e.message] };
    throw e;
  }
  return { status: statusOf(ctx.checks), failed: ctx.checks.filter((x) => !x.ok).map((x) => x.name) };
}

let rootfs: string | undefined;
const work = mkdtempSync(join(tmpdir(), 'oci-mounts-unit-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
try {
  findStaticBusybox();
  rootfs = join(work, 'rootfs');
  buildBusyboxRootfs(rootfs);
} catch {
  // No static busybox: config.root-path cannot be judged (its marker is the built rootfs's).
}

/** What each runtime's recorded run shows, and why where it is not a pass. */
const EXPECTED: Record<string, { isolation: Isolation; verdicts: Record<string, string[]> }> = {
  runc: { isolation: 'native', verdicts: {} },
  // crun applies rootfsPropagation (default rprivate) to / recursively after the mounts.
  crun: { isolation: 'native', verdicts: { 'config.mounts.propagation': ['shared: the mount is in a peer group', 'unbindable: the mount is unbindable'] } },
  runsc: {
    isolation: 'sandbox',
    verdicts: {
      'config.mounts.flags': ['nosuid: the mount has nosuid in mountinfo', 'nodev: the mount has nodev in mountinfo'],
      'config.mounts.atime': ['relatime: relatime in mountinfo'],
      // runsc sorts the mounts by the length of their destination (an unstable sort: whether the
      // two at one destination swap depends on the other mounts of the run; here they did not).
      'config.mounts.order': ['/oci-mounts/shadow/inner is covered by the later mount at /oci-mounts/shadow'],
      'config.mounts.propagation': ['shared: the mount is in a peer group', 'unbindable: the mount is unbindable'],
    },
  },
};

for (const [rt, want] of Object.entries(EXPECTED)) {
  t.test(`verdicts on recorded ${rt} output`, async (t) => {
    const facts = recorded(`${rt}-mounts`);
    const judged = cases.filter((c) => !c.since && !c.id.startsWith('config.rootfs-propagation-'));
    t.ok(judged.length >= 8, 'the 1.0.2 cases of one run');
    for (const c of judged) {
      if (c.id === 'config.root-path' && !rootfs) {
        t.comment('config.root-path not judged: no static busybox to rebuild the rootfs the output was recorded in');
        continue;
      }
      const v = await judge(c, facts, '1.0.2', want.isolation, rootfs ?? '/nonexistent', work);
      const failed = want.verdicts[c.id] ?? [];
      t.same(v, { status: failed.length ? 'fail' : 'pass', failed }, `${c.id} on ${rt}`);
    }
  });
}

t.test('config.mounts.idmap: passes where the mappings apply, fails where they are ignored', async (t) => {
  const c = byId.get('config.mounts.idmap')!;
  // Not native: the kernel gate looks at this host, which is not the one that recorded the output.
  t.same(await judge(c, recorded('crun-idmap'), '1.1.0', 'vm', '/nonexistent', work), { status: 'pass', failed: [] }, 'crun 1.8.1 applies them');
  const runsc = await judge(c, recorded('runsc-idmap'), '1.1.0', 'vm', '/nonexistent', work);
  t.equal(runsc.status, 'fail', 'runsc ignores them: the file keeps its owner');
});

t.test('config.root-path fails on another root', { skip: !rootfs && 'no static busybox' }, async (t) => {
  const other = join(work, 'other');
  mkdirSync(join(other, 'etc'), { recursive: true });
  writeFileSync(join(other, 'etc/passwd'), 'someone:x:1:1::/:/bin/sh\n');
  const v = await judge(byId.get('config.root-path')!, recorded('runc-mounts'), '1.0.2', 'native', other, work);
  t.same(v.failed, ["the files at / are root.path's (its /etc files, byte for byte)"]);
});

t.test('rootMarkerText: regular files only, in order, cut at 400 bytes', async (t) => {
  const root = join(work, 'marker');
  mkdirSync(join(root, 'etc'), { recursive: true });
  t.equal(rootMarkerText(root), '', 'none there');
  writeFileSync(join(root, 'etc/group'), 'g\n');
  writeFileSync(join(root, 'etc/passwd'), `${'p'.repeat(500)}\n`);
  t.equal(rootMarkerText(root), `== /etc/passwd\n${'p'.repeat(400)}\n== /etc/group\ng`);
});

t.test('mountinfo: fields, escapes, the mount on top, propagation', async (t) => {
  const lines = [
    '36 35 98:0 /mnt1 /mnt\\040two rw,noatime master:1 - ext3 /dev/root rw,errors=continue',
    '40 30 0:50 / /tmp/x rw,relatime shared:3 - tmpfs a rw,size=1024k',
    '41 40 0:51 / /tmp/x rw,relatime unbindable - tmpfs b rw,size=2048k',
    'garbage line',
    '8 8 0:8 / / ro  - 9p none ro',
    '27 11 0:26 / /n ,noatime  - tmpfs none rw',
  ];
  const r = parseMountinfo(lines);
  t.equal(r.length, 5, 'the malformed line is left out');
  t.match(r[0], { id: 36, parent: 35, root: '/mnt1', mountPoint: '/mnt two', options: ['rw', 'noatime'], optional: ['master:1'], fstype: 'ext3', source: '/dev/root' });
  t.equal(topMountAt(r, '/tmp/x')?.id, 41, 'the mount stacked on the other is on top');
  t.same(propagationOf(topMountAt(r, '/tmp/x')!), { shared: false, slave: false, unbindable: true });
  t.same(propagationOf(r[1]), { shared: true, slave: false, unbindable: false });
  t.equal(topMountAt(r, '/')?.id, 8, "gVisor's root is its own parent");
  t.same(topMountAt(r, '/n')?.options, ['noatime'], "gVisor's ',noatime'");
  t.equal(topMountAt(r, '/nowhere'), undefined);
});

t.test('recorded mountinfo of each runtime parses', async (t) => {
  for (const rt of ['runc', 'crun', 'runsc']) {
    const r = parseMountinfo(recorded(`${rt}-mounts`).mountinfo);
    t.equal(topMountAt(r, '/proc')?.fstype, 'proc', `${rt}: proc`);
    t.equal(topMountAt(r, '/oci-mounts/tmpfs')?.fstype, 'tmpfs', `${rt}: the case's tmpfs`);
  }
});

t.test('sizes and kernel versions', async (t) => {
  t.equal(sizeBytes('1024k'), 1024 * 1024);
  t.equal(sizeBytes('1m'), 1024 * 1024);
  t.equal(sizeBytes('2G'), 2 * 1024 ** 3);
  t.equal(sizeBytes('512'), 512);
  t.equal(sizeBytes('50%'), undefined);
  t.ok(kernelBefore('5.11.0-1-amd64', 5, 12));
  t.notOk(kernelBefore('5.12.0', 5, 12));
  t.notOk(kernelBefore('6.1.0-18-amd64', 5, 12));
  t.ok(kernelBefore('4.19.0', 5, 12));
  t.notOk(kernelBefore('weird', 5, 12), 'an unreadable release does not gate');
});
