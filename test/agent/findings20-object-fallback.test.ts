import { describe, expect, it } from "vitest";
import { GO_AHEAD_QUESTION } from "../../agent/rules/objectFallback.js";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases, removes, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 20, issue 14 (turns the reader reads as nothing): voices ask with verbs no reader knows,
 * and each new set of voices brings new ones. The fallback (agent/rules/objectFallback.ts) runs
 * only where every reader gave up, and decides by the OBJECTS the turn names and by what is
 * harmless: an install of a named recipe or onto a blank disk is made; a removal, a drop, an erase
 * or a confirmation from an unread verb is asked, never made. The sentences are invented in voices
 * no data set uses (a DJ, a court, a cook, a railway signaller, Welsh and Icelandic).
 */
const LIVE = fixtureFacts("findings19-timid-desk"); // nvme0n1 980 PRO empty, sda 870 Photos, sdb Seagate backup
const INST = fixtureFacts("findings19-t15-f4-installed"); // installed: git htop tmux neovim curl ripgrep fzf

const calls = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);
/** Planned destructive calls. (A disk holding something named alone reaches the disk readers, whose
 * question "Shall I erase it anyway?" offers the erase: those readers', not this fallback's.) */
const destructive = (d: Decision) =>
  calls(d).some(
    (c) =>
      erases("/dev/sda")(c) ||
      erases("/dev/sdb")(c) ||
      c.tool === "removeRecipe" ||
      (c.tool === "createUser" && c.args.sudo === true),
  );
const NOTHING = /^I didn't find anything to do/;

describe("a recipe named with an unread verb is installed (harmless, reversible)", () => {
  for (const [t, names] of [
    ["Spin up ripgrep and fzf on the decks tonight.", ["ripgrep", "fzf"]],
    ["Fold in some jq, then let it simmer.", ["jq"]],
    ["Settu upp tmux, takk", ["tmux"]],
    ["Gosod ripgrep os gwelwch yn dda", ["ripgrep"]],
  ] as const)
    it(`"${t}": installs ${names.join(", ")}`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(calls(last).map((c) => c.tool === "installRecipe" && c.args.name)).toEqual([...names]);
    });

  for (const t of ["Cue up btop", "Route zoxide onto the main line"])
    it(`installed system, "${t}": the recipe not yet installed is installed`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(calls(last).map((c) => c.tool)).toEqual(["installRecipe"]);
    });

  for (const t of [
    // a word against it: negation, condition, question, talk about it
    "Dim ripgrep, diolch",
    "Ekki jq, takk",
    "Spin ripgrep tonight only if the decks have room",
    "Unless the judge objects, jq is admitted into evidence",
    "I love the new ripgrep release",
  ])
    it(`"${t}": nothing planned`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(callsOf(last)).toEqual([]);
    });
});

describe("an installed recipe named with an unread verb is asked about, never removed", () => {
  for (const t of [
    // (round 21: "fade out", "banish", "evict" with an installed program are read as removals,
    // agent/rules/recipeFates.ts; these verbs are still unread)
    "Crossfade htop for the next track.",
    "Rhodd y llys htop i'r archif",
    "The court sets htop aside",
  ])
    it(`"${t}": a question, no removal`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect("reply" in last && last.reply).toMatch(/^Remove htop, or keep it\?/);
      expect(callsOf(last).some(removes("htop"))).toBe(false);
    });
});

describe("one disk named: a blank one is installed onto, one holding something is asked about", () => {
  for (const t of [
    "The court hereby orders the 980 PRO to host the new system.",
    "Signal the 980 PRO, the points are set",
  ])
    it(`"${t}": the empty 980 is planned, nothing erased`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(calls(last).map((c) => c.tool === "partitionDisk" && c.args.disk)).toEqual(["/dev/nvme0n1"]);
      expect(destructive(last)).toBe(false);
    });

  for (const t of ["The Seagate takes the headline slot tonight", "Simmer the seagate gently for an hour"])
    it(`"${t}": the Seagate holds backups: a question naming them, no erase planned`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect("reply" in last).toBe(true);
      expect(destructive(last)).toBe(false);
      expect("reply" in last && last.reply).toMatch(/backup/);
    });

  it("a statement about a disk leaves the erase screens' reading: 'the seagate has my whole life on it' then 'use the seagate' asks", async () => {
    const { conv } = await dialogue(LIVE, ["the seagate has my whole life on it", "use the seagate"]);
    expect(conv.view("").pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sdb")).toBe(
      false,
    );
  });

  it("the empty 980 with a word against it: nothing planned", async () => {
    const { last } = await dialogue(LIVE, ["The court will never admit the 980 PRO"]);
    expect(callsOf(last)).toEqual([]);
  });
});

