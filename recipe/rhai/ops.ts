import { chargeKey, checkDataSizeCharged } from "./data-size.js";
import { RhaiError } from "./errors.js";
import type { Limits, Runtime } from "./runtime.js";
import {
  cloneValue,
  compareStrings,
  display,
  FnPtr,
  RChar,
  RFloat,
  RRange,
  typeName,
  type Value,
  valuesEqual,
} from "./values.js";

export const MAX_INT = Number.MAX_SAFE_INTEGER;

export function err(detail: string, hint?: string): RhaiError {
  return new RhaiError("runtime", detail, "", 0, 0, undefined, hint);
}

export function overflow(a: number, op: string, b: number): RhaiError {
  return err(
    `Arithmetic overflow: ${a} ${op} ${b}`,
    `integers in this engine are exact within ±${MAX_INT}; use floats (e.g. ${a}.0) for larger magnitudes`,
  );
}

function noOp(op: string, a: Value, b: Value): RhaiError {
  return err(`Function not found: ${op} (${typeName(a)}, ${typeName(b)})`, opHint(op, a, b));
}

function opHint(op: string, a: Value, b: Value): string | undefined {
  const ta = typeName(a);
  const tb = typeName(b);
  if ((ta === "i64" && tb === "f64") || (ta === "f64" && tb === "i64")) return undefined;
  if (op === "+" || op === "-" || op === "*" || op === "/")
    return `'${op}' is not defined between ${ta} and ${tb}; convert one side first (to_string(), parse_int(), to_float(), to_int())`;
  return undefined;
}

function num(v: Value): number | null {
  if (typeof v === "number") return v;
  if (v instanceof RFloat) return v.v;
  return null;
}

function checkInt(c: number, a: number, op: string, b: number): number {
  if (c > MAX_INT || c < -MAX_INT) throw overflow(a, op, b);
  return c;
}

export function intDiv(a: number, b: number): number {
  if (b === 0) throw err(`Division by zero: ${a} / 0`);
  // Exact for |a| < 2^53: the float quotient cannot round across an integer.
  const q = Math.trunc(a / b);
  return q === 0 ? 0 : q;
}

export function intMod(a: number, b: number): number {
  if (b === 0) throw err(`Division by zero: ${a} % 0`);
  const r = a % b;
  return r === 0 ? 0 : r;
}

export function intPow(a: number, b: number): number {
  if (b < 0)
    throw err(`Integer raised to a negative power: ${a} ** ${b}`, "use a float base, e.g. 2.0 ** -1");
  let result = 1;
  let base = a;
  let e = b;
  while (e > 0) {
    if (e & 1) {
      result *= base;
      if (result > MAX_INT || result < -MAX_INT) throw overflow(a, "**", b);
    }
    e = Math.floor(e / 2);
    if (e > 0) {
      base *= base;
      if (base > MAX_INT || base < -MAX_INT) throw overflow(a, "**", b);
    }
  }
  return result;
}

function big(v: number): bigint {
  return BigInt(v);
}

function fromBig(v: bigint, a: number, op: string, b: number): number {
  const r = BigInt.asIntN(64, v);
  if (r > BigInt(MAX_INT) || r < -BigInt(MAX_INT)) throw overflow(a, op, b);
  return Number(r);
}

function isInt32(v: number): boolean {
  return (v | 0) === v;
}

export function intBit(op: string, a: number, b: number): number {
  switch (op) {
    case "&":
      return isInt32(a) && isInt32(b) ? a & b : fromBig(big(a) & big(b), a, op, b);
    case "|":
      return isInt32(a) && isInt32(b) ? a | b : fromBig(big(a) | big(b), a, op, b);
    case "^":
      return isInt32(a) && isInt32(b) ? a ^ b : fromBig(big(a) ^ big(b), a, op, b);
    case "<<":
      if (b < 0) return intBit(">>", a, -b);
      if (b >= 64) throw err(`Left-shift by too many bits: ${a} << ${b}`);
      return fromBig(big(a) << big(b), a, op, b);
    case ">>":
      if (b < 0) return intBit("<<", a, -b);
      if (b >= 64) return a < 0 ? -1 : 0;
      return fromBig(big(a) >> big(b), a, op, b);
  }
  throw err(`Unknown operator ${op}`);
}

