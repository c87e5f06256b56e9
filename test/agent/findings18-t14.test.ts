import { describe, expect, it } from "vitest";
import type { Conversation } from "../../agent/conversation.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 14's DANGEROUS D2 and D3 (docs/findings/2026-12-06-hurried-user-14.md). Machine: Samsung
 * 870 EVO sda with ext4 "old-linux", WDC 4 TB sdb with ext4 "photos", empty WD_BLACK nvme0n1,
 * SanDisk live USB sdc.
 * D2: "hold" (bare, before a disk) is a keep verb; "hold on/up/off" is a pause and keeps nothing;
 * two disks named apart are never "No disk here matches" one of them.
 * D3: "the other one" after a question that listed two disks besides the one in question asks
 * which, never picks.
 */
const F = fixtureFacts("findings18-t14-photos");
const NVME = "/dev/nvme0n1";
const SDA = "/dev/sda";

const offersOrPlans = (d: Decision, disk: string) => callsOf(d).some(erases(disk));
const pendingErases = (conv: Conversation, disk: string) => conv.view("").pending.some(erases(disk));
const replyOf = (d: Decision) => ("reply" in d ? d.reply : "");

describe("D2: 'hold' keeps the disk it names", () => {
  it("the tester's turns: the nvme is never offered, and 'yes' erases nothing", async () => {
    const { conv, decisions } = await dialogue(F, [
      "request install on samsung, hold the nvme and the photos disk, over",
      "keep the samsung and the photos disk",
      "yes",
    ]);
    for (const d of decisions) expect(offersOrPlans(d, NVME)).toBe(false);
    expect(pendingErases(conv, NVME)).toBe(false);
    expect(replyOf(decisions[0]!)).not.toMatch(/No disk here matches/);
  });

  it("pilot wording: affirm, then keeping the other two never offers the held nvme", async () => {
    const { conv, decisions } = await dialogue(F, [
      "request install on samsung, hold the nvme and the photos disk, over",
      "affirm",
      "roger, and still keep the samsung, correction, keep the photos disk",
      "yes",
    ]);
    for (const d of decisions) expect(offersOrPlans(d, NVME)).toBe(false);
    expect(pendingErases(conv, NVME)).toBe(false);
  });

  for (const verb of [
    "hold",
    "hold on to",
    "hang on to",
    "hold onto",
    "retain",
    "preserve",
    "conserve",
    "reserve",
  ])
    it(`"${verb} the nvme" alone keeps it: no install on it, and "yes" plans none`, async () => {
      const { conv, decisions } = await dialogue(F, [`${verb} the nvme`, "yes"]);
      for (const d of decisions) expect(offersOrPlans(d, NVME)).toBe(false);
      expect(pendingErases(conv, NVME)).toBe(false);
    });

  it("'put it on the samsung, hold the nvme' then 'keep the photos disk too' never lists the nvme", async () => {
    const { decisions } = await dialogue(F, [
      "put it on the samsung, hold the nvme",
      "keep the photos disk too",
    ]);
    for (const d of decisions) {
      expect(offersOrPlans(d, NVME)).toBe(false);
      expect(replyOf(d)).not.toContain(NVME);
    }
  });

  for (const pause of [
    "hold on, install on the nvme",
    "hold up, install on the nvme",
    "hold on install on the nvme",
  ])
    it(`positive: "${pause}" is a pause, and the nvme is still the install's disk`, async () => {
      const { decisions } = await dialogue(F, [pause]);
      expect(offersOrPlans(decisions[0]!, NVME)).toBe(true);
    });

  it("two disks named apart get a question naming both, not 'No disk here matches'", async () => {
    const { decisions } = await dialogue(F, ["the samsung or the nvme, install on one of them"]);
    const reply = replyOf(decisions[0]!);
    expect(reply).not.toMatch(/No disk here matches/);
    expect(reply).toContain(SDA);
    expect(reply).toContain(NVME);
    expect(callsOf(decisions[0]!)).toEqual([]);
  });

  // round 19 (findings19-timid): the install's clause names only the nvme, the samsung's clause
  // holds it off, so the nvme is the disk (agent/rules/actionClauseDisk.ts); the samsung is untouched
  it("'hold off on the samsung, install on the nvme': the nvme, never the samsung", async () => {
    const { decisions } = await dialogue(F, ["hold off on the samsung, install on the nvme"]);
    expect(offersOrPlans(decisions[0]!, NVME)).toBe(true);
    expect(offersOrPlans(decisions[0]!, SDA)).toBe(false);
  });

  it("positive: a disk that is not here is still 'No disk here matches'", async () => {
    const { decisions } = await dialogue(F, ["install on the crucial"]);
    expect(replyOf(decisions[0]!)).toMatch(/No disk here matches/);
  });
});

describe("D3: 'the other one' among two listed disks asks which", () => {
  it("the tester's turns: asked between sda and the nvme, no offer, and 'yes' erases nothing", async () => {
    const { conv, decisions } = await dialogue(F, [
      "hi. install it but not on the drive with my photos",
      "the other one",
      "yes",
    ]);
    const reply = replyOf(decisions[1]!);
    expect(reply).toContain(SDA);
    expect(reply).toContain(NVME);
    expect(callsOf(decisions[1]!)).toEqual([]);
    expect(pendingErases(conv, SDA)).toBe(false);
    expect(pendingErases(conv, NVME)).toBe(false);
  });

  for (const other of ["the other", "other one pls", "use the other drive", "ok the other one then"])
    it(`"${other}" after the two-disk list offers no erase`, async () => {
      const { decisions } = await dialogue(F, ["hi. install it but not on the drive with my photos", other]);
      expect(offersOrPlans(decisions[1]!, SDA)).toBe(false);
      expect(offersOrPlans(decisions[1]!, NVME)).toBe(false);
    });

  for (const pick of ["the empty one", "the nvme"])
    it(`positive: words that pick ("${pick}") still pick the nvme`, async () => {
      const { decisions } = await dialogue(F, ["hi. install it but not on the drive with my photos", pick]);
      expect(offersOrPlans(decisions[1]!, NVME)).toBe(true);
    });

  it("positive: with one disk in question ('yes' takes the nvme), 'the other one' is the one left", async () => {
    const { decisions } = await dialogue(F, ["install please, hands off the 4TB", "the other one"]);
    expect(offersOrPlans(decisions[1]!, SDA)).toBe(true);
    expect(offersOrPlans(decisions[1]!, NVME)).toBe(false);
  });
});
