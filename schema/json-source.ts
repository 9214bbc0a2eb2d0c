// A strict, lossless JSON reader (RFC 8259).
// JSON.parse keeps the last of two duplicate member names and rounds integers beyond 2^53;
// the spec forbids the first (glossary: MUST NOT have duplicate names) and its int64/uint64
// fields need the second exact, so we parse ourselves.
import { joinPointer, splitPointer } from './diagnostics.js';

export interface Position {
  line: number;
  column: number;
}

export interface DuplicateMember {
  pointer: string;
  name: string;
  position: Position;
}

export interface ParsedJson {
  value: unknown;
  /** Exact values of integers that a double cannot hold, by JSON pointer. */
  bigIntegers: Map<string, bigint>;
  duplicates: DuplicateMember[];
}

export class SourceSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(`${message} at line ${position.line}, column ${position.column}`);
    this.name = 'SourceSyntaxError';
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class Reader {
  pos = 0;
  readonly bigIntegers = new Map<string, bigint>();
  readonly duplicates: DuplicateMember[] = [];
  /**
   * The member names and indexes leading to the value being read. Pointer strings are built
   * from it only when something needs one (a big integer, a duplicate): building one per value
   * was most of the parse time.
   */
  private readonly path: (string | number)[] = [];
  constructor(readonly text: string) {}

  pointer(): string {
    return joinPointer('', ...this.path);
  }

  fail(message: string, at = this.pos): never {
    throw new SourceSyntaxError(message, positionAt(this.text, at));
  }

  skipWs(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  value(): unknown {
    this.skipWs();
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123: // {
        return this.object();
      case 91: // [
        return this.array();
      case 34: // "
        return this.string();
      case 116: // t
        return this.literal('true', true);
      case 102: // f
        return this.literal('false', false);
      case 110: // n
        return this.literal('null', null);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.number();
        if (Number.isNaN(c)) this.fail('unexpected end of input');
        this.fail(`unexpected character ${JSON.stringify(this.text[this.pos])}`);
    }
  }

  literal<T>(word: string, v: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`invalid literal, expected ${word}`);
    this.pos += word.length;
    return v;
  }

  object(): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.pos++;
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 34) this.fail('expected a member name in double quotes');
      const keyStart = this.pos;
      const key = this.string();
      // The object itself is the set of names seen so far (own properties only: "constructor" is not a duplicate).
      const duplicate = Object.prototype.hasOwnProperty.call(obj, key);
      this.path.push(key);
      if (duplicate) this.duplicates.push({ pointer: this.pointer(), name: key, position: positionAt(this.text, keyStart) });
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 58) this.fail('expected ":" after member name');
      this.pos++;
      const v = this.value();
      this.path.pop();
      // defineProperty so that a member named "__proto__" is data, not a prototype change;
      // plain assignment otherwise, which keeps the object in V8's fast mode.
      if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[key] = v;
      this.skipWs();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 125) {
        this.pos++;
        return obj;
      }
      this.fail('expected "," or "}" in object');
    }
  }

  array(): unknown[] {
    const arr: unknown[] = [];
    this.pos++;
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.path.push(arr.length);
      arr.push(this.value());
      this.path.pop();
      this.skipWs();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 93) {
        this.pos++;
        return arr;
      }
      this.fail('expected "," or "]" in array');
    }
  }

  string(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes and no control characters before the closing quote.
    let p = start;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 92 || c < 32 || Number.isNaN(c)) break;
      p++;
    }
    let out = t.slice(start, p);
    for (;;) {
      const c = t.charCodeAt(p);
      if (Number.isNaN(c)) this.fail('unterminated string', start - 1);
      if (c === 34) {
        this.pos = p + 1;
        return out;
      }
      if (c < 32) this.fail('control character in string', p);
      if (c !== 92) {
        out += t[p++];
        continue;
      }
      const e = t[p + 1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = t.slice(p + 2, p + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape', p);
          out += String.fromCharCode(parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          this.fail('invalid escape in string', p);
      }
      p += 2;
    }
  }

  number(): number {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 45) p++;
    const intStart = p;
    if (t.charCodeAt(p) === 48) p++;
    else {
      if (!(t.charCodeAt(p) >= 49 && t.charCodeAt(p) <= 57)) this.fail('invalid number', start);
      while (t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
    }
    let integer = true;
    if (t.charCodeAt(p) === 46) {
      integer = false;
      p++;
      if (!(t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57)) this.fail('invalid number: digit expected after "."', p);
      while (t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
    }
    const e = t.charCodeAt(p);
    if (e === 101 || e === 69) {
      integer = false;
      p++;
      if (t.charCodeAt(p) === 43 || t.charCodeAt(p) === 45) p++;
      if (!(t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57)) this.fail('invalid number: digit expected in exponent', p);
      while (t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
    }
    this.pos = p;
    const raw = t.slice(start, p);
    // Only long integer literals can exceed 2^53; 16 digits is the shortest that may.
    if (integer && p - intStart >= 16) {
      const big = BigInt(raw);
      if (big > MAX_SAFE || big < -MAX_SAFE) this.bigIntegers.set(this.pointer(), big);
    }
    return Number(raw);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * An upper bound on the member names in the text: every name is a closing quote followed by
 * optional white space and ":"; a string value that contains `":` only adds to the count. The
 * bound equals the distinct names in the parsed value only when no object repeats a name, which
 * is all the fast path needs to know (a string that inflates the count merely sends the text to
 * the exact reader). String.match with a global expression measured a fifth faster than a loop.
 */
const NAME_END = /"[ \t\n\r]*:/g;
function memberNamesInText(t: string): number {
  return t.match(NAME_END)?.length ?? 0;
}

/**
 * Distinct member names in a parsed value, summed over its objects; or -Infinity when the value
 * holds a number beyond +/-MAX_SAFE_INTEGER, which every integer literal a double cannot hold
 * becomes (the rounded value may be 2^53 itself, still beyond).
 */
function memberNamesInValue(v: unknown): number {
  if (typeof v !== 'object' || v === null) return typeof v === 'number' && (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) ? -Infinity : 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) n += memberNamesInValue(v[i]);
    return n;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) n += 1 + memberNamesInValue(o[k]);
  return n;
}

const NOT_PARSED = Symbol('not parsed');

export function parseJson(text: string): ParsedJson {
  const src = stripBom(text);
  // Fast path: the engine's parser, whose result is the same as ours unless the text has an
  // integer a double cannot hold (it rounds) or a duplicate member name (it keeps the last
  // silently). A duplicate makes the text hold more member names than the value has distinct
  // ones (per object, so in the sum); a big integer makes the count -Infinity. Anything else,
  // malformed text included, goes to the lossless reader, which also words the errors.
  let fast: unknown = NOT_PARSED;
  try {
    fast = JSON.parse(src);
  } catch {
    // The reader below reports it, with a position.
  }
  if (fast !== NOT_PARSED && memberNamesInValue(fast) === memberNamesInText(src)) {
    return { value: fast, bigIntegers: new Map(), duplicates: [] };
  }
  const r = new Reader(src);
  const value = r.value();
  r.skipWs();
  if (r.pos < r.text.length) r.fail('unexpected data after the JSON value');
  return { value, bigIntegers: r.bigIntegers, duplicates: r.duplicates };
}

/** Runs of characters that neither open nor close a container nor a string. */
const PLAIN_RUN = /[^"{}[\]]+/y;

/** The offset just past the value starting at `p` (a document that parsed), or -1. */
function skipValue(t: string, p: number): number {
  const c = t.charCodeAt(p);
  if (c === 34) return skipString(t, p);
  if (c === 123 || c === 91) {
    let depth = 0;
    while (p < t.length) {
      PLAIN_RUN.lastIndex = p;
      if (PLAIN_RUN.test(t)) p = PLAIN_RUN.lastIndex;
      const d = t.charCodeAt(p);
      if (d === 34) {
        p = skipString(t, p);
        if (p < 0) return -1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return p + 1;
      p++;
    }
    return -1;
  }
  // A number or a literal: up to the next delimiter.
  while (p < t.length) {
    const d = t.charCodeAt(p);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
    p++;
  }
  return p;
}

/** The offset just past the string whose opening quote is at `p`, or -1. */
function skipString(t: string, p: number): number {
  for (;;) {
    const q = t.indexOf('"', p + 1);
    if (q < 0) return -1;
    // Escaped when preceded by an odd number of backslashes.
    let b = q - 1;
    while (t.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    p = q;
  }
}

/**
 * The offset of the value at the pointer given as tokens, found by walking down the text and
 * skipping what is off the path, or undefined. Of duplicate members the last counts, as in the
 * parsed value, so with `duplicates` each object on the path is read to its end.
 */
function locate(text: string, tokens: readonly string[], duplicates: boolean): number | undefined {
  const r = new Reader(text);
  r.skipWs();
  for (const token of tokens) {
    const c = text.charCodeAt(r.pos);
    if (c === 123) {
      let found: number | undefined;
      r.pos++;
      r.skipWs();
      if (text.charCodeAt(r.pos) === 125) return undefined;
      for (;;) {
        r.skipWs();
        if (text.charCodeAt(r.pos) !== 34) return undefined;
        const key = r.string();
        r.skipWs();
        if (text.charCodeAt(r.pos) !== 58) return undefined;
        r.pos++;
        r.skipWs();
        if (key === token) {
          found = r.pos;
          if (!duplicates) break;
        }
        const end = skipValue(text, r.pos);
        if (end < 0) return undefined;
        r.pos = end;
        r.skipWs();
        const d = text.charCodeAt(r.pos++);
        if (d === 125) break;
        if (d !== 44) return undefined;
      }
      if (found === undefined) return undefined;
      r.pos = found;
    } else if (c === 91) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      const index = Number(token);
      r.pos++;
      r.skipWs();
      if (text.charCodeAt(r.pos) === 93) return undefined;
      for (let i = 0; ; i++) {
        r.skipWs();
        if (i === index) break;
        const end = skipValue(text, r.pos);
        if (end < 0) return undefined;
        r.pos = end;
        r.skipWs();
        if (text.charCodeAt(r.pos++) !== 44) return undefined;
      }
    } else {
      return undefined;
    }
  }
  return r.pos;
}

/**
 * Positions of values by JSON pointer, looked up on demand (only what is reported is looked up):
 * each lookup walks down the text along the pointer, skipping siblings without building them.
 * `duplicates`: whether the text has duplicate member names (then the last one's value counts).
 */
export function jsonPositions(text: string, duplicates = true): (pointer: string) => Position | undefined {
  const src = stripBom(text);
  const cache = new Map<string, Position | undefined>();
  return (pointer) => {
    if (cache.has(pointer)) return cache.get(pointer);
    let pos: Position | undefined;
    try {
      const off = locate(src, splitPointer(pointer), duplicates);
      pos = off === undefined ? undefined : positionAt(src, off);
    } catch {
      // A document that failed to parse has no positions beyond the error's own.
    }
    cache.set(pointer, pos);
    return pos;
  };
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (structure only). */
function firstBadUtf8Byte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const extra = c < 0x80 ? 0 : c >> 5 === 6 ? 1 : c >> 4 === 14 ? 2 : c >> 3 === 30 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return b.length;
}

/** Decode bytes as UTF-8, refusing invalid sequences (the spec requires UTF-8). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const bad = firstBadUtf8Byte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    throw new SourceSyntaxError('input is not valid UTF-8', positionAt(before, before.length));
  }
}
