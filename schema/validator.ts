// Validation of one document: schema, exact integer ranges, prose rules, unknown properties.
// Pure apart from the compiled-schema cache and the bundle's root.path check.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { makeDiagnostic, splitPointer, joinPointer, type Diagnostic, type Level, type SpecRef } from './diagnostics.js';
import type { DocumentKind, SourceDocument } from './document.js';
import { BUILTIN_AJV_OPTIONS, builtinSchema, builtinSchemaSha256, loadPrecompiled, precompiledValidatorPath } from './builtin.js';
import { findIntegersOutOfRange, findUnknownProperties } from './schema-walk.js';
import { rulesFor } from './rules/index.js';
import { sectionFor } from './sections.js';
import { LATEST_SPEC_VERSION, resolveSpecVersion, type SpecVersion } from './versions.js';

export interface SchemaSource {
  /** Said in the output, so a reader knows which schemas judged the document. */
  label: string;
  validator(kind: DocumentKind, version: SpecVersion): ValidateFunction | undefined;
  /** Our own generated schema, for the walks that need declared properties; absent for external ones. */
  walkable(kind: DocumentKind, version: SpecVersion): Record<string, unknown> | undefined;
}

const builtinCache = new Map<string, ValidateFunction>();
let builtinAjv: AjvClass | undefined;
// Ajv is CommonJS, so it can be loaded synchronously and only when needed: a cold `validate`
// that finds its precompiled validator never loads Ajv's compiler.
const require = createRequire(import.meta.url);

/** The validator the build precompiled (schema/precompile.ts), if present and made from this very schema text. */
function precompiled(kind: DocumentKind, version: SpecVersion): ValidateFunction | undefined {
  const fn = loadPrecompiled(precompiledValidatorPath(kind, version))?.exports as (ValidateFunction & { schemaSha256?: string }) | undefined;
  return typeof fn === 'function' && fn.schemaSha256 === builtinSchemaSha256(kind, version) ? fn : undefined;
}

export const BUILTIN_SCHEMAS: SchemaSource = {
  label: 'built-in',
  validator(kind, version) {
    const key = `${kind}@${version}`;
    const cached = builtinCache.get(key);
    if (cached) return cached;
    const schema = builtinSchema(kind, version);
    if (!schema) return undefined;
    let v = precompiled(kind, version);
    if (!v) {
      builtinAjv ??= new (require('ajv') as typeof import('ajv')).Ajv({ ...BUILTIN_AJV_OPTIONS });
      v = builtinAjv.compile(schema);
    }
    builtinCache.set(key, v);
    return v;
  },
  walkable: builtinSchema,
};

export type VersionSource = 'option' | 'document' | 'fallback';

