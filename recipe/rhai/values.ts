/**
 * Runtime values of the Rhai interpreter.
 *
 * Representation (chosen for speed of the common integer paths):
 * - `i64`  → a JS number holding an integer; results beyond ±(2^53−1) raise an overflow error
 * - `f64`  → {@link RFloat} (boxed, so `1` and `1.0` stay distinct as in Rhai)
 * - `bool` → boolean, `string` → JS string, `char` → {@link RChar}, `()` → null
 * - `array` → JS array, `map` → JS Map (displayed and iterated in sorted key order, as Rhai's BTreeMap)
 * - `Fn` → {@link FnPtr}, ranges → {@link RRange}
 */

export class RFloat {
  constructor(readonly v: number) {}
}

export class RChar {
  constructor(readonly c: string) {}
}

export class RRange {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly inclusive: boolean,
  ) {}
  /** Exclusive upper bound. */
  get stop(): number {
    return this.inclusive ? this.end + 1 : this.end;
  }
}

/** A point in time from `timestamp()` (only engines with the clock enabled have it; see clock.ts). */
export class RTimestamp {
  constructor(readonly ms: number) {}
}

/** A function pointer: a named function, or a closure with captured cells, plus curried arguments. */
export class FnPtr {
  constructor(
    readonly name: string,
    readonly curry: Value[] = [],
    /** Set for closures and anonymous functions: the compiled body with its captured cells. */
    readonly closure: ClosureRef | null = null,
  ) {}
}

/** Opaque handle to a compiled closure (defined by the compiler). */
export interface ClosureRef {
  readonly arity: number;
  readonly kind: "closure";
}

export type RMap = Map<string, Value>;

export type Value =
  | number
  | boolean
  | string
  | null
  | RFloat
  | RChar
  | Value[]
  | RMap
  | FnPtr
  | RRange
  | RTimestamp;

export const UNIT = null;

export function isInt(v: Value): v is number {
  return typeof v === "number";
}

export function typeName(v: Value): string {
  if (v === null) return "()";
  switch (typeof v) {
    case "number":
      return "i64";
    case "boolean":
      return "bool";
    case "string":
      return "string";
  }
  if (v instanceof RFloat) return "f64";
  if (v instanceof RChar) return "char";
  if (Array.isArray(v)) return "array";
  if (v instanceof Map) return "map";
  if (v instanceof FnPtr) return "Fn";
  if (v instanceof RRange) return v.inclusive ? "range=" : "range";
  if (v instanceof RTimestamp) return "timestamp";
  return "unknown";
}

const MAX_NATURAL = 1e13;
const MIN_NATURAL = 1e-13;

/** Rhai's float display: natural notation with a trailing `.0`, scientific outside [1e-13, 1e13]. */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  // Shortest round-trip digits, as Rust prints them.
  const exp = x.toExponential();
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (!m) return String(x);
  const sign = m[1] ?? "";
  const digits = (m[2] ?? "") + (m[3] ?? "");
  const e = Number(m[4]);
  if (abs > MAX_NATURAL || abs < MIN_NATURAL) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${e}`;
  }
  // Natural notation from the digits and the exponent.
  let s: string;
  if (e >= 0) {
    if (digits.length <= e + 1) s = digits + "0".repeat(e + 1 - digits.length) + ".0";
    else s = `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  } else {
    s = `0.${"0".repeat(-e - 1)}${digits}`;
  }
  return sign + s;
}

/** `to_string`/`print` text: strings as they are, `()` as "" (the book's values-and-types.md table). */
export function display(v: Value): string {
  if (typeof v === "string") return v;
  if (v === null) return "";
  return render(v, false);
}

export function debugString(v: Value): string {
  return render(v, true);
}

function quoteString(s: string): string {
  return JSON.stringify(s);
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  const j = JSON.stringify(c);
  return `'${j.slice(1, -1).replace(/\\"/g, '"')}'`;
}

