/** Argument checks, limit checks and conversions the built-in functions share. */
import { limitError } from "./errors.js";
import { compare, err } from "./ops.js";
import type { FastImpl, Limits, NativeCallContext, NativeRegistry, ParamType } from "./runtime.js";
import {
  charLength,
  cloneValue,
  cloneWork,
  display,
  equalWork,
  FnPtr,
  hasSurrogates,
  RChar,
  RFloat,
  type RMap,
  sortedKeys,
  typeName,
  type Value,
} from "./values.js";

export type Impl = (a: Value[], ctx: NativeCallContext) => Value | undefined;

export function str(v: Value): string {
  return v as string;
}
export function int(v: Value): number {
  return v as number;
}
export function arr(v: Value): Value[] {
  return v as Value[];
}
export function map(v: Value): RMap {
  return v as RMap;
}
export function textOf(v: Value): string {
  return typeof v === "string" ? v : (v as RChar).c;
}
export function copyIfObj(v: Value): Value {
  return v !== null && typeof v === "object" && (Array.isArray(v) || v instanceof Map) ? cloneValue(v) : v;
}

export function arrayLimit(ctx: { limits: Limits }, n: number): void {
  if (n > ctx.limits.maxArrayLength)
    throw limitError(
      `Array size exceeds the limit of ${ctx.limits.maxArrayLength} elements`,
      "raise maxArrayLength in the engine limits if this is intended",
    );
}

/**
 * Refuses, before building it, an array of `pieces()` elements past the array limit. Building
 * first and checking after was too late: V8 ends the process on an array of about 1.1e8
 * elements (attacker 25 M1: `",".repeat(300000000).split(",")`). `atMost` bounds the count
 * cheaply (the string's length), so the count itself runs only for a string that long.
 */
export function arrayLimitBefore(ctx: { limits: Limits }, atMost: number, pieces: () => number): void {
  if (atMost > ctx.limits.maxArrayLength) arrayLimit(ctx, pieces());
}

/** How many matches of `re` (global) `s` holds, counting no further than `stop`. */
export function countMatches(s: string, re: RegExp, stop: number): number {
  let n = 0;
  for (const _ of s.matchAll(re)) if (++n > stop) break;
  return n;
}

/** How many times `sep` occurs in `s`, counting no further than `stop`. */
export function countOccurrences(s: string, sep: string, stop: number): number {
  if (sep === "") return s.length;
  let n = 0;
  for (let i = s.indexOf(sep); i !== -1 && n <= stop; i = s.indexOf(sep, i + sep.length)) n++;
  return n;
}

export function strLimit(ctx: NativeCallContext, n: number): void {
  if (n > ctx.limits.maxStringLength)
    throw limitError(
      `String length exceeds the limit of ${ctx.limits.maxStringLength} characters`,
      "raise maxStringLength in the engine limits if this is intended",
    );
}

/** Character-based substring with Rhai's clamping rules. */
export function subChars(s: string, start: number, len: number | null): string {
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

export function charIndexOf(s: string, needle: string, start: number): number {
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

export function parseIntStrict(s: string, radix: number): number {
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

export function callFlex(ctx: NativeCallContext, fp: FnPtr, item: Value, i: number): Value {
  const ar = ctx.arityOf(fp);
  if (ar.includes(1) || !ar.includes(2)) return ctx.call(fp, [item]);
  return ctx.call(fp, [item, i]);
}

export function toFnPtr(v: Value): FnPtr {
  if (v instanceof FnPtr) return v;
  return new FnPtr(v as string);
}

export function expectBool(v: Value, what: string): boolean {
  if (typeof v !== "boolean") throw err(`The ${what} function must return a bool, found ${typeName(v)}`);
  return v;
}

export function defaultCompare(a: Value, b: Value): number {
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

export function toJson(v: Value): string {
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

/** Registers a built-in; `fast` is the same function without argument array and context (see FastImpl). */
export type Add = (name: string, params: ParamType[], impl: Impl, fast?: FastImpl) => void;

/**
 * Every built-in is charged the size of the values it is given and of the value it returns (an
 * element of an array or a map, 16 characters of a string), not one operation: a scan, a copy, a
 * sort or a render of a big value is that much work, and a loop of them must meet the operations
 * limit and the clock as the work grows (attacker 8, M1: 3,000,000 `contains` on a 99,999-element
 * array took hours; a loop of `keys()` on a 10,000-key map read a recipe's state for a minute).
 * The exceptions are the receivers of the calls that touch one element, below.
 */
function receiverIsFree(name: string, params: ParamType[]): boolean {
  const t = params[0];
  switch (name) {
    // Appends and length checks do not look at what the receiver already holds.
    case "is_empty":
    case "type_of":
    case "push":
    case "append":
    case "clear":
    case "set":
    case "starts_with":
    case "ends_with":
      return true;
    // One element of an array or a map; on a string each of these walks the characters.
    case "len":
    case "get":
    case "pop":
    case "truncate":
      return t === "array" || t === "map";
    case "contains":
    case "remove":
      return t === "map";
    default:
      return false;
  }
}

/** Operations for handling `v` once: an element each, a character per 16 (a string scan is that much cheaper). */
export function workOf(v: Value): number {
  if (typeof v === "string") return v.length >>> 4;
  if (v === null || typeof v !== "object") return 0;
  if (Array.isArray(v)) return v.length;
  return v instanceof Map ? v.size : 0;
}

/** What the deep copies and comparisons inside a call did (nested arrays and maps), so far. */
function deepWork(): number {
  return cloneWork.n + equalWork.n;
}

function charged(impl: Impl, fast: FastImpl | undefined, from: number): { impl: Impl; fast?: FastImpl } {
  const counted: Impl = (a, ctx) => {
    let n = 0;
    for (let i = from; i < a.length; i++) n += workOf(a[i] as Value);
    if (n > 0) ctx.rt.charge(n);
    const w = deepWork();
    const r = impl(a, ctx);
    const m = workOf(r as Value) + deepWork() - w;
    if (m > 0) ctx.rt.charge(m);
    return r;
  };
  if (!fast) return { impl: counted };
  return {
    impl: counted,
    fast: (a, b, rt) => {
      const n = (from === 0 ? workOf(a) : 0) + workOf(b);
      if (n > 0) rt.charge(n);
      const w = deepWork();
      const r = fast(a, b, rt);
      const m = workOf(r) + deepWork() - w;
      if (m > 0) rt.charge(m);
      return r;
    },
  };
}

export function makeAdders(reg: NativeRegistry): { add: Add; addTextual: Add } {
  const add: Add = (name, params, impl0, fast0) => {
    const { impl, fast } = charged(impl0, fast0, receiverIsFree(name, params) ? 1 : 0);
    reg.add(fast ? { name, params, impl, builtin: true, fast } : { name, params, impl, builtin: true });
  };
  // Functions taking text take it as a string or a char.
  const addTextual: Add = (name, before, impl, fast) => {
    add(name, [...before, "string"], impl, fast);
    add(name, [...before, "char"], impl, fast);
  };
  return { add, addTextual };
}
