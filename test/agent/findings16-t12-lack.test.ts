import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 12 D1/D2. D1: a disk described by what it does NOT hold ("format the drive that doesnt
 * have windows", "use the drive windows isnt on, wipe it") erased the disk that HOLDS it: the
 * system's name was read as the target and the negation between verb and name was not seen. D2:
 * "any disk save for the 870", "bar the 870" took the excepted disk and a "yes" erased it.
 * Machines: Windows on a Crucial beside a Samsung 860 with an ext4 "games" partition and the live
 * stick (twin); an empty 990 PRO, a Seagate with ntfs "Photos", a Crucial with Ubuntu (desk3).
 */
const TWIN = fixtureFacts("findings16-twin");
const DESK = fixtureFacts("findings12-desk3");
const added = (d: Decision) => ("calls" in d ? d.calls : []);

describe("a disk described by what it lacks is never the disk that has it", () => {
  const windows = [
    "format the drive that doesnt have windows",
    "wipe the disk which does not have windows on it",
    "erase whichever drive hasn't got windows",
    "nuke the ssd that has no windows on it",
    "use the drive windows isnt on, wipe it",
    "put linux on the disk windows is not on and format it",
    "blow away the one without windows",
    "format the drive with no windows",
  ];
  for (const t of windows)
    it(`twin: "${t}" never erases the Windows disk`, async () => {
      const { last } = await dialogue(TWIN, [t]);
      expect(added(last).some(erases("/dev/sda"))).toBe(false);
      // nor does an offer carry it, for a "yes" to take
      const offered = "reply" in last ? (last.offer?.calls ?? []) : [];
      expect(offered.some(erases("/dev/sda"))).toBe(false);
    });
  for (const t of ["wipe the disk that doesn't have my photos", "erase the drive ubuntu isn't installed on"])
    it(`desk: "${t}" erases neither the Photos nor the Ubuntu disk it names`, async () => {
      const { last } = await dialogue(DESK, [t]);
      const named = t.includes("photos") ? "/dev/sda" : "/dev/sdb";
      expect(added(last).some(erases(named))).toBe(false);
    });

  it("a yes after the question does not erase the Windows disk either", async () => {
    const { last } = await dialogue(TWIN, ["format the drive that doesnt have windows", "yes"]);
    expect(added(last).some(erases("/dev/sda"))).toBe(false);
    expect("confirm" in last && last.confirm).toBe(false);
  });

  for (const t of ["format sdb", "wipe the games drive", "erase the samsung, i don't need the games"])
    it(`plain requests still act: "${t}"`, async () => {
      const { last } = await dialogue(TWIN, [t]);
      expect(added(last).some(erases("/dev/sdb"))).toBe(true);
    });
  it('a disk erased though I don\'t care about what is on it still erases: "wipe the windows disk, i dont need windows"', async () => {
    const { last } = await dialogue(TWIN, ["wipe the windows disk, i dont need windows"]);
    expect(added(last).some(erases("/dev/sda"))).toBe(true);
  });
});

describe("'save for', 'bar', 'barring', 'minus' except a disk (tester 12 D2)", () => {
  for (const t of [
    "install on any disk save for the seagate",
    "install on any disk bar the seagate",
    "anywhere barring the seagate",
    "put it on any drive minus the seagate",
    "use anything save the seagate",
  ])
    it(`desk: "${t}" never takes the Seagate, and "yes" does not either`, async () => {
      const first = await dialogue(DESK, [t]);
      expect(added(first.last).some(erases("/dev/sda"))).toBe(false);
      const offered = "reply" in first.last ? (first.last.offer?.calls ?? []) : [];
      expect(offered.some(erases("/dev/sda"))).toBe(false);
      const { last } = await dialogue(DESK, [t, "yes"]);
      expect(added(last).some(erases("/dev/sda"))).toBe(false);
    });
});
