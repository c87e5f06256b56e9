import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class E of the third user findings (WRONG 8): a command to the installer is never corrected into
 * a program's name ("stop" is one letter from btop), so "dont install anything, stop" plans nothing.
 */
const INSTALLED = fixtureFacts("findings3-d");

describe("a command word is never a program", () => {
  for (const line of [
    "actually dont install anything, stop",
    "stop",
    "stop stop stop",
    "no, halt",
    "quit it, nothing more",
    "abort, dont do anything",
    "stop, do not format anything",
  ]) {
    it(`"${line}" installs nothing`, async () => {
      const { conv } = await dialogue(INSTALLED, [line]);
      expect(conv.pending.filter((c) => c.tool === "installRecipe")).toEqual([]);
    });
  }

  it('"install btop" and a typo of it still reach btop', async () => {
    expect((await dialogue(INSTALLED, ["install btop"])).conv.pending).toContainEqual({
      tool: "installRecipe",
      args: { name: "btop" },
    });
    const typo = await dialogue(INSTALLED, ["instal btp"]);
    expect(JSON.stringify(typo.last)).toContain("btop");
  });
});
