/**
 * Translates the regular expressions of our zod schemas into GBNF for the *inside* of a JSON
 * string. Only the subset the tool schemas use is supported (anchors, classes, groups,
 * alternation, ?, *, +, {m,n}, lookahead); anything else throws, naming the pattern, so a new
 * schema cannot silently get a looser grammar.
 *
 * Two adjustments make the result safe to emit inside JSON:
 * - a class never admits `"`, `\` or control characters (negated classes get them added), and
 * - unbounded repeats (`*`, `+`) are capped by the string's maxLength, so generation always ends.
 * A lookahead is dropped (it is a length check that maxLength and zod validation already make).
 */
import { alt, classChar, literal } from "./builder.js";

type Node =
  | { k: "seq"; items: Node[] }
  | { k: "alt"; options: Node[] }
  | { k: "char"; code: number }
  | { k: "class"; negated: boolean; ranges: [number, number][] }
  | { k: "any" }
  | { k: "repeat"; node: Node; min: number; max: number | null }
  | { k: "empty" };

export class UnsupportedPatternError extends Error {}

/** Characters JSON would have to escape: never produced raw inside a string. */
const JSON_UNSAFE: [number, number][] = [
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x00, 0x1f],
];

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  fail(what: string): never {
    throw new UnsupportedPatternError(
      `pattern /${this.src}/: ${what} at position ${this.i} is not supported`,
    );
  }

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.src.length) this.fail(`unexpected "${this.src[this.i]}"`);
    return n;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { k: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== "|" && c !== ")"; c = this.peek()) {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return items.length === 1 ? (items[0] as Node) : items.length ? { k: "seq", items } : { k: "empty" };
  }

  private atom(): Node | null {
    const c = this.src[this.i++] as string;
    if (c === "^" || c === "$") return null; // zod patterns are anchored at both ends anyway
    if (c === ".") return { k: "any" };
    if (c === "[") return this.charClass();
    if (c === "(") {
      if (this.src.startsWith("?=", this.i) || this.src.startsWith("?!", this.i)) {
        this.i += 2;
        this.alternation();
        this.expect(")");
        return null;
      }
      if (this.src.startsWith("?:", this.i)) this.i += 2;
      else if (this.peek() === "?") this.fail("group modifier");
      const inner = this.alternation();
      this.expect(")");
      return inner;
    }
    if (c === "\\") return { k: "char", code: this.escape() };
    if ("*+?{".includes(c)) this.fail(`quantifier "${c}" without an atom`);
    return { k: "char", code: c.codePointAt(0) ?? 0 };
  }

  private expect(ch: string): void {
    if (this.src[this.i] !== ch) this.fail(`expected "${ch}"`);
    this.i++;
  }

  private escape(): number {
    const c = this.src[this.i++];
    if (c === undefined) this.fail("trailing backslash");
    if (c === "n") return 0x0a;
    if (c === "t") return 0x09;
    if (c === "r") return 0x0d;
    if (/[dDwWsSbB]/.test(c)) this.fail(`class escape \\${c} (write the class out)`);
    if (/[A-Za-z0-9]/.test(c)) this.fail(`escape \\${c}`);
    return c.codePointAt(0) ?? 0;
  }

  private charClass(): Node {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.i++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    while (this.peek() !== "]" || first) {
      first = false;
      if (this.peek() === undefined) this.fail("unterminated class");
      const lo = this.classAtom();
      if (this.peek() === "-" && this.src[this.i + 1] !== "]" && this.src[this.i + 1] !== undefined) {
        this.i++;
        const hi = this.classAtom();
        if (hi < lo) this.fail("reversed range");
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    this.i++;
    return { k: "class", negated, ranges };
  }

  private classAtom(): number {
    const c = this.src[this.i++] as string;
    return c === "\\" ? this.escape() : (c.codePointAt(0) ?? 0);
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number | null;
    if (c === "?") [min, max] = [0, 1];
    else if (c === "*") [min, max] = [0, null];
    else if (c === "+") [min, max] = [1, null];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) this.fail("malformed {m,n}");
      this.i += m[0].length - 1;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? null : Number(m[3]);
    } else return node;
    this.i++;
    if (this.peek() === "?" || this.peek() === "+") this.fail("lazy or possessive quantifier");
    return { k: "repeat", node, min, max };
  }
}

function overlaps(ranges: [number, number][], code: number): boolean {
  return ranges.some(([lo, hi]) => code >= lo && code <= hi);
}

