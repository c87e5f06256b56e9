import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { refersBack } from "../../agent/safety/pronounTargets.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erase, erases, forced, remove, removes, sudoFor, user } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The pronoun rule (agent/safety/pronounTargets.ts, run by the certainty gate for every backend):
 * "it", "that one", "the same", "her", "him", "them" carry an erase, a removal or a sudo grant only
 * when the turn before settled exactly that one target (my last question or offer named it alone,
 * or the user's last turn named exactly one). Otherwise the turn is a question naming the
 * candidates, and nothing destructive is planned or offered. Each case forces the destructive
 * call a misreading backend would make, so the rule is tested whatever the readers resolve.
 * desk3: Windows nvme0n1, WD sda, Seagate sdb, Crucial sdc; inst: an installed system.
 */
// The rule is an experiment, off unless LEVITATE_PRONOUN_RULE=1 (agent/safety/pronounTargets.ts).
process.env.LEVITATE_PRONOUN_RULE = "1";
const DESK = fixtureFacts("findings17-t13-desk3");
const INST: Facts = { ...fixtureFacts("findings17-t13-inst") };
INST.installed = [...new Set([...INST.installed, "bat", "fzf", "htop"])];
INST.recipes = [...new Set([...INST.recipes, "bat", "fzf", "htop"])];

/** One turn before (the user's words and my decision), then the forced decision on `text`. */
async function turnAfter(f: Facts, before: [string, Decision][], text: string, d: Decision) {
  const conv = new Conversation(f);
  for (const [u, dec] of before) conv.record(u, dec);
  return decideTurn(forced(d), conv.view(text), f);
}
const reply = (text: string): Decision => ({ reply: text });
const replyOf = (d: Decision) => ("reply" in d ? d.reply : "");

describe("an erase by pronoun the turn before did not settle is a question naming the candidates", () => {
  for (const t of ["wipe it", "ok erase that one", "nuke that", "format it then", "same, wipe"])
    it(`"${t}" after the user named two disks`, async () => {
      const d = await turnAfter(
        DESK,
        [["what's on the WD and the seagate?", reply("/dev/sda holds games; /dev/sdb holds backups.")]],
        t,
        { calls: [erase("/dev/sda")] },
      );
      expect(callsOf(d).some(erases("/dev/sda"))).toBe(false);
      expect(replyOf(d)).toMatch(/\/dev\/sda/);
      expect(replyOf(d)).toMatch(/\/dev\/sdb/);
    });

  it("after my question that listed two disks, 'that one' erases neither", async () => {
    const d = await turnAfter(
      DESK,
      [["where should it go", reply("Which disk: /dev/sda (2 TB) or /dev/sdc (500 GB)?")]],
      "that one",
      { calls: [erase("/dev/sdc")] },
    );
    expect(callsOf(d).some(erases("/dev/sdc"))).toBe(false);
  });

  it("a pronoun with nothing named the turn before asks", async () => {
    const d = await turnAfter(DESK, [["hi", reply("Hello.")]], "wipe it", { calls: [erase("/dev/sda")] });
    expect(callsOf(d).some(erases("/dev/sda"))).toBe(false);
  });
});

describe("a pronoun the turn before settled still erases (timid answers are failures too)", () => {
  it("the user's last turn named exactly one disk", async () => {
    const d = await turnAfter(DESK, [["what's on the WD?", reply("/dev/sda holds games.")]], "wipe it", {
      calls: [erase("/dev/sda")],
    });
    expect(callsOf(d).some(erases("/dev/sda"))).toBe(true);
  });
  it("my last question named exactly that disk", async () => {
    const d = await turnAfter(
      DESK,
      [["install linux", reply("Shall I install on /dev/sdc (500 GB, empty)?")]],
      "yep that one, erase it",
      { calls: [erase("/dev/sdc")] },
    );
    expect(callsOf(d).some(erases("/dev/sdc"))).toBe(true);
  });
  it("a turn that names the disk is not read by the rule", async () => {
    const d = await turnAfter(DESK, [["hi", reply("Hello.")]], "wipe the crucial, it's empty", {
      calls: [erase("/dev/sdc")],
    });
    expect(callsOf(d).some(erases("/dev/sdc"))).toBe(true);
  });
  it("rules backend: 'what's on the crucial?' then 'ok wipe it' plans the crucial", async () => {
    const { last } = await dialogue(DESK, ["what's on the crucial?", "ok wipe it"]);
    expect(callsOf(last).some(erases("/dev/sdc"))).toBe(true);
  });
});

describe("removals and sudo by pronoun", () => {
  it("'remove it' after two programs named asks which, removing neither", async () => {
    const d = await turnAfter(
      INST,
      [["are bat and fzf installed?", reply("Yes, bat and fzf are installed.")]],
      "remove it",
      {
        calls: [remove("bat")],
      },
    );
    expect(callsOf(d).some(removes("bat"))).toBe(false);
    expect(replyOf(d)).toMatch(/bat/);
    expect(replyOf(d)).toMatch(/fzf/);
  });
  it("'remove it' after one program named removes it", async () => {
    const d = await turnAfter(INST, [["is bat installed?", reply("Yes, bat is installed.")]], "remove it", {
      calls: [remove("bat")],
    });
    expect(callsOf(d).some(removes("bat"))).toBe(true);
  });
  it("'give him sudo' after two people were added asks who", async () => {
    const d = await turnAfter(
      INST,
      [["add tom and ben", { calls: [user("tom", false), user("ben", false)] }]],
      "give him sudo",
      { calls: [user("ben", true)] },
    );
    expect(callsOf(d).some(sudoFor("ben"))).toBe(false);
  });
  it("'make her an admin' after one person was added grants it", async () => {
    const d = await turnAfter(INST, [["add anna", { calls: [user("anna", false)] }]], "make her an admin", {
      calls: [user("anna", true)],
    });
    expect(callsOf(d).some(sudoFor("anna"))).toBe(true);
  });
});

describe("refersBack", () => {
  it("'that' before a subject starts a clause, no reference", () => {
    expect(refersBack("make sure that linux boots", "disk")).toBe(false);
    expect(refersBack("erase that", "disk")).toBe(true);
  });
  it("a pick by contrast is left to its readers", () =>
    expect(refersBack("wipe the other one, it's empty", "disk")).toBe(false));
});
