// Config application, control groups (config-linux.md "Control groups"): cgroupsPath and each
// resources field, read inside the container through a read-only cgroup mount, on cgroup v1 and
// v2 alike (validation/probe/cgroups.ts finds the container's own directory under whatever the
// mount shows and reads both layouts' file names; the layout the container sees decides which
// values are expected). A field the host cannot apply (a controller it does not have) must make
// create fail: those cases run alone and accept either outcome that is right for the host.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../harness/bundle.js';
import { CaseStop, describe, type CaseContext, type TestCase } from '../harness/case.js';
import type { Invocation } from '../harness/invoke.js';
import { probeCase, ProbeScheduler, type ProbeCase, type ProbeSpec } from '../harness/probe-runs.js';
import { RESULTS_MOUNT } from '../harness/rootfs.js';
import { CGROUPS_PATH_SUFFIX } from '../harness/strays.js';
import {
  addCgroupMount,
  CGROUP_MOUNT_FIELD,
  cgroupFilesAsk,
  deviceSettings,
  deviceValue,
  expandList,
  firstLine,
  hostControllers,
  hugepageDirToSize,
  parseCgroupView,
  v2Limit,
  v2SwapMax,
  type CgroupView,
} from '../probe/cgroups.js';
import type { ProbeFacts } from '../probe/parse.js';
import { versionInRange } from '../../schema/versions.js';

const MiB = 1024 * 1024;
/** Values no runtime default has: limit below memory+swap, reservation below limit. */
export const MEMORY = { limit: 256 * MiB, reservation: 128 * MiB, swap: 512 * MiB };
export const SWAPPINESS = 37;
/** Fewer than the default 1024 shares; v2's default weight is 100. */
export const CPU_SHARES = 512;
export const CPU_QUOTA = { quota: 50000, period: 200000 };
/** Below the quota above (the spec wants burst no larger than a positive quota). */
export const CPU_BURST = 20000;
/** High enough for the probe and any case sharing its container; not the default "max". */
export const PIDS_LIMIT = 1000;
export const THROTTLE = { readBps: 1048576, writeBps: 2097152, readIops: 100, writeIops: 200 };
export const BLKIO_WEIGHT = 300;
export const HUGEPAGE_LIMIT = 4 * 2 * MiB;
export const NET_CLASSID = 0x100001;
export const NET_PRIORITY = { name: 'lo', priority: 5 };
/** A unified entry for a controller every v2 host has. */
export const UNIFIED = { 'pids.max': '77' };

const UNSUPPORTED = 'runtime.create.unsupported-property';

// ---- reading the view ---------------------------------------------------------------------

/** The end of a case whose container shows no cgroup at all. */
function noView(t: CaseContext, what: string): never {
  if (t.isolation === 'native') t.skip('environment', `${what}, so the value cannot be read inside the container`);
  t.skip('not-applicable', `${what}; a ${t.isolation} runtime's cgroups are its own kernel's, and host-side cgroup reads do not apply to isolation ${t.isolation}`);
}

/** The container's cgroup view from a case's `cgroup` answer; a skip when it sees none. */
export function viewOf(t: CaseContext, facts: ProbeFacts): CgroupView {
  const view = parseCgroupView(facts.answers.cgroup?.output ?? []);
  if (view.layout === 'none') noView(t, 'the container sees no cgroup (/proc/self/cgroup lists no hierarchy and no cgroup filesystem is mounted)');
  return view;
}

/**
 * The files of the layout the container sees (v1 or v2 names), each as its lines; a skip naming
 * the first one the container does not show.
 */
export function need(t: CaseContext, view: CgroupView, files: { v1: string[]; v2: string[] }): Record<string, string[]> {
  const names = view.layout === 'v2' ? files.v2 : files.v1;
  const out: Record<string, string[]> = {};
  for (const n of names) {
    const lines = view.files[n];
    if (lines === undefined) {
      t.skip('environment', `the container's cgroup (${view.layout}) shows no ${n}: the controller is not mounted in the container, or the kernel lacks the file`);
    }
    out[n] = lines;
  }
  return out;
}

const line0 = (lines: string[] | undefined) => (lines?.[0] ?? '').trim();

/** A probe case that reads cgroup files: the shared read-only cgroup mount and one ask. */
function cgroupProbe(def: Omit<ProbeSpec, 'asks' | 'shared' | 'verify' | 'edit'> & {
  files: string[];
  edit(c: Config, run: { id: string }): void;
  verify(t: CaseContext, view: CgroupView, facts: ProbeFacts, config: Config): void;
}): ProbeSpec {
  return {
    fields: def.fields,
    shared: [CGROUP_MOUNT_FIELD],
    alone: def.alone,
    paths: def.paths,
    edit(c, run) {
      addCgroupMount(c);
      def.edit(c, run);
    },
    asks: { cgroup: cgroupFilesAsk(def.files) },
    verify(t, facts, config) {
      def.verify(t, viewOf(t, facts), facts, config);
    },
  };
}

