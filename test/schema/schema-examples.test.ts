// Realistic documents validate, with no unknown property, at every version where their fields exist.
import t from 'tap';
import { Ajv, type ValidateFunction } from 'ajv';
import { builtinSchema } from '../../schema/builtin.js';
import type { DocumentKind } from '../../schema/document.js';
import { findUnknownProperties } from '../../schema/schema-walk.js';
import { SPEC_VERSIONS, type SpecVersion, compareVersions } from '../../schema/versions.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new Map<string, ValidateFunction>();
/** Schema verdict and unknown properties of one document at one version. */
function check(kind: DocumentKind, v: SpecVersion, doc: unknown) {
  const schema = builtinSchema(kind, v)!;
  let validate = compiled.get(`${kind}@${v}`);
  if (!validate) compiled.set(`${kind}@${v}`, (validate = ajv.compile(schema)));
  const valid = validate(doc) as boolean;
  return { valid, errors: validate.errors, unknown: findUnknownProperties(schema, doc) };
}

const atLeast = (v: SpecVersion, min: SpecVersion) => compareVersions(v, min) >= 0;
const before = (v: SpecVersion, max: SpecVersion) => compareVersions(v, max) < 0;

const MINIMAL = { ociVersion: '1.0.0', root: { path: 'rootfs' }, process: { cwd: '/', args: ['sh'] } };

const caps = ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'];

