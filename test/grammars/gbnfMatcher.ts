/**
 * A GBNF recognizer for tests: does a grammar (as grammars/gbnf writes them) accept a whole
 * string? llama.cpp has no "does this text match" entry point, and driving it token by token
 * through a model would test the tokenizer too. Supports what our generator emits: literals,
 * character classes (negated, ranges, \x escapes), rule references, groups, alternation,
 * `?` `*` `+` `{m}` `{m,n}` (parsed by grammars/gbnf/parse.ts). Matching is by sets of end
 * positions, memoized per (rule, start).
 */
import { classHas, type GbnfNode, parseGbnf } from "../../grammars/gbnf/parse.js";

type Node = GbnfNode;

export class GbnfMatcher {
  private readonly rules: Map<string, Node>;
  private memo = new Map<string, Set<number>>();
  private text = "";

  constructor(grammar: string) {
    this.rules = parseGbnf(grammar);
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
        return classHas(node, cp) ? new Set([at + (cp > 0xffff ? 2 : 1)]) : new Set();
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
