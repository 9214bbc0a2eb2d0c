// Which config fields the `run` catalogue verifies: every field whose effect a container can
// see (research notes, runtime-spec §4), with the requirement IDs whose cases check it, or the
// reason no case does. docs/coverage.md is rendered from this table and the catalogue
// (`oci-conformance list --format md`); a self-test keeps both honest: a row that names
// requirements must have a case citing them, and every in-container requirement has a row.
import type { SpecVersion } from '../../schema/versions.js';

export interface FieldCoverage {
  /** The field as config.md names it, e.g. "process.rlimits" or "linux.resources.pids.limit". */
  field: string;
  /** First release that has the field. */
  since: SpecVersion;
  /** How its effect shows inside the container, in a few words. */
  observed: string;
  /** Requirement IDs whose cases check the field; empty when none does (then `why` says why). */
  requirements: string[];
  /** Why no case checks it (host limitation, outside the CLI contract, not observable, ...). */
  why?: string;
}

export const CONFIG_FIELD_COVERAGE: readonly FieldCoverage[] = [
  { field: 'process.args', since: '1.0.0', observed: 'argv of the process', requirements: ['config.process.args'] },
  { field: 'process.cwd', since: '1.0.0', observed: 'working directory', requirements: ['config.process.cwd'] },
  { field: 'process.env', since: '1.0.0', observed: 'environment of the process', requirements: ['config.process.env'] },
  { field: 'process.terminal', since: '1.0.0', observed: 'stdio is a terminal under /dev/pts', requirements: [], why: 'needs a console socket served by the harness (runtime-tools CLI --console-socket); not built yet' },
  { field: 'process.consoleSize', since: '1.0.0', observed: 'terminal rows and columns', requirements: [], why: 'applies only with process.terminal, which is not covered yet' },
  { field: 'process.user.uid, gid, additionalGids', since: '1.0.0', observed: 'Uid, Gid and Groups of /proc/self/status', requirements: ['config.process.user'] },
  { field: 'process.user.umask', since: '1.0.2', observed: 'umask of the process', requirements: ['config.process.umask'] },
  { field: 'process.rlimits', since: '1.0.0', observed: 'soft and hard limits (ulimit, /proc/self/limits)', requirements: ['config.process.rlimits'] },
  { field: 'process.capabilities', since: '1.0.0', observed: 'the five Cap* masks of /proc/self/status', requirements: ['config.process.capabilities'] },
  { field: 'process.noNewPrivileges', since: '1.0.0', observed: 'NoNewPrivs of /proc/self/status', requirements: ['config.process.no-new-privileges'] },
  { field: 'process.oomScoreAdj', since: '1.0.0', observed: '/proc/self/oom_score_adj', requirements: ['config.process.oom-score-adj'] },
  { field: 'process.apparmorProfile', since: '1.0.0', observed: 'the AppArmor label of the process', requirements: [], why: 'this host has no LSM that reports labels (checked at run time by the environment probe)' },
  { field: 'process.selinuxLabel', since: '1.0.0', observed: 'the SELinux context of the process', requirements: [], why: 'this host has no SELinux' },
  { field: 'process.scheduler', since: '1.1.0', observed: 'policy and nice of the process (fields 41 and 19 of /proc/self/stat)', requirements: ['config.process.scheduler'] },
  { field: 'process.ioPriority', since: '1.1.0', observed: 'I/O scheduling class and level (ionice -p)', requirements: ['config.process.io-priority'] },
  { field: 'process.execCPUAffinity', since: '1.2.1', observed: 'CPU affinity of an exec\'d process', requirements: [], why: 'applies to processes added with exec, which is not part of the OCI CLI contract the suite drives' },
  { field: 'hostname', since: '1.0.0', observed: 'host name in the uts namespace', requirements: ['config.hostname'] },
  { field: 'domainname', since: '1.1.0', observed: 'NIS domain name in the uts namespace', requirements: ['config.domainname'] },
  { field: 'root.path', since: '1.0.0', observed: 'the rootfs is the container\'s /: its files (a path relative to the bundle)', requirements: ['config.root.path'] },
  { field: 'root.readonly', since: '1.0.0', observed: 'writing to / fails', requirements: ['config.root.readonly'] },
  {
    field: 'mounts (destination, type, source, options)',
    since: '1.0.0',
    observed: 'mountinfo entries and their options; tmpfs size and mode; writes and exec refused; bind source content; which mount covers which',
    requirements: ['config.mounts.applied', 'config.mounts.options', 'config.mounts.bind', 'config.mounts.order'],
  },
  { field: 'mounts propagation options', since: '1.0.0', observed: 'shared/master/unbindable fields of mountinfo', requirements: ['config.mounts.propagation'] },
  { field: 'mounts relative destination', since: '1.2.0', observed: 'the mount appears under /', requirements: ['config.mounts.relative-destination'] },
  { field: 'mounts uidMappings, gidMappings (idmapped mounts)', since: '1.1.0', observed: 'file ownership inside the mount', requirements: ['config.mounts.idmap'] },
  { field: 'linux.namespaces (new, inherited)', since: '1.0.0', observed: 'namespace links of /proc/self/ns against the runtime\'s; pid 1, only lo, cgroups at / from inside; a duplicate type refused', requirements: ['config-linux.namespaces', 'config-linux.namespaces.duplicate-type'] },
  { field: 'linux.namespaces[].path (join)', since: '1.0.0', observed: 'namespace link equals the joined one; a path of another type refused', requirements: ['config-linux.namespaces.path-join', 'config-linux.namespaces.path-wrong-type'] },
  { field: 'linux.uidMappings, gidMappings', since: '1.0.0', observed: '/proc/self/uid_map and gid_map', requirements: ['config-linux.user-namespace-mappings'] },
  { field: 'linux.timeOffsets', since: '1.1.0', observed: '/proc/self/timens_offsets, or create refused', requirements: ['config-linux.time-offsets'] },
  { field: 'linux.devices', since: '1.0.0', observed: 'type, numbers, mode and owner of the device node', requirements: ['config-linux.devices', 'config-linux.devices-outside-dev'] },
  { field: 'default devices', since: '1.0.0', observed: '/dev/null, zero, full, random, urandom, tty, ptmx exist and work', requirements: ['config-linux.default-devices'] },
  { field: 'default filesystems', since: '1.0.0', observed: 'proc, sysfs, devpts and /dev/shm tmpfs in mountinfo', requirements: ['config-linux.default-filesystems'] },
  { field: 'linux.netDevices', since: '1.3.0', observed: 'the interface is inside the container', requirements: [], why: 'needs a network interface created on the host for the test; the suite creates no host network devices' },
  { field: 'linux.sysctl', since: '1.0.0', observed: 'value under /proc/sys', requirements: ['config-linux.sysctl'] },
  { field: 'linux.maskedPaths', since: '1.0.0', observed: 'the path cannot be read', requirements: ['config-linux.masked-paths'] },
  { field: 'linux.readonlyPaths', since: '1.0.0', observed: 'the path cannot be written', requirements: ['config-linux.readonly-paths'] },
  { field: 'linux.rootfsPropagation', since: '1.0.0', observed: 'propagation fields of / in mountinfo', requirements: ['config-linux.rootfs-propagation'] },
  { field: 'linux.mountLabel', since: '1.0.0', observed: 'SELinux context of mounts', requirements: [], why: 'this host has no SELinux' },
  { field: 'linux.personality', since: '1.0.2', observed: 'machine name (uname -m) and /proc/self/personality', requirements: ['config-linux.personality'] },
  { field: 'linux.seccomp', since: '1.0.0', observed: 'Seccomp: 2; filtered system calls fail with the configured errno or die of SIGSYS; errno on an errno-less action refused', requirements: ['config-linux.seccomp', 'config-linux.seccomp.errno-default', 'config-linux.seccomp.errno-ret', 'config-linux.seccomp.default-errno-ret', 'config-linux.seccomp.errno-ret-unsupported'] },
  { field: 'linux.cgroupsPath', since: '1.0.0', observed: 'the cgroup of the process', requirements: ['config-linux.cgroups-path'] },
  { field: 'linux.resources.memory', since: '1.0.0', observed: 'memory controller files of the container cgroup', requirements: ['config-linux.resources.memory'] },
  { field: 'linux.resources.cpu', since: '1.0.0', observed: 'cpu and cpuset controller files, allowed CPUs', requirements: ['config-linux.resources.cpu', 'config-linux.resources.cpu-burst', 'config-linux.resources.cpu-idle', 'config-linux.resources.cpuset'] },
  { field: 'linux.resources.pids', since: '1.0.0', observed: 'pids.max of the container cgroup', requirements: ['config-linux.resources.pids', 'config-linux.pids.limit-unlimited', 'config-linux.pids.limit-zero'] },
  { field: 'linux.resources.blockIO', since: '1.0.0', observed: 'blkio / io controller files', requirements: ['config-linux.resources.block-io'] },
  { field: 'linux.resources.hugepageLimits', since: '1.0.0', observed: 'hugetlb controller files (or create fails without hugetlb)', requirements: ['config-linux.resources.hugepage-limits'] },
  { field: 'linux.resources.network', since: '1.0.0', observed: 'net_cls.classid, net_prio.ifpriomap (cgroup v1; or create fails without them)', requirements: ['config-linux.resources.network'] },
  { field: 'linux.resources.rdma', since: '1.0.2', observed: 'rdma.max', requirements: [], why: 'needs an RDMA device on the host' },
  { field: 'linux.resources.unified', since: '1.1.0', observed: 'cgroup v2 files with the configured values (or create fails without v2 controllers)', requirements: ['config-linux.resources.unified', 'config-linux.resources.unified-unavailable'] },
  { field: 'linux.resources.devices', since: '1.0.0', observed: 'opening a denied device fails, an allowed one works', requirements: ['config-linux.resources.devices', 'config-linux.resources.devices-allowed-list'] },
  { field: 'linux.intelRdt', since: '1.0.0', observed: 'resctrl group and schemata', requirements: [], why: 'needs resctrl (Intel RDT or AMD QoS) on the host, which this host does not mount' },
  { field: 'linux.memoryPolicy', since: '1.3.0', observed: 'NUMA policy of the process', requirements: [], why: 'meaningful only on a NUMA host; this host has one node' },
  { field: 'vm.hwConfig, vm.kernel', since: '1.0.2', observed: 'vCPUs, memory and kernel command line of the guest', requirements: [], why: 'applies to VM-based runtimes only; none runs on this host (the kata profile is untested)' },
];
