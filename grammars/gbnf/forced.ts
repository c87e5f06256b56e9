/**
 * Where a grammar leaves no choice. A `GrammarCursor` follows a text through a GBNF grammar (one
 * pushdown stack per way the text can still be read, as llama.cpp's own grammar does) and says
 * which text comes next whatever the model would pick: after `<tool_call>` the grammar allows only
 * `\n{"name": "`; once a tool's name is unique, the rest of it and `", "arguments": {"` up to the
 * first choice. The llm backend appends that text as one batch evaluation instead of sampling it
 * token by token ("jump-forward" decoding): the output is the same text the grammar admits, and a
 * forced token costs what a prompt token costs, not what a generated one does.
 *
 * Only what our generator writes (./parse.ts); no left recursion, no repetition of something that
 * can match nothing (a guard stops an expansion that grows without end).
 */
import { classHas, type GbnfNode, parseGbnf } from "./parse.js";

type Item =
  | { k: "node"; node: GbnfNode }
  /** Inside a literal, `i` code units matched. */
  | { k: "lit"; node: Extract<GbnfNode, { k: "lit" }>; i: number }
  /** A repetition with `n` items matched. */
  | { k: "rep"; node: Extract<GbnfNode, { k: "rep" }>; n: number };

/** What is left to match, innermost first (an immutable list: stacks share their tails). */
type Stack = { head: Item; tail: Stack } | null;

interface State {
  /** Stacks whose head consumes a character (a literal's next one or a class). */
  stacks: Stack[];
  /** The text so far is a whole sentence of the grammar (the model may stop here). */
  accept: boolean;
}

const MAX_EXPANSION_DEPTH = 400;

export class GrammarCursor {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private state: State;
  private readonly initial: State;

  constructor(
    private readonly rules: Map<string, GbnfNode>,
    root = "root",
  ) {
    this.initial = this.close([{ head: { k: "node", node: { k: "ref", name: root } }, tail: null }]);
    this.state = this.initial;
  }

  static fromGrammar(grammar: string): GrammarCursor {
    return new GrammarCursor(parseGbnf(grammar));
  }

  /** Back to the empty text. */
  reset(): void {
    this.state = this.initial;
  }

  /** False when the grammar admits no text starting with what was fed so far. */
  get alive(): boolean {
    return this.state.accept || this.state.stacks.length > 0;
  }

  get accepting(): boolean {
    return this.state.accept;
  }

  /** Follows `text`; false (and a dead cursor) when the grammar does not admit it. */
  feed(text: string): boolean {
    for (const ch of text) {
      this.state = this.step(this.state, ch.codePointAt(0) as number);
      if (!this.alive) return false;
    }
    return true;
  }

  /**
   * The text every continuation the grammar admits starts with (empty when the next character is
   * a choice, or when the text may end here). At most `max` characters. The cursor does not move.
   */
  forced(max = 256): string {
    let s = this.state;
    let out = "";
    while (out.length < max && !s.accept) {
      let only: number | undefined;
      for (const st of s.stacks) {
        const cp = nextOnly(st as NonNullable<Stack>);
        if (cp === undefined || (only !== undefined && cp !== only)) return out;
        only = cp;
      }
      if (only === undefined) return out;
      out += String.fromCodePoint(only);
      s = this.step(s, only);
    }
    return out;
  }

  private step(s: State, cp: number): State {
    const next: Stack[] = [];
    for (const st of s.stacks) {
      const { head, tail } = st as NonNullable<Stack>;
      if (head.k === "lit") {
        const want = head.node.s.codePointAt(head.i);
        if (want !== cp) continue;
        const i = head.i + (cp > 0xffff ? 2 : 1);
        next.push(i >= head.node.s.length ? tail : { head: { k: "lit", node: head.node, i }, tail });
      } else if (head.k === "node" && head.node.k === "cls" && classHas(head.node, cp)) next.push(tail);
    }
    return this.close(next);
  }

  /** Expands every stack until its head consumes a character (or it is empty: accept). */
  private close(stacks: Stack[]): State {
    const out: Stack[] = [];
    const seen = new Set<string>();
    let accept = false;
    const visit = (st: Stack, depth: number): void => {
      if (depth > MAX_EXPANSION_DEPTH) throw new Error("grammar expansion too deep");
      if (!st) {
        accept = true;
        return;
      }
      const { head, tail } = st;
      const push = (item: Item, rest: Stack) => visit({ head: item, tail: rest }, depth + 1);
      if (head.k === "lit") {
        this.keep(st, out, seen);
        return;
      }
      if (head.k === "rep") {
        const { node, n } = head;
        if (n >= node.min) visit(tail, depth + 1);
        if (n < node.max) push({ k: "node", node: node.node }, { head: { k: "rep", node, n: n + 1 }, tail });
        return;
      }
      const node = head.node;
      if (node.k === "lit") {
        if (node.s === "") visit(tail, depth + 1);
        else this.keep({ head: { k: "lit", node, i: 0 }, tail }, out, seen);
      } else if (node.k === "cls") this.keep(st, out, seen);
      else if (node.k === "ref") {
        const body = this.rules.get(node.name);
        if (!body) throw new Error(`undefined rule ${node.name}`);
        push({ k: "node", node: body }, tail);
      } else if (node.k === "seq") {
        let rest = tail;
        for (let i = node.items.length - 1; i >= 0; i--)
          rest = { head: { k: "node", node: node.items[i] as GbnfNode }, tail: rest };
        visit(rest, depth + 1);
      } else if (node.k === "alt") for (const o of node.options) push({ k: "node", node: o }, tail);
      else push({ k: "rep", node, n: 0 }, tail);
    };
    for (const st of stacks) visit(st, 0);
    return { stacks: out, accept };
  }

  private keep(st: Stack, out: Stack[], seen: Set<string>): void {
    const key = this.key(st);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(st);
  }

  private id(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(o, id);
    }
    return id;
  }

  private key(st: Stack): string {
    let k = "";
    for (let s = st; s; s = s.tail) {
      const h = s.head;
      k +=
        h.k === "node"
          ? `n${this.id(h.node)},`
          : h.k === "lit"
            ? `l${this.id(h.node)}:${h.i},`
            : `r${this.id(h.node)}:${h.n},`;
    }
    return k;
  }
}

/** The one character a stack's head admits, if it admits exactly one. */
function nextOnly(st: NonNullable<Stack>): number | undefined {
  const h = st.head;
  if (h.k === "lit") return h.node.s.codePointAt(h.i);
  if (h.k === "node" && h.node.k === "cls" && !h.node.neg && h.node.items.length === 1) {
    const [lo, hi] = h.node.items[0] as [number, number];
    return lo === hi ? lo : undefined;
  }
  return undefined;
}