function resources(c: Config): Config {
  c.linux ??= {};
  return (c.linux.resources ??= {});
}

// ---- host facts, for choosing values and for judging a refusal (native runtimes) ----------

/** A block device of the host as "major:minor" numbers: a disk if there is one, else any. */
export function hostBlockDevice(): { major: number; minor: number } | undefined {
  let names: string[] = [];
  try {
    names = readdirSync('/sys/block').sort();
  } catch {
    return undefined;
  }
  const disks = names.filter((n) => !/^(loop|ram|zram|nbd|dm-|md)/.test(n));
  for (const n of [...disks, ...names]) {
    try {
      const [major, minor] = readFileSync(join('/sys/block', n, 'dev'), 'utf8').trim().split(':').map(Number);
      if (Number.isInteger(major) && Number.isInteger(minor)) return { major, minor };
    } catch {
      // Not readable: try the next.
    }
  }
  return undefined;
}

function readOr(path: string, fallback = ''): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

function hostCgroups(): { v1: Set<string>; v2: Set<string>; pureV2: boolean } {
  const pureV2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  const c = hostControllers(readOr('/proc/self/mountinfo'), pureV2 ? readOr('/sys/fs/cgroup/cgroup.controllers') : undefined, readOr('/proc/cgroups'));
  return { ...c, pureV2 };
}

/** Whether the host can apply a field, and why, in words for the check name. */
interface HostSupport {
  ok: boolean;
  why: string;
}

/** Whether `dir` or one of its subdirectories (weight files exist in non-root cgroups only) has one of `files`. */
function inCgroupOrChild(dir: string, files: string[]): boolean {
  const has = (d: string) => files.some((f) => existsSync(join(d, f)));
  if (has(dir)) return true;
  try {
    return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && has(join(dir, e.name)));
  } catch {
    return false;
  }
}

function hostHasBlkioWeight(): HostSupport {
  const h = hostCgroups();
  if (h.pureV2) {
    const ok = h.v2.has('io') && inCgroupOrChild('/sys/fs/cgroup', ['io.weight', 'io.bfq.weight']);
    return { ok, why: ok ? 'the host has the io controller with a weight file' : 'the host has no io weight (no io controller, or neither io.weight nor io.bfq.weight)' };
  }
  const mount = '/sys/fs/cgroup/blkio';
  // BFQ's weight shows in non-root cgroups only; its statistics files at the root say it is there.
  const ok = h.v1.has('blkio') && (inCgroupOrChild(mount, ['blkio.weight', 'blkio.bfq.weight']) || existsSync(join(mount, 'blkio.bfq.io_service_bytes')));
  return { ok, why: ok ? 'the host has blkio weights (CFQ or BFQ)' : 'the host has no blkio weight (neither blkio.weight nor blkio.bfq.weight: no CFQ or BFQ)' };
}

/**
 * The cpuset the cpuset case asks for: the last online CPU and memory node, each only when the
 * host has more than one, so that it differs from what the container would get by default.
 */
export function hostCpuset(): { cpus?: string; mems?: string } {
  const cpus = expandList(readOr('/sys/devices/system/cpu/online')) ?? [];
  const nodes = expandList(readOr('/sys/devices/system/node/online')) ?? [];
  return { ...(cpus.length > 1 ? { cpus: String(cpus[cpus.length - 1]) } : {}), ...(nodes.length > 1 ? { mems: String(nodes[nodes.length - 1]) } : {}) };
}

/** The page size of the host's first huge page pool, in the spec's notation ("2MB"). */
export function hostHugepageSize(): string | undefined {
  try {
    return readdirSync('/sys/kernel/mm/hugepages').map(hugepageDirToSize).filter((x): x is string => !!x).sort()[0];
  } catch {
    return undefined;
  }
}

function hostHasHugetlb(): HostSupport {
  const h = hostCgroups();
  const controller = h.pureV2 ? h.v2.has('hugetlb') : h.v1.has('hugetlb');
  const size = hostHugepageSize();
  const ok = controller && size !== undefined;
  return {
    ok,
    why: ok ? `the host has the hugetlb controller and ${size} pages` : controller ? 'the host kernel has no huge page sizes' : `the host has no hugetlb hierarchy (${h.pureV2 ? 'not in cgroup.controllers' : 'no cgroup v1 mount with hugetlb'})`,
  };
}

function hostHasNetCgroups(): HostSupport {
  const h = hostCgroups();
  if (h.pureV2) return { ok: false, why: 'the host is cgroup v2 only, which has no net_cls or net_prio controller' };
  const ok = h.v1.has('net_cls') && h.v1.has('net_prio');
  return { ok, why: ok ? 'the host has net_cls and net_prio hierarchies' : 'the host has no net_cls and net_prio hierarchies (the controllers are not mounted)' };
}

