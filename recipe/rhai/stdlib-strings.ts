import type { FastImpl, ParamType } from "./runtime.js";
import {
  type Add,
  arrayLimit,
  arrayLimitBefore,
  charIndexOf,
  countMatches,
  countOccurrences,
  int,
  str,
  strLimit,
  subChars,
  textOf,
} from "./stdlib-support.js";
import { charLength, chars, display, hasSurrogates, RChar, type RRange, type Value } from "./values.js";

export function installStrings(add: Add, addTextual: Add): void {
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
    const t = str(s as Value);
    if (!hasSurrogates(t)) {
      const k = int(i as Value);
      const j = k < 0 ? t.length + k : k;
      return j >= 0 && j < t.length ? new RChar(t[j] as string) : null;
    }
    const cs = chars(t);
    const k = int(i as Value);
    const j = k < 0 ? cs.length + k : k;
    return j >= 0 && j < cs.length ? new RChar(cs[j] as string) : null;
  });
  add("chars", ["string"], ([s], ctx) => {
    const t = str(s as Value);
    arrayLimitBefore(ctx, t.length, () => charLength(t));
    const out = chars(t).map((c) => new RChar(c));
    arrayLimit(ctx, out.length);
    return out;
  });
  add("to_chars", ["string"], ([s], ctx) => {
    const t = str(s as Value);
    arrayLimitBefore(ctx, t.length, () => charLength(t));
    const out = chars(t).map((c) => new RChar(c));
    arrayLimit(ctx, out.length);
    return out;
  });
  add("bytes", ["string"], ([s]) => Buffer.byteLength(str(s as Value), "utf8"));
  addTextual("split", ["string"], ([s, d], ctx) => {
    const sep = textOf(d as Value);
    const t = str(s as Value);
    arrayLimitBefore(ctx, t.length + 1, () => countOccurrences(t, sep, ctx.limits.maxArrayLength) + 1);
    const out = t.split(sep);
    arrayLimit(ctx, out.length);
    return out;
  });
  add("split", ["string", "string", "int"], ([s, d, n], ctx) => {
    const limit = int(n as Value);
    const sep = str(d as Value);
    const t = str(s as Value);
    arrayLimitBefore(ctx, t.length + 1, () => countOccurrences(t, sep, ctx.limits.maxArrayLength) + 1);
    const parts = t.split(sep);
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
  add("split", ["string"], ([s], ctx) => {
    const t = str(s as Value);
    arrayLimitBefore(ctx, t.length + 1, () => countMatches(t, /\s+/g, ctx.limits.maxArrayLength) + 1);
    return t.split(/\s+/).filter((x) => x.length > 0);
  });
  add("split_rev", ["string", "string"], ([s, d], ctx) => {
    const t = str(s as Value);
    const sep = str(d as Value);
    arrayLimitBefore(ctx, t.length + 1, () => countOccurrences(t, sep, ctx.limits.maxArrayLength) + 1);
    return t.split(sep).reverse();
  });
  add("lines", ["string"], ([s], ctx) => {
    const t = str(s as Value);
    arrayLimitBefore(ctx, t.length + 1, () => countOccurrences(t, "\n", ctx.limits.maxArrayLength) + 1);
    return t.split(/\r?\n/);
  });
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
        // Splitting costs per piece, not per 16 characters: "ab" × 400,000 took 130 ms a call.
        ctx.rt.charge(s.length);
        const r = find === "" ? s : s.split(find).join(textOf(a[2] as Value));
        strLimit(ctx, r.length);
        a[0] = r;
        return null;
      });
  addTextual("remove", ["string"], (a, ctx) => {
    const find = textOf(a[1] as Value);
    const s = str(a[0] as Value);
    ctx.rt.charge(s.length);
    if (find !== "") a[0] = s.split(find).join("");
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
    const s = str(a[0] as Value);
    if (s.length === 0) return null;
    // The last character without splitting the string into all of them.
    const pair = s.length > 1 && isLow(s.charCodeAt(s.length - 1)) && isHigh(s.charCodeAt(s.length - 2));
    const k = pair ? 2 : 1;
    a[0] = s.slice(0, s.length - k);
    return new RChar(s.slice(s.length - k));
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
    const s = str(a[0] as Value);
    const n = charLength(s);
    if (fill === "" || n >= target) return null;
    // Whole copies of the fill at once, then the characters of the last partial one: a
    // character-at-a-time loop to 1,000,000 characters took a second per call, charged as one.
    ctx.rt.charge((target - n) >>> 4);
    const fl = charLength(fill);
    const whole = Math.floor((target - n) / fl);
    const rest = target - n - whole * fl;
    a[0] = s + fill.repeat(whole) + (rest > 0 ? chars(fill).slice(0, rest).join("") : "");
    return null;
  });
  add("repeat", ["string", "int"], ([s, n], ctx) => {
    const k = int(n as Value);
    if (k <= 0) return "";
    strLimit(ctx, str(s as Value).length * k);
    return str(s as Value).repeat(k);
  });
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
