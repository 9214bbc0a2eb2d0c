// Which spec section governs a location in a document, so that a schema error can cite it.
// Anchors were renamed between versions (e.g. the config.md title anchor), so each entry lists
// candidates and the first that exists at the validated version wins.
import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.js';
import type { SpecRef } from './diagnostics.js';
import type { DocumentKind } from './document.js';
import type { SpecVersion } from './versions.js';

type Entry = [prefix: string, file: string, anchors: string[]];

// Longest prefix wins; array indices in the pointer are written "*".
const CONFIG: Entry[] = [
  ['', 'config.md', ['configuration', 'containerConfigurationFile']],
  ['/ociVersion', 'config.md', ['configSpecificationVersion']],
  ['/root', 'config.md', ['configRoot']],
  ['/mounts', 'config.md', ['configMounts']],
  ['/process', 'config.md', ['configProcess']],
  ['/process/user', 'config.md', ['configUser']],
  ['/process/capabilities', 'config.md', ['configLinuxProcess']],
  ['/process/apparmorProfile', 'config.md', ['configLinuxProcess']],
  ['/process/selinuxLabel', 'config.md', ['configLinuxProcess']],
  ['/process/noNewPrivileges', 'config.md', ['configLinuxProcess']],
  ['/process/oomScoreAdj', 'config.md', ['configLinuxProcess']],
  ['/process/scheduler', 'config.md', ['configLinuxProcess']],
  ['/process/ioPriority', 'config.md', ['configLinuxProcess']],
  ['/process/execCPUAffinity', 'config.md', ['configLinuxProcess']],
  ['/process/rlimits', 'config.md', ['configPOSIXProcess']],
  ['/hostname', 'config.md', ['configHostname']],
  ['/domainname', 'config.md', ['configDomainname']],
  ['/hooks', 'config.md', ['configHooks']],
  ['/hooks/prestart', 'config.md', ['configHooksPrestart']],
  ['/hooks/createRuntime', 'config.md', ['configHooksCreateRuntime']],
  ['/hooks/createContainer', 'config.md', ['configHooksCreateContainer']],
  ['/hooks/startContainer', 'config.md', ['configHooksStartContainer']],
  ['/hooks/poststart', 'config.md', ['configHooksPoststart']],
  ['/hooks/poststop', 'config.md', ['configHooksPoststop']],
  ['/annotations', 'config.md', ['configAnnotations']],
  ['/linux', 'config-linux.md', ['linuxContainerConfiguration']],
  ['/linux/namespaces', 'config-linux.md', ['configLinuxNamespaces']],
  ['/linux/uidMappings', 'config-linux.md', ['configLinuxUserNamespaceMappings']],
  ['/linux/gidMappings', 'config-linux.md', ['configLinuxUserNamespaceMappings']],
  ['/linux/timeOffsets', 'config-linux.md', ['configLinuxTimeOffset']],
  ['/linux/devices', 'config-linux.md', ['configLinuxDevices']],
  ['/linux/netDevices', 'config-linux.md', ['configLinuxNetworkDevices']],
  ['/linux/cgroupsPath', 'config-linux.md', ['configLinuxCgroupsPath']],
  ['/linux/resources', 'config-linux.md', ['configLinuxControlGroups']],
  ['/linux/resources/devices', 'config-linux.md', ['configLinuxDeviceAllowedlist', 'configLinuxDeviceWhitelist']],
  ['/linux/resources/memory', 'config-linux.md', ['configLinuxMemory']],
  ['/linux/resources/cpu', 'config-linux.md', ['configLinuxCPU']],
  ['/linux/resources/blockIO', 'config-linux.md', ['configLinuxBlockIO']],
  ['/linux/resources/hugepageLimits', 'config-linux.md', ['configLinuxHugePageLimits']],
  ['/linux/resources/network', 'config-linux.md', ['configLinuxNetwork']],
  ['/linux/resources/pids', 'config-linux.md', ['configLinuxPIDS']],
  ['/linux/resources/rdma', 'config-linux.md', ['configLinuxRDMA']],
  ['/linux/resources/unified', 'config-linux.md', ['configLinuxUnified']],
  ['/linux/intelRdt', 'config-linux.md', ['configLinuxIntelRdt']],
  ['/linux/sysctl', 'config-linux.md', ['configLinuxSysctl']],
  ['/linux/seccomp', 'config-linux.md', ['configLinuxSeccomp']],
  ['/linux/rootfsPropagation', 'config-linux.md', ['configLinuxRootfsMountPropagation']],
  ['/linux/maskedPaths', 'config-linux.md', ['configLinuxMaskedPaths']],
  ['/linux/readonlyPaths', 'config-linux.md', ['configLinuxReadonlyPaths']],
  ['/linux/mountLabel', 'config-linux.md', ['configLinuxMountLabel']],
  ['/linux/personality', 'config-linux.md', ['configLinuxPersonality']],
  ['/linux/memoryPolicy', 'config-linux.md', ['configLinuxMemoryPolicy']],
  ['/windows', 'config-windows.md', ['windowsSpecificContainerConfiguration']],
  ['/windows/layerFolders', 'config-windows.md', ['configWindowsLayerFolders']],
  ['/windows/devices', 'config-windows.md', ['configWindowsDevices']],
  ['/windows/resources', 'config-windows.md', ['configWindowsResources']],
  ['/windows/network', 'config-windows.md', ['configWindowsNetwork']],
  ['/windows/credentialSpec', 'config-windows.md', ['configWindowsCredentialSpec']],
  ['/windows/servicing', 'config-windows.md', ['configWindowsServicing']],
  ['/windows/ignoreFlushesDuringBoot', 'config-windows.md', ['configWindowsIgnoreFlushesDuringBoot']],
  ['/windows/hyperv', 'config-windows.md', ['configWindowsHyperV']],
  ['/solaris', 'config-solaris.md', ['solarisApplicationContainerConfiguration']],
  ['/vm', 'config-vm.md', ['VirtualMachineSpecificContainerConfiguration']],
  ['/vm/hypervisor', 'config-vm.md', ['HypervisorObject']],
  ['/vm/kernel', 'config-vm.md', ['KernelObject']],
  ['/vm/image', 'config-vm.md', ['ImageObject']],
  ['/vm/hwConfig', 'config-vm.md', ['HwConfigObject']],
  ['/zos', 'config-zos.md', ['ZOSContainerConfiguration']],
  ['/freebsd', 'config-freebsd.md', ['FreeBSDContainerConfiguration']],
  ['/freebsd/devices', 'config-freebsd.md', ['configFreeBSDDevices']],
  ['/freebsd/jail', 'config-freebsd.md', ['configFreeBSDJail']],
];

