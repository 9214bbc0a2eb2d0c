// Table-driven tests: for every rule, documents that violate it and documents that do not, at
// every version in its range, plus the same violation just outside each end of the range.
import t from 'tap';
import { severityOf } from '../../../schema/diagnostics.js';
import { splitPointer } from '../../../schema/diagnostics.js';
import { ALL_RULES, rulesFor } from '../../../schema/rules/index.js';
import type { SpecVersion } from '../../../schema/versions.js';
import {
  atLeast,
  cfg,
  feat,
  from,
  previousVersion,
  runAll,
  runRule,
  st,
  versionsOf,
  win,
  type DocFn,
  type Json,
} from './fixtures.js';

interface Case {
  /** Documents that break the rule (each must produce at least one finding). */
  bad: DocFn[];
  /** Documents that keep it (each must produce none). */
  good: DocFn[];
  /** A pointer the first bad document's findings must include. */
  pointer?: string;
}

const withoutNs = (d: Json, type: string) => {
  d.linux.namespaces = d.linux.namespaces.filter((n: Json) => n.type !== type);
};
const solaris = (edit?: (d: Json) => void) =>
  cfg((d) => {
    delete d.linux;
    d.solaris = { milestone: 'svc:/milestone/container:default' };
    edit?.(d);
  });
const zos = (namespaces: Json[]) =>
  cfg((d) => {
    delete d.linux;
    d.zos = { namespaces };
  });
const vm = (section: Json) => cfg((d) => (d.vm = { kernel: { path: '/boot/vmlinuz' }, ...section }));
const mapping = [{ containerID: 0, hostID: 100000, size: 65536 }];
const idmapMount = (m: Json) => cfg((d) => d.mounts.push({ destination: '/data', source: '/srv/data', type: 'none', ...m }));
const seccomp = (s: Json) => cfg((d) => (d.linux.seccomp = { defaultAction: 'SCMP_ACT_ALLOW', ...s }));

