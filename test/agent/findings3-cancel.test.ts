import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class B of the third user findings (/work/lead/user-findings3.md DANGEROUS 1): taking back a
 * planned disk step drops it, and "cancel that" drops the last change only. Machines: findings3-a
 * (Samsung sda with data, empty WD nvme0n1), findings3-b (Windows + free space), findings3-c
 * (Windows filling the disk).
 */
const TWO_DISKS = fixtureFacts("findings3-a");
const WIN_FREE = fixtureFacts("findings3-b");
const WIN_FULL = fixtureFacts("findings3-c");

const erases = (plan: PlanCall[]) => plan.flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : []));
const users = (plan: PlanCall[]) => plan.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));

describe("taking back a planned erase drops it", () => {
  for (const [first, line] of [
    // the tester's
    [
      "wipe nvme0n1, windows can go, user kim with sudo",
      "hmm no, ill free up space in windows first. cancel the erase",
    ],
    ["wipe nvme0n1, windows can go, user kim with sudo", "cancel the erase"],
    // the same class
    ["wipe nvme0n1, windows can go, user kim with sudo", "cancle the wipe pls"],
    ["wipe nvme0n1, windows can go, user kim with sudo", "never mind the erase"],
    ["wipe nvme0n1, windows can go, user kim with sudo", "scrap the format, windows stays"],
    ["wipe nvme0n1, windows can go, user kim with sudo", "please cancel the install on nvme0n1"],
    ["wipe nvme0n1, windows can go, user kim with sudo", "forget the erase, i need windows"],
  ] as const) {
    it(`"${line}" drops the erase of the Windows disk, keeps kim`, async () => {
      const { conv, last } = await dialogue(WIN_FULL, [first, line]);
      expect(erases(conv.pending)).toEqual([]);
      expect(users(conv.pending)).toEqual(["kim"]);
      expect(last).toHaveProperty("drop");
    });
  }
  for (const line of [
    // the tester's
    "cancel the wipe of the wd, i forgot my games are on it",
    "never mind the wd",
    "cancel the nvme",
    // the same class
    "nvm the wd",
    "cancel the WD please, my games",
    "abort the wipe of nvme0n1",
    "never mind the nvme, it has stuff on it",
  ]) {
    it(`after "put it on the wd, user al sudo", "${line}" drops the erase`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["put it on the wd, user al with sudo", line]);
      expect(erases(conv.pending)).toEqual([]);
      expect(users(conv.pending)).toEqual(["al"]);
    });
  }
  for (const line of ["cancel the samsung", "never mind the samsung", "cancel sda"]) {
    it(`"${line}" with the wd planned never moves the install onto the samsung`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, ["put it on the wd", line]);
      expect(erases(conv.pending)).toEqual(["/dev/nvme0n1"]);
      expect("reply" in last && last.reply).toMatch(/Nothing in the plan touches \/dev\/sda/);
    });
  }
});

describe('"cancel that" drops the last change only', () => {
  it("the tester's: after the erase of the samsung, 'no no cancel that, samsung has my photos'", async () => {
    const { conv } = await dialogue(TWO_DISKS, [
      "user al with sudo",
      "erase the samsung, i dont need it",
      "wait is that the samsung? no no cancel that, samsung has my photos",
    ]);
    expect(erases(conv.pending)).toEqual([]);
    expect(users(conv.pending)).toEqual(["al"]);
  });
  it("the tester's: 'oh wait my thesis is on windows. cancel that' drops the erase", async () => {
    const { conv } = await dialogue(WIN_FREE, [
      "erase the whole nvme, windows can go",
      "oh wait my thesis is on windows. cancel that",
    ]);
    expect(erases(conv.pending)).toEqual([]);
  });
  for (const line of [
    "cancel that",
    "undo that",
    "scratch that pls",
    "hmm cancel that",
    "never mind that",
    "cancel it",
  ]) {
    it(`"${line}" after adding bob drops bob, keeps the rest`, async () => {
      const { conv } = await dialogue(WIN_FREE, [
        "next to windows, user ana with sudo",
        "add user bob",
        line,
      ]);
      expect(users(conv.pending)).toEqual(["ana"]);
      expect(erases(conv.pending)).toEqual(["/dev/nvme0n1"]);
    });
  }
  it('"install fd, cancel that" takes back its own words only', async () => {
    const { conv } = await dialogue(TWO_DISKS, ["nvme, user al with sudo", "install fd, cancel that"]);
    expect(erases(conv.pending)).toEqual(["/dev/nvme0n1"]);
    expect(users(conv.pending)).toEqual(["al"]);
    expect(conv.pending.some((c) => c.tool === "installRecipe")).toBe(false);
  });
});
