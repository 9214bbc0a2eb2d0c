// The cgroup view of the config.cgroups.* cases, on both layouts: the shell command that finds
// the container's own cgroup directory is run with busybox on hand-written /proc files and
// directory trees (cgroup v1 bind mounts as runc and crun make them, cgroup v2 with and without a
// cgroup namespace, a hybrid host), its output parsed; recorded output from runc, crun and runsc
// (test/fixtures/probe/*-cgroups.out) is parsed; and each case's verdict is computed on v1 and v2
// views, with right and wrong values. This host is cgroup v1 (hybrid): the v2 path of every case
// is proven here, not by a real v2 run.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { SpecVersion } from '../../schema/versions.js';
import { CaseContext, CaseStop, type CaseEnvironment, type TestCase } from '../../validation/harness/case.js';
import { compatible, isProbeCase, type ProbeSpec } from '../../validation/harness/probe-runs.js';
import { findStaticBusybox } from '../../validation/harness/rootfs.js';
import { cases, blkioWeight, hugepageLimits, network, parseZero, unified, type AppliedOrRefused } from '../../validation/cases/config-cgroups.js';
import {
  addCgroupMount,
  CGROUP_MOUNT_FIELD,
  cgroupFilesAsk,
  deviceSettings,
  deviceValue,
  expandList,
  hostControllers,
  hugepageDirToSize,
  pageSizeBytes,
  parseCgroupView,
  v2SwapMax,
  type CgroupView,
} from '../../validation/probe/cgroups.js';
import { parseProbe, type ProbeFacts } from '../../validation/probe/parse.js';

const byId = new Map(cases.map((c) => [c.id, c]));

// ---- the shell command, run by busybox on fake /proc files and cgroup trees ---------------

let busybox: string | undefined;
try {
  busybox = findStaticBusybox();
} catch {
  busybox = undefined;
}

interface Layout {
  cgroup: string;
  /** mountinfo lines with MNT standing for the fake root. */
  mountinfo: string[];
  /** Files under the fake root, path → content. */
  files: Record<string, string>;
}

function runAsk(layout: Layout, names: string[]): string[] {
  const root = mkdtempSync(join(tmpdir(), 'cgview-'));
  try {
    mkdirSync(join(root, 'proc'));
    writeFileSync(join(root, 'proc/cgroup'), layout.cgroup);
    writeFileSync(join(root, 'proc/mountinfo'), layout.mountinfo.map((l) => l.replaceAll('MNT', root)).join('\n') + '\n');
    for (const [p, content] of Object.entries(layout.files)) {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), content);
    }
    const r = spawnSync(busybox!, ['sh', '-c', cgroupFilesAsk(names, join(root, 'proc'))], { encoding: 'utf8' });
    return r.stdout.replaceAll(root, '').split('\n').filter(Boolean);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const V1_BIND: Layout = {
  // runc and crun without a cgroup namespace: each controller's own directory bind-mounted.
  cgroup: '8:pids:/c1\n4:memory:/runner/c1\n1:cpu,cpuacct:/c1\n0::/c1\n',
  mountinfo: [
    '95 92 0:60 / MNT/sys/fs/cgroup rw,nosuid - tmpfs tmpfs rw,mode=755',
    '96 95 0:29 /c1 MNT/sys/fs/cgroup/cpu,cpuacct ro,nosuid - cgroup cgroup rw,cpu,cpuacct',
    '99 95 0:32 /runner/c1 MNT/sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory',
    '103 95 0:36 /c1 MNT/sys/fs/cgroup/pids ro,nosuid - cgroup cgroup rw,pids',
  ],
  files: {
    'sys/fs/cgroup/memory/memory.limit_in_bytes': '268435456\n',
    'sys/fs/cgroup/pids/pids.max': '1000\n',
    'sys/fs/cgroup/cpu,cpuacct/cpu.shares': '512\n',
  },
};

const V2_NS: Layout = {
  // cgroup v2 with a cgroup namespace: the mount's root is the container's cgroup.
  cgroup: '0::/\n',
  mountinfo: ['30 20 0:26 / MNT/sys/fs/cgroup ro,nosuid - cgroup2 cgroup2 rw'],
  files: { 'sys/fs/cgroup/memory.max': '268435456\n', 'sys/fs/cgroup/memory.swap.max': '268435456\n', 'sys/fs/cgroup/cpu.max': '50000 200000\n' },
};

