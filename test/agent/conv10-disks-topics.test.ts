import { describe, expect, it } from "vitest";
import { withoutPastedListing } from "../../agent/safety/pastedListing.js";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, convB: a disk said first as the topic and what to do with it after ("sda: dont touch",
 * "the samsung? hands off"), and a pasted disk listing (lsblk, fdisk -l), which names every disk
 * and chooses none (dev10 h9-120 erased the first disk of a paste). Sentences of our own.
 */

const f = fixtureFacts("findings6-a"); // sda: Samsung "backup", nvme0n1: WD "games", sdb: live USB

const callsOf = (d: Decision): PlanCall[] => [
  ...(("calls" in d ? d.calls : []) as PlanCall[]),
  ...(("reply" in d && d.offer ? d.offer.calls : []) as PlanCall[]),
];
const erased = (d: Decision) =>
  callsOf(d)
    .filter((c) => c.tool === "partitionDisk" && c.args.use !== "free")
    .map((c) => (c.tool === "partitionDisk" ? c.args.disk : ""));

describe("a disk said as the topic, then kept", () => {
  it.each([
    ["sda: dont touch. use the big one", "/dev/sda"],
    ["the samsung? hands off obviously", "/dev/sda"],
    ["the wd: never format. install on sda", "/dev/nvme0n1"],
    ["samsung: off limits. use the wd", "/dev/sda"],
    ["sda -- never wipe", "/dev/sda"],
    ["sda: backups, dont touch. use the wd", "/dev/sda"],
  ])("%s keeps %s", async (words, disk) => {
    const { conv, last } = await dialogue(f, [words]);
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === disk)).toBe(true);
    expect(erased(last)).not.toContain(disk);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.disk === disk)).toEqual([]);
  });

  it("a cue with an object of its own keeps that object, not the topic before it", async () => {
    const { conv } = await dialogue(f, ["sda, btrfs, leave the wd alone"]);
    expect(conv.protections.map((p) => ("disk" in p ? p.disk : ""))).toEqual(["/dev/nvme0n1"]);
    const other = await dialogue(f, ["the samsung, and not the wd"]);
    expect(other.conv.protections.some((p) => "disk" in p && p.disk === "/dev/sda")).toBe(false);
  });
});

const LSBLK = "NAME SIZE TYPE\nsda 465.8G disk\nnvme0n1 931.5G disk\nsdb 28.9G disk /run/live\n";
const TREE =
  "NAME   SIZE TYPE MOUNTPOINT\nsda    465.8G disk\n└─sda1 465.8G part\nnvme0n1 931.5G disk\n└─nvme0n1p1 931.5G part\nsdb 28.9G disk /run/live\n";
const FDISK =
  "Disk /dev/sda: 465.76 GiB, 500107862016 bytes, 976773168 sectors\nDisk /dev/nvme0n1: 931.51 GiB, 1000204886016 bytes, 1953525168 sectors\n";

describe("a pasted disk listing chooses no disk", () => {
  it.each([
    [`${LSBLK}\nthe 1T one`, "/dev/nvme0n1"],
    [`${LSBLK}\nthe bigger one pls`, "/dev/nvme0n1"],
    [`${TREE}\nput it on the 465G one`, "/dev/sda"],
    [`${FDISK}\nthe wd please`, "/dev/nvme0n1"],
    [`${FDISK}\ninstall on the second one`, "/dev/nvme0n1"],
    [`${TREE}\nuse the samsung`, "/dev/sda"],
  ])("%s", async (words, disk) => {
    const { last } = await dialogue(f, [words]);
    // the disk the words after the paste name, and no other (asked first: each holds data)
    expect(erased(last)).toEqual([disk]);
  });

  it("a paste alone plans nothing", async () => {
    for (const words of [LSBLK, TREE, FDISK]) {
      const { last, conv } = await dialogue(f, [words]);
      expect(callsOf(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
    }
  });

  it("a note written on a row is read, said of that row's device", async () => {
    const words =
      "NAME SIZE TYPE\nsda 465.8G disk  <- backups, dont touch\nnvme0n1 931.5G disk\n\nuse the big one";
    expect(withoutPastedListing(words)).toBe("sda: backups, dont touch.\n\nuse the big one");
    const { last, conv } = await dialogue(f, [words]);
    expect(conv.protections.some((p) => "disk" in p && p.disk === "/dev/sda")).toBe(true);
    expect(erased(last)).not.toContain("/dev/sda");
  });

  it("words without a listing come back unchanged", () => {
    for (const w of ["use sda\nand add fd", "sda 500gb disk please", "install on sda", "sda\nnvme0n1"])
      expect(withoutPastedListing(w)).toBe(w);
  });
});