export function sortedKeys(m: RMap): string[] {
  return [...m.keys()].sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function render(v: Value, debug: boolean): string {
  if (v === null) return "()";
  switch (typeof v) {
    case "number":
      return String(v);
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return debug ? quoteString(v) : v;
  }
  if (v instanceof RFloat) return formatFloat(v.v);
  if (v instanceof RChar) return debug ? quoteChar(v.c) : v.c;
  if (Array.isArray(v)) return `[${v.map((x) => render(x, true)).join(", ")}]`;
  if (v instanceof Map) {
    const parts = sortedKeys(v).map((k) => `${quoteString(k)}: ${render(v.get(k) ?? null, true)}`);
    return `#{${parts.join(", ")}}`;
  }
  if (v instanceof FnPtr) {
    if (v.curry.length === 0) return `Fn(${v.name})`;
    return `Fn(${v.name})(${v.curry.map((x) => render(x, true)).join(", ")})`;
  }
  if (v instanceof RRange) return `${v.start}${v.inclusive ? "..=" : ".."}${v.end}`;
  if (v instanceof RTimestamp) return "<timestamp>";
  return "?";
}

/** Deep copy for Rhai's value semantics: arrays and maps are copied on assignment and argument passing. */
/** Elements copied by {@link cloneValue} so far; the evaluator charges them to the operations limit. */
export const cloneWork = { n: 0, limit: Number.POSITIVE_INFINITY };

/** Thrown by {@link cloneValue} when a copy would exceed `cloneWork.limit`. */
export class CloneBudgetExceeded extends Error {}

export function cloneValue(v: Value): Value {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    cloneWork.n += v.length;
    if (cloneWork.n > cloneWork.limit) throw new CloneBudgetExceeded();
    const out = new Array<Value>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as Value;
      out[i] = x !== null && typeof x === "object" ? cloneValue(x) : x;
    }
    return out;
  }
  if (v instanceof Map) {
    cloneWork.n += v.size;
    if (cloneWork.n > cloneWork.limit) throw new CloneBudgetExceeded();
    const out: RMap = new Map();
    for (const [k, x] of v) out.set(k, cloneValue(x));
    return out;
  }
  return v;
}

/** Elements and properties {@link valuesEqual} compared so far, charged like {@link cloneWork}. */
export const equalWork = { n: 0 };

/** Rhai `==`: same-type structural equality; ints and floats compare numerically; other mixes are false. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (a === null || b === null) return false;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== "object" || tb !== "object") {
    if (ta === "number" && b instanceof RFloat) return a === b.v;
    if (tb === "number" && a instanceof RFloat) return a.v === b;
    // A character compares with a string as a one-character string (the book's logic.md).
    if (ta === "string" && b instanceof RChar) return a === b.c;
    if (tb === "string" && a instanceof RChar) return a.c === b;
    return false;
  }
  if (a instanceof RFloat) return b instanceof RFloat && a.v === b.v;
  if (a instanceof RChar) return b instanceof RChar && a.c === b.c;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    equalWork.n += a.length;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i] as Value, b[i] as Value)) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    equalWork.n += a.size;
    for (const [k, x] of a) {
      if (!b.has(k) || !valuesEqual(x, b.get(k) ?? null)) return false;
    }
    return true;
  }
  if (a instanceof RRange)
    return b instanceof RRange && a.start === b.start && a.end === b.end && a.inclusive === b.inclusive;
  if (a instanceof FnPtr) return b instanceof FnPtr && a.name === b.name && a.closure === b.closure;
  return false;
}

/** Number of Unicode scalar values (Rhai string length). */
export function charLength(s: string): number {
  // A long ASCII-only string (UTF-8 length equals UTF-16 length) is recognized natively, much
  // faster than the loop below. No regex here: a regex compiled near stack exhaustion aborts V8.
  if (s.length > 64 && Buffer.byteLength(s, "utf8") === s.length) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

export function hasSurrogates(s: string): boolean {
  if (s.length > 64 && Buffer.byteLength(s, "utf8") === s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Characters of a string as an array of code-point strings. */
export function chars(s: string): string[] {
  return hasSurrogates(s) ? Array.from(s) : s.split("");
}