const V2_FULL: Layout = {
  // cgroup v2 mounted without a cgroup namespace: the whole hierarchy, the container deep in it.
  cgroup: '0::/machine/c1\n',
  mountinfo: ['30 20 0:26 / MNT/sys/fs/cgroup ro,nosuid - cgroup2 cgroup2 rw,nsdelegate'],
  files: { 'sys/fs/cgroup/pids.max': 'root has none, a decoy\n', 'sys/fs/cgroup/machine/c1/pids.max': '77\n', 'sys/fs/cgroup/machine/c1/io.max': '254:0 rbps=1048576 wbps=2097152 riops=100 wiops=200\n' },
};

const V2_BIND: Layout = {
  // cgroup v2 with the container's directory bind-mounted (the mount's root is its path).
  cgroup: '0::/user/c1\n',
  mountinfo: ['30 20 0:26 /user/c1 MNT/sys/fs/cgroup ro - cgroup2 cgroup2 rw'],
  files: { 'sys/fs/cgroup/cpu.weight': '59\n' },
};

const FOREIGN: Layout = {
  // A mount that does not show the process's cgroup (another subtree).
  cgroup: '4:memory:/a/c1\n',
  mountinfo: ['99 95 0:32 /b MNT/sys/fs/cgroup/memory ro - cgroup cgroup rw,memory'],
  files: { 'sys/fs/cgroup/memory/memory.limit_in_bytes': '1\n' },
};

t.test('the shell command finds the container cgroup on each layout', { skip: !busybox && 'no static busybox on this host' }, async (t) => {
  const v1 = parseCgroupView(runAsk(V1_BIND, ['memory.limit_in_bytes', 'pids.max', 'cpu.shares', 'memory.max']));
  t.equal(v1.layout, 'v1', 'v1 bind mounts: layout v1 (the hybrid 0:: line does not make it v2)');
  t.same(v1.files, { 'cpu.shares': ['512'], 'memory.limit_in_bytes': ['268435456'], 'pids.max': ['1000'] }, 'v1: each file from its controller, a nested memory path included');
  t.same(v1.mounts.map((m) => m.dir), ['/sys/fs/cgroup/cpu,cpuacct', '/sys/fs/cgroup/memory', '/sys/fs/cgroup/pids'], 'v1: the own directory is each mount point');

  const ns = parseCgroupView(runAsk(V2_NS, ['memory.max', 'memory.swap.max', 'cpu.max', 'memory.limit_in_bytes']));
  t.equal(ns.layout, 'v2');
  t.same(ns.files, { 'memory.max': ['268435456'], 'memory.swap.max': ['268435456'], 'cpu.max': ['50000 200000'] }, 'v2 with a cgroup namespace');

  const full = parseCgroupView(runAsk(V2_FULL, ['pids.max', 'io.max']));
  t.same(full.mounts, [{ type: 'cgroup2', mountPoint: '/sys/fs/cgroup', dir: '/sys/fs/cgroup/machine/c1' }], 'v2 whole hierarchy: the directory is the path under the mount');
  t.same(full.files['pids.max'], ['77'], 'not the root decoy');
  t.same(deviceSettings(full.files['io.max'], 254, 0), { rbps: '1048576', wbps: '2097152', riops: '100', wiops: '200' });

  const bind = parseCgroupView(runAsk(V2_BIND, ['cpu.weight']));
  t.same(bind.files['cpu.weight'], ['59'], 'v2 own directory bind-mounted');

  const foreign = parseCgroupView(runAsk(FOREIGN, ['memory.limit_in_bytes']));
  t.same(foreign.mounts[0].dir, undefined, 'a mount of another subtree shows no own directory');
  t.same(foreign.files, {}, 'and nothing is read from it');
});

t.test('the ask refuses what it cannot quote', async (t) => {
  t.throws(() => cgroupFilesAsk(['memory.max; rm -rf /']), /not a cgroup file name/);
  t.throws(() => cgroupFilesAsk(['x'], "/proc/'self"), /not a plain path/);
});

// ---- recorded output -----------------------------------------------------------------------

function recorded(rt: string): ProbeFacts {
  return parseProbe(readFileSync(packagePath(`test/fixtures/probe/${rt}-cgroups.out`), 'utf8'));
}

