// The shape of one entry in the runtime requirement catalogue.
// Every verdict of the `run` command cites one or more of these by ID.
import type { Level } from '../../schema/diagnostics.js';
import type { SpecVersion } from '../../schema/versions.js';

/**
 * runtime-spec: the OCI runtime specification itself.
 * runtime-cli: the command-line contract of opencontainers/runtime-tools
 * (docs/command-line-interface.md), which runtime-spec leaves out of scope; it is versioned on
 * its own and applies to every spec version.
 */
export type RequirementSource = 'runtime-spec' | 'runtime-cli';

/**
 * cli: observable by driving the runtime's commands and looking at the host (/proc/<pid>, cgroup
 *      files, files written by hooks).
 * in-container: needs a probe program running as the container process.
 * partial: only part of the requirement can be observed from outside.
 * none: cannot be observed at all; listed so that the catalogue is complete.
 */
export type Testability = 'cli' | 'in-container' | 'partial' | 'none';

export interface Requirement {
  /** Stable, dot-separated, lower-case kebab segments, e.g. 'runtime.create.duplicate-id'. */
  id: string;
  /** The RFC 2119 level the text states at the versions in range. */
  level: Level;
  source: RequirementSource;
  /** Spec file ('runtime.md'), or 'docs/command-line-interface.md' for runtime-cli. */
  file: string;
  /**
   * runtime-spec: an explicit `<a name>` anchor of `file`, present at every version in range
   * (checked against schema/spec-anchors.json). runtime-cli: a GitHub heading slug.
   */
  anchor?: string;
  /** First version where it applies; absent means 1.0.0. */
  since?: SpecVersion;
  /** First version where it no longer applies; absent means it still applies. */
  until?: SpecVersion;
  /** One line in our own words. */
  summary: string;
  testability: Testability;
  /**
   * The ID of the entry this one replaces from `since` on: the same requirement with a changed
   * meaning. The replaced entry's `until` equals this entry's `since`.
   */
  supersedes?: string;
  /** How we read an unclear or inconsistent passage, or why the entry is split. */
  note?: string;
}

export type RequirementArea = 'state' | 'lifecycle' | 'operations' | 'hooks' | 'runtime-linux' | 'features' | 'config' | 'cli';
