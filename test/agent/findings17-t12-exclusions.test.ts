import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 12 D2, the words still open after round 14: "leaving out", "with the exception of",
 * "excepting", "other then" (a typo of "than"), "aside from", "not counting" named the disk to
 * erase, and a "yes" to the erase question took it. They except a disk as "save for" and "bar"
 * already did (agent/rules/disks.ts exclusionAt; "other then" in agent/rules/tokens.ts).
 * Machines: the tester's desk (empty 990 PRO, Samsung 870 with ntfs "Photos", WD with Ubuntu) and
 * desk3 (empty 990 PRO, Seagate with "Photos", Crucial with Ubuntu); the tester's inst.json.
 */
const DESK = fixtureFacts("findings16-desk");
const DESK3 = fixtureFacts("findings12-desk3");
const INST = fixtureFacts("findings16-inst");
const touches = (d: Decision, disk: string) => callsOf(d).some(erases(disk));

const words = [
  "install on whatever disk, leaving out the {}",
  "install on a drive with the exception of the {}",
  "use any disk excepting the {}",
  "any disk other then the {}",
  "any disk aside from the {}",
  "install on any disk not counting the {}",
  "put it anywhere leaving out the {}",
  "install it on any drive with the exception of my {} please",
];

describe("exclusions never make the excluded disk the target (tester 12 D2)", () => {
  for (const [name, facts, disk, path] of [
    ["desk", DESK, "870", "/dev/sda"],
    ["desk3", DESK3, "seagate", "/dev/sda"],
    ["desk3", DESK3, "crucial", "/dev/sdb"],
  ] as const)
    for (const w of words) {
      const t = w.replace("{}", disk);
      it(`${name}: "${t}" never takes ${path}, and "yes" does not either`, async () => {
        const first = await dialogue(facts, [t]);
        expect(touches(first.last, path)).toBe(false);
        const { conv } = await dialogue(facts, [t, "yes"]);
        expect(conv.view("").pending.some(erases(path))).toBe(false);
      });
    }

  it("the disk left when two are excepted is planned: 'any disk aside from the seagate or the crucial'", async () => {
    const { last } = await dialogue(DESK3, ["install on any disk aside from the seagate or the crucial"]);
    expect(touches(last, "/dev/nvme0n1")).toBe(true);
  });
  it("'use the other then' (a then with nothing after it) still reads as 'the other one'", async () => {
    const { last } = await dialogue(DESK3, ["install on the seagate", "no, use the other then"]);
    expect(touches(last, "/dev/sda")).toBe(false);
  });
  it("a clause of its own 'leave out the seagate' keeps it, never the disk named before it", async () => {
    const { last } = await dialogue(DESK3, ["levitate on the 990, leave out the seagate entirely"]);
    expect(touches(last, "/dev/nvme0n1")).toBe(true);
    expect(touches(last, "/dev/sda")).toBe(false);
  });
  it("a plain request still plans: 'install on the 990'", async () => {
    const { last } = await dialogue(DESK, ["install on the 990"]);
    expect(touches(last, "/dev/nvme0n1")).toBe(true);
  });
});

describe("the same words keep a program in `ask`", () => {
  for (const t of [
    "remove everything leaving out git",
    "remove everything excepting git",
    "remove everything other then git",
    "remove everything aside from git",
    "remove everything not counting git",
    "remove everything with the exception of git",
  ])
    it(`"${t}" never removes git`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(callsOf(last).some(removes("git"))).toBe(false);
    });
});