for (const rt of ['runc', 'crun']) {
  t.test(`recorded ${rt} output: cgroup v1 bind mounts`, async (t) => {
    const facts = recorded(rt);
    const view = parseCgroupView(facts.answers['config.cgroups.memory/cgroup'].output);
    t.equal(view.layout, 'v1');
    t.same(view.files['memory.limit_in_bytes'], ['268435456']);
    t.same(view.files['memory.memsw.limit_in_bytes'], ['536870912']);
    t.ok(view.membership.filter((m) => m.controllers.length).every((m) => m.path.endsWith('-cgpath')), 'every v1 hierarchy at the configured cgroupsPath of the shared run');
    t.ok(view.mounts.length >= 5 && view.mounts.every((m) => m.dir === m.mountPoint), 'every controller bind-mounted at its own directory');
    const pids = parseCgroupView(facts.answers['config.cgroups.pids-limit/cgroup'].output);
    t.same(pids.files['pids.max'], ['1000']);
  });
}

t.test('recorded runsc output: no cgroup view at all', async (t) => {
  const view = parseCgroupView(recorded('runsc').answers['config.cgroups.memory/cgroup'].output);
  t.same(view, { layout: 'none', membership: [], mounts: [], files: {} });
});

// ---- verdicts on v1 and v2 views -------------------------------------------------------------

function context(c: TestCase, version: SpecVersion = '1.3.0', isolation = 'native'): CaseContext {
  return new CaseContext(c, { version, profile: { isolation }, idPrefix: 'x' } as unknown as CaseEnvironment, '/nonexistent');
}

/** A view's text as the ask prints it. */
function viewText(layout: 'v1' | 'v2', files: Record<string, string>, path = '/c1'): string[] {
  const membership = layout === 'v2' ? [`cgroup 0::${path}`] : [`cgroup 4:memory:${path}`, `cgroup 1:cpu:${path}`, `cgroup 8:pids:${path}`, `cgroup 0::${path}`];
  return [...membership, `mount ${layout === 'v2' ? 'cgroup2' : 'cgroup'} /sys/fs/cgroup /sys/fs/cgroup`, ...Object.entries(files).flatMap(([f, v]) => [`file ${f} /sys/fs/cgroup`, ...v.split('\n').map((l) => `= ${l}`)])];
}

type Outcome = { status: 'pass' | 'fail' | 'skip'; failed: string[]; reason?: string };

async function judge(id: string, output: string[], opts: { config?: Record<string, unknown>; status?: Record<string, string>; version?: SpecVersion; isolation?: string } = {}): Promise<Outcome> {
  const c = byId.get(id)!;
  if (!isProbeCase(c)) throw new Error(`${id} is not a probe case`);
  const t = context(c, opts.version, opts.isolation);
  const facts = { answers: { cgroup: { output, exit: 0 } }, status: opts.status ?? {}, ns: {} } as unknown as ProbeFacts;
  try {
    await c.probe.verify(t, facts, opts.config ?? { linux: {} });
  } catch (e) {
    if (e instanceof CaseStop && e.kind === 'skip') return { status: 'skip', failed: [], reason: e.message };
    throw e;
  }
  const failed = t.checks.filter((x) => !x.ok).map((x) => x.name);
  if (t.checks.length === 0) throw new Error(`${id} recorded no check`);
  return { status: failed.length ? 'fail' : 'pass', failed };
}

const MEM_V1 = { 'memory.limit_in_bytes': '268435456', 'memory.soft_limit_in_bytes': '134217728', 'memory.memsw.limit_in_bytes': '536870912' };
const MEM_V2 = { 'memory.max': '268435456', 'memory.low': '134217728', 'memory.swap.max': '268435456' };

t.test('memory: v1 files, and v2 with swap converted', async (t) => {
  t.equal((await judge('config.cgroups.memory', viewText('v1', MEM_V1))).status, 'pass');
  t.equal((await judge('config.cgroups.memory', viewText('v2', MEM_V2))).status, 'pass');
  t.same((await judge('config.cgroups.memory', viewText('v2', { ...MEM_V2, 'memory.swap.max': '536870912' }))).failed, ['memory.swap.max is swap minus limit, 268435456'], 'v2: swap written unconverted fails');
  t.same((await judge('config.cgroups.memory', viewText('v2', { ...MEM_V2, 'memory.max': 'max' }))).failed, ['memory.max is the limit, 268435456']);
  t.equal((await judge('config.cgroups.memory', viewText('v1', { 'memory.limit_in_bytes': '268435456', 'memory.soft_limit_in_bytes': '134217728' }))).status, 'skip', 'no memsw (swap accounting off): a skip');
  t.equal(v2SwapMax(100, -1), 'max');
});