function classText(negated: boolean, ranges: [number, number][]): string {
  // A lone "-" reads best last, where GBNF takes it literally.
  const dash = ranges.some(([lo, hi]) => lo === 0x2d && hi === 0x2d);
  const rest = ranges.filter(([lo, hi]) => !(lo === 0x2d && hi === 0x2d));
  const body = rest
    .map(([lo, hi]) => (lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`))
    .join("");
  return `[${negated ? "^" : ""}${body}${dash ? "-" : ""}]`;
}

/** Names a group that is repeated: llama.cpp refuses to repeat large inline groups many times. */
export type LiftRule = (body: string) => string;

/** llama.cpp rejects `x{m,n}` with n near 2000 ("exceeds sane defaults"); stay well below. */
export const MAX_REPEAT = 1000;

interface Ctx {
  cap: number;
  pattern: string;
  lift: LiftRule;
}

function emit(node: Node, ctx: Ctx): string {
  const { pattern } = ctx;
  switch (node.k) {
    case "empty":
      return '""';
    case "char": {
      if (overlaps(JSON_UNSAFE, node.code))
        throw new UnsupportedPatternError(`pattern /${pattern}/ requires a character JSON escapes`);
      return literal(String.fromCodePoint(node.code));
    }
    case "any":
      return classText(true, JSON_UNSAFE);
    case "class": {
      if (node.negated) return classText(true, [...node.ranges, ...JSON_UNSAFE]);
      if (node.ranges.some(([lo, hi]) => JSON_UNSAFE.some(([ulo, uhi]) => lo <= uhi && hi >= ulo)))
        throw new UnsupportedPatternError(`pattern /${pattern}/ admits a character JSON escapes`);
      return classText(false, node.ranges);
    }
    case "seq":
      return node.items.map((n) => emitPart(n, ctx)).join(" ");
    case "alt":
      return alt(node.options.map((n) => emit(n, ctx)));
    case "repeat": {
      const group = node.node.k === "seq" || node.node.k === "alt";
      const max = node.max ?? unboundedCount(node, ctx.cap);
      if (max > MAX_REPEAT)
        throw new UnsupportedPatternError(
          `pattern /${pattern}/ repeats up to ${max} times (at most ${MAX_REPEAT})`,
        );
      const inner = group && max > 1 ? ctx.lift(emit(node.node, ctx)) : emitPart(node.node, ctx);
      if (node.min === 0 && max === 1) return `${inner}?`;
      if (node.min === max) return node.min === 1 ? inner : `${inner}{${node.min}}`;
      return `${inner}{${node.min},${max}}`;
    }
  }
}

/** A sequence item, parenthesised when it is itself a sequence or an alternation. */
function emitPart(node: Node, ctx: Ctx): string {
  const text = emit(node, ctx);
  return node.k === "seq" ? `( ${text} )` : text;
}

function minLength(node: Node): number {
  switch (node.k) {
    case "empty":
      return 0;
    case "char":
    case "any":
    case "class":
      return 1;
    case "seq":
      return node.items.reduce((s, n) => s + minLength(n), 0);
    case "alt":
      return Math.min(...node.options.map(minLength));
    case "repeat":
      return node.min * minLength(node.node);
  }
}

/** How many times an unbounded repeat (`*`, `+`) may run when it may use `cap` characters. */
function unboundedCount(node: Extract<Node, { k: "repeat" }>, cap: number): number {
  return Math.max(node.min, Math.floor(cap / Math.max(1, minLength(node.node))));
}

function maxLength(node: Node, cap: number): number {
  switch (node.k) {
    case "empty":
      return 0;
    case "char":
    case "any":
    case "class":
      return 1;
    case "seq":
      return node.items.reduce((s, n) => s + maxLength(n, cap), 0);
    case "alt":
      return Math.max(...node.options.map((n) => maxLength(n, cap)));
    case "repeat":
      return (node.max ?? unboundedCount(node, cap)) * maxLength(node.node, cap);
  }
}

/**
 * The largest character allowance for unbounded repeats under which the whole pattern stays
 * within `limit` characters: the grammar then admits only strings zod also accepts. (One shared
 * allowance is a simplification: a time zone with two long parts may be refused by the grammar
 * though zod would take it; refusing is the safe direction.)
 */
function repeatCap(root: Node, limit: number): number {
  let lo = 0;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (maxLength(root, mid) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The longest string `pattern` admits, or Infinity when it has an unbounded repeat. */
export function patternLongest(pattern: RegExp): number {
  return maxLength(new Parser(pattern.source).parse(), Infinity);
}

/**
 * GBNF for the characters of a JSON string matching `pattern`, at most `maxLength` characters
 * per unbounded repeat. The quotes are not included.
 */
export function patternToGbnf(pattern: RegExp | string, maxLength: number, lift: LiftRule): string {
  const source = typeof pattern === "string" ? pattern : pattern.source;
  if (typeof pattern !== "string" && pattern.flags.replace(/[gu]/g, ""))
    throw new UnsupportedPatternError(`pattern /${source}/${pattern.flags}: flags are not supported`);
  const root = new Parser(source).parse();
  return emit(root, { cap: repeatCap(root, maxLength), pattern: source, lift });
}
