// Runtime profiles: how to invoke a runtime and what to expect of its isolation.
// Profiles are YAML with a profileVersion; a version we do not know is refused, never guessed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, isAbsolute, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { newAjv } from '../../schema/ajv.js';
import { loadPrecompiled, parsedProfilesPath, precompiledSuiteValidatorPath, sha256, SUITE_AJV_OPTIONS, suiteSchemaPath } from '../../schema/builtin.js';
import { packagePath } from '../../schema/package-root.js';
import type { SpecVersion } from '../../schema/versions.js';

export type Isolation = 'native' | 'sandbox' | 'vm';
export type Operation = 'create' | 'start' | 'state' | 'kill' | 'delete' | 'features' | 'hook';

export interface RuntimeProfile {
  profileVersion: 1;
  name: string;
  description?: string;
  command: string[];
  globalArgs?: string[];
  stateRootFlag?: string | null;
  isolation: Isolation;
  specVersion?: SpecVersion;
  featuresCommand?: boolean;
  timeouts?: Partial<Record<Operation, number>>;
  unsupported?: { feature: string; reason: string }[];
}

export const SUPPORTED_PROFILE_VERSIONS = [1] as const;

/** Seconds per operation when the profile says nothing. */
export const DEFAULT_TIMEOUTS: Record<Operation, number> = {
  create: 30,
  start: 30,
  state: 10,
  kill: 10,
  delete: 30,
  features: 10,
  hook: 10,
};

export class ProfileError extends Error {}

const PROFILE_DIR = packagePath('validation/profiles');
let validateProfile: ValidateFunction | undefined;

/**
 * The profile schema's validator: the one the build precompiled when it was made from this very
 * schema text (loading it costs ~1 ms; importing Ajv and compiling ~150 ms), else compiled here.
 */
function profileValidator(): ValidateFunction {
  const text = readFileSync(suiteSchemaPath('profile-1'), 'utf8');
  const fn = loadPrecompiled(precompiledSuiteValidatorPath('profile-1'))?.exports as (ValidateFunction & { schemaSha256?: string }) | undefined;
  if (typeof fn === 'function' && fn.schemaSha256 === sha256(text)) return fn;
  return newAjv({ ...SUITE_AJV_OPTIONS }).compile(JSON.parse(text));
}

export function builtinProfileNames(): string[] {
  return readdirSync(PROFILE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

const require = createRequire(import.meta.url);
let parsedAhead: Record<string, unknown> | undefined;

/**
 * The YAML text as js-yaml parses it. The build parsed the built-in profiles already (keyed by
 * the sha256 of their text, schema/precompile.ts): a text equal to one of them is not parsed
 * again, and js-yaml is loaded only for other profiles.
 */
function loadYaml(text: string, source: string): unknown {
  if (parsedAhead === undefined) {
    try {
      parsedAhead = JSON.parse(readFileSync(parsedProfilesPath(), 'utf8')) as Record<string, unknown>;
    } catch {
      parsedAhead = {};
    }
  }
  const known = parsedAhead[sha256(text)];
  if (known !== undefined) return structuredClone(known);
  return (require('js-yaml') as typeof import('js-yaml')).load(text, { filename: source });
}

export function parseProfile(text: string, source: string): RuntimeProfile {
  let data: unknown;
  try {
    data = loadYaml(text, source);
  } catch (e) {
    throw new ProfileError(`${source}: invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const version = (data as { profileVersion?: unknown } | null)?.profileVersion;
  if (typeof data !== 'object' || data === null || version === undefined) {
    throw new ProfileError(`${source}: not a runtime profile (no profileVersion)`);
  }
  if (!(SUPPORTED_PROFILE_VERSIONS as readonly unknown[]).includes(version)) {
    throw new ProfileError(
      `${source}: profileVersion ${JSON.stringify(version)} is not supported; this suite reads profileVersion ${SUPPORTED_PROFILE_VERSIONS.join(', ')}`,
    );
  }
  validateProfile ??= profileValidator();
  if (!validateProfile(data)) {
    const e = validateProfile.errors![0];
    throw new ProfileError(`${source}: ${e.instancePath || '/'} ${e.message}`);
  }
  return data as RuntimeProfile;
}

export function loadProfileFile(path: string): RuntimeProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ProfileError(`cannot read profile ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseProfile(text, path);
}

/**
 * The profile for `--runtime NAME|PATH [--profile FILE]`. An explicit profile wins; otherwise a
 * built-in profile named after the runtime; otherwise a plain native profile for that binary.
 * A --runtime given with a profile replaces the profile's command (e.g. a runc at another path).
 */
export function resolveProfile(runtime: string | undefined, profileFile: string | undefined): RuntimeProfile {
  let profile: RuntimeProfile | undefined;
  if (profileFile) profile = loadProfileFile(profileFile);
  else if (runtime && !runtime.includes('/')) {
    const builtin = join(PROFILE_DIR, `${runtime}.yaml`);
    if (existsSync(builtin)) return loadProfileFile(builtin);
  }
  if (!runtime && !profile) throw new ProfileError('--runtime NAME|PATH or --profile FILE is required');
  if (!profile) {
    return { profileVersion: 1, name: basename(runtime!), command: [runtime!], stateRootFlag: '--root', isolation: 'native', featuresCommand: true };
  }
  if (runtime) profile = { ...profile, command: [runtime] };
  return profile;
}

export function timeoutMs(profile: RuntimeProfile, op: Operation, override?: number): number {
  return Math.round((override ?? profile.timeouts?.[op] ?? DEFAULT_TIMEOUTS[op]) * 1000);
}

/** Where a runtime binary would be found: an absolute path as is, else the first match on PATH. */
export function findExecutable(name: string): string | undefined {
  if (isAbsolute(name) || name.includes('/')) return existsSync(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}
