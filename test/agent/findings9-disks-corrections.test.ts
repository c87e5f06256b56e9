import { describe, expect, it } from "vitest";
import { sayDiskCorrections } from "../../agent/rules/selfCorrections.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 D2: "put it on sda, sorry, sdb" asked to erase sda (the films) and a hurried "yes"
 * erased it. A disk named, a correction word, another disk: the second replaces the first
 * (agent/rules/selfCorrections.ts), before any reader sees the words. Machine: the tester's
 * desktop (empty Samsung nvme0n1, Seagate sda "Media", WD sdb "backup", live stick sdc).
 */
const DESKTOP = fixtureFacts("findings9d-desktop");

const MARKS = [
  ", sorry,",
  "... sorry,",
  " sorry",
  ", sry,",
  " sry",
  ", oops,",
  " oops",
  " er",
  ", erm,",
  ", i mean",
  " i mean",
  ", no,",
  " - no,",
  " - no -",
  " — no,",
  " —",
  ", actually",
  ", actually,",
  ", wait,",
  ", no wait,",
  ", or rather",
  ", my bad,",
  ", make that",
];

describe("a disk corrected in the same breath is the disk meant (D2)", () => {
  // the retracted disk holds the films; the one meant is the empty Samsung
  for (const mark of MARKS)
    for (const [verb, from, to] of [
      ["put it on", "sda", "nvme0n1"],
      ["install to", "the seagate", "the samsung"],
      ["use", "the 2tb", "the nvme"],
    ] as const)
      it(`"${verb} ${from}${mark} ${to}" plans the Samsung and erases no films disk`, async () => {
        const { conv, decisions } = await dialogue(DESKTOP, [`${verb} ${from}${mark} ${to}`, "yes"]);
        expect(decisions.flatMap(callsOf).some(erases("/dev/sda"))).toBe(false);
        expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
        expect(decisions[0] && callsOf(decisions[0]).some(erases("/dev/nvme0n1"))).toBe(true);
      });

  const tester: [string, string][] = [
    ["put it on sda, sorry, sdb", "/dev/sdb"],
    ["put it on sda... sorry, sdb!", "/dev/sdb"],
    ["install to sda, oops, nvme0n1", "/dev/nvme0n1"],
    ["install on sda sorry sdb", "/dev/sdb"],
    ["use sda - no, sdb", "/dev/sdb"],
    ["sda sorry nvme", "/dev/nvme0n1"],
    ["the seagate, sorry, the samsung", "/dev/nvme0n1"],
  ];
  for (const [s, meant] of tester)
    it(`"${s}" then "yes" never erases sda; it names ${meant}`, async () => {
      const { conv, decisions } = await dialogue(DESKTOP, [s, "yes"]);
      expect(decisions.flatMap(callsOf).some(erases("/dev/sda"))).toBe(false);
      expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
      expect(JSON.stringify(decisions[0])).toContain(meant);
      expect(JSON.stringify(decisions[0])).not.toContain("/dev/sda ");
    });

  it("the other way round: the films disk said last is the one asked about", async () => {
    const { decisions } = await dialogue(DESKTOP, ["put it on nvme0n1, sorry, sda"]);
    expect(JSON.stringify(decisions[0])).toContain("/dev/sda");
    expect(callsOf(decisions[0]!).some(erases("/dev/nvme0n1"))).toBe(false);
  });
});

describe("what is not a correction stays as said", () => {
  const same = [
    "install on sda no sdb",
    "keep sda, sorry sdb too",
    "wipe sda, sorry, keep it",
    "erase sda, sorry, i need it",
    "install on nvme, sorry for the typo",
    "sda and sdb",
    "use the samsung — the empty one",
    "sorry, sdb",
    "clearpart --all --drives=sda\nignoredisk --drives=sdb\npart / --fstype=xfs",
    "install on sda --encrypt --drives=sdb",
    "use sda\nsorry\nsdb",
    "no keep sda, sorry, i meant the empty samsung",
    "dont touch sdb, sorry, sda",
  ];
  for (const s of same)
    it(`"${s}"`, () => {
      expect(sayDiskCorrections(s, DESKTOP)).toBe(s);
    });
  it("keeps the words before and after the disk", () => {
    expect(sayDiskCorrections("put it on sda, sry, sdb pls", DESKTOP)).toBe("put it on sdb pls");
    expect(sayDiskCorrections("the backup, sorry, the media drive", DESKTOP)).toBe("the media drive");
    expect(sayDiskCorrections("use the big one, sorry, the samsung", DESKTOP)).toBe("use the samsung");
  });
});
