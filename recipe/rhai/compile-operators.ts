/** Operators: unary, binary, assignment (plain and compound) and string interpolation. */

import { arrayLimit, checkLen2, copyIfObj, equalsCounted, mapLimit, measureCharged } from "./access.js";
import type { Expr } from "./ast.js";
import type { CompilerCore, Ev } from "./compile-types.js";
import { chargeKey, checkDataSizeCharged, holdsData } from "./data-size.js";
import * as ops from "./ops.js";
import type { Frame, NativeFn } from "./runtime.js";
import { display, RFloat, typeName, type Value } from "./values.js";

// Local copies: module bindings compiled by some loaders become getter calls on every use.
const MAX_INT = 9007199254740991;
const addSlow = ops.addSlow;
const arith = ops.arith;
const compare = ops.compare;
const err = ops.err;
const intBit = ops.intBit;
const intDiv = ops.intDiv;
const intMod = ops.intMod;
const makeRange = ops.makeRange;
const negate = ops.negate;
const overflow = ops.overflow;

export function interp(comp: CompilerCore, x: Extract<Expr, { t: "istr" }>): Ev {
  const parts: (string | Ev)[] = x.parts.map((p) => (typeof p === "string" ? p : comp.block(p)));
  const pos = x.s;
  return (f) => {
    let s = "";
    for (const p of parts) {
      if (typeof p === "string") s += p;
      else {
        const v = p(f);
        s += toStr(comp, f, v, pos);
      }
    }
    return checkLen2(s, f, pos, comp.src);
  };
}

/** `to_string` of a value, honouring a script-defined or registered `to_string` for it. */
export function toStr(comp: CompilerCore, f: Frame, v: Value, pos: number): string {
  if (typeof v === "string") return v;
  const custom = f.rt.host.natives.byKey.get("to_string/1");
  if (custom && custom.length > 0 && !(custom[0] as NativeFn).builtin) {
    const fn = f.rt.host.natives.find("to_string/1", [v]);
    if (fn && !fn.builtin) return display(comp.callNative(f, fn, [v], pos));
  }
  // The text of a container is at least as long as the strings inside it: refuse before building it.
  if (v !== null && typeof v === "object") measureCharged(v, f.rt, comp.src, pos);
  return display(v);
}

export function unary(comp: CompilerCore, op: string, x: Ev, pos: number): Ev {
  if (op === "-")
    return (f) => {
      const v = x(f);
      if (typeof v === "number") return v === 0 ? 0 : -v;
      try {
        return negate(v);
      } catch (e) {
        throw comp.at(e, pos);
      }
    };
  if (op === "!")
    return (f) => {
      const v = x(f);
      if (typeof v === "boolean") return !v;
      throw comp.at(err(`Function not found: ! (${typeName(v)})`, "`!` negates a bool"), pos);
    };
  return (f) => {
    const v = x(f);
    if (typeof v === "number" || v instanceof RFloat) return v;
    throw comp.at(err(`Function not found: + (${typeName(v)})`), pos);
  };
}

export function binary(comp: CompilerCore, x: Extract<Expr, { t: "bin" }>): Ev {
  const l = comp.expr(x.l);
  const r = comp.expr(x.r);
  const pos = x.opPos;
  const src = comp.src;
  const fail = (e: unknown): unknown => comp.at(e, pos);
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
          return addSlow(a, b, f.rt);
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
        return equalsCounted(a, b, f.rt);
      };
    case "!=":
      return (f) => {
        const a = l(f);
        const b = r(f);
        if (typeof a === "number" && typeof b === "number") return a !== b;
        return !equalsCounted(a, b, f.rt);
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
        const res = comp.callMethodValue(f, b, "contains", [a], pos);
        if (typeof res !== "boolean") throw fail(err("'contains' must return a bool"));
        return neg ? !res : res;
      };
    }
  }
  throw comp.at(err(`Unknown operator ${x.op}`), pos);
}

export function assign(comp: CompilerCore, x: Extract<Expr, { t: "assign" }>): Ev {
  const target = comp.lv(x.target);
  const value = comp.valueOf(x.value);
  const pos = x.target.s;
  const src = comp.src;
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
      f.vars[slot] = compound(comp, f, "+", a, b, pos);
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
    const c = compound(comp, f, op, a, b, pos);
    if (c !== a || typeof a !== "object") target.set(f, c);
    return null;
  };
}

/** `a op= b`: arrays and maps are extended in place. */
export function compound(comp: CompilerCore, f: Frame, op: string, a: Value, b: Value, pos: number): Value {
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
        if (holdsData(b)) checkDataSizeCharged(a, f.rt);
        return a;
      }
      if (a instanceof Map && b instanceof Map) {
        for (const [k, v] of b) {
          chargeKey(a, k, f.rt);
          a.set(k, v);
        }
        if (a.size > f.rt.limits.maxMapSize) throw mapLimit(f.rt);
        checkDataSizeCharged(a, f.rt);
        return a;
      }
      return addSlow(a, b, f.rt);
    }
    return arith(op, a, b);
  } catch (e) {
    throw comp.at(e, pos);
  }
}
