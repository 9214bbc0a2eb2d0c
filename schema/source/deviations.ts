// Every place where our generated schemas deliberately differ from the JSON Schema files that
// upstream ships at the same tag, with the spec text that justifies the difference.
// schema/README.md's table is rendered from this list (npm run schema:generate), and the
// self-tests prove each entry with documents on both sides of its version boundary.
import type { DocumentKind } from '../document.js';
import type { SpecVersion } from '../versions.js';

export interface Deviation {
  kinds: readonly DocumentKind[];
  /** First version the difference exists at (default 1.0.0). */
  since?: SpecVersion;
  /** First version it no longer exists at (default: still exists at 1.3.0). */
  until?: SpecVersion;
  /** Dotted path of the affected property, as a reader would look for it. */
  where: string;
  /** What upstream's schema does at those versions. */
  upstream: string;
  /** What ours does. */
  ours: string;
  /** The spec text that justifies ours: file and anchor (linked at the tag of `since`). */
  ref: { file: string; anchor: string };
  /** A short quotation of that text, as written at the tag of `since`. */
  quote: string;
}

const D = {
  'int64-uint64-bounds': {
    kinds: ['config'],
    until: '1.1.0',
    where: 'definitions int64, uint64',
    upstream: 'bounds written as rounded doubles (±9223372036854776000, 18446744073709552000), one past the real limits',
    ours: 'exact bounds (-9223372036854775808 … 9223372036854775807, 0 … 18446744073709551615), as upstream itself wrote from 1.1.0',
    ref: { file: 'config-linux.md', anchor: 'configLinuxMemory' },
    quote: '**`limit`** *(int64, OPTIONAL)* - sets limit of memory usage',
  },
  'blockio-iops-spelling': {
    kinds: ['config'],
    until: '1.0.1',
    where: 'linux.resources.blockIO.throttleReadIOPSDevice, throttleWriteIOPSDevice',
    upstream: 'declares `throttleReadIopsDevice` and `throttleWriteIopsDevice`, spellings no runtime reads',
    ours: 'declares the `…IOPSDevice` spellings that the prose and the Go bindings of 1.0.0 use; the `Iops` spellings are unknown (and the unknown-property walker suggests the right name)',
    ref: { file: 'config-linux.md', anchor: 'configLinuxBlockIO' },
    quote: '**`throttleReadIOPSDevice`**, **`throttleWriteIOPSDevice`** *(array of objects, OPTIONAL)*',
  },
  'intelrdt-l3cacheschema': {
    kinds: ['config'],
    until: '1.0.1',
    where: 'linux.intelRdt.l3CacheSchema',
    upstream: 'has no `intelRdt` at all',
    ours: 'declares `intelRdt` with `l3CacheSchema` (string)',
    ref: { file: 'config-linux.md', anchor: 'configLinuxIntelRdt' },
    quote: '**`l3CacheSchema`** *(string, OPTIONAL)* - specifies the schema for L3 cache id and capacity bitmask (CBM).',
  },
  'solaris-named-properties': {
    kinds: ['config'],
    until: '1.0.1',
    where: 'solaris.cappedCPU, solaris.cappedMemory, solaris.anet[]',
    upstream: 'free string maps',
    ours: 'objects with the named string properties the prose lists (`ncpus`; `physical`, `swap`; `linkname` … `linkProtection`), as upstream did from 1.0.1; other keys are unknown properties instead of string-checked map entries',
    ref: { file: 'config-solaris.md', anchor: 'configSolarisCappedCpu' },
    quote: '**`ncpus`** *(string, OPTIONAL)*',
  },
  'process-args-min-items': {
    kinds: ['config'],
    until: '1.0.2',
    where: 'process.args',
    upstream: 'required, but an empty array passes',
    ours: 'at least one entry (`minItems: 1`); from 1.0.2 the rule only holds outside Windows and is left to the prose rules',
    ref: { file: 'config.md', anchor: 'configProcess' },
    quote: 'This specification extends the IEEE standard in that at least one entry is REQUIRED',
  },
  'throttle-rate-required': {
    kinds: ['config'],
    where: 'linux.resources.blockIO.throttle*Device[].rate',
    upstream: 'optional',
    ours: 'required',
    ref: { file: 'config-linux.md', anchor: 'configLinuxBlockIO' },
    quote: '**`rate`** *(uint64, REQUIRED)*',
  },
  'personality-domain-required': {
    kinds: ['config'],
    since: '1.0.2',
    where: 'linux.personality.domain',
    upstream: 'optional',
    ours: 'required',
    ref: { file: 'config-linux.md', anchor: 'configLinuxPersonality' },
    quote: '**`domain`** *(string, REQUIRED)* - the execution domain.',
  },
  'iopriority-priority-required': {
    kinds: ['config'],
    since: '1.1.0',
    where: 'process.ioPriority.priority',
    upstream: 'optional (only `class` is required)',
    ours: 'required',
    ref: { file: 'config.md', anchor: 'configLinuxProcess' },
    quote: '**`priority`** (int, REQUIRED) specifies the priority level within the class.',
  },
  'memorypolicy-mode-required': {
    kinds: ['config'],
    since: '1.3.0',
    where: 'linux.memoryPolicy.mode',
    upstream: 'optional',
    ours: 'required',
    ref: { file: 'config-linux.md', anchor: 'configLinuxMemoryPolicy' },
    quote: '**`mode`** *(string, REQUIRED)*',
  },
  'pids-limit-optional': {
    kinds: ['config'],
    since: '1.3.0',
    where: 'linux.resources.pids.limit',
    upstream: 'still required, although the prose made it optional',
    ours: 'optional (`pids: {}` is valid)',
    ref: { file: 'config-linux.md', anchor: 'configLinuxPIDS' },
    quote: '**`limit`** *(int64, OPTIONAL)* - specifies the maximum number of tasks in the cgroup, with `-1` indicating no limit (`max`).',
  },
  'intelrdt-schemata-newlines': {
    kinds: ['config'],
    since: '1.3.0',
    where: 'linux.intelRdt.schemata[]',
    upstream: 'any string',
    ours: 'a string without line feeds (`^[^\\n]*$`)',
    ref: { file: 'config-linux.md', anchor: 'configLinuxIntelRdt' },
    quote: 'Each element represents one line in the `schemata` file. The value MUST NOT contain newlines.',
  },
  'annotation-keys': {
    kinds: ['config', 'state', 'features'],
    where: 'annotations',
    upstream: 'checks only keys matching `.{1,}`, so an empty key (or one made only of line breaks) is never checked',
    ours: 'every value must be a string and keys must not be empty (`propertyNames: {minLength: 1}`)',
    ref: { file: 'config.md', anchor: 'configAnnotations' },
    quote: 'Keys MUST NOT be an empty string.',
  },
  'vm-image-format': {
    kinds: ['config'],
    since: '1.0.2',
    where: 'vm.image.format',
    upstream: 'required, one of raw, qcow2, vdi, vmdk, vhd',
    ours: 'optional string; the five formats are documented as `examples`, other formats are not rejected',
    ref: { file: 'config-vm.md', anchor: 'ImageObject' },
    quote: 'Commonly supported formats are: … Unset values for `format` will default to that format.',
  },
  'vm-iomems-items': {
    kinds: ['config'],
    since: '1.3.0',
    where: 'vm.hwConfig.iomems[]',
    upstream: 'tuple-form `items` (one schema in an array), so only the first element is checked',
    ours: 'every element must be an iomem entry (`firstMFN` and `nrMFNs` required)',
    ref: { file: 'config-vm.md', anchor: 'HwConfigObject' },
    quote: '**`firstMFN`** (int REQUIRED) Physical page number of iomem regions',
  },
  'vm-irqs-items': {
    kinds: ['config'],
    since: '1.3.0',
    where: 'vm.hwConfig.irqs[]',
    upstream: 'refers to `#definitions/uint32` (a malformed pointer), so the 1.3.0 config schema does not compile',
    ours: 'each element is a uint32',
    ref: { file: 'config-vm.md', anchor: 'HwConfigObject' },
    quote: '**`irqs`** (array OPTIONAL) Allows VM to access specific physical IRQs',
  },
  'windows-cpu-affinity-array': {
    kinds: ['config'],
    since: '1.2.1',
    where: 'windows.resources.cpu.affinity',
    upstream: 'an object with `mask` and `group`',
    ours: 'an array of objects with `mask` (uint64) and `group` (uint32), as the prose and the Go bindings have it; neither member is required, because the Go bindings omit zero values',
    ref: { file: 'config-windows.md', anchor: 'configWindowsCpu' },
    quote: '**`affinity`** *(array of objects, OPTIONAL)* - specifies the set of CPU to affinitize for this container.',
  },
  'zos-device-major-minor': {
    kinds: ['config'],
    since: '1.1.0',
    until: '1.2.1',
    where: 'zos.devices[].major, minor',
    upstream: 'always required',
    ours: 'optional in the schema; "required unless type is p" is a cross-field rule left to the prose rules',
    ref: { file: 'config-zos.md', anchor: 'configZOSDevices' },
    quote: '**`major, minor`** *(int64, REQUIRED unless `type` is `p`)*',
  },
  'freebsd-device-path-required': {
    kinds: ['config'],
    since: '1.3.0',
    where: 'freebsd.devices[].path',
    upstream: 'optional',
    ours: 'required',
    ref: { file: 'config-freebsd.md', anchor: 'configFreeBSDDevices' },
    quote: '**`path`** _(string, REQUIRED)_ - the device path relative to `/dev`',
  },
  'state-status-open': {
    kinds: ['state'],
    where: 'status',
    upstream: 'closed enum of creating, created, running, stopped',
    ours: 'any string; the four standard values are documented as `examples` (runc reports `paused`)',
    ref: { file: 'runtime.md', anchor: 'runtimeState' },
    quote: 'Additional values MAY be defined by the runtime, however, they MUST be used to represent new runtime states not defined above.',
  },
  'features-null': {
    kinds: ['features'],
    since: '1.1.0',
    where: 'every property except ociVersionMin and ociVersionMax',
    upstream: 'rejects `null`',
    ours: 'accepts `null` for every optional property, at any depth',
    ref: { file: 'features.md', anchor: 'features' },
    quote: 'All properties in the Features structure except `ociVersionMin` and `ociVersionMax` MAY either be absent or have the `null` value.',
  },
  'features-memorypolicy': {
    kinds: ['features'],
    since: '1.3.0',
    where: 'linux.memoryPolicy',
    upstream: 'missing',
    ours: 'declares `memoryPolicy` with `modes` and `flags` (arrays of the config enums)',
    ref: { file: 'features-linux.md', anchor: 'linuxFeaturesMemoryPolicy' },
    quote: '**`memoryPolicy`** (object, OPTIONAL) represents the runtime\'s implementation status of memoryPolicy.',
  },
  'features-intelrdt-schemata-monitoring': {
    kinds: ['features'],
    since: '1.3.0',
    where: 'linux.intelRdt.schemata, linux.intelRdt.monitoring',
    upstream: 'missing (only `enabled`)',
    ours: 'declares both as booleans',
    ref: { file: 'features-linux.md', anchor: 'linuxFeaturesIntelRdt' },
    quote: '**`schemata`** (bool, OPTIONAL) represents whether the',
  },
} as const satisfies Record<string, Deviation>;

export type DeviationId = keyof typeof D;
export const DEVIATIONS: Readonly<Record<DeviationId, Deviation>> = D;
export const DEVIATION_IDS = Object.keys(D) as DeviationId[];
