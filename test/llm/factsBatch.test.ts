import { describe, expect, it } from "vitest";
import { factsBatches as batches } from "../../agent/llm/prefixState.js";

describe("the facts' evaluation batches", () => {
  it("are never shorter than 64 tokens when there are 64 or more, and cover every token", () => {
    expect(batches(0)).toEqual([]);
    for (let n = 1; n <= 600; n++) {
      const b = batches(n);
      expect(b.reduce((a, c) => a + c, 0)).toBe(n);
      if (n >= 64) expect(Math.min(...b)).toBeGreaterThanOrEqual(64);
      // Small enough that a stop (other facts) waits for at most one batch of under 128 tokens.
      expect(Math.max(...b)).toBeLessThan(Math.max(128, n + 1));
    }
    expect(batches(204)).toEqual([68, 68, 68]);
    expect(batches(174)).toEqual([87, 87]);
    expect(batches(40)).toEqual([40]);
    expect(batches(193)).toEqual([65, 64, 64]);
  });
});
