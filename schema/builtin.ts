// The suite's own generated schemas (schema/json/<version>/<kind>.schema.json), read once each.
import { readFileSync } from 'node:fs';
import type { DocumentKind } from './document.js';
import { packagePath } from './package-root.js';
import { DOCUMENT_SOURCES, documentExists } from './source/index.js';
import type { SpecVersion } from './versions.js';

const cache = new Map<string, Record<string, unknown>>();

export function builtinSchemaPath(kind: DocumentKind, version: SpecVersion): string {
  return packagePath('schema', 'json', version, `${kind}.schema.json`);
}

/** Our schema for `kind` at `version`, or undefined when the kind does not exist at that version. */
export function builtinSchema(kind: DocumentKind, version: SpecVersion): Record<string, unknown> | undefined {
  if (!documentExists(DOCUMENT_SOURCES[kind], version)) return undefined;
  const key = `${kind}@${version}`;
  let schema = cache.get(key);
  if (!schema) {
    schema = JSON.parse(readFileSync(builtinSchemaPath(kind, version), 'utf8')) as Record<string, unknown>;
    cache.set(key, schema);
  }
  return schema;
}
