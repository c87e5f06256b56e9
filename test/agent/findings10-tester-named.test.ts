import { describe, expect, it } from "vitest";
import { sayKeptNamedAfter } from "../../agent/safety/keptNamedAfter.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9 D2: "my wife says don't touch her drive, its the seagate" asked to erase the Seagate and
 * "yes" erased it. The clause after a keep that only names a thing ("its the seagate", "that's
 * sda", "i.e. the 2tb") is what the keep keeps (agent/safety/keptNamedAfter.ts).
 */
const DESK = fixtureFacts("findings10t-desk");

const KEPT: [string, string][] = [
  ["my wife says don't touch her drive, its the seagate", "/dev/sda"],
  ["don't touch my drive, it's the seagate", "/dev/sda"],
  ["leave my data disk alone, that's sda", "/dev/sda"],
  ["keep the backup drive, i.e. the seagate!", "/dev/sda"],
  ["don't touch the data drive, which is sda", "/dev/sda"],
  ["do not wipe the photo disk; thats the 2tb", "/dev/sda"],
  ["never format the games drive, namely the samsung", "/dev/nvme0n1"],
  ["please dont erase his disk, it is the samsung", "/dev/nvme0n1"],
  ["hands off my disk, i mean the seagate", "/dev/sda"],
  ["DON'T TOUCH HER DRIVE, ITS THE SEAGATE", "/dev/sda"],
];

describe("a keep whose disk is named after it keeps that disk (D2)", () => {
  for (const [said, kept] of KEPT)
    for (const answer of ["yes", "ok"])
      it(`"${said}" then "${answer}" never erases ${kept}`, async () => {
        const { conv, decisions } = await dialogue(DESK, [said, answer]);
        expect(decisions.flatMap(callsOf).some(erases(kept))).toBe(false);
        expect(conv.pending.some(erases(kept))).toBe(false);
        expect(conv.protections.some((p) => p.kind === "disk" && p.disk === kept)).toBe(true);
      });

  it("with a request after it, the request is planned on the other disk", async () => {
    const { conv } = await dialogue(DESK, ["don't touch her drive, its the seagate. use the crucial", "yes"]);
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
  });
});

describe("a naming clause after no keep stays as typed", () => {
  for (const s of [
    "install on sdb, its the crucial",
    "use the big one, that's the seagate",
    "don't touch sda, it's my photos",
    "keep sda, its the crucial i want to use",
    "keep the seagate, thats all my photos",
  ])
    it(`"${s}"`, () => {
      expect(sayKeptNamedAfter(s)).toBe(s);
    });
});