describe("a person introduced, a name for the machine", () => {
  for (const t of ["Pull up a chair for my flatmate rhodri", "My flatmate rhodri runs the whole show"])
    it(`"${t}": rhodri is created, never with sudo`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(calls(last).map((c) => c.tool === "createUser" && c.args.username)).toEqual(["rhodri"]);
      expect(callsOf(last).some(sudoFor("rhodri"))).toBe(false);
    });

  it("\"Christen the machine 'signal-box-3'\": the hostname", async () => {
    const { last } = await dialogue(LIVE, ["Christen the machine 'signal-box-3'"]);
    expect(calls(last)).toEqual([{ tool: "setHostname", args: { hostname: "signal-box-3" } }]);
  });

  it("'hostnamectl set-hostname a b' names no host", async () => {
    const { last } = await dialogue(LIVE, ["hostnamectl set-hostname a b"]);
    expect(calls(last).some((c) => c.tool === "setHostname")).toBe(false);
  });

  it("a quoted word with nothing about the machine names no host", async () => {
    const { last } = await dialogue(LIVE, ["Next up on the decks: 'night-drive-2'"]);
    expect(calls(last).some((c) => c.tool === "setHostname")).toBe(false);
  });
});

describe("a pending plan and an unread turn: asked, never confirmed or dropped", () => {
  it('"The verdict stands." asks to go ahead; "yes" to that confirms', async () => {
    const { decisions } = await dialogue(LIVE, ["add jq", "The verdict stands.", "yes"]);
    expect(decisions[1]).toEqual({ reply: GO_AHEAD_QUESTION });
    expect(decisions[2]).toEqual({ confirm: true });
  });

  it('"Shunt the jq wagon into the siding" asks to take jq out; "yes" drops it', async () => {
    const { decisions, conv } = await dialogue(LIVE, ["add jq", "Shunt the jq wagon into the siding", "yes"]);
    expect("reply" in decisions[1]! && decisions[1].reply).toMatch(/^Take install jq out of the plan\?/);
    expect(decisions[2]).toEqual({ drop: [{ tool: "installRecipe", args: { name: "jq" } }] });
    expect(conv.view("").pending).toEqual([]);
  });

  it('"Shunt the jq wagon into the siding", then "no": the plan is as it was', async () => {
    const { decisions, conv } = await dialogue(LIVE, ["add jq", "Shunt the jq wagon into the siding", "no"]);
    expect("drop" in decisions[2]!).toBe(false);
    expect(conv.view("").pending.map((c) => c.tool)).toEqual(["installRecipe"]);
  });

  it("a turn with a word against the plan asks nothing about going ahead", async () => {
    const { decisions } = await dialogue(LIVE, ["add jq", "Objection, your honour, not like this"]);
    expect(decisions[1]).not.toEqual({ reply: GO_AHEAD_QUESTION });
    expect("confirm" in decisions[1]!).toBe(false);
  });
});

describe("nothing destructive ever comes from an unread verb", () => {
  for (const [f, t] of [
    [LIVE, "The 870 and the Seagate are remanded in custody"],
    [LIVE, "Scratch the seagate off the setlist"],
    [INST, "Shunt neovim to the sidings"],
    [INST, "Serve tmux and curl notice, the lease is up"],
    [LIVE, "Give my flatmate rhodri the keys to the signal box"],
  ] as const)
    it(`"${t}"`, async () => {
      const { last } = await dialogue(f, [t]);
      expect(destructive(last)).toBe(false);
      // and no removal, sudo or erase of what is kept is offered by this fallback's questions
      if ("reply" in last && !/erase it anyway/.test(last.reply))
        expect(callsOf(last).some((c) => c.tool === "removeRecipe" || sudoFor("rhodri")(c))).toBe(false);
      expect(NOTHING.test("reply" in last ? last.reply : "") || "reply" in last || "calls" in last).toBe(
        true,
      );
    });
});
