// Named definitions shared by the documents. A generated file carries the integer ranges plus
// the definitions its root reaches at that version, so each file stays self-contained.
import {
  type Definition,
  type EnumValue,
  arr,
  bool,
  int,
  int64,
  map,
  obj,
  prop,
  ref,
  required,
  str,
  strings,
  uint16,
  uint32,
  uint64,
  versioned,
} from './dsl.js';

/** A blkio weight: any integer until 1.0.2, a uint16 from then on. */
export const blkioWeight = () => versioned({ until: '1.0.2', node: int() }, { since: '1.0.2', node: uint16() });

const enumOf = (values: EnumValue[], description?: string) => ({ node: str({ enum: values, description }) });

export const DEFINITIONS: Record<string, Definition> = {
  // ---- shared by every document ----
  Annotations: {
    node: map(str(), {
      keyMinLength: 1,
      description: 'Free-form metadata: string values under non-empty keys.',
      deviations: ['annotation-keys'],
    }),
  },

  // ---- config.json, all platforms ----
  Hook: {
    node: obj({
      path: required(str({ description: 'Absolute path of the executable (absoluteness is a prose rule).' })),
      args: strings(),
      env: strings(),
      timeout: prop(int({ minimum: 1 }), { description: 'Seconds before the hook is aborted; greater than zero.' }),
    }),
  },
  Hooks: { node: arr(ref('Hook')) },
  IDMapping: {
    node: obj({
      containerID: required(uint32()),
      hostID: required(uint32()),
      size: required(uint32()),
    }),
  },
  Mount: {
    node: obj({
      destination: required(str({ description: 'Where the mount appears inside the container.' })),
      source: str(),
      options: strings(),
      type: str(),
      uidMappings: prop(arr(ref('IDMapping')), { since: '1.1.0', description: 'Idmapped mount: UID mapping.' }),
      gidMappings: prop(arr(ref('IDMapping')), { since: '1.1.0', description: 'Idmapped mount: GID mapping.' }),
    }),
  },
  FileMode: {
    node: versioned(
      {
        until: '1.3.0',
        node: int({ minimum: 0, maximum: 512, description: 'File permission bits, written in decimal.' }),
      },
      {
        since: '1.3.0',
        node: int({ minimum: 0, maximum: 511, description: 'File permission bits (0 to 0777), written in decimal.' }),
      },
    ),
  },

  // ---- Linux enums, also listed by the features document ----
  NamespaceType: enumOf(['mount', 'pid', 'network', 'uts', 'ipc', 'user', 'cgroup', { value: 'time', since: '1.1.0' }]),
  SeccompAction: enumOf([
    'SCMP_ACT_KILL',
    { value: 'SCMP_ACT_KILL_PROCESS', since: '1.1.0' },
    { value: 'SCMP_ACT_KILL_THREAD', since: '1.1.0' },
    'SCMP_ACT_TRAP',
    'SCMP_ACT_ERRNO',
    'SCMP_ACT_TRACE',
    'SCMP_ACT_ALLOW',
    { value: 'SCMP_ACT_LOG', since: '1.0.2' },
    { value: 'SCMP_ACT_NOTIFY', since: '1.1.0' },
  ]),
  SeccompArch: enumOf([
    'SCMP_ARCH_X86',
    'SCMP_ARCH_X86_64',
    'SCMP_ARCH_X32',
    'SCMP_ARCH_ARM',
    'SCMP_ARCH_AARCH64',
    { value: 'SCMP_ARCH_LOONGARCH64', since: '1.2.1' },
    { value: 'SCMP_ARCH_M68K', since: '1.2.1' },
    'SCMP_ARCH_MIPS',
    'SCMP_ARCH_MIPS64',
    'SCMP_ARCH_MIPS64N32',
    'SCMP_ARCH_MIPSEL',
    'SCMP_ARCH_MIPSEL64',
    'SCMP_ARCH_MIPSEL64N32',
    'SCMP_ARCH_PPC',
    'SCMP_ARCH_PPC64',
    'SCMP_ARCH_PPC64LE',
    'SCMP_ARCH_S390',
    'SCMP_ARCH_S390X',
    { value: 'SCMP_ARCH_SH', since: '1.2.1' },
    { value: 'SCMP_ARCH_SHEB', since: '1.2.1' },
    'SCMP_ARCH_PARISC',
    'SCMP_ARCH_PARISC64',
    { value: 'SCMP_ARCH_RISCV64', since: '1.1.0' },
  ]),
  SeccompFlag: {
    since: '1.0.2',
    ...enumOf([
      'SECCOMP_FILTER_FLAG_TSYNC',
      'SECCOMP_FILTER_FLAG_LOG',
      'SECCOMP_FILTER_FLAG_SPEC_ALLOW',
      { value: 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV', since: '1.1.0' },
    ]),
  },
  SeccompOperator: enumOf([
    'SCMP_CMP_NE',
    'SCMP_CMP_LT',
    'SCMP_CMP_LE',
    'SCMP_CMP_EQ',
    'SCMP_CMP_GE',
    'SCMP_CMP_GT',
    'SCMP_CMP_MASKED_EQ',
  ]),
  MemoryPolicyMode: {
    since: '1.3.0',
    ...enumOf([
      'MPOL_DEFAULT',
      'MPOL_BIND',
      'MPOL_INTERLEAVE',
      'MPOL_WEIGHTED_INTERLEAVE',
      'MPOL_PREFERRED',
      'MPOL_PREFERRED_MANY',
      'MPOL_LOCAL',
    ]),
  },
  MemoryPolicyFlag: {
    since: '1.3.0',
    ...enumOf(['MPOL_F_NUMA_BALANCING', 'MPOL_F_RELATIVE_NODES', 'MPOL_F_STATIC_NODES']),
  },

  // ---- config.json, Linux structures ----
  LinuxDevice: {
    node: obj({
      type: required(str({ pattern: '^[cbup]$', description: 'c, b, u or p.' })),
      path: required(str()),
      fileMode: ref('FileMode'),
      major: prop(int64(), { description: 'Required unless type is p (a prose rule).' }),
      minor: prop(int64(), { description: 'Required unless type is p (a prose rule).' }),
      uid: uint32(),
      gid: uint32(),
    }),
  },
  LinuxDeviceCgroup: {
    node: obj({
      allow: required(bool()),
      type: str({ description: 'a (all), c or b.' }),
      major: int64(),
      minor: int64(),
      access: str(),
    }),
  },
  LinuxNamespace: {
    node: obj({
      type: required(ref('NamespaceType')),
      path: str({ description: 'Namespace file to join.' }),
    }),
  },
  BlkioWeightDevice: {
    node: obj({
      major: required(int64()),
      minor: required(int64()),
      weight: blkioWeight(),
      leafWeight: blkioWeight(),
    }),
  },
  BlkioThrottleDevice: {
    node: obj({
      major: required(int64()),
      minor: required(int64()),
      rate: required(uint64(), { deviations: ['throttle-rate-required'] }),
    }),
  },
  NetworkInterfacePriority: {
    node: obj({
      name: required(str()),
      priority: required(uint32()),
    }),
  },
  Rdma: {
    since: '1.0.2',
    node: obj({
      hcaHandles: uint32(),
      hcaObjects: uint32(),
    }),
  },
  NetDevice: {
    since: '1.3.0',
    node: obj({
      name: str({ description: 'Name inside the container; the host name when absent.' }),
    }),
  },
  SyscallArg: {
    node: obj({
      index: required(uint32()),
      value: required(uint64()),
      valueTwo: uint64(),
      op: required(ref('SeccompOperator')),
    }),
  },
  Syscall: {
    node: obj({
      names: required(strings({ minItems: 1 })),
      action: required(ref('SeccompAction')),
      errnoRet: prop(uint32(), { since: '1.1.0' }),
      args: arr(ref('SyscallArg')),
    }),
  },
  TimeOffset: {
    since: '1.1.0',
    node: obj({
      secs: int64(),
      nanosecs: uint32(),
    }),
  },
  SchedulerPolicy: {
    since: '1.1.0',
    ...enumOf(['SCHED_OTHER', 'SCHED_FIFO', 'SCHED_RR', 'SCHED_BATCH', 'SCHED_ISO', 'SCHED_IDLE', 'SCHED_DEADLINE']),
  },
  SchedulerFlag: {
    since: '1.1.0',
    ...enumOf([
      'SCHED_FLAG_RESET_ON_FORK',
      'SCHED_FLAG_RECLAIM',
      'SCHED_FLAG_DL_OVERRUN',
      'SCHED_FLAG_KEEP_POLICY',
      'SCHED_FLAG_KEEP_PARAMS',
      'SCHED_FLAG_UTIL_CLAMP_MIN',
      'SCHED_FLAG_UTIL_CLAMP_MAX',
    ]),
  },
  PersonalityDomain: { since: '1.0.2', ...enumOf(['LINUX', 'LINUX32']) },
  RootfsPropagation: enumOf(['private', 'shared', 'slave', 'unbindable']),
};
