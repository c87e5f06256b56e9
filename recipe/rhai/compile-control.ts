/** Control flow: closures, `switch`, `while`/`loop`, `do`, `for`. */

import { copyCounted } from "./access.js";
import type { Expr } from "./ast.js";
import type { CompilerCore, Ev } from "./compile-types.js";
import type { RhaiError, SourceFile } from "./errors.js";
import * as ops from "./ops.js";
import type { Cell, Closure, Frame } from "./runtime.js";
import { chars, FnPtr, RChar, RRange, typeName, type Value, valuesEqual } from "./values.js";

// Local copies: module bindings compiled by some loaders become getter calls on every use.
const CTL_NONE = 0;
const CTL_BREAK = 1;
const CTL_CONTINUE = 2;
const err = ops.err;

let anonCounter = 0;

export function closure(comp: CompilerCore, x: Extract<Expr, { t: "closure" }>): Ev {
  let cf = comp.closures.get(x.fn);
  if (!cf) {
    cf = comp.declareFn(x.fn);
    cf.name = `anon$${++anonCounter}`;
    comp.defineFn(cf, false);
    comp.closures.set(x.fn, cf);
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

export function switchExpr(comp: CompilerCore, x: Extract<Expr, { t: "switch" }>): Ev {
  const subject = comp.expr(x.x);
  const table = new Map<string, number[]>();
  const ranges: { r: RRange; i: number }[] = [];
  const others: { v: Value; i: number }[] = [];
  const conds: (Ev | null)[] = [];
  const bodies: Ev[] = [];
  x.cases.forEach((c, i) => {
    conds.push(c.cond ? comp.expr(c.cond) : null);
    bodies.push(comp.expr(c.body));
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
  const def = x.def ? comp.expr(x.def) : null;
  const pos = x.s;
  return (f) => {
    const v = subject(f);
    const tryCase = (i: number): boolean => {
      const c = conds[i];
      if (!c) return true;
      const r = c(f);
      if (typeof r !== "boolean")
        throw comp.at(err(`A switch case condition must be a bool, found ${typeName(r)}`), pos);
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

export function whileLoop(comp: CompilerCore, x: Extract<Expr, { t: "while" }>): Ev {
  const cond = x.cond ? comp.expr(x.cond) : null;
  const body = comp.block(x.body);
  const pos = x.s;
  const cpos = x.cond?.s ?? x.s;
  return (f) => {
    const rt = f.rt;
    for (;;) {
      if (++rt.ops > rt.maxOps) rt.checkpoint(comp.src, pos);
      if (cond) {
        const c = cond(f);
        if (c === false) break;
        if (c !== true)
          throw comp.at(err(`The condition of 'while' must be a bool, found ${typeName(c)}`), cpos);
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

export function doLoop(comp: CompilerCore, x: Extract<Expr, { t: "do" }>): Ev {
  const cond = comp.expr(x.cond);
  const body = comp.block(x.body);
  const until = x.until;
  const pos = x.s;
  return (f) => {
    const rt = f.rt;
    for (;;) {
      if (++rt.ops > rt.maxOps) rt.checkpoint(comp.src, pos);
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
      const c = truthyAt(cond(f), comp, x.cond.s);
      if (c === until) break;
    }
    return null;
  };
}

/** What `for` walks over a non-range value: a snapshot of the array, or the string's characters. */
export function iterItems(comp: CompilerCore, it: Value, ipos: number): Value[] {
  if (Array.isArray(it)) return it.slice();
  if (typeof it === "string") return chars(it).map((c) => new RChar(c));
  if (it instanceof Map)
    throw comp.at(
      err("An object map cannot be iterated directly", "iterate over `map.keys()` or `map.values()`"),
      ipos,
    );
  throw comp.at(
    err(`Cannot iterate over a value of type ${typeName(it)}`, "use an array, a range or a string"),
    ipos,
  );
}

export function forLoop(comp: CompilerCore, x: Extract<Expr, { t: "for" }>): Ev {
  const iter = comp.expr(x.iter);
  const body = comp.block(x.body);
  const vd = x.vDecl!;
  const id = x.iDecl ?? null;
  const pos = x.s;
  const ipos = x.iter.s;
  const vslot = vd.slot;
  const vboxed = vd.boxed;
  const islot = id?.slot ?? -1;
  const iboxed = id?.boxed ?? false;
  const src = comp.src;
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
        if (++rt.ops > rt.maxOps) rt.checkpoint(src, pos);
        if (step(f, n, i)) return finish(f);
      }
      return null;
    }
    const items = iterItems(comp, it, ipos);
    for (let i = 0; i < items.length; i++) {
      if (++rt.ops > rt.maxOps) rt.checkpoint(src, pos);
      if (step(f, copyCounted(items[i] as Value, rt), i)) return finish(f);
    }
    return null;
  };
}

function truthy(v: Value, what: string): boolean {
  if (v === true) return true;
  if (v === false) return false;
  throw err(`${what} must be a bool, found ${typeName(v)}`, 'compare explicitly, e.g. `x != 0` or `s != ""`');
}

function truthyAt(v: Value, c: CompilerCore, pos: number): boolean {
  try {
    return truthy(v, "The loop condition");
  } catch (e) {
    throw (e as RhaiError).at((c as unknown as { src: SourceFile }).src, pos);
  }
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