t.test('swappiness and the OOM killer: v1 only', async (t) => {
  t.equal((await judge('config.cgroups.memory-v1-knobs', viewText('v1', { 'memory.swappiness': '37', 'memory.oom_control': 'oom_kill_disable 1\nunder_oom 0' }))).status, 'pass');
  t.same((await judge('config.cgroups.memory-v1-knobs', viewText('v1', { 'memory.swappiness': '60', 'memory.oom_control': 'oom_kill_disable 0\nunder_oom 0' }))).failed.length, 2);
  const v2 = await judge('config.cgroups.memory-v1-knobs', viewText('v2', { 'memory.max': 'max' }));
  t.equal(v2.status, 'skip');
  t.match(v2.reason, /cgroup v2 has no swappiness/);
});

t.test('cpu shares: v1 cpu.shares, v2 a weight below the default', async (t) => {
  t.equal((await judge('config.cgroups.cpu-shares', viewText('v1', { 'cpu.shares': '512' }))).status, 'pass');
  t.equal((await judge('config.cgroups.cpu-shares', viewText('v1', { 'cpu.shares': '1024' }))).status, 'fail');
  // runc's and older crun's linear conversion gives 20 for 512 shares, crun's newer one 59.
  for (const w of ['20', '59']) t.equal((await judge('config.cgroups.cpu-shares', viewText('v2', { 'cpu.weight': w }))).status, 'pass', `weight ${w}`);
  for (const w of ['100', '0', '150']) t.equal((await judge('config.cgroups.cpu-shares', viewText('v2', { 'cpu.weight': w }))).status, 'fail', `weight ${w}`);
});

t.test('cpu quota and period: v1 two files, v2 cpu.max', async (t) => {
  t.equal((await judge('config.cgroups.cpu-quota', viewText('v1', { 'cpu.cfs_quota_us': '50000', 'cpu.cfs_period_us': '200000' }))).status, 'pass');
  t.equal((await judge('config.cgroups.cpu-quota', viewText('v2', { 'cpu.max': '50000 200000' }))).status, 'pass');
  t.equal((await judge('config.cgroups.cpu-quota', viewText('v2', { 'cpu.max': 'max 100000' }))).status, 'fail');
});

t.test('cpu burst and idle (1.1.0): v1 and v2 file names', async (t) => {
  t.equal((await judge('config.cgroups.cpu-burst', viewText('v1', { 'cpu.cfs_burst_us': '20000' }))).status, 'pass');
  t.equal((await judge('config.cgroups.cpu-burst', viewText('v2', { 'cpu.max.burst': '20000' }))).status, 'pass');
  t.equal((await judge('config.cgroups.cpu-burst', viewText('v2', { 'cpu.max.burst': '0' }))).status, 'fail');
  t.equal((await judge('config.cgroups.cpu-burst', viewText('v1', { 'cpu.shares': '1024' }))).status, 'skip', 'a kernel without burst (before 5.14): a skip');
  t.equal((await judge('config.cgroups.cpu-idle', viewText('v2', { 'cpu.idle': '1' }))).status, 'pass');
  t.equal((await judge('config.cgroups.cpu-idle', viewText('v1', { 'cpu.idle': '0' }))).status, 'fail');
  t.same([byId.get('config.cgroups.cpu-burst')!.since, byId.get('config.cgroups.cpu-idle')!.since], ['1.1.0', '1.1.0']);
});

