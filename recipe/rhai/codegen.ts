/**
 * Second compilation tier: a function body becomes the source of one JavaScript function, built
 * with `new Function`, instead of a tree of closures. The closure tree pays an indirect call per
 * node, and all closures made by one compiler method share V8's type feedback, so hot scripts end
 * up in megamorphic calls. Generated code has its own feedback and inlines the glue: variables,
 * blocks, loops, `if`, arithmetic with the integer fast paths, literals, calls.
 *
 * Every node type this file does not know is compiled by the closure compiler and called from the
 * generated code (`k7(f)`), so both tiers share one definition of each construct's semantics, and
 * statements, operation counts, control flow (`f.ctl`) and error positions behave the same.
 *
 * Safety: the generated text contains only numbers, JSON-quoted strings, slot numbers and names
 * this file makes up; every script-controlled value travels in the constants array `K`.
 */

import {
  copyCounted,
  equalsCounted,
  isObj,
  isPlace,
  measureCharged,
  readIndex,
  writeIndex,
} from "./access.js";
import type { Block, Expr, Stmt } from "./ast.js";
import type { CompilerCore } from "./compile-types.js";
import { holdsData, partsSizeError } from "./data-size.js";
import { limitError, RhaiError } from "./errors.js";
import * as ops from "./ops.js";
import { type CompiledFn, Frame, type Runtime } from "./runtime.js";
import { cloneValue, RRange, typeName, type Value } from "./values.js";

type Ev = (f: Frame) => Value;

/** Runtime helpers the generated code calls on slow paths; each raises errors at the given offset. */
export interface Helpers {
  tooMany(rt: Runtime, pos: number): void;
  ovf(a: number, op: string, b: number, pos: number): never;
  add(a: Value, b: Value, rt: Runtime, pos: number): Value;
  arith(op: string, a: Value, b: Value, pos: number): Value;
  cmp(op: string, a: Value, b: Value): boolean;
  eq(a: Value, b: Value, rt: Runtime): boolean;
  neg(v: Value, pos: number): Value;
  notErr(v: Value, pos: number): never;
  condErr(what: string, v: Value, pos: number): never;
  boolErr(msg: string, v: Value, pos: number): never;
  range(a: Value, b: Value, incl: boolean, pos: number): RRange;
  cc(v: Value, rt: Runtime): Value;
  clone(v: Value): Value;
  prop(f: Frame, o: Value, name: string, pos: number, safe: boolean): Value;
  index(o: Value, k: Value, rt: Runtime, pos: number): Value;
  store(o: Value, k: Value, v: Value, rt: Runtime, pos: number): Value | undefined;
  arrLimit(rt: Runtime, pos: number): never;
  /** Data-size check of a new array or map literal (see data-size.ts). */
  measureParts(isMap: boolean, own: number, parts: Value[], rt: Runtime, pos: number): void;
  /** Data-size check of a map that received `v` as a property. */
  measureStore(o: Value, v: Value, rt: Runtime, pos: number): void;
  mapLimit(rt: Runtime, pos: number): never;
  compound(f: Frame, op: string, a: Value, b: Value, pos: number): Value;
  items(it: Value, pos: number): Value[];
  run(cf: CompiledFn, f: Frame, pos: number): Value;
  RRange: typeof RRange;
}

