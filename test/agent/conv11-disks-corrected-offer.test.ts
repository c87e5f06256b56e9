import { describe, expect, it } from "vitest";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A disk a correction named ("put it on sda, sorry, sdb") is read in place of the retracted one
 * (agent/rules/selfCorrections.ts), but its erase is offered, not planned from that turn alone
 * (agent/safety/correctedErase.ts): the rewrite may have dropped what the words around it meant.
 * Machine: the tester's desktop (empty Samsung nvme0n1, Seagate sda "Media", WD sdb "backup").
 */
const DESKTOP = fixtureFacts("findings9d-desktop");

describe("the erase of a disk a correction named is asked, not planned", () => {
  for (const said of [
    "put it on sda, sorry, nvme0n1",
    "install to the seagate - no, the samsung",
    "use sdb er nvme0n1",
  ])
    it(`"${said}": an offer naming nvme0n1, nothing pending; "yes" plans it, "no" plans nothing`, async () => {
      const first = await dialogue(DESKTOP, [said]);
      const d = first.decisions[0]!;
      expect("reply" in d && d.offer?.calls.some(erases("/dev/nvme0n1"))).toBe(true);
      expect("reply" in d ? d.reply : "").toMatch(/corrected yourself to \/dev\/nvme0n1/);
      expect(first.conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);

      const yes = await dialogue(DESKTOP, [said, "yes"]);
      expect(yes.conv.pending.some(erases("/dev/nvme0n1"))).toBe(true);
      expect(yes.decisions.flatMap(callsOf).some(erases("/dev/sda"))).toBe(false);
      expect(yes.decisions.flatMap(callsOf).some(erases("/dev/sdb"))).toBe(false);

      const no = await dialogue(DESKTOP, [said, "no"]);
      expect(no.conv.pending.some((c) => c.tool === "partitionDisk")).toBe(false);
    });

  it("a turn with no correction plans as before", async () => {
    const { conv } = await dialogue(DESKTOP, ["put it on nvme0n1"]);
    expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(true);
  });
});
