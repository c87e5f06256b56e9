import { type Flag, parseEvr } from "./evr.js";
import type { Dep } from "./types.js";

/**
 * Boolean ("rich") dependencies, rpm ≥ 4.13: `(a or b)`, `(a and b)`, `(a if b else c)`,
 * `(a unless b else c)`, `(a with b)`, `(a without b)`, nested with parentheses.
 */
export type RichNode =
  | { kind: "dep"; dep: Dep }
  | { kind: "and" | "or" | "with" | "without"; items: RichNode[] }
  | { kind: "if" | "unless"; consequent: RichNode; cond: RichNode; else?: RichNode };

export class RichDepError extends Error {}

const OPS: Record<string, Flag> = { "=": "EQ", "==": "EQ", "<": "LT", ">": "GT", "<=": "LE", ">=": "GE" };

function tokenize(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of s) {
    if (ch === "(" || ch === ")") {
      // Parentheses inside a name (e.g. `perl(Foo)` or `libc.so.6()(64bit)`) belong to the name.
      if (cur.length > 0 && ch === "(") {
        cur += ch;
        depth++;
        continue;
      }
      if (ch === ")" && depth > 0) {
        cur += ch;
        depth--;
        continue;
      }
      if (cur) out.push(cur);
      cur = "";
      out.push(ch);
    } else if (/\s/.test(ch)) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export function isRich(name: string): boolean {
  return name.startsWith("(");
}

export function parseRich(s: string): RichNode {
  const tokens = tokenize(s);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new RichDepError(`unexpected end of rich dependency ${s}`);
    return t;
  };

  const term = (): RichNode => {
    if (peek() === "(") {
      next();
      const node = expr();
      if (next() !== ")") throw new RichDepError(`missing ) in ${s}`);
      return node;
    }
    const name = next();
    const op = peek();
    if (op !== undefined && op in OPS) {
      next();
      return { kind: "dep", dep: { name, flags: OPS[op], evr: parseEvr(next()) } };
    }
    return { kind: "dep", dep: { name } };
  };

  const expr = (): RichNode => {
    const first = term();
    const op = peek();
    if (op === undefined || op === ")") return first;
    if (op === "if" || op === "unless") {
      next();
      const cond = term();
      let otherwise: RichNode | undefined;
      if (peek() === "else") {
        next();
        otherwise = term();
      }
      return { kind: op, consequent: first, cond, else: otherwise };
    }
    if (op === "and" || op === "or" || op === "with" || op === "without") {
      const items = [first];
      while (peek() === op) {
        next();
        items.push(term());
      }
      return { kind: op, items };
    }
    throw new RichDepError(`unknown operator "${op}" in rich dependency ${s}`);
  };

  const node = term();
  if (i !== tokens.length) throw new RichDepError(`trailing text in rich dependency ${s}`);
  return node;
}
