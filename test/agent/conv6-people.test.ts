import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round six, people, packages and edits (issue 14): each block is one class of sentence that the
 * rules misread on the retired held-out sets, tested with sentences of our own (in no data set):
 * typos, word order, politeness, run-ons.
 */

const LIVE = fixtureFacts("live-three-disks");
const TWO_DISKS = fixtureFacts("live-samsung-wd");
const INSTALLED = fixtureFacts("installed-lena");

/** Every call the decision would add, offered ones included. */
function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}

describe("regional formats are a locale, never a disk's format", () => {
  for (const [line, locale] of [
    ["british formats please", "en_GB.UTF-8"],
    ["set german date formats", "de_DE.UTF-8"],
    ["english but with uk formats", "en_GB.UTF-8"],
    ["french formats for numbers, thx", "fr_FR.UTF-8"],
    ["user remy, italian formats", "it_IT.UTF-8"],
  ] as const) {
    it(`"${line}" with an install planned sets ${locale} and erases nothing new`, async () => {
      const { last } = await dialogue(LIVE, ["install on the nvme", line]);
      const calls = proposed(last);
      expect(calls.some((c) => c.tool === "partitionDisk")).toBe(false);
      expect(calls.find((c) => c.tool === "setLocale")?.args).toMatchObject({ locale });
    });
  }
});
