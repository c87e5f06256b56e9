import { describe, expect, it } from "vitest";
import { inEnglish } from "../../agent/rules/otherLanguages.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 26, the lead: the French negation the rules read lost its verb in three shapes.
 * - The elided "n'" said as "do not" was glued to its verb ("do noterase the Kingston"), so no
 *   negation was read at all and the keep of the disk was lost.
 * - "n'y touche pas" moved the verb away from its "do not" ("touch do not it").
 * - Spoken French drops the "ne" and says "tu": "tu y touches pas" (dev27-mixed h26m-044#3, a
 *   destructive turn: the small Kingston, said to be left alone, was planned for erasing). The
 *   tu-forms of the verbs were missing, and "y" (the thing just named) was not its object.
 */
// sda WD Blue 2TB (ntfs "Vieux", no free space), nvme0n1 Kingston NV2 250GB (blank), sdb the live stick
const QC = inferLiveMedium(fixtureFacts("findings28-lead-quebec"));
const erases = (c: { pending: { tool: string; args: Record<string, unknown> }[] }, disk: string) =>
  c.pending.some((x) => x.tool === "partitionDisk" && x.args.disk === disk);
const keeps = (c: { protections: readonly object[] }, disk: string) =>
  c.protections.some((p) => "disk" in p && (p as { disk: string }).disk === disk);

describe("French negations keep their verb in English", () => {
  it.each([
    ["n'efface pas le Kingston", "do not erase the Kingston"],
    ["n'installe pas vim", "do not install vim"],
    ["n'enleve jamais git", "do not remove git"],
    ["n'y touche pas", "do not touch it"],
    ["ne touche pas le Kingston", "do not touch the Kingston"],
    ["ne supprime rien", "do not remove anything"],
    ["Pis le petit Kingston, tu y touches pas.", "then the small Kingston, do not touch it."],
    ["tu touches pas au Kingston", "do not touch the Kingston"],
    ["tu effaces pas le WD", "do not erase the WD"],
    ["tu gardes Windows", "keep Windows"],
  ])("%s -> %s", (fr, en) => {
    expect(inEnglish(fr)).toBe(en);
  });

  it("a French turn with no negation reads as before", () => {
    expect(inEnglish("installe git et enleve vim")).toBe("install git and remove vim");
    expect(inEnglish("tu installes git et tu enleves vim")).toBe("install git and remove vim");
  });
});

describe("h26m-044: the Kingston said to be left alone is never erased", () => {
  for (const line of [
    "Pis le petit Kingston, tu y touches pas.",
    "Et le Kingston, n'y touche pas.",
    "le Kingston, tu touches pas",
    "n'efface pas le Kingston",
  ])
    it(`"installe sur sda au complet", "${line}", "oui": kept, not erased`, async () => {
      const { conv } = await dialogue(QC, ["installe sur /dev/sda au complet", line, "oui"]);
      expect(erases(conv, "/dev/nvme0n1")).toBe(false);
      expect(keeps(conv, "/dev/nvme0n1")).toBe(true);
    });

  it("near miss: an order to use the Kingston still plans it", async () => {
    const { conv } = await dialogue(QC, ["installe sur le Kingston"]);
    expect(erases(conv, "/dev/nvme0n1")).toBe(true);
  });
});
