import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 26 F1: with the erase of the Crucial planned, "hold on, my backups are on that disk"
 * was read as nothing and answered "Go ahead with the plan?", and the yes compiled the erase. What
 * the words point at ("that disk", "it", "there", "that one") is the disk the plan erases.
 */
// sda Samsung 870 (PHOTOS), nvme0n1 WD_BLACK, sdb SanDisk (live), sdc Crucial MX500 (no partitions listed)
const LIVE2 = inferLiveMedium(fixtureFacts("findings27-lead-f1-live2"));
const erases = (c: { pending: { tool: string; args: Record<string, unknown> }[] }, disk: string) =>
  c.pending.some((x) => x.tool === "partitionDisk" && x.args.disk === disk);

describe("F1: a sentence that says the planned disk holds the user's data keeps it", () => {
  for (const line of [
    "hold on, my backups are on that disk",
    "my backups are on that disk",
    "it has my backups",
    "that one has all my work on it",
    "my backups are on there!",
    "no, that disk has my backups",
    "no!! that disk has my backups",
    "wait, our music lives on this drive",
  ])
    it(`"use the crucial", "${line}", "yes": the Crucial is never erased`, async () => {
      const { conv } = await dialogue(LIVE2, ["use the crucial", line, "yes"]);
      expect(erases(conv, "/dev/sdc")).toBe(false);
      expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sdc")).toBe(true);
    });

  it("near misses: a question about it, or data said of another disk by name, leave the plan", async () => {
    const asked = await dialogue(LIVE2, ["use the crucial", "is there anything on it?"]);
    expect(erases(asked.conv, "/dev/sdc")).toBe(true);
    const other = await dialogue(LIVE2, ["use the crucial", "my backups are on the samsung"]);
    expect(erases(other.conv, "/dev/sdc")).toBe(true);
    expect(other.conv.protections.some((p) => "disk" in p && p.disk === "/dev/sda")).toBe(true);
    // with nothing planned, "that disk" points at nothing: no keep is made up
    const none = await dialogue(LIVE2, ["my backups are on that disk"]);
    expect(none.conv.protections).toEqual([]);
  });
});
