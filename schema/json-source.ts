// A strict, lossless JSON reader (RFC 8259).
// JSON.parse keeps the last of two duplicate member names and rounds integers beyond 2^53;
// the spec forbids the first (glossary: MUST NOT have duplicate names) and its int64/uint64
// fields need the second exact, so we parse ourselves.
import { joinPointer } from './diagnostics.js';

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
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Reader {
  pos = 0;
  readonly bigIntegers = new Map<string, bigint>();
  readonly duplicates: DuplicateMember[] = [];
  /**
   * The member names and indexes leading to the value being read. Pointer strings are built
   * from it only when something needs one (a big integer, a duplicate, a recorded offset):
   * building one per value was most of the parse time.
   */
  private readonly path: (string | number)[] = [];
  /** When set, the offset of every value start is recorded here by pointer. */
  constructor(
    readonly text: string,
    readonly offsets?: Map<string, number>,
  ) {}

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
    this.offsets?.set(this.pointer(), this.pos);
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

export function parseJson(text: string): ParsedJson {
  const r = new Reader(stripBom(text));
  const value = r.value();
  r.skipWs();
  if (r.pos < r.text.length) r.fail('unexpected data after the JSON value');
  return { value, bigIntegers: r.bigIntegers, duplicates: r.duplicates };
}

/** Positions of values by JSON pointer; computed on demand, only when something is reported. */
export function jsonPositions(text: string): (pointer: string) => Position | undefined {
  const src = stripBom(text);
  const offsets = new Map<string, number>();
  try {
    new Reader(src, offsets).value();
  } catch {
    // A document that failed to parse has no positions beyond the error's own.
  }
  return (pointer) => {
    const off = offsets.get(pointer);
    return off === undefined ? undefined : positionAt(src, off);
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
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstBadUtf8Byte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    throw new SourceSyntaxError('input is not valid UTF-8', positionAt(before, before.length));
  }
}
