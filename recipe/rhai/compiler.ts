import type { Block, Decl, Expr, FnDef, Stmt } from "./ast.js";
import { codegenEnabled, generateBody, generateExpr, type Helpers, makeHelpers } from "./codegen.js";
import { limitError, RhaiError, type SourceFile } from "./errors.js";
import * as ops from "./ops.js";
import {
  argsMatch,
  type Cell,
  type Closure,
  type CompiledFn,
  Frame,
  NativeCallContext,
  type NativeFn,
  type NativeRegistry,
  PARAM_TYPE_NAMES,
  type Runtime,
  type ScopeLike,
  tagOf,
} from "./runtime.js";
import {
  CloneBudgetExceeded,
  chars,
  cloneValue,
  cloneWork,
  display,
  FnPtr,
  hasSurrogates,
  RChar,
  RFloat,
  type RMap,
  RRange,
  typeName,
  type Value,
  valuesEqual,
} from "./values.js";

// Local copies: module bindings compiled by some loaders become getter calls on every use.
const MAX_INT = 9007199254740991;
const CTL_NONE = 0;
const CTL_BREAK = 1;
const CTL_CONTINUE = 2;
const CTL_RETURN = 3;
const addSlow = ops.addSlow;
const arith = ops.arith;
const checkLen = ops.checkLen;
const compare = ops.compare;
const err = ops.err;
const intBit = ops.intBit;
const intDiv = ops.intDiv;
const intMod = ops.intMod;
const makeRange = ops.makeRange;
const negate = ops.negate;
const overflow = ops.overflow;

type Ev = (f: Frame) => Value;

export interface Lv {
  get: Ev;
  set: (f: Frame, v: Value) => void;
  /** The variable is a constant: method calls get a copy. */
  isConst: boolean;
}

export function isPlace(x: Expr): boolean {
  return x.t === "var" || x.t === "index" || x.t === "prop" || x.t === "this";
}

export function isObj(v: Value): boolean {
  return v !== null && typeof v === "object" && (Array.isArray(v) || v instanceof Map);
}

/** Copy an array or map, charging the copied elements to the operations limit. */
export function copyCounted(v: Value, rt: Runtime): Value {
  if (v === null || typeof v !== "object" || !(Array.isArray(v) || v instanceof Map)) return v;
  const before = cloneWork.n;
  cloneWork.limit = before + (rt.maxOps - rt.ops);
  let out: Value;
  try {
    out = cloneValue(v);
  } catch (e) {
    if (e instanceof CloneBudgetExceeded) {
      rt.ops = rt.maxOps + 1;
      throw rt.tooManyOps();
    }
    throw e;
  } finally {
    cloneWork.limit = Number.POSITIVE_INFINITY;
  }
  rt.ops += cloneWork.n - before;
  if (rt.ops > rt.maxOps) throw rt.tooManyOps();
  return out;
}

function copyIfObj(v: Value): Value {
  return v !== null && typeof v === "object" && (Array.isArray(v) || v instanceof Map) ? cloneValue(v) : v;
}

function truthy(v: Value, what: string): boolean {
  if (v === true) return true;
  if (v === false) return false;
  throw err(`${what} must be a bool, found ${typeName(v)}`, 'compare explicitly, e.g. `x != 0` or `s != ""`');
}

let anonCounter = 0;

/** Turns the resolved AST into a tree of JS closures. */
export class Compiler {
  readonly fns = new Map<string, CompiledFn>();

  constructor(readonly src: SourceFile) {}

  at(e: unknown, offset: number): unknown {
    if (e instanceof RhaiError) return e.at(this.src, offset);
    return e;
  }

  declareFn(def: FnDef): CompiledFn {
    const cf: CompiledFn = {
      name: def.name,
      arity: def.params.length,
      nslots: def.nslots ?? 0,
      paramDecls: def.paramDecls ?? [],
      def,
      body: () => null,
    };
    if (def.name) this.fns.set(`${def.name}/${cf.arity}`, cf);
    return cf;
  }

  private inFunction = false;
  private helpersCache: Helpers | null = null;
  private get helpers(): Helpers {
    if (this.helpersCache === null) this.helpersCache = makeHelpers(this);
    return this.helpersCache;
  }

  /**
   * Bodies start on the closure tier, which costs nothing to build. A function called a second time
   * switches to generated code (see codegen.ts); the main body runs once, so only its loops do.
   */
  defineFn(cf: CompiledFn, isMain: boolean): void {
    const saved = this.inFunction;
    this.inFunction = !isMain;
    const closureBody = this.block(cf.def.body, !isMain);
    this.inFunction = saved;
    cf.body = closureBody;
    if (codegenEnabled.eager) {
      cf.body =
        this.generated(!isMain, () => generateBody(this, cf.def.body, !isMain, this.helpers)) ?? closureBody;
      return;
    }
    if (isMain) return;
    let calls = 0;
    cf.body = (f) => {
      if (++calls >= 2)
        cf.body =
          this.generated(true, () => generateBody(this, cf.def.body, true, this.helpers)) ?? closureBody;
      return closureBody(f);
    };
  }

  /** Run the code generator with the compile-time state it would have seen at this point. */
  private generated(inFunction: boolean, gen: () => Ev | null): Ev | null {
    const saved = this.inFunction;
    this.inFunction = inFunction;
    try {
      return gen();
    } finally {
      this.inFunction = saved;
    }
  }

  /** A loop on the closure tier becomes generated code the first time it runs. */
  private tieredLoop(x: Expr, closureEv: Ev): Ev {
    const inFunction = this.inFunction;
    let ev: Ev | null = null;
    return (f) => {
      if (ev === null)
        ev = this.generated(inFunction, () => generateExpr(this, x, this.helpers)) ?? closureEv;
      return ev(f);
    };
  }

  // ---------- statements ----------

  block(b: Block, isFnBody = false): Ev {
    const sts = b.stmts.filter((s) => s.t !== "empty" && s.t !== "fn");
    const evs = sts.map((s, i) => this.stmt(s, isFnBody && i === sts.length - 1));
    const offs = sts.map((s) => s.s);
    const n = evs.length;
    if (n === 0) return () => null;
    if (n === 1) {
      const e0 = evs[0] as Ev;
      const o0 = offs[0] as number;
      return (f) => {
        const rt = f.rt;
        if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(this.src, o0);
        rt.pos = o0;
        return e0(f);
      };
    }
    if (n === 2) {
      const e0 = evs[0] as Ev;
      const e1 = evs[1] as Ev;
      const o0 = offs[0] as number;
      const o1 = offs[1] as number;
      return (f) => {
        const rt = f.rt;
        if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(this.src, o0);
        rt.pos = o0;
        const v = e0(f);
        if (f.ctl !== CTL_NONE) return v;
        if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(this.src, o1);
        rt.pos = o1;
        return e1(f);
      };
    }
    return (f) => {
      const rt = f.rt;
      let v: Value = null;
      for (let i = 0; i < n; i++) {
        if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(this.src, offs[i] as number);
        rt.pos = offs[i] as number;
        v = (evs[i] as Ev)(f);
        if (f.ctl !== CTL_NONE) return v;
      }
      return v;
    };
  }