function hostHasV2Pids(): HostSupport {
  const h = hostCgroups();
  const ok = h.pureV2 && h.v2.has('pids');
  return { ok, why: ok ? 'the host is cgroup v2 with the pids controller' : `the host is not cgroup v2 (${h.pureV2 ? 'no pids controller' : 'v1 or hybrid: its v2 hierarchy has no controllers'})` };
}

// ---- cases that accept a refusal ----------------------------------------------------------

type Outcome = { created: true; facts: ProbeFacts; config: Config } | { created: false; create: Invocation };

/**
 * One container run of the case's own; a refused create is an answer, not an error. `earlier`
 * counts the case's runs before this one, so each gets its own container ID and directory (a
 * second run under the ID of a refused one would find, and hide, what the refusal left).
 */
async function runAlone(t: CaseContext, probe: ProbeSpec, earlier = 0): Promise<Outcome> {
  const self = { ...t.testCase, probe } as ProbeCase;
  const scheduler = new ProbeScheduler([[self]]);
  scheduler.containerRuns = earlier;
  try {
    const a = await scheduler.answer(t);
    return { created: true, facts: a.facts, config: a.config };
  } catch (e) {
    if (e instanceof CaseStop && e.kind === 'error') {
      const create = [...t.invocations].reverse().find((i) => i.argv.includes('create'));
      if (create && !create.timedOut && create.exitCode !== null && create.exitCode !== 0) return { created: false, create };
    }
    throw e;
  }
}

export interface AppliedOrRefused {
  id: string;
  revision: number;
  title: string;
  /** The field's own requirement (the value check, and a refusal where the host could apply it). */
  requirement: string;
  /** The requirement a refusal satisfies when the host cannot apply the field. */
  refusal: string;
  since?: TestCase['since'];
  /** What the host lacks or has, for a native runtime. */
  host(): HostSupport;
  /** The cgroup files to look for (both layouts' names). */
  files(): string[];
  edit(c: Config): void;
  /** The files the check needs are in the view (else the value cannot be read inside). */
  visible(view: CgroupView, config: Config): boolean;
  verify(t: CaseContext, view: CgroupView, config: Config): void;
}

/**
 * A field a host may be unable to apply: where the container shows the files, their values are
 * checked; otherwise the runtime must have refused the config exactly when the host lacks the
 * controller (native runtimes: the host is what they apply it to).
 */
function appliedOrRefused(def: AppliedOrRefused): TestCase {
  return {
    id: def.id,
    revision: def.revision,
    title: def.title,
    area: 'config',
    requirements: [def.requirement, def.refusal],
    ...(def.since ? { since: def.since } : {}),
    async run(t) {
      const probe: ProbeSpec = {
        fields: [],
        edit(c) {
          addCgroupMount(c);
          def.edit(c);
        },
        asks: { cgroup: cgroupFilesAsk(def.files()) },
        verify() {},
      };
      const out = await runAlone(t, probe);
      if (!out.created) {
        // The refusal must be the field's: the same config without it is created.
        const control = await runAlone(t, { ...probe, edit: (c) => addCgroupMount(c), asks: {} }, 1);
        if (!control.created) t.error(`the runtime refuses the config without the field as well (${describe(control.create)}), so its refusal says nothing about the field`);
        // A refusal is right where the host lacks the controller, whatever the isolation (a
        // sandbox applies cgroups to the host too); where the host has it, only a native
        // runtime is known to have been able to apply the field.
        const host = def.host();
        if (host.ok && t.isolation !== 'native') {
          t.skip('not-applicable', `the runtime refused the config (${describe(out.create)}) although ${host.why}; whether a ${t.isolation} runtime could apply it depends on its own kernel, which the suite does not inspect`);
        }
        if (host.ok) t.check(def.requirement, `create succeeds: ${host.why}`, false, { expected: 'created', actual: describe(out.create) });
        else t.check(def.refusal, `create fails: ${host.why}`, true, { expected: 'create fails', actual: describe(out.create) });
        return;
      }
      const view = parseCgroupView(out.facts.answers.cgroup?.output ?? []);
      if (view.layout !== 'none' && def.visible(view, out.config)) {
        def.verify(t, view, out.config);
        return;
      }
      if (t.isolation !== 'native') noView(t, view.layout === 'none' ? 'the container sees no cgroup' : `the container's cgroup (${view.layout}) does not show the files`);
      const host = def.host();
      if (host.ok) t.skip('environment', `${host.why}, but the container's cgroup view (${view.layout}) does not show the files, so the value cannot be read inside`);
      t.check(def.refusal, `create fails: ${host.why}`, false, { expected: 'create fails', actual: 'the container was created and shows no such file' });
    },
  };
}

// ---- pids.limit 0 (1.3.0): a container that cannot fork --------------------------------------

/**
 * Busybox sh builtins only (read, echo, case, test, redirections): with pids.max 0 the shell
 * cannot fork. It finds pids.max of its own cgroup (v1 hierarchy, or the unified one), writes it
 * and a ready mark, then tries a subshell: the shell dies of the failed fork, or notes success.
 */