t.test('pids: a positive limit everywhere; -1 is max from 1.3.0', async (t) => {
  t.equal((await judge('config.cgroups.pids-limit', viewText('v2', { 'pids.max': '1000' }))).status, 'pass');
  t.equal((await judge('config.cgroups.pids-limit', viewText('v1', { 'pids.max': 'max' }))).status, 'fail');
  t.equal((await judge('config.cgroups.pids-unlimited', viewText('v2', { 'pids.max': 'max' }))).status, 'pass');
  t.equal((await judge('config.cgroups.pids-unlimited', viewText('v1', { 'pids.max': '4096' }))).status, 'fail');
  t.same(byId.get('config.cgroups.pids-unlimited')!.since, '1.3.0', '-1 has a meaning from 1.3.0 on');
  t.same(byId.get('config.cgroups.pids-zero')!.since, '1.3.0', '0 has a meaning from 1.3.0 on');
  t.same(parseZero('pids.max /sys/fs/cgroup/pids/pids.max 0\n', 'attempt\n'), { file: '/sys/fs/cgroup/pids/pids.max', pidsMax: '0', forked: false });
  t.same(parseZero('pids.max /sys/fs/cgroup/pids.max max\n', 'attempt\nforked\nafter 0\n'), { file: '/sys/fs/cgroup/pids.max', pidsMax: 'max', forked: true });
  t.same(parseZero('', ''), { forked: false }, 'no pids.max seen');
});

t.test('cgroupsPath: every controller hierarchy, or the unified one', async (t) => {
  const config = { linux: { cgroupsPath: '/x-1-cgpath' } };
  t.equal((await judge('config.cgroups.path', viewText('v1', {}, '/x-1-cgpath'), { config })).status, 'pass');
  t.equal((await judge('config.cgroups.path', viewText('v2', {}, '/x-1-cgpath'), { config })).status, 'pass');
  t.equal((await judge('config.cgroups.path', viewText('v1', {}, '/runner/x-1'), { config })).status, 'fail');
  const hybrid = ['cgroup 4:memory:/x-1-cgpath', 'cgroup 9:name=systemd:/elsewhere', 'cgroup 0::/'];
  t.equal((await judge('config.cgroups.path', hybrid, { config })).status, 'pass', "a named hierarchy and a hybrid host's unified line do not count on v1");
  t.equal((await judge('config.cgroups.path', [], { config, isolation: 'sandbox' })).status, 'skip');
});

t.test('cpuset: the cgroup file and the allowed CPUs', async (t) => {
  // The case asks for the host's last CPU when there are several; on a one-CPU host it skips.
  const online = expandList(readFileSync('/sys/devices/system/cpu/online', 'utf8')) ?? [];
  const r = await judge('config.cgroups.cpuset', viewText('v2', { 'cpuset.cpus': String(online[online.length - 1]) }), { status: { Cpus_allowed_list: String(online[online.length - 1]) } });
  if (online.length > 1) {
    t.equal(r.status, 'pass');
    t.equal((await judge('config.cgroups.cpuset', viewText('v1', { 'cpuset.cpus': `0-${online[online.length - 1]}` }))).status, 'fail');
  } else t.equal(r.status, 'skip');
  t.same(expandList('0-2,5'), [0, 1, 2, 5]);
  t.same(expandList('3-1'), undefined);
});

t.test('blkio throttle: v1 per-file lines, v2 io.max', async (t) => {
  t.equal(deviceValue(['8:0 100', '254:0 1048576'], 254, 0), '1048576');
  t.equal(deviceValue(['8:0 100'], 254, 0), undefined);
  t.same(deviceSettings(['254:0 rbps=1 wbps=max riops=max wiops=max'], 254, 0), { rbps: '1', wbps: 'max', riops: 'max', wiops: 'max' });
});

// ---- fields the host may be unable to apply ------------------------------------------------

function view(layout: 'v1' | 'v2', files: Record<string, string>): CgroupView {
  return parseCgroupView(viewText(layout, files));
}

async function judgeDef(def: AppliedOrRefused, v: CgroupView, version: SpecVersion = '1.3.0'): Promise<{ visible: boolean; failed: string[] }> {
  const t = context({ id: def.id, revision: 1, title: '', area: 'config', requirements: [def.requirement, def.refusal], run: async () => {} }, version);
  const visible = def.visible(v, { linux: {} });
  if (visible) def.verify(t, v, { linux: {} });
  return { visible, failed: t.checks.filter((x) => !x.ok).map((x) => x.name) };
}

t.test('unified (1.1.0): written on v2; on v1 the files are not there to read', async (t) => {
  t.same(await judgeDef(unified, view('v2', { 'pids.max': '77' })), { visible: true, failed: [] });
  t.same(await judgeDef(unified, view('v2', { 'pids.max': 'max' })), { visible: true, failed: ['pids.max is 77'] });
  t.same((await judgeDef(unified, view('v1', { 'pids.max': '77' }))).visible, false, 'a v1 pids.max is not the unified entry');
  t.equal(unified.since, '1.1.0');
});

