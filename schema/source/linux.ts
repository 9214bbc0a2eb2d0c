// config.json `linux` (config-linux.md).
import {
  arr,
  bool,
  int64,
  map,
  obj,
  prop,
  ref,
  required,
  str,
  strings,
  uint32,
  uint64,
  versioned,
} from './dsl.js';
import { blkioWeight } from './definitions.js';

const throttle = () => arr(ref('BlkioThrottleDevice'));

const resources = obj(
  {
    unified: prop(map(str()), {
      since: '1.1.0',
      description: 'cgroup v2 files to write: file name → content.',
    }),
    devices: prop(arr(ref('LinuxDeviceCgroup')), { description: 'The device cgroup allow/deny list.' }),
    pids: obj({
      limit: prop(int64(), {
        required: { until: '1.3.0' },
        description: 'Maximum number of tasks; -1 means no limit.',
        deviations: ['pids-limit-optional'],
      }),
    }),
    blockIO: obj({
      weight: blkioWeight(),
      leafWeight: blkioWeight(),
      weightDevice: arr(ref('BlkioWeightDevice')),
      throttleReadBpsDevice: throttle(),
      throttleWriteBpsDevice: throttle(),
      throttleReadIOPSDevice: prop(throttle(), { deviations: ['blockio-iops-spelling'] }),
      throttleWriteIOPSDevice: prop(throttle(), { deviations: ['blockio-iops-spelling'] }),
    }),
    cpu: obj({
      shares: uint64(),
      quota: int64(),
      burst: prop(uint64(), { since: '1.1.0' }),
      period: uint64(),
      realtimeRuntime: int64(),
      realtimePeriod: uint64(),
      cpus: str({ description: 'CPU list, e.g. "0-3,7".' }),
      mems: str({ description: 'Memory node list, e.g. "0-3,7".' }),
      idle: prop(int64(), { since: '1.1.0' }),
    }),
    hugepageLimits: arr(
      obj({
        pageSize: required(
          versioned(
            { until: '1.0.2', node: str() },
            { since: '1.0.2', node: str({ pattern: '^[1-9][0-9]*[KMG]B$', description: 'e.g. 64KB, 2MB, 1GB.' }) },
          ),
        ),
        limit: required(uint64()),
      }),
    ),
    memory: obj({
      limit: int64(),
      reservation: int64(),
      swap: int64(),
      kernel: int64(),
      kernelTCP: int64(),
      swappiness: uint64(),
      disableOOMKiller: bool(),
      useHierarchy: prop(bool(), { since: '1.0.2' }),
      checkBeforeUpdate: prop(bool(), { since: '1.1.0' }),
    }),
    network: obj({
      classID: uint32(),
      priorities: arr(ref('NetworkInterfacePriority')),
    }),
    rdma: prop(map(ref('Rdma')), { since: '1.0.2', description: 'RDMA device name → limits.' }),
  },
  { description: 'cgroup resource limits.' },
);

const seccomp = obj({
  defaultAction: required(
    versioned({ until: '1.0.2', node: str() }, { since: '1.0.2', node: ref('SeccompAction') }),
  ),
  defaultErrnoRet: prop(uint32(), { since: '1.1.0' }),
  architectures: arr(ref('SeccompArch')),
  flags: prop(arr(ref('SeccompFlag')), { since: '1.0.2' }),
  listenerPath: prop(str(), { since: '1.1.0', description: 'UNIX socket that receives the seccomp notify fd.' }),
  listenerMetadata: prop(str(), { since: '1.1.0' }),
  syscalls: arr(ref('Syscall')),
});

const intelRdt = obj({
  closID: prop(str(), { since: '1.0.2' }),
  l3CacheSchema: prop(str(), { deviations: ['intelrdt-l3cacheschema'] }),
  memBwSchema: prop(str({ pattern: '^MB:[^\\n]*$' }), { since: '1.0.2' }),
  schemata: prop(arr(str({ pattern: '^[^\\n]*$' }), { deviations: ['intelrdt-schemata-newlines'] }), {
    since: '1.3.0',
    description: 'Lines for the resctrl schemata file.',
  }),
  enableCMT: prop(bool(), { since: '1.1.0', until: '1.3.0' }),
  enableMBM: prop(bool(), { since: '1.1.0', until: '1.3.0' }),
  enableMonitoring: prop(bool(), { since: '1.3.0' }),
});

export const linux = obj(
  {
    devices: arr(ref('LinuxDevice')),
    netDevices: prop(map(ref('NetDevice')), {
      since: '1.3.0',
      description: 'Host network interface name → how it appears in the container.',
    }),
    uidMappings: arr(ref('IDMapping')),
    gidMappings: arr(ref('IDMapping')),
    namespaces: arr(ref('LinuxNamespace')),
    timeOffsets: prop(
      obj({
        boottime: ref('TimeOffset'),
        monotonic: ref('TimeOffset'),
      }),
      { since: '1.1.0', description: 'Clock offsets for the time namespace.' },
    ),
    resources,
    cgroupsPath: str(),
    rootfsPropagation: ref('RootfsPropagation'),
    seccomp,
    sysctl: map(str()),
    maskedPaths: strings(),
    readonlyPaths: strings(),
    mountLabel: str(),
    intelRdt: prop(intelRdt, { deviations: ['intelrdt-l3cacheschema'] }),
    memoryPolicy: prop(
      obj({
        mode: required(ref('MemoryPolicyMode'), { deviations: ['memorypolicy-mode-required'] }),
        nodes: str({ description: 'NUMA node list, e.g. "0-3,7".' }),
        flags: arr(ref('MemoryPolicyFlag')),
      }),
      { since: '1.3.0' },
    ),
    personality: prop(
      obj({
        domain: required(ref('PersonalityDomain'), { deviations: ['personality-domain-required'] }),
        flags: strings(),
      }),
      { since: '1.0.2' },
    ),
  },
  { description: 'Linux-specific configuration.' },
);