export function makeHelpers(c: CompilerCore): Helpers {
  const src = c.src;
  const at = (e: unknown, pos: number): unknown => (e instanceof RhaiError ? e.at(src, pos) : e);
  return {
    tooMany(rt, pos) {
      rt.checkpoint(src, pos);
    },
    ovf(a, op, b, pos) {
      throw ops.overflow(a, op, b).at(src, pos);
    },
    add(a, b, rt, pos) {
      if (typeof a === "string" && (typeof b === "string" || typeof b === "number")) {
        const s = a + b;
        if (s.length <= rt.limits.maxStringLength) return s;
      }
      try {
        return ops.addSlow(a, b, rt);
      } catch (e) {
        throw at(e, pos);
      }
    },
    arith(op, a, b, pos) {
      try {
        if (typeof a === "number" && typeof b === "number") {
          if (op === "/") return ops.intDiv(a, b);
          if (op === "%") return ops.intMod(a, b);
          if (op !== "**") return ops.intBit(op, a, b);
        }
        return ops.arith(op, a, b);
      } catch (e) {
        throw at(e, pos);
      }
    },
    cmp: (op, a, b) => ops.compare(op, a, b),
    eq: equalsCounted,
    neg(v, pos) {
      try {
        return ops.negate(v);
      } catch (e) {
        throw at(e, pos);
      }
    },
    notErr(v, pos) {
      throw ops.err(`Function not found: ! (${typeName(v)})`, "`!` negates a bool").at(src, pos);
    },
    condErr(what, v, pos) {
      throw ops
        .err(
          `${what} must be a bool, found ${typeName(v)}`,
          what === "The loop condition" ? 'compare explicitly, e.g. `x != 0` or `s != ""`' : undefined,
        )
        .at(src, pos);
    },
    boolErr(msg, v, pos) {
      throw ops.err(`${msg} must be a bool, found ${typeName(v)}`).at(src, pos);
    },
    range(a, b, incl, pos) {
      try {
        return ops.makeRange(a, b, incl);
      } catch (e) {
        throw at(e, pos);
      }
    },
    cc: copyCounted,
    clone: cloneValue,
    prop(f, o, name, pos, safe) {
      if (safe && o === null) return null;
      return c.getProp(f, o, name, pos);
    },
    index(o, k, rt, pos) {
      try {
        return readIndex(o, k, rt);
      } catch (e) {
        throw at(e, pos);
      }
    },
    store(o, k, v, rt, pos) {
      try {
        return writeIndex(o, k, v, rt);
      } catch (e) {
        throw at(e, pos);
      }
    },
    measureParts(isMap, own, parts, rt, pos) {
      const e = partsSizeError(isMap, own, parts, rt.limits);
      if (e !== null) throw e.at(src, pos);
    },
    measureStore(o, v, rt, pos) {
      if (holdsData(v)) measureCharged(o, rt, src, pos);
    },
    arrLimit(rt, pos) {
      throw limitError(
        `Array size exceeds the limit of ${rt.limits.maxArrayLength} elements`,
        "raise maxArrayLength in the engine limits if this is intended",
      ).at(src, pos);
    },
    mapLimit(rt, pos) {
      throw limitError(
        `Object map size exceeds the limit of ${rt.limits.maxMapSize} properties`,
        "raise maxMapSize in the engine limits if this is intended",
      ).at(src, pos);
    },
    compound: (f, op, a, b, pos) => c.compound(f, op, a, b, pos),
    items: (it, pos) => c.iterItems(it, pos),
    run: (cf, f, pos) => c.runFrame(cf, f, pos),
    RRange,
  };
}

const SPECIAL_CALLS = new Set(["Fn", "call", "is_def_var", "is_def_fn", "eval"]);
const CTL_STMTS = new Set(["break", "continue", "return"]);

/** Whether evaluating `node` may set `f.ctl` (break/continue/return outside a nested closure). */
function mayCtl(node: unknown, memo: WeakMap<object, boolean>): boolean {
  if (node === null || typeof node !== "object") return false;
  const cached = memo.get(node);
  if (cached !== undefined) return cached;
  let r = false;
  const t = (node as { t?: unknown }).t;
  if (typeof t === "string" && CTL_STMTS.has(t)) r = true;
  else if (t !== "closure" && t !== "lit" && !(node instanceof Map)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "res" || k === "decl" || k === "vDecl" || k === "iDecl" || k === "errDecl") continue;
      if (mayCtl(v, memo)) {
        r = true;
        break;
      }
    }
  }
  memo.set(node, r);
  return r;
}

class Gen {
  private readonly lines: string[] = [];
  readonly consts: unknown[] = [];
  private n = 0;
  private readonly memo = new WeakMap<object, boolean>();

  constructor(
    private readonly c: CompilerCore,
    readonly helpers: Helpers,
  ) {}

  get temps(): number {
    return this.n;
  }

  code(): string {
    return this.lines.join("\n");
  }

  private emit(line: string): void {
    this.lines.push(line);
  }

  private k(v: unknown): string {
    this.consts.push(v);
    return `k${this.consts.length - 1}`;
  }

