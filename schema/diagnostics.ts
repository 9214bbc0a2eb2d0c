// Errors and warnings as data, with one stable shape for schema errors, prose rules and parse errors.
import { type SpecVersion, specUrl } from './versions.js';

/**
 * RFC 2119 keywords as the spec uses them, plus DEPRECATED for what the spec marks deprecated and
 * ADVISORY for our own advice where the spec allows the thing (an unknown property is valid, but
 * usually a typo that silently does nothing).
 */
export type Level =
  | 'MUST'
  | 'MUST NOT'
  | 'REQUIRED'
  | 'SHALL'
  | 'SHOULD'
  | 'SHOULD NOT'
  | 'RECOMMENDED'
  | 'NOT RECOMMENDED'
  | 'MAY'
  | 'OPTIONAL'
  | 'DEPRECATED'
  | 'ADVISORY';

export type Severity = 'error' | 'warning';

/** MUST-class violations are errors; SHOULD-class ones and deprecations are warnings. */
export function severityOf(level: Level): Severity {
  switch (level) {
    case 'MUST':
    case 'MUST NOT':
    case 'REQUIRED':
    case 'SHALL':
      return 'error';
    default:
      return 'warning';
  }
}

/** Where a requirement is written: a file of the runtime-spec and an anchor in it. */
export interface SpecRef {
  file: string;
  anchor?: string;
}

export interface Diagnostic {
  /** JSON pointer (RFC 6901) to the offending value; "" is the whole document. */
  pointer: string;
  /** Stable rule ID, e.g. "config.process.cwd-absolute" or "schema.type". */
  rule: string;
  level: Level;
  severity: Severity;
  message: string;
  /** Link to the requirement in the spec text at the validated version's tag. */
  reference: string;
  /** 1-based position of the value in the source text, when known. */
  line?: number;
  column?: number;
}

export function makeDiagnostic(
  version: SpecVersion,
  d: { pointer: string; rule: string; level: Level; message: string; ref: SpecRef },
): Diagnostic {
  return {
    pointer: d.pointer,
    rule: d.rule,
    level: d.level,
    severity: severityOf(d.level),
    message: d.message,
    reference: specUrl(version, d.ref.file, d.ref.anchor),
  };
}

/** RFC 6901 escaping of one reference token. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
