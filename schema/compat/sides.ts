// The two things `compat` compares: a built-in version (schema/json/<version>/) or a
// runtime-spec `schema/` folder loaded as `validate --schema-dir` loads it. Each side brings a
// self-contained schema to compare and walk, and the validator that judges witnesses.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { builtinSchema } from '../builtin.js';
import type { DocumentKind } from '../document.js';
import { ExternalSchemaError, entryPointFile, loadExternalSchemas } from '../external.js';
import { BUILTIN_SCHEMAS } from '../validator.js';
import { SPEC_VERSIONS, isSpecVersion, type SpecVersion } from '../versions.js';
import { BundleError, bundleExternal } from './bundle.js';
import type { SchemaDoc } from './node.js';
import type { SideInfo } from './types.js';

export interface SchemaSide extends SchemaDoc {
  info: SideInfo;
  kind: DocumentKind;
  /** Schema-only validation: the errors, none when valid. */
  validate(doc: unknown): ErrorObject[];
}

/** Bad input: an unknown version, a folder that cannot be used. One line. */
export class CompatInputError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, '; '));
    this.name = 'CompatInputError';
  }
}

export function builtinSide(version: SpecVersion, kind: DocumentKind): SchemaSide {
  const root = builtinSchema(kind, version);
  const validator = BUILTIN_SCHEMAS.validator(kind, version);
  if (!root || !validator) {
    throw new CompatInputError(`runtime-spec ${version} defines no ${kind} document${kind === 'features' ? ' (features.md exists from 1.1.0)' : ''}`);
  }
  return {
    info: { label: version, source: 'built-in', version },
    kind,
    root,
    validate: (doc) => (validator(doc) ? [] : [...(validator.errors ?? [])]),
  };
}

export function folderSide(dir: string, kind: DocumentKind): SchemaSide {
  try {
    const set = loadExternalSchemas(dir);
    const validator = set.validator(kind);
    if (!validator) throw new CompatInputError(`the folder has no ${entryPointFile(kind)}`);
    const root = bundleExternal(set.files, entryPointFile(kind));
    return {
      info: { label: set.dir, source: 'folder', repairs: set.repairs },
      kind,
      root,
      validate: (doc) => (validator(doc) ? [] : [...(validator.errors ?? [])]),
    };
  } catch (e) {
    if (e instanceof ExternalSchemaError) throw new CompatInputError(e.message);
    if (e instanceof BundleError) throw new CompatInputError(`${resolve(dir)}: ${e.message}`);
    throw e;
  }
}

/**
 * `--from`/`--to`: a released version, else an existing folder. Something shaped like a version
 * that is neither is refused as an unknown version, never looked for on disk twice.
 */
export function resolveSide(arg: string, kind: DocumentKind, flag: string): SchemaSide {
  const prefixed = (load: () => SchemaSide) => {
    try {
      return load();
    } catch (e) {
      if (e instanceof CompatInputError) throw new CompatInputError(`${flag} ${arg}: ${e.message}`);
      throw e;
    }
  };
  if (isSpecVersion(arg)) return prefixed(() => builtinSide(arg, kind));
  if (existsSync(arg) && statSync(arg).isDirectory()) return prefixed(() => folderSide(arg, kind));
  if (/^v?\d+(\.\d+)*([-+].*)?$/.test(arg)) {
    throw new CompatInputError(`${flag} ${arg}: unknown runtime-spec version; built-in versions: ${SPEC_VERSIONS.join(', ')} (or give a schema/ folder)`);
  }
  throw new CompatInputError(`${flag} ${arg}: neither a runtime-spec version (${SPEC_VERSIONS.join(', ')}) nor a folder`);
}
