import { describe, expect, it } from "vitest";
import { foldLookAlikes } from "../../agent/rules/lookAlikes.js";
import { joinSplitNegations } from "../../agent/rules/splitNegations.js";
import { callsOf, erases, removes, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 9 H1-H3: a negation cut off its verb by a comma or a spaced dash ("do not, under any
 * circumstances, erase sda", "don't - please - remove git", "never, ever, give him sudo") stood in
 * a clause of its own, and the verb after it was planned; an adverb ("ever") became a user with
 * sudo. H6: one Cyrillic letter in "keep"/"not"/"no" lost the word. Machines: Windows on a Samsung
 * 870 beside an empty Crucial (live); git, ripgrep, fd, bat installed (installed).
 */
const LIVE = fixtureFacts("findings16-a9-live");
const INST = fixtureFacts("findings16-a9-inst");

describe("a negation split from its verb still refuses it", () => {
  for (const t of [
    "do not, whatever you do, wipe sda",
    "don't, seriously, format sda",
    "please do not, erase sda",
    "never, never ever, touch sda",
    "dont -- please -- nuke sda",
    "do not, i mean it, erase the windows disk",
    "format, under no circumstances, sda",
    "put it on sdb. do not, for the love of god, wipe sda",
  ])
    it(`live: "${t}" erases no Windows disk`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
    });
  it("second turn: a split refusal never moves the plan onto the refused disk", async () => {
    const { conv } = await dialogue(LIVE, ["install on sdb", "and don't, please, erase the windows disk"]);
    expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
  });
  for (const t of [
    "don't, i beg you, uninstall git",
    "do not, ever, delete git",
    "never, ever, remove git",
    "remove fd. do not, whatever happens, remove git",
  ])
    it(`installed: "${t}" keeps git`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(callsOf(last).some(removes("git"))).toBe(false);
    });
  for (const t of [
    "create user dora, never, ever, give her sudo",
    "add user dora, do not, i repeat, make her an admin",
    "add user dora, she must never, ever, have sudo",
  ])
    it(`installed: "${t}" gives nobody sudo and makes no user of an adverb`, async () => {
      const { last } = await dialogue(INST, [t]);
      const calls = callsOf(last);
      expect(calls.some((c) => c.tool === "createUser" && c.args.sudo === true)).toBe(false);
      expect(
        calls.some((c) => c.tool === "createUser" && /^(?:ever|repeat|i|never)$/.test(c.args.username)),
      ).toBe(false);
    });
  it("plain requests after a comma still act", async () => {
    expect(callsOf((await dialogue(INST, ["ok, remove fd"])).last).some(removes("fd"))).toBe(true);
    expect(callsOf((await dialogue(LIVE, ["right, erase sdb"])).last).some(erases("/dev/sdb"))).toBe(true);
    expect(callsOf((await dialogue(INST, ["add user dora, with sudo"])).last).some(sudoFor("dora"))).toBe(
      true,
    );
  });
});

describe("the join leaves other commas alone", () => {
  const same = [
    "wipe sda if it's empty. if not, use sdb",
    "the samsung, no, the nvme",
    "keep sda, not sdb",
    "remove fd, git, bat",
    "git, not bat, remove it",
    "why not, use sdb",
  ];
  for (const t of same) it(`"${t}" unchanged`, () => expect(joinSplitNegations(t)).toBe(t));
  it("two negations of one verb stay one", () =>
    expect(joinSplitNegations("do NOT, I repeat, do NOT erase sda")).toBe("do NOT erase sda"));
  it("line breaks and sentence ends kept as typed", () =>
    expect(joinSplitNegations("remove fd\ndont, remove git.  ok")).toBe("remove fd\ndont remove git.  ok"));
});

describe("Cyrillic letters inside a Latin word are the Latin letters (attacker 9 H6)", () => {
  it("folds mixed words only", () => {
    expect(foldLookAlikes("k\u0435ep git")).toBe("keep git");
    expect(foldLookAlikes("n\u043e sudo")).toBe("no sudo");
    expect(foldLookAlikes("\u0455da")).toBe("sda");
    // a word all in Cyrillic is a Russian word, not a disguise
    expect(foldLookAlikes("привет")).toBe("привет");
  });
  for (const [t, bad] of [
    ["remove fd and git, actually k\u0435ep git", removes("git")],
    ["remove fd, n\u043et git", removes("git")],
  ] as const)
    it(`installed: "${t}" keeps git`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(callsOf(last).some(bad)).toBe(false);
      expect(callsOf(last).some(removes("fd"))).toBe(true);
    });
  it('installed: "add user dora, n\u043e sudo" gives no sudo', async () => {
    const { last } = await dialogue(INST, ["add user dora, n\u043e sudo"]);
    expect(callsOf(last).some((c) => c.tool === "createUser" && c.args.sudo === true)).toBe(false);
  });
});