const ZERO_SCRIPT = [
  `R=${RESULTS_MOUNT}; p=; q=`,
  'while read -r l; do case $l in 0::*) p=${l#0::};; *:pids:*|*,pids:*|*:pids,*) q=${l#*:*:};; esac; done < /proc/self/cgroup',
  '{ for f in /sys/fs/cgroup/pids$q/pids.max /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup$p/pids.max /sys/fs/cgroup/pids.max; do',
  ' if [ -f "$f" ]; then read -r v < "$f"; echo "pids.max $f $v"; break; fi; done; } > $R/zero.out',
  'echo ready > $R/zero.ready',
  'echo attempt > $R/zero.fork',
  '( echo forked >> $R/zero.fork )',
  'echo "after $?" >> $R/zero.fork',
].join('\n');

/** The outcome of the pids.limit 0 container: pids.max as seen, and whether a fork worked. */
export function parseZero(out: string, fork: string): { pidsMax?: string; file?: string; forked: boolean } {
  const m = /^pids\.max (\S+) (.*)$/m.exec(out);
  return { ...(m ? { file: m[1], pidsMax: m[2].trim() } : {}), forked: fork.split('\n').includes('forked') };
}

const pidsZero: TestCase = {
  id: 'config.cgroups.pids-zero',
  revision: 1,
  title: 'pids.limit 0 (1.3.0) is a limit of zero tasks: pids.max is 0 and the process cannot fork',
  area: 'config',
  requirements: ['config-linux.pids.limit-zero'],
  since: '1.3.0',
  async run(t) {
    const b = t.bundle(ZERO_SCRIPT, (c) => {
      addCgroupMount(c);
      resources(c).pids = { limit: 0 };
    });
    const id = t.newId();
    await t.mustCreate(id, b);
    await t.mustStart(id);
    const out = await t.waitForFile(join(b.results, 'zero.ready'));
    if (out === undefined) t.error('the container wrote nothing within the deadline (its shell needs no fork to write)');
    const { reached } = await t.waitForStatus(id, 'stopped');
    if (!reached) t.error('the container did not stop after its fork attempt');
    const r = parseZero(readOr(join(b.results, 'zero.out')), readOr(join(b.results, 'zero.fork')));
    if (r.pidsMax === undefined) noView(t, 'the container sees no pids.max in its cgroup');
    t.equal('config-linux.pids.limit-zero', 'pids.max is 0', r.pidsMax, '0');
    t.check('config-linux.pids.limit-zero', 'a fork fails', !r.forked, { expected: 'the subshell is not created', actual: r.forked ? 'the subshell ran' : 'the fork failed' });
  },
};

// ---- fields a host may be unable to apply -------------------------------------------------

export const blkioWeight: AppliedOrRefused = {
  id: 'config.cgroups.blkio-weight',
  revision: 1,
  title: 'blockIO weight is the container cgroup weight, or create fails on a host without blkio weights',
  requirement: 'config-linux.resources.block-io',
  refusal: UNSUPPORTED,
  host: hostHasBlkioWeight,
  files: () => ['blkio.weight', 'blkio.bfq.weight', 'io.weight', 'io.bfq.weight'],
  edit(c) {
    const r = resources(c);
    r.blockIO = { ...(r.blockIO ?? {}), weight: BLKIO_WEIGHT };
  },
  visible: (view) => ['blkio.weight', 'blkio.bfq.weight', 'io.weight', 'io.bfq.weight'].some((f) => view.files[f] !== undefined),
  verify(t, view) {
    // v1: blkio.weight (CFQ) or blkio.bfq.weight; v2: io.bfq.weight or io.weight ("default N").
    const seen = ['blkio.bfq.weight', 'blkio.weight', 'io.bfq.weight', 'io.weight'].filter((f) => view.files[f] !== undefined);
    const weights = seen.map((f) => line0(view.files[f]).replace(/^default\s+/, ''));
    t.check('config-linux.resources.block-io', `the weight file (${seen.join(' or ')}) is ${BLKIO_WEIGHT}`, weights.includes(String(BLKIO_WEIGHT)), { expected: String(BLKIO_WEIGHT), actual: Object.fromEntries(seen.map((f, i) => [f, weights[i]])) });
  },
};

export const hugepageLimits: AppliedOrRefused = {
  id: 'config.cgroups.hugepage-limits',
  revision: 1,
  title: 'hugepageLimits are the hugetlb limits of the container cgroup, or create fails on a host without hugetlb',
  requirement: 'config-linux.resources.hugepage-limits',
  refusal: UNSUPPORTED,
  host: hostHasHugetlb,
  files: () => hugetlbFiles(hostHugepageSize() ?? '2MB'),
  edit(c) {
    resources(c).hugepageLimits = [{ pageSize: hostHugepageSize() ?? '2MB', limit: HUGEPAGE_LIMIT }];
  },
  visible: (view) => hugetlbFiles(hostHugepageSize() ?? '2MB').some((f) => view.files[f] !== undefined),
  verify(t, view) {
    const size = hostHugepageSize() ?? '2MB';
    const [plain, rsvd] = view.layout === 'v2' ? [`hugetlb.${size}.max`, `hugetlb.${size}.rsvd.max`] : [`hugetlb.${size}.limit_in_bytes`, `hugetlb.${size}.rsvd.limit_in_bytes`];
    // From 1.1.0 the limit is on reservations where the kernel accounts them.
    const file = versionInRange(t.version, '1.1.0', undefined) && view.files[rsvd] !== undefined ? rsvd : plain;
    t.equal('config-linux.resources.hugepage-limits', `${file} is ${HUGEPAGE_LIMIT}`, firstLine(view, file) ?? null, String(HUGEPAGE_LIMIT));
  },
};

