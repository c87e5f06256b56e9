import { describe, expect, it } from "vitest";
import type { Conversation } from "../../agent/conversation.js";
import type { Decision } from "../../tools/decision.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 12 D3: telling the installer it got the disk wrong ("no you got that backwards", "thats
 * the windows one you idiot") left the erase of the wrong disk in the plan, or read "that" as the
 * disk again and offered it for a "yes". The erase leaves the plan (agent/safety/wrongDisk.ts);
 * only a disk the words name besides it, or "the other one" where one is left, takes its place,
 * and only when nothing on it is lost. Machines: Windows on a Crucial beside a Samsung with ext4
 * "games" (twin); an empty 990 PRO, a Seagate with ntfs "Photos", a Crucial with Ubuntu (desk3).
 */
const TWIN = fixtureFacts("findings16-twin");
const DESK = fixtureFacts("findings12-desk3");

const offered = (d: Decision) => ("reply" in d ? (d.offer?.calls ?? []) : []);
const pendingErases = (conv: Conversation, disk: string) => conv.view("").pending.some(erases(disk));

const complaints = [
  // the tester's
  "no you got that backwards",
  "thats the windows one you idiot",
  "wrong one",
  "not that one, the other",
  "that's the one I want to keep",
  "no, I said KEEP it",
  // ours
  "you've got it the wrong way round",
  "nope, wrong drive",
  "you mixed them up!!",
  "that is the disk I'm keeping",
  "no no no that one has windows on it",
  "you misunderstood me",
  "thats not what i said",
  "i told you to keep that one",
  "WRONG.",
];

describe("a complaint that the disk is wrong takes its erase out of the plan (tester 12 D3)", () => {
  for (const t of complaints)
    it(`twin, Windows disk planned: "${t}" leaves no erase of it, and "yes" does not bring it back`, async () => {
      const { conv, last } = await dialogue(TWIN, ["wipe the windows disk", t]);
      expect(pendingErases(conv, "/dev/sda")).toBe(false);
      expect(offered(last).some(erases("/dev/sda"))).toBe(false);
      const after = await dialogue(TWIN, ["wipe the windows disk", t, "yes"]);
      expect(pendingErases(after.conv, "/dev/sda")).toBe(false);
    });

  for (const t of [
    "you have it backwards",
    "no!! thats my photos drive",
    "wrong disk, the photos are on that one",
  ])
    it(`desk3, Seagate planned: "${t}" drops its erase`, async () => {
      const { conv } = await dialogue(DESK, ["erase the seagate", t]);
      expect(pendingErases(conv, "/dev/sda")).toBe(false);
    });

  it("the erase I only asked about is never offered again: twin 'doesnt have windows' → 'backwards' → 'yes'", async () => {
    const { conv, decisions } = await dialogue(TWIN, [
      "format the drive that doesnt have windows",
      "no you got that backwards",
      "yes",
    ]);
    expect(offered(decisions[1]!).some(erases("/dev/sda"))).toBe(false);
    expect(pendingErases(conv, "/dev/sda")).toBe(false);
  });

  it("an empty disk named instead takes the place of the wrong one: 'wrong one, the 990'", async () => {
    // round 28: "erase the seagate" (Photos, a blank 990 beside) is asked first; the complaint
    // after that question offers the 990, and the yes takes it
    const { conv } = await dialogue(DESK, ["erase the seagate", "wrong one, the 990", "yes"]);
    expect(pendingErases(conv, "/dev/sda")).toBe(false);
    expect(pendingErases(conv, "/dev/nvme0n1")).toBe(true);
  });

  it("a disk named instead that holds data is not erased on the complaint: 'wrong one, the crucial'", async () => {
    const { conv } = await dialogue(DESK, ["erase the seagate", "wrong one, the crucial"]);
    expect(pendingErases(conv, "/dev/sda")).toBe(false);
    expect(pendingErases(conv, "/dev/sdb")).toBe(false);
  });

  it("a disk the words keep is never taken instead: 'no, I said keep the 990'", async () => {
    const { conv } = await dialogue(DESK, ["erase the seagate", "no, I said keep the 990"]);
    expect(pendingErases(conv, "/dev/nvme0n1")).toBe(false);
    expect(pendingErases(conv, "/dev/sda")).toBe(false);
  });
});

describe("the plain request still plans, and other complaints leave the disk alone", () => {
  it("'wipe the windows disk' plans the erase", async () => {
    const { conv } = await dialogue(TWIN, ["wipe the windows disk"]);
    expect(pendingErases(conv, "/dev/sda")).toBe(true);
  });
  for (const t of ["thats the windows one, i know, wipe it", "right, thats the windows one, i dont need it"])
    it(`a description said as fine to lose keeps the erase: "${t}"`, async () => {
      const { conv } = await dialogue(TWIN, ["wipe the windows disk", t]);
      expect(pendingErases(conv, "/dev/sda")).toBe(true);
    });
  it("'wrong keyboard, use german' is no complaint about the disk", async () => {
    const { conv } = await dialogue(TWIN, ["wipe the windows disk", "wrong keyboard, use german"]);
    expect(pendingErases(conv, "/dev/sda")).toBe(true);
  });
  it("'you got the names backwards' is about the people, not the disk", async () => {
    const { conv } = await dialogue(DESK, [
      "add user ana with sudo and user tom",
      "erase the 990",
      "no you got the names backwards, tom gets sudo",
    ]);
    expect(pendingErases(conv, "/dev/nvme0n1")).toBe(true);
  });
});
