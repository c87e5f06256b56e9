/** Function calls: script functions, natives, function pointers and the special forms (`Fn`, `call`, `is_def_*`). */

import { isObj, isStackOverflow, measureCharged, normalizeReturn } from "./access.js";
import type { Decl, Expr } from "./ast.js";
import { type CallSite, newSite, resolveNative } from "./callsite.js";
import type { CompilerCore, Ev } from "./compile-types.js";
import { holdsData } from "./data-size.js";
import { limitError, RhaiError } from "./errors.js";
import * as ops from "./ops.js";
import {
  type Cell,
  type Closure,
  type CompiledFn,
  Frame,
  NativeCallContext,
  type NativeFn,
  PARAM_TYPE_NAMES,
  type Runtime,
  type ScopeLike,
} from "./runtime.js";
import { cloneValue, FnPtr, typeName, type Value } from "./values.js";

// Local copies: module bindings compiled by some loaders become getter calls on every use.
const CTL_RETURN = 3;
const err = ops.err;

export function evalArgs(comp: CompilerCore, args: Expr[]): (f: Frame) => Value[] {
  const evs = args.map((a) => comp.valueOf(a));
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

export function call(comp: CompilerCore, x: Extract<Expr, { t: "call" }>): Ev {
  const name = x.name;
  const pos = x.s;
  const n = x.args.length;
  if (x.ns === "global") {
    return (f) => {
      const v = f.rt.globals.get(name);
      if (v !== undefined) return v;
      const d = f.dyn?.get(name);
      if (d !== undefined) return d;
      throw comp.at(
        err(`Variable not found: global::${name}`, "only top-level `const` values are global"),
        pos,
      );
    };
  }
  if (x.ns !== null) return moduleAccess(comp, x, x.ns);
  const special = specialCall(comp, x);
  if (special) return special;
  // Every script function is declared before any body is compiled, so this lookup is final.
  const script = comp.fns.get(`${name}/${n}`);
  if (script) return scriptCall(comp, script, x.args, pos);
  const args = evalArgs(comp, x.args);
  const inv = nativeCallInvoker(comp, x);
  return (f) => inv(f, args(f));
}

/** The call `name(args)` of a native (or of a function pointer held in a variable of that name). */
export function nativeCallInvoker(
  comp: CompilerCore,
  x: Extract<Expr, { t: "call" }>,
): (f: Frame, a: Value[]) => Value {
  const name = x.name;
  const pos = x.s;
  const n = x.args.length;
  const site = newSite(name, n, null, pos);
  const varRes = x.res;
  const varGet = varRes ? comp.varGet({ t: "var", name, s: x.s, e: x.e, res: varRes }) : null;
  return (f, a) => {
    const nf = resolveNative(site, f.rt.host.natives, a);
    if (nf) {
      if (nf.fast !== undefined && n <= 2) {
        try {
          return nf.fast(a[0] as Value, n === 2 ? (a[1] as Value) : null, f.rt);
        } catch (e) {
          throw nativeError(comp, e, nf, f.rt, pos);
        }
      }
      return callNative(comp, f, nf, a, pos, site);
    }
    if (varGet) {
      const fp = varGet(f);
      if (fp instanceof FnPtr) return callPtr(comp, f.rt, fp, a, pos);
    }
    throw comp.at(notFound(comp, f, name, a), pos);
  };
}

export function notFound(
  comp: CompilerCore,
  f: Frame | Runtime,
  name: string,
  args: Value[],
  isMethod = false,
): RhaiError {
  const rt = f instanceof Frame ? f.rt : f;
  const sig = `${name} (${args.map(typeName).join(", ")})`;
  const candidates: string[] = [];
  for (const [k, cf] of comp.fns)
    if (k.startsWith(`${name}/`)) candidates.push(`fn ${name}(${cf.def.params.join(", ")})`);
  for (const nf of rt.host.natives.byName.get(name) ?? [])
    candidates.push(`${name}(${nf.params.map((p) => PARAM_TYPE_NAMES[p]).join(", ")})`);
  let hint: string | undefined;
  if (candidates.length > 0)
    hint = `available: ${[...new Set(candidates)].slice(0, 8).join("; ")}${isMethod ? " (a method call passes the object as the first argument)" : ""}`;
  return err(`Function not found: ${sig}`, hint);
}

export function specialCall(comp: CompilerCore, x: Extract<Expr, { t: "call" }>): Ev | null {
  const pos = x.s;
  const n = x.args.length;
  switch (x.name) {
    case "Fn": {
      if (n !== 1 || comp.fns.has("Fn/1")) return null;
      const a = comp.expr(x.args[0] as Expr);
      return (f) => {
        const name = a(f);
        if (typeof name !== "string")
          throw comp.at(err(`Fn() takes the function's name as a string, found ${typeName(name)}`), pos);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
          throw comp.at(err(`Invalid function name for Fn(): '${name}'`), pos);
        return new FnPtr(name);
      };
    }
    case "call": {
      if (n < 1 || comp.fns.has(`call/${n}`)) return null;
      const args = evalArgs(comp, x.args);
      return (f) => {
        const a = args(f);
        const fp = a[0] as Value;
        if (!(fp instanceof FnPtr))
          throw comp.at(err(`call() expects a function pointer, found ${typeName(fp)}`), pos);
        return callPtr(comp, f.rt, fp, a.slice(1), pos);
      };
    }
    case "is_def_var": {
      if (n !== 1) return null;
      const a = comp.expr(x.args[0] as Expr);
      return (f) => {
        const name = a(f);
        return typeof name === "string" && !!f.dyn?.has(name);
      };
    }
    case "is_def_fn": {
      if (n !== 2) return null;
      const args = evalArgs(comp, x.args);
      return (f) => {
        const [name, arity] = args(f);
        return typeof name === "string" && typeof arity === "number" && comp.fns.has(`${name}/${arity}`);
      };
    }
    case "eval":
      return () => {
        throw comp.at(err("eval() is not available in this sandbox"), pos);
      };
  }
  return null;
}

/** A native's exception as a RhaiError at the call site (limits and script errors keep their kind). */
export function nativeError(
  comp: CompilerCore,
  e: unknown,
  nf: NativeFn,
  rt: Runtime,
  pos: number,
): RhaiError {
  if (e instanceof RhaiError) return e.at(comp.src, pos);
  if (isStackOverflow(e)) return comp.toRhaiError(e, rt);
  const msg = e instanceof Error ? e.message : String(e);
  return new RhaiError("runtime", `Error in function '${nf.name}': ${msg}`).at(comp.src, pos);
}

export function callNative(
  comp: CompilerCore,
  f: Frame,
  nf: NativeFn,
  args: Value[],
  pos: number,
  site: CallSite | null = null,
): Value {
  // The context only holds the call's name, position and evaluation: one per call site will do.
  let ctx = site?.ctx ?? null;
  if (ctx === null || ctx.rt !== f.rt || ctx.fnName !== nf.name) {
    ctx = new NativeCallContext(nf.name, f.rt, pos, comp.invoker);
    if (site) site.ctx = ctx;
  }
  let r: Value | undefined;
  try {
    r = nf.impl(args, ctx);
  } catch (e) {
    throw nativeError(comp, e, nf, f.rt, pos);
  }
  const v = normalizeReturn(r);
  if (typeof v === "string") {
    if (v.length > f.rt.limits.maxStringLength) throw ops.stringLimit(f.rt.limits).at(comp.src, pos);
  } else if (v !== null && typeof v === "object") measureCharged(v, f.rt, comp.src, pos);
  // A receiver that took in data (`a.push(b)`, `m.mixin(n)`) is measured again, as Rhai does.
  const n = args.length;
  if (n > 1 && isObj(args[0] as Value))
    for (let i = 1; i < n; i++)
      if (holdsData(args[i] as Value)) {
        measureCharged(args[0] as Value, f.rt, comp.src, pos);
        break;
      }
  return v;
}

/** `name(args)` resolved to a script function: the arguments go straight into the new frame. */
export function scriptCall(comp: CompilerCore, cf: CompiledFn, argExprs: Expr[], pos: number): Ev {
  const evs = argExprs.map((a) => comp.valueOf(a));
  const n = evs.length;
  const pd = cf.paramDecls;
  if (n === 1) {
    const e0 = evs[0] as Ev;
    return (f) => {
      const v = e0(f);
      const fr = new Frame(f.rt, cf.nslots, null, null, null);
      fr.vars[0] = (pd[0] as Decl).boxed ? { v } : v;
      return runFrame(comp, cf, fr, pos);
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
    return runFrame(comp, cf, fr, pos);
  };
}

export function callScript(
  comp: CompilerCore,
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
  return runFrame(comp, cf, f, pos);
}

/** Run a function body in its prepared frame, with the call-depth and operations checks. */
export function runFrame(comp: CompilerCore, cf: CompiledFn, f: Frame, pos: number): Value {
  const rt = f.rt;
  if (++rt.depth > rt.limits.maxCallDepth) {
    rt.depth--;
    throw limitError(
      `Too many nested function calls: the limit is ${rt.limits.maxCallDepth}`,
      "endless recursion? otherwise raise maxCallDepth in the engine limits",
    ).at(comp.src, pos);
  }
  if (++rt.ops > rt.maxOps) rt.checkpoint(comp.src, pos);
  let v: Value;
  try {
    v = cf.body(f);
  } catch (e) {
    rt.depth--;
    const re = comp.toRhaiError(e, rt);
    if (cf.name && re.callStack.length < 16) {
      const { line, column } = comp.src.position(pos);
      re.callStack.push({ fn: cf.name, file: comp.src.name, line, column });
    }
    throw re;
  }
  rt.depth--;
  if (f.ctl === CTL_RETURN) return f.cv;
  return v;
}

export function callPtr(
  comp: CompilerCore,
  rt: Runtime,
  fp: FnPtr,
  args: Value[],
  pos: number,
  thisCell: Cell | null = null,
): Value {
  const all = fp.curry.length ? [...fp.curry, ...args] : args;
  const c = fp.closure as Closure | null;
  if (c) {
    if (all.length !== c.fn.arity)
      throw err(
        `Function not found: ${fp.name} (${all.map(typeName).join(", ")})`,
        `this closure takes ${c.fn.arity} argument(s)`,
      ).at(comp.src, pos);
    return callScript(comp, rt, c.fn, all, thisCell, c.caps, c.dyn, pos);
  }
  const script = comp.fns.get(`${fp.name}/${all.length}`);
  if (script) return callScript(comp, rt, script, all, thisCell, null, null, pos);
  const nf = rt.host.natives.find(`${fp.name}/${all.length}`, all);
  if (nf) {
    const f = new Frame(rt, 0, null, null, null);
    return callNative(comp, f, nf, all, pos);
  }
  throw notFound(comp, rt, fp.name, all).at(comp.src, pos);
}

/** Closures compiled so far: compiling the same one again (for generated code) reuses it and its name. */

/** `m::x` (a variable the module exported; a copy, as module variables are constants) or `m::f(args)`. */
function moduleAccess(comp: CompilerCore, x: Extract<Expr, { t: "call" }>, ns: string): Ev {
  const name = x.name;
  const pos = x.s;
  const args = evalArgs(comp, x.args);
  const n = x.args.length;
  const isVar = x.modVar === true;
  return (f) => {
    const m = f.rt.modules.get(ns);
    if (m === undefined)
      throw comp.at(err(`Module not found: ${ns}`, `import it first: \`import "…" as ${ns};\``), pos);
    if (isVar) {
      const v = m.vars.get(name);
      if (v === undefined)
        throw comp.at(
          err(
            `Variable not found: ${ns}::${name}`,
            `the module exports: ${[...m.vars.keys()].join(", ") || "nothing"}`,
          ),
          pos,
        );
      return cloneValue(v);
    }
    const a = args(f);
    if (!m.hasFn(name, n))
      throw comp.at(err(`Function not found: ${ns}::${name} (${a.map(typeName).join(", ")})`), pos);
    return m.callFn(name, a, pos);
  };
}
