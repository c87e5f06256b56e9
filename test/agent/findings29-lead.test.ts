import { describe, expect, it } from "vitest";
import type { Protection } from "../../agent/safety/types.js";
import { loginProblem, loginQuestion, refusedOnRecord } from "../../agent/session/login.js";
import type { PlanCall } from "../../agent/types.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 28, the lead: tester 28 F29 (DANGEROUS). "hmm no steam. ext4 instead" applied ext4 and read
 * "no steam" as a keep of steam ("kept: steam, not removed"), so the confirmed plan installed it. A
 * planned install the words refuse leaves the plan beside whatever else the turn changes; a keep
 * ("keep vlc") or a question about it changes nothing. Also tester 27 R1: a dropped install leaves
 * no "kept: X, not removed" behind.
 */
const TWO = inferLiveMedium(fixtureFacts("findings29-two-blank")); // sda, sdb blank; live stick sdz
const START = "sda, install firefox and vlc and steam";

const installs = (pending: readonly PlanCall[]) =>
  pending.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
const keptRecipes = (kept: readonly Protection[]) =>
  kept.flatMap((p) => (p.kind === "recipe" ? [p.name] : []));

describe("a refused planned install leaves the plan beside another change (tester 28 F29)", () => {
  for (const [turn, gone, check] of [
    ["hmm no steam. ext4 instead", "steam", undefined],
    [
      "no firefox, btrfs",
      "firefox",
      (p: PlanCall[]) => p.some((c) => c.tool === "partitionDisk" && c.args.filesystem === "btrfs"),
    ],
    [
      "2g swap and no vlc",
      "vlc",
      (p: PlanCall[]) => p.some((c) => c.tool === "partitionDisk" && c.args.swapSize === "2G"),
    ],
    ["not vlc, and hostname box", "vlc", (p: PlanCall[]) => p.some((c) => c.tool === "setHostname")],
    ["ok go, without vlc", "vlc", undefined],
    ["no vlc, what is btrfs?", "vlc", undefined],
    ["skip steam please, and use encryption", "steam", undefined],
  ] as const)
    it(`"${turn}": ${gone} is no longer installed, and not "kept"`, async () => {
      const { conv, said } = await dialogue(TWO, [START, turn]);
      expect(installs(conv.pending)).not.toContain(gone);
      expect(keptRecipes(conv.protections)).not.toContain(gone);
      expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(true);
      if (check) expect(check(conv.pending)).toBe(true);
      expect(said.at(-1)).not.toMatch(new RegExp(`kept: ${gone}`, "i"));
    });

  it("the other planned installs stay", async () => {
    const { conv } = await dialogue(TWO, [START, "hmm no steam. ext4 instead"]);
    expect(installs(conv.pending).sort()).toEqual(["firefox", "vlc"]);
  });

  it("the confirmed plan does not hold the refused program", async () => {
    const { decisions, conv } = await dialogue(TWO, [START, "2g swap and no vlc", "yes"]);
    expect(decisions.at(-1)).toEqual({ confirm: true });
    expect(conv.pending).toEqual([]);
    // what was confirmed is the plan after the edit: recorded in the turn before the yes
    const { conv: before } = await dialogue(TWO, [START, "2g swap and no vlc"]);
    expect(installs(before.pending)).toEqual(["firefox", "steam"]);
  });

  it("/undo brings the refused install back", async () => {
    const { conv } = await dialogue(TWO, [START, "no firefox, btrfs"]);
    expect(conv.undo()).toBe(true);
    expect(installs(conv.pending)).toContain("firefox");
  });
});

describe("near misses: a keep or a question refuses nothing", () => {
  for (const turn of ["keep vlc", "no wait, keep vlc", "is vlc any good?", "vlc is fine"])
    it(`"${turn}" leaves vlc planned`, async () => {
      const { conv } = await dialogue(TWO, [START, turn]);
      expect(installs(conv.pending)).toContain("vlc");
    });

  it("a program the user asks for again after refusing it stays", async () => {
    const { conv } = await dialogue(TWO, [START, "no vlc... actually add vlc, and btrfs"]);
    expect(installs(conv.pending)).toContain("vlc");
  });
});