  stmt(st: Stmt, isLastOfFn: boolean): Ev {
    switch (st.t) {
      case "let": {
        const d = st.decl!;
        const slot = d.slot;
        const val = st.value ? this.valueOf(st.value) : () => null;
        const isTop = this.isMainTop(st);
        if (d.isConst && isTop) {
          const name = st.name;
          return (f) => {
            const v = val(f);
            f.vars[slot] = d.boxed ? { v } : v;
            f.rt.globals.set(name, v);
            return null;
          };
        }
        if (d.boxed)
          return (f) => {
            f.vars[slot] = { v: val(f) } satisfies Cell;
            return null;
          };
        return (f) => {
          f.vars[slot] = val(f);
          return null;
        };
      }
      case "expr": {
        if (
          isLastOfFn &&
          isPlace(st.x) &&
          !(st.x.t === "var" && st.x.res?.k === "local" && !st.x.res.decl.boxed)
        )
          return this.valueOf(st.x);
        return this.expr(st.x);
      }
      case "break": {
        const val = st.value ? this.valueOf(st.value) : null;
        return (f) => {
          f.cv = val ? val(f) : null;
          f.ctl = CTL_BREAK;
          return null;
        };
      }
      case "continue":
        return (f) => {
          f.ctl = CTL_CONTINUE;
          return null;
        };
      case "return": {
        const val = st.value ? this.valueOf(st.value) : null;
        return (f) => {
          f.cv = val ? val(f) : null;
          f.ctl = CTL_RETURN;
          return null;
        };
      }
      case "throw": {
        const val = st.value ? this.expr(st.value) : null;
        const pos = st.s;
        return (f) => {
          const v = val ? val(f) : null;
          throw new RhaiError("throw", `Exception thrown: ${v === null ? "()" : display(v)}`, "", 0, 0, v).at(
            this.src,
            pos,
          );
        };
      }
      case "try": {
        const body = this.block(st.body);
        const handler = this.block(st.handler);
        const slot = st.errDecl?.slot ?? -1;
        const boxed = st.errDecl?.boxed ?? false;
        return (f) => {
          const depth = f.rt.depth;
          try {
            return body(f);
          } catch (e) {
            const re = this.toRhaiError(e, f.rt);
            // Running out of operations or stack is not something a script may swallow.
            if (re.kind === "limit") throw re;
            f.rt.depth = depth;
            if (slot >= 0) {
              const v = errorValue(re);
              f.vars[slot] = boxed ? { v } : v;
            }
            return handler(f);
          }
        };
      }
      case "fn":
      case "empty":
        return () => null;
    }
  }

  private mainTop = new Set<Stmt>();
  markMainTop(stmts: Stmt[]): void {
    for (const s of stmts) this.mainTop.add(s);
  }
  isMainTop(st: Stmt): boolean {
    return this.mainTop.has(st);
  }

  toRhaiError(e: unknown, rt: Runtime): RhaiError {
    if (e instanceof RhaiError) return e.at(this.src, rt.pos);
    if (isStackOverflow(e))
      return limitError(
        "Stack overflow: the script nests too deeply",
        "reduce recursion or nesting depth (maxCallDepth)",
      ).at(this.src, rt.pos);
    const msg = e instanceof Error ? e.message : String(e);
    return new RhaiError("runtime", `Internal error: ${msg}`).at(this.src, rt.pos);
  }

  // ---------- expressions ----------

  /** An expression whose value is stored somewhere: places are copied (Rhai's value semantics). */
  valueOf(x: Expr): Ev {
    const ev = this.expr(x);
    if (!isPlace(x)) return ev;
    return (f) => copyCounted(ev(f), f.rt);
  }

  expr(x: Expr): Ev {
    switch (x.t) {
      case "lit": {
        const v = x.v;
        if (isObj(v)) return () => cloneValue(v);
        return () => v;
      }
      case "var":
        return this.varGet(x);
      case "this": {
        const pos = x.s;
        return (f) => {
          if (!f.thisCell)
            throw err("`this` is only bound inside a function called as a method").at(this.src, pos);
          return f.thisCell.v;
        };
      }
      case "istr":
        return this.interp(x);
      case "arr": {
        const items = x.items.map((i) => this.valueOf(i));
        const pos = x.s;
        return (f) => {
          const out = new Array<Value>(items.length);
          for (let i = 0; i < items.length; i++) out[i] = (items[i] as Ev)(f);
          if (out.length > f.rt.limits.maxArrayLength) throw arrayLimit(f.rt).at(this.src, pos);
          return out;
        };
      }
      case "map": {
        const keys = x.entries.map(([k]) => k);
        const vals = x.entries.map(([, v]) => this.valueOf(v));
        const pos = x.s;
        return (f) => {
          const m: RMap = new Map();
          for (let i = 0; i < keys.length; i++) m.set(keys[i] as string, (vals[i] as Ev)(f));
          if (m.size > f.rt.limits.maxMapSize) throw mapLimit(f.rt).at(this.src, pos);
          return m;
        };
      }
      case "unary":
        return this.unary(x.op, this.expr(x.x), x.s);
      case "bin":
        return this.binary(x);
      case "assign":
        return this.assign(x);
      case "index": {
        const obj = this.expr(x.obj);
        const idx = this.expr(x.idx);
        const pos = x.s;
        const ipos = x.idx.s;
        const safe = x.safe;
        return (f) => {
          const o = obj(f);
          if (safe && o === null) return null;
          try {
            return readIndex(o, idx(f), f.rt);
          } catch (e) {
            throw this.at(e, ipos ?? pos);
          }
        };
      }
      case "prop": {
        const obj = this.expr(x.obj);
        const name = x.name;
        const pos = x.e - name.length;
        const safe = x.safe;
        return (f) => {
          const o = obj(f);
          if (o instanceof Map) {
            const v = o.get(name);
            return v === undefined ? null : v;
          }
          if (safe && o === null) return null;
          return this.getProp(f, o, name, pos);
        };
      }
      case "call":
        return this.call(x);
      case "method":
        return this.method(x);
      case "block":
        return this.block(x);
      case "if": {
        const cond = this.expr(x.cond);
        const then = this.block(x.then);
        const els = x.else ? this.expr(x.else) : null;
        const pos = x.cond.s;
        return (f) => {
          const c = cond(f);
          if (c === true) return then(f);
          if (c !== false)
            throw this.at(err(`The condition of 'if' must be a bool, found ${typeName(c)}`), pos);
          return els ? els(f) : null;
        };
      }
      case "switch":
        return this.switchExpr(x);
      case "closure":
        return this.closure(x);
      case "while":
        return this.tieredLoop(x, this.whileLoop(x));
      case "do":
        return this.tieredLoop(x, this.doLoop(x));
      case "for":
        return this.tieredLoop(x, this.forLoop(x));
    }
  }

  varGet(x: Extract<Expr, { t: "var" }>): Ev {
    const res = x.res ?? { k: "dyn" as const };
    if (res.k === "local") {
      const slot = res.decl.slot;
      if (res.decl.boxed) return (f) => (f.vars[slot] as Cell).v;
      return (f) => f.vars[slot] as Value;
    }
    if (res.k === "capture") {
      const idx = res.idx;
      return (f) => (f.caps as Cell[])[idx]!.v;
    }
    const name = x.name;
    const pos = x.s;
    const hint = this.inFunction
      ? "functions cannot see variables outside them; pass the value as a parameter"
      : "declare it with `let` before use";
    return (f) => {
      const d = f.dyn;
      if (d) {
        const v = d.get(name);
        if (v !== undefined) return v;
      }
      throw this.at(err(`Variable not found: ${name}`, hint), pos);
    };
  }

