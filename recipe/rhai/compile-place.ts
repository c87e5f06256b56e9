/** Places: variables, `this`, index and property paths, read and written (the left side of `=`). */

import { mapLimit, measureCharged, readIndex, writeIndex } from "./access.js";
import type { Expr } from "./ast.js";
import type { CompilerCore, Ev, Lv } from "./compile-types.js";
import { chargeKey, holdsData, MEASURE_KEY } from "./data-size.js";
import * as ops from "./ops.js";
import type { Cell, Frame } from "./runtime.js";
import { FnPtr, typeName, type Value } from "./values.js";

// Local copies: module bindings compiled by some loaders become getter calls on every use.
const err = ops.err;

export function varGet(comp: CompilerCore, x: Extract<Expr, { t: "var" }>): Ev {
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
  const hint = comp.inFunction
    ? "functions cannot see variables outside them; pass the value as a parameter"
    : "declare it with `let` before use";
  // A bare name of a script function is a pointer to it when no variable has the name (`let f = foo;`).
  let isFn = false;
  for (const k of comp.fns.keys()) if (k.startsWith(`${name}/`)) isFn = true;
  return (f) => {
    const d = f.dyn;
    if (d) {
      const v = d.get(name);
      if (v !== undefined) return v;
    }
    if (isFn) return new FnPtr(name);
    throw comp.at(err(`Variable not found: ${name}`, hint), pos);
  };
}

export function lv(comp: CompilerCore, x: Expr): Lv {
  switch (x.t) {
    case "var": {
      const res = x.res ?? { k: "dyn" as const };
      const get = varGet(comp, x);
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
          if (!d?.has(name)) throw comp.at(err(`Variable not found: ${name}`), pos);
          if (d.isConstant?.(name)) throw comp.at(err(`Cannot assign to constant '${name}'`), pos);
          d.set(name, v);
        },
        isConst: false,
      };
    }
    case "this": {
      const get = comp.expr(x);
      return {
        get,
        set: (f, v) => {
          if (f.thisCell) f.thisCell.v = v;
        },
        isConst: false,
      };
    }
    case "index": {
      const parent = lv(comp, x.obj);
      const idx = comp.expr(x.idx);
      const pos = x.idx.s;
      return {
        get: (f) => {
          try {
            return readIndex(parent.get(f), idx(f), f.rt);
          } catch (e) {
            throw comp.at(e, pos);
          }
        },
        set: (f, v) => {
          const o = parent.get(f);
          const k = idx(f);
          try {
            const replaced = writeIndex(o, k, v, f.rt);
            if (replaced !== undefined) parent.set(f, replaced);
          } catch (e) {
            throw comp.at(e, pos);
          }
        },
        isConst: parent.isConst,
      };
    }
    case "prop": {
      const parent = lv(comp, x.obj);
      const name = x.name;
      const pos = x.e - name.length;
      return {
        get: (f) => {
          const o = parent.get(f);
          if (o instanceof Map) {
            chargeKey(o, name, f.rt);
            const v = o.get(name);
            return v === undefined ? null : v;
          }
          return getProp(comp, f, o, name, pos);
        },
        set: (f, v) => {
          const o = parent.get(f);
          if (o instanceof Map) {
            chargeKey(o, name, f.rt);
            if (!o.has(name) && o.size >= f.rt.limits.maxMapSize) throw mapLimit(f.rt).at(comp.src, pos);
            o.set(name, v);
            if (holdsData(v) || name.length >= MEASURE_KEY) measureCharged(o, f.rt, comp.src, pos);
            return;
          }
          const setter = f.rt.host.natives.find(`set$${name}/2`, [o, v]);
          if (!setter)
            throw comp.at(
              err(
                `Cannot set property '${name}' of a value of type ${typeName(o)}`,
                "only object maps have properties",
              ),
              pos,
            );
          const args = [o, v];
          comp.callNative(f, setter, args, pos);
          if (args[0] !== o) parent.set(f, args[0] as Value);
        },
        isConst: parent.isConst,
      };
    }
    default: {
      const get = comp.expr(x);
      return {
        get,
        set: () => {
          throw comp.at(err("Cannot assign to this expression"), x.s);
        },
        isConst: false,
      };
    }
  }
}

export function getProp(comp: CompilerCore, f: Frame, o: Value, name: string, pos: number): Value {
  const natives = f.rt.host.natives;
  const args = [o];
  const getter = natives.find(`get$${name}/1`, args) ?? natives.find(`${name}/1`, args);
  if (getter) return comp.callNative(f, getter, args, pos);
  throw comp.at(
    err(
      `Property not found: ${name} (on a value of type ${typeName(o)})`,
      o === null ? "the value is (); use `?.` to skip missing values" : undefined,
    ),
    pos,
  );
}