export interface ValidationResult {
  file: string;
  kind: DocumentKind;
  specVersion: SpecVersion;
  /** Where specVersion came from: --spec-version, the document, or the newest version as fallback. */
  versionSource: VersionSource;
  schemaSource: string;
  valid: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export class UnsupportedVersionError extends Error {}

export interface ValidateOptions {
  kind: DocumentKind;
  specVersion?: SpecVersion;
  schemas?: SchemaSource;
}

/** The field that names a document's spec version. */
export function versionField(kind: DocumentKind): string {
  return kind === 'features' ? 'ociVersionMax' : 'ociVersion';
}

/**
 * The version whose rules apply. A missing or non-SemVer version falls back to the newest
 * (the schema and the SemVer rule report it); a well-formed but unsupported one is refused.
 */
export function chooseVersion(doc: SourceDocument, opts: ValidateOptions): { version: SpecVersion; source: VersionSource } {
  if (opts.specVersion) return { version: opts.specVersion, source: 'option' };
  const v = doc.value as Record<string, unknown> | null;
  const text = v && typeof v === 'object' ? v[versionField(opts.kind)] : undefined;
  if (typeof text === 'string') {
    const r = resolveSpecVersion(text);
    if (r.ok) return { version: r.version, source: 'document' };
    if (r.reason === 'unsupported') throw new UnsupportedVersionError(`${doc.name}: ${r.message}`);
  }
  return { version: LATEST_SPEC_VERSION, source: 'fallback' };
}

function schemaDiagnostic(kind: DocumentKind, version: SpecVersion, e: ErrorObject): Diagnostic {
  let pointer = e.instancePath;
  let message = e.message ?? 'is invalid';
  let level: Level = 'MUST';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      pointer = joinPointer(pointer, String(params.missingProperty));
      message = 'required property is missing';
      level = 'REQUIRED';
      break;
    case 'enum':
      message = `must be one of: ${(params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
      break;
    case 'additionalProperties':
      pointer = joinPointer(pointer, String(params.additionalProperty));
      message = 'property is not allowed here';
      break;
  }
  return makeDiagnostic(version, {
    pointer,
    rule: `schema.${e.keyword}`,
    level,
    message,
    ref: sectionFor(kind, version, pointer),
  });
}

/** anyOf/oneOf report their branches' errors and then a summary; keep the summary only when alone. */
function pruneCombinatorNoise(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter(
    (e) =>
      !(e.keyword === 'anyOf' || e.keyword === 'oneOf') ||
      !errors.some((o) => o !== e && o.keyword !== e.keyword && o.instancePath.startsWith(e.instancePath)),
  );
}

function rootPathCheck(doc: SourceDocument, version: SpecVersion): Diagnostic[] {
  if (!doc.bundleDir) return [];
  const root = (doc.value as { root?: { path?: unknown } } | null)?.root;
  const p = root && typeof root === 'object' ? root.path : undefined;
  if (typeof p !== 'string' || p === '') return [];
  const full = isAbsolute(p) ? p : join(doc.bundleDir, p);
  let ok = false;
  try {
    ok = existsSync(full) && statSync(full).isDirectory();
  } catch {
    ok = false;
  }
  if (ok) return [];
  return [
    makeDiagnostic(version, {
      pointer: '/root/path',
      rule: 'bundle.root-path-exists',
      level: 'MUST',
      message: `no directory at ${JSON.stringify(p)} (resolved to ${full})`,
      ref: { file: 'config.md', anchor: 'configRoot' },
    }),
  ];
}

const GLOSSARY_JSON: SpecRef = { file: 'glossary.md', anchor: 'glossaryJson' };
const EXTENSIBILITY: SpecRef = { file: 'config.md', anchor: 'configExtensibility' };
const FEATURES_VERSION: SpecRef = { file: 'features.md', anchor: 'featuresSpecificationVersion' };

export function validateDocument(doc: SourceDocument, opts: ValidateOptions): ValidationResult {
  const { kind } = opts;
  const schemas = opts.schemas ?? BUILTIN_SCHEMAS;
  const { version, source } = chooseVersion(doc, opts);
  const all: Diagnostic[] = [];

  for (const d of doc.duplicates) {
    all.push(
      makeDiagnostic(version, {
        pointer: d.pointer,
        rule: 'json.duplicate-member',
        level: 'MUST NOT',
        message: `member name ${JSON.stringify(d.name)} appears more than once in the same object`,
        ref: GLOSSARY_JSON,
      }),
    );
  }

  const validate = schemas.validator(kind, version);
  if (!validate) {
    if (schemas !== BUILTIN_SCHEMAS) throw new UnsupportedVersionError(`${doc.name}: no ${kind} schema in the ${schemas.label}`);
    // Only features documents are missing from some versions; runc 1.1 printed such documents
    // (ociVersionMax "1.0.2-dev") before features.md was released.
    throw new UnsupportedVersionError(
      `${doc.name}: runtime-spec ${version} defines no ${kind} document (features.md exists from 1.1.0); ` +
        'to check it against the first features schema, pass --spec-version 1.1.0',
    );
  }
  if (!validate(doc.value)) {
    for (const e of pruneCombinatorNoise(validate.errors ?? [])) all.push(schemaDiagnostic(kind, version, e));
  }

  const walkable = schemas.walkable(kind, version);
  if (walkable) {
    if (doc.bigIntegers.size) {
      for (const r of findIntegersOutOfRange(walkable, doc.bigIntegers)) {
        all.push(
          makeDiagnostic(version, {
            pointer: r.pointer,
            rule: 'schema.integer-range',
            level: 'MUST',
            message: `${r.value} is outside the ${r.type} range [${r.min}, ${r.max}]`,
            ref: sectionFor(kind, version, r.pointer),
          }),
        );
      }
    }
    // Unknown members are allowed (and ignored) in config and state, so only advice there; the
    // features document MUST NOT contain members its ociVersionMax does not define.
    const strict = kind === 'features';
    for (const u of findUnknownProperties(walkable, doc.value)) {
      all.push(
        makeDiagnostic(version, {
          pointer: u.pointer,
          rule: `${kind}.unknown-property`,
          level: strict ? 'MUST NOT' : 'ADVISORY',
          message:
            (strict ? `property ${JSON.stringify(u.name)} is not defined by runtime-spec ${version}` : `unknown property ${JSON.stringify(u.name)} is ignored by runtimes`) +
            (u.suggestion ? `; did you mean ${JSON.stringify(u.suggestion)}?` : ''),
          ref: strict ? FEATURES_VERSION : EXTENSIBILITY,
        }),
      );
    }
  }

  const ctx = { version, doc };
  for (const rule of rulesFor(kind, version)) {
    for (const f of rule.check(doc.value, ctx)) {
      all.push(makeDiagnostic(version, { pointer: f.pointer, rule: rule.id, level: rule.level, message: f.message, ref: rule.ref }));
    }
  }
  if (kind === 'config') all.push(...rootPathCheck(doc, version));

  // A specific finding on a member (e.g. "defined from 1.2.0 on") replaces the generic unknown-property one.
  const specific = new Set(all.filter((d) => !d.rule.endsWith('.unknown-property')).map((d) => d.pointer));
  const reported = all.filter((d) => !d.rule.endsWith('.unknown-property') || !specific.has(d.pointer));
  for (const d of reported) {
    const pos = positionNear(doc, d.pointer);
    if (pos) {
      d.line = pos.line;
      d.column = pos.column;
    }
  }
  // Source order for people reading the output; pointer order where positions are unknown.
  reported.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0) || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
  const errors = reported.filter((d) => d.severity === 'error');
  const warnings = reported.filter((d) => d.severity === 'warning');
  return {
    file: doc.name,
    kind,
    specVersion: version,
    versionSource: source,
    schemaSource: schemas.label,
    valid: errors.length === 0,
    errors,
    warnings,
  };
}

/** The position of the value at `pointer`, or of its nearest existing ancestor (for a missing member). */
function positionNear(doc: SourceDocument, pointer: string) {
  const tokens = splitPointer(pointer);
  for (let n = tokens.length; n >= 0; n--) {
    const p = joinPointer('', ...tokens.slice(0, n));
    const pos = doc.positionOf(p);
    if (pos) return pos;
  }
  return undefined;
}
