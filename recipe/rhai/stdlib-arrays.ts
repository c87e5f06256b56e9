import { checkDataSizeCharged, holdsData } from "./data-size.js";
import { err } from "./ops.js";
import type { FastImpl, NativeCallContext, ParamType, Runtime } from "./runtime.js";
import {
  type Add,
  arr,
  arrayLimit,
  callFlex,
  copyIfObj,
  defaultCompare,
  expectBool,
  int,
  str,
  strLimit,
  toFnPtr,
} from "./stdlib-support.js";
import { display, FnPtr, typeName, type Value, valuesEqual } from "./values.js";

export function installArrays(add: Add): void {
  const arrLen: FastImpl = (a) => arr(a).length;
  add("len", ["array"], ([a], ctx) => arrLen(a as Value, null, ctx.rt), arrLen);
  const arrEmpty: FastImpl = (a) => arr(a).length === 0;
  add("is_empty", ["array"], ([a], ctx) => arrEmpty(a as Value, null, ctx.rt), arrEmpty);
  const arrPush = (xs: Value[], v: Value, rt: Runtime): null => {
    arrayLimit(rt, xs.length + 1);
    xs.push(copyIfObj(v));
    if (holdsData(v)) checkDataSizeCharged(xs, rt);
    return null;
  };
  add(
    "push",
    ["array", "any"],
    ([a, v], ctx) => arrPush(arr(a as Value), v as Value, ctx.rt),
    (a, v, rt) => arrPush(arr(a), v, rt),
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
    if (k > xs.length) ctx.rt.charge(k - xs.length);
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
    // drain and retain split the array the same way; they differ in which half stays.
    const split = (a: Value, f: Value, ctx: NativeCallContext, name: string, stayWhen: boolean) => {
      const fp = toFnPtr(f);
      const xs = arr(a);
      const keep: Value[] = [];
      const out: Value[] = [];
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i] as Value;
        (expectBool(callFlex(ctx, fp, x, i), name) === stayWhen ? keep : out).push(x);
      }
      xs.length = 0;
      xs.push(...keep);
      return out;
    };
    add("drain", ["array", fnType], ([a, f], ctx) => split(a as Value, f as Value, ctx, "drain", false));
    add("retain", ["array", fnType], ([a, f], ctx) => split(a as Value, f as Value, ctx, "retain", true));
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
  add("sort", ["array"], ([a], ctx) => {
    const xs = arr(a as Value);
    ctx.rt.charge(sortWork(xs.length));
    xs.sort(defaultCompare);
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
    checkDataSizeCharged(a as Value, ctx.rt);
    const r = arr(a as Value)
      .map((x) => display(x))
      .join(str(sep as Value));
    strLimit(ctx, r.length);
    return r;
  });
}

/** Comparisons of a sort beyond the one pass over the array it is already charged. */
function sortWork(n: number): number {
  return n < 2 ? 0 : n * (Math.ceil(Math.log2(n)) - 1);
}
