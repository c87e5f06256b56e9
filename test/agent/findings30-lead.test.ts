import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 28, the lead: the two destructive turns of the retired heldout28 (dev29) that are no disk
 * keep. h28-064: "I don't want htop on here anymore, btop does the job" removed btop too (a clause
 * whose program is the subject of its own verb is no item of the removal's list). h28-163: "any
 * other business: none. Motion to approve the plan" moved the planned install to the other disk
 * ("other" before a noun that describes no disk points at no disk), and "other than that, looks
 * good" dropped the planned install ("other than that" opening a clause means "besides that").
 */
const INSTALLED = inferLiveMedium(fixtureFacts("findings30-installed-two")); // htop, btop, curl, rsync installed
const THREE = inferLiveMedium(fixtureFacts("findings30-three-blank")); // sda Samsung, sdb Crucial, live stick sdc

const FIVE = inferLiveMedium(fixtureFacts("findings30-installed-five")); // git, vim, htop, tmux, ripgrep installed
const TWINS = inferLiveMedium(fixtureFacts("findings30-two-samsungs")); // nvme0n1 Samsung blank, sda Samsung games, sdb Crucial blank
const WIN_TWINS = inferLiveMedium(fixtureFacts("findings30-win-samsungs")); // nvme0n1 Samsung 980 Windows, sda Samsung 870 photos (tester 29)
const UBUNTU = inferLiveMedium(fixtureFacts("findings30-ubuntu-only")); // sda: ESP + Ubuntu, no free space

const removals = (calls: readonly PlanCall[]) =>
  calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
const disksOf = (calls: readonly PlanCall[]) =>
  calls.flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : []));

describe("a program that is the subject of its own verb is no item of a removal (h28-064)", () => {
  for (const [turn, gone, stays] of [
    ["I don't want htop on here anymore, btop does the job", "htop", "btop"],
    ["get rid of htop, btop works fine for me", "htop", "btop"],
    ["uninstall htop because btop has everything", "htop", "btop"],
    ["remove htop; curl is fine though", "htop", "curl"],
    ["drop rsync, curl will do", "rsync", "curl"],
  ] as const)
    it(`"${turn}" removes ${gone}, never ${stays}`, async () => {
      const { conv } = await dialogue(INSTALLED, [turn]);
      expect(removals(conv.pending)).toContain(gone);
      expect(removals(conv.pending)).not.toContain(stays);
    });

  for (const [turn, both] of [
    ["remove htop, btop too", ["htop", "btop"]],
    ["remove htop, btop as well please", ["htop", "btop"]],
    ["uninstall htop, btop, curl", ["htop", "btop", "curl"]],
    ["remove htop and btop", ["htop", "btop"]],
  ] as const)
    it(`a list item with its filler still goes: "${turn}"`, async () => {
      const { conv } = await dialogue(INSTALLED, [turn]);
      expect(removals(conv.pending).sort()).toEqual([...both].sort());
    });
});

describe("a program said of in a clause of its own is never removed by the turn's shape (h14m-014)", () => {
  for (const turn of [
    "clear out all the programs, git is non-negotiable though",
    "clear out all the programs, git is essential",
    "throw the programs out, git has to stay",
    "clear out the junk, tmux does too much for me",
  ])
    it(`"${turn}"`, async () => {
      const { conv, last } = await dialogue(FIVE, [turn]);
      const named = turn.match(/\b(git|tmux)\b/)![1]!;
      expect(removals(conv.pending)).not.toContain(named);
      if ("offer" in last && last.offer) expect(removals(last.offer.calls)).not.toContain(named);
    });
});

describe('"other" before a noun of its own points at no disk (h28-163)', () => {
  const START = "the install goes on the Crucial.";
  for (const turn of [
    "Item 4: any other business: none. Motion to approve the plan: carried unanimously.",
    "any other business",
    "other stuff later",
    "other than that, looks good",
    "other than that im good, go",
  ])
    it(`"${turn}" leaves the install on the Crucial`, async () => {
      const { conv, last } = await dialogue(THREE, [START, turn]);
      expect(disksOf(conv.pending)).toEqual(["/dev/sdb"]);
      if ("calls" in last) expect(disksOf(last.calls)).toEqual([]);
      expect("drop" in last).toBe(false);
    });

  for (const turn of [
    "the other",
    "use the other one pls",
    "no, the other big one",
    "put it on the other, please",
    "the other disk",
    "install on anything other than that one",
  ])
    it(`"${turn}" still points at the other disk (the Samsung), never the live stick`, async () => {
      const { conv } = await dialogue(THREE, [START, turn]);
      expect(disksOf(conv.pending)).not.toContain("/dev/sdc");
      expect(disksOf(conv.pending)).toContain("/dev/sda");
    });
});

