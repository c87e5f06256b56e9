import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { chatTranscript } from "./helpers/chat.js";
import { fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 25, the lead: tester 25's DANGEROUS-1. "keep the WD", then /reset, then "use the biggest":
 * the reset had forgotten the protection, and one yes planned the erase of the kept photos disk.
 */
const PHOTOS = inferLiveMedium(fixtureFacts("findings26-lead-desktop-photos")); // nvme0n1 blank, WD sda "photos", live sdc

async function afterReset(before: string[], after: string[]) {
  const conv = new Conversation(PHOTOS);
  const backend = createRulesBackend();
  const say = async (line: string) => conv.record(line, await decideTurn(backend, conv.view(line), PHOTOS));
  for (const l of before) await say(l);
  conv.reset();
  for (const l of after) await say(l);
  return conv;
}

const erases = (conv: Conversation, disk: string) =>
  conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === disk);

describe("DANGEROUS-1: /reset keeps what the user said to keep", () => {
  for (const keep of ["keep the WD", "dont touch the 4tb", "the WD has my photos, leave it alone"])
    it(`"${keep}" / use nvme / reset / use the biggest / yes: the WD is never planned`, async () => {
      const conv = await afterReset([keep, "use nvme"], ["use the biggest", "yes", "erase it"]);
      expect(conv.protections.length).toBeGreaterThan(0);
      expect(erases(conv, "/dev/sda")).toBe(false);
    });

  it("the plan, the turns and the open question are gone", async () => {
    const conv = await afterReset(["keep the WD", "use nvme", "user bob sudo"], []);
    expect(conv.pending).toEqual([]);
    expect(conv.turns).toEqual([]);
    expect(conv.undo()).toBe(false);
  });

  it("the user's own words still release it after the reset", async () => {
    const conv = await afterReset(["keep the WD", "use nvme"], ["erase /dev/sda, I don't need what's on it"]);
    expect(erases(conv, "/dev/sda")).toBe(true);
  });

  it("near miss: without a keep, the reset leaves nothing kept and the nvme can be chosen again", async () => {
    const conv = await afterReset(["use nvme", "user bob sudo"], ["use the nvme"]);
    expect(conv.protections).toEqual([]);
    expect(erases(conv, "/dev/nvme0n1")).toBe(true);
  });

  it("the chat says what is still kept after /reset", async () => {
    const { out } = await chatTranscript(PHOTOS, ["keep the WD", "use nvme", "/reset"]);
    expect(out).toMatch(
      /Started over: the plan is empty\. What you asked me to keep is still kept: \/dev\/sda/,
    );
    const plain = await chatTranscript(PHOTOS, ["use nvme", "/reset"]);
    expect(plain.out).toContain("Started over: the plan is empty.\n");
  });
});
