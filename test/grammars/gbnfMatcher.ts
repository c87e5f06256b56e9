/**
 * A GBNF recognizer for tests: does a grammar (as grammars/gbnf writes them) accept a whole
 * string? llama.cpp has no "does this text match" entry point, and driving it token by token
 * through a model would test the tokenizer too. Supports what our generator emits: literals,
 * character classes (negated, ranges, \x escapes), rule references, groups, alternation,
 * `?` `*` `+` `{m}` `{m,n}`. Matching is by sets of end positions, memoized per (rule, start).
 */

type Node =
  | { k: "lit"; s: string }
  | { k: "cls"; neg: boolean; items: [number, number][] }
  | { k: "ref"; name: string }
  | { k: "seq"; items: Node[] }
  | { k: "alt"; options: Node[] }
  | { k: "rep"; node: Node; min: number; max: number };

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
  alt(): Node {
    const options = [this.seq()];
    this.ws();
    while (this.peek() === "|") {
      this.i++;
      options.push(this.seq());
      this.ws();
    }
    return options.length === 1 ? (options[0] as Node) : { k: "alt", options };
  }
  seq(): Node {
    const items: Node[] = [];
    for (;;) {
      this.ws();
      const c = this.peek();
      if (!c || c === "|" || c === ")") break;
      let node = this.atom();
      for (;;) {
        const q = this.peek();
        if (q === "?") node = { k: "rep", node, min: 0, max: 1 };
        else if (q === "*") node = { k: "rep", node, min: 0, max: Infinity };
        else if (q === "+") node = { k: "rep", node, min: 1, max: Infinity };
        else if (q === "{") {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i)) as RegExpExecArray;
          const min = Number(m[1]);
          const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
          node = { k: "rep", node, min, max };
          this.i += m[0].length;
          continue;
        } else break;
        this.i++;
      }
      items.push(node);
    }
    return items.length === 1 ? (items[0] as Node) : { k: "seq", items };
  }
  atom(): Node {
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

export class GbnfMatcher {
  private readonly rules = new Map<string, Node>();
  private memo = new Map<string, Set<number>>();
  private text = "";

  constructor(grammar: string) {
    for (const line of grammar.split("\n")) {
      const m = /^([A-Za-z0-9-]+) ::= (.*)$/.exec(line);
      if (m) this.rules.set(m[1] as string, new Parser(m[2] as string).alt());
    }
  }

  accepts(text: string, rule = "root"): boolean {
    this.text = text;
    this.memo = new Map();
    return this.match({ k: "ref", name: rule }, 0).has(text.length);
  }

  private match(node: Node, at: number): Set<number> {
    const t = this.text;
    switch (node.k) {
      case "lit":
        return t.startsWith(node.s, at) ? new Set([at + node.s.length]) : new Set();
      case "cls": {
        const cp = t.codePointAt(at);
        if (cp === undefined) return new Set();
        const inside = node.items.some(([lo, hi]) => cp >= lo && cp <= hi);
        return inside !== node.neg ? new Set([at + (cp > 0xffff ? 2 : 1)]) : new Set();
      }
      case "ref": {
        const key = `${node.name}@${at}`;
        const hit = this.memo.get(key);
        if (hit) return hit;
        const body = this.rules.get(node.name);
        if (!body) throw new Error(`undefined rule ${node.name}`);
        const r = this.match(body, at);
        this.memo.set(key, r);
        return r;
      }
      case "seq": {
        let cur = new Set([at]);
        for (const item of node.items) {
          const next = new Set<number>();
          for (const p of cur) for (const e of this.match(item, p)) next.add(e);
          cur = next;
          if (!cur.size) break;
        }
        return cur;
      }
      case "alt": {
        const out = new Set<number>();
        for (const o of node.options) for (const e of this.match(o, at)) out.add(e);
        return out;
      }
      case "rep": {
        const out = new Set<number>();
        let cur = new Set([at]);
        if (node.min === 0) out.add(at);
        for (let n = 1; n <= node.max && cur.size; n++) {
          const next = new Set<number>();
          for (const p of cur) for (const e of this.match(node.node, p)) if (e > p) next.add(e);
          cur = next;
          if (n >= node.min) for (const e of cur) out.add(e);
        }
        return out;
      }
    }
  }
}
