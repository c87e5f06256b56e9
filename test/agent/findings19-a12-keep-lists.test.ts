import { describe, expect, it } from "vitest";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 12 #1 (HIGH): a keep said as a comma list kept only its first disk, and the next disk in
 * the list was planned for erasing ("keep sda, sdb, nvme0n1" erased sdb, which holds "backup").
 * #2: "keep sdb, sda" and "my photos are on sda, my backups on sdb" crashed the chat (the gate's
 * "asked instead" move called itself between the two disks). Facts: sda holds ext4 "photos", sdb
 * ext4 "backup", nvme0n1 is empty (agent/rules/clauses.ts listGoesOn, agent/safety/destructiveGate.ts).
 */
const THREE = fixtureFacts("findings19-a12-three");

describe("a keep said as a comma list keeps every disk it names", () => {
  const cases: [string, string[]][] = [
    ["keep sda, sdb, nvme0n1", ["/dev/sda", "/dev/sdb", "/dev/nvme0n1"]],
    ["keep sdb, sda", ["/dev/sda", "/dev/sdb"]],
    ["don't touch sda, sdb", ["/dev/sda", "/dev/sdb"]],
    ["keep sdb, nvme0n1", ["/dev/sdb", "/dev/nvme0n1"]],
    ["keep sdb, also nvme0n1", ["/dev/sdb", "/dev/nvme0n1"]],
    ["never touch sdb, nvme0n1", ["/dev/sdb", "/dev/nvme0n1"]],
    ["keep sda, sdb, and nvme0n1", ["/dev/sda", "/dev/sdb", "/dev/nvme0n1"]],
    ["hands off sdb, nvme0n1", ["/dev/sdb", "/dev/nvme0n1"]],
    ["keep /dev/sda, /dev/sdb", ["/dev/sda", "/dev/sdb"]],
  ];
  for (const [line, kept] of cases)
    it(`"${line}" erases none of ${kept.join(", ")}, and a "yes" after it neither`, async () => {
      const { decisions } = await dialogue(THREE, [line, "yes"]);
      for (const d of kept)
        for (const dec of decisions) expect(callsOf(dec).some(erases(d)), `${d} after "${line}"`).toBe(false);
    });

  it("a list that turns into a request still splits: keep sda, install on the nvme", async () => {
    const { conv } = await dialogue(THREE, ["keep sda, install on nvme0n1"]);
    expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(true);
    expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
  });
});

describe("a keep list that crashed the chat plans no erase of its disks (attacker 12 #1, #2)", () => {
  for (const line of ["keep sdb, sda", "keep sda,sdb", "preserve sda, sdb", "keep sda, also sdb"])
    it(`"${line}" plans no erase of either disk`, async () => {
      const { conv } = await dialogue(THREE, ["create user anna with sudo", "add ripgrep", line]);
      expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
      expect(conv.pending.some(erases("/dev/sdb"))).toBe(false);
    });
});

describe("a bare 'not X, Y' is a correction, not a keep list", () => {
  // sdb holds "backup" here, so the move to it is planned or asked about; read as a list of two
  // keeps it was a bare drop of the install that named sdb nowhere (dev5 ho4-066#2)
  it('"erase sda and install" then "actually not sda, sdb" moves the install toward sdb', async () => {
    const { conv, decisions } = await dialogue(THREE, ["erase sda and install", "actually not sda, sdb"]);
    expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
    expect(JSON.stringify(decisions[1])).toContain("/dev/sdb");
  });
});
