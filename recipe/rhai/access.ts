/** Runtime helpers shared by both tiers: indexing, copies charged to the limits, limit errors. */
import type { Expr } from "./ast.js";
import {
  chargeKey,
  checkDataSizeCharged,
  checkMapStore,
  dataSizeError,
  holdsData,
  lastWalk,
} from "./data-size.js";
import { limitError, type RhaiError, type SourceFile } from "./errors.js";
import * as ops from "./ops.js";
import type { Frame, Runtime } from "./runtime.js";
import {
  CloneBudgetExceeded,
  chars,
  cloneValue,
  cloneWork,
  equalWork,
  hasSurrogates,
  RChar,
  RFloat,
  RRange,
  typeName,
  type Value,
  valuesEqual,
} from "./values.js";

// Local copies: module bindings compiled by some loaders become getter calls on every use.
const MAX_INT = 9007199254740991;
const checkLen = ops.checkLen;
const err = ops.err;
const overflow = ops.overflow;

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
  cloneWork.limit = before + (rt.limits.maxOperations - rt.ops);
  let out: Value;
  try {
    out = cloneValue(v);
  } catch (e) {
    if (e instanceof CloneBudgetExceeded) {
      rt.ops = rt.limits.maxOperations + 1;
      throw rt.tooManyOps();
    }
    throw e;
  } finally {
    cloneWork.limit = Number.POSITIVE_INFINITY;
  }
  rt.charge(cloneWork.n - before);
  return out;
}

export function copyIfObj(v: Value): Value {
  return v !== null && typeof v === "object" && (Array.isArray(v) || v instanceof Map) ? cloneValue(v) : v;
}

/** Rhai `==` of two values, a comparison of arrays or maps charged an operation per element compared. */
export function equalsCounted(a: Value, b: Value, rt: Runtime): boolean {
  if (a === null || typeof a !== "object") return valuesEqual(a, b);
  const before = equalWork.n;
  const r = valuesEqual(a, b);
  const n = equalWork.n - before;
  if (n > 0) rt.charge(n);
  return r;
}

/** V8's "Maximum call stack size exceeded" (checked without a regex: see SourceFile.lineText). */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes("call stack");
}

export function arrayLimit(rt: Runtime): RhaiError {
  return limitError(
    `Array size exceeds the limit of ${rt.limits.maxArrayLength} elements`,
    "raise maxArrayLength in the engine limits if this is intended",
  );
}

export function mapLimit(rt: Runtime): RhaiError {
  return limitError(
    `Object map size exceeds the limit of ${rt.limits.maxMapSize} properties`,
    "raise maxMapSize in the engine limits if this is intended",
  );
}

export function checkLen2(s: string, f: Frame, pos: number, src: SourceFile): string {
  try {
    return checkLen(s, f.rt.limits.maxStringLength);
  } catch (e) {
    throw (e as RhaiError).at(src, pos);
  }
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

export function normIndex(i: number, len: number, what: string): number {
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
      chargeKey(o, k, rt);
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
    // Finding the characters is a scan of the string (hasSurrogates, chars).
    rt.charge(o.length >>> 4);
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
  throw err(
    `Cannot index into a value of type ${typeName(o)}`,
    "indexing works on arrays, maps, strings and integers",
  );
}

export function rangeBounds(r: RRange, len: number): [number, number] {
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
    if (holdsData(v)) checkDataSizeCharged(o, rt);
    return undefined;
  }
  if (o instanceof Map) {
    const key = typeof k === "string" ? k : k instanceof RChar ? k.c : null;
    if (key === null) throw err(`An object map index must be a string, found ${typeName(k)}`);
    chargeKey(o, key, rt);
    if (!o.has(key) && o.size >= rt.limits.maxMapSize) throw mapLimit(rt);
    o.set(key, v);
    checkMapStore(o, key, v, rt);
    return undefined;
  }
  if (typeof o === "string") {
    if (typeof k !== "number") throw err(`A string index must be an integer, found ${typeName(k)}`);
    if (!(v instanceof RChar))
      throw err(`Only a character can be stored into a string, found ${typeName(v)}`);
    rt.charge(o.length >>> 4);
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

/** {@link checkDataSize} with the error placed at `pos`. */
export function measure(v: Value, rt: Runtime, src: SourceFile, pos: number): void {
  const e = dataSizeError(v, rt.limits);
  if (e !== null) throw e.at(src, pos);
}

/**
 * {@link measure} of a value the script did not just build element by element (a native's result
 * or receiver, a store's container): the walk is charged, since a loop storing into a big array
 * measured all of it each time and was charged one operation for it.
 */
export function measureCharged(v: Value, rt: Runtime, src: SourceFile, pos: number): void {
  measure(v, rt, src, pos);
  if ((rt.ops += lastWalk()) > rt.maxOps) rt.checkpoint(src, pos);
}
