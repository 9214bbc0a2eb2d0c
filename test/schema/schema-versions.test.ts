// Every deliberate difference from upstream and every version-sensitive change in our schemas,
// proven with documents checked at all seven versions, so both sides of each boundary are seen.
import t from 'tap';
import { Ajv, type ValidateFunction } from 'ajv';
import { builtinSchema } from '../../schema/builtin.js';
import type { DocumentKind } from '../../schema/document.js';
import { findIntegersOutOfRange, findUnknownProperties } from '../../schema/schema-walk.js';
import { DEVIATION_IDS, type DeviationId } from '../../schema/source/index.js';
import { SPEC_VERSIONS, type SpecVersion, versionInRange } from '../../schema/versions.js';

type Span = { since?: SpecVersion; until?: SpecVersion };
const ALL: Span = {};
const NONE: Span = { until: '1.0.0' };
const since = (v: SpecVersion): Span => ({ since: v });
const until = (v: SpecVersion): Span => ({ until: v });
const between = (s: SpecVersion, u: SpecVersion): Span => ({ since: s, until: u });
const inSpan = (v: SpecVersion, s: Span | SpecVersion[]) => (Array.isArray(s) ? s.includes(v) : versionInRange(v, s.since, s.until));

interface Case {
  name: string;
  kind?: DocumentKind;
  doc: unknown;
  /** Versions at which the document passes schema validation (default: all). */
  valid?: Span | SpecVersion[];
  /** A pointer the unknown-property walk must report (itself or an ancestor) outside `span`, and not inside it. */
  known?: { pointer: string; span: Span };
  deviation?: DeviationId;
}

// ---- documents ----------------------------------------------------------------------------------

type J = Record<string, unknown>;
const isObj = (x: unknown): x is J => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Deep merge: objects merge, everything else replaces; `undefined` deletes. */
function merge(base: unknown, patch: unknown): unknown {
  if (!isObj(base) || !isObj(patch)) return structuredClone(patch);
  const out: J = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = k in out ? merge(out[k], v) : structuredClone(v);
  }
  return out;
}

const BASE_CONFIG = {
  ociVersion: '1.0.0',
  root: { path: 'rootfs' },
  process: { cwd: '/', args: ['sh'], user: { uid: 0, gid: 0 } },
};
const cfg = (patch: J) => merge(BASE_CONFIG, patch);
const linux = (patch: J) => cfg({ linux: patch });
const resources = (patch: J) => linux({ resources: patch });
const seccomp = (patch: J) => linux({ seccomp: merge({ defaultAction: 'SCMP_ACT_ALLOW' }, patch) as J });
const syscall = (patch: J) => seccomp({ syscalls: [merge({ names: ['getcwd'], action: 'SCMP_ACT_ERRNO' }, patch)] });
const processWith = (patch: J) => cfg({ process: patch });
const windows = (patch: J) => cfg({ windows: merge({ layerFolders: ['C:\\layers\\base'] }, patch) as J });
const vmWith = (patch: J) => cfg({ vm: merge({ kernel: { path: '/boot/vmlinuz' } }, patch) as J });
const hwConfig = (patch: J) => vmWith({ hwConfig: patch });

const BASE_STATE = { ociVersion: '1.0.0', id: 'c1', status: 'running', pid: 42, bundle: '/bundles/c1' };
const state = (patch: J) => merge(BASE_STATE, patch);
const BASE_FEATURES = { ociVersionMin: '1.0.0', ociVersionMax: '1.1.0' };
const features = (patch: J) => merge(BASE_FEATURES, patch);
const featuresLinux = (patch: J) => features({ linux: patch });

const throttle = { major: 8, minor: 0, rate: 100 };

// ---- cases --------------------------------------------------------------------------------------