/** `+` for everything except int + int (handled inline by the compiler). */
export function addSlow(a: Value, b: Value, rt: Runtime): Value {
  const limits = rt.limits;
  const maxString = limits.maxStringLength;
  if (typeof a === "number" && typeof b === "number") return checkInt(a + b, a, "+", b);
  if (typeof a === "string" || typeof b === "string" || a instanceof RChar || b instanceof RChar) {
    if ((typeof a === "string" || a instanceof RChar) && (typeof b === "string" || b instanceof RChar)) {
      return checkLen((typeof a === "string" ? a : a.c) + (typeof b === "string" ? b : b.c), maxString);
    }
    // The text of a container is at least as long as the strings inside it: refuse before building it.
    checkDataSizeCharged(a, rt);
    checkDataSizeCharged(b, rt);
    if (typeof a === "string") return checkLen(b === null ? a : a + display(b), maxString);
    if (typeof b === "string") return checkLen(a === null ? b : display(a) + b, maxString);
    throw noOp("+", a, b);
  }
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null) return new RFloat(x + y);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length + b.length > limits.maxArrayLength)
      throw limitErr(`Array size exceeds the limit of ${limits.maxArrayLength} elements`, "maxArrayLength");
    // Both sides are copied: the result must not share nested containers with `a` (value semantics).
    const r = (cloneValue(a) as Value[]).concat(cloneValue(b) as Value[]);
    checkDataSizeCharged(r, rt);
    return r;
  }
  if (a instanceof Map && b instanceof Map) {
    const m = new Map(a);
    for (const [k, v] of b) {
      chargeKey(m, k, rt);
      m.set(k, v);
    }
    if (m.size > limits.maxMapSize)
      throw limitErr(`Object map size exceeds the limit of ${limits.maxMapSize} properties`, "maxMapSize");
    const r = cloneValue(m);
    checkDataSizeCharged(r, rt);
    return r;
  }
  throw noOp("+", a, b);
}

export function stringLimit(limits: Limits): RhaiError {
  return limitErr(
    `String length exceeds the limit of ${limits.maxStringLength} characters`,
    "maxStringLength",
  );
}

function limitErr(msg: string, limit: string): RhaiError {
  return new RhaiError(
    "limit",
    msg,
    "",
    0,
    0,
    undefined,
    `raise ${limit} in the engine limits if this is intended`,
  );
}

export function checkLen(s: string, max: number): string {
  if (s.length > max)
    throw new RhaiError(
      "limit",
      `String length exceeds the limit of ${max} characters`,
      "",
      0,
      0,
      undefined,
      "raise maxStringLength in the engine limits if this is intended",
    );
  return s;
}

export function arith(op: string, a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "-":
        return checkInt(a - b, a, "-", b);
      case "*":
        return checkInt(a * b, a, "*", b);
      case "/":
        return intDiv(a, b);
      case "%":
        return intMod(a, b);
      case "**":
        return intPow(a, b);
      case "&":
      case "|":
      case "^":
      case "<<":
      case ">>":
        return intBit(op, a, b);
    }
  }
  if (typeof a === "boolean" && typeof b === "boolean") {
    if (op === "&") return a && b;
    if (op === "|") return a || b;
    if (op === "^") return a !== b;
  }
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null && op !== "&" && op !== "|" && op !== "^" && op !== "<<" && op !== ">>") {
    switch (op) {
      case "-":
        return new RFloat(x - y);
      case "*":
        return new RFloat(x * y);
      case "/":
        return new RFloat(x / y);
      case "%":
        return new RFloat(x % y);
      case "**":
        return new RFloat(x ** y);
    }
  }
  throw noOp(op, a, b);
}

/** Ordering comparisons; values of different types compare as `false`. */
export function compare(op: string, a: Value, b: Value): boolean {
  let c: number;
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null) {
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (typeof a === "string" && typeof b === "string") c = compareStrings(a, b);
  else if (a instanceof RChar && b instanceof RChar) c = compareStrings(a.c, b.c);
  // A character compares with a string as a one-character string (the book's logic.md).
  else if (typeof a === "string" && b instanceof RChar) c = compareStrings(a, b.c);
  else if (a instanceof RChar && typeof b === "string") c = compareStrings(a.c, b);
  else if (typeof a === "boolean" && typeof b === "boolean") c = Number(a) - Number(b);
  else return false;
  switch (op) {
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c >= 0;
  }
}

export function equals(a: Value, b: Value): boolean {
  return valuesEqual(a, b);
}

export function makeRange(a: Value, b: Value, inclusive: boolean): RRange {
  if (typeof a !== "number" || typeof b !== "number")
    throw err(`Ranges need integer bounds, found ${typeName(a)}${inclusive ? "..=" : ".."}${typeName(b)}`);
  return new RRange(a, b, inclusive);
}

export function negate(v: Value): Value {
  if (typeof v === "number") return v === 0 ? 0 : -v;
  if (v instanceof RFloat) return new RFloat(-v.v);
  throw err(`Function not found: - (${typeName(v)})`, "unary minus works on numbers");
}

export function isFnPtr(v: Value): v is FnPtr {
  return v instanceof FnPtr;
}