const CASES: Record<string, Case> = {
  // ---- config: version, root ----
  'config.version.semver': {
    bad: ['banana', '1.0', 'v1.0.0', '01.0.0'].map((x) => cfg((d) => (d.ociVersion = x))),
    good: ['1.0.2-dev', '1.3.0+dev', '1.1.0-rc.3', '1.2.1'].map((x) => cfg((d) => (d.ociVersion = x))),
    pointer: '/ociVersion',
  },
  'config.root.required': {
    bad: [cfg((d) => delete d.root), win((d) => delete d.root), solaris((d) => delete d.root)],
    good: [cfg(), win((d) => (delete d.root, (d.windows.hyperv = {})))],
    pointer: '/root',
  },
  'config.root.hyperv-not-set': {
    bad: [win((d) => (d.windows.hyperv = { utilityVMPath: 'C:\\uvm' }))],
    good: [win(), win((d) => (delete d.root, (d.windows.hyperv = {}))), cfg()],
    pointer: '/root',
  },
  'config.root.path-required': {
    bad: [cfg((d) => delete d.root.path), cfg((d) => (d.root.path = ''))],
    good: [cfg(), cfg((d) => (d.root.path = '/srv/rootfs'))],
    pointer: '/root/path',
  },
  'config.root.windows-volume-path': {
    bad: [win((d) => (d.root.path = 'C:\\rootfs')), win((d) => (d.root.path = '\\\\?\\Volume{not-a-guid}\\'))],
    good: [win(), win((d) => (d.root.path = '\\\\?\\Volume{EC84D99E-3F02-11E7-AC6C-00155D7682CF}')), cfg()],
    pointer: '/root/path',
  },
  'config.root.windows-readonly': {
    bad: [win((d) => (d.root.readonly = true))],
    good: [win((d) => (d.root.readonly = false)), cfg()],
    pointer: '/root/readonly',
  },
  // ---- config: process ----
  'config.process.required-for-start': {
    bad: [cfg((d) => delete d.process)],
    good: [cfg(), win()],
    pointer: '/process',
  },
  'config.process.cwd-absolute': {
    bad: [cfg((d) => (d.process.cwd = 'tmp')), win((d) => (d.process.cwd = 'foo\\bar')), win((d) => (d.process.cwd = '/foo'))],
    good: [cfg((d) => (d.process.cwd = '/tmp')), win(), win((d) => (d.process.cwd = 'd:/work'))],
    pointer: '/process/cwd',
  },
  'config.process.args-required': {
    bad: [
      cfg((d) => (d.process.args = [])),
      cfg((d, v) => (atLeast(v, '1.0.2') ? delete d.process.args : (d.process.args = []))),
    ],
    good: [cfg(), win((d) => ((d.process.args = []), (d.process.commandLine = 'cmd.exe')))],
    pointer: '/process/args',
  },
  'config.process.command-line-required': {
    bad: [win((d) => delete d.process.args), win((d) => (d.process.args = [])), win((d) => (delete d.process.args, (d.process.commandLine = '')))],
    good: [win(), win((d) => (delete d.process.args, (d.process.commandLine = 'cmd /c dir'))), cfg((d) => delete d.process.args)],
    pointer: '/process/commandLine',
  },
  'config.process.user-ids-required': {
    bad: [cfg((d) => delete d.process.user.uid), cfg((d) => delete d.process.user.gid), cfg((d) => delete d.process.user)],
    good: [cfg(), win(), cfg((d) => (d.process.user = { uid: 0, gid: 0 }))],
    pointer: '/process/user/uid',
  },
  'config.process.console-size-without-terminal': {
    bad: [cfg((d) => (d.process.consoleSize = { height: 25, width: 80 })), cfg((d) => (delete d.process.terminal, (d.process.consoleSize = { height: 1, width: 1 })))],
    good: [cfg((d) => ((d.process.terminal = true), (d.process.consoleSize = { height: 25, width: 80 }))), cfg()],
    pointer: '/process/consoleSize',
  },
  'config.process.rlimits-unique': {
    bad: [cfg((d) => d.process.rlimits.push({ type: 'RLIMIT_NOFILE', soft: 1, hard: 1 })), solaris((d) => d.process.rlimits.push({ type: 'RLIMIT_NOFILE', soft: 1, hard: 1 }))],
    good: [cfg((d) => d.process.rlimits.push({ type: 'RLIMIT_NPROC', soft: 10, hard: 10 })), cfg()],
    pointer: '/process/rlimits/1/type',
  },
  'config.process.rlimits-known': {
    bad: [cfg((d) => (d.process.rlimits[0].type = 'RLIMIT_TEST')), cfg((d) => (d.process.rlimits[0].type = 'RLIMIT_VMEM'))],
    good: [cfg((d) => (d.process.rlimits[0].type = 'RLIMIT_LOCKS')), solaris((d) => (d.process.rlimits[0].type = 'RLIMIT_VMEM'))],
    pointer: '/process/rlimits/0/type',
  },
  'config.process.rlimits-soft-within-hard': {
    bad: [cfg((d) => (d.process.rlimits[0].soft = 5000))],
    good: [cfg((d) => (d.process.rlimits[0].soft = 4096)), cfg()],
    pointer: '/process/rlimits/0/soft',
  },
  'config.process.capability-unknown-error': capabilityCase(),
  'config.process.capability-unknown-warning': capabilityCase(),
  'config.process.io-priority-required': {
    bad: [cfg((d) => (d.process.ioPriority = { class: 'IOPRIO_CLASS_IDLE' }))],
    good: [cfg((d) => (d.process.ioPriority = { class: 'IOPRIO_CLASS_IDLE', priority: 4 })), cfg()],
    pointer: '/process/ioPriority/priority',
  },
  'config.process.io-priority-range': {
    bad: [8, -1, 100].map((p) => cfg((d) => (d.process.ioPriority = { class: 'IOPRIO_CLASS_BE', priority: p }))),
    good: [0, 7].map((p) => cfg((d) => (d.process.ioPriority = { class: 'IOPRIO_CLASS_BE', priority: p }))),
    pointer: '/process/ioPriority/priority',
  },
  'config.process.scheduler-parameters': {
    bad: [
      { policy: 'SCHED_FIFO' },
      { policy: 'SCHED_RR', priority: 100 },
      { policy: 'SCHED_OTHER', priority: 5 },
      { policy: 'SCHED_BATCH', nice: 20 },
      { policy: 'SCHED_DEADLINE', runtime: 2000000, deadline: 1000000, period: 3000000 },
      { policy: 'SCHED_DEADLINE', runtime: 1000000, deadline: 4000000, period: 3000000 },
      { policy: 'SCHED_DEADLINE', deadline: 0 },
    ].map((sch) => cfg((d) => (d.process.scheduler = sch))),
    good: [
      { policy: 'SCHED_FIFO', priority: 50 },
      { policy: 'SCHED_OTHER', nice: -20 },
      { policy: 'SCHED_IDLE' },
      { policy: 'SCHED_DEADLINE', runtime: 1000000, deadline: 2000000, period: 3000000 },
      { policy: 'SCHED_DEADLINE', runtime: 1000000, deadline: 2000000, period: 0 },
    ].map((sch) => cfg((d) => (d.process.scheduler = sch))),
    pointer: '/process/scheduler/priority',
  },
  // ---- config: hooks ----
  'config.hooks.path-absolute': {
    bad: [
      cfg((d) => (d.hooks.poststop[0].path = 'cleanup')),
      cfg((d, v) => (atLeast(v, '1.0.2') ? (d.hooks.createRuntime = [{ path: 'bin/hook' }]) : (d.hooks.prestart = [{ path: 'bin/hook' }]))),
    ],
    good: [cfg(), cfg((d) => (d.hooks.poststart = [{ path: '/usr/bin/notify' }]))],
    pointer: '/hooks/poststop/0/path',
  },
  'config.hooks.timeout-positive': {
    bad: [0, -5].map((x) => cfg((d) => (d.hooks.poststop[0].timeout = x))),
    good: [cfg(), cfg((d) => (d.hooks.poststop[0].timeout = 1))],
    pointer: '/hooks/poststop/0/timeout',
  },
  'config.hooks.prestart-deprecated': {
    bad: [cfg((d) => (d.hooks.prestart = [{ path: '/usr/bin/setup' }]))],
    good: [cfg(), cfg((d) => (d.hooks.prestart = [])), cfg((d) => (d.hooks.createRuntime = [{ path: '/usr/bin/setup' }]))],
    pointer: '/hooks/prestart',
  },
  // ---- config: mounts ----
  'config.mounts.destination-absolute': {
    bad: [cfg((d) => (d.mounts[1].destination = 'tmp')), win((d) => (d.mounts[0].destination = 'data')), solaris((d) => (d.mounts[1].destination = 'tmp'))],
    good: [cfg(), win()],
    pointer: '/mounts/1/destination',
  },
  'config.mounts.destination-relative-deprecated': {
    bad: [cfg((d) => (d.mounts[1].destination = 'tmp')), cfg((d) => (d.mounts[0].destination = './proc'))],
    good: [cfg(), win((d) => (d.mounts[0].destination = 'data'))],
    pointer: '/mounts/1/destination',
  },
  'config.mounts.destination-absolute-non-linux': {
    bad: [win((d) => (d.mounts[0].destination = 'data')), solaris((d) => (d.mounts[1].destination = 'tmp'))],
    good: [win(), cfg((d) => (d.mounts[1].destination = 'tmp'))],
    pointer: '/mounts/0/destination',
  },
  'config.mounts.windows-not-nested': {
    bad: [win((d) => d.mounts.push({ destination: 'c:\\DATA\\sub', source: 'C:\\x' })), win((d) => d.mounts.unshift({ destination: 'C:/data/a/b', source: 'C:\\x' }))],
    good: [win((d) => d.mounts.push({ destination: 'C:\\database', source: 'C:\\y' })), win(), cfg((d) => d.mounts.push({ destination: '/tmp/sub', type: 'tmpfs', source: 'tmpfs' }))],
    pointer: '/mounts/1/destination',
  },
  'config.mounts.id-mappings-paired': {
    bad: [idmapMount({ options: ['rbind', 'idmap'], uidMappings: mapping }), idmapMount({ options: ['rbind', 'idmap'], gidMappings: mapping })],
    good: [idmapMount({ options: ['rbind', 'idmap'], uidMappings: mapping, gidMappings: mapping }), cfg()],
    pointer: '/mounts/2/gidMappings',
  },
  'config.mounts.id-mappings-idmap-option': {
    bad: [idmapMount({ options: ['rbind'], uidMappings: mapping, gidMappings: mapping }), idmapMount({ uidMappings: mapping, gidMappings: mapping })],
    good: [idmapMount({ options: ['rbind', 'ridmap'], uidMappings: mapping, gidMappings: mapping }), cfg()],
    pointer: '/mounts/2/options',
  },
  'config.mounts.idmap-needs-mapping': {
    bad: [idmapMount({ options: ['bind', 'idmap'] }), idmapMount({ options: ['rbind', 'ridmap'], uidMappings: [], gidMappings: [] })],
    good: [
      idmapMount({ options: ['bind', 'idmap'], uidMappings: mapping, gidMappings: mapping }),
      from(idmapMount({ options: ['bind', 'idmap'] }), (d) => d.linux.namespaces.push({ type: 'user' })),
    ],
    pointer: '/mounts/2/options',
  },
  // ---- config: annotations ----
  'config.annotations.key-non-empty': {
    bad: [cfg((d) => (d.annotations[''] = 'x'))],
    good: [cfg(), cfg((d) => (d.annotations['com.example.empty-value'] = ''))],
    pointer: '/annotations/',
  },
  'config.annotations.key-reverse-domain': {
    bad: ['myKey', '.com.example', 'com.'].map((k) => cfg((d) => (d.annotations[k] = 'v'))),
    good: ['io.kubernetes.cri.sandbox-id', 'Com.Example.Key', 'run.oci.keep_original_groups'].map((k) => cfg((d) => (d.annotations[k] = 'v'))),
    pointer: '/annotations/myKey',
  },
  'config.annotations.reserved-namespace': {
    bad: ['org.opencontainers.foo', 'org.opencontainers.image.title'].map((k) => cfg((d) => (d.annotations[k] = 'v'))),
    good: ['org.opencontainers.image.os', 'org.opencontainers.image.stopSignal', 'org.opencontainersfoo.x'].map((k) => cfg((d) => (d.annotations[k] = 'v'))),
    pointer: '/annotations/org.opencontainers.foo',
  },
  'config.annotations.image-values': {
    bad: [
      cfg((d) => (d.annotations['org.opencontainers.image.created'] = 'yesterday')),
      cfg((d) => (d.annotations['org.opencontainers.image.created'] = '2024-02-13 10:00:00Z')),
      cfg((d) => (d.annotations['org.opencontainers.image.stopSignal'] = 'TERM')),
    ],
    good: [
      cfg((d) => (d.annotations['org.opencontainers.image.created'] = '2024-02-13T10:00:00.5+01:00')),
      cfg((d) => (d.annotations['org.opencontainers.image.stopSignal'] = 'SIGRTMIN+3')),
      cfg((d) => (d.annotations['org.opencontainers.image.stopSignal'] = '15')),
      cfg(),
    ],
    pointer: '/annotations/org.opencontainers.image.created',
  },
  // ---- config: namespaces ----
  'config.namespaces.unique-types': {
    bad: [cfg((d) => d.linux.namespaces.push({ type: 'pid', path: '/proc/1/ns/pid' }))],
    good: [cfg((d) => d.linux.namespaces.push({ type: 'cgroup' })), cfg()],
    pointer: '/linux/namespaces/5/type',
  },
  'config.namespaces.path-absolute': {
    bad: [cfg((d) => d.linux.namespaces.push({ type: 'cgroup', path: 'proc/1/ns/cgroup' }))],
    good: [cfg((d) => d.linux.namespaces.push({ type: 'cgroup', path: '/proc/1/ns/cgroup' })), cfg()],
    pointer: '/linux/namespaces/5/path',
  },
  'config.namespaces.hostname-needs-uts': {
    bad: [cfg((d) => withoutNs(d, 'uts')), cfg((d) => delete d.linux)],
    good: [cfg(), cfg((d) => (withoutNs(d, 'uts'), delete d.hostname)), win((d) => (d.hostname = 'box'))],
    pointer: '/hostname',
  },
  'config.namespaces.domainname-needs-uts': {
    bad: [cfg((d) => ((d.domainname = 'example.test'), withoutNs(d, 'uts')))],
    good: [cfg((d) => (d.domainname = 'example.test')), cfg()],
    pointer: '/domainname',
  },
  'config.namespaces.id-mappings-need-user': {
    bad: [cfg((d) => (d.linux.uidMappings = mapping)), cfg((d) => (d.linux.gidMappings = mapping))],
    good: [cfg((d) => ((d.linux.uidMappings = mapping), (d.linux.gidMappings = mapping), d.linux.namespaces.push({ type: 'user' }))), cfg()],
    pointer: '/linux/uidMappings',
  },
  'config.namespaces.time-offsets-need-time': {
    bad: [cfg((d) => (d.linux.timeOffsets = { monotonic: { secs: 86400 } }))],
    good: [cfg((d) => ((d.linux.timeOffsets = { monotonic: { secs: 86400 } }), d.linux.namespaces.push({ type: 'time' }))), cfg()],
    pointer: '/linux/timeOffsets',
  },
  'config.namespaces.sysctl-needs-namespace': {
    bad: [
      cfg((d) => withoutNs(d, 'network')),
      cfg((d) => ((d.linux.sysctl = { 'kernel.shmmax': '1' }), withoutNs(d, 'ipc'))),
      cfg((d) => ((d.linux.sysctl = { 'fs.mqueue.msg_max': '10' }), withoutNs(d, 'ipc'))),
      cfg((d) => ((d.linux.sysctl = { 'kernel.domainname': 'x' }), withoutNs(d, 'uts'))),
      cfg((d) => ((d.linux.sysctl = { 'net/core/somaxconn': '256' }), withoutNs(d, 'network'))),
    ],
    good: [cfg(), cfg((d) => ((d.linux.sysctl = { 'kernel.panic': '10', 'vm.swappiness': '1' }), (d.linux.namespaces = [])))],
    pointer: '/linux/sysctl/net.ipv4.ip_forward',
  },
  'config.namespaces.net-devices-need-network': {
    bad: [cfg((d) => ((d.linux.netDevices = { eth1: {} }), withoutNs(d, 'network')))],
    good: [cfg((d) => (d.linux.netDevices = { eth1: {} })), cfg((d) => ((d.linux.netDevices = {}), withoutNs(d, 'network')))],
    pointer: '/linux/netDevices',
  },
  // ---- config: devices ----
  'config.devices.major-minor-required': {
    bad: [cfg((d) => delete d.linux.devices[0].major), cfg((d) => d.linux.devices.push({ path: '/dev/sdz', type: 'b', major: 8 })), cfg((d) => d.linux.devices.push({ path: '/dev/u', type: 'u' }))],
    good: [cfg((d) => d.linux.devices.push({ path: '/dev/fifo', type: 'p' })), cfg()],
    pointer: '/linux/devices/0/major',
  },
  'config.devices.path-absolute': {
    bad: [cfg((d) => (d.linux.devices[0].path = 'dev/fuse'))],
    good: [cfg(), cfg((d) => (d.linux.devices[0].path = '/opt/dev/fuse'))],
    pointer: '/linux/devices/0/path',
  },
  'config.devices.path-conflict': {
    bad: [cfg((d) => d.linux.devices.push({ path: '/dev/fuse', type: 'c', major: 10, minor: 230 })), cfg((d) => d.linux.devices.push({ path: '/dev/fuse', type: 'p' }))],
    good: [cfg((d) => d.linux.devices.push({ path: '/dev/fuse', type: 'c', major: 10, minor: 229 })), cfg((d) => d.linux.devices.push({ path: '/dev/fuse2', type: 'c', major: 10, minor: 230 }))],
    pointer: '/linux/devices/1/path',
  },
  'config.devices.type-major-minor-unique': {
    bad: [cfg((d) => d.linux.devices.push({ path: '/dev/fuse2', type: 'c', major: 10, minor: 229 }))],
    good: [cfg((d) => d.linux.devices.push({ path: '/dev/fuse2', type: 'b', major: 10, minor: 229 })), cfg((d) => d.linux.devices.push({ path: '/dev/p', type: 'p' }, { path: '/dev/q', type: 'p' }))],
    pointer: '/linux/devices/1',
  },
  'config.resources.device-rule-type': {
    bad: ['x', 'u', 'C'].map((x) => cfg((d) => d.linux.resources.devices.push({ allow: true, type: x, access: 'r' }))),
    good: ['a', 'b', 'c'].map((x) => cfg((d) => d.linux.resources.devices.push({ allow: true, type: x, access: 'r' }))),
    pointer: '/linux/resources/devices/1/type',
  },
  'config.resources.device-rule-access': {
    bad: ['rwx', 'read', 'R'].map((x) => cfg((d) => (d.linux.resources.devices[0].access = x))),
    good: ['', 'r', 'mw', 'rwm'].map((x) => cfg((d) => (d.linux.resources.devices[0].access = x))),
    pointer: '/linux/resources/devices/0/access',
  },
  // ---- config: resources ----
  'config.resources.weight-device-weight': {
    bad: [cfg((d) => (d.linux.resources.blockIO = { weightDevice: [{ major: 8, minor: 0 }] }))],
    good: [cfg((d) => (d.linux.resources.blockIO = { weightDevice: [{ major: 8, minor: 0, leafWeight: 10 }, { major: 8, minor: 16, weight: 500 }] }))],
    pointer: '/linux/resources/blockIO/weightDevice/0',
  },
  'config.resources.rdma-limit': {
    bad: [cfg((d) => (d.linux.resources.rdma = { mlx5_1: {} }))],
    good: [cfg((d) => (d.linux.resources.rdma = { mlx5_1: { hcaHandles: 3 }, mlx4_0: { hcaObjects: 1000 } }))],
    pointer: '/linux/resources/rdma/mlx5_1',
  },
  'config.resources.cpu-burst-quota': {
    bad: [cfg((d) => (d.linux.resources.cpu = { quota: 1000, burst: 2000, period: 100000 }))],
    good: [{ quota: 2000, burst: 1000 }, { quota: -1, burst: 5000 }, { burst: 5000 }, { quota: 1000, burst: 1000 }].map((c) => cfg((d) => (d.linux.resources.cpu = c))),
    pointer: '/linux/resources/cpu/burst',
  },
  'config.resources.memory-kernel-not-recommended': {
    bad: [cfg((d) => (d.linux.resources.memory = { kernel: -1 })), cfg((d) => (d.linux.resources.memory = { limit: 1048576, kernelTCP: 1048576 }))],
    good: [cfg((d) => (d.linux.resources.memory = { limit: 1048576, swap: 2097152 })), cfg()],
    pointer: '/linux/resources/memory/kernel',
  },
  // ---- config: seccomp ----
  'config.seccomp.listener-metadata-needs-path': {
    bad: [seccomp({ listenerMetadata: 'MKNOD=/dev/null' })],
    good: [seccomp({ listenerPath: '/run/agent.sock', listenerMetadata: 'MKNOD=/dev/null' }), seccomp({})],
    pointer: '/linux/seccomp/listenerMetadata',
  },
  'config.seccomp.errno-ret-action': {
    bad: ['SCMP_ACT_KILL', 'SCMP_ACT_ALLOW', 'SCMP_ACT_NOTIFY'].map((a) => seccomp({ listenerPath: '/run/a.sock', syscalls: [{ names: ['mkdir'], action: a, errnoRet: 1 }] })),
    good: ['SCMP_ACT_ERRNO', 'SCMP_ACT_TRACE'].map((a) => seccomp({ syscalls: [{ names: ['mkdir'], action: a, errnoRet: 1 }] })),
    pointer: '/linux/seccomp/syscalls/0/errnoRet',
  },
  'config.seccomp.default-errno-ret-action': {
    bad: [seccomp({ defaultErrnoRet: 1 }), seccomp({ defaultAction: 'SCMP_ACT_KILL_PROCESS', defaultErrnoRet: 38 })],
    good: [seccomp({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 38 }), seccomp({})],
    pointer: '/linux/seccomp/defaultErrnoRet',
  },
  'config.seccomp.notify-needs-listener': {
    bad: [seccomp({ syscalls: [{ names: ['mount'], action: 'SCMP_ACT_NOTIFY' }] }), seccomp({ defaultAction: 'SCMP_ACT_NOTIFY' })],
    good: [seccomp({ listenerPath: '/run/agent.sock', syscalls: [{ names: ['mount'], action: 'SCMP_ACT_NOTIFY' }] }), seccomp({ syscalls: [{ names: ['mount'], action: 'SCMP_ACT_ERRNO' }] })],
    pointer: '/linux/seccomp/syscalls/0/action',
  },
  // ---- config: other linux sections ----
  'config.linux.masked-paths-absolute': {
    bad: [cfg((d) => d.linux.maskedPaths.push('proc/kcore'))],
    good: [cfg(), cfg((d) => d.linux.maskedPaths.push('/proc/timer_list'))],
    pointer: '/linux/maskedPaths/1',
  },
  'config.linux.readonly-paths-absolute': {
    bad: [cfg((d) => d.linux.readonlyPaths.push('proc/bus'))],
    good: [cfg(), cfg((d) => d.linux.readonlyPaths.push('/proc/bus'))],
    pointer: '/linux/readonlyPaths/1',
  },
  'config.linux.personality-domain-required': {
    bad: [cfg((d) => (d.linux.personality = { flags: [] }))],
    good: [cfg((d) => (d.linux.personality = { domain: 'LINUX32' })), cfg()],
    pointer: '/linux/personality/domain',
  },
  'config.linux.personality-flags-unsupported': {
    bad: [cfg((d) => (d.linux.personality = { domain: 'LINUX', flags: ['ADDR_NO_RANDOMIZE'] }))],
    good: [cfg((d) => (d.linux.personality = { domain: 'LINUX', flags: [] })), cfg((d) => (d.linux.personality = { domain: 'LINUX32' }))],
    pointer: '/linux/personality/flags/0',
  },
  'config.linux.memory-policy-mode-required': {
    bad: [cfg((d) => (d.linux.memoryPolicy = { nodes: '0-1' }))],
    good: [cfg((d) => (d.linux.memoryPolicy = { mode: 'MPOL_DEFAULT' })), cfg()],
    pointer: '/linux/memoryPolicy/mode',
  },
  'config.linux.memory-policy-nodes': {
    bad: [{ mode: 'MPOL_BIND' }, { mode: 'MPOL_INTERLEAVE', nodes: ' ' }, { mode: 'MPOL_LOCAL', nodes: '0-1' }, { mode: 'MPOL_DEFAULT', nodes: '0' }].map((m) => cfg((d) => (d.linux.memoryPolicy = m))),
    good: [{ mode: 'MPOL_INTERLEAVE', nodes: '2-3' }, { mode: 'MPOL_PREFERRED' }, { mode: 'MPOL_LOCAL' }, { mode: 'MPOL_PREFERRED', nodes: '1' }].map((m) => cfg((d) => (d.linux.memoryPolicy = m))),
    pointer: '/linux/memoryPolicy/nodes',
  },
  'config.linux.l3-cache-schema-format': {
    bad: ['0=7f0;1=1f', 'L3:0=7f0\nMB:0=20'].map((s) => cfg((d) => (d.linux.intelRdt = { l3CacheSchema: s }))),
    good: [cfg((d) => (d.linux.intelRdt = { closID: 'guaranteed', l3CacheSchema: 'L3:0=7f0;1=1f' })), cfg()],
    pointer: '/linux/intelRdt/l3CacheSchema',
  },
  'config.linux.schemata-single-line': {
    bad: [cfg((d) => (d.linux.intelRdt = { schemata: ['MB:0=20', 'L3:0=7f0\nL2:0=f'] }))],
    good: [cfg((d) => (d.linux.intelRdt = { schemata: ['L3:0=7f0;1=1f', 'L2:0=f', 'MB:0=20;1=70'] }))],
    pointer: '/linux/intelRdt/schemata/1',
  },
  'config.linux.net-device-names-unique': {
    bad: [{ eth1: { name: 'net0' }, eth2: { name: 'net0' } }, { eth1: { name: 'lo' } }, { eth1: {}, eth2: { name: 'eth1' } }].map((n) => cfg((d) => (d.linux.netDevices = n))),
    good: [{ eth1: { name: 'net%d' }, eth2: { name: 'net%d' } }, { eth1: {}, eth2: {} }, { eth1: { name: 'eth2' }, eth2: { name: 'eth1' } }].map((n) => cfg((d) => (d.linux.netDevices = n))),
    pointer: '/linux/netDevices/eth2',
  },
  // ---- config: vm, zos ----
  'config.vm.hypervisor-path-absolute': {
    bad: [vm({ hypervisor: { path: 'qemu-system-x86_64' } })],
    good: [vm({ hypervisor: { path: '/usr/bin/qemu-system-x86_64', parameters: ['-m', '512'] } }), cfg()],
    pointer: '/vm/hypervisor/path',
  },
  'config.vm.kernel-paths-absolute': {
    bad: [cfg((d) => (d.vm = { kernel: { path: 'vmlinuz' } })), vm({ kernel: { path: '/boot/vmlinuz', initrd: 'initrd.img' } })],
    good: [vm({ kernel: { path: '/boot/vmlinuz', initrd: '/boot/initrd.img' } }), vm({})],
    pointer: '/vm/kernel/path',
  },
  'config.vm.image-path-absolute': {
    bad: [vm({ image: { path: 'rootfs.img', format: 'raw' } })],
    good: [vm({ image: { path: '/var/lib/vm/rootfs.img', format: 'qcow2' } })],
    pointer: '/vm/image/path',
  },
  'config.zos.namespaces-unique': {
    bad: [zos([{ type: 'pid' }, { type: 'mount' }, { type: 'pid' }])],
    good: [zos([{ type: 'pid' }, { type: 'mount' }, { type: 'ipc' }, { type: 'uts' }])],
    pointer: '/zos/namespaces/2/type',
  },
  'config.zos.namespace-path-absolute': {
    bad: [zos([{ type: 'pid', path: 'proc/1/ns/pid' }])],
    good: [zos([{ type: 'pid', path: '/proc/1/ns/pid' }, { type: 'mount' }])],
    pointer: '/zos/namespaces/0/path',
  },
  // ---- state ----
  'state.version.semver': {
    bad: ['1.0', 'banana'].map((x) => st((d) => (d.ociVersion = x))),
    good: ['1.0.2-dev', '1.3.0+dev', '1.2.0'].map((x) => st((d) => (d.ociVersion = x))),
    pointer: '/ociVersion',
  },
  'state.id.non-empty': {
    bad: [st((d) => (d.id = ''))],
    good: [st()],
    pointer: '/id',
  },
  'state.status.standard-name': {
    bad: ['Running', 'STOPPED', ' created'].map((s) => st((d) => (d.status = s))),
    good: ['paused', 'running', 'stopped', 'creating'].map((s) => st((d) => (d.status = s))),
    pointer: '/status',
  },
  'state.pid.required': {
    bad: ['running', 'created'].map((s) => st((d) => ((d.status = s), delete d.pid))),
    good: ['stopped', 'creating', 'paused'].map((s) => st((d) => ((d.status = s), delete d.pid))).concat([st()]),
    pointer: '/pid',
  },
  'state.pid.positive': {
    bad: ['running', 'created'].map((s) => st((d) => ((d.status = s), (d.pid = 0)))),
    good: [st((d) => ((d.status = 'stopped'), (d.pid = 0))), st()],
    pointer: '/pid',
  },
  'state.bundle.absolute': {
    bad: [st((d) => (d.bundle = 'bundles/c1')), st((d) => (d.bundle = ''))],
    good: [st(), st((d) => (d.bundle = 'C:\\bundles\\c1'))],
    pointer: '/bundle',
  },
  'state.annotations.key-non-empty': {
    bad: [st((d) => (d.annotations[''] = 'v'))],
    good: [st(), st((d) => delete d.annotations)],
    pointer: '/annotations/',
  },
  // ---- features ----
  'features.version.semver': {
    bad: [feat((d) => (d.ociVersionMin = 'one')), feat((d) => (d.ociVersionMax = '1.2'))],
    good: [feat(), feat((d) => ((d.ociVersionMin = '1.0.2-dev'), (d.ociVersionMax = '1.3.0+dev')))],
    pointer: '/ociVersionMin',
  },
  'features.version.min-not-above-max': {
    bad: [feat((d) => (d.ociVersionMin = '1.9.0')), feat((d) => ((d.ociVersionMin = '1.1.0'), (d.ociVersionMax = '1.1.0-rc.3')))],
    good: [feat(), feat((d) => ((d.ociVersionMin = '1.1.0'), (d.ociVersionMax = '1.1.0+dev')))],
    pointer: '/ociVersionMax',
  },
  'features.version.undefined-property': {
    bad: [
      feat((d) => ((d.ociVersionMax = '1.1.0'), (d.linux.netDevices = { enabled: true }))),
      feat((d) => ((d.ociVersionMax = '1.2.0-rc.1'), (d.linux.memoryPolicy = { modes: ['MPOL_BIND'] }))),
      feat((d) => ((d.ociVersionMax = '1.0.2-dev'), (d.potentiallyUnsafeConfigAnnotations = ['com.example.']))),
      feat((d) => ((d.ociVersionMax = '1.2.1'), (d.linux.intelRdt = { enabled: true, schemata: true }))),
    ],
    good: [
      feat((d) => ((d.ociVersionMax = '1.3.0'), (d.linux.netDevices = { enabled: true }), (d.linux.intelRdt = { monitoring: true }))),
      feat((d) => ((d.ociVersionMax = '1.2.0'), (d.linux.mountExtensions = { idmap: { enabled: true } }))),
      feat((d) => ((d.ociVersionMax = '1.4.0'), (d.linux.memoryPolicy = {}))),
      feat(),
    ],
    pointer: '/linux/netDevices',
  },
  'features.annotations.key-non-empty': {
    bad: [feat((d) => (d.annotations[''] = 'v'))],
    good: [feat()],
    pointer: '/annotations/',
  },
  'features.mount-options.no-data-options': {
    bad: [feat((d) => d.mountOptions.push('mode=755'))],
    good: [feat(), feat((d) => d.mountOptions.push('idmap', 'ridmap'))],
    pointer: '/mountOptions/3',
  },
};