  /** Literal temporaries with the name of their "holds only scalars" flag (see measureLiteral). */
  private readonly flatOf = new Map<string, { flag: string; isMap: boolean }>();

  /**
   * The data-size check of a new literal (see data-size.ts), without a call in the common case.
   * Items that are number or bool literals hold nothing. An item that is itself a literal holding
   * only scalars (its flag, set at run time) adds just its own size, summed here inline. Any other
   * item that turns out to be a string or a container makes the helper walk the parts.
   */
  private measureLiteral(t: string, isMap: boolean, xs: Expr[], vals: string[], pos: number): void {
    const walk: string[] = [];
    const arrays: string[] = isMap ? [] : [`${t}.length`];
    const maps: string[] = isMap ? [`${t}.size`] : [];
    let hasParts = false;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as Expr;
      if (x.t === "lit" && (typeof x.v === "number" || typeof x.v === "boolean" || x.v === null)) continue;
      const v = vals[i] as string;
      const inner = this.flatOf.get(v);
      if (inner) {
        hasParts = true;
        walk.push(`!${inner.flag}`);
        (inner.isMap ? maps : arrays).push(inner.isMap ? `${v}.size` : `${v}.length`);
        continue;
      }
      walk.push(`typeof ${v} === "string" || (typeof ${v} === "object" && ${v} !== null)`);
    }
    const flag = this.tmp();
    // An array literal is its own list of parts; a map literal passes its values.
    const call = isMap
      ? `H.measureParts(true, ${t}.size, [${vals.join(", ")}], rt, ${pos});`
      : `H.measureParts(false, ${t}.length, ${t}, rt, ${pos});`;
    if (walk.length === 0) {
      this.emit(`const ${flag} = true;`);
      this.flatOf.set(t, { flag, isMap });
      return;
    }
    this.emit(`const ${flag} = !(${walk.join(" || ")});`);
    if (hasParts)
      this.emit(
        `if (!${flag} || ${arrays.join(" + ") || "0"} > rt.limits.maxArrayLength || ${maps.join(" + ") || "0"} > rt.limits.maxMapSize) ${call}`,
      );
    else this.emit(`if (!${flag}) ${call}`);
    // A literal with literal items is not flat for its own parent: it holds containers.
    if (!hasParts) this.flatOf.set(t, { flag, isMap });
  }

  private tmp(): string {
    return `t${this.n++}`;
  }

  private label(): string {
    return `L${this.n++}`;
  }

  private fallback(ev: Ev): string {
    const t = this.tmp();
    this.emit(`let ${t} = ${this.k(ev)}(f);`);
    return t;
  }

  private opsCheck(pos: number): void {
    this.emit(`if (++rt.ops > rt.maxOps) H.tooMany(rt, ${pos});`);
  }

  /** A block: each statement counted and positioned; stops after a statement that set `f.ctl`. */
  block(b: Block, isFnBody: boolean): string {
    const sts = b.stmts.filter((s) => s.t !== "empty" && s.t !== "fn");
    const r = this.tmp();
    this.emit(`let ${r} = null;`);
    if (sts.length === 0) return r;
    const L = this.label();
    this.emit(`${L}: {`);
    sts.forEach((st, i) => {
      const last = i === sts.length - 1;
      this.opsCheck(st.s);
      this.emit(`rt.pos = ${st.s};`);
      const v = this.stmt(st, isFnBody && last);
      if (last) this.emit(`${r} = ${v};`);
      else if (mayCtl(st, this.memo)) this.emit(`if (f.ctl !== 0) { ${r} = ${v}; break ${L}; }`);
    });
    this.emit("}");
    return r;
  }

  private stmt(st: Stmt, isLastOfFn: boolean): string {
    switch (st.t) {
      case "let": {
        if (st.exported) return this.fallback(this.c.stmt(st, isLastOfFn));
        const d = st.decl;
        if (!d || (d.isConst && this.c.isMainTop(st))) {
          this.emit(`${this.k(this.c.stmt(st, false))}(f);`);
          return "null";
        }
        const v = st.value ? this.valueOf(st.value) : "null";
        this.emit(d.boxed ? `V[${d.slot}] = { v: ${v} };` : `V[${d.slot}] = ${v};`);
        return "null";
      }
      case "expr": {
        const x = st.x;
        if (isLastOfFn && isPlace(x) && !(x.t === "var" && x.res?.k === "local" && !x.res.decl.boxed))
          return this.valueOf(x);
        return this.expr(x);
      }
      case "break":
      case "return": {
        const v = st.value ? this.valueOf(st.value) : "null";
        this.emit(`f.cv = ${v}; f.ctl = ${st.t === "break" ? 1 : 3};`);
        return "null";
      }
      case "continue":
        this.emit("f.ctl = 2;");
        return "null";
      default:
        return this.fallback(this.c.stmt(st, isLastOfFn));
    }
  }

  /** An expression whose value is stored: places are copied (Rhai's value semantics). */
  private valueOf(x: Expr): string {
    const a = this.expr(x);
    if (!isPlace(x)) return a;
    const t = this.tmp();
    this.emit(`let ${t} = typeof ${a} !== "object" || ${a} === null ? ${a} : H.cc(${a}, rt);`);
    return t;
  }

  private literal(v: Value): string {
    if (v === null) return "null";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "string") return JSON.stringify(v);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return this.k(v);
      // In parentheses so that `(3).length` stays valid where an atom meets a property access.
      return Object.is(v, -0) ? "(-0)" : `(${v})`;
    }
    if (isObj(v)) {
      const t = this.tmp();
      this.emit(`let ${t} = H.clone(${this.k(v)});`);
      return t;
    }
    return this.k(v);
  }

  expr(x: Expr): string {
    switch (x.t) {
      case "lit":
        return this.literal(x.v);
      case "var": {
        const res = x.res;
        if (!res || res.k === "dyn") return this.fallback(this.c.expr(x));
        const t = this.tmp();
        if (res.k === "capture") this.emit(`let ${t} = f.caps[${res.idx}].v;`);
        else if (res.decl.boxed) this.emit(`let ${t} = V[${res.decl.slot}].v;`);
        else this.emit(`let ${t} = V[${res.decl.slot}];`);
        return t;
      }
      case "bin":
        return this.binary(x);
      case "unary": {
        if (x.op !== "-" && x.op !== "!") break;
        const a = this.expr(x.x);
        const t = this.tmp();
        if (x.op === "-")
          this.emit(`let ${t} = typeof ${a} === "number" ? (${a} === 0 ? 0 : -${a}) : H.neg(${a}, ${x.s});`);
        else this.emit(`let ${t} = typeof ${a} === "boolean" ? !${a} : H.notErr(${a}, ${x.s});`);
        return t;
      }
      case "assign":
        return this.assign(x);
      case "block":
        return this.block(x, false);
      case "if": {
        const c = this.expr(x.cond);
        const r = this.tmp();
        this.emit(`let ${r} = null;`);
        this.emit(`if (${c} === true) {`);
        const a = this.block(x.then, false);
        this.emit(`${r} = ${a};`);
        this.emit(`} else if (${c} === false) {`);
        if (x.else) {
          const b = this.expr(x.else);
          this.emit(`${r} = ${b};`);
        }
        this.emit(`} else H.condErr("The condition of 'if'", ${c}, ${x.cond.s});`);
        return r;
      }
      case "while":
        return this.whileLoop(x);
      case "do":
        return this.doLoop(x);
      case "for":
        return this.forLoop(x);
      case "prop": {
        const o = this.expr(x.obj);
        const r = this.tmp();
        const name = JSON.stringify(x.name);
        this.emit(
          `let ${r}; if (${o} instanceof Map) { ${r} = ${o}.get(${name}); if (${r} === undefined) ${r} = null; } else ${r} = H.prop(f, ${o}, ${name}, ${x.e - x.name.length}, ${x.safe});`,
        );
        return r;
      }
      case "index": {
        const o = this.expr(x.obj);
        const r = this.tmp();
        this.emit(`let ${r} = null;`);
        if (x.safe) this.emit(`if (${o} !== null) {`);
        const i = this.expr(x.idx);
        this.emit(`${r} = H.index(${o}, ${i}, rt, ${x.idx.s ?? x.s});`);
        if (x.safe) this.emit("}");
        return r;
      }
      case "arr": {
        const items = x.items.map((i) => this.valueOf(i));
        const t = this.tmp();
        this.emit(`let ${t} = [${items.join(", ")}];`);
        this.emit(`if (${t}.length > rt.limits.maxArrayLength) H.arrLimit(rt, ${x.s});`);
        this.measureLiteral(t, false, x.items, items, x.s);
        return t;
      }
      case "map": {
        const t = this.tmp();
        this.emit(`let ${t} = new Map();`);
        const vals: string[] = [];
        for (const [key, vx] of x.entries) {
          const v = this.valueOf(vx);
          vals.push(v);
          this.emit(`${t}.set(${JSON.stringify(key)}, ${v});`);
        }
        this.emit(`if (${t}.size > rt.limits.maxMapSize) H.mapLimit(rt, ${x.s});`);
        this.measureLiteral(
          t,
          true,
          x.entries.map(([, vx]) => vx),
          vals,
          x.s,
        );
        return t;
      }
      case "call":
        return this.call(x);
      case "method":
        return this.method(x);
    }
    return this.fallback(this.c.expr(x));
  }

  private binary(x: Extract<Expr, { t: "bin" }>): string {
    const op = x.op;
    const pos = x.opPos;
    if (op === "in" || op === "!in") return this.fallback(this.c.expr(x));
    if (op === "&&" || op === "||" || op === "??") return this.logical(x);
    const a = this.expr(x.l);
    const b = this.expr(x.r);
    const t = this.tmp();
    const ints = `typeof ${a} === "number" && typeof ${b} === "number"`;
    const MAX = 9007199254740991;
    switch (op) {
      case "+":
        this.emit(
          `let ${t}; if (${ints}) { ${t} = ${a} + ${b}; if (${t} > ${MAX} || ${t} < -${MAX}) H.ovf(${a}, "+", ${b}, ${pos}); } else if (typeof ${a} === "string" && (typeof ${b} === "string" || typeof ${b} === "number")) { ${t} = ${a} + ${b}; if (${t}.length > rt.limits.maxStringLength) ${t} = H.add(${a}, ${b}, rt, ${pos}); } else ${t} = H.add(${a}, ${b}, rt, ${pos});`,
        );
        return t;
      case "-":
      case "*":
        this.emit(
          `let ${t}; if (${ints}) { ${t} = ${a} ${op} ${b}; if (${t} > ${MAX} || ${t} < -${MAX}) H.ovf(${a}, "${op}", ${b}, ${pos}); if (${t} === 0) ${t} = 0; } else ${t} = H.arith("${op}", ${a}, ${b}, ${pos});`,
        );
        return t;
      case "%":
        this.emit(
          `let ${t}; if (${ints} && ${b} !== 0) { ${t} = ${a} % ${b}; if (${t} === 0) ${t} = 0; } else ${t} = H.arith("%", ${a}, ${b}, ${pos});`,
        );
        return t;
      case "/":
      case "**":
      case "&":
      case "|":
      case "^":
      case "<<":
      case ">>":
        this.emit(`let ${t} = H.arith("${op}", ${a}, ${b}, ${pos});`);
        return t;
      case "==":
        this.emit(`let ${t} = ${ints} ? ${a} === ${b} : H.eq(${a}, ${b}, rt);`);
        return t;
      case "!=":
        this.emit(`let ${t} = ${ints} ? ${a} !== ${b} : !H.eq(${a}, ${b}, rt);`);
        return t;
      case "<":
      case "<=":
      case ">":
      case ">=":
        this.emit(`let ${t} = ${ints} ? ${a} ${op} ${b} : H.cmp("${op}", ${a}, ${b});`);
        return t;
      case "..":
      case "..=":
        this.emit(`let ${t} = H.range(${a}, ${b}, ${op === "..="}, ${pos});`);
        return t;
    }
    throw new Error(`codegen: operator ${op}`);
  }

  private logical(x: Extract<Expr, { t: "bin" }>): string {
    const op = x.op;
    const pos = x.opPos;
    const a = this.expr(x.l);
    const t = this.tmp();
    if (op === "??") {
      this.emit(`let ${t} = ${a};`);
      this.emit(`if (${t} === null) {`);
      const b = this.expr(x.r);
      this.emit(`${t} = ${b};`);
      this.emit("}");
      return t;
    }
    const and = op === "&&";
    this.emit(`let ${t} = ${and ? "false" : "true"};`);
    this.emit(`if (${a} === ${and ? "true" : "false"}) {`);
    const b = this.expr(x.r);
    this.emit(
      `if (typeof ${b} !== "boolean") H.boolErr("Right operand of '${op}'", ${b}, ${pos}); ${t} = ${b};`,
    );
    this.emit(
      `} else if (${a} !== ${and ? "false" : "true"}) H.boolErr("Left operand of '${op}'", ${a}, ${pos});`,
    );
    return t;
  }

  /** Reads and writes of a variable the resolver bound to a slot or a capture; null otherwise. */
  private varAccess(x: Expr): { get: string; set: (v: string) => string } | null {
    if (x.t !== "var" || !x.res || x.res.k === "dyn") return null;
    const res = x.res;
    const place =
      res.k === "capture"
        ? `f.caps[${res.idx}].v`
        : res.decl.boxed
          ? `V[${res.decl.slot}].v`
          : `V[${res.decl.slot}]`;
    return { get: place, set: (v) => `${place} = ${v};` };
  }

  private assign(x: Extract<Expr, { t: "assign" }>): string {
    const tg = x.target;
    if (x.op === "=" && (tg.t === "prop" || tg.t === "index")) {
      const parent = this.varAccess(tg.obj);
      if (parent) return this.storeInto(tg, parent, x.value);
    }
    const acc = this.varAccess(x.target);
    if (!acc) {
      this.emit(`${this.k(this.c.expr(x))}(f);`);
      return "null";
    }
    const pos = x.target.s;
    if (x.op === "=") {
      const v = this.valueOf(x.value);
      this.emit(acc.set(v));
      return "null";
    }
    if (x.op === "??=") {
      this.emit(`if (${acc.get} === null) {`);
      const v = this.valueOf(x.value);
      this.emit(acc.set(v));
      this.emit("}");
      return "null";
    }
    const op = x.op.slice(0, -1);
    const a = this.tmp();
    this.emit(`let ${a} = ${acc.get};`);
    const b = this.valueOf(x.value);
    const c = this.tmp();
    const generic = `${c} = H.compound(f, ${JSON.stringify(op)}, ${a}, ${b}, ${pos}); if (${c} !== ${a} || typeof ${a} !== "object") ${acc.set(c)}`;
    if (op === "+") {
      const MAX = 9007199254740991;
      this.emit(
        `let ${c}; if (typeof ${a} === "number" && typeof ${b} === "number") { ${c} = ${a} + ${b}; if (${c} > ${MAX} || ${c} < -${MAX}) H.ovf(${a}, "+", ${b}, ${pos}); ${acc.set(c)} } else if (typeof ${a} === "string" && typeof ${b} === "string" && ${a}.length + ${b}.length <= rt.limits.maxStringLength) { ${acc.set(`${a} + ${b}`)} } else { ${generic} }`,
      );
    } else this.emit(`let ${c}; ${generic}`);
    return "null";
  }

  /** `v.name = value` and `v[i] = value` on a variable: the value first, then the container. */
  private storeInto(
    tg: Extract<Expr, { t: "prop" }> | Extract<Expr, { t: "index" }>,
    parent: { get: string; set: (v: string) => string },
    value: Expr,
  ): string {
    const v = this.valueOf(value);
    const o = this.tmp();
    this.emit(`let ${o} = ${parent.get};`);
    if (tg.t === "prop") {
      const name = JSON.stringify(tg.name);
      const slow = this.k(this.c.lv(tg).set);
      this.emit(
        `if (${o} instanceof Map) { if (${o}.size >= rt.limits.maxMapSize && !${o}.has(${name})) H.mapLimit(rt, ${tg.e - tg.name.length}); ${o}.set(${name}, ${v}); if (typeof ${v} === "object" || typeof ${v} === "string") H.measureStore(${o}, ${v}, rt, ${tg.e - tg.name.length}); } else ${slow}(f, ${v});`,
      );
      return "null";
    }
    const k = this.expr(tg.idx);
    const r = this.tmp();
    this.emit(
      `if (Array.isArray(${o}) && typeof ${k} === "number" && ${k} >= 0 && ${k} < ${o}.length) { ${o}[${k}] = ${v}; if (typeof ${v} === "object" || typeof ${v} === "string") H.measureStore(${o}, ${v}, rt, ${tg.idx.s}); } else { const ${r} = H.store(${o}, ${k}, ${v}, rt, ${tg.idx.s}); if (${r} !== undefined) ${parent.set(r)} }`,
    );
    return "null";
  }

  private call(x: Extract<Expr, { t: "call" }>): string {
    if (x.ns !== null || SPECIAL_CALLS.has(x.name)) return this.fallback(this.c.expr(x));
    const n = x.args.length;
    const cf = this.c.fns.get(`${x.name}/${n}`);
    const args = x.args.map((a) => this.valueOf(a));
    const r = this.tmp();
    if (cf) {
      const fr = this.tmp();
      this.emit(`let ${fr} = new Frame(rt, ${cf.nslots}, null, null, null);`);
      args.forEach((a, i) => {
        this.emit(cf.paramDecls[i]?.boxed ? `${fr}.vars[${i}] = { v: ${a} };` : `${fr}.vars[${i}] = ${a};`);
      });
      this.emit(`let ${r} = H.run(${this.k(cf)}, ${fr}, ${x.s});`);
      return r;
    }
    this.emit(`let ${r} = ${this.k(this.c.nativeCallInvoker(x))}(f, [${args.join(", ")}]);`);
    return r;
  }

  private method(x: Extract<Expr, { t: "method" }>): string {
    const obj = x.obj;
    const simple = !isPlace(obj) || this.varAccess(obj) !== null;
    const n = x.args.length;
    if (!simple || n > 1) return this.fallback(this.c.expr(x));
    const target = isPlace(obj) ? this.c.lv(obj) : null;
    const isConst = target?.isConst ?? false;
    const set = target && !isConst ? target.set : null;
    const inv = this.c.methodInvoker1(x.name, n, isConst, set, obj.e + 1);
    if (!inv) return this.fallback(this.c.expr(x));
    const o = this.expr(obj);
    const r = this.tmp();
    this.emit(`let ${r} = null;`);
    if (x.safe) this.emit(`if (${o} !== null) {`);
    const a = n === 1 ? this.valueOf(x.args[0] as Expr) : "null";
    this.emit(`${r} = ${this.k(inv)}(f, ${o}, ${a});`);
    if (x.safe) this.emit("}");
    return r;
  }

  /** After a loop body: `break` ends the loop with its value, `continue` goes on, `return` leaves. */
  private loopCtl(body: Block, r: string, L: string): void {
    if (!mayCtl(body, this.memo)) return;
    this.emit(
      `if (f.ctl !== 0) { if (f.ctl === 1) { f.ctl = 0; ${r} = f.cv; f.cv = null; break ${L}; } if (f.ctl === 2) f.ctl = 0; else break ${L}; }`,
    );
  }

  private whileLoop(x: Extract<Expr, { t: "while" }>): string {
    const r = this.tmp();
    const L = this.label();
    this.emit(`let ${r} = null;`);
    this.emit(`${L}: for (;;) {`);
    this.opsCheck(x.s);
    if (x.cond) {
      const c = this.expr(x.cond);
      this.emit(`if (${c} === false) break ${L};`);
      this.emit(`if (${c} !== true) H.condErr("The condition of 'while'", ${c}, ${x.cond.s});`);
    }
    this.block(x.body, false);
    this.loopCtl(x.body, r, L);
    this.emit("}");
    return r;
  }

  private doLoop(x: Extract<Expr, { t: "do" }>): string {
    const r = this.tmp();
    const L = this.label();
    this.emit(`let ${r} = null;`);
    this.emit(`${L}: for (;;) {`);
    this.opsCheck(x.s);
    this.block(x.body, false);
    this.loopCtl(x.body, r, L);
    const c = this.expr(x.cond);
    this.emit(`if (${c} !== true && ${c} !== false) H.condErr("The loop condition", ${c}, ${x.cond.s});`);
    this.emit(`if (${c} === ${x.until}) break ${L};`);
    this.emit("}");
    return r;
  }

  private forLoop(x: Extract<Expr, { t: "for" }>): string {
    const vd = x.vDecl;
    if (!vd) return this.fallback(this.c.expr(x));
    const id = x.iDecl ?? null;
    const it = this.expr(x.iter);
    const r = this.tmp();
    const items = this.tmp();
    const base = this.tmp();
    const count = this.tmp();
    const i = this.tmp();
    const v = this.tmp();
    const L = this.label();
    // A captured loop variable is one cell for the whole loop (see the closure compiler).
    if (vd.boxed) this.emit(`V[${vd.slot}] = { v: null };`);
    if (id?.boxed) this.emit(`V[${id.slot}] = { v: null };`);
    this.emit(`let ${r} = null, ${items} = null, ${base} = 0, ${count};`);
    this.emit(
      `if (${it} instanceof H.RRange) { ${base} = ${it}.start; ${count} = ${it}.stop - ${base}; } else { ${items} = H.items(${it}, ${x.iter.s}); ${count} = ${items}.length; }`,
    );
    this.emit(`${L}: for (let ${i} = 0; ${i} < ${count}; ${i}++) {`);
    this.opsCheck(x.s);
    this.emit(`const ${v} = ${items} === null ? ${base} + ${i} : H.cc(${items}[${i}], rt);`);
    this.emit(vd.boxed ? `V[${vd.slot}].v = ${v};` : `V[${vd.slot}] = ${v};`);
    if (id) this.emit(id.boxed ? `V[${id.slot}].v = ${i};` : `V[${id.slot}] = ${i};`);
    this.block(x.body, false);
    this.loopCtl(x.body, r, L);
    this.emit("}");
    return r;
  }
}