const CASES: Case[] = [
  // baseline
  { name: 'minimal config', doc: BASE_CONFIG },
  { name: 'config without ociVersion', doc: cfg({ ociVersion: undefined }), valid: NONE },

  // 1.0.0: names the prose defines although the upstream 1.0.0 schema lacks or misspells them
  {
    name: 'throttleReadIOPSDevice is declared at every version',
    doc: resources({ blockIO: { throttleReadIOPSDevice: [throttle], throttleWriteIOPSDevice: [throttle] } }),
    known: { pointer: '/linux/resources/blockIO/throttleReadIOPSDevice', span: ALL },
    deviation: 'blockio-iops-spelling',
  },
  {
    name: 'throttleReadIopsDevice (upstream 1.0.0 schema spelling) is unknown at every version',
    doc: resources({ blockIO: { throttleReadIopsDevice: [throttle] } }),
    known: { pointer: '/linux/resources/blockIO/throttleReadIopsDevice', span: NONE },
    deviation: 'blockio-iops-spelling',
  },
  {
    name: 'intelRdt.l3CacheSchema is declared from 1.0.0',
    doc: linux({ intelRdt: { l3CacheSchema: 'L3:0=ffff0;1=3ff' } }),
    known: { pointer: '/linux/intelRdt/l3CacheSchema', span: ALL },
    deviation: 'intelrdt-l3cacheschema',
  },
  {
    name: 'intelRdt.l3CacheSchema must be a string',
    doc: linux({ intelRdt: { l3CacheSchema: 7 } }),
    valid: NONE,
    deviation: 'intelrdt-l3cacheschema',
  },
  {
    name: 'solaris.cappedCPU.ncpus is declared from 1.0.0',
    doc: cfg({ solaris: { cappedCPU: { ncpus: '8' }, cappedMemory: { physical: '512m', swap: '1g' }, anet: [{ linkname: 'net0' }] } }),
    known: { pointer: '/solaris/cappedCPU/ncpus', span: ALL },
    deviation: 'solaris-named-properties',
  },
  {
    name: 'solaris.cappedCPU with an undeclared key',
    doc: cfg({ solaris: { cappedCPU: { cpus: '8' } } }),
    known: { pointer: '/solaris/cappedCPU/cpus', span: NONE },
    deviation: 'solaris-named-properties',
  },
  {
    name: 'process.args must not be empty before 1.0.2',
    doc: processWith({ args: [] }),
    valid: since('1.0.2'),
    deviation: 'process-args-min-items',
  },
  { name: 'process.args with one entry', doc: processWith({ args: ['/bin/true'] }), deviation: 'process-args-min-items' },
  { name: 'process.args is schema-required only before 1.0.2', doc: processWith({ args: undefined }), valid: since('1.0.2') },
  { name: 'process.cwd is required', doc: processWith({ cwd: undefined }), valid: NONE },
  {
    name: 'throttle entry without rate',
    doc: resources({ blockIO: { throttleReadBpsDevice: [{ major: 8, minor: 0 }] } }),
    valid: NONE,
    deviation: 'throttle-rate-required',
  },
  {
    name: 'throttle entry with rate',
    doc: resources({ blockIO: { throttleReadBpsDevice: [throttle], throttleWriteBpsDevice: [throttle] } }),
    deviation: 'throttle-rate-required',
  },
  {
    name: 'int64 fields: the exact limits pass',
    doc: resources({ memory: { limit: 9007199254740991, swap: -9007199254740991 } }),
    deviation: 'int64-uint64-bounds',
  },

  // 1.0.2
  ...(['createRuntime', 'createContainer', 'startContainer'] as const).map(
    (h): Case => ({
      name: `hooks.${h} appears at 1.0.2`,
      doc: cfg({ hooks: { [h]: [{ path: '/usr/bin/hook' }] } }),
      known: { pointer: `/hooks/${h}`, span: since('1.0.2') },
    }),
  ),
  { name: 'a hook without path', doc: cfg({ hooks: { poststop: [{ args: ['x'] }] } }), valid: NONE },
  { name: 'a hook timeout of 0', doc: cfg({ hooks: { poststart: [{ path: '/x', timeout: 0 }] } }), valid: NONE },
  { name: 'process.user.umask appears at 1.0.2', doc: processWith({ user: { umask: 18 } }), known: { pointer: '/process/user/umask', span: since('1.0.2') } },
  { name: 'process.commandLine appears at 1.0.2', doc: processWith({ commandLine: 'cmd /c dir' }), known: { pointer: '/process/commandLine', span: since('1.0.2') } },
  {
    name: 'linux.personality without domain',
    doc: linux({ personality: { flags: [] } }),
    valid: until('1.0.2'),
    known: { pointer: '/linux/personality', span: since('1.0.2') },
    deviation: 'personality-domain-required',
  },
  {
    name: 'linux.personality with domain',
    doc: linux({ personality: { domain: 'LINUX32' } }),
    known: { pointer: '/linux/personality', span: since('1.0.2') },
    deviation: 'personality-domain-required',
  },
  { name: 'linux.personality with an unknown domain', doc: linux({ personality: { domain: 'SVR4' } }), valid: until('1.0.2') },
  {
    name: 'resources.rdma appears at 1.0.2',
    doc: resources({ rdma: { mlx5_1: { hcaHandles: 3, hcaObjects: 10000 } } }),
    known: { pointer: '/linux/resources/rdma', span: since('1.0.2') },
  },
  {
    name: 'resources.rdma entries are described (typo inside an entry)',
    doc: resources({ rdma: { mlx5_1: { hcaHandle: 3 } } }),
    known: { pointer: '/linux/resources/rdma/mlx5_1/hcaHandle', span: NONE },
  },
  { name: 'memory.useHierarchy appears at 1.0.2', doc: resources({ memory: { useHierarchy: true } }), known: { pointer: '/linux/resources/memory/useHierarchy', span: since('1.0.2') } },
  { name: 'intelRdt.closID appears at 1.0.2', doc: linux({ intelRdt: { closID: 'guaranteed' } }), known: { pointer: '/linux/intelRdt/closID', span: since('1.0.2') } },
  { name: 'intelRdt.memBwSchema appears at 1.0.2', doc: linux({ intelRdt: { memBwSchema: 'MB:0=20;1=70' } }), known: { pointer: '/linux/intelRdt/memBwSchema', span: since('1.0.2') } },
  { name: 'intelRdt.memBwSchema must start with MB: (from 1.0.2)', doc: linux({ intelRdt: { memBwSchema: 'L3:0=20' } }), valid: until('1.0.2') },
  { name: 'seccomp.flags appears at 1.0.2', doc: seccomp({ flags: ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW'] }), known: { pointer: '/linux/seccomp/flags', span: since('1.0.2') } },
  { name: 'seccomp.flags with an unknown flag', doc: seccomp({ flags: ['SECCOMP_FILTER_FLAG_BOGUS'] }), valid: until('1.0.2') },
  { name: 'seccomp.defaultAction: "BOGUS"', doc: seccomp({ defaultAction: 'BOGUS' }), valid: until('1.0.2') },
  { name: 'seccomp.defaultAction: SCMP_ACT_ERRNO', doc: seccomp({ defaultAction: 'SCMP_ACT_ERRNO' }) },
  { name: 'seccomp.defaultAction is required', doc: linux({ seccomp: { syscalls: [] } }), valid: NONE },
  { name: 'SCMP_ACT_LOG appears at 1.0.2', doc: syscall({ action: 'SCMP_ACT_LOG' }), valid: since('1.0.2') },
  { name: 'syscall names must not be empty', doc: syscall({ names: [] }), valid: NONE },
  {
    name: 'syscall args need index, value and op',
    doc: syscall({ args: [{ index: 0, value: 1 }] }),
    valid: NONE,
  },
  { name: 'syscall arg with SCMP_CMP_MASKED_EQ', doc: syscall({ args: [{ index: 1, value: 2, valueTwo: 2, op: 'SCMP_CMP_MASKED_EQ' }] }) },
  { name: 'blockIO.weight 70000 (uint16 from 1.0.2)', doc: resources({ blockIO: { weight: 70000 } }), valid: until('1.0.2') },
  { name: 'blockIO.weight 500', doc: resources({ blockIO: { weight: 500, leafWeight: 300 } }) },
  { name: 'weightDevice weight 70000 (uint16 from 1.0.2)', doc: resources({ blockIO: { weightDevice: [{ major: 8, minor: 0, weight: 70000 }] } }), valid: until('1.0.2') },
  { name: 'hugepage pageSize "2M" (pattern from 1.0.2)', doc: resources({ hugepageLimits: [{ pageSize: '2M', limit: 1 }] }), valid: until('1.0.2') },
  { name: 'hugepage pageSize "2MB"', doc: resources({ hugepageLimits: [{ pageSize: '2MB', limit: 9223372036854772000 }] }) },
  { name: 'vm appears at 1.0.2', doc: vmWith({}), known: { pointer: '/vm', span: since('1.0.2') } },
  { name: 'vm without kernel', doc: cfg({ vm: { hypervisor: { path: '/usr/bin/qemu' } } }), valid: until('1.0.2') },
  {
    name: 'vm.image without format',
    doc: vmWith({ image: { path: '/images/rootfs.img' } }),
    known: { pointer: '/vm/image', span: since('1.0.2') },
    deviation: 'vm-image-format',
  },
  { name: 'vm.image with a format outside the common list', doc: vmWith({ image: { path: '/i.vhdx', format: 'vhdx' } }), deviation: 'vm-image-format' },
  { name: 'vm.image without path', doc: vmWith({ image: { format: 'raw' } }), valid: until('1.0.2'), deviation: 'vm-image-format' },
  { name: 'vm.image format must be a string', doc: vmWith({ image: { path: '/i', format: 2 } }), valid: until('1.0.2'), deviation: 'vm-image-format' },
  { name: 'windows.devices appears at 1.0.2', doc: windows({ devices: [{ id: '24E552D7-6523-47F7-A647-D3465BF1F5CA', idType: 'class' }] }), known: { pointer: '/windows/devices', span: since('1.0.2') } },
  { name: 'windows.network.networkNamespace appears at 1.0.2', doc: windows({ network: { networkNamespace: 'ns' } }), known: { pointer: '/windows/network/networkNamespace', span: since('1.0.2') } },
  { name: 'windows without layerFolders', doc: cfg({ windows: { servicing: true } }), valid: NONE },
  { name: 'windows.credentialSpec is free-form', doc: windows({ credentialSpec: { anything: { goes: [1] } } }), known: { pointer: '/windows/credentialSpec/anything', span: ALL } },

  // 1.1.0
  { name: 'domainname appears at 1.1.0', doc: cfg({ domainname: 'example.test' }), known: { pointer: '/domainname', span: since('1.1.0') } },
  { name: 'process.scheduler appears at 1.1.0', doc: processWith({ scheduler: { policy: 'SCHED_FIFO', priority: 10, flags: ['SCHED_FLAG_RESET_ON_FORK'] } }), known: { pointer: '/process/scheduler', span: since('1.1.0') } },
  { name: 'process.scheduler without policy', doc: processWith({ scheduler: { nice: 5 } }), valid: until('1.1.0') },
  {
    name: 'process.ioPriority without priority',
    doc: processWith({ ioPriority: { class: 'IOPRIO_CLASS_BE' } }),
    valid: until('1.1.0'),
    known: { pointer: '/process/ioPriority', span: since('1.1.0') },
    deviation: 'iopriority-priority-required',
  },
  {
    name: 'process.ioPriority with class and priority',
    doc: processWith({ ioPriority: { class: 'IOPRIO_CLASS_IDLE', priority: 4 } }),
    known: { pointer: '/process/ioPriority', span: since('1.1.0') },
    deviation: 'iopriority-priority-required',
  },
  {
    name: 'mount uidMappings/gidMappings appear at 1.1.0',
    doc: cfg({ mounts: [{ destination: '/data', source: '/src', type: 'none', options: ['rbind', 'idmap'], uidMappings: [{ containerID: 0, hostID: 1000, size: 1 }], gidMappings: [{ containerID: 0, hostID: 1000, size: 1 }] }] }),
    known: { pointer: '/mounts/0/uidMappings', span: since('1.1.0') },
  },
  { name: 'a mount without destination', doc: cfg({ mounts: [{ source: '/src' }] }), valid: NONE },
  { name: 'namespace type "time" appears at 1.1.0', doc: linux({ namespaces: [{ type: 'time' }] }), valid: since('1.1.0') },
  { name: 'namespace without type', doc: linux({ namespaces: [{ path: '/proc/1/ns/pid' }] }), valid: NONE },
  { name: 'linux.timeOffsets appears at 1.1.0', doc: linux({ timeOffsets: { monotonic: { secs: 172800, nanosecs: 0 } } }), known: { pointer: '/linux/timeOffsets', span: since('1.1.0') } },
  { name: 'resources.unified appears at 1.1.0', doc: resources({ unified: { 'io.weight': '100', 'memory.high': '1G' } }), known: { pointer: '/linux/resources/unified', span: since('1.1.0') } },
  { name: 'resources.unified values are strings', doc: resources({ unified: { 'io.weight': 100 } }), valid: until('1.1.0') },
  { name: 'cpu.burst appears at 1.1.0', doc: resources({ cpu: { burst: 1000 } }), known: { pointer: '/linux/resources/cpu/burst', span: since('1.1.0') } },
  { name: 'cpu.idle appears at 1.1.0', doc: resources({ cpu: { idle: 1 } }), known: { pointer: '/linux/resources/cpu/idle', span: since('1.1.0') } },
  { name: 'memory.checkBeforeUpdate appears at 1.1.0', doc: resources({ memory: { checkBeforeUpdate: true } }), known: { pointer: '/linux/resources/memory/checkBeforeUpdate', span: since('1.1.0') } },
  { name: 'seccomp.defaultErrnoRet appears at 1.1.0', doc: seccomp({ defaultErrnoRet: 1 }), known: { pointer: '/linux/seccomp/defaultErrnoRet', span: since('1.1.0') } },
  { name: 'seccomp.listenerPath appears at 1.1.0', doc: seccomp({ listenerPath: '/run/agent.sock', listenerMetadata: 'x' }), known: { pointer: '/linux/seccomp/listenerPath', span: since('1.1.0') } },
  { name: 'syscall errnoRet appears at 1.1.0', doc: syscall({ errnoRet: 38 }), known: { pointer: '/linux/seccomp/syscalls/0/errnoRet', span: since('1.1.0') } },
  ...(['SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', 'SCMP_ACT_NOTIFY'] as const).map(
    (a): Case => ({ name: `${a} appears at 1.1.0`, doc: syscall({ action: a }), valid: since('1.1.0') }),
  ),
  {
    name: 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV appears at 1.1.0 (flags is unknown, so unchecked, before 1.0.2)',
    doc: seccomp({ flags: ['SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV'] }),
    valid: ['1.0.0', '1.0.1', '1.1.0', '1.2.0', '1.2.1', '1.3.0'],
    known: { pointer: '/linux/seccomp/flags', span: since('1.0.2') },
  },
  { name: 'SCMP_ARCH_RISCV64 appears at 1.1.0', doc: seccomp({ architectures: ['SCMP_ARCH_RISCV64'] }), valid: since('1.1.0') },
  { name: 'intelRdt.enableCMT/enableMBM exist from 1.1.0 until 1.3.0', doc: linux({ intelRdt: { enableCMT: true, enableMBM: true } }), known: { pointer: '/linux/intelRdt/enableCMT', span: between('1.1.0', '1.3.0') } },
  { name: 'zos appears at 1.1.0', doc: cfg({ zos: {} }), known: { pointer: '/zos', span: since('1.1.0') } },
  {
    name: 'zos.devices exist from 1.1.0 until 1.2.1',
    doc: cfg({ zos: { devices: [{ type: 'c', path: '/dev/null', major: 1, minor: 3 }] } }),
    known: { pointer: '/zos/devices', span: between('1.1.0', '1.2.1') },
  },
  {
    name: 'zos device of type p without major/minor',
    doc: cfg({ zos: { devices: [{ type: 'p', path: '/dev/fifo' }] } }),
    known: { pointer: '/zos/devices', span: between('1.1.0', '1.2.1') },
    deviation: 'zos-device-major-minor',
  },
  {
    name: 'zos device without path',
    doc: cfg({ zos: { devices: [{ type: 'c', major: 1, minor: 3 }] } }),
    valid: ['1.0.0', '1.0.1', '1.0.2', '1.2.1', '1.3.0'],
    deviation: 'zos-device-major-minor',
  },

  // 1.2.1
  { name: 'process.execCPUAffinity appears at 1.2.1', doc: processWith({ execCPUAffinity: { initial: '7', final: '0-3,7' } }), known: { pointer: '/process/execCPUAffinity', span: since('1.2.1') } },
  { name: 'process.execCPUAffinity with a bad list', doc: processWith({ execCPUAffinity: { final: 'all' } }), valid: until('1.2.1') },
  ...(['SCMP_ARCH_LOONGARCH64', 'SCMP_ARCH_M68K', 'SCMP_ARCH_SH', 'SCMP_ARCH_SHEB'] as const).map(
    (a): Case => ({ name: `${a} appears at 1.2.1`, doc: seccomp({ architectures: [a] }), valid: since('1.2.1') }),
  ),
  {
    name: 'windows cpu affinity as an array',
    doc: windows({ resources: { cpu: { affinity: [{ mask: 15, group: 0 }, { mask: 1 }] } } }),
    known: { pointer: '/windows/resources/cpu/affinity', span: since('1.2.1') },
    deviation: 'windows-cpu-affinity-array',
  },
  {
    name: 'windows cpu affinity as an object (upstream schema shape)',
    doc: windows({ resources: { cpu: { affinity: { mask: 15, group: 0 } } } }),
    valid: until('1.2.1'),
    deviation: 'windows-cpu-affinity-array',
  },
  { name: 'zos.namespaces appears at 1.2.1', doc: cfg({ zos: { namespaces: [{ type: 'pid' }, { type: 'mount', path: '/proc/1/ns/mnt' }] } }), known: { pointer: '/zos/namespaces', span: since('1.2.1') } },
  { name: 'zos namespace type network is not defined', doc: cfg({ zos: { namespaces: [{ type: 'network' }] } }), valid: until('1.2.1') },

  // 1.3.0
  { name: 'freebsd appears at 1.3.0', doc: cfg({ freebsd: { jail: { host: 'new', vnet: 'new', enforceStatfs: 1, allow: { rawSockets: true, mount: ['tmpfs'] } } } }), known: { pointer: '/freebsd', span: since('1.3.0') } },
  { name: 'freebsd jail vnet "disable" is not allowed', doc: cfg({ freebsd: { jail: { vnet: 'disable' } } }), valid: until('1.3.0') },
  {
    name: 'freebsd device without path',
    doc: cfg({ freebsd: { devices: [{ mode: 448 }] } }),
    valid: until('1.3.0'),
    deviation: 'freebsd-device-path-required',
  },
  {
    name: 'freebsd device with path',
    doc: cfg({ freebsd: { devices: [{ path: 'pf', mode: 448 }] } }),
    known: { pointer: '/freebsd/devices', span: since('1.3.0') },
    deviation: 'freebsd-device-path-required',
  },
  { name: 'linux.netDevices appears at 1.3.0', doc: linux({ netDevices: { eth1: { name: 'ctr1' }, eth2: {} } }), known: { pointer: '/linux/netDevices', span: since('1.3.0') } },
  { name: 'linux.netDevices entry name must be a string', doc: linux({ netDevices: { eth1: { name: 1 } } }), valid: until('1.3.0') },
  {
    name: 'linux.memoryPolicy without mode',
    doc: linux({ memoryPolicy: { nodes: '0-3' } }),
    valid: until('1.3.0'),
    deviation: 'memorypolicy-mode-required',
  },
  {
    name: 'linux.memoryPolicy with mode',
    doc: linux({ memoryPolicy: { mode: 'MPOL_INTERLEAVE', nodes: '0-3', flags: ['MPOL_F_STATIC_NODES'] } }),
    known: { pointer: '/linux/memoryPolicy', span: since('1.3.0') },
    deviation: 'memorypolicy-mode-required',
  },
  {
    name: 'intelRdt.schemata and enableMonitoring appear at 1.3.0',
    doc: linux({ intelRdt: { closID: '/', schemata: ['L3:0=ff', 'MB:0=50'], enableMonitoring: true } }),
    known: { pointer: '/linux/intelRdt/schemata', span: since('1.3.0') },
    deviation: 'intelrdt-schemata-newlines',
  },
  {
    name: 'intelRdt.schemata line with a newline',
    doc: linux({ intelRdt: { schemata: ['L3:0=ff\nMB:0=50'] } }),
    valid: until('1.3.0'),
    deviation: 'intelrdt-schemata-newlines',
  },
  { name: 'intelRdt.enableMonitoring appears at 1.3.0', doc: linux({ intelRdt: { enableMonitoring: true } }), known: { pointer: '/linux/intelRdt/enableMonitoring', span: since('1.3.0') } },
  { name: 'pids: {}', doc: resources({ pids: {} }), valid: since('1.3.0'), deviation: 'pids-limit-optional' },
  { name: 'pids.limit -1', doc: resources({ pids: { limit: -1 } }), deviation: 'pids-limit-optional' },
  { name: 'pids.limit must be an integer', doc: resources({ pids: { limit: 'max' } }), valid: NONE, deviation: 'pids-limit-optional' },
  { name: 'device fileMode 512 (FileMode is 0..511 from 1.3.0)', doc: linux({ devices: [{ path: '/dev/fuse', type: 'c', major: 10, minor: 229, fileMode: 512 }] }), valid: until('1.3.0') },
  { name: 'device fileMode 511', doc: linux({ devices: [{ path: '/dev/fuse', type: 'c', major: 10, minor: 229, fileMode: 511 }] }) },
  { name: 'device type x', doc: linux({ devices: [{ path: '/dev/x', type: 'x' }] }), valid: NONE },
  { name: 'vm.hwConfig appears at 1.3.0', doc: hwConfig({ vcpus: 1, memory: 4194304, dtdevs: ['a'], iomems: [{ firstMFN: 12288, nrMFNs: 1 }], irqs: [11, 22] }), known: { pointer: '/vm/hwConfig', span: since('1.3.0') } },
  {
    name: 'vm.hwConfig.iomems: a bad second element',
    doc: hwConfig({ iomems: [{ firstMFN: 1, nrMFNs: 1 }, { firstGFN: 3 }] }),
    valid: until('1.3.0'),
    deviation: 'vm-iomems-items',
  },
  {
    name: 'vm.hwConfig.iomems: two good elements',
    doc: hwConfig({ iomems: [{ firstMFN: 1, nrMFNs: 1 }, { firstGFN: 3, firstMFN: 4, nrMFNs: 2 }] }),
    deviation: 'vm-iomems-items',
  },
  {
    name: 'vm.hwConfig.irqs: a negative irq',
    doc: hwConfig({ irqs: [11, -1] }),
    valid: until('1.3.0'),
    deviation: 'vm-irqs-items',
  },
  { name: 'vm.hwConfig.irqs: uint32 values', doc: hwConfig({ irqs: [0, 4294967295] }), deviation: 'vm-irqs-items' },

  // annotations, every version
  { name: 'annotation with an empty key', doc: cfg({ annotations: { '': 'x' } }), valid: NONE, deviation: 'annotation-keys' },
  { name: 'annotation with a non-string value', doc: cfg({ annotations: { 'com.example.n': 2 } }), valid: NONE, deviation: 'annotation-keys' },
  { name: 'annotations with string values', doc: cfg({ annotations: { 'com.example.key': '', 'org.opencontainers.image.os': 'linux' } }), deviation: 'annotation-keys' },
  { name: 'sysctl is a free string map', doc: linux({ sysctl: { 'net.ipv4.ip_forward': '1' } }), known: { pointer: '/linux/sysctl/net.ipv4.ip_forward', span: ALL } },

  // state
  { name: 'state', kind: 'state', doc: BASE_STATE },
  { name: 'state status "paused" (runtime-defined)', kind: 'state', doc: state({ status: 'paused' }), deviation: 'state-status-open' },
  { name: 'state status must be a string', kind: 'state', doc: state({ status: 3 }), valid: NONE, deviation: 'state-status-open' },
  { name: 'state without status', kind: 'state', doc: state({ status: undefined }), valid: NONE, deviation: 'state-status-open' },
  { name: 'state without bundle', kind: 'state', doc: state({ bundle: undefined }), valid: NONE },
  { name: 'state without pid (a prose rule on Linux)', kind: 'state', doc: state({ status: 'stopped', pid: undefined }) },
  { name: 'state pid -1', kind: 'state', doc: state({ pid: -1 }), valid: NONE },
  { name: 'state annotation with an empty key', kind: 'state', doc: state({ annotations: { '': 'x' } }), valid: NONE, deviation: 'annotation-keys' },
  { name: 'state extra properties are unknown but valid', kind: 'state', doc: state({ rootfs: '/r', created: 'now' }), known: { pointer: '/rootfs', span: NONE } },

  // features (1.1.0+)
  { name: 'minimal features', kind: 'features', doc: BASE_FEATURES },
  { name: 'features without ociVersionMax', kind: 'features', doc: features({ ociVersionMax: undefined }), valid: NONE },
  {
    name: 'features: optional properties may be null at any depth',
    kind: 'features',
    doc: features({ hooks: null, mountOptions: null, annotations: null, linux: { namespaces: null, cgroup: { v2: null }, seccomp: null, apparmor: { enabled: null } } }),
    deviation: 'features-null',
  },
  { name: 'features: ociVersionMax may not be null', kind: 'features', doc: features({ ociVersionMax: null }), valid: NONE, deviation: 'features-null' },
  { name: 'features: null is no array element', kind: 'features', doc: features({ hooks: [null] }), valid: NONE, deviation: 'features-null' },
  { name: 'features: capability names start with CAP_', kind: 'features', doc: featuresLinux({ capabilities: ['CAP_CHOWN', 'chown'] }), valid: NONE },
  { name: 'features: seccomp actions are checked', kind: 'features', doc: featuresLinux({ seccomp: { enabled: true, actions: ['SCMP_ACT_ALLOW', 'SCMP_ACT_BOGUS'] } }), valid: NONE },
  {
    name: 'features: potentiallyUnsafeConfigAnnotations appears at 1.2.0',
    kind: 'features',
    doc: features({ potentiallyUnsafeConfigAnnotations: ['com.example.foo.bar', 'org.systemd.property.'] }),
    known: { pointer: '/potentiallyUnsafeConfigAnnotations', span: since('1.2.0') },
  },
  { name: 'features: mountExtensions appears at 1.2.0', kind: 'features', doc: featuresLinux({ mountExtensions: { idmap: { enabled: true } } }), known: { pointer: '/linux/mountExtensions', span: since('1.2.0') } },
  { name: 'features: netDevices appears at 1.3.0', kind: 'features', doc: featuresLinux({ netDevices: { enabled: true } }), known: { pointer: '/linux/netDevices', span: since('1.3.0') } },
  {
    name: 'features: memoryPolicy appears at 1.3.0',
    kind: 'features',
    doc: featuresLinux({ memoryPolicy: { modes: ['MPOL_DEFAULT', 'MPOL_BIND'], flags: ['MPOL_F_NUMA_BALANCING'] } }),
    known: { pointer: '/linux/memoryPolicy', span: since('1.3.0') },
    deviation: 'features-memorypolicy',
  },
  {
    name: 'features: memoryPolicy modes are checked',
    kind: 'features',
    doc: featuresLinux({ memoryPolicy: { modes: ['MPOL_BOGUS'] } }),
    valid: until('1.3.0'),
    deviation: 'features-memorypolicy',
  },
  {
    name: 'features: intelRdt.schemata/monitoring appear at 1.3.0',
    kind: 'features',
    doc: featuresLinux({ intelRdt: { enabled: true, schemata: true, monitoring: true } }),
    known: { pointer: '/linux/intelRdt/schemata', span: since('1.3.0') },
    deviation: 'features-intelrdt-schemata-monitoring',
  },
  {
    name: 'features: intelRdt.monitoring must be a boolean',
    kind: 'features',
    doc: featuresLinux({ intelRdt: { monitoring: 'yes' } }),
    valid: until('1.3.0'),
    deviation: 'features-intelrdt-schemata-monitoring',
  },
  { name: 'features: time namespace appears at 1.1.0 (features start there)', kind: 'features', doc: featuresLinux({ namespaces: ['time', 'cgroup'] }) },
  { name: 'features: SCMP_ARCH_LOONGARCH64 appears at 1.2.1', kind: 'features', doc: featuresLinux({ seccomp: { archs: ['SCMP_ARCH_LOONGARCH64'] } }), valid: since('1.2.1') },
];

// ---- running them -------------------------------------------------------------------------------

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>();
function validator(kind: DocumentKind, v: SpecVersion): ValidateFunction | undefined {
  const key = `${kind}@${v}`;
  if (!validators.has(key)) {
    const schema = builtinSchema(kind, v);
    if (!schema) return undefined;
    validators.set(key, ajv.compile(schema));
  }
  return validators.get(key);
}

for (const c of CASES) {
  const kind = c.kind ?? 'config';
  t.test(c.name, async (t) => {
    for (const v of SPEC_VERSIONS) {
      const validate = validator(kind, v);
      if (!validate) continue;
      const expectValid = inSpan(v, c.valid ?? ALL);
      const ok = validate(c.doc) as boolean;
      t.equal(ok, expectValid, `${v}: ${expectValid ? 'valid' : 'invalid'}`, ok === expectValid ? {} : { errors: validate.errors });
      if (c.known) {
        const unknown = findUnknownProperties(builtinSchema(kind, v)!, c.doc).map((u) => u.pointer);
        const expectKnown = inSpan(v, c.known.span);
        // Under an unknown parent only the parent is reported; the property is just as undeclared.
        const reported = unknown.some((u) => c.known!.pointer === u || c.known!.pointer.startsWith(u + '/'));
        t.equal(!reported, expectKnown, `${v}: ${c.known.pointer} ${expectKnown ? 'declared' : 'unknown'}`, { unknown });
      }
    }
  });
}

t.test('every deviation is proven by a violating and a conforming document', async (t) => {
  for (const id of DEVIATION_IDS) {
    if (id === 'int64-uint64-bounds') continue; // proven with exact integers below
    const cases = CASES.filter((c) => c.deviation === id);
    const everywhereFine = (c: Case) => SPEC_VERSIONS.every((v) => inSpan(v, c.valid ?? ALL));
    const flagged = (c: Case) => !everywhereFine(c) || (c.known !== undefined && c.known.span !== ALL);
    t.ok(cases.some(flagged), `${id}: a document that is invalid or unknown somewhere`);
    t.ok(cases.some((c) => !SPEC_VERSIONS.every((v) => !inSpan(v, c.valid ?? ALL))), `${id}: a document that passes somewhere`);
  }
});

t.test('int64/uint64 bounds are exact at every version, including 1.0.x', async (t) => {
  const doc = resources({ memory: { limit: 0, swap: 0 }, hugepageLimits: [{ pageSize: '2MB', limit: 0 }] });
  for (const v of SPEC_VERSIONS) {
    const schema = builtinSchema('config', v)!;
    const check = (entries: [string, bigint][]) => findIntegersOutOfRange(schema, new Map(entries)).map((r) => r.pointer);
    t.same(check([['/linux/resources/memory/limit', 2n ** 63n - 1n]]), [], `${v}: 2^63-1 fits int64`);
    t.same(check([['/linux/resources/memory/limit', 2n ** 63n]]), ['/linux/resources/memory/limit'], `${v}: 2^63 is outside int64`);
    t.same(check([['/linux/resources/memory/swap', -(2n ** 63n) - 1n]]), ['/linux/resources/memory/swap'], `${v}: -2^63-1 is outside int64`);
    t.same(check([['/linux/resources/hugepageLimits/0/limit', 2n ** 64n - 1n]]), [], `${v}: 2^64-1 fits uint64`);
    t.same(check([['/linux/resources/hugepageLimits/0/limit', 2n ** 64n]]), ['/linux/resources/hugepageLimits/0/limit'], `${v}: 2^64 is outside uint64`);
    t.ok(validator('config', v)!(doc), `${v}: the document itself is valid`);
  }
});
