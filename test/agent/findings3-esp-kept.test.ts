import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The third user findings, WRONG 1: "next to windows, and dont touch the efi partition" planned the
 * install into the free space, which adds boot files to that EFI partition, without a word. Writing
 * to a partition the words keep is asked first; "yes" takes the install.
 */
const WINDOWS = fixtureFacts("findings3-b");

describe("an EFI partition the words keep is not written without asking", () => {
  for (const line of [
    "next to windows, and dont touch the efi partition at all, windows update breaks if you do",
    "use the free space but keep the efi partition as it is",
    "install beside windows, do not touch nvme0n1p1",
    "dual boot with windows, leave the esp partition alone",
  ]) {
    it(`"${line}" asks before sharing nvme0n1p1, plans nothing yet`, async () => {
      const { conv, last } = await dialogue(WINDOWS, [line]);
      expect(conv.pending.filter((c) => c.tool === "partitionDisk")).toEqual([]);
      expect(last).toHaveProperty("reply");
      expect(JSON.stringify(last)).toContain("nvme0n1p1");
    });
  }

  it('"yes" then shares it, as asked', async () => {
    const { conv } = await dialogue(WINDOWS, [
      "next to windows, and dont touch the efi partition at all",
      "yes",
    ]);
    expect(conv.pending).toContainEqual(
      expect.objectContaining({
        tool: "partitionDisk",
        args: expect.objectContaining({ disk: "/dev/nvme0n1", use: "free" }),
      }),
    );
  });

  it('"next to windows" alone still plans the install into the free space', async () => {
    const { conv } = await dialogue(WINDOWS, ["install next to windows"]);
    expect(conv.pending).toContainEqual(
      expect.objectContaining({ tool: "partitionDisk", args: expect.objectContaining({ use: "free" }) }),
    );
  });
});