t.test('blkio weight, hugetlb and network: v1 and v2 file names', async (t) => {
  t.same(await judgeDef(blkioWeight, view('v1', { 'blkio.bfq.weight': '300' })), { visible: true, failed: [] });
  t.same(await judgeDef(blkioWeight, view('v2', { 'io.weight': 'default 300' })), { visible: true, failed: [] });
  t.same((await judgeDef(blkioWeight, view('v2', { 'io.bfq.weight': 'default 100' }))).failed.length, 1);
  t.same((await judgeDef(blkioWeight, view('v1', {}))).visible, false);
  t.same(await judgeDef(network, view('v1', { 'net_cls.classid': '1048577', 'net_prio.ifpriomap': 'lo 5\neth0 0' })), { visible: true, failed: [] });
  t.same((await judgeDef(network, view('v1', { 'net_cls.classid': '0', 'net_prio.ifpriomap': 'lo 0' }))).failed.length, 2);
  const size = hugepageLimits.files().find((f) => f.endsWith('.max'))!.split('.')[1];
  t.same(await judgeDef(hugepageLimits, view('v2', { [`hugetlb.${size}.max`]: '8388608', [`hugetlb.${size}.rsvd.max`]: '8388608' })), { visible: true, failed: [] });
  t.same((await judgeDef(hugepageLimits, view('v2', { [`hugetlb.${size}.max`]: '8388608', [`hugetlb.${size}.rsvd.max`]: 'max' }))).failed.length, 1, 'from 1.1.0 the reservation limit, where the kernel has one');
  t.same((await judgeDef(hugepageLimits, view('v1', { [`hugetlb.${size}.limit_in_bytes`]: '8388608', [`hugetlb.${size}.rsvd.limit_in_bytes`]: 'max' }), '1.0.2')).failed, [], 'before 1.1.0 the fault limit');
});

t.test('host facts', async (t) => {
  const mi = [
    '30 25 0:26 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate',
    '31 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct',
    '32 25 0:28 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd',
    '33 25 0:29 / /sys/fs/cgroup/net_cls,net_prio rw - cgroup cgroup rw,net_cls,net_prio',
  ].join('\n');
  const procCgroups = '#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t1\t3\t1\ncpuacct\t2\t3\t1\nnet_cls\t0\t1\t1\nnet_prio\t0\t1\t1\nhugetlb\t0\t1\t1\n';
  t.same([...hostControllers(mi, undefined, procCgroups).v1].sort(), ['cpu', 'cpuacct', 'net_cls', 'net_prio'], 'v1 controllers from super options; mount options and named hierarchies are not controllers');
  t.notOk(hostControllers(mi, undefined, procCgroups).v1.has('hugetlb'), 'a controller the kernel has but no hierarchy mounts is not available');
  t.same([...hostControllers('', 'cpuset cpu io memory pids\n').v2], ['cpuset', 'cpu', 'io', 'memory', 'pids']);
  t.equal(hugepageDirToSize('hugepages-2048kB'), '2MB');
  t.equal(hugepageDirToSize('hugepages-1048576kB'), '1GB');
  t.equal(hugepageDirToSize('hugepages-64kB'), '64KB');
  t.equal(pageSizeBytes('2MB'), 2097152);
  t.equal(pageSizeBytes('2 MB'), undefined);
});

// ---- sharing the cgroup mount ---------------------------------------------------------------

t.test('cases that add the same cgroup mount share a container; a case owning /mounts does not join them', async (t) => {
  const spec = (fields: string[], shared?: string[]): ProbeSpec => ({ fields, ...(shared ? { shared } : {}), edit() {}, verify() {} });
  t.ok(compatible(spec(['/linux/resources/memory'], [CGROUP_MOUNT_FIELD]), spec(['/linux/resources/pids'], [CGROUP_MOUNT_FIELD])), 'two cgroup cases');
  t.notOk(compatible(spec(['/mounts'], []), spec(['/linux/resources/pids'], [CGROUP_MOUNT_FIELD])), 'a case that owns every mount');
  t.notOk(compatible(spec(['/linux/resources/pids'], [CGROUP_MOUNT_FIELD]), spec(['/mounts/cgroup'])), 'either way round');
  const c = { mounts: [] as unknown[] };
  addCgroupMount(c);
  addCgroupMount(c);
  t.equal(c.mounts.length, 1, 'the mount is added once');
});
