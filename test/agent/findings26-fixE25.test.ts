import { describe, expect, it } from "vitest";
import { bareInstall } from "../../agent/bareInstall.js";
import { Conversation } from "../../agent/conversation.js";
import { describeOutcome } from "../../agent/session/describe.js";
import type { PlanCall } from "../../agent/types.js";
import { discardsWholePlan, onlyDiscardsWholePlan } from "../../agent/wholePlanDiscard.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 25 (fixE25): answers to a pending plan, edits, and turns that got lost while a
 * question was open (tester 24 W4, W5, W7, W9, W11, W12, W24, W31, W33).
 * - the lead's ruling: confirm:false is "not now"; the plan stays, nothing runs. Only words that
 *   throw it away ("start over", "scrap all that", "forget everything") drop every step;
 * - a user only planned is renamed in the plan ("no call him robert"), keeping what was asked;
 * - "just install it" / "install pls" in the live installer offers the one disk or asks which;
 * - a change beside an open offer is made and the offer stays open, said again; "remove jq" from
 *   an offered list amends the offer.
 * Safety side: no restart or discard word ever confirms; a discard never erases; a new name never
 * takes a program's name; a bare install never plans an erase without a yes.
 */
const facts = (name: string) => inferLiveMedium(fixtureFacts(`findings25-lead-${name}`));
const BLANK = facts("two-blank"); // blank Crucial sda, blank WD nvme0n1, the live stick sdb
const WIN = facts("laptop-win"); // nvme0n1 with Windows and 150 GB free
const ONE = inferLiveMedium(fixtureFacts("findings26-fixE25-bios-blank")); // BIOS, one blank Kingston sda
const TINY = inferLiveMedium(fixtureFacts("findings26-fixE25-tiny")); // one 7.8 GB eMMC
const INSTALLED = fixtureFacts("findings25-lead-inst");

