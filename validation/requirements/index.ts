// The runtime requirement catalogue: every requirement a `run` verdict can cite, by stable ID.
//
// Built from runtime.md, runtime-linux.md, the hook rules of config.md (and the two Linux config
// rules whose runtime meaning changed: capabilities, pids.limit), for every released version, plus
// the runtime-tools CLI contract as a separate source. A requirement whose meaning changed between
// releases is split into entries with since/until, the later one naming the earlier in
// `supersedes`. Config-side rules that constrain the config author rather than the runtime
// (absolute hook paths, positive hook timeouts, UTF-8 JSON without duplicate names) belong to the
// config validator and are not listed here. docs/requirements.md is generated from this file.
import { SPEC_VERSIONS, specUrl, versionInRange, type SpecVersion } from '../../schema/versions.js';
import { CLI_DOC_URL, CLI_REQUIREMENTS } from './cli.js';
import { CONFIG_FIELD_REQUIREMENTS } from './config-fields.js';
import { FEATURES_REQUIREMENTS } from './features.js';
import { HOOKS_REQUIREMENTS } from './hooks.js';
import { LIFECYCLE_REQUIREMENTS } from './lifecycle.js';
import { OPERATIONS_REQUIREMENTS } from './operations.js';
import { RUNTIME_LINUX_REQUIREMENTS } from './runtime-linux.js';
import { STATE_REQUIREMENTS } from './state.js';
import type { Requirement, RequirementArea } from './types.js';

export type { Requirement, RequirementArea, RequirementSource, Testability } from './types.js';

export interface RequirementGroup {
  area: RequirementArea;
  title: string;
  requirements: readonly Requirement[];
}

/** The catalogue by area, in the order docs/requirements.md shows it. */
export const REQUIREMENT_AREAS: readonly RequirementGroup[] = [
  { area: 'state', title: 'Container state', requirements: STATE_REQUIREMENTS },
  { area: 'lifecycle', title: 'Lifecycle, errors and warnings', requirements: LIFECYCLE_REQUIREMENTS },
  { area: 'operations', title: 'Operations', requirements: OPERATIONS_REQUIREMENTS },
  { area: 'hooks', title: 'Hooks', requirements: HOOKS_REQUIREMENTS },
  { area: 'runtime-linux', title: 'Linux runtime', requirements: RUNTIME_LINUX_REQUIREMENTS },
  { area: 'features', title: 'Features document', requirements: FEATURES_REQUIREMENTS },
  { area: 'config', title: 'Config fields applied', requirements: CONFIG_FIELD_REQUIREMENTS },
  { area: 'cli', title: 'Command-line contract (runtime-tools)', requirements: CLI_REQUIREMENTS },
];

export const REQUIREMENTS: readonly Requirement[] = REQUIREMENT_AREAS.flatMap((g) => g.requirements);

const BY_ID = new Map<string, Requirement>();
for (const r of REQUIREMENTS) {
  if (BY_ID.has(r.id)) throw new Error(`duplicate requirement ID ${r.id}`);
  BY_ID.set(r.id, r);
}

/** The requirement with this ID; throws on an unknown ID so that a typo fails loudly. */
export function requirement(id: string): Requirement {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown requirement ID "${id}"`);
  return r;
}

/** Does `r` apply at `version`? (since inclusive, until exclusive) */
export function appliesAt(r: Requirement, version: SpecVersion): boolean {
  return versionInRange(version, r.since, r.until);
}

/** The requirements that apply at `version`, in catalogue order. */
export function requirementsAt(version: SpecVersion): readonly Requirement[] {
  return REQUIREMENTS.filter((r) => appliesAt(r, version));
}

/** The released versions at which `r` applies, oldest first. */
export function versionsOf(r: Requirement): SpecVersion[] {
  return SPEC_VERSIONS.filter((v) => appliesAt(r, v));
}

/**
 * A link to the requirement's text. runtime-spec: pinned to the tag of `version`, which must be
 * one where the requirement applies (throws RangeError otherwise, since the text or its anchor
 * may not exist there). runtime-cli: the CLI document is versioned apart from the spec, so the
 * same pinned copy is linked at every version.
 */
export function requirementUrl(r: Requirement, version: SpecVersion): string {
  if (r.source === 'runtime-cli') return r.anchor ? `${CLI_DOC_URL}#${r.anchor}` : CLI_DOC_URL;
  if (!appliesAt(r, version)) {
    throw new RangeError(`requirement ${r.id} does not apply at runtime-spec ${version}`);
  }
  return specUrl(version, r.file, r.anchor);
}
