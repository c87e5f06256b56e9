import { limitError, RhaiError } from "./errors.js";
import { checkLen, compare, err } from "./ops.js";
import type { FastImpl, Limits, NativeCallContext, NativeRegistry, ParamType } from "./runtime.js";
import {
  charLength,
  chars,
  cloneValue,
  debugString,
  display,
  FnPtr,
  hasSurrogates,
  RChar,
  RFloat,
  type RMap,
  RRange,
  sortedKeys,
  typeName,
  type Value,
  valuesEqual,
} from "./values.js";

type Impl = (a: Value[], ctx: NativeCallContext) => Value | undefined;

function str(v: Value): string {
  return v as string;
}
function int(v: Value): number {
  return v as number;
}
function arr(v: Value): Value[] {
  return v as Value[];
}
function map(v: Value): RMap {
  return v as RMap;
}
function textOf(v: Value): string {
  return typeof v === "string" ? v : (v as RChar).c;
}
function copyIfObj(v: Value): Value {
  return v !== null && typeof v === "object" && (Array.isArray(v) || v instanceof Map) ? cloneValue(v) : v;
}

function arrayLimit(ctx: { limits: Limits }, n: number): void {
  if (n > ctx.limits.maxArrayLength)
    throw limitError(
      `Array size exceeds the limit of ${ctx.limits.maxArrayLength} elements`,
      "raise maxArrayLength in the engine limits if this is intended",
    );
}

function strLimit(ctx: NativeCallContext, n: number): void {
  if (n > ctx.limits.maxStringLength)
    throw limitError(
      `String length exceeds the limit of ${ctx.limits.maxStringLength} characters`,
      "raise maxStringLength in the engine limits if this is intended",
    );
}

/** Character-based substring with Rhai's clamping rules. */
function subChars(s: string, start: number, len: number | null): string {
  const cs = hasSurrogates(s) ? Array.from(s) : null;
  const n = cs ? cs.length : s.length;
  let st = start < 0 ? Math.max(0, n + start) : start;
  if (st >= n) return "";
  let count = len === null ? n - st : len;
  if (count <= 0) return "";
  if (st + count > n) count = n - st;
  st = Math.max(0, st);
  return cs ? cs.slice(st, st + count).join("") : s.substr(st, count);
}

function charIndexOf(s: string, needle: string, start: number): number {
  if (!hasSurrogates(s)) {
    const st = start < 0 ? Math.max(0, s.length + start) : start;
    if (st > s.length) return -1;
    return s.indexOf(needle, st);
  }
  const cs = Array.from(s);
  const st = start < 0 ? Math.max(0, cs.length + start) : start;
  const prefix = cs.slice(0, st).join("");
  const i = s.indexOf(needle, prefix.length);
  if (i < 0) return -1;
  return charLength(s.slice(0, i));
}

function parseIntStrict(s: string, radix: number): number {
  const t = s.trim();
  const digits =
    radix === 16
      ? /^[+-]?[0-9a-fA-F]+$/
      : radix === 2
        ? /^[+-]?[01]+$/
        : radix === 8
          ? /^[+-]?[0-7]+$/
          : /^[+-]?[0-9]+$/;
  if (radix < 2 || radix > 36) throw err(`Invalid radix ${radix}: must be between 2 and 36`);
  if (
    !(radix === 10 || radix === 16 || radix === 2 || radix === 8
      ? digits.test(t)
      : /^[+-]?[0-9a-zA-Z]+$/.test(t))
  )
    throw err(
      `Cannot parse '${s}' as an integer`,
      'parse_int expects digits with an optional sign, e.g. "42"',
    );
  const n = Number.parseInt(t, radix);
  if (Number.isNaN(n)) throw err(`Cannot parse '${s}' as an integer`);
  if (!Number.isSafeInteger(n)) throw err(`Integer '${s}' is too large for this engine`);
  return n;
}

function callFlex(ctx: NativeCallContext, fp: FnPtr, item: Value, i: number): Value {
  const ar = ctx.arityOf(fp);
  if (ar.includes(1) || !ar.includes(2)) return ctx.call(fp, [item]);
  return ctx.call(fp, [item, i]);
}

function toFnPtr(v: Value): FnPtr {
  if (v instanceof FnPtr) return v;
  return new FnPtr(v as string);
}

function expectBool(v: Value, what: string): boolean {
  if (typeof v !== "boolean") throw err(`The ${what} function must return a bool, found ${typeName(v)}`);
  return v;
}

