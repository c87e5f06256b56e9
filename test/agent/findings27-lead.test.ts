import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 26, the lead: tester 26's DANGEROUS class D1. A keep of disks in the plural ("keep both
 * hdds", "the 2 hard drives stay", "dont touch my two data disks", "only touch the nvme") was
 * recorded for one disk or none, and a later "sda" or "the other one" planned the erase of a disk
 * the person had just protected.
 */
// nvme0n1 Samsung 990 PRO 2TB (blank), sda and sdb WDC 20 TB (blank, identical), sdc the live stick
const HUGE = inferLiveMedium(fixtureFacts("findings27-lead-nvme-two-20tb"));

const kept = (c: { protections: { kind: string; disk?: string }[] }) =>
  c.protections.flatMap((p) => (p.kind === "disk" || p.kind === "partitions" ? [p.disk] : [])).sort();
const erases = (c: { pending: { tool: string; args: Record<string, unknown> }[] }, disk: string) =>
  c.pending.some((x) => x.tool === "partitionDisk" && x.args.disk === disk);

describe("D1: a plural keep covers every disk it counts", () => {
  const both = ["/dev/sda", "/dev/sdb"];
  for (const keep of [
    "keep both hdds, install on the nvme",
    "the 2 hard drives stay, nvme gets linux",
    "dont touch my two data disks. install on nvme",
    "keep the hard drives, use the nvme",
    "the hdds stay. nvme please",
    "system on the nvme, the two 20tb disks for /data, leave them alone otherwise",
    "only touch the nvme",
    "wipe only the nvme",
    "2tb samsung, xfs, keep the two big ones. hostname nas",
    "keep the disks, use nvme",
  ])
    it(`"${keep}": sda and sdb kept, the nvme free; "sda" / "use sdb" / "yes" never erase them`, async () => {
      const { conv } = await dialogue(HUGE, [keep]);
      expect(kept(conv)).toEqual(both);
      const later = await dialogue(HUGE, [keep, "no wait, the other one", "sda", "use sdb instead", "yes"]);
      expect(erases(later.conv, "/dev/sda")).toBe(false);
      expect(erases(later.conv, "/dev/sdb")).toBe(false);
    });

  it('"system on the nvme, the two 20tb disks for /data, leave them alone" offers the nvme (a yes takes it), not a question of one disk', async () => {
    const { last, conv } = await dialogue(HUGE, [
      "system on the nvme, the two 20tb disks for /data, leave them alone otherwise",
    ]);
    expect("reply" in last && last.offer?.calls.map((c) => (c.args as { disk?: string }).disk)).toEqual([
      "/dev/nvme0n1",
    ]);
    expect("reply" in last && last.reply).not.toMatch(/You named more than one/);
    const yes = await dialogue(HUGE, [
      "system on the nvme, the two 20tb disks for /data, leave them alone otherwise",
      "yes",
    ]);
    expect(erases(yes.conv, "/dev/nvme0n1")).toBe(true);
    expect(kept(conv)).toEqual(both);
  });

  it("a count the words cannot place keeps every disk but the one named for the install", async () => {
    const { conv } = await dialogue(HUGE, ["dont touch my two data disks"]);
    // nothing tells which two: all three are kept (a question later, never an erase)
    expect(kept(conv)).toEqual(["/dev/nvme0n1", "/dev/sda", "/dev/sdb"]);
  });

  it('"dont harm the samsung" still keeps the samsung ("hard" is no longer read as "harm", the cue stays)', async () => {
    const { conv } = await dialogue(HUGE, ["dont harm the samsung"]);
    expect(kept(conv)).toEqual(["/dev/nvme0n1"]);
  });

  it("near misses: a plural keep its description meets takes nothing more", async () => {
    for (const keep of [
      "keep the two big ones",
      "leave the two wd disks alone",
      "don't touch the 20tb drives",
    ]) {
      const { conv } = await dialogue(HUGE, [keep]);
      expect(kept(conv), keep).toEqual(both);
    }
    // "just use the nvme" is "simply", not "only": nothing is kept
    const just = await dialogue(HUGE, ["just use the nvme"]);
    expect(kept(just.conv)).toEqual([]);
    expect(erases(just.conv, "/dev/nvme0n1")).toBe(true);
    // a single hard drive named: that one only
    const one = await dialogue(HUGE, ["keep sda, install on the nvme"]);
    expect(kept(one.conv)).toEqual(["/dev/sda"]);
  });
});