  lv(x: Expr): Lv {
    switch (x.t) {
      case "var": {
        const res = x.res ?? { k: "dyn" as const };
        const get = this.varGet(x);
        if (res.k === "local") {
          const slot = res.decl.slot;
          const isConst = res.decl.isConst;
          if (res.decl.boxed)
            return {
              get,
              set: (f, v) => {
                (f.vars[slot] as Cell).v = v;
              },
              isConst,
            };
          return {
            get,
            set: (f, v) => {
              f.vars[slot] = v;
            },
            isConst,
          };
        }
        if (res.k === "capture") {
          const idx = res.idx;
          return {
            get,
            set: (f, v) => {
              (f.caps as Cell[])[idx]!.v = v;
            },
            isConst: res.decl.isConst,
          };
        }
        const name = x.name;
        const pos = x.s;
        return {
          get,
          set: (f, v) => {
            const d = f.dyn;
            if (!d?.has(name)) throw this.at(err(`Variable not found: ${name}`), pos);
            if (d.isConstant?.(name)) throw this.at(err(`Cannot assign to constant '${name}'`), pos);
            d.set(name, v);
          },
          isConst: false,
        };
      }
      case "this": {
        const get = this.expr(x);
        return {
          get,
          set: (f, v) => {
            if (f.thisCell) f.thisCell.v = v;
          },
          isConst: false,
        };
      }
      case "index": {
        const parent = this.lv(x.obj);
        const idx = this.expr(x.idx);
        const pos = x.idx.s;
        return {
          get: (f) => {
            try {
              return readIndex(parent.get(f), idx(f), f.rt);
            } catch (e) {
              throw this.at(e, pos);
            }
          },
          set: (f, v) => {
            const o = parent.get(f);
            const k = idx(f);
            try {
              const replaced = writeIndex(o, k, v, f.rt);
              if (replaced !== undefined) parent.set(f, replaced);
            } catch (e) {
              throw this.at(e, pos);
            }
          },
          isConst: parent.isConst,
        };
      }
      case "prop": {
        const parent = this.lv(x.obj);
        const name = x.name;
        const pos = x.e - name.length;
        return {
          get: (f) => {
            const o = parent.get(f);
            if (o instanceof Map) {
              const v = o.get(name);
              return v === undefined ? null : v;
            }
            return this.getProp(f, o, name, pos);
          },
          set: (f, v) => {
            const o = parent.get(f);
            if (o instanceof Map) {
              if (!o.has(name) && o.size >= f.rt.limits.maxMapSize) throw mapLimit(f.rt).at(this.src, pos);
              o.set(name, v);
              return;
            }
            const setter = f.rt.host.natives.find(`set$${name}/2`, [o, v]);
            if (!setter)
              throw this.at(
                err(
                  `Cannot set property '${name}' of a value of type ${typeName(o)}`,
                  "only object maps have properties",
                ),
                pos,
              );
            const args = [o, v];
            this.callNative(f, setter, args, pos);
            if (args[0] !== o) parent.set(f, args[0] as Value);
          },
          isConst: parent.isConst,
        };
      }
      default: {
        const get = this.expr(x);
        return {
          get,
          set: () => {
            throw this.at(err("Cannot assign to this expression"), x.s);
          },
          isConst: false,
        };
      }
    }
  }

  getProp(f: Frame, o: Value, name: string, pos: number): Value {
    const natives = f.rt.host.natives;
    const args = [o];
    const getter = natives.find(`get$${name}/1`, args) ?? natives.find(`${name}/1`, args);
    if (getter) return this.callNative(f, getter, args, pos);
    throw this.at(
      err(
        `Property not found: ${name} (on a value of type ${typeName(o)})`,
        o === null ? "the value is (); use `?.` to skip missing values" : undefined,
      ),
      pos,
    );
  }

  private interp(x: Extract<Expr, { t: "istr" }>): Ev {
    const parts: (string | Ev)[] = x.parts.map((p) => (typeof p === "string" ? p : this.block(p)));
    const pos = x.s;
    return (f) => {
      let s = "";
      for (const p of parts) {
        if (typeof p === "string") s += p;
        else {
          const v = p(f);
          s += this.toStr(f, v, pos);
        }
      }
      return checkLen2(s, f, pos, this.src);
    };
  }

  /** `to_string` of a value, honouring a script-defined or registered `to_string` for it. */
  toStr(f: Frame, v: Value, pos: number): string {
    if (typeof v === "string") return v;
    const custom = f.rt.host.natives.byKey.get("to_string/1");
    if (custom && custom.length > 0 && !(custom[0] as NativeFn).builtin) {
      const fn = f.rt.host.natives.find("to_string/1", [v]);
      if (fn && !fn.builtin) return display(this.callNative(f, fn, [v], pos));
    }
    return display(v);
  }

  private unary(op: string, x: Ev, pos: number): Ev {
    if (op === "-")
      return (f) => {
        const v = x(f);
        if (typeof v === "number") return v === 0 ? 0 : -v;
        try {
          return negate(v);
        } catch (e) {
          throw this.at(e, pos);
        }
      };
    if (op === "!")
      return (f) => {
        const v = x(f);
        if (typeof v === "boolean") return !v;
        throw this.at(err(`Function not found: ! (${typeName(v)})`, "`!` negates a bool"), pos);
      };
    return (f) => {
      const v = x(f);
      if (typeof v === "number" || v instanceof RFloat) return v;
      throw this.at(err(`Function not found: + (${typeName(v)})`), pos);
    };
  }