function defaultCompare(a: Value, b: Value): number {
  if (typeName(a) !== typeName(b))
    throw err(
      `Cannot sort an array mixing ${typeName(a)} and ${typeName(b)}`,
      "pass a comparison function: sort(|a, b| ...)",
    );
  if (a === null) return 0;
  if (compare("<", a, b)) return -1;
  if (compare(">", a, b)) return 1;
  if (
    typeof a === "number" ||
    typeof a === "string" ||
    typeof a === "boolean" ||
    a instanceof RFloat ||
    a instanceof RChar
  )
    return 0;
  throw err(`Cannot sort values of type ${typeName(a)}`, "pass a comparison function: sort(|a, b| ...)");
}

function toJson(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof RFloat) return Number.isFinite(v.v) ? String(v.v) : "null";
  if (v instanceof RChar) return JSON.stringify(v.c);
  if (Array.isArray(v)) return `[${v.map(toJson).join(",")}]`;
  if (v instanceof Map)
    return `{${sortedKeys(v)
      .map((k) => `${JSON.stringify(k)}:${toJson(v.get(k) ?? null)}`)
      .join(",")}}`;
  return JSON.stringify(display(v));
}

export function installStdlib(reg: NativeRegistry): void {
  // `fast`: the same function without argument array and context, for the hot methods (see FastImpl).
  const add = (name: string, params: ParamType[], impl: Impl, fast?: FastImpl): void => {
    reg.add(fast ? { name, params, impl, builtin: true, fast } : { name, params, impl, builtin: true });
  };
  const addTextual = (name: string, before: ParamType[], impl: Impl, fast?: FastImpl): void => {
    add(name, [...before, "string"], impl, fast);
    add(name, [...before, "char"], impl, fast);
  };

  // ---- global ----
  add("print", ["any"], ([v], ctx) => {
    ctx.rt.host.print(display(v as Value));
    return null;
  });
  add("debug", ["any"], ([v], ctx) => {
    const p = ctx.position;
    ctx.rt.host.debug(debugString(v as Value), p.file, p.line, p.column);
    return null;
  });
  add("type_of", ["any"], ([v]) => typeName(v as Value), typeName);
  add("to_string", ["any"], ([v]) => display(v as Value));
  add("to_debug", ["any"], ([v]) => debugString(v as Value));
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

  // ---- strings ----
  const strLen: FastImpl = (s) => charLength(str(s));
  add("len", ["string"], ([s], ctx) => strLen(s as Value, null, ctx.rt), strLen);
  const strEmpty: FastImpl = (s) => str(s).length === 0;
  add("is_empty", ["string"], ([s], ctx) => strEmpty(s as Value, null, ctx.rt), strEmpty);
  const strHas: FastImpl = (s, t) => str(s).includes(textOf(t));
  addTextual("contains", ["string"], ([s, t], ctx) => strHas(s as Value, t as Value, ctx.rt), strHas);
  const strStarts: FastImpl = (s, t) => str(s).startsWith(textOf(t));
  addTextual(
    "starts_with",
    ["string"],
    ([s, t], ctx) => strStarts(s as Value, t as Value, ctx.rt),
    strStarts,
  );
  const strEnds: FastImpl = (s, t) => str(s).endsWith(textOf(t));
  addTextual("ends_with", ["string"], ([s, t], ctx) => strEnds(s as Value, t as Value, ctx.rt), strEnds);
  addTextual("index_of", ["string"], ([s, t]) => charIndexOf(str(s as Value), textOf(t as Value), 0));
  add("index_of", ["string", "string", "int"], ([s, t, i]) =>
    charIndexOf(str(s as Value), str(t as Value), int(i as Value)),
  );
  add("index_of", ["string", "char", "int"], ([s, t, i]) =>
    charIndexOf(str(s as Value), textOf(t as Value), int(i as Value)),
  );
  add("sub_string", ["string", "int"], ([s, a]) => subChars(str(s as Value), int(a as Value), null));
  add("sub_string", ["string", "int", "int"], ([s, a, n]) =>
    subChars(str(s as Value), int(a as Value), int(n as Value)),
  );
  add("sub_string", ["string", "range"], ([s, r]) => {
    const rr = r as RRange;
    return subChars(str(s as Value), rr.start, rr.stop - rr.start);
  });
  add("get", ["string", "int"], ([s, i]) => {
    const cs = chars(str(s as Value));
    const k = int(i as Value);
    const j = k < 0 ? cs.length + k : k;
    return j >= 0 && j < cs.length ? new RChar(cs[j] as string) : null;
  });
  add("chars", ["string"], ([s], ctx) => {
    const out = chars(str(s as Value)).map((c) => new RChar(c));
    arrayLimit(ctx, out.length);
    return out;
  });
  add("to_chars", ["string"], ([s], ctx) => {
    const out = chars(str(s as Value)).map((c) => new RChar(c));
    arrayLimit(ctx, out.length);
    return out;
  });
  add("bytes", ["string"], ([s]) => Buffer.byteLength(str(s as Value), "utf8"));
  addTextual("split", ["string"], ([s, d], ctx) => {
    const sep = textOf(d as Value);
    const out = str(s as Value).split(sep);
    arrayLimit(ctx, out.length);
    return out;
  });
  add("split", ["string", "string", "int"], ([s, d, n], ctx) => {
    const limit = int(n as Value);
    const sep = str(d as Value);
    const parts = str(s as Value).split(sep);
    const out =
      limit <= 0
        ? []
        : parts.length > limit
          ? [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(sep)]
          : parts;
    arrayLimit(ctx, out.length);
    return out;
  });
  add("split", ["string", "int"], ([s, i]) => {
    const cs = chars(str(s as Value));
    let k = int(i as Value);
    if (k < 0) k = Math.max(0, cs.length + k);
    k = Math.min(k, cs.length);
    return [cs.slice(0, k).join(""), cs.slice(k).join("")];
  });
  add("split", ["string"], ([s]) =>
    str(s as Value)
      .split(/\s+/)
      .filter((x) => x.length > 0),
  );
  add("split_rev", ["string", "string"], ([s, d]) =>
    str(s as Value)
      .split(str(d as Value))
      .reverse(),
  );
  add("lines", ["string"], ([s]) => str(s as Value).split(/\r?\n/));
  add("to_upper", ["string"], ([s]) => str(s as Value).toUpperCase());
  add("to_lower", ["string"], ([s]) => str(s as Value).toLowerCase());
  // The mutating string methods replace the receiver (args[0]) and return ().
  add("make_upper", ["string"], (a) => {
    a[0] = str(a[0] as Value).toUpperCase();
    return null;
  });
  add("make_lower", ["string"], (a) => {
    a[0] = str(a[0] as Value).toLowerCase();
    return null;
  });
  add("trim", ["string"], (a) => {
    a[0] = str(a[0] as Value).trim();
    return null;
  });
  add("trim_start", ["string"], (a) => {
    a[0] = str(a[0] as Value).trimStart();
    return null;
  });
  add("trim_end", ["string"], (a) => {
    a[0] = str(a[0] as Value).trimEnd();
    return null;
  });
  for (const t1 of ["string", "char"] as ParamType[])
    for (const t2 of ["string", "char"] as ParamType[])
      add("replace", ["string", t1, t2], (a, ctx) => {
        const find = textOf(a[1] as Value);
        const s = str(a[0] as Value);
        const r = find === "" ? s : s.split(find).join(textOf(a[2] as Value));
        strLimit(ctx, r.length);
        a[0] = r;
        return null;
      });
  addTextual("remove", ["string"], (a) => {
    const find = textOf(a[1] as Value);
    if (find !== "")
      a[0] = str(a[0] as Value)
        .split(find)
        .join("");
    return null;
  });
  addTextual("push", ["string"], (a, ctx) => {
    const r = str(a[0] as Value) + textOf(a[1] as Value);
    strLimit(ctx, r.length);
    a[0] = r;
    return null;
  });
  add("append", ["string", "any"], (a, ctx) => {
    const r = str(a[0] as Value) + display(a[1] as Value);
    strLimit(ctx, r.length);
    a[0] = r;
    return null;
  });
  add("pop", ["string"], (a) => {
    const cs = chars(str(a[0] as Value));
    if (cs.length === 0) return null;
    const c = cs.pop() as string;
    a[0] = cs.join("");
    return new RChar(c);
  });
  add("pop", ["string", "int"], (a) => {
    const cs = chars(str(a[0] as Value));
    const n = Math.max(0, Math.min(int(a[1] as Value), cs.length));
    const tail = cs.splice(cs.length - n, n);
    a[0] = cs.join("");
    return tail.join("");
  });
  add("clear", ["string"], (a) => {
    a[0] = "";
    return null;
  });
  add("truncate", ["string", "int"], (a) => {
    const n = Math.max(0, int(a[1] as Value));
    const s = str(a[0] as Value);
    a[0] = hasSurrogates(s) ? Array.from(s).slice(0, n).join("") : s.slice(0, n);
    return null;
  });
  add("crop", ["string", "int"], (a) => {
    a[0] = subChars(str(a[0] as Value), int(a[1] as Value), null);
    return null;
  });
  add("crop", ["string", "int", "int"], (a) => {
    a[0] = subChars(str(a[0] as Value), int(a[1] as Value), int(a[2] as Value));
    return null;
  });
  addTextual("pad", ["string", "int"], (a, ctx) => {
    const target = int(a[1] as Value);
    strLimit(ctx, target);
    const fill = textOf(a[2] as Value);
    let s = str(a[0] as Value);
    let n = charLength(s);
    if (fill === "" || n >= target) return null;
    while (n < target) {
      const room = target - n;
      const fl = charLength(fill);
      if (fl <= room) {
        s += fill;
        n += fl;
      } else {
        s += chars(fill).slice(0, room).join("");
        n = target;
      }
    }
    a[0] = s;
    return null;
  });
  add("repeat", ["string", "int"], ([s, n], ctx) => {
    const k = int(n as Value);
    if (k <= 0) return "";
    strLimit(ctx, str(s as Value).length * k);
    return str(s as Value).repeat(k);
  });

  // ---- arrays ----
  const arrLen: FastImpl = (a) => arr(a).length;
  add("len", ["array"], ([a], ctx) => arrLen(a as Value, null, ctx.rt), arrLen);
  const arrEmpty: FastImpl = (a) => arr(a).length === 0;
  add("is_empty", ["array"], ([a], ctx) => arrEmpty(a as Value, null, ctx.rt), arrEmpty);
  const arrPush = (xs: Value[], v: Value, limits: Limits): null => {
    arrayLimit({ limits }, xs.length + 1);
    xs.push(copyIfObj(v));
    return null;
  };
  add(
    "push",
    ["array", "any"],
    ([a, v], ctx) => arrPush(arr(a as Value), v as Value, ctx.limits),
    (a, v, rt) => arrPush(arr(a), v, rt.limits),
  );
  add("append", ["array", "array"], ([a, b], ctx) => {
    const xs = arr(a as Value);
    const ys = arr(b as Value);
    arrayLimit(ctx, xs.length + ys.length);
    for (const y of ys) xs.push(copyIfObj(y));
    return null;
  });
  add("insert", ["array", "int", "any"], ([a, i, v], ctx) => {
    const xs = arr(a as Value);
    arrayLimit(ctx, xs.length + 1);
    let k = int(i as Value);
    if (k < 0) k = Math.max(0, xs.length + k);
    if (k >= xs.length) xs.push(copyIfObj(v as Value));
    else xs.splice(k, 0, copyIfObj(v as Value));
    return null;
  });
  const arrPop: FastImpl = (a) => {
    const xs = arr(a);
    return xs.length ? (xs.pop() as Value) : null;
  };
  add("pop", ["array"], ([a], ctx) => arrPop(a as Value, null, ctx.rt), arrPop);
  add("shift", ["array"], ([a]) => {
    const xs = arr(a as Value);
    return xs.length ? (xs.shift() as Value) : null;
  });
  add("remove", ["array", "int"], ([a, i]) => {
    const xs = arr(a as Value);
    let k = int(i as Value);
    if (k < 0) k = xs.length + k;
    if (k < 0 || k >= xs.length) return null;
    return xs.splice(k, 1)[0] as Value;
  });
  // Element reads hand out a copy: the result must not alias the array (value semantics).
  const arrGet: FastImpl = (a, i) => {
    const xs = arr(a);
    const k = int(i);
    const j = k < 0 ? xs.length + k : k;
    return j >= 0 && j < xs.length ? copyIfObj(xs[j] as Value) : null;
  };
  add("get", ["array", "int"], ([a, i], ctx) => arrGet(a as Value, i as Value, ctx.rt), arrGet);
  add("reverse", ["array"], ([a]) => {
    arr(a as Value).reverse();
    return null;
  });
  add("clear", ["array"], ([a]) => {
    arr(a as Value).length = 0;
    return null;
  });
  add("truncate", ["array", "int"], ([a, n]) => {
    const xs = arr(a as Value);
    const k = Math.max(0, int(n as Value));
    if (k < xs.length) xs.length = k;
    return null;
  });
  add("chop", ["array", "int"], ([a, n]) => {
    const xs = arr(a as Value);
    const k = Math.max(0, int(n as Value));
    if (k < xs.length) xs.splice(0, xs.length - k);
    return null;
  });
  add("pad", ["array", "int", "any"], ([a, n, v], ctx) => {
    const xs = arr(a as Value);
    const k = int(n as Value);
    arrayLimit(ctx, k);
    while (xs.length < k) xs.push(copyIfObj(v as Value));
    return null;
  });
  const arrHas: FastImpl = (a, v) => {
    const xs = arr(a);
    for (let i = 0; i < xs.length; i++) if (valuesEqual(xs[i] as Value, v)) return true;
    return false;
  };
  add("contains", ["array", "any"], ([a, v], ctx) => arrHas(a as Value, v as Value, ctx.rt), arrHas);
  add("index_of", ["array", "any"], ([a, v], ctx) => {
    const xs = arr(a as Value);
    if (v instanceof FnPtr) {
      for (let i = 0; i < xs.length; i++)
        if (expectBool(callFlex(ctx, v, xs[i] as Value, i), "index_of")) return i;
      return -1;
    }
    return xs.findIndex((x) => valuesEqual(x, v as Value));
  });
  add("extract", ["array", "int"], ([a, s]) => {
    const xs = arr(a as Value);
    let k = int(s as Value);
    if (k < 0) k = Math.max(0, xs.length + k);
    return copyIfObj(xs.slice(k));
  });
  add("extract", ["array", "int", "int"], ([a, s, n]) => {
    const xs = arr(a as Value);
    let k = int(s as Value);
    if (k < 0) k = Math.max(0, xs.length + k);
    const c = int(n as Value);
    return c <= 0 ? [] : copyIfObj(xs.slice(k, k + c));
  });
  add("splice", ["array", "int", "int", "array"], ([a, s, n, b], ctx) => {
    const xs = arr(a as Value);
    let k = int(s as Value);
    if (k < 0) k = Math.max(0, xs.length + k);
    const ys = arr(b as Value).map(copyIfObj);
    arrayLimit(ctx, xs.length + ys.length);
    xs.splice(k, Math.max(0, int(n as Value)), ...ys);
    return null;
  });
  add("split", ["array", "int"], ([a, s]) => {
    const xs = arr(a as Value);
    let k = int(s as Value);
    if (k < 0) k = Math.max(0, xs.length + k);
    return xs.splice(k);
  });
  for (const fnType of ["fnptr", "string"] as ParamType[]) {
    add("map", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      const xs = arr(a as Value);
      const out: Value[] = new Array(xs.length);
      for (let i = 0; i < xs.length; i++) out[i] = callFlex(ctx, fp, xs[i] as Value, i);
      return out;
    });
    add("filter", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      const xs = arr(a as Value);
      const out: Value[] = [];
      for (let i = 0; i < xs.length; i++)
        if (expectBool(callFlex(ctx, fp, xs[i] as Value, i), "filter")) out.push(xs[i] as Value);
      return out;
    });
    add("for_each", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      const xs = arr(a as Value);
      for (let i = 0; i < xs.length; i++) callFlex(ctx, fp, xs[i] as Value, i);
      return null;
    });
    add("some", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      return arr(a as Value).some((x, i) => expectBool(callFlex(ctx, fp, x, i), "some"));
    });
    add("all", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      return arr(a as Value).every((x, i) => expectBool(callFlex(ctx, fp, x, i), "all"));
    });
    add("none", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      return !arr(a as Value).some((x, i) => expectBool(callFlex(ctx, fp, x, i), "none"));
    });
    const reduce = (rev: boolean) => (a: Value[], ctx: NativeCallContext) => {
      const fp = toFnPtr(a[1] as Value);
      const xs = arr(a[0] as Value);
      let acc: Value = a.length > 2 ? (a[2] as Value) : null;
      const ar = ctx.arityOf(fp);
      const withIndex = !ar.includes(2) && ar.includes(3);
      for (let k = 0; k < xs.length; k++) {
        const i = rev ? xs.length - 1 - k : k;
        acc = ctx.call(fp, withIndex ? [acc, xs[i] as Value, i] : [acc, xs[i] as Value]);
      }
      return acc;
    };
    add("reduce", ["array", fnType], reduce(false));
    add("reduce", ["array", fnType, "any"], reduce(false));
    add("reduce_rev", ["array", fnType], reduce(true));
    add("reduce_rev", ["array", fnType, "any"], reduce(true));
    add("sort", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      const xs = arr(a as Value);
      xs.sort((x, y) => {
        const r = ctx.call(fp, [x, y]);
        if (typeof r !== "number")
          throw err(`The sort comparison function must return an integer, found ${typeName(r)}`);
        return r;
      });
      return null;
    });
    add("drain", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      const xs = arr(a as Value);
      const keep: Value[] = [];
      const out: Value[] = [];
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i] as Value;
        (expectBool(callFlex(ctx, fp, x, i), "drain") ? out : keep).push(x);
      }
      xs.length = 0;
      xs.push(...keep);
      return out;
    });
    add("retain", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      const xs = arr(a as Value);
      const keep: Value[] = [];
      const out: Value[] = [];
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i] as Value;
        (expectBool(callFlex(ctx, fp, x, i), "retain") ? keep : out).push(x);
      }
      xs.length = 0;
      xs.push(...keep);
      return out;
    });
    add("dedup", ["array", fnType], ([a, f], ctx) => {
      const fp = toFnPtr(f as Value);
      const xs = arr(a as Value);
      const out: Value[] = [];
      for (const x of xs)
        if (out.length === 0 || !expectBool(ctx.call(fp, [out[out.length - 1] as Value, x]), "dedup"))
          out.push(x);
      xs.length = 0;
      xs.push(...out);
      return null;
    });
  }
  add("sort", ["array"], ([a]) => {
    arr(a as Value).sort(defaultCompare);
    return null;
  });
  add("dedup", ["array"], ([a]) => {
    const xs = arr(a as Value);
    const out: Value[] = [];
    for (const x of xs) if (out.length === 0 || !valuesEqual(out[out.length - 1] as Value, x)) out.push(x);
    xs.length = 0;
    xs.push(...out);
    return null;
  });
  add("join", ["array", "string"], ([a, sep], ctx) => {
    const r = arr(a as Value)
      .map((x) => display(x))
      .join(str(sep as Value));
    strLimit(ctx, r.length);
    return r;
  });

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
  const mapHas: FastImpl = (m, k) => map(m).has(textOf(k));
  add("contains", ["map", "string"], ([m, k], ctx) => mapHas(m as Value, k as Value, ctx.rt), mapHas);
  add("contains", ["map", "char"], ([m, k], ctx) => mapHas(m as Value, k as Value, ctx.rt), mapHas);
  add("remove", ["map", "string"], ([m, k]) => {
    const mm = map(m as Value);
    const key = str(k as Value);
    const v = mm.get(key);
    mm.delete(key);
    return v === undefined ? null : v;
  });
  const mapGet: FastImpl = (m, k) => copyIfObj(map(m).get(str(k)) ?? null);
  add("get", ["map", "string"], ([m, k], ctx) => mapGet(m as Value, k as Value, ctx.rt), mapGet);
  add("set", ["map", "string", "any"], ([m, k, v], ctx) => {
    const mm = map(m as Value);
    const key = str(k as Value);
    if (!mm.has(key) && mm.size >= ctx.limits.maxMapSize)
      throw limitError(`Object map size exceeds the limit of ${ctx.limits.maxMapSize} properties`);
    mm.set(key, copyIfObj(v as Value));
    return null;
  });
  add("clear", ["map"], ([m]) => {
    map(m as Value).clear();
    return null;
  });
  add("mixin", ["map", "map"], ([m, o], ctx) => {
    const mm = map(m as Value);
    for (const [k, v] of map(o as Value)) mm.set(k, copyIfObj(v));
    if (mm.size > ctx.limits.maxMapSize)
      throw limitError(`Object map size exceeds the limit of ${ctx.limits.maxMapSize} properties`);
    return null;
  });
  add("fill_with", ["map", "map"], ([m, o]) => {
    const mm = map(m as Value);
    for (const [k, v] of map(o as Value)) if (!mm.has(k)) mm.set(k, copyIfObj(v));
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
    const r = toJson(m as Value);
    strLimit(ctx, r.length);
    return r;
  });
  add("to_json", ["array"], ([m]) => toJson(m as Value));

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
    add("curry", ["fnptr", ...(Array(n).fill("any") as ParamType[])], (a) => {
      const f = a[0] as FnPtr;
      return new FnPtr(f.name, [...f.curry, ...a.slice(1).map((x) => copyIfObj(x))], f.closure);
    });
  }
  for (let n = 0; n <= 6; n++) {
    add("call", ["fnptr", ...(Array(n).fill("any") as ParamType[])], (a, ctx) =>
      ctx.call(a[0] as FnPtr, a.slice(1)),
    );
  }
  void RhaiError;
  void checkLen;
}
