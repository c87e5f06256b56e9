import { describe, expect, it } from "vitest";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 12 D4: a partition named by its role ("the recovery partition", "the efi partition",
 * "the empty partition") planned the erase of the whole disk, Windows included. A role names one
 * partition: the answer is the one-partition refusal (with the free-space offer), never an erase.
 * winlap: Windows on the only disk (ESP, MSR, OS, WinRE), 200 GiB free. desk: Ubuntu on the WD sdb.
 */
const WINLAP = fixtureFacts("findings16-winlap");
const DESK = fixtureFacts("findings16-desk");

const ROLES = [
  "recovery",
  "efi",
  "boot",
  "msr",
  "reserved",
  "empty",
  "small",
  "esp",
  "winre",
  "windows recovery",
  "efi system",
  "tiny",
];
const FRAMES = [
  (r: string) => `wipe the ${r} partition`,
  (r: string) => `format the ${r} partition and install there`,
  (r: string) => `erase my ${r} partition, put linux there`,
  (r: string) => `nuke that ${r} partition and use it`,
  (r: string) => `install over the ${r} partition`,
];

describe("a partition named by its role is one partition (D4)", () => {
  ROLES.forEach((role, k) => {
    for (const frame of [FRAMES[k % FRAMES.length]!, FRAMES[(k + 2) % FRAMES.length]!]) {
      const s = frame(role);
      it(`winlap: "${s}" refuses one partition, erases nothing`, async () => {
        const { conv, decisions, last } = await dialogue(WINLAP, [s]);
        expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
        expect(decisions.flatMap(callsOf).some(erases("/dev/nvme0n1"))).toBe(false);
        expect("reply" in last ? last.reply : "").toMatch(/just one partition/);
      });
    }
  });

  it('a "yes" to the refusal installs into the free space, never the whole disk', async () => {
    const { conv } = await dialogue(WINLAP, ["wipe the recovery partition", "yes"]);
    expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
  });

  it('desk: "wipe the efi partition on the wd" erases no disk', async () => {
    const { conv, last } = await dialogue(DESK, ["wipe the efi partition on the wd"]);
    expect(conv.pending.some(erases("/dev/sdb"))).toBe(false);
    expect("reply" in last ? last.reply : "").toMatch(/just one partition.*\/dev\/sdb/s);
  });

  // the other direction: partitions of the new layout, and a whole disk named outright
  for (const s of [
    "erase the nvme and make a separate boot partition",
    "erase the whole nvme0n1, with a 1g efi partition",
    "wipe nvme0n1 completely and give me a separate efi partition",
  ])
    it(`winlap: "${s}" still plans the whole-disk erase`, async () => {
      const { conv, decisions } = await dialogue(WINLAP, [s, "yes"]);
      const all = [...conv.pending, ...decisions.flatMap(callsOf)];
      expect(all.some(erases("/dev/nvme0n1"))).toBe(true);
    });
});
