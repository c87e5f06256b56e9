import { describe, expect, it } from "vitest";
import { idleMsFromEnv } from "../../recipe/environment.js";

/**
 * Attacker 24 F16: RECIPE_DOWNLOAD_IDLE_S of 2147484 or more made every HTTP download fail at
 * once with "no data for 2147484 s" (a Node timer over 2^31-1 ms fires after 1 ms).
 */
describe("RECIPE_DOWNLOAD_IDLE_S is held to what a timer can wait", () => {
  it.each([["2147484"], ["1e12"], ["99999999999"]])("%s is refused, naming the largest value", (v) => {
    expect(() => idleMsFromEnv({ RECIPE_DOWNLOAD_IDLE_S: v })).toThrow(
      /longer than a timer can wait \(at most 2147483 s/,
    );
  });
  it("the largest that works, and ordinary values, are taken", () => {
    expect(idleMsFromEnv({ RECIPE_DOWNLOAD_IDLE_S: "2147483" })).toBe(2147483000);
    expect(idleMsFromEnv({ RECIPE_DOWNLOAD_IDLE_S: "30" })).toBe(30_000);
    expect(idleMsFromEnv({ RECIPE_DOWNLOAD_IDLE_S: "0.5" })).toBe(500);
    expect(idleMsFromEnv({})).toBe(60_000);
  });
  it("bad values keep their message, with escapes shown", () => {
    expect(() => idleMsFromEnv({ RECIPE_DOWNLOAD_IDLE_S: "abc" })).toThrow(/not a number of seconds above 0/);
    expect(() => idleMsFromEnv({ RECIPE_DOWNLOAD_IDLE_S: "\u001b[2J" })).toThrow(/\\x1b\[2J/);
  });
});