function capabilityCase(): Case {
  return {
    bad: [
      cfg((d) => (d.process.capabilities.ambient = ['CAP_TEST'])),
      cfg((d) => d.process.capabilities.bounding.push('cap_kill')),
      cfg((d) => (d.process.capabilities.inheritable = ['KILL'])),
    ],
    good: [
      cfg((d) => (d.process.capabilities.permitted = ['CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE', 'CAP_SYS_ADMIN'])),
      solaris((d) => (d.process.capabilities = { bounding: ['CAP_TEST'] })),
    ],
    pointer: '/process/capabilities/ambient/0',
  };
}

/** The parent of a finding's pointer exists in the document (the pointer names a member or a missing one). */
function parentExists(doc: unknown, pointer: string): boolean {
  const tokens = splitPointer(pointer);
  let cur: unknown = doc;
  for (const tok of tokens.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, tok)) return false;
    cur = (cur as Record<string, unknown>)[tok];
  }
  return true;
}

t.test('every rule has a case, and every case a rule', async (t) => {
  const ids = new Set(ALL_RULES.map((r) => r.id));
  for (const id of ids) t.ok(CASES[id], `case for ${id}`);
  for (const id of Object.keys(CASES)) t.ok(ids.has(id), `rule for case ${id}`);
});

for (const rule of ALL_RULES) {
  const c = CASES[rule.id];
  if (!c) continue;
  t.test(rule.id, async (t) => {
    for (const v of versionsOf(rule)) {
      t.ok(rulesFor(rule.kind, v).includes(rule), `applies at ${v}`);
      c.bad.forEach((bad, i) => {
        const doc = bad(v);
        const found = runRule(rule, doc, v);
        t.ok(found.length > 0, `flags bad #${i} at ${v}`);
        for (const f of found) {
          t.ok(f.message.length > 0 && !/[\r\n]/.test(f.message), `one-line message: ${f.message}`);
          t.ok(f.pointer === '' || (f.pointer.startsWith('/') && parentExists(doc, f.pointer)), `pointer ${f.pointer} lies in the document`);
        }
        if (i === 0 && c.pointer !== undefined) {
          t.ok(found.some((f) => f.pointer === c.pointer), `bad #0 at ${v} points at ${c.pointer}`, { found });
        }
      });
      c.good.forEach((good, i) => {
        t.same(runRule(rule, good(v), v), [], `passes good #${i} at ${v}`);
      });
    }
    // Just outside the range, the same violation is not reported by this rule.
    const outside: [SpecVersion, SpecVersion][] = [];
    if (rule.since) {
      const before = previousVersion(rule.since);
      if (before) outside.push([before, rule.since]);
    }
    if (rule.until) outside.push([rule.until, previousVersion(rule.until)!]);
    for (const [at, builtFor] of outside) {
      t.notOk(rulesFor(rule.kind, at).includes(rule), `does not apply at ${at}`);
      c.bad.forEach((bad, i) => {
        const hits = runAll(rule.kind, at, bad(builtFor)).filter((f) => f.rule === rule.id);
        t.same(hits, [], `bad #${i} is not reported by ${rule.id} at ${at}`);
      });
    }
  });
}

