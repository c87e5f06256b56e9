import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round seven (issue 14, destructive misreads about disks): each class behind a dev set's erase of
 * a disk the user did not choose, tested on sentences of the same class that are in no data set.
 */

// sda: Samsung SATA SSD, nvme0n1: WD NVMe, sdb: the live USB stick
const SW = fixtureFacts("live-samsung-wd");

function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}
const erased = (d: Decision) =>
  proposed(d)
    .filter((c) => c.tool === "partitionDisk")
    .map((c) => (c.args as { disk: string }).disk);

describe("a keep typed with typos, run together or unpunctuated still keeps the disk", () => {
  for (const line of [
    "leav sda alon, use the nvme",
    "pls leave teh samsung alnoe and put it on the nvme",
    "leeve sda alone nvme encrypted",
    "lave the samsung be. nvme",
    "sda untuched pls. wd one",
    "leav the samsung alon install on nvme0n1",
  ]) {
    it(`"${line}" installs on the nvme, never on sda`, async () => {
      const { conv, last } = await dialogue(SW, [line]);
      expect(erased(last)).not.toContain("/dev/sda");
      expect(erased(last)).toEqual(["/dev/nvme0n1"]);
      expect((conv.protections ?? []).some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
    });
  }
  // Run together with "let … be" the request's own clause is not split off by the parser yet: the
  // keep still holds (sda is refused), and nothing is erased.
  it('"let sda be put it on the wd" keeps sda and erases nothing', async () => {
    const { conv, last } = await dialogue(SW, ["let sda be put it on the wd"]);
    expect(erased(last)).not.toContain("/dev/sda");
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
    expect((conv.protections ?? []).some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
  });
  it('"let the samsung be. nvme" installs on the nvme', async () => {
    const { last } = await dialogue(SW, ["let the samsung be. nvme"]);
    expect(erased(last)).toEqual(["/dev/nvme0n1"]);
  });
  it('"leav sda alon" alone keeps sda and plans nothing (the other disk is at most offered)', async () => {
    const { conv, last } = await dialogue(SW, ["leav sda alon"]);
    expect("calls" in last ? last.calls : []).toEqual([]);
    expect(erased(last)).not.toContain("/dev/sda");
    expect(conv.pending).toEqual([]);
  });
});

// Ordinals count the disks in the order the facts list them: that is the order every disk listing
// the user sees is printed in (describeDisk/listDisks walk facts.disks), so "the second" is the
// second one they were shown. The live medium is never counted.
const THREE = fixtureFacts("live-three-disks");
describe("ordinals and 'disk N' pick by the facts' order; with more than two disks they ask", () => {
  for (const [line, want] of [
    ["the second disk pls", "/dev/nvme0n1"],
    ["install on disk 2", "/dev/nvme0n1"],
    ["use the first drive", "/dev/sda"],
    ["put linux on the second ssd, not the first one", "/dev/nvme0n1"],
    ["drive 1 please", "/dev/sda"],
  ] as const) {
    it(`"${line}" (two disks and the live stick) → ${want}`, async () => {
      const { last } = await dialogue(SW, [line]);
      expect(erased(last)).toEqual([want]);
    });
  }
  it('"the third disk" with two disks and the live stick: the stick is not counted, nothing erased', async () => {
    const { conv, last } = await dialogue(SW, ["the third disk"]);
    expect(erased(last)).toEqual([]);
    expect(conv.pending).toEqual([]);
  });
  for (const line of [
    "id like it on the second disk, not the first one",
    "disk 2 please",
    "the first drive",
    "install to the 2nd disk",
  ]) {
    it(`"${line}" with three disks asks and erases nothing; a "not the first" keeps only the first`, async () => {
      const { conv, last } = await dialogue(THREE, [line]);
      expect("calls" in last ? last.calls : []).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last ? last.reply : "").toMatch(/\/dev\//);
    });
  }
});
