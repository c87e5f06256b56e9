import { describe, expect, it } from "vitest";
import { sayKeepNoteReasons } from "../../agent/rules/keepNoteReasons.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 13 D1: a sysadmin note "DISK: keep (REASON)" erased DISK with no question, and after a
 * chosen disk moved the install onto it; "DISK: skip", "DISK: backup disk, leave" offered its
 * erase. The reason beside the keep word hid the keep. Machine: a desktop with Windows on a
 * Samsung NVMe, a WD 2TB "Games" (sda), a Seagate 4TB "Backup" (sdb), an empty Crucial (sdc).
 */
const DESK = fixtureFacts("findings17-q-t13-desk");
const OFFERED_OR_PLANNED = (d: Parameters<typeof callsOf>[0], disk: string) => callsOf(d).some(erases(disk));

describe("a keep note keeps its disk whatever its reason says", () => {
  for (const [t, kept] of [
    ["sdb: keep (backups)", "/dev/sdb"],
    ["sdb: keep (tax stuff)", "/dev/sdb"],
    ["sdb: keep [backups]. sdc: wipe", "/dev/sdb"],
    ["sdb: keep - backups. sdc: wipe", "/dev/sdb"],
    ["sdb: keep (backups!!). sdc: wipe", "/dev/sdb"],
    ["sdb: leave alone (backups). sdc: wipe", "/dev/sdb"],
    ["sda: keep (steam library)", "/dev/sda"],
    ["sdb: dont touch (backups)", "/dev/sdb"],
    ["sdb: KEEP (backups)", "/dev/sdb"],
    ["sdb: keep pls (backups)", "/dev/sdb"],
    ["the seagate: keep (tax records)", "/dev/sdb"],
    ["sdb: skip", "/dev/sdb"],
    ["sdb: backup disk, leave", "/dev/sdb"],
    ["install on the crucial. sdb: keep (backups)", "/dev/sdb"],
  ] as const)
    it(`"${t}" never erases or offers ${kept}`, async () => {
      const { last } = await dialogue(DESK, [t]);
      expect(OFFERED_OR_PLANNED(last, kept)).toBe(false);
    });
  it("a whole inventory installs on the disk marked for it, none of the kept ones", async () => {
    const { last } = await dialogue(DESK, [
      "nvme0n1: keep (windows). sda: keep (steam). sdb: keep (backups). sdc: install here",
    ]);
    for (const d of ["/dev/nvme0n1", "/dev/sda", "/dev/sdb"]) expect(OFFERED_OR_PLANNED(last, d)).toBe(false);
    expect(callsOf(last).some(erases("/dev/sdc"))).toBe(true);
  });
  it("four notes: the disk marked wipe is the one erased", async () => {
    const { last } = await dialogue(DESK, [
      "sda: keep (games). sdb: keep (backups). sdc: wipe. nvme: dont touch",
    ]);
    expect(OFFERED_OR_PLANNED(last, "/dev/sdb")).toBe(false);
    expect(OFFERED_OR_PLANNED(last, "/dev/sda")).toBe(false);
    expect(callsOf(last).some(erases("/dev/sdc"))).toBe(true);
  });
  for (const note of ["sdb: keep (backups)", "sda: keep (steam library)"])
    it(`after "install on sdc", "${note}" never moves the install onto the kept disk`, async () => {
      const { conv, last } = await dialogue(DESK, ["install on sdc", note]);
      expect(conv.pending.some(erases("/dev/sdc"))).toBe(true);
      expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk !== "/dev/sdc")).toBe(false);
      expect(callsOf(last).some((c) => c.tool === "partitionDisk" && c.args.disk !== "/dev/sdc")).toBe(false);
    });
  it("a note that keeps nothing, or names what to keep after the colon, is left as typed", () => {
    for (const t of [
      "note: keep sdb",
      "sda: keep home, wipe root",
      "users: ops (wheel)",
      "sdc: install here",
    ])
      expect(sayKeepNoteReasons(t)).toBe(t);
  });
});

describe("the plain requests still act", () => {
  for (const t of ["sdc: wipe", "install on sdc", "sdb: keep. sdc: wipe"])
    it(`"${t}" erases the Crucial`, async () => {
      const { last } = await dialogue(DESK, [t]);
      expect(callsOf(last).some(erases("/dev/sdc"))).toBe(true);
    });
  it('"sdb: wipe, old backups" still erases the Seagate asked for', async () => {
    const { last } = await dialogue(DESK, ["sdb: wipe, old backups, dont need them"]);
    expect(callsOf(last).some(erases("/dev/sdb"))).toBe(true);
  });
});