  private binary(x: Extract<Expr, { t: "bin" }>): Ev {
    const l = this.expr(x.l);
    const r = this.expr(x.r);
    const pos = x.opPos;
    const src = this.src;
    const fail = (e: unknown): unknown => this.at(e, pos);
    switch (x.op) {
      case "+":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") {
            const c = a + b;
            if (c > MAX_INT || c < -MAX_INT) throw overflow(a, "+", b).at(src, pos);
            return c;
          }
          if (typeof a === "string" && (typeof b === "string" || typeof b === "number")) {
            const s = a + b;
            if (s.length <= f.rt.limits.maxStringLength) return s;
          }
          try {
            return addSlow(a, b, f.rt.limits);
          } catch (e) {
            throw fail(e);
          }
        };
      case "-":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") {
            const c = a - b;
            if (c > MAX_INT || c < -MAX_INT) throw overflow(a, "-", b).at(src, pos);
            return c;
          }
          try {
            return arith("-", a, b);
          } catch (e) {
            throw fail(e);
          }
        };
      case "*":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") {
            const c = a * b;
            if (c > MAX_INT || c < -MAX_INT) throw overflow(a, "*", b).at(src, pos);
            return c === 0 ? 0 : c;
          }
          try {
            return arith("*", a, b);
          } catch (e) {
            throw fail(e);
          }
        };
      case "/":
      case "%":
      case "**":
      case "&":
      case "|":
      case "^":
      case "<<":
      case ">>": {
        const op = x.op;
        if (op === "/")
          return (f) => {
            const a = l(f);
            const b = r(f);
            try {
              if (typeof a === "number" && typeof b === "number") return intDiv(a, b);
              return arith(op, a, b);
            } catch (e) {
              throw fail(e);
            }
          };
        if (op === "%")
          return (f) => {
            const a = l(f);
            const b = r(f);
            try {
              if (typeof a === "number" && typeof b === "number") return intMod(a, b);
              return arith(op, a, b);
            } catch (e) {
              throw fail(e);
            }
          };
        return (f) => {
          const a = l(f);
          const b = r(f);
          try {
            if (typeof a === "number" && typeof b === "number" && op !== "**") return intBit(op, a, b);
            return arith(op, a, b);
          } catch (e) {
            throw fail(e);
          }
        };
      }
      case "==":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") return a === b;
          return valuesEqual(a, b);
        };
      case "!=":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") return a !== b;
          return !valuesEqual(a, b);
        };
      case "<":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") return a < b;
          return compare("<", a, b);
        };
      case "<=":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") return a <= b;
          return compare("<=", a, b);
        };
      case ">":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") return a > b;
          return compare(">", a, b);
        };
      case ">=":
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === "number" && typeof b === "number") return a >= b;
          return compare(">=", a, b);
        };
      case "&&":
        return (f) => {
          const a = l(f);
          if (a === false) return false;
          if (a !== true) throw fail(err(`Left operand of '&&' must be a bool, found ${typeName(a)}`));
          const b = r(f);
          if (typeof b !== "boolean")
            throw fail(err(`Right operand of '&&' must be a bool, found ${typeName(b)}`));
          return b;
        };
      case "||":
        return (f) => {
          const a = l(f);
          if (a === true) return true;
          if (a !== false) throw fail(err(`Left operand of '||' must be a bool, found ${typeName(a)}`));
          const b = r(f);
          if (typeof b !== "boolean")
            throw fail(err(`Right operand of '||' must be a bool, found ${typeName(b)}`));
          return b;
        };
      case "??":
        return (f) => {
          const a = l(f);
          return a === null ? r(f) : a;
        };
      case "..":
      case "..=": {
        const incl = x.op === "..=";
        return (f) => {
          try {
            return makeRange(l(f), r(f), incl);
          } catch (e) {
            throw fail(e);
          }
        };
      }
      case "in":
      case "!in": {
        const neg = x.op === "!in";
        return (f) => {
          const a = l(f);
          const b = r(f);
          const res = this.callMethodValue(f, b, "contains", [a], pos);
          if (typeof res !== "boolean") throw fail(err("'contains' must return a bool"));
          return neg ? !res : res;
        };
      }
    }
    throw this.at(err(`Unknown operator ${x.op}`), pos);
  }

  private assign(x: Extract<Expr, { t: "assign" }>): Ev {
    const target = this.lv(x.target);
    const value = this.valueOf(x.value);
    const pos = x.target.s;
    const src = this.src;
    if (x.op === "=") {
      if (x.target.t === "var" && x.target.res?.k === "local" && !x.target.res.decl.boxed) {
        const slot = x.target.res.decl.slot;
        return (f) => {
          f.vars[slot] = value(f);
          return null;
        };
      }
      return (f) => {
        target.set(f, value(f));
        return null;
      };
    }
    const op = x.op.slice(0, -1);
    if (op === "+" && x.target.t === "var" && x.target.res?.k === "local" && !x.target.res.decl.boxed) {
      const slot = x.target.res.decl.slot;
      return (f) => {
        const a = f.vars[slot] as Value;
        const b = value(f);
        if (typeof a === "number" && typeof b === "number") {
          const c = a + b;
          if (c > MAX_INT || c < -MAX_INT) throw overflow(a, "+", b).at(src, pos);
          f.vars[slot] = c;
          return null;
        }
        if (typeof a === "string" && typeof b === "string") {
          const s = a + b;
          if (s.length <= f.rt.limits.maxStringLength) {
            f.vars[slot] = s;
            return null;
          }
        }
        f.vars[slot] = this.compound(f, "+", a, b, pos);
        return null;
      };
    }
    if (op === "??")
      return (f) => {
        if (target.get(f) === null) target.set(f, value(f));
        return null;
      };
    return (f) => {
      const a = target.get(f);
      const b = value(f);
      const c = this.compound(f, op, a, b, pos);
      if (c !== a || typeof a !== "object") target.set(f, c);
      return null;
    };
  }

  /** `a op= b`: arrays and maps are extended in place. */
  compound(f: Frame, op: string, a: Value, b: Value, pos: number): Value {
    try {
      if (op === "+") {
        if (Array.isArray(a)) {
          if (Array.isArray(b)) {
            if (a.length + b.length > f.rt.limits.maxArrayLength) throw arrayLimit(f.rt);
            for (const v of b) a.push(v);
          } else {
            if (a.length >= f.rt.limits.maxArrayLength) throw arrayLimit(f.rt);
            a.push(copyIfObj(b));
          }
          return a;
        }
        if (a instanceof Map && b instanceof Map) {
          for (const [k, v] of b) a.set(k, v);
          if (a.size > f.rt.limits.maxMapSize) throw mapLimit(f.rt);
          return a;
        }
        return addSlow(a, b, f.rt.limits);
      }
      return arith(op, a, b);
    } catch (e) {
      throw this.at(e, pos);
    }
  }

  // ---------- calls ----------

  private readonly invoker = {
    call: (rt: Runtime, fp: FnPtr, a: Value[], p: number): Value => this.callPtr(rt, fp, a, p),
    arity: (rt: Runtime, fp: FnPtr): number[] => {
      const c = fp.closure as Closure | null;
      if (c) return [c.fn.arity - fp.curry.length];
      const out: number[] = [];
      for (let n = 0; n <= 4; n++) {
        const k = `${fp.name}/${n + fp.curry.length}`;
        if (this.fns.has(k) || rt.host.natives.byKey.has(k)) out.push(n);
      }
      return out;
    },
  };

  private evalArgs(args: Expr[]): (f: Frame) => Value[] {
    const evs = args.map((a) => this.valueOf(a));
    const n = evs.length;
    if (n === 0) return () => [];
    if (n === 1) {
      const a0 = evs[0] as Ev;
      return (f) => [a0(f)];
    }
    if (n === 2) {
      const a0 = evs[0] as Ev;
      const a1 = evs[1] as Ev;
      return (f) => [a0(f), a1(f)];
    }
    return (f) => {
      const out = new Array<Value>(n);
      for (let i = 0; i < n; i++) out[i] = (evs[i] as Ev)(f);
      return out;
    };
  }

  private call(x: Extract<Expr, { t: "call" }>): Ev {
    const name = x.name;
    const pos = x.s;
    const n = x.args.length;
    if (x.ns === "global") {
      return (f) => {
        const v = f.rt.globals.get(name);
        if (v !== undefined) return v;
        const d = f.dyn?.get(name);
        if (d !== undefined) return d;
        throw this.at(
          err(`Variable not found: global::${name}`, "only top-level `const` values are global"),
          pos,
        );
      };
    }
    const special = this.specialCall(x);
    if (special) return special;
    // Every script function is declared before any body is compiled, so this lookup is final.
    const script = this.fns.get(`${name}/${n}`);
    if (script) return this.scriptCall(script, x.args, pos);
    const args = this.evalArgs(x.args);
    const inv = this.nativeCallInvoker(x);
    return (f) => inv(f, args(f));
  }

  /** The call `name(args)` of a native (or of a function pointer held in a variable of that name). */
  nativeCallInvoker(x: Extract<Expr, { t: "call" }>): (f: Frame, a: Value[]) => Value {
    const name = x.name;
    const pos = x.s;
    const n = x.args.length;
    const site = newSite(name, n, null, pos);
    const varRes = x.res;
    const varGet = varRes ? this.varGet({ t: "var", name, s: x.s, e: x.e, res: varRes }) : null;
    return (f, a) => {
      const nf = resolveNative(site, f.rt.host.natives, a);
      if (nf) {
        if (nf.fast !== undefined && n <= 2) {
          try {
            return nf.fast(a[0] as Value, n === 2 ? (a[1] as Value) : null, f.rt);
          } catch (e) {
            throw this.nativeError(e, nf, f.rt, pos);
          }
        }
        return this.callNative(f, nf, a, pos, site);
      }
      if (varGet) {
        const fp = varGet(f);
        if (fp instanceof FnPtr) return this.callPtr(f.rt, fp, a, pos);
      }
      throw this.at(this.notFound(f, name, a), pos);
    };
  }

  notFound(f: Frame | Runtime, name: string, args: Value[], isMethod = false): RhaiError {
    const rt = f instanceof Frame ? f.rt : f;
    const sig = `${name} (${args.map(typeName).join(", ")})`;
    const candidates: string[] = [];
    for (const [k, cf] of this.fns)
      if (k.startsWith(`${name}/`)) candidates.push(`fn ${name}(${cf.def.params.join(", ")})`);
    for (const nf of rt.host.natives.byName.get(name) ?? [])
      candidates.push(`${name}(${nf.params.map((p) => PARAM_TYPE_NAMES[p]).join(", ")})`);
    let hint: string | undefined;
    if (candidates.length > 0)
      hint = `available: ${[...new Set(candidates)].slice(0, 8).join("; ")}${isMethod ? " (a method call passes the object as the first argument)" : ""}`;
    return err(`Function not found: ${sig}`, hint);
  }

  private specialCall(x: Extract<Expr, { t: "call" }>): Ev | null {
    const pos = x.s;
    const n = x.args.length;
    switch (x.name) {
      case "Fn": {
        if (n !== 1 || this.fns.has("Fn/1")) return null;
        const a = this.expr(x.args[0] as Expr);
        return (f) => {
          const name = a(f);
          if (typeof name !== "string")
            throw this.at(err(`Fn() takes the function's name as a string, found ${typeName(name)}`), pos);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            throw this.at(err(`Invalid function name for Fn(): '${name}'`), pos);
          return new FnPtr(name);
        };
      }
      case "call": {
        if (n < 1 || this.fns.has(`call/${n}`)) return null;
        const args = this.evalArgs(x.args);
        return (f) => {
          const a = args(f);
          const fp = a[0] as Value;
          if (!(fp instanceof FnPtr))
            throw this.at(err(`call() expects a function pointer, found ${typeName(fp)}`), pos);
          return this.callPtr(f.rt, fp, a.slice(1), pos);
        };
      }
      case "is_def_var": {
        if (n !== 1) return null;
        const a = this.expr(x.args[0] as Expr);
        return (f) => {
          const name = a(f);
          return typeof name === "string" && !!f.dyn?.has(name);
        };
      }
      case "is_def_fn": {
        if (n !== 2) return null;
        const args = this.evalArgs(x.args);
        return (f) => {
          const [name, arity] = args(f);
          return typeof name === "string" && typeof arity === "number" && this.fns.has(`${name}/${arity}`);
        };
      }
      case "eval":
        return () => {
          throw this.at(err("eval() is not available in this sandbox"), pos);
        };
    }
    return null;
  }

  private method(x: Extract<Expr, { t: "method" }>): Ev {
    const name = x.name;
    const mpos = x.obj.e + 1;
    const argEvs = x.args.map((a) => this.valueOf(a));
    const n = argEvs.length;
    const safe = x.safe;
    const place = isPlace(x.obj);
    const target = place ? this.lv(x.obj) : null;
    const objEv = target ? target.get : this.expr(x.obj);
    const isConst = target?.isConst ?? false;
    // Where a replaced receiver (e.g. `s.trim()` on a string) is written back; constants get a copy.
    const set = target && !isConst ? target.set : null;
    const inv1 = this.methodInvoker1(name, n, isConst, set, mpos);
    if (inv1) {
      const a0 = n === 1 ? (argEvs[0] as Ev) : null;
      return (f) => {
        const o = objEv(f);
        if (safe && o === null) return null;
        return inv1(f, o, a0 === null ? null : a0(f));
      };
    }
    const site = newSite(name, n + 1, this.fns.get(`${name}/${n}`) ?? null, mpos);
    return (f) => {
      let o = objEv(f);
      if (safe && o === null) return null;
      if (isConst && isObj(o)) o = cloneValue(o);
      const all = new Array<Value>(n + 1);
      all[0] = o;
      for (let i = 0; i < n; i++) all[i + 1] = (argEvs[i] as Ev)(f);
      return this.dispatchMethod(f, site, all, set);
    };
  }

  /**
   * The call of a method with at most one argument that is no script function, given the evaluated
   * receiver and argument (null when there is none); null for other methods. Inline cache: a
   * built-in with an allocation-free form that took this receiver type last time is called
   * directly; everything else goes through the general dispatch.
   */
  methodInvoker1(
    name: string,
    n: number,
    isConst: boolean,
    set: ((f: Frame, v: Value) => void) | null,
    pos: number,
  ): ((f: Frame, o: Value, a: Value) => Value) | null {
    if (n > 1 || name === "call" || this.fns.has(`${name}/${n}`)) return null;
    const site = newSite(name, n + 1, null, pos);
    const unary = n === 0;
    return (f, o, a) => {
      if (isConst && isObj(o)) o = cloneValue(o);
      const nf = site.cache;
      if (
        nf !== null &&
        nf.fast !== undefined &&
        site.reg === f.rt.host.natives &&
        site.ver === site.reg.version
      ) {
        const ms = nf.masks as number[];
        if (((ms[0] as number) & tagOf(o)) !== 0 && (unary || ((ms[1] as number) & tagOf(a)) !== 0)) {
          try {
            return nf.fast(o, a, f.rt);
          } catch (e) {
            throw this.nativeError(e, nf, f.rt, pos);
          }
        }
      }
      return this.dispatchMethod(f, site, unary ? [o] : [o, a], set);
    };
  }

  /**
   * Call a method; `all[0]` is the receiver. A call that replaces the receiver (a native assigning
   * `args[0]`, a script method assigning `this`) writes it back through `set` when there is one.
   */
  private dispatchMethod(
    f: Frame,
    site: CallSite,
    all: Value[],
    set: ((f: Frame, v: Value) => void) | null,
  ): Value {
    const o = all[0] as Value;
    const pos = site.pos;
    if (o instanceof FnPtr && site.name === "call") return this.callPtr(f.rt, o, all.slice(1), pos);
    if (site.script) {
      const cell: Cell = { v: o };
      const r = this.callScript(f.rt, site.script, all.slice(1), cell, null, null, pos);
      if (set !== null && cell.v !== o) set(f, cell.v);
      return r;
    }
    const nf = resolveNative(site, f.rt.host.natives, all);
    if (nf) {
      const r = this.callNative(f, nf, all, pos, site);
      if (set !== null && all[0] !== o) set(f, all[0] as Value);
      return r;
    }
    if (o instanceof Map) {
      const fp = o.get(site.name);
      if (fp instanceof FnPtr) {
        const cell: Cell = { v: o };
        const r = this.callPtr(f.rt, fp, all.slice(1), pos, cell);
        if (set !== null && cell.v !== o) set(f, cell.v);
        return r;
      }
    }
    throw this.at(this.notFound(f, site.name, all, true), pos);
  }

  /** Method call on a plain value (used by `in`). */
  callMethodValue(f: Frame, o: Value, name: string, a: Value[], pos: number): Value {
    const site = newSite(name, a.length + 1, this.fns.get(`${name}/${a.length}`) ?? null, pos);
    return this.dispatchMethod(f, site, [o, ...a], null);
  }

  /** A native's exception as a RhaiError at the call site (limits and script errors keep their kind). */
  private nativeError(e: unknown, nf: NativeFn, rt: Runtime, pos: number): RhaiError {
    if (e instanceof RhaiError) return e.at(this.src, pos);
    if (isStackOverflow(e)) return this.toRhaiError(e, rt);
    const msg = e instanceof Error ? e.message : String(e);
    return new RhaiError("runtime", `Error in function '${nf.name}': ${msg}`).at(this.src, pos);
  }

  callNative(f: Frame, nf: NativeFn, args: Value[], pos: number, site: CallSite | null = null): Value {
    // The context only holds the call's name, position and evaluation: one per call site will do.
    let ctx = site?.ctx ?? null;
    if (ctx === null || ctx.rt !== f.rt || ctx.fnName !== nf.name) {
      ctx = new NativeCallContext(nf.name, f.rt, pos, this.invoker);
      if (site) site.ctx = ctx;
    }
    let r: Value | undefined;
    try {
      r = nf.impl(args, ctx);
    } catch (e) {
      throw this.nativeError(e, nf, f.rt, pos);
    }
    const v = normalizeReturn(r);
    if (typeof v === "string") {
      if (v.length > f.rt.limits.maxStringLength) throw ops.stringLimit(f.rt.limits).at(this.src, pos);
    } else if (Array.isArray(v) && v.length > f.rt.limits.maxArrayLength)
      throw arrayLimit(f.rt).at(this.src, pos);
    return v;
  }

  /** `name(args)` resolved to a script function: the arguments go straight into the new frame. */
  private scriptCall(cf: CompiledFn, argExprs: Expr[], pos: number): Ev {
    const evs = argExprs.map((a) => this.valueOf(a));
    const n = evs.length;
    const pd = cf.paramDecls;
    if (n === 1) {
      const e0 = evs[0] as Ev;
      return (f) => {
        const v = e0(f);
        const fr = new Frame(f.rt, cf.nslots, null, null, null);
        fr.vars[0] = (pd[0] as Decl).boxed ? { v } : v;
        return this.runFrame(cf, fr, pos);
      };
    }
    return (f) => {
      const vals = new Array<Value>(n);
      for (let i = 0; i < n; i++) vals[i] = (evs[i] as Ev)(f);
      const fr = new Frame(f.rt, cf.nslots, null, null, null);
      for (let i = 0; i < n; i++) {
        const v = vals[i] as Value;
        fr.vars[i] = (pd[i] as Decl).boxed ? { v } : v;
      }
      return this.runFrame(cf, fr, pos);
    };
  }

  callScript(
    rt: Runtime,
    cf: CompiledFn,
    args: Value[],
    thisCell: Cell | null,
    caps: Cell[] | null,
    dyn: ScopeLike | null,
    pos: number,
  ): Value {
    const f = new Frame(rt, cf.nslots, caps, thisCell, dyn);
    const pd = cf.paramDecls;
    for (let i = 0; i < pd.length; i++) {
      const v = args[i] as Value;
      f.vars[i] = (pd[i] as Decl).boxed ? { v } : v;
    }
    return this.runFrame(cf, f, pos);
  }

  /** Run a function body in its prepared frame, with the call-depth and operations checks. */
  runFrame(cf: CompiledFn, f: Frame, pos: number): Value {
    const rt = f.rt;
    if (++rt.depth > rt.limits.maxCallDepth) {
      rt.depth--;
      throw limitError(
        `Too many nested function calls: the limit is ${rt.limits.maxCallDepth}`,
        "endless recursion? otherwise raise maxCallDepth in the engine limits",
      ).at(this.src, pos);
    }
    if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(this.src, pos);
    let v: Value;
    try {
      v = cf.body(f);
    } catch (e) {
      rt.depth--;
      const re = this.toRhaiError(e, rt);
      if (cf.name && re.callStack.length < 16) {
        const { line, column } = this.src.position(pos);
        re.callStack.push({ fn: cf.name, file: this.src.name, line, column });
      }
      throw re;
    }
    rt.depth--;
    if (f.ctl === CTL_RETURN) return f.cv;
    return v;
  }

  callPtr(rt: Runtime, fp: FnPtr, args: Value[], pos: number, thisCell: Cell | null = null): Value {
    const all = fp.curry.length ? [...fp.curry, ...args] : args;
    const c = fp.closure as Closure | null;
    if (c) {
      if (all.length !== c.fn.arity)
        throw err(
          `Function not found: ${fp.name} (${all.map(typeName).join(", ")})`,
          `this closure takes ${c.fn.arity} argument(s)`,
        ).at(this.src, pos);
      return this.callScript(rt, c.fn, all, thisCell, c.caps, c.dyn, pos);
    }
    const script = this.fns.get(`${fp.name}/${all.length}`);
    if (script) return this.callScript(rt, script, all, thisCell, null, null, pos);
    const nf = rt.host.natives.find(`${fp.name}/${all.length}`, all);
    if (nf) {
      const f = new Frame(rt, 0, null, null, null);
      return this.callNative(f, nf, all, pos);
    }
    throw this.notFound(rt, fp.name, all).at(this.src, pos);
  }

  /** Closures compiled so far: compiling the same one again (for generated code) reuses it and its name. */
  private readonly closures = new WeakMap<FnDef, CompiledFn>();

  private closure(x: Extract<Expr, { t: "closure" }>): Ev {
    let cf = this.closures.get(x.fn);
    if (!cf) {
      cf = this.declareFn(x.fn);
      cf.name = `anon$${++anonCounter}`;
      this.defineFn(cf, false);
      this.closures.set(x.fn, cf);
    }
    const caps = x.captures ?? [];
    const name = cf.name;
    return (f) => {
      const cells: Cell[] = new Array(caps.length);
      for (let i = 0; i < caps.length; i++) {
        const c = caps[i]!;
        cells[i] = "fromSlot" in c ? (f.vars[c.fromSlot] as Cell) : (f.caps as Cell[])[c.fromCapture]!;
      }
      const clo: Closure = { kind: "closure", arity: cf.arity, fn: cf, caps: cells, dyn: f.dyn };
      return new FnPtr(name, [], clo);
    };
  }

  // ---------- control flow ----------

  private switchExpr(x: Extract<Expr, { t: "switch" }>): Ev {
    const subject = this.expr(x.x);
    const table = new Map<string, number[]>();
    const ranges: { r: RRange; i: number }[] = [];
    const others: { v: Value; i: number }[] = [];
    const conds: (Ev | null)[] = [];
    const bodies: Ev[] = [];
    x.cases.forEach((c, i) => {
      conds.push(c.cond ? this.expr(c.cond) : null);
      bodies.push(this.expr(c.body));
      for (const p of c.pats) {
        if (p.t === "lit" && p.v instanceof RRange) ranges.push({ r: p.v, i });
        else if (p.t === "lit") {
          const k = hashKey(p.v);
          if (k === null) others.push({ v: p.v, i });
          else {
            const list = table.get(k) ?? [];
            list.push(i);
            table.set(k, list);
          }
        } else others.push({ v: constOf(p), i });
      }
    });
    const def = x.def ? this.expr(x.def) : null;
    const pos = x.s;
    return (f) => {
      const v = subject(f);
      const tryCase = (i: number): boolean => {
        const c = conds[i];
        if (!c) return true;
        const r = c(f);
        if (typeof r !== "boolean")
          throw this.at(err(`A switch case condition must be a bool, found ${typeName(r)}`), pos);
        return r;
      };
      const k = hashKey(v);
      if (k !== null) {
        const list = table.get(k);
        if (list) for (const i of list) if (tryCase(i)) return (bodies[i] as Ev)(f);
      }
      for (const o of others) if (valuesEqual(o.v, v) && tryCase(o.i)) return (bodies[o.i] as Ev)(f);
      if (typeof v === "number")
        for (const { r, i } of ranges)
          if (v >= r.start && v < r.stop && tryCase(i)) return (bodies[i] as Ev)(f);
      return def ? def(f) : null;
    };
  }

  private whileLoop(x: Extract<Expr, { t: "while" }>): Ev {
    const cond = x.cond ? this.expr(x.cond) : null;
    const body = this.block(x.body);
    const pos = x.s;
    const cpos = x.cond?.s ?? x.s;
    return (f) => {
      const rt = f.rt;
      for (;;) {
        if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(this.src, pos);
        if (cond) {
          const c = cond(f);
          if (c === false) break;
          if (c !== true)
            throw this.at(err(`The condition of 'while' must be a bool, found ${typeName(c)}`), cpos);
        }
        body(f);
        const ctl = f.ctl;
        if (ctl !== CTL_NONE) {
          if (ctl === CTL_BREAK) {
            f.ctl = CTL_NONE;
            const v = f.cv;
            f.cv = null;
            return v;
          }
          if (ctl === CTL_CONTINUE) f.ctl = CTL_NONE;
          else return null;
        }
      }
      return null;
    };
  }

  private doLoop(x: Extract<Expr, { t: "do" }>): Ev {
    const cond = this.expr(x.cond);
    const body = this.block(x.body);
    const until = x.until;
    const pos = x.s;
    return (f) => {
      const rt = f.rt;
      for (;;) {
        if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(this.src, pos);
        body(f);
        const ctl = f.ctl;
        if (ctl !== CTL_NONE) {
          if (ctl === CTL_BREAK) {
            f.ctl = CTL_NONE;
            const v = f.cv;
            f.cv = null;
            return v;
          }
          if (ctl === CTL_CONTINUE) f.ctl = CTL_NONE;
          else return null;
        }
        const c = truthyAt(cond(f), this, x.cond.s);
        if (c === until) break;
      }
      return null;
    };
  }

  /** What `for` walks over a non-range value: a snapshot of the array, or the string's characters. */
  iterItems(it: Value, ipos: number): Value[] {
    if (Array.isArray(it)) return it.slice();
    if (typeof it === "string") return chars(it).map((c) => new RChar(c));
    if (it instanceof Map)
      throw this.at(
        err("An object map cannot be iterated directly", "iterate over `map.keys()` or `map.values()`"),
        ipos,
      );
    throw this.at(
      err(`Cannot iterate over a value of type ${typeName(it)}`, "use an array, a range or a string"),
      ipos,
    );
  }

  private forLoop(x: Extract<Expr, { t: "for" }>): Ev {
    const iter = this.expr(x.iter);
    const body = this.block(x.body);
    const vd = x.vDecl!;
    const id = x.iDecl ?? null;
    const pos = x.s;
    const ipos = x.iter.s;
    const vslot = vd.slot;
    const vboxed = vd.boxed;
    const islot = id?.slot ?? -1;
    const iboxed = id?.boxed ?? false;
    const src = this.src;
    // Returns true when the loop must stop (break/return), after setting the loop value.
    // A captured loop variable is one shared cell for the whole loop, as in Rhai: closures created
    // in the body all see its latest value (the book's fn-closure.md prints 9 ten times).
    const step = (f: Frame, v: Value, i: number): boolean => {
      if (vboxed) (f.vars[vslot] as Cell).v = v;
      else f.vars[vslot] = v;
      if (islot >= 0) {
        if (iboxed) (f.vars[islot] as Cell).v = i;
        else f.vars[islot] = i;
      }
      body(f);
      const ctl = f.ctl;
      if (ctl !== CTL_NONE) {
        if (ctl === CTL_CONTINUE) {
          f.ctl = CTL_NONE;
          return false;
        }
        return true;
      }
      return false;
    };
    const finish = (f: Frame): Value => {
      if (f.ctl === CTL_BREAK) {
        f.ctl = CTL_NONE;
        const v = f.cv;
        f.cv = null;
        return v;
      }
      return null;
    };
    return (f) => {
      const rt = f.rt;
      const it = iter(f);
      if (vboxed) f.vars[vslot] = { v: null } satisfies Cell;
      if (iboxed) f.vars[islot] = { v: null } satisfies Cell;
      if (it instanceof RRange) {
        const stop = it.stop;
        let i = 0;
        for (let n = it.start; n < stop; n++, i++) {
          if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(src, pos);
          if (step(f, n, i)) return finish(f);
        }
        return null;
      }
      const items = this.iterItems(it, ipos);
      for (let i = 0; i < items.length; i++) {
        if (++rt.ops > rt.maxOps) throw rt.tooManyOps().at(src, pos);
        if (step(f, copyCounted(items[i] as Value, rt), i)) return finish(f);
      }
      return null;
    };
  }
}