/** What `runc spec` writes, plus hooks, seccomp and resources, using only fields that exist at `v`. */
function fullLinuxConfig(v: SpecVersion): Record<string, unknown> {
  const hook = (name: string) => [{ path: `/usr/libexec/oci/${name}`, args: [name, '--verbose'], env: ['A=1'], timeout: 5 }];
  const mount = (destination: string, type: string, source: string, options?: string[]) => ({ destination, type, source, ...(options ? { options } : {}) });
  return {
    ociVersion: v,
    process: {
      terminal: true,
      consoleSize: { height: 25, width: 80 },
      user: { uid: 0, gid: 0, additionalGids: [10], ...(atLeast(v, '1.0.2') ? { umask: 18 } : {}) },
      args: ['sh'],
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm'],
      cwd: '/',
      capabilities: { bounding: caps, effective: caps, inheritable: caps, permitted: caps, ambient: caps },
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
      apparmorProfile: 'runc-default',
      selinuxLabel: 'system_u:system_r:container_t:s0',
      oomScoreAdj: 100,
      ...(atLeast(v, '1.1.0')
        ? { scheduler: { policy: 'SCHED_OTHER', nice: 5 }, ioPriority: { class: 'IOPRIO_CLASS_BE', priority: 4 } }
        : {}),
      ...(atLeast(v, '1.2.1') ? { execCPUAffinity: { initial: '0', final: '0-3' } } : {}),
    },
    root: { path: 'rootfs', readonly: true },
    hostname: 'runc',
    ...(atLeast(v, '1.1.0') ? { domainname: 'example.test' } : {}),
    mounts: [
      mount('/proc', 'proc', 'proc'),
      mount('/dev', 'tmpfs', 'tmpfs', ['nosuid', 'strictatime', 'mode=755', 'size=65536k']),
      mount('/dev/pts', 'devpts', 'devpts', ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5']),
      mount('/dev/shm', 'tmpfs', 'shm', ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k']),
      mount('/dev/mqueue', 'mqueue', 'mqueue', ['nosuid', 'noexec', 'nodev']),
      mount('/sys', 'sysfs', 'sysfs', ['nosuid', 'noexec', 'nodev', 'ro']),
      mount('/sys/fs/cgroup', 'cgroup', 'cgroup', ['nosuid', 'noexec', 'nodev', 'relatime', 'ro']),
    ],
    hooks: {
      prestart: hook('prestart'),
      ...(atLeast(v, '1.0.2')
        ? { createRuntime: hook('createRuntime'), createContainer: hook('createContainer'), startContainer: hook('startContainer') }
        : {}),
      poststart: hook('poststart'),
      poststop: hook('poststop'),
    },
    annotations: { 'com.example.owner': 'ci', 'org.opencontainers.image.os': 'linux' },
    linux: {
      uidMappings: [{ containerID: 0, hostID: 100000, size: 65536 }],
      gidMappings: [{ containerID: 0, hostID: 100000, size: 65536 }],
      sysctl: { 'net.ipv4.ip_forward': '1' },
      devices: [{ path: '/dev/fuse', type: 'c', major: 10, minor: 229, fileMode: 438, uid: 0, gid: 0 }],
      resources: {
        devices: [
          { allow: false, access: 'rwm' },
          { allow: true, type: 'c', major: 10, minor: 229, access: 'rw' },
        ],
        memory: {
          limit: 536870912,
          reservation: 268435456,
          swap: 1073741824,
          swappiness: 0,
          disableOOMKiller: false,
          ...(atLeast(v, '1.0.2') ? { useHierarchy: true } : {}),
          ...(atLeast(v, '1.1.0') ? { checkBeforeUpdate: true } : {}),
        },
        cpu: {
          shares: 1024,
          quota: 100000,
          period: 100000,
          realtimeRuntime: 950000,
          realtimePeriod: 1000000,
          cpus: '0-3',
          mems: '0',
          ...(atLeast(v, '1.1.0') ? { burst: 10000, idle: 0 } : {}),
        },
        pids: { limit: 1024 },
        blockIO: {
          weight: 500,
          leafWeight: 300,
          weightDevice: [{ major: 8, minor: 0, weight: 500, leafWeight: 300 }],
          throttleReadBpsDevice: [{ major: 8, minor: 0, rate: 104857600 }],
          throttleWriteBpsDevice: [{ major: 8, minor: 0, rate: 104857600 }],
          throttleReadIOPSDevice: [{ major: 8, minor: 0, rate: 1000 }],
          throttleWriteIOPSDevice: [{ major: 8, minor: 0, rate: 1000 }],
        },
        hugepageLimits: [{ pageSize: '2MB', limit: 209715200 }],
        network: { classID: 1048577, priorities: [{ name: 'eth0', priority: 500 }] },
        ...(atLeast(v, '1.0.2') ? { rdma: { mlx5_1: { hcaHandles: 3, hcaObjects: 10000 } } } : {}),
        ...(atLeast(v, '1.1.0') ? { unified: { 'memory.high': '400000000' } } : {}),
      },
      cgroupsPath: '/default/runc-1',
      namespaces: [
        { type: 'pid' },
        { type: 'network', path: '/var/run/netns/ci' },
        { type: 'ipc' },
        { type: 'uts' },
        { type: 'mount' },
        { type: 'user' },
        { type: 'cgroup' },
        ...(atLeast(v, '1.1.0') ? [{ type: 'time' }] : []),
      ],
      ...(atLeast(v, '1.1.0') ? { timeOffsets: { monotonic: { secs: 10, nanosecs: 0 }, boottime: { secs: 20, nanosecs: 5 } } } : {}),
      seccomp: {
        defaultAction: 'SCMP_ACT_ERRNO',
        architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
        ...(atLeast(v, '1.0.2') ? { flags: ['SECCOMP_FILTER_FLAG_SPEC_ALLOW'] } : {}),
        ...(atLeast(v, '1.1.0') ? { defaultErrnoRet: 1, listenerPath: '/run/seccomp-agent.sock', listenerMetadata: 'ci' } : {}),
        syscalls: [
          { names: ['read', 'write', 'exit_group'], action: 'SCMP_ACT_ALLOW' },
          { names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 0, op: 'SCMP_CMP_EQ' }] },
          { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 2114060288, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] },
          ...(atLeast(v, '1.1.0') ? [{ names: ['mount'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }] : []),
        ],
      },
      rootfsPropagation: 'private',
      maskedPaths: ['/proc/acpi', '/proc/kcore', '/proc/keys', '/sys/firmware'],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
      mountLabel: 'system_u:object_r:container_file_t:s0',
      intelRdt: {
        l3CacheSchema: 'L3:0=ffff0;1=3ff',
        ...(atLeast(v, '1.0.2') ? { closID: 'ci', memBwSchema: 'MB:0=50;1=70' } : {}),
        ...(atLeast(v, '1.1.0') && before(v, '1.3.0') ? { enableCMT: true, enableMBM: true } : {}),
        ...(atLeast(v, '1.3.0') ? { schemata: ['L2:0=ff'], enableMonitoring: true } : {}),
      },
      ...(atLeast(v, '1.0.2') ? { personality: { domain: 'LINUX', flags: [] } } : {}),
      ...(atLeast(v, '1.3.0')
        ? { netDevices: { eth1: { name: 'ci0' } }, memoryPolicy: { mode: 'MPOL_BIND', nodes: '0', flags: ['MPOL_F_STATIC_NODES'] } }
        : {}),
    },
  };
}