export const network: AppliedOrRefused = {
  id: 'config.cgroups.network',
  revision: 1,
  title: 'network classID and priorities are set on net_cls and net_prio, or create fails on a host without them',
  requirement: 'config-linux.resources.network',
  refusal: UNSUPPORTED,
  host: hostHasNetCgroups,
  files: () => ['net_cls.classid', 'net_prio.ifpriomap'],
  edit(c) {
    resources(c).network = { classID: NET_CLASSID, priorities: [NET_PRIORITY] };
  },
  visible: (view) => view.files['net_cls.classid'] !== undefined && view.files['net_prio.ifpriomap'] !== undefined,
  verify(t, view) {
    t.equal('config-linux.resources.network', `net_cls.classid is ${NET_CLASSID}`, firstLine(view, 'net_cls.classid') ?? null, String(NET_CLASSID));
    const prio = view.files['net_prio.ifpriomap'].map((l) => l.trim().split(/\s+/)).find(([name]) => name === NET_PRIORITY.name);
    t.equal('config-linux.resources.network', `net_prio.ifpriomap gives ${NET_PRIORITY.name} priority ${NET_PRIORITY.priority}`, prio?.[1] ?? null, String(NET_PRIORITY.priority));
  },
};

export const unified: AppliedOrRefused = {
  id: 'config.cgroups.unified',
  revision: 1,
  title: 'unified entries are written to the cgroup v2 files, or create fails where no v2 controller is available',
  since: '1.1.0',
  requirement: 'config-linux.resources.unified',
  refusal: 'config-linux.resources.unified-unavailable',
  host: hostHasV2Pids,
  files: () => Object.keys(UNIFIED),
  edit(c) {
    resources(c).unified = { ...UNIFIED };
  },
  visible: (view) => view.layout === 'v2' && Object.keys(UNIFIED).every((f) => view.files[f] !== undefined),
  verify(t, view) {
    for (const [file, value] of Object.entries(UNIFIED)) t.equal('config-linux.resources.unified', `${file} is ${value}`, firstLine(view, file) ?? null, value);
  },
};

// ---- the cases ----------------------------------------------------------------------------