/** V8's "Maximum call stack size exceeded" (checked without a regex: see SourceFile.lineText). */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes("call stack");
}

function truthyAt(v: Value, c: Compiler, pos: number): boolean {
  try {
    return truthy(v, "The loop condition");
  } catch (e) {
    throw (e as RhaiError).at((c as unknown as { src: SourceFile }).src, pos);
  }
}

/** What a call site remembers between calls. */
interface CallSite {
  name: string;
  /** Registry key of the native: `name/arity` counting the receiver of a method call. */
  nkey: string;
  script: CompiledFn | null;
  /** Inline cache: the native this site resolved to last time, valid for `reg` at version `ver`. */
  cache: NativeFn | null;
  reg: NativeRegistry | null;
  ver: number;
  ctx: NativeCallContext | null;
  pos: number;
}

function newSite(name: string, nativeArity: number, script: CompiledFn | null, pos: number): CallSite {
  return {
    name,
    nkey: `${name}/${nativeArity}`,
    script,
    cache: null,
    reg: null,
    ver: -1,
    ctx: null,
    pos,
  };
}

/** The native for these arguments, from the site's cache when it still applies. */
function resolveNative(site: CallSite, natives: NativeRegistry, args: Value[]): NativeFn | null {
  const c = site.cache;
  if (c !== null && site.reg === natives && site.ver === natives.version && argsMatch(c, args)) return c;
  const nf = natives.find(site.nkey, args);
  if (nf) {
    if (nf !== c) site.ctx = null;
    site.cache = nf;
    site.reg = natives;
    site.ver = natives.version;
  }
  return nf;
}

