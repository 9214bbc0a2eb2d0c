// Released runtime-spec versions and SemVer handling.
// Every expectation in the suite is keyed by one of these versions.

export const SPEC_VERSIONS = ['1.0.0', '1.0.1', '1.0.2', '1.1.0', '1.2.0', '1.2.1', '1.3.0'] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
export const LATEST_SPEC_VERSION: SpecVersion = '1.3.0';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string[];
}

// SemVer 2.0.0 grammar (semver.org), written out so that leading zeros and empty identifiers fail.
const NUMERIC = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUMERIC}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const BUILD_ID = '[0-9a-zA-Z-]+';
const SEMVER_RE = new RegExp(
  `^(${NUMERIC})\\.(${NUMERIC})\\.(${NUMERIC})` +
    `(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?` +
    `(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`,
);

export function parseSemVer(text: string): SemVer | undefined {
  const m = SEMVER_RE.exec(text);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split('.') : [],
    build: m[5] ? m[5].split('.') : [],
  };
}

export function isSemVer(text: string): boolean {
  return SEMVER_RE.test(text);
}

/** Compare by SemVer precedence (build metadata ignored). */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  // A version without a pre-release outranks one with it (1.0.2 > 1.0.2-dev).
  if (a.prerelease.length === 0 && b.prerelease.length === 0) return 0;
  if (a.prerelease.length === 0) return 1;
  if (b.prerelease.length === 0) return -1;
  const n = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) < Number(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.prerelease.length - b.prerelease.length;
}

/** Numeric order of two released versions. */
export function compareVersions(a: SpecVersion, b: SpecVersion): number {
  return SPEC_VERSIONS.indexOf(a) - SPEC_VERSIONS.indexOf(b);
}

export function isSpecVersion(text: string): text is SpecVersion {
  return (SPEC_VERSIONS as readonly string[]).includes(text);
}

/** True when `v` lies in [since, until) — `until` is the first version where it no longer applies. */
export function versionInRange(v: SpecVersion, since?: SpecVersion, until?: SpecVersion): boolean {
  if (since && compareVersions(v, since) < 0) return false;
  if (until && compareVersions(v, until) >= 0) return false;
  return true;
}

export type VersionResolution =
  | { ok: true; version: SpecVersion; note?: string }
  | { ok: false; reason: 'not-semver' | 'unsupported'; message: string };

/**
 * Map a document's ociVersion to the released version whose rules apply.
 * Development and release-candidate builds map to the release they lead to:
 * "1.0.2-dev" (the pre-1.1 style), "1.3.0+dev" (the 1.1+ style) and "1.1.0-rc.3" all mean
 * "that release" for our purposes — a runtime reporting 1.0.2-dev implements 1.0.2's rules.
 * Patch versions we do not know (e.g. 1.2.7) are refused, never guessed.
 */
export function resolveSpecVersion(text: string): VersionResolution {
  const sv = parseSemVer(text);
  if (!sv) {
    return { ok: false, reason: 'not-semver', message: `"${text}" is not a SemVer 2.0.0 version` };
  }
  const core = `${sv.major}.${sv.minor}.${sv.patch}`;
  if (!isSpecVersion(core)) {
    return {
      ok: false,
      reason: 'unsupported',
      message: `runtime-spec version ${text} is not supported; supported versions: ${SPEC_VERSIONS.join(', ')}`,
    };
  }
  const note =
    sv.prerelease.length || sv.build.length ? `${text} is checked against the rules of ${core}` : undefined;
  return { ok: true, version: core, note };
}

/** The spec's git tag for a released version. */
export function specTag(v: SpecVersion): string {
  return `v${v}`;
}

/** A link into the spec text at the tag of `v`. */
export function specUrl(v: SpecVersion, file: string, anchor?: string): string {
  const base = `https://github.com/opencontainers/runtime-spec/blob/${specTag(v)}/${file}`;
  return anchor ? `${base}#${anchor}` : base;
}