/**
 * For tests and comparisons: `on: false` keeps everything on the closure tier; `eager: true`
 * generates every body when the script is compiled instead of when it gets hot. Counts of units.
 */
export const codegenEnabled = { on: true, eager: false, generated: 0, failed: 0 };

/** Units bigger than this stay on the closure tier: V8 does not optimize huge functions, and their
 * stack frames would eat into the recursion the limits allow. */
const MAX_TEMPS = 800;

function build(g: Gen, result: string): Ev {
  if (g.temps > MAX_TEMPS) throw new Error("codegen: unit too large");
  const names = g.consts.map((_, i) => `k${i} = K[${i}]`);
  const text = `"use strict";\n${names.length ? `const ${names.join(", ")};\n` : ""}return function generated(f) {\nconst rt = f.rt;\nconst V = f.vars;\n${g.code()}\nreturn ${result};\n};`;
  try {
    const make = new Function("K", "H", "Frame", text) as (k: unknown[], h: Helpers, fr: typeof Frame) => Ev;
    return make(g.consts, g.helpers, Frame);
  } catch (e) {
    if (process.env.RHAI_CODEGEN_DEBUG) console.error(text);
    throw e;
  }
}

function attempt(make: () => Ev): Ev | null {
  if (!codegenEnabled.on) return null;
  try {
    const fn = make();
    codegenEnabled.generated++;
    return fn;
  } catch (e) {
    // A generator gap must not break a script: it runs on the closure tier instead.
    codegenEnabled.failed++;
    if (process.env.RHAI_CODEGEN_DEBUG) console.error(e);
    return null;
  }
}

/** Generated code for a function body, or null when it stays on the closure tier. */
export function generateBody(c: CompilerCore, body: Block, isFnBody: boolean, helpers: Helpers): Ev | null {
  return attempt(() => {
    const g = new Gen(c, helpers);
    const r = g.block(body, isFnBody);
    return build(g, r);
  });
}

/** Generated code for one expression (a loop), or null when it stays on the closure tier. */
export function generateExpr(c: CompilerCore, x: Expr, helpers: Helpers): Ev | null {
  return attempt(() => {
    const g = new Gen(c, helpers);
    const r = g.expr(x);
    return build(g, r);
  });
}