function windowsConfig(v: SpecVersion): Record<string, unknown> {
  return {
    ociVersion: v,
    process: { cwd: 'C:\\', args: ['cmd.exe'], user: { username: 'ContainerUser' }, ...(atLeast(v, '1.0.2') ? { commandLine: 'cmd.exe /c dir' } : {}) },
    root: { path: '\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\' },
    mounts: [{ destination: 'C:\\data', source: 'C:\\host\\data', options: ['ro'] }],
    windows: {
      layerFolders: ['C:\\layers\\l2', 'C:\\layers\\base', 'C:\\scratch'],
      ...(atLeast(v, '1.0.2') ? { devices: [{ id: '5175d334-c371-4806-b3ba-71fd53c9258d', idType: 'class' }] } : {}),
      resources: {
        memory: { limit: 2097152 },
        cpu: { count: 2, shares: 500, maximum: 5000, ...(atLeast(v, '1.2.1') ? { affinity: [{ mask: 3, group: 0 }] } : {}) },
        storage: { iops: 50, bps: 1000000, sandboxSize: 21474836480 },
      },
      network: {
        endpointList: ['7a010682-17e0-4455-a838-02e5d9655fe6'],
        allowUnqualifiedDNSQuery: true,
        DNSSearchList: ['a.com'],
        networkSharedContainerName: 'other',
        ...(atLeast(v, '1.0.2') ? { networkNamespace: '168f3daf-efc6-4377-b20a-2c86764ba892' } : {}),
      },
      credentialSpec: { CmsPlugins: ['ActiveDirectory'], DomainJoinConfig: { DnsName: 'example.test' } },
      servicing: false,
      ignoreFlushesDuringBoot: true,
      hyperv: { utilityVMPath: 'C:\\uvm' },
    },
  };
}

function otherPlatforms(v: SpecVersion): Record<string, unknown> {
  return {
    ociVersion: v,
    root: { path: 'rootfs' },
    solaris: {
      milestone: 'svc:/milestone/container:default',
      limitpriv: 'default',
      maxShmMemory: '512m',
      cappedCPU: { ncpus: '8' },
      cappedMemory: { physical: '512m', swap: '512m' },
      anet: [{ linkname: 'net0', lowerLink: 'net2', allowedAddress: '172.17.0.2/16', configureAllowedAddress: 'true', defrouter: '172.17.0.1/16', linkProtection: 'mac-nospoof, ip-nospoof', macAddress: '02:42:f8:52:c7:16' }],
    },
    ...(atLeast(v, '1.0.2')
      ? {
          vm: {
            hypervisor: { path: '/usr/bin/qemu-system-x86_64', parameters: ['-m', '512'] },
            kernel: { path: '/boot/vmlinuz', parameters: ['console=hvc0'], initrd: '/boot/initrd.img' },
            image: { path: '/images/rootfs.qcow2', format: 'qcow2' },
            ...(atLeast(v, '1.3.0')
              ? { hwConfig: { deviceTree: '/dt.dtb', vcpus: 2, memory: 4194304, dtdevs: ['/soc/dev1'], iomems: [{ firstMFN: 12288, nrMFNs: 1 }, { firstGFN: 1, firstMFN: 2, nrMFNs: 3 }], irqs: [11, 22] } }
              : {}),
          },
        }
      : {}),
    ...(atLeast(v, '1.1.0') && before(v, '1.2.1') ? { zos: { devices: [{ type: 'c', path: '/dev/null', major: 1, minor: 3, fileMode: 438, uid: 0, gid: 0 }] } } : {}),
    ...(atLeast(v, '1.2.1') ? { zos: { namespaces: [{ type: 'pid' }, { type: 'mount' }, { type: 'ipc' }, { type: 'uts', path: '/proc/1/ns/uts' }] } } : {}),
    ...(atLeast(v, '1.3.0')
      ? {
          freebsd: {
            devices: [{ path: 'pf', mode: 448 }],
            jail: {
              parent: 'p',
              host: 'new',
              ip4: 'inherit',
              ip4Addr: ['10.0.0.2'],
              ip6: 'disable',
              ip6Addr: ['fd00::2'],
              vnet: 'new',
              interface: 'lo1',
              vnetInterfaces: ['epair0b'],
              sysvmsg: 'new',
              sysvsem: 'inherit',
              sysvshm: 'disable',
              enforceStatfs: 2,
              allow: { setHostname: true, rawSockets: true, chflags: false, mount: ['tmpfs'], quotas: false, socketAf: false, mlock: true, reservedPorts: false, suser: true },
            },
          },
        }
      : {}),
  };
}

const PER_VERSION: [string, (v: SpecVersion) => unknown][] = [
  ['a minimal config', () => MINIMAL],
  ['a full Linux config (runc spec plus hooks, seccomp, resources)', fullLinuxConfig],
  ['a full Windows config', windowsConfig],
  ['Solaris, VM, z/OS and FreeBSD sections where they exist', otherPlatforms],
];

for (const [label, make] of PER_VERSION) {
  t.test(`${label} validates at every version`, async (t) => {
    for (const v of SPEC_VERSIONS) {
      const r = check('config', v, make(v));
      t.ok(r.valid, `valid at ${v}`, { errors: r.errors });
      t.same(r.unknown, [], `no unknown property at ${v}`);
    }
  });
}

t.test('newer fields are unknown to older versions', async (t) => {
  const newest = fullLinuxConfig('1.3.0');
  const unknown = findUnknownProperties(builtinSchema('config', '1.0.0')!, newest).map((u) => u.pointer);
  for (const p of ['/domainname', '/process/scheduler', '/hooks/createRuntime', '/linux/netDevices', '/linux/memoryPolicy', '/linux/intelRdt/enableMonitoring', '/linux/personality']) {
    t.ok(unknown.includes(p), `${p} is unknown at 1.0.0`);
  }
  const atOld = findUnknownProperties(builtinSchema('config', '1.3.0')!, fullLinuxConfig('1.2.1')).map((u) => u.pointer);
  t.same(atOld, ['/linux/intelRdt/enableCMT', '/linux/intelRdt/enableMBM'], 'only the RDT keys 1.3.0 replaced are unknown to a 1.2.1 config at 1.3.0');
});

t.test('state documents validate at every version', async (t) => {
  for (const v of SPEC_VERSIONS) {
    const docs: [string, unknown][] = ['creating', 'created', 'running', 'stopped', 'paused'].map((status) => [
      `state "${status}"`,
      { ociVersion: v, id: 'c1', status, pid: 4422, bundle: '/containers/redis', annotations: { myKey: 'myValue' } },
    ]);
    docs.push(['state without pid', { ociVersion: v, id: 'c1', status: 'stopped', bundle: '/b' }]);
    for (const [label, doc] of docs) {
      const r = check('state', v, doc);
      t.ok(r.valid, `${label} is valid at ${v}`, { errors: r.errors });
      t.same(r.unknown, [], `${label} has no unknown property at ${v}`);
    }
  }
});

t.test('a runc-like features document validates from 1.1.0', async (t) => {
  for (const v of SPEC_VERSIONS) {
    if (!builtinSchema('features', v)) continue;
    const doc = {
      ociVersionMin: '1.0.0',
      ociVersionMax: v,
      hooks: ['prestart', 'createRuntime', 'createContainer', 'startContainer', 'poststart', 'poststop'],
      mountOptions: ['async', 'atime', 'bind', 'ro', 'rprivate', 'idmap'],
      annotations: { 'org.opencontainers.runc.version': '1.2.0', 'io.github.seccomp.libseccomp.version': '2.5.4' },
      ...(atLeast(v, '1.2.0') ? { potentiallyUnsafeConfigAnnotations: ['bundle', 'org.systemd.property.'] } : {}),
      linux: {
        namespaces: ['cgroup', 'ipc', 'mount', 'network', 'pid', 'user', 'uts', 'time'],
        capabilities: ['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_CHECKPOINT_RESTORE'],
        cgroup: { v1: true, v2: true, systemd: true, systemdUser: true, rdma: true },
        seccomp: {
          enabled: true,
          actions: ['SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY'],
          operators: ['SCMP_CMP_EQ', 'SCMP_CMP_MASKED_EQ'],
          archs: ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_X86_64', 'SCMP_ARCH_RISCV64'],
          knownFlags: ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_LOG'],
          supportedFlags: ['SECCOMP_FILTER_FLAG_TSYNC'],
        },
        apparmor: { enabled: true },
        selinux: { enabled: true },
        intelRdt: { enabled: true, ...(atLeast(v, '1.3.0') ? { schemata: true, monitoring: true } : {}) },
        ...(atLeast(v, '1.2.0') ? { mountExtensions: { idmap: { enabled: true } } } : {}),
        ...(atLeast(v, '1.3.0') ? { netDevices: { enabled: true }, memoryPolicy: { modes: ['MPOL_DEFAULT'], flags: [] } } : {}),
      },
    };
    const r = check('features', v, doc);
    t.ok(r.valid, `valid at ${v}`, { errors: r.errors });
    t.same(r.unknown, [], `no unknown property at ${v}`);
  }
});