type Step = { tool: string; args: Record<string, unknown> };
const NVME: PlanCall = {
  tool: "partitionDisk",
  args: { disk: "/dev/nvme0n1", use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
};
const user = (username: string, sudo: boolean): PlanCall => ({
  tool: "createUser",
  args: { username, sudo, shell: "/bin/bash", groups: [] },
});
const tools = (pending: readonly Step[]) =>
  pending.map((c) => `${c.tool}:${String(c.args.disk ?? c.args.username ?? c.args.name ?? "")}`);
const sudoOf = (pending: readonly Step[], name: string) =>
  pending.find((c) => c.tool === "createUser" && c.args.username === name)?.args.sudo;

describe("the ruling: a no keeps the plan and runs nothing", () => {
  for (const line of [
    "not yet",
    "later",
    "wait what",
    "not sure",
    "no",
    // the same shapes in other words
    "nope",
    "nah not now",
    "maybe later",
    "hmm no",
    "no thanks",
    "not today",
  ])
    it(`"${line}" keeps both steps`, async () => {
      const { conv, last } = await dialogue(BLANK, ["use the nvme", "user bob sudo", line]);
      expect(last).not.toEqual({ confirm: true });
      expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1", "createUser:bob"]);
    });

  it("says so in one line, with how to drop it all", () => {
    const conv = new Conversation(BLANK);
    conv.record("use the nvme", { calls: [NVME] });
    const o = conv.record("not yet", { confirm: false });
    expect(describeOutcome(o, conv.pending, BLANK)).toBe(
      'Nothing runs; the plan stays. Change anything, or say "start over" to drop it all.',
    );
    expect(conv.pending).toHaveLength(1);
    // the kept plan is not a change: /undo has nothing of it to take back
    expect(conv.undo()).toBe(true);
    expect(conv.pending).toHaveLength(0);
  });

  it("a yes after the no runs the plan that stayed", async () => {
    const { conv, last } = await dialogue(BLANK, ["use the nvme", "user bob sudo", "not yet", "yes"]);
    expect(last).toEqual({ confirm: true });
    expect(conv.pending).toHaveLength(0);
  });
});

describe("the ruling: words that throw the plan away drop every step", () => {
  for (const line of [
    "start over",
    "lets start over",
    "forget everything",
    "scrap all that",
    "cancel the whole thing",
    "start again",
    "begin again",
    "start from scratch",
    "forget it all, start over",
    // the same shapes in other words
    "throw it all away",
    "clear the plan",
    "back to square one",
    "ok lets start again from scratch",
    "ugh. can we start fresh",
    "call the whole thing off",
    "ditch everything",
    "I want to start over please",
    "restart",
    "reset",
  ])
    it(`"${line}" drops the plan, /undo brings it back`, async () => {
      const { conv, last } = await dialogue(BLANK, ["use the nvme", "user bob sudo", line]);
      expect(last).toEqual({ confirm: false });
      expect(conv.pending).toEqual([]);
      expect(conv.undo()).toBe(true);
      expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1", "createUser:bob"]);
    });

  it("says the whole plan was dropped", () => {
    const conv = new Conversation(BLANK);
    conv.record("use the nvme", { calls: [NVME] });
    const o = conv.record("scrap all that", { confirm: false });
    expect(describeOutcome(o, conv.pending, BLANK)).toBe("Dropped the whole plan (/undo brings it back).");
  });

  it("a restart at an open erase question takes no erase", async () => {
    const { conv, last } = await dialogue(WIN, ["erase the nvme", "start over"]);
    expect(last).not.toHaveProperty("calls");
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.use !== "free")).toBe(false);
  });

  for (const line of [
    "don't start over",
    "no need to start over",
    "i dont want to scrap it all",
    "wipe everything and start fresh",
    "remove everything",
  ])
    it(`"${line}" throws nothing away and confirms nothing`, async () => {
      const { conv, last } = await dialogue(BLANK, ["use the nvme", "user bob sudo", line]);
      expect(last).not.toEqual({ confirm: true });
      expect(conv.pending.length).toBeGreaterThan(0);
    });

  it("a restart with a request in it is the request's", async () => {
    const { last } = await dialogue(BLANK, [
      "use the nvme",
      "user ops",
      "start over: the crucial, user ops with sudo",
    ]);
    expect(last).toHaveProperty("calls");
  });

  it("reads the whole plan, not a step", () => {
    expect(discardsWholePlan("nope cancel all of it")).toBe(true);
    expect(discardsWholePlan("Oh no, cold feet. Call the whole thing off.")).toBe(true);
    expect(discardsWholePlan("drop fd")).toBe(false);
    expect(discardsWholePlan("never mind")).toBe(false);
    // a discard of "that" counts only where a reader found a no to the whole plan
    expect(discardsWholePlan("nope, cancel that")).toBe(true);
    expect(onlyDiscardsWholePlan("nope, cancel that")).toBe(false);
    expect(onlyDiscardsWholePlan("wait no, reset, the samsung has my photos")).toBe(false);
    expect(onlyDiscardsWholePlan("hmm, forget everything")).toBe(true);
  });
});

