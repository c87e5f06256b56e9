import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * DANGEROUS 5 of the sixth user findings: a disk that holds data, picked by its device name ("use
 * sda", "install on sda", "use the nvme"), was erased at once, while the same disk picked by its
 * model name ("use the samsung") was asked about ("holds /dev/sda1 (ext4 "backup") … erase
 * anyway?"). A device name names the disk; only erase, wipe, format or whole-disk words choose to
 * lose what is on it. Machine: findings6-a (tester 6 facts a: sda holds "backup", nvme0n1 "games").
 */
const A = fixtureFacts("findings6-a");
const erased = (plan: readonly { tool: string; args?: unknown }[]) =>
  plan.flatMap((c) => (c.tool === "partitionDisk" ? [(c.args as { disk: string }).disk] : []));

describe("a disk named by its device is asked about like any other (DANGEROUS 5)", () => {
  for (const [s, disk, label] of [
    // the tester's
    ["use sda", "/dev/sda", "backup"],
    ["install on sda", "/dev/sda", "backup"],
    ["use sda then", "/dev/sda", "backup"],
    ["use the nvme", "/dev/nvme0n1", "games"],
    // our own
    ["use /dev/sda", "/dev/sda", "backup"],
    ["put it on sda please", "/dev/sda", "backup"],
    ["install to /dev/nvme0n1", "/dev/nvme0n1", "games"],
    ["go with nvme0n1", "/dev/nvme0n1", "games"],
    ["sda with btrfs", "/dev/sda", "backup"],
    ["install levitate on sda with xfs", "/dev/sda", "backup"],
    ["lets do nvme0n1", "/dev/nvme0n1", "games"],
    ["target sda", "/dev/sda", "backup"],
  ] as const)
    it(`"${s}" erases nothing and names what ${disk} holds`, async () => {
      const { conv, last } = await dialogue(A, [s]);
      expect(erased(conv.pending)).toEqual([]);
      expect("reply" in last && last.reply).toMatch(new RegExp(`"${label}"`));
    });

  it("after a protection the parser missed, 'use sda' still asks", async () => {
    const { conv } = await dialogue(A, ["sda has my whole life on it", "use sda"]);
    expect(erased(conv.pending)).toEqual([]);
  });

  it("a keep in the same turn of what is on that disk still asks", async () => {
    const { conv } = await dialogue(A, ["install on sda and keep the backup"]);
    expect(erased(conv.pending)).toEqual([]);
  });

  it("a keep in the same turn of the other disk makes the device name the pick", async () => {
    const { conv } = await dialogue(A, ["install on sda, the wd stays"]);
    expect(erased(conv.pending)).toEqual(["/dev/sda"]);
  });

  it("a yes to the question takes the erase", async () => {
    const { conv } = await dialogue(A, ["use sda", "yes"]);
    expect(erased(conv.pending)).toEqual(["/dev/sda"]);
  });

  for (const s of [
    "erase sda",
    "wipe sda and install there",
    "format nvme0n1",
    "use the whole sda",
    "use sda, i don't need what's on it",
  ])
    it(`"${s}" chooses the erase and is planned at once`, async () => {
      const { conv } = await dialogue(A, [s]);
      expect(erased(conv.pending)).toHaveLength(1);
    });
});