describe("a dropped install is no keep (tester 27 R1)", () => {
  for (const turn of ["actually not fd", "no fd", "forget fd"])
    it(`"${turn}" after "install fd": fd leaves the plan and nothing says "kept: fd"`, async () => {
      const { conv, said } = await dialogue(TWO, ["sda, install fd and bat", turn]);
      expect(installs(conv.pending)).toEqual(["bat"]);
      expect(keptRecipes(conv.protections)).not.toContain("fd");
      expect(said.at(-1)).not.toMatch(/kept: fd/i);
    });
});

/**
 * Tester 28 F8 (DANGEROUS): "no sudo for my kid!!" was kept as a refusal of "my"; the kid named
 * later ("kid name is mia") was then offered sudo by the login question, and a hurried yes gave it.
 * A sudo refusal of someone the plan does not name leaves who was refused unknown: nobody is offered
 * a yes/no grant, the question asks who.
 */
describe("a sudo refusal of someone unnamed offers no yes/no grant (tester 28 F8)", () => {
  const FEDORA = inferLiveMedium(fixtureFacts("findings29-bios-fedora"));
  for (const lines of [
    ["old pc, fedora can die", "users: dad (sudo) and kid - no sudo for my kid!!", "kid name is mia btw"],
    ["use the wd", "no sudo for my daughter", "her name is mia, create her"],
    ["use the wd", "the kids get no admin", "create user mia"],
  ])
    it(lines.join(" / "), async () => {
      const { conv } = await dialogue(FEDORA, lines);
      const users = conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args] : []));
      expect(users.some((u) => u.sudo === true)).toBe(false);
      const problem = loginProblem("live", conv.pending);
      if (!problem || !users.length) return;
      const refused = refusedOnRecord(conv.turns, conv.pending, conv.protections);
      const ask = loginQuestion(problem, conv.pending, refused);
      expect(ask.offer).toBeUndefined();
      expect(ask.text).toContain("Who should have sudo?");
    });

  it("a refusal of the planned user by name still leaves the other one offered", async () => {
    const { conv } = await dialogue(FEDORA, ["use the wd", "create users ana and bo, no sudo for bo"]);
    const refused = refusedOnRecord(conv.turns, conv.pending, conv.protections);
    expect(refused).toContain("bo");
    const ask = loginQuestion(loginProblem("live", conv.pending)!, conv.pending, refused);
    expect(ask.offer?.args).toMatchObject({ username: "ana", sudo: true });
  });
});

/**
 * Tester 28 F43: a live medium on a USB SSD (removable=0) holding the ISO's file system was not
 * known as the live medium, and "install on the samsung usb ssd" got "unmount it first".
 */
describe("a mounted USB disk with the ISO's file system is the live medium (tester 28 F43)", () => {
  const T7 = inferLiveMedium(fixtureFacts("findings29-live-t7"));
  it("is marked, and only it", () => {
    expect(T7.disks.filter((d) => d.liveMedium).map((d) => d.path)).toEqual(["/dev/sdc"]);
  });
  it("is never a target, and the answer names it as the medium, not 'unmount it'", async () => {
    const { conv, said } = await dialogue(T7, ["install on the samsung usb ssd", "yes"]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sdc")).toBe(false);
    expect(said[0]).toMatch(/runs from/);
    expect(said[0]).not.toMatch(/umount/);
  });
  it("an unmounted USB disk with an ISO on it stays a target (a stick the person wants to reuse)", () => {
    const f = fixtureFacts("findings29-live-t7");
    const cold = inferLiveMedium({
      ...f,
      disks: f.disks.map((d) => (d.path === "/dev/sdc" ? { ...d, mounted: false } : d)),
    });
    expect(cold.disks.some((d) => d.liveMedium)).toBe(false);
  });
});
