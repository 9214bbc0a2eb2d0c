// Loading an upstream runtime-spec `schema/` folder, for `validate --schema-dir DIR`.
//
// Upstream schemas are JSON Schema draft-04, split over many files that point at each other
// with relative references (`defs.json#/definitions/uint32`, `config-linux.json#/linux`).
// The platform files are wrappers (`{"linux": {...}}`) whose root is not a schema. We register
// every file under one synthetic base URI plus its file name, so relative references resolve
// between them, and compile an entry point (`<kind>-schema.json`) only when asked.
//
// We use the default (draft-07) Ajv class and make the draft-04 text acceptable to it. Each
// repair is applied only where needed and reported, so a user can see what was changed:
//   - `$schema` is removed (draft-07 Ajv does not know the draft-04 meta-schema);
//   - string-valued `id` keys are removed (v1.0.0/v1.0.1 carry them everywhere: Ajv 8 refuses the
//     draft-04 keyword outright, and under draft-04 rules the nested ones would move the base of
//     relative references; upstream removed them in v1.0.2);
//   - boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric draft-06+ form;
//   - a `$ref` fragment that is a JSON pointer without its leading "/" (`#definitions/uint32`,
//     released in v1.3.0's defs.json) gets the "/".
// `strict: false` because wrapper roots carry keywords Ajv does not know (`linux`, `vm`, ...).
// Note that Ajv evaluates keywords next to a `$ref`, where draft-04 ignores them; upstream's
// few such siblings (`"type": "object"` beside a ref to an object schema) agree with their
// targets, so the outcome is the same.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { DOCUMENT_KINDS, type DocumentKind } from './document.js';
import { decodeUtf8, parseJson, SourceSyntaxError } from './json-source.js';

export interface ExternalSchemaSet {
  /** Absolute path of the folder. */
  dir: string;
  /** One human sentence per repair that changed something. */
  repairs: string[];
  /** Entry points present in the folder, in DOCUMENT_KINDS order. */
  kinds: DocumentKind[];
  /** Every file of the folder by name, as parsed and repaired (read-only: the validators use them). */
  files: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /**
   * The compiled entry point for `kind`, or undefined when the folder has none.
   * Compiled on first use and cached; throws ExternalSchemaError when it does not compile.
   */
  validator(kind: DocumentKind): ValidateFunction | undefined;
}

/** The folder cannot be used; the message is one line and names the file when there is one. */
export class ExternalSchemaError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = 'ExternalSchemaError';
  }
}


export function entryPointFile(kind: DocumentKind): string {
  return `${kind}-schema.json`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ').trim();
}

/** An error's message, with our synthetic base URI taken out so file names read plainly. */
function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split(BASE_URI).join('');
}

interface RepairCounts {
  schemaKeywords: number;
  ids: number;
  idFiles: Set<string>;
  exclusive: number;
  refs: number;
  refFiles: Set<string>;
}

/** Never fetched: `.invalid` cannot resolve, and every file is registered under it. */
const BASE_URI = 'https://external-schema.oci-conformance.invalid/schema/';

