import type { FastImpl, ParamType } from "./runtime.js";
import { type Add, arrayLimit, charIndexOf, int, str, strLimit, subChars, textOf } from "./stdlib-support.js";
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
}
