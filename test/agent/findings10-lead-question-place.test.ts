import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A question that keeps one disk and places the system on another stays a question: taking its
 * frame off ("is it possible to …?" → "can you …?") made it a request, and a fresh held-out
 * question then planned an erase at once where the answer should ask (agent/safety/
 * questionProtections.ts, PLACES). A question that only keeps something is still read as the
 * protection it is, so a later "yes" to an older erase question never erases the disk it kept.
 * Machine: Samsung NVMe with a "home" partition, an empty Crucial, a Seagate with "Photos".
 */
const THREE = fixtureFacts("findings10-lead-three");

function erased(pending: readonly PlanCall[]): string[] {
  return pending.flatMap((c) =>
    c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"
      ? [(c.args as { disk: string }).disk]
      : [],
  );
}

describe("a question that keeps one disk and places the system on another plans no erase", () => {
  it.each([
    "is it possible to keep the seagate and install on the crucial?",
    "would it be possible to leave the seagate alone and put it on the crucial?",
    "is it ok if the seagate stays and it goes on the crucial?",
    "is there a way to keep the photos and use the crucial?",
    "is it possible to not touch the seagate and put linux on the crucial?",
    "would it be okay to keep the samsung and set up on sda?",
    "is it possible to keep the samsung safe and install on the crucial?",
  ])("%s", async (q) => {
    const { conv, last } = await dialogue(THREE, [q]);
    expect(erased(conv.pending)).toEqual([]);
    expect("calls" in last).toBe(false);
  });
});

describe("a question that only keeps the disk is the protection it says", () => {
  it.each([
    ["use the samsung", "would it be possible to not wipe it?"],
    ["use the samsung", "is it possible to keep it instead?"],
    ["use the samsung", "is it ok if the samsung stays untouched?"],
    ["install on the seagate", "could you maybe not erase the seagate?"],
    ["install on the seagate", "is there any way to leave it alone?"],
  ])("%s / %s / yes never erases it", async (first, q) => {
    const { conv } = await dialogue(THREE, [first, q, "yes"]);
    expect(erased(conv.pending)).toEqual([]);
  });
});
