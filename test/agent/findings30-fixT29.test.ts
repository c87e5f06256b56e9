import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 29 (fixT29): tester 28's and attacker 28's open findings.
 * - A size said as the machine's memory ("i have 4gb ram", "16 gigs of memory", "ram is 8gb")
 *   sizes no disk and no partition (agent/rules/diskCalls.ts measuresMemory).
 * - Swap that leaves no room for a system asks how much swap, not a root size (layoutFits.ts).
 */
const TINY = inferLiveMedium(fixtureFacts("findings30-fixT29-tiny")); // 16 GB eMMC, live USB
const START = "yes the internal one";

const swapOf = (d: object) => JSON.stringify(d).match(/"swapSize":"([^"]+)"/)?.[1];

describe("a size said as memory is no disk", () => {
  for (const turn of [
    "32 gb swap pls, i have 4gb ram",
    "i have 4gb ram so 32g swap",
    "32g swap, 4 gigs of memory here",
    "ram: 4gb. 32g swap",
    "my ram is 4 gb, want 32gb swap",
  ]) {
    it(turn, async () => {
      const { last } = await dialogue(TINY, [START, turn]);
      const reply = "reply" in last ? last.reply : "";
      expect(reply).not.toMatch(/No disk here matches/);
      expect(reply).toMatch(/32G of swap does not fit/);
      expect(reply).toMatch(/How much swap/);
    });
  }
  for (const [turn, swap] of [
    ["4g swap, i have 8 gigs of ram", "4G"],
    ["2 gb swap pls, i have 4gb ram", "2G"],
    ["ram is 8gb, give me 2g swap", "2G"],
  ] as const) {
    it(`${turn}: the swap asked`, async () => {
      const { last } = await dialogue(TINY, [START, turn]);
      expect(swapOf(last)).toBe(swap);
    });
  }
  it("near miss: a size alone still names the disk it fits", async () => {
    const { last } = await dialogue(TINY, ["the 16gb one"]);
    expect(JSON.stringify(last)).toMatch(/mmcblk0/);
  });
});

describe("swap that leaves no room asks the swap", () => {
  it("32g swap: at most about 5G", async () => {
    const { last } = await dialogue(TINY, [START, "32g swap"]);
    expect("reply" in last && last.reply).toMatch(/at most about 5G/);
    expect("reply" in last && last.reply).not.toMatch(/How big should root be/);
  });
});
