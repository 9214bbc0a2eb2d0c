// Strings that match a JSON Schema `pattern`, and strings near them that may not: the raw
// material for pattern witnesses. Only the regular-expression subset schemas use is understood
// (literals, escapes, classes, `.`, groups, alternation, anchors, quantifiers); anything else
// (back-references, look-around) makes sampling give up, and the caller then says it cannot
// classify the change. Every string is checked with the real RegExp before it is used, so a
// parser mistake can only cost a witness, never produce a wrong one.

type RegexNode =
  | { t: 'chars'; pick: string[] }
  | { t: 'seq'; items: RegexNode[] }
  | { t: 'alt'; options: RegexNode[] }
  | { t: 'repeat'; node: RegexNode; min: number; max: number };

class Unsupported extends Error {}

// Characters tried against a class, in order: the first member found is the class's default.
const POOL = [...'aZ0-_ .:/,9zA\t\n!'];
const CLASS_ESCAPES: Record<string, (c: string) => boolean> = {
  d: (c) => c >= '0' && c <= '9',
  D: (c) => !(c >= '0' && c <= '9'),
  w: (c) => /\w/.test(c),
  W: (c) => !/\w/.test(c),
  s: (c) => /\s/.test(c),
  S: (c) => !/\s/.test(c),
};
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

/** A few members of a class: its first and last listed characters and pool characters in it. */
function classMembers(test: (c: string) => boolean, listed: string[]): string[] {
  const out: string[] = [];
  for (const c of [...listed, ...POOL]) if (test(c) && !out.includes(c)) out.push(c);
  if (!out.length) throw new Unsupported('empty class');
  return out.slice(0, 4);
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(`unexpected ${this.src[this.i]}`);
    return node;
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return { t: 'seq', items };
  }

  private quantified(atom: RegexNode): RegexNode {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported('brace');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: same language
    return { t: 'repeat', node: atom, min, max };
  }

  /** One atom, or undefined for an anchor (which matches no character). */
  private atom(): RegexNode | undefined {
    const c = this.src[this.i++];
    switch (c) {
      case '^':
      case '$':
        return undefined;
      case '.':
        return { t: 'chars', pick: classMembers((x) => x !== '\n' && x !== '\r', []) };
      case '(': {
        if (this.src[this.i] === '?') {
          if (this.src[this.i + 1] !== ':') throw new Unsupported('group kind');
          this.i += 2;
        }
        const inner = this.alternation();
        if (this.src[this.i++] !== ')') throw new Unsupported('unclosed group');
        return inner;
      }
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
        throw new Unsupported(`misplaced ${c}`);
      default:
        return { t: 'chars', pick: [c] };
    }
  }

  private escape(): RegexNode {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    if (CLASS_ESCAPES[c]) return { t: 'chars', pick: classMembers(CLASS_ESCAPES[c], []) };
    if (CONTROL_ESCAPES[c] !== undefined) return { t: 'chars', pick: [CONTROL_ESCAPES[c]] };
    if (/[1-9bBkpPuxc]/.test(c)) throw new Unsupported(`escape \\${c}`);
    return { t: 'chars', pick: [c] };
  }

  private charClass(): RegexNode {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const tests: ((x: string) => boolean)[] = [];
    const listed: string[] = [];
    while (this.src[this.i] !== ']') {
      if (this.i >= this.src.length) throw new Unsupported('unclosed class');
      let lo = this.src[this.i++];
      if (lo === '\\') {
        const e = this.src[this.i++];
        if (CLASS_ESCAPES[e]) {
          tests.push(CLASS_ESCAPES[e]);
          continue;
        }
        if (/[1-9bBkpPuxc]/.test(e)) throw new Unsupported(`escape \\${e}`);
        lo = CONTROL_ESCAPES[e] ?? e;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let hi = this.src[this.i++];
        if (hi === '\\') {
          const e = this.src[this.i++];
          hi = CONTROL_ESCAPES[e] ?? e;
        }
        const [a, b] = [lo, hi];
        tests.push((x) => x >= a && x <= b);
        listed.push(a, b);
      } else {
        tests.push((x) => x === lo);
        listed.push(lo);
      }
    }
    this.i++;
    const inClass = (x: string) => tests.some((f) => f(x));
    return { t: 'chars', pick: negated ? classMembers((x) => !inClass(x), []) : classMembers(inClass, listed) };
  }
}

/** Variants of a node: the first is its shortest plain form; the rest vary one choice each. */
function variants(node: RegexNode, limit: number): string[] {
  switch (node.t) {
    case 'chars':
      return node.pick;
    case 'alt':
      return dedupe(node.options.flatMap((o) => variants(o, limit))).slice(0, limit);
    case 'repeat': {
      const inner = variants(node.node, limit);
      const counts = dedupe([node.min, node.min + 1, node.min + 2].filter((n) => n <= node.max && n <= node.min + 3));
      const out: string[] = [];
      for (const n of counts) {
        out.push(inner[0].repeat(n));
        if (n > 0) for (const v of inner.slice(1)) out.push(inner[0].repeat(n - 1) + v);
      }
      return dedupe(out).slice(0, limit);
    }
    case 'seq': {
      const parts = node.items.map((x) => variants(x, limit));
      const base = parts.map((p) => p[0]);
      const out = [base.join('')];
      parts.forEach((p, i) => {
        for (const v of p.slice(1)) out.push([...base.slice(0, i), v, ...base.slice(i + 1)].join(''));
      });
      return dedupe(out).slice(0, limit);
    }
  }
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** JSON Schema patterns are ECMA-262 with the u flag (as Ajv compiles them). */
function patternRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/**
 * Strings that match `pattern`, checked; an empty list when the pattern is outside the
 * understood subset (or does not compile).
 */
export function samplesOf(pattern: string, limit = 40): string[] {
  const re = patternRegExp(pattern);
  if (!re) return [];
  let raw: string[];
  try {
    raw = variants(new Parser(pattern).parse(), limit);
  } catch (e) {
    if (e instanceof Unsupported) return [];
    throw e;
  }
  return raw.filter((s) => re.test(s));
}

/** Generic strings, and small edits of `seeds`, that a pattern often rejects; unchecked. */
export function nearMisses(seeds: readonly string[]): string[] {
  const out = ['', 'x', 'X', '0', '-1', ' ', 'a b', '\n', 'x\ny', '%', 'not-a-match'];
  for (const s of seeds.slice(0, 8)) {
    out.push(`${s}\n`, `!${s}`, `${s}!`, s.slice(1), s.slice(0, -1), s.toLowerCase(), s.toUpperCase(), `${s}${s}`);
  }
  return dedupe(out);
}