function constOf(x: Expr): Value {
  if (x.t === "lit") return x.v;
  if (x.t === "arr") return x.items.map(constOf);
  if (x.t === "map") return new Map(x.entries.map(([k, v]) => [k, constOf(v)]));
  return null;
}

function hashKey(v: Value): string | null {
  switch (typeof v) {
    case "number":
      return `i${v}`;
    case "string":
      return `s${v}`;
    case "boolean":
      return v ? "bt" : "bf";
  }
  if (v === null) return "u";
  if (v instanceof RChar) return `c${v.c}`;
  return null;
}

function arrayLimit(rt: Runtime): RhaiError {
  return limitError(
    `Array size exceeds the limit of ${rt.limits.maxArrayLength} elements`,
    "raise maxArrayLength in the engine limits if this is intended",
  );
}

function mapLimit(rt: Runtime): RhaiError {
  return limitError(
    `Object map size exceeds the limit of ${rt.limits.maxMapSize} properties`,
    "raise maxMapSize in the engine limits if this is intended",
  );
}

export { arrayLimit, mapLimit };

function checkLen2(s: string, f: Frame, pos: number, src: SourceFile): string {
  try {
    return checkLen(s, f.rt.limits.maxStringLength);
  } catch (e) {
    throw (e as RhaiError).at(src, pos);
  }
}