describe("W9: a user only planned is renamed in the plan", () => {
  for (const line of [
    "no call him robert",
    "rename bob to robert",
    "change bob to robert",
    "no, robert not bob",
    "robert instead of bob",
    "call bob robert instead",
    "actually name him robert",
  ])
    it(`"${line}": robert in bob's place, with bob's sudo`, async () => {
      const { conv } = await dialogue(BLANK, ["use the nvme", "user bob sudo", line]);
      expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1", "createUser:robert"]);
      expect(sudoOf(conv.pending, "robert")).toBe(true);
    });

  it("then 'drop robert' drops the planned user", async () => {
    const { conv } = await dialogue(BLANK, [
      "use the nvme",
      "user bob",
      "no call him robert",
      "actually drop robert",
    ]);
    expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1"]);
  });

  it("says what changed", () => {
    const conv = new Conversation(BLANK);
    conv.record("user bob sudo", { calls: [user("bob", true)] });
    const o = conv.record("no call him robert", { calls: [user("robert", false)] });
    expect(describeOutcome(o, conv.pending, BLANK)).toMatch(
      /^Changed: create user robert with sudo .*instead of bob\./,
    );
  });

  it("rights said with the new name are the words' own", async () => {
    const { conv } = await dialogue(BLANK, ["use the nvme", "user bob sudo", "call him robert, no sudo"]);
    expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1", "createUser:robert"]);
    expect(sudoOf(conv.pending, "robert")).toBe(false);
  });

  for (const line of ["fd not bob", "ripgrep instead of bob", "call it atlas"])
    it(`"${line}" makes no user of a program or a hostname`, async () => {
      const { conv } = await dialogue(BLANK, ["use the nvme", "user bob sudo", line]);
      expect(
        conv.pending.some(
          (c) => c.tool === "createUser" && ["fd", "ripgrep", "atlas"].includes(c.args.username),
        ),
      ).toBe(false);
    });

  it("an account that exists is still not renamed", async () => {
    const user = INSTALLED.users.find((u) => u !== "root")!;
    const { last } = await dialogue(INSTALLED, [`rename ${user} to zed`]);
    expect(last).toHaveProperty("reply");
    expect((last as { reply: string }).reply).toMatch(/can't rename/);
  });
});

describe("W4/W11: 'just install it' in the live installer is the system's install", () => {
  for (const line of [
    "just install it",
    "install pls",
    "install it",
    "install",
    "go ahead and install",
    // the same shape in other words
    "ok install now",
    "can you install it",
    "start the installation",
    "please just install it on my computer",
  ])
    it(`"${line}" with one blank disk offers it (yes/no)`, async () => {
      const { conv, last } = await dialogue(ONE, [line]);
      expect(last).toMatchObject({
        offer: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } }] },
      });
      expect(conv.pending).toEqual([]);
    });

  it("a yes then takes the disk", async () => {
    const { conv } = await dialogue(ONE, ["just install it", "yes"]);
    expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/sda"]);
  });

  it("with two disks it asks which, planning nothing", async () => {
    const { conv, last } = await dialogue(BLANK, ["just install it"]);
    expect((last as { reply: string }).reply).toMatch(/Which disk/);
    expect(conv.pending).toEqual([]);
  });

  it("a program is still a program, a plan still confirmed", async () => {
    expect((await dialogue(ONE, ["install fd"])).last).toHaveProperty("calls");
    expect((await dialogue(ONE, ["use the kingston", "install"])).last).toEqual({ confirm: true });
    expect(bareInstall("install fd")).toBe(false);
    expect(bareInstall("install it on the nvme")).toBe(false);
  });
});

describe("W7/W12: a change beside an open offer is read alone; an offered list is amended", () => {
  it("W7: maria is added, never glued to the refused erase", async () => {
    const { conv } = await dialogue(WIN, [
      "wipe the whole nvme, windows is trash, encrypt it",
      "user maria sudo",
    ]);
    expect(tools(conv.pending)).toEqual(["createUser:maria"]);
  });

  const FUZZY = ["use the crucial", "user tim sudo", "add ripgrep, jq, and also the fuzzy finder thing"];
  for (const line of ["remove jq", "no jq", "not jq", "without jq pls", "dont want jq", "actually no jq"])
    it(`W12: "${line}" leaves ripgrep offered`, async () => {
      const { conv, last } = await dialogue(BLANK, [...FUZZY, line]);
      expect(last).toMatchObject({
        offer: { calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }] },
      });
      expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/sda", "createUser:tim"]);
    });

  it("W12: a yes then adds ripgrep only", async () => {
    const { conv } = await dialogue(BLANK, [...FUZZY, "remove jq", "yes"]);
    expect(tools(conv.pending)).toEqual([
      "partitionDisk:/dev/sda",
      "createUser:tim",
      "installRecipe:ripgrep",
    ]);
  });

  it("a removal in the live installer is never 'not installed'", async () => {
    const { last } = await dialogue(BLANK, ["use the crucial", "remove jq"]);
    expect(JSON.stringify(last)).not.toMatch(/jq is not installed/);
  });

  it("a bare no still drops only the offer", async () => {
    const { conv, last } = await dialogue(BLANK, [...FUZZY, "no"]);
    expect(last).toHaveProperty("reply");
    expect(conv.offer).toBeUndefined();
    expect(tools(conv.pending)).toEqual(["partitionDisk:/dev/sda", "createUser:tim"]);
  });
});