t.test('version boundaries seen from the whole rule set', async (t) => {
  const ids = (kind: 'config', v: SpecVersion, doc: unknown) => runAll(kind, v, doc);

  const relative = cfg((d) => (d.mounts[1].destination = 'tmp'));
  const at110 = ids('config', '1.1.0', relative('1.1.0')).filter((f) => f.pointer === '/mounts/1/destination');
  const at120 = ids('config', '1.2.0', relative('1.2.0')).filter((f) => f.pointer === '/mounts/1/destination');
  t.match(at110, [{ rule: 'config.mounts.destination-absolute', level: 'MUST' }], 'relative mount destination: error at 1.1.0');
  t.equal(severityOf(at110[0].level), 'error');
  t.match(at120, [{ rule: 'config.mounts.destination-relative-deprecated', level: 'DEPRECATED' }], 'relative mount destination: deprecated at 1.2.0');
  t.equal(at120.length, 1);
  t.equal(severityOf(at120[0].level), 'warning');

  const cap = cfg((d) => (d.process.capabilities.bounding = ['CAP_TEST']));
  const c102 = ids('config', '1.0.2', cap('1.0.2')).filter((f) => f.rule.includes('capability'));
  const c110 = ids('config', '1.1.0', cap('1.1.0')).filter((f) => f.rule.includes('capability'));
  t.match(c102, [{ rule: 'config.process.capability-unknown-error' }], 'unknown capability: error before 1.1.0');
  t.equal(severityOf(c102[0].level), 'error');
  t.match(c110, [{ rule: 'config.process.capability-unknown-warning' }], 'unknown capability: warning from 1.1.0');
  t.equal(severityOf(c110[0].level), 'warning');

  const nsPath = cfg((d) => d.linux.namespaces.push({ type: 'cgroup', path: 'cgroup' }));
  t.same(ids('config', '1.0.0', nsPath('1.0.0')), [], 'relative namespace path: no MUST in 1.0.0');
  t.match(ids('config', '1.0.1', nsPath('1.0.1')), [{ rule: 'config.namespaces.path-absolute' }], 'relative namespace path: error from 1.0.1');

  const newHook = cfg((d) => (d.hooks.createRuntime = [{ path: 'hook' }]));
  t.same(ids('config', '1.0.1', newHook('1.0.1')), [], 'createRuntime is an unknown (ignored) property before 1.0.2');
  t.match(ids('config', '1.0.2', newHook('1.0.2')), [{ rule: 'config.hooks.path-absolute' }], 'createRuntime path checked from 1.0.2');

  const noArgs = cfg((d) => delete d.process.args);
  t.same(ids('config', '1.0.1', noArgs('1.0.1')), [], 'missing args before 1.0.2 is left to the schema, which requires args');
  t.match(ids('config', '1.0.2', noArgs('1.0.2')), [{ rule: 'config.process.args-required' }], 'missing args reported from 1.0.2');

  const halfMapped = idmapMount({ options: ['bind', 'idmap'], uidMappings: mapping });
  t.notOk(ids('config', '1.1.0', halfMapped('1.1.0')).some((f) => f.rule === 'config.mounts.id-mappings-paired'), 'uid without gid mappings: no MUST in 1.1.0');
  t.ok(ids('config', '1.2.0', halfMapped('1.2.0')).some((f) => f.rule === 'config.mounts.id-mappings-paired'), 'uid without gid mappings: error from 1.2.0');
});

