import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class E of the third user findings (WRONG 2): a refusal of encryption in one word ("unencrypted")
 * or by taking it out of the plan ("forget the encryption") turns it off; it was read as nothing,
 * or as a typo of "encrypted".
 */
const LIVE = fixtureFacts("findings3-a");

function planned(conv: Awaited<ReturnType<typeof dialogue>>["conv"]) {
  return conv.pending.filter((c) => c.tool === "partitionDisk").map((c) => c.args);
}

describe("encryption refused after it was planned", () => {
  for (const line of [
    "unencrypted please",
    "make it unencrypted",
    "forget the encryption",
    "drop the encryption",
    "scrap the encryption, too slow",
    "actually without encryption",
    "no encryption after all",
  ]) {
    it(`"${line}" turns encryption off and keeps the disk`, async () => {
      const { conv } = await dialogue(LIVE, ["use the nvme, encrypt the disk", line]);
      expect(planned(conv)).toEqual([expect.objectContaining({ disk: "/dev/nvme0n1", encrypt: false })]);
    });
  }

  it('"use the nvme unencrypted" installs there without encryption', async () => {
    const { conv } = await dialogue(LIVE, ["use the nvme unencrypted"]);
    expect(planned(conv)).toEqual([expect.objectContaining({ disk: "/dev/nvme0n1", encrypt: false })]);
  });

  it('"drop the swap" takes the swap out, nothing else', async () => {
    const { conv } = await dialogue(LIVE, ["use the nvme with 8gb swap, encrypted", "drop the swap"]);
    const args = planned(conv);
    expect(args).toEqual([expect.objectContaining({ disk: "/dev/nvme0n1", encrypt: true })]);
    expect(args[0]).not.toHaveProperty("swapSize");
  });
});
