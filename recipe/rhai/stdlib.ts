/** The standard library every engine starts with: globals, numbers, chars, maps, ranges, function pointers. */

import { chargeKey, checkDataSizeCharged, checkMapStore } from "./data-size.js";
import { limitError } from "./errors.js";
import { err } from "./ops.js";
import type { FastImpl, NativeRegistry, ParamType } from "./runtime.js";
import { installArrays } from "./stdlib-arrays.js";
import { installStrings } from "./stdlib-strings.js";
import {
  arrayLimit,
  copyIfObj,
  expectBool,
  int,
  makeAdders,
  map,
  parseIntStrict,
  str,
  strLimit,
  textOf,
  toJson,
} from "./stdlib-support.js";
import {
  debugString,
  display,
  FnPtr,
  RChar,
  RFloat,
  type RMap,
  RRange,
  sortedKeys,
  typeName,
  type Value,
} from "./values.js";

export function installStdlib(reg: NativeRegistry): void {
  const { add, addTextual } = makeAdders(reg);
  // ---- global ----
  add("print", ["any"], ([v], ctx) => {
    checkDataSizeCharged(v as Value, ctx.rt);
    const text = display(v as Value);
    strLimit(ctx, text.length);
    ctx.rt.host.print(text);
    return null;
  });
  add("debug", ["any"], ([v], ctx) => {
    checkDataSizeCharged(v as Value, ctx.rt);
    const text = debugString(v as Value);
    strLimit(ctx, text.length);
    const p = ctx.position;
    ctx.rt.host.debug(text, p.file, p.line, p.column);
    return null;
  });
  add("type_of", ["any"], ([v]) => typeName(v as Value), typeName);
  // The text of a container is at least as long as the strings inside it: refuse before building it.
  add("to_string", ["any"], ([v], ctx) => {
    checkDataSizeCharged(v as Value, ctx.rt);
    return display(v as Value);
  });
  add("to_debug", ["any"], ([v], ctx) => {
    checkDataSizeCharged(v as Value, ctx.rt);
    return debugString(v as Value);
  });
  add("parse_int", ["string"], ([s]) => parseIntStrict(str(s as Value), 10));
  add("parse_int", ["string", "int"], ([s, r]) => parseIntStrict(str(s as Value), int(r as Value)));
  add("parse_float", ["string"], ([s]) => {
    const t = str(s as Value).trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) && !/^[+-]?(inf|NaN|infinity)$/i.test(t))
      throw err(`Cannot parse '${s}' as a float`, 'parse_float expects a number like "3.14"');
    return new RFloat(/inf/i.test(t) ? (t.startsWith("-") ? -Infinity : Infinity) : Number(t));
  });
  add("range", ["int", "int"], ([a, b]) => new RRange(int(a as Value), int(b as Value), false));
  add("range", ["int", "int", "int"], ([a, b, st], ctx) => {
    const from = int(a as Value);
    const to = int(b as Value);
    const step = int(st as Value);
    if (step === 0) throw err("range() step cannot be zero");
    // Counted before it is built: range(0, 100000000, 1) filled memory before the limit was checked.
    arrayLimit(ctx, Math.max(0, Math.ceil((to - from) / step)));
    const out: Value[] = [];
    if (step > 0) for (let i = from; i < to; i += step) out.push(i);
    else for (let i = from; i > to; i += step) out.push(i);
    arrayLimit(ctx, out.length);
    return out;
  });

  // ---- numbers ----
  add("abs", ["int"], ([x]) => Math.abs(int(x as Value)));
  add("abs", ["float"], ([x]) => new RFloat(Math.abs((x as RFloat).v)));
  add("sign", ["int"], ([x]) => Math.sign(int(x as Value)));
  add("sign", ["float"], ([x]) => Math.sign((x as RFloat).v));
  add("is_zero", ["int"], ([x]) => x === 0);
  add("is_odd", ["int"], ([x]) => int(x as Value) % 2 !== 0);
  add("is_even", ["int"], ([x]) => int(x as Value) % 2 === 0);
  const num = (v: Value): number => (typeof v === "number" ? v : (v as RFloat).v);
  for (const [a, b] of [
    ["int", "int"],
    ["int", "float"],
    ["float", "int"],
    ["float", "float"],
  ] as [ParamType, ParamType][]) {
    add("min", [a, b], ([x, y]) => {
      const r = num(x as Value) <= num(y as Value) ? x : y;
      return a === "int" && b === "int" ? r : new RFloat(num(r as Value));
    });
    add("max", [a, b], ([x, y]) => {
      const r = num(x as Value) >= num(y as Value) ? x : y;
      return a === "int" && b === "int" ? r : new RFloat(num(r as Value));
    });
  }
  add("to_float", ["int"], ([x]) => new RFloat(int(x as Value)));
  add("to_float", ["float"], ([x]) => x);
  add("to_int", ["int"], ([x]) => x);
  add("to_int", ["float"], ([x]) => {
    const v = Math.trunc((x as RFloat).v);
    if (!Number.isSafeInteger(v))
      throw err(`Cannot convert ${display(x as Value)} to an integer: out of range`);
    return v === 0 ? 0 : v;
  });
  add("to_int", ["char"], ([c]) => (c as RChar).c.codePointAt(0) ?? 0);
  add("to_char", ["int"], ([x]) => {
    const n = int(x as Value);
    if (n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff))
      throw err(`${n} is not a valid Unicode code point`);
    return new RChar(String.fromCodePoint(n));
  });
  const fl = (name: string, fn: (x: number) => number): void => {
    add(name, ["float"], ([x]) => new RFloat(fn((x as RFloat).v)));
  };
  fl("floor", Math.floor);
  fl("ceiling", Math.ceil);
  fl("round", (x) => Math.sign(x) * Math.round(Math.abs(x)));
  fl("int", Math.trunc);
  fl("fraction", (x) => x - Math.trunc(x));
  fl("sqrt", Math.sqrt);
  fl("exp", Math.exp);
  fl("ln", Math.log);
  fl("log", Math.log10);
  fl("sin", Math.sin);
  fl("cos", Math.cos);
  fl("tan", Math.tan);
  add("sqrt", ["int"], ([x]) => new RFloat(Math.sqrt(int(x as Value))));
  add("is_nan", ["float"], ([x]) => Number.isNaN((x as RFloat).v));
  add("is_infinite", ["float"], ([x]) => !Number.isFinite((x as RFloat).v) && !Number.isNaN((x as RFloat).v));
  add("is_finite", ["float"], ([x]) => Number.isFinite((x as RFloat).v));
  add("to_hex", ["int"], ([x]) => BigInt.asUintN(64, BigInt(int(x as Value))).toString(16));
  add("to_octal", ["int"], ([x]) => BigInt.asUintN(64, BigInt(int(x as Value))).toString(8));
  add("to_binary", ["int"], ([x]) => BigInt.asUintN(64, BigInt(int(x as Value))).toString(2));
  add("PI", [], () => new RFloat(Math.PI));
  add("E", [], () => new RFloat(Math.E));

  // ---- chars ----
  add("to_upper", ["char"], ([c]) => new RChar((c as RChar).c.toUpperCase()));
  add("to_lower", ["char"], ([c]) => new RChar((c as RChar).c.toLowerCase()));
  add("is_digit", ["char"], ([c]) => /^[0-9]$/.test((c as RChar).c));
  add("is_alphabetic", ["char"], ([c]) => /^\p{L}$/u.test((c as RChar).c));
  add("is_whitespace", ["char"], ([c]) => /^\s$/u.test((c as RChar).c));

  installStrings(add, addTextual);
  installArrays(add);

  // ---- maps ----
  const mapLen: FastImpl = (m) => map(m).size;
  add("len", ["map"], ([m], ctx) => mapLen(m as Value, null, ctx.rt), mapLen);
  const mapEmpty: FastImpl = (m) => map(m).size === 0;
  add("is_empty", ["map"], ([m], ctx) => mapEmpty(m as Value, null, ctx.rt), mapEmpty);
  add("keys", ["map"], ([m]) => sortedKeys(map(m as Value)));
  add("values", ["map"], ([m]) => {
    const mm = map(m as Value);
    return sortedKeys(mm).map((k) => copyIfObj(mm.get(k) as Value));
  });
  const mapHas: FastImpl = (m, k, rt) => {
    const mm = map(m);
    const key = textOf(k);
    chargeKey(mm, key, rt);
    return mm.has(key);
  };
  add("contains", ["map", "string"], ([m, k], ctx) => mapHas(m as Value, k as Value, ctx.rt), mapHas);
  add("contains", ["map", "char"], ([m, k], ctx) => mapHas(m as Value, k as Value, ctx.rt), mapHas);
  add("remove", ["map", "string"], ([m, k], ctx) => {
    const mm = map(m as Value);
    const key = str(k as Value);
    chargeKey(mm, key, ctx.rt);
    const v = mm.get(key);
    mm.delete(key);
    return v === undefined ? null : v;
  });
  const mapGet: FastImpl = (m, k, rt) => {
    const mm = map(m);
    const key = str(k);
    chargeKey(mm, key, rt);
    return copyIfObj(mm.get(key) ?? null);
  };
  add("get", ["map", "string"], ([m, k], ctx) => mapGet(m as Value, k as Value, ctx.rt), mapGet);
  add("set", ["map", "string", "any"], ([m, k, v], ctx) => {
    const mm = map(m as Value);
    const key = str(k as Value);
    chargeKey(mm, key, ctx.rt);
    if (!mm.has(key) && mm.size >= ctx.limits.maxMapSize)
      throw limitError(`Object map size exceeds the limit of ${ctx.limits.maxMapSize} properties`);
    const stored = copyIfObj(v as Value);
    mm.set(key, stored);
    // A big value or key stored by name is measured as one stored by index.
    checkMapStore(mm, key, stored, ctx.rt);
    return null;
  });
  add("clear", ["map"], ([m]) => {
    map(m as Value).clear();
    return null;
  });
  add("mixin", ["map", "map"], ([m, o], ctx) => {
    const mm = map(m as Value);
    for (const [k, v] of map(o as Value)) {
      chargeKey(mm, k, ctx.rt);
      mm.set(k, copyIfObj(v));
    }
    if (mm.size > ctx.limits.maxMapSize)
      throw limitError(`Object map size exceeds the limit of ${ctx.limits.maxMapSize} properties`);
    checkDataSizeCharged(mm, ctx.rt);
    return null;
  });
  add("fill_with", ["map", "map"], ([m, o], ctx) => {
    const mm = map(m as Value);
    for (const [k, v] of map(o as Value)) {
      chargeKey(mm, k, ctx.rt);
      if (!mm.has(k)) mm.set(k, copyIfObj(v));
    }
    if (mm.size > ctx.limits.maxMapSize)
      throw limitError(`Object map size exceeds the limit of ${ctx.limits.maxMapSize} properties`);
    checkDataSizeCharged(mm, ctx.rt);
    return null;
  });
  add("filter", ["map", "fnptr"], ([m, f], ctx) => {
    const mm = map(m as Value);
    const out: RMap = new Map();
    for (const k of sortedKeys(mm)) {
      const v = mm.get(k) as Value;
      if (expectBool(ctx.call(f as FnPtr, [k, v]), "filter")) out.set(k, v);
    }
    return out;
  });
  add("to_json", ["map"], ([m], ctx) => {
    checkDataSizeCharged(m as Value, ctx.rt);
    const r = toJson(m as Value);
    strLimit(ctx, r.length);
    return r;
  });
  add("to_json", ["array"], ([m], ctx) => {
    checkDataSizeCharged(m as Value, ctx.rt);
    return toJson(m as Value);
  });

  // ---- ranges ----
  add("contains", ["range", "int"], ([r, x]) => {
    const rr = r as RRange;
    const v = int(x as Value);
    return v >= rr.start && v < rr.stop;
  });
  add("start", ["range"], ([r]) => (r as RRange).start);
  add("end", ["range"], ([r]) => (r as RRange).end);
  add("is_inclusive", ["range"], ([r]) => (r as RRange).inclusive);
  add("len", ["range"], ([r]) => Math.max(0, (r as RRange).stop - (r as RRange).start));

  // ---- function pointers ----
  add("name", ["fnptr"], ([f]) => (f as FnPtr).name);
  add("is_anonymous", ["fnptr"], ([f]) => (f as FnPtr).closure !== null);
  for (let n = 1; n <= 6; n++) {
    add("curry", ["fnptr", ...(Array(n).fill("any") as ParamType[])], (a, ctx) => {
      const f = a[0] as FnPtr;
      // Each curry copies the arguments curried before: 100,000 in a loop was quadratic (attacker 8, M1).
      ctx.rt.charge(f.curry.length);
      return new FnPtr(f.name, [...f.curry, ...a.slice(1).map((x) => copyIfObj(x))], f.closure);
    });
  }
  for (let n = 0; n <= 6; n++) {
    add("call", ["fnptr", ...(Array(n).fill("any") as ParamType[])], (a, ctx) =>
      ctx.call(a[0] as FnPtr, a.slice(1)),
    );
  }
}
