/**
 * Reads the GBNF our generator writes (./builder.ts) into a tree: literals, character classes
 * (negated, ranges, \x escapes), rule references, groups, alternation, `?` `*` `+` `{m}` `{m,n}`.
 * Used by the forced-text finder (./forced.ts) at run time and by the tests' recognizer.
 */

export type GbnfNode =
  | { k: "lit"; s: string }
  | { k: "cls"; neg: boolean; items: [number, number][] }
  | { k: "ref"; name: string }
  | { k: "seq"; items: GbnfNode[] }
  | { k: "alt"; options: GbnfNode[] }
  | { k: "rep"; node: GbnfNode; min: number; max: number };

function classCode(ch: string, next: () => string): number {
  if (ch !== "\\") return ch.codePointAt(0) ?? 0;
  const e = next();
  if (e === "n") return 10;
  if (e === "t") return 9;
  if (e === "r") return 13;
  if (e === "x") return Number.parseInt(next() + next(), 16);
  return e.codePointAt(0) ?? 0;
}

class Parser {
  i = 0;
  constructor(readonly src: string) {}
  ws(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i] as string)) this.i++;
  }
  peek(): string {
    return this.src[this.i] ?? "";
  }
  alt(): GbnfNode {
    const options = [this.seq()];
    this.ws();
    while (this.peek() === "|") {
      this.i++;
      options.push(this.seq());
      this.ws();
    }
    return options.length === 1 ? (options[0] as GbnfNode) : { k: "alt", options };
  }
  seq(): GbnfNode {
    const items: GbnfNode[] = [];
    for (;;) {
      this.ws();
      const c = this.peek();
      if (!c || c === "|" || c === ")") break;
      let node = this.atom();
      for (;;) {
        const q = this.peek();
        if (q === "?") node = { k: "rep", node, min: 0, max: 1 };
        else if (q === "*") node = { k: "rep", node, min: 0, max: Number.POSITIVE_INFINITY };
        else if (q === "+") node = { k: "rep", node, min: 1, max: Number.POSITIVE_INFINITY };
        else if (q === "{") {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
          if (!m) throw new Error(`GBNF parse error at ${this.src.slice(this.i, this.i + 20)}`);
          const min = Number(m[1]);
          const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
          node = { k: "rep", node, min, max };
          this.i += m[0].length;
          continue;
        } else break;
        this.i++;
      }
      items.push(node);
    }
    return items.length === 1 ? (items[0] as GbnfNode) : { k: "seq", items };
  }
  atom(): GbnfNode {
    const c = this.peek();
    const next = () => this.src[this.i++] as string;
    if (c === '"') {
      this.i++;
      let s = "";
      while (this.peek() !== '"') s += String.fromCodePoint(classCode(next(), next));
      this.i++;
      return { k: "lit", s };
    }
    if (c === "[") {
      this.i++;
      const neg = this.peek() === "^";
      if (neg) this.i++;
      const items: [number, number][] = [];
      while (this.peek() !== "]") {
        const lo = classCode(next(), next);
        if (this.peek() === "-" && this.src[this.i + 1] !== "]") {
          this.i++;
          items.push([lo, classCode(next(), next)]);
        } else items.push([lo, lo]);
      }
      this.i++;
      return { k: "cls", neg, items };
    }
    if (c === "(") {
      this.i++;
      const n = this.alt();
      this.ws();
      this.i++; // ")"
      return n;
    }
    const m = /^[A-Za-z0-9-]+/.exec(this.src.slice(this.i));
    if (!m) throw new Error(`GBNF parse error at ${this.src.slice(this.i, this.i + 20)}`);
    this.i += m[0].length;
    return { k: "ref", name: m[0] };
  }
}

/** The grammar's rules by name (one `name ::= body` per line, `#` comments skipped). */
export function parseGbnf(grammar: string): Map<string, GbnfNode> {
  const rules = new Map<string, GbnfNode>();
  for (const line of grammar.split("\n")) {
    const m = /^([A-Za-z0-9-]+) ::= (.*)$/.exec(line);
    if (m) rules.set(m[1] as string, new Parser(m[2] as string).alt());
  }
  return rules;
}

/** Whether code point `cp` is in the class. */
export function classHas(node: Extract<GbnfNode, { k: "cls" }>, cp: number): boolean {
  return node.items.some(([lo, hi]) => cp >= lo && cp <= hi) !== node.neg;
}
