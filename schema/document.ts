// A document read from disk or stdin, with what the lossless reader learned about it.
import { load as loadYaml } from 'js-yaml';
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
      positionOf: (p) => (positions ??= jsonPositions(text))(p),
    };
  }
  let value: unknown;
  try {
    // js-yaml's default is the YAML 1.2 core schema ("yes" stays a string); duplicate keys throw.
    value = loadYaml(text, { filename: name });
  } catch (e) {
    const err = e as { reason?: string; mark?: { line: number; column: number }; message: string };
    const reason = err.reason ?? err.message.split('\n')[0];
    throw new SourceSyntaxError(`invalid YAML: ${reason}`, {
      line: (err.mark?.line ?? 0) + 1,
      column: (err.mark?.column ?? 0) + 1,
    });
  }
  return {
    name,
    format: 'yaml',
    text,
    value,
    bigIntegers: new Map(),
    duplicates: [],
    bundleDir,
    positionOf: () => undefined,
  };
}
