import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The three destructive misreads of the retired held-out set (dev-alongside9), each as a class of
 * wordings of our own, through the whole conversation (decideTurn and the Conversation record):
 * - an erase the same turn takes back before saying what the user will do instead ("erase it...
 *   actually no. I'll shrink windows first") erases nothing;
 * - "alongside / next to / beside windows" when Windows's disk has no room plans no install on
 *   another disk: that disk is offered as a question; "dual boot with windows" may still take it;
 * - "format the bitlocker partition", "wipe the ntfs partition": one partition, described by what
 *   it holds, is never read as its whole disk.
 * Machines: Windows on a full nvme with an empty Seagate sda; Ubuntu on a full Samsung sda with an
 * empty WD nvme; Windows alone on a full nvme; BitLocker Windows on an nvme with 150 GiB free.
 */
const WIN_EMPTY = fixtureFacts("findings10d-winfull-empty");
const UBUNTU_EMPTY = fixtureFacts("findings10d-ubuntufull-empty");
const WIN_FULL = fixtureFacts("findings10d-winfull");
const BITLOCKER = fixtureFacts("findings10d-bitlocker");

const planned = (d: Decision) => ("calls" in d ? d.calls : []);
const offered = (d: Decision) => ("reply" in d && d.offer ? d.offer.calls : []);

describe("an erase taken back in the same turn, with what the user will do instead, erases nothing", () => {
  const lines = [
    "there's no room I know, just wipe the whole drive then... actually no. don't. I'll shrink windows first",
    "erase the nvme. on second thought, I'll back up my photos first",
    "just nuke it all - no wait, I'll make some room in windows first",
    "format the kioxia, actually no, I'll ask my wife first",
    "erase nvme0n1. never mind, I'll do it myself later",
    "Please erase the disk entirely... no, forgive me, I shall make a backup first.",
    "wipe windows and install. hmm, scratch that, we'll shrink it first",
    "my husband says erase the windows disk... no, actually don't, he'll want his games",
    "go ahead and erase it all. nah, let me free up space in windows first",
    "erase the whole thing then. wait no, i'd rather keep windows for now",
    "blow it all away! no no, I'm going to copy my files off first",
    "wipe it. forget it, I'll come back after I shrink C:",
  ];
  for (const line of lines)
    it(`"${line}"`, async () => {
      const { conv, last } = await dialogue(WIN_FULL, [line]);
      expect(planned(last).some(erases("/dev/nvme0n1"))).toBe(false);
      expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
    });

  it("an object after the take-back still replaces it: 'install ripgrep, no wait, fd' adds fd", async () => {
    const { last } = await dialogue(WIN_FULL, ["install ripgrep, no wait, fd"]);
    expect(planned(last)).toMatchObject([{ tool: "installRecipe", args: { name: "fd" } }]);
  });
});

describe("beside a system whose disk is full, another disk is asked, never planned", () => {
  const win = [
    "install alongside windows",
    "put levitate next to windows please",
    "linux beside windows",
    "Kindly install it alongside my Windows installation.",
    "could you install next to windows?",
    "my wife says put it next to her windows",
    "install levitate alongside win11, thx",
    "next to windows pls",
    "I want it beside windows, same disk",
    "put it alongside the windows install and keep windows",
  ];
  for (const line of win)
    it(`Windows full, Seagate empty: "${line}"`, async () => {
      const { conv, last } = await dialogue(WIN_EMPTY, [line]);
      for (const d of ["/dev/sda", "/dev/nvme0n1"]) {
        expect(planned(last).some(erases(d))).toBe(false);
        expect(conv.pending.some(erases(d))).toBe(false);
      }
      expect(offered(last).some(erases("/dev/nvme0n1"))).toBe(false);
    });

  for (const line of ["install next to ubuntu", "alongside ubuntu please", "put it beside the ubuntu one"])
    it(`Ubuntu full, WD empty: "${line}"`, async () => {
      const { conv, last } = await dialogue(UBUNTU_EMPTY, [line]);
      for (const d of ["/dev/sda", "/dev/nvme0n1"]) {
        expect(planned(last).some(erases(d))).toBe(false);
        expect(conv.pending.some(erases(d))).toBe(false);
      }
    });

  it("the offer is the empty disk, and 'yes' takes it", async () => {
    const { conv, decisions } = await dialogue(WIN_EMPTY, ["install alongside windows", "yes"]);
    expect(offered(decisions[0]!)).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
    expect(conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
  });

  it("'dual boot with windows' is met by the empty disk (two systems, wherever each one is)", async () => {
    const { last } = await dialogue(WIN_EMPTY, ["dual boot with windows"]);
    expect(planned(last)).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
  });
});

describe("one partition described by what it holds is never its whole disk", () => {
  const lines = [
    "format the bitlocker partition and use that",
    "wipe the encrypted partition and put linux there",
    "erase the ntfs partition, install there",
    "reuse the biggest partition for levitate",
    "Could you please format the BitLocker partition and install onto it?",
    "my IT guy says delete the bitlocker partition and use the space",
    "nuke the encrypted partition",
    "install over the largest partition",
  ];
  for (const line of lines)
    it(`"${line}"`, async () => {
      const { conv, last } = await dialogue(BITLOCKER, [line]);
      expect(planned(last).some(erases("/dev/nvme0n1"))).toBe(false);
      expect(offered(last).some(erases("/dev/nvme0n1"))).toBe(false);
      expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
    });

  it("a new partition of the layout is no existing one: 'install with a separate xfs partition'", async () => {
    const { last } = await dialogue(BITLOCKER, ["install in the free space with btrfs"]);
    expect(planned(last)).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } },
    ]);
  });
});