/** The value a `catch (e)` sees: the thrown value, or the error message for engine errors. */
function errorValue(e: RhaiError): Value {
  if (e.kind === "throw") return e.value ?? null;
  return e.detail;
}

/** Native functions may return JS conveniences; turn them into Rhai values. */
export function normalizeReturn(r: unknown): Value {
  if (r === undefined || r === null) return null;
  switch (typeof r) {
    case "number":
      return Number.isInteger(r) ? r : new RFloat(r);
    case "string":
    case "boolean":
      return r;
    case "bigint":
      return Number(r);
  }
  return r as Value;
}

function normIndex(i: number, len: number, what: string): number {
  const j = i < 0 ? len + i : i;
  if (j < 0 || j >= len)
    throw err(
      `Index ${i} out of bounds: the ${what} has ${len} ${what === "string" ? "characters" : "elements"}`,
      len === 0 ? `the ${what} is empty` : `valid indices are 0..${len - 1} (or -${len}..-1 from the end)`,
    );
  return j;
}

export function readIndex(o: Value, k: Value, rt: Runtime): Value {
  if (Array.isArray(o)) {
    if (typeof k === "number") return o[normIndex(k, o.length, "array")] as Value;
    if (k instanceof RRange) {
      const [s, e] = rangeBounds(k, o.length);
      return o.slice(s, e);
    }
    throw err(`An array index must be an integer, found ${typeName(k)}`);
  }
  if (o instanceof Map) {
    if (typeof k === "string") {
      const v = o.get(k);
      return v === undefined ? null : v;
    }
    if (k instanceof RChar) {
      const v = o.get(k.c);
      return v === undefined ? null : v;
    }
    throw err(`An object map index must be a string, found ${typeName(k)}`);
  }
  if (typeof o === "string") {
    if (typeof k === "number") {
      if (!hasSurrogates(o)) return new RChar(o[normIndex(k, o.length, "string")] as string);
      const cs = chars(o);
      return new RChar(cs[normIndex(k, cs.length, "string")] as string);
    }
    if (k instanceof RRange) {
      const cs = chars(o);
      const [s, e] = rangeBounds(k, cs.length);
      return cs.slice(s, e).join("");
    }
    throw err(`A string index must be an integer or a range, found ${typeName(k)}`);
  }
  if (typeof o === "number") {
    if (typeof k === "number") {
      const bit = normIndex(k, 64, "bit field");
      return ((BigInt(o) >> BigInt(bit)) & 1n) === 1n;
    }
    if (k instanceof RRange) {
      const [s, e] = rangeBounds(k, 64);
      if (e <= s) return 0;
      return Number(BigInt.asIntN(64, (BigInt(o) >> BigInt(s)) & ((1n << BigInt(e - s)) - 1n)));
    }
  }
  void rt;
  throw err(
    `Cannot index into a value of type ${typeName(o)}`,
    "indexing works on arrays, maps, strings and integers",
  );
}