t.test('integers beyond 2^53 are compared exactly', async (t) => {
  const rlimit = ALL_RULES.find((r) => r.id === 'config.process.rlimits-soft-within-hard')!;
  const doc = cfg((d) => (d.process.rlimits = [{ type: 'RLIMIT_NOFILE', soft: 18446744073709551615, hard: 18446744073709551614 }]))('1.3.0');
  const big = new Map([
    ['/process/rlimits/0/soft', 18446744073709551615n],
    ['/process/rlimits/0/hard', 18446744073709551614n],
  ]);
  t.same(runRule(rlimit, doc, '1.3.0'), [], 'as doubles the two values are equal');
  t.equal(runRule(rlimit, doc, '1.3.0', big).length, 1, 'the exact values show soft > hard');

  const burst = ALL_RULES.find((r) => r.id === 'config.resources.cpu-burst-quota')!;
  const cpu = cfg((d) => (d.linux.resources.cpu = { quota: 9223372036854775806, burst: 9223372036854775807 }))('1.3.0');
  const bigCpu = new Map([
    ['/linux/resources/cpu/quota', 9223372036854775806n],
    ['/linux/resources/cpu/burst', 9223372036854775807n],
  ]);
  t.equal(runRule(burst, cpu, '1.3.0', bigCpu).length, 1, 'burst one above a huge quota is caught');
});
