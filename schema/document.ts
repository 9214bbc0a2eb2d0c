// A document read from disk or stdin, with what the lossless reader learned about it.
import { createRequire } from 'node:module';
import type { Schema } from 'js-yaml';
import { joinPointer } from './diagnostics.js';
import { decodeUtf8, parseJson, jsonPositions, SourceSyntaxError, type DuplicateMember, type Position } from './json-source.js';

export type DocumentKind = 'config' | 'state' | 'features';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['config', 'state', 'features'];

export type SourceFormat = 'json' | 'yaml';

export interface SourceDocument {
  /** What the user named: a path, "-" for stdin, or a bundle's config.json path. */
  name: string;
  format: SourceFormat;
  text: string;
  value: unknown;
  /** Exact values of integers a double cannot hold, by JSON pointer (JSON input only). */
  bigIntegers: Map<string, bigint>;
  duplicates: DuplicateMember[];
  /** The bundle directory when the document is a bundle's config.json. */
  bundleDir?: string;
  /** Source position of the value at a pointer, when it can be known. */
  positionOf(pointer: string): Position | undefined;
}

export { SourceSyntaxError };

/**
 * A YAML integer a double cannot hold. The loader produces it in place of the rounded number;
 * once the document is loaded it is replaced by that number and its exact value is recorded
 * by pointer, as the JSON reader does, so that int64/uint64 ranges are checked exactly.
 */
class ExactInteger {
  constructor(readonly value: bigint) {}
  /** As a mapping key. */
  toString(): string {
    return this.value.toString();
  }
}

/** The exact value of a YAML 1.2 core-schema integer ("-12", "+7", "0o17", "0x1F"; "0b101" when tagged). */
function exactYamlInteger(source: string): bigint {
  const negative = source[0] === '-';
  const digits = source[0] === '-' || source[0] === '+' ? source.slice(1) : source;
  const v = BigInt(digits); // BigInt reads decimal, 0x, 0o and 0b text
  return negative ? -v : v;
}

/** How many ExactIntegers the loader has made: a document that made none needs no walk. */
let exactIntegersMade = 0;

type JsYaml = typeof import('js-yaml');
let yaml: { lib: JsYaml; schema: Schema } | undefined;

/**
 * js-yaml, loaded on the first YAML document (its CommonJS build, so synchronously): most
 * inputs are JSON, and a cold `validate` of one JSON file should not pay for its import.
 * The schema is js-yaml's default YAML 1.2 core schema, with integers beyond 2^53 kept exact.
 */
function yamlLoader(): { lib: JsYaml; schema: Schema } {
  if (yaml) return yaml;
  const lib = createRequire(import.meta.url)('js-yaml') as JsYaml;
  const { intCoreTag } = lib;
  const exactIntTag = lib.defineScalarTag<number | ExactInteger>('tag:yaml.org,2002:int', {
    implicit: intCoreTag.implicit,
    matchByTagPrefix: intCoreTag.matchByTagPrefix,
    implicitFirstChars: intCoreTag.implicitFirstChars,
    resolve(source, isExplicit, tagName) {
      const n = intCoreTag.resolve(source, isExplicit, tagName);
      if (typeof n !== 'number' || Number.isSafeInteger(n)) return n;
      exactIntegersMade++;
      return new ExactInteger(exactYamlInteger(source));
    },
    identify: intCoreTag.identify,
    represent: intCoreTag.represent,
  });
  return (yaml = { lib, schema: lib.CORE_SCHEMA.withTags(exactIntTag) });
}

/** Replace every ExactInteger in `root` by its nearest double, recording exact values by pointer. */
function unwrapExactIntegers(root: unknown, found: Map<string, bigint>): unknown {
  // First every path (an alias can reach one value by several), then the replacement.
  const collect = (v: unknown, pointer: string): void => {
    if (v instanceof ExactInteger) found.set(pointer, v.value);
    else if (Array.isArray(v)) v.forEach((x, i) => collect(x, joinPointer(pointer, i)));
    else if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) collect((v as Record<string, unknown>)[k], joinPointer(pointer, k));
  };
  const seen = new Set<object>();
  const replace = (v: unknown): unknown => {
    if (v instanceof ExactInteger) return Number(v.value);
    if (typeof v !== 'object' || v === null || seen.has(v)) return v;
    seen.add(v);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = replace(o[k]);
    return v;
  };
  collect(root, '');
  return replace(root);
}

function looksLikeYaml(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * Parse bytes as JSON, or as YAML when the name says so or the text cannot be JSON.
 * Throws SourceSyntaxError with a position for malformed input.
 */
export function readDocument(name: string, bytes: Uint8Array, bundleDir?: string): SourceDocument {
  const text = decodeUtf8(bytes);
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const yaml = looksLikeYaml(name) || (trimmed !== '' && trimmed[0] !== '{' && trimmed[0] !== '[');
  if (!yaml) {
    const parsed = parseJson(text);
    let positions: ((p: string) => Position | undefined) | undefined;
    return {
      name,
      format: 'json',
      text,
      value: parsed.value,
      bigIntegers: parsed.bigIntegers,
      duplicates: parsed.duplicates,
      bundleDir,
      positionOf: (p) => (positions ??= jsonPositions(text, parsed.duplicates.length > 0))(p),
    };
  }
  let value: unknown;
  const made = exactIntegersMade;
  try {
    // The YAML 1.2 core schema ("yes" stays a string); duplicate keys throw.
    const { lib, schema } = yamlLoader();
    value = lib.load(text, { filename: name, schema });
  } catch (e) {
    const err = e as { reason?: string; mark?: { line: number; column: number }; message: string };
    const reason = err.reason ?? err.message.split('\n')[0];
    throw new SourceSyntaxError(`invalid YAML: ${reason}`, {
      line: (err.mark?.line ?? 0) + 1,
      column: (err.mark?.column ?? 0) + 1,
    });
  }
  const bigIntegers = new Map<string, bigint>();
  if (exactIntegersMade !== made) value = unwrapExactIntegers(value, bigIntegers);
  return {
    name,
    format: 'yaml',
    text,
    value,
    bigIntegers,
    duplicates: [],
    bundleDir,
    positionOf: () => undefined,
  };
}