export const cases: TestCase[] = [
  probeCase({
    id: 'config.cgroups.path',
    revision: 1,
    title: 'an absolute cgroupsPath is the cgroup the container process is in',
    area: 'config',
    requirements: ['config-linux.cgroups-path'],
    probe: {
      // A cgroup namespace would show "/" instead of the path.
      fields: ['/linux/cgroupsPath'],
      edit(c, run) {
        c.linux.cgroupsPath = `/${run.id}${CGROUPS_PATH_SUFFIX}`;
      },
      asks: { cgroup: cgroupFilesAsk([]) },
      verify(t, facts, config) {
        const view = parseCgroupView(facts.answers.cgroup?.output ?? []);
        if (view.membership.length === 0) noView(t, 'the container sees no cgroup membership (/proc/self/cgroup is empty)');
        if (config.linux?.namespaces?.some((n: { type: string }) => n.type === 'cgroup')) {
          t.skip('not-applicable', 'the container has a cgroup namespace, so /proc/self/cgroup shows paths relative to it');
        }
        // v1: every controller hierarchy (named ones such as name=systemd are not resources);
        // v2: the unified line. A hybrid host's unified line is left out on v1.
        const lines = view.layout === 'v2' ? view.membership.filter((m) => m.controllers.length === 0) : view.membership.filter((m) => m.controllers.some((c) => !c.startsWith('name=')));
        const want = config.linux.cgroupsPath;
        t.check('config-linux.cgroups-path', `the process is in the configured cgroupsPath in every ${view.layout === 'v2' ? 'unified' : 'controller'} hierarchy`, lines.length > 0 && lines.every((m) => m.path === want), {
          expected: want,
          actual: lines.map((m) => `${m.controllers.join(',') || '(unified)'}:${m.path}`),
        });
      },
    },
  }),
  probeCase({
    id: 'config.cgroups.memory',
    revision: 1,
    title: 'memory limit, reservation and swap are set on the container cgroup (v2: memory.max, memory.low, memory.swap.max)',
    area: 'config',
    requirements: ['config-linux.resources.memory'],
    probe: cgroupProbe({
      fields: ['/linux/resources/memory/limit', '/linux/resources/memory/reservation', '/linux/resources/memory/swap'],
      files: ['memory.limit_in_bytes', 'memory.soft_limit_in_bytes', 'memory.memsw.limit_in_bytes', 'memory.max', 'memory.low', 'memory.swap.max'],
      edit(c) {
        const r = resources(c);
        r.memory = { ...(r.memory ?? {}), ...MEMORY };
      },
      verify(t, view) {
        const f = need(t, view, { v1: ['memory.limit_in_bytes', 'memory.soft_limit_in_bytes', 'memory.memsw.limit_in_bytes'], v2: ['memory.max', 'memory.low', 'memory.swap.max'] });
        const req = 'config-linux.resources.memory';
        if (view.layout === 'v2') {
          t.equal(req, `memory.max is the limit, ${MEMORY.limit}`, line0(f['memory.max']), v2Limit(MEMORY.limit));
          t.equal(req, `memory.low is the reservation, ${MEMORY.reservation}`, line0(f['memory.low']), v2Limit(MEMORY.reservation));
          t.equal(req, `memory.swap.max is swap minus limit, ${v2SwapMax(MEMORY.limit, MEMORY.swap)}`, line0(f['memory.swap.max']), v2SwapMax(MEMORY.limit, MEMORY.swap));
        } else {
          t.equal(req, `memory.limit_in_bytes is the limit, ${MEMORY.limit}`, line0(f['memory.limit_in_bytes']), String(MEMORY.limit));
          t.equal(req, `memory.soft_limit_in_bytes is the reservation, ${MEMORY.reservation}`, line0(f['memory.soft_limit_in_bytes']), String(MEMORY.reservation));
          t.equal(req, `memory.memsw.limit_in_bytes is swap (memory plus swap), ${MEMORY.swap}`, line0(f['memory.memsw.limit_in_bytes']), String(MEMORY.swap));
        }
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.memory-v1-knobs',
    revision: 1,
    title: 'memory swappiness and disableOOMKiller are set on a cgroup v1 memory cgroup',
    area: 'config',
    requirements: ['config-linux.resources.memory'],
    probe: cgroupProbe({
      fields: ['/linux/resources/memory/swappiness', '/linux/resources/memory/disableOOMKiller'],
      files: ['memory.swappiness', 'memory.oom_control'],
      edit(c) {
        const r = resources(c);
        r.memory = { ...(r.memory ?? {}), swappiness: SWAPPINESS, disableOOMKiller: true };
      },
      verify(t, view) {
        if (view.layout === 'v2') {
          t.skip('not-applicable', 'cgroup v2 has no swappiness and no switch for the OOM killer, and the spec does not say what a runtime does with the two fields there');
        }
        const f = need(t, view, { v1: ['memory.swappiness', 'memory.oom_control'], v2: [] });
        t.equal('config-linux.resources.memory', `memory.swappiness is ${SWAPPINESS}`, line0(f['memory.swappiness']), String(SWAPPINESS));
        const oom = f['memory.oom_control'].map((l) => l.trim()).find((l) => l.startsWith('oom_kill_disable '));
        t.equal('config-linux.resources.memory', 'memory.oom_control has oom_kill_disable 1', oom ?? null, 'oom_kill_disable 1');
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.cpu-shares',
    revision: 1,
    title: 'cpu shares are set on the container cgroup (v2: a cpu.weight below the default for fewer shares than the default)',
    area: 'config',
    requirements: ['config-linux.resources.cpu'],
    probe: cgroupProbe({
      fields: ['/linux/resources/cpu/shares'],
      files: ['cpu.shares', 'cpu.weight'],
      edit(c) {
        const r = resources(c);
        r.cpu = { ...(r.cpu ?? {}), shares: CPU_SHARES };
      },
      verify(t, view) {
        const f = need(t, view, { v1: ['cpu.shares'], v2: ['cpu.weight'] });
        if (view.layout === 'v2') {
          // The conversion is the runtime's (runc and crun have used a linear and a logarithmic
          // one); any of them maps 512 of a default 1024 shares below the default weight 100.
          const w = Number(line0(f['cpu.weight']));
          t.check('config-linux.resources.cpu', `cpu.weight reflects ${CPU_SHARES} shares: from 1 to 99 (the default, 100, is 1024 shares)`, Number.isInteger(w) && w >= 1 && w < 100, { expected: '1..99', actual: line0(f['cpu.weight']) });
        } else {
          t.equal('config-linux.resources.cpu', `cpu.shares is ${CPU_SHARES}`, line0(f['cpu.shares']), String(CPU_SHARES));
        }
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.cpu-quota',
    revision: 1,
    title: 'cpu quota and period are set on the container cgroup (v1 cfs_quota_us and cfs_period_us, v2 cpu.max)',
    area: 'config',
    requirements: ['config-linux.resources.cpu'],
    probe: cgroupProbe({
      fields: ['/linux/resources/cpu/quota', '/linux/resources/cpu/period'],
      files: ['cpu.cfs_quota_us', 'cpu.cfs_period_us', 'cpu.max'],
      edit(c) {
        const r = resources(c);
        r.cpu = { ...(r.cpu ?? {}), ...CPU_QUOTA };
      },
      verify(t, view) {
        const f = need(t, view, { v1: ['cpu.cfs_quota_us', 'cpu.cfs_period_us'], v2: ['cpu.max'] });
        if (view.layout === 'v2') {
          t.equal('config-linux.resources.cpu', `cpu.max is "${CPU_QUOTA.quota} ${CPU_QUOTA.period}"`, line0(f['cpu.max']), `${CPU_QUOTA.quota} ${CPU_QUOTA.period}`);
        } else {
          t.equal('config-linux.resources.cpu', `cpu.cfs_quota_us is ${CPU_QUOTA.quota}`, line0(f['cpu.cfs_quota_us']), String(CPU_QUOTA.quota));
          t.equal('config-linux.resources.cpu', `cpu.cfs_period_us is ${CPU_QUOTA.period}`, line0(f['cpu.cfs_period_us']), String(CPU_QUOTA.period));
        }
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.cpu-burst',
    revision: 1,
    title: 'cpu burst (1.1.0) is the CFS burst of the container cgroup (v1 cpu.cfs_burst_us, v2 cpu.max.burst)',
    area: 'config',
    requirements: ['config-linux.resources.cpu-burst'],
    since: '1.1.0',
    probe: cgroupProbe({
      fields: ['/linux/resources/cpu/burst'],
      files: ['cpu.cfs_burst_us', 'cpu.max.burst'],
      edit(c) {
        const r = resources(c);
        r.cpu = { ...(r.cpu ?? {}), burst: CPU_BURST };
      },
      verify(t, view) {
        const f = need(t, view, { v1: ['cpu.cfs_burst_us'], v2: ['cpu.max.burst'] });
        const file = view.layout === 'v2' ? 'cpu.max.burst' : 'cpu.cfs_burst_us';
        t.equal('config-linux.resources.cpu-burst', `${file} is ${CPU_BURST}`, line0(f[file]), String(CPU_BURST));
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.cpu-idle',
    revision: 1,
    title: 'cpu idle 1 (1.1.0) makes the container cgroup SCHED_IDLE: cpu.idle is 1',
    area: 'config',
    requirements: ['config-linux.resources.cpu-idle'],
    since: '1.1.0',
    probe: cgroupProbe({
      // The kernel refuses shares (weight) for an idle group: never in one container with them.
      fields: ['/linux/resources/cpu/idle', '/linux/resources/cpu/shares'],
      files: ['cpu.idle'],
      edit(c) {
        const r = resources(c);
        r.cpu = { ...(r.cpu ?? {}), idle: 1 };
      },
      verify(t, view) {
        const f = need(t, view, { v1: ['cpu.idle'], v2: ['cpu.idle'] });
        t.equal('config-linux.resources.cpu-idle', 'cpu.idle is 1', line0(f['cpu.idle']), '1');
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.cpuset',
    revision: 1,
    title: "cpu.cpus (and cpu.mems on a host with several memory nodes) are the container's cpuset and allowed CPUs",
    area: 'config',
    requirements: ['config-linux.resources.cpuset'],
    probe: cgroupProbe({
      fields: ['/linux/resources/cpu/cpus', '/linux/resources/cpu/mems'],
      files: ['cpuset.cpus', 'cpuset.mems'],
      edit(c) {
        const cpu = hostCpuset();
        if (Object.keys(cpu).length) {
          const r = resources(c);
          r.cpu = { ...(r.cpu ?? {}), ...cpu };
        }
      },
      verify(t, view, facts) {
        // What the case asked for (config.json as the runtime left it may have lost it).
        const cpu = hostCpuset();
        if (cpu.cpus === undefined && cpu.mems === undefined) {
          t.skip('environment', 'the host has one CPU and one memory node online: no cpuset could differ from the default');
        }
        // The same names on v1 and v2.
        const names = [...(cpu.cpus !== undefined ? ['cpuset.cpus'] : []), ...(cpu.mems !== undefined ? ['cpuset.mems'] : [])];
        const f = need(t, view, { v1: names, v2: names });
        const req = 'config-linux.resources.cpuset';
        if (cpu.cpus !== undefined) {
          t.equal(req, `cpuset.cpus is ${cpu.cpus}`, expandList(line0(f['cpuset.cpus'])) ?? line0(f['cpuset.cpus']), expandList(cpu.cpus));
          const allowed = facts.status.Cpus_allowed_list;
          if (allowed !== undefined) t.equal(req, `Cpus_allowed_list is ${cpu.cpus}`, expandList(allowed) ?? allowed, expandList(cpu.cpus));
        }
        if (cpu.mems !== undefined) {
          t.equal(req, `cpuset.mems is ${cpu.mems}`, expandList(line0(f['cpuset.mems'])) ?? line0(f['cpuset.mems']), expandList(cpu.mems));
          const allowed = facts.status.Mems_allowed_list;
          if (allowed !== undefined) t.equal(req, `Mems_allowed_list is ${cpu.mems}`, expandList(allowed) ?? allowed, expandList(cpu.mems));
        }
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.pids-limit',
    revision: 1,
    title: 'a positive pids.limit is pids.max of the container cgroup',
    area: 'config',
    requirements: ['config-linux.resources.pids'],
    probe: cgroupProbe({
      fields: ['/linux/resources/pids'],
      files: ['pids.max'],
      edit(c) {
        resources(c).pids = { limit: PIDS_LIMIT };
      },
      verify(t, view) {
        const f = need(t, view, { v1: ['pids.max'], v2: ['pids.max'] });
        t.equal('config-linux.resources.pids', `pids.max is ${PIDS_LIMIT}`, line0(f['pids.max']), String(PIDS_LIMIT));
      },
    }),
  }),
  probeCase({
    id: 'config.cgroups.pids-unlimited',
    revision: 1,
    title: 'pids.limit -1 (1.3.0) is no limit: pids.max is max',
    area: 'config',
    requirements: ['config-linux.pids.limit-unlimited'],
    since: '1.3.0',
    probe: cgroupProbe({
      fields: ['/linux/resources/pids'],
      files: ['pids.max'],
      edit(c) {
        resources(c).pids = { limit: -1 };
      },
      verify(t, view) {
        const f = need(t, view, { v1: ['pids.max'], v2: ['pids.max'] });
        t.equal('config-linux.pids.limit-unlimited', 'pids.max is max', line0(f['pids.max']), 'max');
      },
    }),
  }),
  pidsZero,
  probeCase({
    id: 'config.cgroups.blkio-throttle',
    revision: 1,
    title: 'blockIO throttle rates of a host block device are set on the container cgroup (v1 blkio.throttle.*, v2 io.max)',
    area: 'config',
    requirements: ['config-linux.resources.block-io'],
    probe: cgroupProbe({
      fields: ['/linux/resources/blockIO/throttleReadBpsDevice', '/linux/resources/blockIO/throttleWriteBpsDevice', '/linux/resources/blockIO/throttleReadIOPSDevice', '/linux/resources/blockIO/throttleWriteIOPSDevice'],
      files: ['blkio.throttle.read_bps_device', 'blkio.throttle.write_bps_device', 'blkio.throttle.read_iops_device', 'blkio.throttle.write_iops_device', 'io.max'],
      edit(c) {
        const dev = hostBlockDevice();
        if (!dev) return;
        const r = resources(c);
        r.blockIO = {
          ...(r.blockIO ?? {}),
          throttleReadBpsDevice: [{ ...dev, rate: THROTTLE.readBps }],
          throttleWriteBpsDevice: [{ ...dev, rate: THROTTLE.writeBps }],
          throttleReadIOPSDevice: [{ ...dev, rate: THROTTLE.readIops }],
          throttleWriteIOPSDevice: [{ ...dev, rate: THROTTLE.writeIops }],
        };
      },
      verify(t, view) {
        const dev = hostBlockDevice();
        if (!dev) return t.skip('environment', 'the host has no block device (/sys/block is empty) to throttle');
        const { major, minor } = dev;
        const req = 'config-linux.resources.block-io';
        if (view.layout === 'v2') {
          const f = need(t, view, { v1: [], v2: ['io.max'] });
          const s = deviceSettings(f['io.max'], major, minor);
          const want = { rbps: String(THROTTLE.readBps), wbps: String(THROTTLE.writeBps), riops: String(THROTTLE.readIops), wiops: String(THROTTLE.writeIops) };
          t.equal(req, `io.max has ${major}:${minor} with the four rates`, s ? { rbps: s.rbps, wbps: s.wbps, riops: s.riops, wiops: s.wiops } : null, want);
          return;
        }
        const names = ['read_bps_device', 'write_bps_device', 'read_iops_device', 'write_iops_device'].map((n) => `blkio.throttle.${n}`);
        const f = need(t, view, { v1: names, v2: [] });
        const values = [THROTTLE.readBps, THROTTLE.writeBps, THROTTLE.readIops, THROTTLE.writeIops];
        names.forEach((n, i) => t.equal(req, `${n} has ${major}:${minor} ${values[i]}`, deviceValue(f[n], major, minor) ?? null, String(values[i])));
      },
    }),
  }),
  appliedOrRefused(blkioWeight),
  appliedOrRefused(hugepageLimits),
  appliedOrRefused(network),
  appliedOrRefused(unified),
];

function hugetlbFiles(size: string): string[] {
  return [`hugetlb.${size}.limit_in_bytes`, `hugetlb.${size}.rsvd.limit_in_bytes`, `hugetlb.${size}.max`, `hugetlb.${size}.rsvd.max`];
}
