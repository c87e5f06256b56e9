import { describe, expect, it } from "vitest";
import { measureContention, scaledLimitMs } from "./helpers/contention.js";

describe("a time limit stretched by the contention measured now (helpers/contention.ts)", () => {
  it("never shrinks the base, stretches it by the factor, and stops at the cap", () => {
    expect(scaledLimitMs(300_000, 0.4)).toBe(300_000);
    expect(scaledLimitMs(300_000, 1)).toBe(300_000);
    expect(scaledLimitMs(300_000, 4.24)).toBe(1_272_000);
    expect(scaledLimitMs(300_000, 25, 6)).toBe(1_800_000);
  });

  it("measures a wall/CPU ratio of at least 1 from real CPU work", () => {
    const m = measureContention(64);
    expect(m.cpuMs).toBeGreaterThan(0);
    expect(m.wallMs).toBeGreaterThan(0);
    expect(m.factor).toBeGreaterThanOrEqual(1);
  });
});
