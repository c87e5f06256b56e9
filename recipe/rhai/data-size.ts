/**
 * Rhai's data-size limits over a whole value, as the real engine's `calc_data_sizes`: the elements
 * of all arrays inside it, the properties of all maps inside it, the characters of all strings
 * inside it. Checking only the outermost container would let a script nest its way past the
 * limits (`a = [a, a]` doubles the data with every step while each array holds two elements).
 */
import { limitError, type RhaiError } from "./errors.js";
import type { Limits, Runtime } from "./runtime.js";
import type { Value } from "./values.js";

/**
 * Strings at least this long make the container that receives them worth re-measuring; shorter
 * ones are counted the next time the container is measured. Re-measuring a container on every
 * small push would make filling an array quadratic.
 */
export const MEASURE_STRING = 64;

/** Whether storing `v` into a container can grow it past the limits by more than one element. */
export function holdsData(v: Value): boolean {
  if (typeof v === "string") return v.length >= MEASURE_STRING;
  return v !== null && typeof v === "object" && (Array.isArray(v) || v instanceof Map);
}

export function hasDataLimits(limits: Limits): boolean {
  return (
    limits.maxArrayLength !== Number.POSITIVE_INFINITY ||
    limits.maxMapSize !== Number.POSITIVE_INFINITY ||
    limits.maxStringLength !== Number.POSITIVE_INFINITY
  );
}

// The running tally of one measurement (module state: a walk never calls back into scripts).
let arrays = 0;
let maps = 0;
let chars = 0;
const OK = 0;
const ARRAYS = 1;
const MAPS = 2;
const CHARS = 3;

/** Throws a `limit` RhaiError when `v` holds more than the limits allow. */
export function checkDataSize(v: Value, limits: Limits): void {
  const e = dataSizeError(v, limits);
  if (e !== null) throw e;
}

/**
 * {@link checkDataSize}, the walk charged to the operations limit (an element or property each):
 * measuring a 100,000-element array on every store into it was that much work, charged as one.
 */
export function checkDataSizeCharged(v: Value, rt: Runtime): void {
  const e = dataSizeError(v, rt.limits);
  if (e !== null) throw e;
  rt.charge(arrays + maps);
}

/** Elements and properties the last measurement walked. */
export function lastWalk(): number {
  return arrays + maps;
}

/**
 * The `limit` RhaiError for a value that holds more than the limits allow, else null. Stops at the
 * first limit crossed, so the walk costs at most the limits' worth of elements.
 */
export function dataSizeError(v: Value, limits: Limits): RhaiError | null {
  // A value with nothing to walk walked nothing: lastWalk() must not report the walk before it.
  arrays = 0;
  maps = 0;
  chars = 0;
  if (v === null || typeof v !== "object") {
    if (typeof v === "string" && v.length > limits.maxStringLength)
      return limitError(
        `String length exceeds the limit of ${limits.maxStringLength} characters`,
        "raise maxStringLength in the engine limits if this is intended",
      );
    return null;
  }
  if (!Array.isArray(v) && !(v instanceof Map)) return null;
  const r = Array.isArray(v) ? walkArray(v, limits) : walkMap(v, limits);
  return r === OK ? null : tallyError(r, limits);
}

/**
 * {@link dataSizeError} of a new array or map literal from its own size (already within the
 * limit) and the items that may hold data: no walk over the literal itself.
 */
export function partsSizeError(
  isMap: boolean,
  own: number,
  parts: Value[],
  limits: Limits,
): RhaiError | null {
  arrays = isMap ? 0 : own;
  maps = isMap ? own : 0;
  chars = 0;
  for (let i = 0; i < parts.length; i++) {
    const r = visit(parts[i] as Value, limits);
    if (r !== OK) return tallyError(r, limits);
  }
  return null;
}

function tallyError(r: number, limits: Limits): RhaiError {
  if (r === ARRAYS)
    return limitError(
      `Array size exceeds the limit of ${limits.maxArrayLength} elements (counting the arrays inside it)`,
      "raise maxArrayLength in the engine limits if this is intended",
    );
  if (r === MAPS)
    return limitError(
      `Object map size exceeds the limit of ${limits.maxMapSize} properties (counting the maps inside it)`,
      "raise maxMapSize in the engine limits if this is intended",
    );
  return limitError(
    `String length exceeds the limit of ${limits.maxStringLength} characters (counting the strings inside arrays and maps)`,
    "raise maxStringLength in the engine limits if this is intended",
  );
}

function walkArray(v: Value[], limits: Limits): number {
  arrays += v.length;
  if (arrays > limits.maxArrayLength) return ARRAYS;
  for (let i = 0; i < v.length; i++) {
    const r = visit(v[i] as Value, limits);
    if (r !== OK) return r;
  }
  return OK;
}

function walkMap(v: Map<string, Value>, limits: Limits): number {
  maps += v.size;
  if (maps > limits.maxMapSize) return MAPS;
  for (const [k, x] of v) {
    // The keys are strings the map holds too (attacker 27 M4: 600 keys of 512 Ki characters each
    // passed a 1 MiB string limit, since only the values were counted).
    chars += k.length;
    if (chars > limits.maxStringLength) return CHARS;
    const r = visit(x, limits);
    if (r !== OK) return r;
  }
  return OK;
}

function visit(x: Value, limits: Limits): number {
  if (typeof x === "string") {
    chars += x.length;
    return chars > limits.maxStringLength ? CHARS : OK;
  }
  if (x === null || typeof x !== "object") return OK;
  if (Array.isArray(x)) return walkArray(x, limits);
  if (x instanceof Map) return walkMap(x, limits);
  return OK;
}

/** Whether a freshly built array or map literal holds anything that needs measuring. */
export function itemsNeedMeasure(items: Value[] | Map<string, Value>): boolean {
  for (const x of items.values())
    if (typeof x === "string" || (x !== null && typeof x === "object")) return true;
  return false;
}

/**
 * V8 hashes a string longer than this by its length alone (String::kMaxHashCalcLength), so in a
 * JavaScript Map every key of the same length lands in one bucket and a lookup compares the key
 * with each of them, character by character. A map of 600 keys of 512 Ki characters took 50 s to
 * build while the operations counter saw 1,800 operations (attacker 27 M4).
 */
export const LONG_KEY = 16383;

/**
 * Keys at least this long make the map that receives them worth re-measuring (the key counts
 * toward the string limit); a shorter key is counted the next time the map is measured. At most
 * maxStringLength / MEASURE_KEY such stores fit under the limit, so the re-measuring stays bounded.
 */
export const MEASURE_KEY = 1024;

/**
 * Charges the comparisons a lookup or store of `key` in `m` can cost: nothing for an ordinary
 * key, a string scan per key already in the map for a {@link LONG_KEY} one (an upper bound: only
 * the keys of the same length are compared).
 */
export function chargeKey(m: Map<string, Value>, key: string, rt: Runtime): void {
  if (key.length > LONG_KEY) rt.charge((m.size + 1) * (key.length >>> 4));
}

/**
 * After `v` was stored under `key` in `m`: measures the map when the value or the key can grow it
 * past the data limits. Checked where the limits are set only: with none, the walk is pure cost.
 */
export function checkMapStore(m: Map<string, Value>, key: string, v: Value, rt: Runtime): void {
  if (holdsData(v) || (key.length >= MEASURE_KEY && hasDataLimits(rt.limits))) checkDataSizeCharged(m, rt);
}