const STATE: Entry[] = [['', 'runtime.md', ['runtimeState']]];

const FEATURES: Entry[] = [
  ['', 'features.md', ['features']],
  ['/ociVersionMin', 'features.md', ['featuresSpecificationVersion']],
  ['/ociVersionMax', 'features.md', ['featuresSpecificationVersion']],
  ['/hooks', 'features.md', ['featuresHooks']],
  ['/mountOptions', 'features.md', ['featuresMountOptions']],
  ['/annotations', 'features.md', ['featuresAnnotations']],
  ['/potentiallyUnsafeConfigAnnotations', 'features.md', ['featuresPotentiallyUnsafeConfigAnnotations']],
  ['/linux', 'features-linux.md', ['linuxFeatures']],
  ['/linux/namespaces', 'features-linux.md', ['linuxFeaturesNamespaces']],
  ['/linux/capabilities', 'features-linux.md', ['linuxFeaturesCapabilities']],
  ['/linux/cgroup', 'features-linux.md', ['linuxFeaturesCgroup']],
  ['/linux/seccomp', 'features-linux.md', ['linuxFeaturesSeccomp']],
  ['/linux/apparmor', 'features-linux.md', ['linuxFeaturesApparmor']],
  ['/linux/intelRdt', 'features-linux.md', ['linuxFeaturesIntelRdt']],
  ['/linux/mountExtensions', 'features-linux.md', ['linuxFeaturesMountExtensions']],
  ['/linux/netDevices', 'features-linux.md', ['linuxFeaturesNetDevices']],
  ['/linux/memoryPolicy', 'features-linux.md', ['linuxFeaturesMemoryPolicy']],
];

const TABLES: Record<DocumentKind, Entry[]> = { config: CONFIG, state: STATE, features: FEATURES };

/** Anchor names per version per spec file, extracted by schema/tools/extract-anchors.ts. */
export const SPEC_ANCHORS: Record<string, Record<string, string[]>> = JSON.parse(
  readFileSync(packagePath('schema/spec-anchors.json'), 'utf8'),
);
const anchors = SPEC_ANCHORS;

export function anchorExists(version: SpecVersion, file: string, anchor: string): boolean {
  return anchors[version]?.[file]?.includes(anchor) ?? false;
}

/** The first candidate anchor present at `version`; undefined links to the file itself. */
export function firstAnchor(version: SpecVersion, file: string, candidates: readonly string[]): string | undefined {
  return candidates.find((a) => anchorExists(version, file, a));
}

/** The spec section for a pointer in a document of `kind` at `version`. */
export function sectionFor(kind: DocumentKind, version: SpecVersion, pointer: string): SpecRef {
  const generic = pointer.replace(/\/\d+(?=\/|$)/g, '/*');
  let best: Entry = TABLES[kind][0];
  for (const e of TABLES[kind]) {
    const p = e[0];
    if ((generic === p || generic.startsWith(p + '/')) && p.length >= best[0].length) {
      // Only take a more specific entry if its section exists at this version.
      if (firstAnchor(version, e[1], e[2]) !== undefined || p.length === 0) best = e;
    }
  }
  return { file: best[1], anchor: firstAnchor(version, best[1], best[2]) };
}

export const SECTION_TABLES = TABLES;