function rangeBounds(r: RRange, len: number): [number, number] {
  let s = r.start < 0 ? Math.max(0, len + r.start) : Math.min(r.start, len);
  let e = r.inclusive ? r.end + 1 : r.end;
  e = e < 0 ? Math.max(0, len + e) : Math.min(e, len);
  if (e < s) e = s;
  if (s < 0) s = 0;
  return [s, e];
}

/** Store into a container; returns a replacement value when the container is immutable (string, int). */
export function writeIndex(o: Value, k: Value, v: Value, rt: Runtime): Value | undefined {
  if (Array.isArray(o)) {
    if (typeof k !== "number") throw err(`An array index must be an integer, found ${typeName(k)}`);
    o[normIndex(k, o.length, "array")] = v;
    return undefined;
  }
  if (o instanceof Map) {
    const key = typeof k === "string" ? k : k instanceof RChar ? k.c : null;
    if (key === null) throw err(`An object map index must be a string, found ${typeName(k)}`);
    if (!o.has(key) && o.size >= rt.limits.maxMapSize) throw mapLimit(rt);
    o.set(key, v);
    return undefined;
  }
  if (typeof o === "string") {
    if (typeof k !== "number") throw err(`A string index must be an integer, found ${typeName(k)}`);
    if (!(v instanceof RChar))
      throw err(`Only a character can be stored into a string, found ${typeName(v)}`);
    const cs = chars(o);
    cs[normIndex(k, cs.length, "string")] = v.c;
    return cs.join("");
  }
  if (typeof o === "number" && typeof k === "number") {
    if (typeof v !== "boolean") throw err(`Only a bool can be stored into a bit, found ${typeName(v)}`);
    const bit = BigInt(normIndex(k, 64, "bit field"));
    const b = BigInt(o);
    const r = BigInt.asIntN(64, v ? b | (1n << bit) : b & ~(1n << bit));
    if (r > BigInt(MAX_INT) || r < -BigInt(MAX_INT)) throw overflow(o, "bit", Number(bit));
    return Number(r);
  }
  throw err(`Cannot index into a value of type ${typeName(o)}`);
}
