// The suite's own generated schemas (schema/json/<version>/<kind>.schema.json), read once each,
// and their validators precompiled at build time (schema/precompile.ts) into
// dist/schema/compiled/<version>/<kind>.cjs, next to this module once compiled.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  return (e.sha256 ??= createHash('sha256').update(e.text).digest('hex'));
}

/** Where the build puts the precompiled validator of `kind` at `version`. */
export function precompiledValidatorPath(kind: DocumentKind, version: SpecVersion): string {
  return fileURLToPath(new URL(`./compiled/${version}/${kind}.cjs`, import.meta.url));
}
