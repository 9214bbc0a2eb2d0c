// The suite's own generated schemas (schema/json/<version>/<kind>.schema.json), read once each,
// and their validators precompiled at build time (schema/precompile.ts) into
// dist/schema/compiled/<version>/<kind>.cjs, next to this module once compiled, each with a V8
// code cache (<kind>.cjs.v8cache).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { Options } from 'ajv';
import type { DocumentKind } from './document.js';
import { packagePath } from './package-root.js';
import type { SpecVersion } from './versions.js';

/**
 * The Ajv options for the built-in schemas, shared by the build-time precompilation and the
 * run-time fallback compile, so that both produce the same validator.
 */
export const BUILTIN_AJV_OPTIONS: Readonly<Options> = Object.freeze({ allErrors: true, strict: true });

interface Entry {
  text: string;
  schema: Record<string, unknown>;
  sha256?: string;
}

/** kind@version → the file's text and parsed schema, or null when the kind does not exist at that version. */
const cache = new Map<string, Entry | null>();

export function builtinSchemaPath(kind: DocumentKind, version: SpecVersion): string {
  return packagePath('schema', 'json', version, `${kind}.schema.json`);
}

function entry(kind: DocumentKind, version: SpecVersion): Entry | null {
  const key = `${kind}@${version}`;
  let e = cache.get(key);
  if (e === undefined) {
    // Existence is the file's: schema/json holds exactly the documents each version defines (the
    // generated-files test checks it), which spares importing the whole schema source here.
    let text: string | undefined;
    try {
      text = readFileSync(builtinSchemaPath(kind, version), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    e = text === undefined ? null : { text, schema: JSON.parse(text) as Record<string, unknown> };
    cache.set(key, e);
  }
  return e;
}

/** Our schema for `kind` at `version`, or undefined when the kind does not exist at that version. */
export function builtinSchema(kind: DocumentKind, version: SpecVersion): Record<string, unknown> | undefined {
  return entry(kind, version)?.schema;
}

/** SHA-256 (hex) of the schema file's text: what a precompiled validator records it was built from. */
export function builtinSchemaSha256(kind: DocumentKind, version: SpecVersion): string | undefined {
  const e = entry(kind, version);
  if (!e) return undefined;
  return (e.sha256 ??= sha256(e.text));
}

/** Where the build puts the precompiled validator of `kind` at `version`. */
export function precompiledValidatorPath(kind: DocumentKind, version: SpecVersion): string {
  return fileURLToPath(new URL(`./compiled/${version}/${kind}.cjs`, import.meta.url));
}

/**
 * The suite's own schemas (schema/suite/<name>.schema.json) whose validators the build also
 * precompiles, and the Ajv options they are compiled with (newAjv's with strict mode on).
 */
export const PRECOMPILED_SUITE_SCHEMAS = ['profile-1'] as const;
export const SUITE_AJV_OPTIONS: Readonly<Options> = Object.freeze({ allErrors: true, strict: true });

export function suiteSchemaPath(name: (typeof PRECOMPILED_SUITE_SCHEMAS)[number]): string {
  return packagePath('schema', 'suite', `${name}.schema.json`);
}

/** Where the build puts the precompiled validator of a suite schema. */
export function precompiledSuiteValidatorPath(name: (typeof PRECOMPILED_SUITE_SCHEMAS)[number]): string {
  return fileURLToPath(new URL(`./compiled/suite/${name}.cjs`, import.meta.url));
}

/**
 * The built-in runtime profiles (validation/profiles/*.yaml) as js-yaml parses them, keyed by
 * the sha256 of each file's text: a run reads its profile from here when the text matches and
 * need not import js-yaml (~20 ms) on its way to the first runtime call.
 */
export function parsedProfilesPath(): string {
  return fileURLToPath(new URL('./compiled/suite/profiles.json', import.meta.url));
}

/** The V8 code cache written beside a precompiled validator. */
export function codeCachePath(modulePath: string): string {
  return `${modulePath}.v8cache`;
}

const WRAP_START = '(function (exports, require, module, __filename, __dirname) {';
const WRAP_END = '\n})';

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A precompiled validator module as a V8 script, compiled from `cachedData` when given: what the
 * build stores is the code of the script after validating sample documents, so that a cold run
 * neither parses the ~250 KB module nor compiles the functions a typical document needs
 * (~35-60 ms -> ~10 ms measured). V8 checks only the source's length against a cache, so a
 * cache is used only when it records the SHA-256 of this very source; V8 itself rejects one
 * made by another version or with other flags, and then compiles the source as usual.
 */
export function precompiledScript(path: string, source: string, cachedData?: Uint8Array): { script: Script; exports: unknown } {
  const script = new Script(WRAP_START + source + WRAP_END, { filename: path, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  return { script, exports: module.exports };
}

/** The code cache file's content: the source's SHA-256 in hex, a newline, V8's data. */
export function codeCacheFile(source: string, data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${sha256(source)}\n`, 'latin1'), data]);
}

/**
 * Load the precompiled validator module at `path` with its code cache when that matches;
 * undefined when there is no module. `cacheUsed` says whether V8 took the cache.
 */
export function loadPrecompiled(path: string): { exports: unknown; cacheUsed: boolean } | undefined {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let cachedData: Uint8Array | undefined;
  try {
    const file = readFileSync(codeCachePath(path));
    if (file.length > 65 && file.toString('latin1', 0, 64) === sha256(source)) cachedData = file.subarray(65);
  } catch {
    // No cache: compiled from source.
  }
  const { script, exports } = precompiledScript(path, source, cachedData);
  return { exports, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}
