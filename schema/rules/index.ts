// Every prose rule, and the subset that applies to one document kind at one spec version.
// The subsets are computed once at load time, so validation only walks a ready-made array.
import { DOCUMENT_KINDS, type DocumentKind } from '../document.js';
import { SPEC_VERSIONS, versionInRange, type SpecVersion } from '../versions.js';
import type { Rule } from './rule.js';
import { rules as annotations } from './annotations.js';
import { rules as features } from './features.js';
import { rules as hooks } from './hooks.js';
import { rules as linuxDevices } from './linux-devices.js';
import { rules as linuxMisc } from './linux-misc.js';
import { rules as linuxNamespaces } from './linux-namespaces.js';
import { rules as linuxResources } from './linux-resources.js';
import { rules as linuxSeccomp } from './linux-seccomp.js';
import { rules as mounts } from './mounts.js';
import { rules as processRules } from './process.js';
import { rules as root } from './root.js';
import { rules as state } from './state.js';
import { rules as version } from './version.js';
import { rules as vm } from './vm.js';
import { rules as zos } from './zos.js';

export { configPlatform, type ConfigPlatform } from './helpers.js';

export const ALL_RULES: readonly Rule[] = Object.freeze([
  ...version,
  ...root,
  ...processRules,
  ...hooks,
  ...mounts,
  ...annotations,
  ...linuxNamespaces,
  ...linuxDevices,
  ...linuxResources,
  ...linuxSeccomp,
  ...linuxMisc,
  ...vm,
  ...zos,
  ...state,
  ...features,
]);

const BY_KIND_AND_VERSION = new Map<string, readonly Rule[]>();
for (const kind of DOCUMENT_KINDS) {
  for (const v of SPEC_VERSIONS) {
    BY_KIND_AND_VERSION.set(
      `${kind}@${v}`,
      Object.freeze(ALL_RULES.filter((r) => r.kind === kind && versionInRange(v, r.since, r.until))),
    );
  }
}

const NO_RULES: readonly Rule[] = Object.freeze([]);

/** The rules that apply to a `kind` document validated as runtime-spec `version`. */
export function rulesFor(kind: DocumentKind, version: SpecVersion): readonly Rule[] {
  return BY_KIND_AND_VERSION.get(`${kind}@${version}`) ?? NO_RULES;
}

/** Look a rule up by its ID. */
export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
