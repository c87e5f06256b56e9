import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class A of the fourth user findings (DANGEROUS D3): a turn that starts like a yes ("ok",
 * "yeah", "sure", "fine") and goes on with a change or a question is not a confirmation of the
 * plan as it stood. Only a turn that is a confirmation as a whole confirms. Machines: findings4-e
 * (Samsung 980 with ext4 "home-old", empty Crucial P3, Seagate with NTFS "SteamLibrary"),
 * findings4-f (BIOS, Windows 7 and free space on sda), findings4-b (Windows 11 and free space).
 */
const THREE = fixtureFacts("findings4-e");
const WIN7 = fixtureFacts("findings4-f");
const WIN11 = fixtureFacts("findings4-b");

const erases = (plan: PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []));
const confirmed = (ds: readonly object[]) =>
  ds.some((d) => "confirm" in d && (d as { confirm: boolean }).confirm);

describe("a yes that goes on with something else confirms nothing", () => {
  const cases: [typeof THREE, string, string][] = [
    // the tester's
    [
      WIN7,
      "erase everything on sda, win7 is dead anyway. user rob with sudo",
      "ok keep win7 then, put linux in the free bit",
    ],
    [
      WIN11,
      "alongside windows, user zoe with sudo",
      "ok but first tell me what happens to the recovery partition",
    ],
    [THREE, "user max with sudo, install on nvme1n1", "ok use the empty one, keep the samsung too"],
    [THREE, "user max with sudo, erase the samsung 980, i dont need it", "ok use the empty one"],
    [
      THREE,
      "user max with sudo, erase the samsung 980, i dont need it",
      "yeah but the empty disk not that one",
    ],
    // the same class, our own words
    [WIN11, "alongside windows, user zoe with sudo", "okay but what about my recovery partition"],
    [WIN11, "alongside windows, user zoe with sudo", "sure, tell me what it does to windows first"],
    [
      WIN7,
      "erase everything on sda, win7 is dead anyway. user rob with sudo",
      "ok kep win7 then, use the free space",
    ],
    [
      WIN7,
      "erase everything on sda, win7 is dead anyway. user rob with sudo",
      "yea but leave windows 7 alone",
    ],
    [THREE, "user max with sudo, install on nvme1n1", "fine but hold on, which disk has my steam stuff"],
    [THREE, "user max with sudo, install on nvme1n1", "alright, but make root 50g first"],
    [THREE, "user max with sudo, install on nvme1n1", "k so whats on the seagate"],
    [
      THREE,
      "user max with sudo, erase the samsung 980, i dont need it",
      "yep, the crucial tho, not the samsung",
    ],
    [THREE, "user max with sudo, erase the samsung 980, i dont need it", "ok pls use the other one"],
  ];
  for (const [facts, first, line] of cases)
    it(`"${line}" does not run the plan`, async () => {
      const before = await dialogue(facts, [first]);
      const pendingBefore = erases(before.conv.pending);
      const { decisions, conv } = await dialogue(facts, [first, line]);
      expect(confirmed(decisions)).toBe(false);
      // nothing that holds data is newly erased by it either
      const holdsData = (path: string) =>
        (facts.disks.find((d) => d.path === path)?.partitions ?? []).length > 0;
      for (const d of erases(conv.pending)) if (holdsData(d)) expect(pendingBefore).toContain(d);
    });
});

describe("a turn that is a yes as a whole still confirms", () => {
  for (const line of [
    "ok",
    "yes go",
    "yep do it",
    "sounds good, install",
    "fine, keep the seagate, go",
    "ok, go ahead",
  ])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(THREE, ["user max with sudo, install on nvme1n1", line]);
      expect(last).toEqual({ confirm: true });
    });
});

describe("keep win7 after ok: Windows 7 is not erased", () => {
  it("the tester's turn leaves no erase of /dev/sda in the plan", async () => {
    const { conv } = await dialogue(WIN7, [
      "erase everything on sda, win7 is dead anyway. user rob with sudo",
      "ok keep win7 then, put linux in the free bit",
    ]);
    expect(erases(conv.pending)).toEqual([]);
  });
});

describe("a pause keeps the plan (WRONG 28)", () => {
  for (const line of [
    "ok hold on",
    "wait",
    "hang on a sec",
    "hmm wait a minute",
    "hold on pls",
    "one sec",
    "ok wait lemme think",
  ])
    it(`"${line}" neither runs nor drops the plan`, async () => {
      const { conv, decisions } = await dialogue(THREE, ["user max with sudo, install on nvme1n1", line]);
      expect(confirmed(decisions)).toBe(false);
      expect(decisions.some((d) => "confirm" in d)).toBe(false);
      expect(conv.pending.length).toBe(2);
    });
  for (const line of ["wait, no", "hold on, don't do that", "no", "nope, cancel"])
    it(`"${line}" is still a no`, async () => {
      const { last } = await dialogue(THREE, ["user max with sudo, install on nvme1n1", line]);
      expect(last).toEqual({ confirm: false });
    });
});