describe("what a person calls theirs is kept, whatever the noun (h28k-047)", () => {
  for (const turn of [
    "reinstall over ubuntu but keep my /home",
    "wipe ubuntu but keep /home",
    "reinstall over ubuntu but keep my home folder",
    "erase it all but keep my vms",
    "put levitate over ubuntu, just keep my old savefiles",
  ])
    it(`"${turn}" erases nothing and says why`, async () => {
      const { conv, last, said } = await dialogue(UBUNTU, [turn]);
      expect(disksOf(conv.pending)).toEqual([]);
      expect("reply" in last).toBe(true);
      expect(said.at(-1)).toMatch(/won't erase|keep|kept/i);
    });

  it('"keep /home separate" is a layout, not a keep', async () => {
    const { conv } = await dialogue(UBUNTU, ["erase sda, keep /home separate"]);
    const p = conv.pending.find((c) => c.tool === "partitionDisk");
    expect(p?.args).toMatchObject({ disk: "/dev/sda", separateHome: true });
  });

  it("a plain erase still plans (the keep reading needs a keep)", async () => {
    const { conv } = await dialogue(UBUNTU, ["erase sda, ubuntu can go"]);
    expect(disksOf(conv.pending)).toEqual(["/dev/sda"]);
  });
});

describe('"keep the samsung" with two Samsungs, then "the other" (h27k-055)', () => {
  it("asks which one is kept, keeping both meanwhile, and plans nothing", async () => {
    const { conv, last } = await dialogue(TWINS, ["keep the samsung and install on the other"]);
    expect(conv.pending).toEqual([]);
    expect("reply" in last && last.reply).toMatch(/\/dev\/nvme0n1.*\/dev\/sda.*Which one do you keep/);
    expect(
      conv.protections
        .filter((p) => p.kind === "disk")
        .map((p) => p.kind === "disk" && p.disk)
        .sort(),
    ).toEqual(["/dev/nvme0n1", "/dev/sda"]);
  });

  it("the answer that keeps one of them frees the other, which the person then uses", async () => {
    const { conv, decisions } = await dialogue(TWINS, [
      "keep the samsung and install on the other",
      "the one with games on it stays. the nvme samsung is fine to use",
      "great thanks, go",
    ]);
    expect(decisions[1]).toMatchObject({
      calls: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }],
    });
    expect(decisions[2]).toEqual({ confirm: true });
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
  });

  it("without my question, a later keep of one twin frees nothing", async () => {
    const { conv } = await dialogue(TWINS, ["keep the samsung", "the 870 stays", "use the nvme"]);
    expect(disksOf(conv.pending)).not.toContain("/dev/nvme0n1");
  });

  for (const turn of [
    "keep both samsungs and install on the other",
    "keep the samsungs, install on the other one",
  ])
    it(`a plural keep means both: "${turn}" installs on the Crucial`, async () => {
      const { conv } = await dialogue(TWINS, [turn]);
      expect(disksOf(conv.pending)).toEqual(["/dev/sdb"]);
    });
});

describe("a request on one of two disks a keep phrase fits asks which is kept (tester 29 F1, F2)", () => {
  it('"wipe the nvme ... keep the samsung": asked, nothing planned; "samsung = the 870" narrows it', async () => {
    const { conv, decisions } = await dialogue(WIN_TWINS, [
      "hi, wipe the nvme, windows is useless anyway. keep the samsung",
      "the nvme obviously, samsung = the 870",
    ]);
    expect("reply" in decisions[0]! && decisions[0].reply).toMatch(/Which one do you keep/);
    const kept = conv.protections.flatMap((p) => (p.kind === "disk" ? [p.disk] : []));
    expect(kept).toEqual(["/dev/sda"]);
    // Windows is still asked about: the opinion is no consent
    expect(disksOf(conv.pending)).toEqual([]);
    expect("reply" in decisions[1]! && decisions[1].reply).toMatch(/Windows/);
  });

  it("a definition that names no twin narrows nothing", async () => {
    const { conv } = await dialogue(WIN_TWINS, [
      "wipe the nvme. keep the samsung",
      "samsung = the one i bought last year",
    ]);
    expect(conv.protections.filter((p) => p.kind === "disk").length).toBe(2);
  });
});