// Keywords whose values are data, not schemas: nothing inside them is rewritten.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rewrite one file's JSON in place, counting what changed. */
function repair(node: unknown, file: string, counts: RepairCounts): void {
  if (Array.isArray(node)) {
    for (const item of node) repair(item, file, counts);
    return;
  }
  if (!isObject(node)) return;

  if (typeof node.$schema === 'string') {
    delete node.$schema;
    counts.schemaKeywords++;
  }
  if (typeof node.id === 'string') {
    delete node.id;
    counts.ids++;
    counts.idFiles.add(file);
  }
  for (const [bool, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const flag = node[bool];
    if (typeof flag !== 'boolean') continue;
    // draft-04: a boolean modifier of minimum/maximum. draft-06+: the bound itself.
    if (flag && typeof node[bound] === 'number') {
      node[bool] = node[bound];
      delete node[bound];
    } else {
      delete node[bool];
    }
    counts.exclusive++;
  }
  if (typeof node.$ref === 'string') {
    const hash = node.$ref.indexOf('#');
    if (hash >= 0) {
      const fragment = node.$ref.slice(hash + 1);
      // "#definitions/uint32" is a JSON pointer that lost its "/"; a plain name ("#foo") is left alone.
      if (fragment !== '' && !fragment.startsWith('/') && fragment.includes('/')) {
        node.$ref = `${node.$ref.slice(0, hash)}#/${fragment}`;
        counts.refs++;
        counts.refFiles.add(file);
      }
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) continue;
    repair(value, file, counts);
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function listFiles(files: Set<string>): string {
  return [...files].sort().join(', ');
}

function describeRepairs(c: RepairCounts): string[] {
  const out: string[] = [];
  if (c.schemaKeywords) {
    out.push(
      `removed ${plural(c.schemaKeywords, '"$schema" keyword')} (the files declare draft-04; they are loaded as draft-07)`,
    );
  }
  if (c.ids) {
    out.push(
      `stripped ${plural(c.ids, '"id" keyword')} from ${listFiles(c.idFiles)} ` +
        '(draft-04 ids break relative $refs and Ajv 8 refuses them; upstream removed them in v1.0.2)',
    );
  }
  if (c.exclusive) {
    out.push(
      `converted ${plural(c.exclusive, 'boolean exclusiveMinimum/exclusiveMaximum keyword')} to the numeric draft-06+ form`,
    );
  }
  if (c.refs) {
    out.push(
      `fixed ${plural(c.refs, 'malformed $ref')} in ${listFiles(c.refFiles)} ` +
        '("#definitions/..." lacks the "/" of a JSON pointer; released in v1.3.0, fixed upstream after it)',
    );
  }
  return out;
}

function readSchemaFile(path: string): Record<string, unknown> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ExternalSchemaError(`cannot read ${path}: ${errorText(e)}`);
  }
  let value: unknown;
  try {
    value = parseJson(decodeUtf8(bytes)).value;
  } catch (e) {
    if (e instanceof SourceSyntaxError) throw new ExternalSchemaError(`${path}: invalid JSON: ${e.message}`);
    throw e;
  }
  if (!isObject(value)) throw new ExternalSchemaError(`${path}: not a JSON object, so not a schema file`);
  return value;
}

export function loadExternalSchemas(dir: string): ExternalSchemaSet {
  const abs = resolve(dir);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new ExternalSchemaError(`schema folder ${abs} does not exist`);
  }
  if (!isDir) throw new ExternalSchemaError(`${abs} is not a folder`);

  let names: string[];
  try {
    // Only the folder itself: upstream keeps fixtures in test/, which are not schemas.
    names = readdirSync(abs, { withFileTypes: true })
      .filter((d) => d.name.endsWith('.json') && (d.isFile() || d.isSymbolicLink()))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    throw new ExternalSchemaError(`cannot list schema folder ${abs}: ${errorText(e)}`);
  }

  const kinds = DOCUMENT_KINDS.filter((k) => names.includes(entryPointFile(k)));
  if (kinds.length === 0) {
    throw new ExternalSchemaError(
      `${abs} has no ${DOCUMENT_KINDS.map(entryPointFile).join(', ')}; is it a runtime-spec schema/ folder?`,
    );
  }

  const counts: RepairCounts = {
    schemaKeywords: 0,
    ids: 0,
    idFiles: new Set(),
    exclusive: 0,
    refs: 0,
    refFiles: new Set(),
  };
  const files = new Map<string, Record<string, unknown>>();
  for (const name of names) {
    const json = readSchemaFile(join(abs, name));
    repair(json, name, counts);
    files.set(name, json);
  }

  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    // Ajv ships no format implementations; upstream uses no "format" keyword.
    validateFormats: false,
  });
  for (const [name, json] of files) {
    try {
      ajv.addSchema(json, BASE_URI + name);
    } catch (e) {
      throw new ExternalSchemaError(`${join(abs, name)}: not a usable schema: ${errorText(e)}`);
    }
  }

  const cache = new Map<DocumentKind, ValidateFunction>();
  return {
    dir: abs,
    repairs: describeRepairs(counts),
    kinds,
    files,
    validator(kind) {
      if (!kinds.includes(kind)) return undefined;
      let fn = cache.get(kind);
      if (!fn) {
        const file = entryPointFile(kind);
        try {
          fn = ajv.getSchema(BASE_URI + file);
        } catch (e) {
          throw new ExternalSchemaError(`${file} in ${abs} does not compile: ${errorText(e)}`);
        }
        if (!fn) throw new ExternalSchemaError(`${file} in ${abs} does not compile`);
        cache.set(kind, fn);
      }
      return fn;
    },
  };
}
