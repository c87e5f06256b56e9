/** Method calls `obj.name(args)`: script methods with `this`, natives, closures stored in maps. */

import { isObj, isPlace } from "./access.js";
import type { Expr } from "./ast.js";
import { type CallSite, newSite, resolveNative } from "./callsite.js";
import { nativeError } from "./compile-calls.js";
import type { CompilerCore, Ev } from "./compile-types.js";
import { type Cell, type Frame, tagOf } from "./runtime.js";
import { cloneValue, FnPtr, typeName, type Value } from "./values.js";

export function method(comp: CompilerCore, x: Extract<Expr, { t: "method" }>): Ev {
  const name = x.name;
  const mpos = x.obj.e + 1;
  const argEvs = x.args.map((a) => comp.valueOf(a));
  const n = argEvs.length;
  const safe = x.safe;
  const place = isPlace(x.obj);
  const target = place ? comp.lv(x.obj) : null;
  const objEv = target ? target.get : comp.expr(x.obj);
  const isConst = target?.isConst ?? false;
  // Where a replaced receiver (e.g. `s.trim()` on a string) is written back; constants get a copy.
  const set = target && !isConst ? target.set : null;
  const inv1 = methodInvoker1(comp, name, n, isConst, set, mpos);
  if (inv1) {
    const a0 = n === 1 ? (argEvs[0] as Ev) : null;
    return (f) => {
      const o = objEv(f);
      if (safe && o === null) return null;
      return inv1(f, o, a0 === null ? null : a0(f));
    };
  }
  const site = newSite(name, n + 1, comp.fns.get(`${name}/${n}`) ?? null, mpos);
  return (f) => {
    let o = objEv(f);
    if (safe && o === null) return null;
    if (isConst && isObj(o)) o = cloneValue(o);
    const all = new Array<Value>(n + 1);
    all[0] = o;
    for (let i = 0; i < n; i++) all[i + 1] = (argEvs[i] as Ev)(f);
    return dispatchMethod(comp, f, site, all, set);
  };
}

/**
 * The call of a method with at most one argument that is no script function, given the evaluated
 * receiver and argument (null when there is none); null for other methods. Inline cache: a
 * built-in with an allocation-free form that took this receiver type last time is called
 * directly; everything else goes through the general dispatch.
 */
export function methodInvoker1(
  comp: CompilerCore,
  name: string,
  n: number,
  isConst: boolean,
  set: ((f: Frame, v: Value) => void) | null,
  pos: number,
): ((f: Frame, o: Value, a: Value) => Value) | null {
  if (n > 1 || name === "call" || comp.fns.has(`${name}/${n}`) || comp.typedMethods.has(`${name}/${n}`))
    return null;
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
          throw nativeError(comp, e, nf, f.rt, pos);
        }
      }
    }
    return dispatchMethod(comp, f, site, unary ? [o] : [o, a], set);
  };
}

/**
 * Call a method; `all[0]` is the receiver. A call that replaces the receiver (a native assigning
 * `args[0]`, a script method assigning `this`) writes it back through `set` when there is one.
 */
export function dispatchMethod(
  comp: CompilerCore,
  f: Frame,
  site: CallSite,
  all: Value[],
  set: ((f: Frame, v: Value) => void) | null,
): Value {
  const o = all[0] as Value;
  const pos = site.pos;
  if (o instanceof FnPtr && site.name === "call") return comp.callPtr(f.rt, o, all.slice(1), pos);
  if (comp.typedMethods.size !== 0) {
    // A method defined for the receiver's type wins over the one for every type (as in Rhai).
    const cf = comp.fns.get(`${typeName(o)}.${site.name}/${all.length - 1}`);
    if (cf) {
      const cell: Cell = { v: o };
      const r = comp.callScript(f.rt, cf, all.slice(1), cell, null, null, pos);
      if (set !== null && cell.v !== o) set(f, cell.v);
      return r;
    }
  }
  if (site.script) {
    const cell: Cell = { v: o };
    const r = comp.callScript(f.rt, site.script, all.slice(1), cell, null, null, pos);
    if (set !== null && cell.v !== o) set(f, cell.v);
    return r;
  }
  const nf = resolveNative(site, f.rt.host.natives, all);
  if (nf) {
    const r = comp.callNative(f, nf, all, pos, site);
    if (set !== null && all[0] !== o) set(f, all[0] as Value);
    return r;
  }
  if (o instanceof Map) {
    const fp = o.get(site.name);
    if (fp instanceof FnPtr) {
      const cell: Cell = { v: o };
      const r = comp.callPtr(f.rt, fp, all.slice(1), pos, cell);
      if (set !== null && cell.v !== o) set(f, cell.v);
      return r;
    }
  }
  throw comp.at(comp.notFound(f, site.name, all, true), pos);
}

/** Method call on a plain value (used by `in`). */
export function callMethodValue(
  comp: CompilerCore,
  f: Frame,
  o: Value,
  name: string,
  a: Value[],
  pos: number,
): Value {
  const site = newSite(name, a.length + 1, comp.fns.get(`${name}/${a.length}`) ?? null, pos);
  return dispatchMethod(comp, f, site, [o, ...a], null);
}
