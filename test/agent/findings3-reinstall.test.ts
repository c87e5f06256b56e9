import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/** Class D of the third user findings (DANGEROUS 6): "reinstall X" is never only a removal. */
const INSTALLED = fixtureFacts("findings3-d");

describe("a reinstall is never a lone removal", () => {
  for (const line of [
    "reinstall ripgrep",
    "reinstall helix, its broken",
    "pls reinstall jq",
    "re-install bat",
    "reinstal fd its acting weird",
    "can you reinstall helix please",
    "helix is broken, reinstall it",
  ]) {
    it(`"${line}" removes nothing`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe")).toEqual([]);
      expect(last).toHaveProperty("reply");
    });
  }
});
