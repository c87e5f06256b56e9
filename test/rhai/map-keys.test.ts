/**
 * Attacker 27 M4: map keys escaped the data-size limits and the operations counter. A recipe's top
 * level built a map of 600 keys of 512 Ki characters: 50 s (keys²: V8 hashes a string longer than
 * 16,383 characters by its length alone, so every such key of one length shares a bucket and each
 * store compared the new key with all of them), 1,800 operations counted, and `recipe list` and
 * `recipe search` stalled for minutes. Keys now count toward the string limit ("all the strings
 * inside one array or map together") and a long key's lookup is charged as the scans it costs.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../recipe/loader.js";
import { Engine, RhaiError } from "../../recipe/rhai/index.js";
import { DEFAULT_LIMITS as ENGINE_DEFAULTS } from "../../recipe/rhai/runtime.js";

function run(src: string, limits: Partial<typeof ENGINE_DEFAULTS> = DEFAULT_LIMITS) {
  const engine = new Engine({ ...ENGINE_DEFAULTS, ...limits });
  const out: string[] = [];
  engine.onPrint((s) => out.push(s));
  const t0 = performance.now();
  try {
    engine.eval(src);
    return { error: null as RhaiError | null, out, ms: performance.now() - t0 };
  } catch (e) {
    if (!(e instanceof RhaiError)) throw e;
    return { error: e, out, ms: performance.now() - t0 };
  }
}

const LONG = 'let s = "k"; for i in 0..19 { s += s }'; // 512 Ki characters

describe("map keys count toward the string limit", () => {
  it.each([
    ["index store", `${LONG} let m = #{}; for i in 0..600 { m[s + i] = 1 }`],
    ["set()", `${LONG} let m = #{}; for i in 0..600 { m.set(s + i, 1) }`],
    [
      "mixin of maps built one key each",
      `${LONG} let m = #{}; for i in 0..600 { let o = #{}; o[s + i] = 1; m.mixin(o) }`,
    ],
    ["fill_with", `${LONG} let m = #{}; for i in 0..600 { let o = #{}; o[s + i] = 1; m.fill_with(o) }`],
    ["+= of maps", `${LONG} let m = #{}; for i in 0..600 { let o = #{}; o[s + i] = 1; m += o }`],
    ["+ of maps", `${LONG} let m = #{}; for i in 0..600 { let o = #{}; o[s + i] = 1; m = m + o }`],
  ])("%s: the recipe limits stop it at once, naming the string limit", (_name, src) => {
    const r = run(src);
    expect(r.error?.message).toMatch(/String length exceeds the limit of 1048576 characters/);
    expect(r.ms).toBeLessThan(5_000);
  });

  it("rhai-run's documented flags (16 M characters, 10 M operations) stop 8 Mi-character keys", () => {
    const src = 'let s = "k"; for i in 0..23 { s += s } let m = #{}; for i in 0..200 { m[s + i] = 1 }';
    const r = run(src, { maxStringLength: 16_000_000, maxOperations: 10_000_000 });
    expect(r.error?.message).toMatch(/String length exceeds the limit of 16000000/);
    expect(r.ms).toBeLessThan(5_000);
  });

  it("with only an operations limit, long-key stores are charged as the scans they cost", () => {
    const src = `${LONG} let m = #{}; for i in 0..400 { m[s + i] = 1 }`;
    const r = run(src, {
      maxStringLength: Number.POSITIVE_INFINITY,
      maxArrayLength: Number.POSITIVE_INFINITY,
      maxMapSize: Number.POSITIVE_INFINITY,
      maxOperations: 10_000_000,
    });
    expect(r.error?.message).toMatch(/Too many operations/);
    expect(r.ms).toBeLessThan(5_000);
  });

  it("so are lookups: contains, get, in, index reads", () => {
    const lim = {
      maxStringLength: Number.POSITIVE_INFINITY,
      maxArrayLength: Number.POSITIVE_INFINITY,
      maxMapSize: Number.POSITIVE_INFINITY,
      maxOperations: 5_000_000,
    };
    for (const look of ["m.contains(k)", "m.get(k)", "k in m", "m[k]"]) {
      const src = `${LONG} let m = #{}; for i in 0..20 { m[s + i] = 1 } let k = s + "99"; loop { ${look}; }`;
      const r = run(src, lim);
      expect(r.error?.message, look).toMatch(/Too many operations/);
      expect(r.ms).toBeLessThan(5_000);
    }
  });

  it("near misses: ordinary maps are neither refused nor charged noticeably", () => {
    // 10,000 keys of ~100 characters: 1 M characters, under the limit; no long-key charge.
    const src =
      'let p = "x"; for i in 0..6 { p += p } p += p.sub_string(0, 30); let m = #{}; for i in 0..9000 { m[p + i] = i } print(m.len()); print(m.keys().len());';
    const r = run(src);
    expect(r.error).toBeNull();
    expect(r.out).toEqual(["9000", "9000"]);
    // A key of exactly the long-key threshold and a few of them: fine under the recipe limits.
    const r2 = run(
      'let k = "y"; for i in 0..14 { k += k } let m = #{}; for i in 0..10 { m[k + i] = i } print(m.len());',
    );
    expect(r2.error).toBeNull();
    expect(r2.out).toEqual(["10"]);
  });

  it("the keys of a map measured for a big value are counted too", () => {
    const src = 'let k = "z"; for i in 0..19 { k += k } let m = #{}; m[k] = 1; m.x = k;';
    expect(run(src).error?.message).toMatch(/String length exceeds the limit of 1048576/);
  });
});
