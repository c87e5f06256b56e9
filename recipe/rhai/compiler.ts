import {
  arrayLimit,
  copyCounted,
  isObj,
  isPlace,
  isStackOverflow,
  mapLimit,
  measure,
  readIndex,
} from "./access.js";
import type { Block, Expr, FnDef, Stmt } from "./ast.js";
import type { CallSite } from "./callsite.js";
import { codegenEnabled, generateBody, generateExpr, type Helpers, makeHelpers } from "./codegen.js";
import * as calls from "./compile-calls.js";
import * as control from "./compile-control.js";
import * as methods from "./compile-methods.js";
import * as operators from "./compile-operators.js";
import * as place from "./compile-place.js";
import * as statements from "./compile-stmt.js";
import type { CompilerCore, Ev, Lv } from "./compile-types.js";
import { itemsNeedMeasure } from "./data-size.js";
import { limitError, RhaiError, type SourceFile } from "./errors.js";
import { err } from "./ops.js";
import type { Cell, Closure, CompiledFn, Frame, Invoker, NativeFn, Runtime, ScopeLike } from "./runtime.js";
import { cloneValue, type FnPtr, type RMap, typeName, type Value } from "./values.js";

export { normalizeReturn } from "./access.js";

/**
 * Turns the resolved AST into a tree of JS closures. The constructs live in compile-*.ts; this
 * class holds the per-script state, dispatches on node types and switches hot code to the second
 * tier (codegen.ts).
 */
export class Compiler implements CompilerCore {
  readonly fns = new Map<string, CompiledFn>();
  readonly closures = new WeakMap<FnDef, CompiledFn>();
  readonly typedMethods = new Set<string>();
  readonly invoker: Invoker = {
    call: (rt, fp, a, p) => this.callPtr(rt, fp, a, p),
    arity: (rt, fp) => {
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
    if (def.name && def.thisType) {
      this.fns.set(`${def.thisType}.${def.name}/${cf.arity}`, cf);
      this.typedMethods.add(`${def.name}/${cf.arity}`);
    } else if (def.name) this.fns.set(`${def.name}/${cf.arity}`, cf);
    return cf;
  }

  inFunction = false;
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
    // The script built a string or array past what JavaScript can hold (`s += s` forty times):
    // the script's doing, so a limit error like the others, not an "Internal error".
    if (e instanceof RangeError && /^Invalid (string|array) length$/.test(e.message))
      return limitError(
        `${e.message.includes("string") ? "String" : "Array"} too long: larger than this engine can hold`,
        "build smaller values",
      ).at(this.src, rt.pos);
    // A map past what JavaScript can hold (about 16.7 million keys, attacker 29 L3): the same.
    if (e instanceof RangeError && /^Map maximum size exceeded$/.test(e.message))
      return limitError(
        "Object map too large: more properties than this engine can hold",
        "build smaller maps (or set a limit: --max-map-size / maxMapSize)",
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
        return operators.interp(this, x);
      case "arr": {
        const items = x.items.map((i) => this.valueOf(i));
        const pos = x.s;
        return (f) => {
          const out = new Array<Value>(items.length);
          for (let i = 0; i < items.length; i++) out[i] = (items[i] as Ev)(f);
          if (out.length > f.rt.limits.maxArrayLength) throw arrayLimit(f.rt).at(this.src, pos);
          if (itemsNeedMeasure(out)) measure(out, f.rt, this.src, pos);
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
          if (itemsNeedMeasure(m)) measure(m, f.rt, this.src, pos);
          return m;
        };
      }
      case "unary":
        return operators.unary(this, x.op, this.expr(x.x), x.s);
      case "bin":
        return operators.binary(this, x);
      case "assign":
        return operators.assign(this, x);
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
        return calls.call(this, x);
      case "method":
        return methods.method(this, x);
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
        return control.switchExpr(this, x);
      case "closure":
        return control.closure(this, x);
      case "while":
        return this.tieredLoop(x, control.whileLoop(this, x));
      case "do":
        return this.tieredLoop(x, control.doLoop(this, x));
      case "for":
        return this.tieredLoop(x, control.forLoop(this, x));
    }
  }

  // ---------- constructs compiled elsewhere (see CompilerCore) ----------

  block(b: Block, isFnBody = false): Ev {
    return statements.block(this, b, isFnBody);
  }
  stmt(st: Stmt, isLastOfFn: boolean): Ev {
    return statements.stmt(this, st, isLastOfFn);
  }
  varGet(x: Extract<Expr, { t: "var" }>): Ev {
    return place.varGet(this, x);
  }
  lv(x: Expr): Lv {
    return place.lv(this, x);
  }
  getProp(f: Frame, o: Value, name: string, pos: number): Value {
    return place.getProp(this, f, o, name, pos);
  }
  toStr(f: Frame, v: Value, pos: number): string {
    return operators.toStr(this, f, v, pos);
  }
  compound(f: Frame, op: string, a: Value, b: Value, pos: number): Value {
    return operators.compound(this, f, op, a, b, pos);
  }
  iterItems(it: Value, ipos: number): Value[] {
    return control.iterItems(this, it, ipos);
  }
  evalArgs(args: Expr[]): (f: Frame) => Value[] {
    return calls.evalArgs(this, args);
  }
  nativeCallInvoker(x: Extract<Expr, { t: "call" }>): (f: Frame, a: Value[]) => Value {
    return calls.nativeCallInvoker(this, x);
  }
  methodInvoker1(
    name: string,
    n: number,
    isConst: boolean,
    set: ((f: Frame, v: Value) => void) | null,
    pos: number,
  ): ((f: Frame, o: Value, a: Value) => Value) | null {
    return methods.methodInvoker1(this, name, n, isConst, set, pos);
  }
  callNative(f: Frame, nf: NativeFn, args: Value[], pos: number, site: CallSite | null = null): Value {
    return calls.callNative(this, f, nf, args, pos, site);
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
    return calls.callScript(this, rt, cf, args, thisCell, caps, dyn, pos);
  }
  runFrame(cf: CompiledFn, f: Frame, pos: number): Value {
    return calls.runFrame(this, cf, f, pos);
  }
  callPtr(rt: Runtime, fp: FnPtr, args: Value[], pos: number, thisCell: Cell | null = null): Value {
    return calls.callPtr(this, rt, fp, args, pos, thisCell);
  }
  callMethodValue(f: Frame, o: Value, name: string, a: Value[], pos: number): Value {
    return methods.callMethodValue(this, f, o, name, a, pos);
  }
  notFound(f: Frame | Runtime, name: string, args: Value[], isMethod = false): RhaiError {
    return calls.notFound(this, f, name, args, isMethod);
  }
}
