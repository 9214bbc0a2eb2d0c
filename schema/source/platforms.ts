// config.json `windows`, `solaris`, `vm`, `zos` and `freebsd` (config-<platform>.md).
import { arr, bool, int64, obj, prop, ref, required, str, strings, uint8, uint16, uint32, uint64 } from './dsl.js';

export const windows = obj(
  {
    layerFolders: required(strings({ minItems: 1, description: 'Layer folders, topmost first, scratch last.' })),
    devices: prop(
      arr(
        obj({
          id: required(str()),
          idType: required(str({ enum: ['class'] })),
        }),
      ),
      { since: '1.0.2' },
    ),
    resources: obj({
      memory: obj({ limit: uint64() }),
      cpu: obj({
        count: uint64(),
        shares: uint16(),
        maximum: uint16(),
        affinity: prop(arr(obj({ mask: uint64(), group: uint32() })), {
          since: '1.2.1',
          description: 'Processor groups and masks the container is affinitized to.',
          deviations: ['windows-cpu-affinity-array'],
        }),
      }),
      storage: obj({ iops: uint64(), bps: uint64(), sandboxSize: uint64() }),
    }),
    network: obj({
      endpointList: strings(),
      allowUnqualifiedDNSQuery: bool(),
      DNSSearchList: strings(),
      networkSharedContainerName: str(),
      networkNamespace: prop(str(), { since: '1.0.2' }),
    }),
    credentialSpec: prop(obj({}, { values: 'any' }), { description: 'gMSA credential spec; implementation-defined.' }),
    servicing: bool(),
    ignoreFlushesDuringBoot: bool(),
    hyperv: obj({ utilityVMPath: str() }),
  },
  { description: 'Windows-specific configuration.' },
);

export const solaris = obj(
  {
    milestone: str(),
    limitpriv: str(),
    maxShmMemory: str(),
    cappedCPU: prop(obj({ ncpus: str() }), { deviations: ['solaris-named-properties'] }),
    cappedMemory: prop(obj({ physical: str(), swap: str() }), { deviations: ['solaris-named-properties'] }),
    anet: prop(
      arr(
        obj({
          linkname: str(),
          lowerLink: str(),
          allowedAddress: str(),
          configureAllowedAddress: str(),
          defrouter: str(),
          macAddress: str(),
          linkProtection: str(),
        }),
      ),
      { deviations: ['solaris-named-properties'] },
    ),
  },
  { description: 'Solaris-specific configuration.' },
);

export const vm = obj(
  {
    hypervisor: obj({ path: required(str()), parameters: strings() }),
    kernel: required(obj({ path: required(str()), parameters: strings(), initrd: str() })),
    image: obj({
      path: required(str()),
      format: prop(str({ examples: ['raw', 'qcow2', 'vdi', 'vmdk', 'vhd'] }), {
        description: 'Image format; raw when unset.',
        deviations: ['vm-image-format'],
      }),
    }),
    hwConfig: prop(
      obj({
        deviceTree: str(),
        vcpus: uint32(),
        memory: uint64(),
        dtdevs: strings(),
        iomems: prop(
          arr(
            obj({
              firstGFN: uint64(),
              firstMFN: required(uint64()),
              nrMFNs: required(uint64()),
            }),
          ),
          { deviations: ['vm-iomems-items'] },
        ),
        irqs: prop(arr(uint32()), { deviations: ['vm-irqs-items'] }),
      }),
      { since: '1.3.0', description: 'Hardware passed through to the VM.' },
    ),
  },
  { description: 'Configuration for virtual-machine-based containers.' },
);

export const zos = obj(
  {
    devices: prop(
      arr(
        obj({
          type: required(str({ pattern: '^[cbup]$' })),
          path: required(str()),
          major: prop(int64(), { deviations: ['zos-device-major-minor'] }),
          minor: prop(int64(), { deviations: ['zos-device-major-minor'] }),
          fileMode: ref('FileMode'),
          uid: uint32(),
          gid: uint32(),
        }),
      ),
      { until: '1.2.1' },
    ),
    namespaces: prop(
      arr(
        obj({
          type: required(str({ enum: ['mount', 'pid', 'uts', 'ipc'] })),
          path: str(),
        }),
      ),
      { since: '1.2.1' },
    ),
  },
  { description: 'z/OS-specific configuration.' },
);

const sharing = () => str({ enum: ['disable', 'new', 'inherit'] });
const sharingNoDisable = () => str({ enum: ['new', 'inherit'] });

export const freebsd = obj(
  {
    devices: arr(
      obj({
        path: required(str({ description: 'Device path relative to /dev.' }), {
          deviations: ['freebsd-device-path-required'],
        }),
        mode: ref('FileMode'),
      }),
    ),
    jail: obj({
      parent: str(),
      host: sharingNoDisable(),
      ip4: sharing(),
      ip4Addr: strings(),
      ip6: sharing(),
      ip6Addr: strings(),
      vnet: sharingNoDisable(),
      interface: str(),
      vnetInterfaces: strings(),
      sysvmsg: sharing(),
      sysvsem: sharing(),
      sysvshm: sharing(),
      enforceStatfs: uint8(),
      allow: obj({
        setHostname: bool(),
        rawSockets: bool(),
        chflags: bool(),
        mount: strings(),
        quotas: bool(),
        socketAf: bool(),
        mlock: bool(),
        reservedPorts: bool(),
        suser: bool(),
      }),
    }),
  },
  { description: 'FreeBSD-specific configuration.' },
);

