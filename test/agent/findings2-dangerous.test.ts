import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * The DANGEROUS classes of the second user findings still open at 18:20 (/work/lead/user-findings2.md
 * D8, D9, D12, D13 and two found by another engineer): the tester's sentences on the tester's
 * machines (fixtures/findings2-*.json, copies of /tmp/tester2), and sentences of the same class in
 * no data set.
 */

function facts(name: string): Facts {
  return FactsSchema.parse(
    JSON.parse(readFileSync(new URL(`./fixtures/findings2-${name}.json`, import.meta.url), "utf8")),
  );
}
/** sda: Samsung with an ext4 "photos" partition; nvme0n1: empty WD; sdb: the live stick. */
const TWO_DISKS = facts("a-twodisks");
/** nvme0n1: Windows with 120 GiB free at the end. */
const WIN_FREE = facts("b-win-free");
/** nvme0n1: Windows filling the disk. */
const WIN_FULL = facts("c-win-nofree");
/** Installed: ripgrep, fd, bat, jq, helix. */
const INSTALLED = facts("d-installed");

const erased = (calls: readonly PlanCall[]) =>
  calls.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []));
const removed = (calls: readonly PlanCall[]) =>
  calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
const replyOf = (d: Decision) => ("reply" in d ? d.reply : "");

describe("D8: yes/ok to a question that offered nothing never confirms the plan", () => {
  const plan = "nvme, user vince with sudo";
  for (const [question, answer] of [
    // the tester's
    ["add the file finder", "yes"],
    ["add the file finder", "y"],
    ["add the file finder", "sure"],
    ["add the file finder", "ok"],
    ["add a user", "ok"],
    // the same class, in no data set
    ["add a user", "yes please"],
    ["add a user", "yes go ahead"],
    ["add a fuzzy finder or file finder", "okay"],
    ["add the file finder please", "yep"],
    ["set a timezone", "ok"],
    ["change the keyboard", "sure"],
    ["set the hostname", "yes"],
  ] as const) {
    it(`"${plan}" → "${question}" → "${answer}": the plan stays pending`, async () => {
      const { conv, decisions, last } = await dialogue(TWO_DISKS, [plan, question, answer]);
      // the question really was a question that offered nothing
      expect(replyOf(decisions[1]!)).toContain("?");
      expect("offer" in decisions[1]! && decisions[1].offer).toBeFalsy();
      expect("confirm" in last).toBe(false);
      expect(replyOf(last)).toMatch(/does not answer my question/);
      expect(erased(conv.pending)).toEqual(["/dev/nvme0n1"]);
    });
  }

  for (const lines of [
    // tester s136: an offer the screen took away leaves a bare question
    ["keep the samsung, nvme, user vince sudo", "add stuff and use the samsung", "yes"],
  ]) {
    it(`${lines.map((l) => `"${l}"`).join(" → ")}: nothing confirmed, the samsung untouched`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, lines);
      expect("confirm" in last).toBe(false);
      expect(conv.pending.length).toBeGreaterThan(0);
      expect(erased(conv.pending)).not.toContain("/dev/sda");
    });
  }

  // tester s76 ("which disk then?" after a misread): "the last one" is the last item said, dust
  // (agent/rules/undoLast.ts), never a disk by its place in the list
  it('"nvme, user vince with sudo, add dust" → "forget the last one": dust dropped, the rest kept, the samsung untouched', async () => {
    const { conv, decisions } = await dialogue(TWO_DISKS, [
      "nvme, user vince with sudo, add dust",
      "forget the last one",
    ]);
    expect(decisions[1]).toEqual({ drop: [{ tool: "installRecipe", args: { name: "dust" } }] });
    expect(conv.pending.map((c) => c.tool)).toEqual(["partitionDisk", "createUser"]);
    expect(erased(conv.pending)).toEqual(["/dev/nvme0n1"]);
  });

  it("the root-size question on the Windows laptop: 'ok' confirms nothing (tester s72)", async () => {
    const { conv, decisions, last } = await dialogue(WIN_FREE, [
      "alongside windows, user vince with sudo",
      "make root 200gb",
      "ok",
    ]);
    expect(replyOf(decisions[1]!)).toMatch(/\?/);
    expect("confirm" in last).toBe(false);
    expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(true);
  });

  it('a single candidate is an offer: "Do you mean helix?" → yes adds helix, runs nothing', async () => {
    for (const [q, name] of [
      ["add the editor", "helix"],
      ["add the json tool", "jq"],
    ] as const) {
      const { conv, decisions, last } = await dialogue(TWO_DISKS, ["nvme, user vince with sudo", q, "yes"]);
      expect(replyOf(decisions[1]!)).toMatch(new RegExp(`Do you mean ${name}\\?`));
      expect("confirm" in last).toBe(false);
      expect(conv.pending.some((c) => c.tool === "installRecipe" && c.args.name === name)).toBe(true);
      expect(erased(conv.pending)).toEqual(["/dev/nvme0n1"]);
    }
  });

  it('a "no" to such a question leaves the plan as it was (it is not a no to the plan)', async () => {
    const { conv, last } = await dialogue(TWO_DISKS, [
      "nvme, user vince with sudo",
      "add the file finder",
      "no",
    ]);
    expect("confirm" in last).toBe(false);
    expect(conv.pending.length).toBe(2);
  });

  it('"run the plan" still goes on after the question; a plain yes to the plan still confirms', async () => {
    const asked = await dialogue(TWO_DISKS, [
      "nvme, user vince with sudo",
      "add the file finder",
      "run the plan",
    ]);
    expect(asked.last).toEqual({ confirm: true });
    const plain = await dialogue(TWO_DISKS, ["nvme, user vince with sudo", "yes"]);
    expect(plain.last).toEqual({ confirm: true });
  });

  it("no backend can confirm the plan right after such a question", async () => {
    // a backend that reads every turn as a yes to the plan
    const yesMan: Backend = {
      name: "yes-man",
      decide: async (conv) =>
        conv.turns.length === 0 ? { reply: "What should the new user be called?" } : { confirm: true },
    } as Backend;
    const conv = new Conversation(TWO_DISKS);
    const rules = createRulesBackend();
    const first = "nvme, user vince with sudo";
    conv.record(first, await decideTurn(rules, conv.view(first), TWO_DISKS));
    const q = "add a user";
    conv.record(q, await decideTurn(rules, conv.view(q), TWO_DISKS));
    for (const line of ["yes, sounds right", "alright then, go", "ok whatever you think"]) {
      const d = await decideTurn(yesMan, conv.view(line), TWO_DISKS);
      expect("confirm" in d, line).toBe(false);
    }
  });
});

describe("D9: a take-back inside one sentence keeps what it takes back", () => {
  for (const line of [
    // the tester's
    "erase sda. no keep it. erase the nvme",
    "install on sda... no keep that one, nvme instead",
    "erase sda. nah keep it. use nvme",
    // the same class
    "wipe the samsung. no, keep it. wipe the wd",
    "put it on sda. nope, leave it. the nvme",
    "erase /dev/sda... no wait keep that, erase /dev/nvme0n1",
    "erase sda - actually no, keep it, erase nvme",
    "install on sda, wait no keep that, use the nvme",
    "wipe sda... nah leave it alone. nvme",
    // no punctuation at all
    "erase sda no keep it erase nvme",
  ]) {
    it(`"${line}" erases the nvme, never sda`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(erased(conv.pending)).toEqual(["/dev/nvme0n1"]);
    });
  }
  it('"erase sda. no keep it." keeps sda against a later "use sda"', async () => {
    const { conv } = await dialogue(TWO_DISKS, ["erase sda. no keep it. erase the nvme", "use sda instead"]);
    expect(erased(conv.pending)).not.toContain("/dev/sda");
  });
  for (const [line, gone, kept] of [
    // the tester's
    ["remove ripgrep? no keep it. remove fd", "fd", "ripgrep"],
    ["uninstall helix... no keep it, uninstall bat", "bat", "helix"],
    ["remove helix. no keep it. remove bat", "bat", "helix"],
    // the same class
    ["remove jq. nah, keep it. remove fd", "fd", "jq"],
    ["uninstall bat? nope keep that. uninstall helix", "helix", "bat"],
    ["remove bat, actually no keep it, remove jq", "jq", "bat"],
    ["remove helix. wait no, keep that one. remove jq", "jq", "helix"],
    ["uninstall fd? nah leave it. uninstall bat", "bat", "fd"],
  ] as const) {
    it(`"${line}" removes ${gone} only`, async () => {
      const { conv } = await dialogue(INSTALLED, [line]);
      expect(removed(conv.pending)).toEqual([gone]);
      expect(conv.protections.some((p) => p.kind === "recipe" && p.name === kept)).toBe(true);
    });
  }
});

describe("D12: a kept Windows is erased only after a question that names it", () => {
  for (const lines of [
    // the tester's
    ["dont touch windows, alongside", "replace windows", "windows 11 is trash anyway, erase"],
    ["dont touch windows, alongside", "windows 11 is trash anyway, erase"],
    ["dont touch windows, alongside", "windows 10 is trash anyway, erase"],
    // the same class
    ["keep windows please, install next to it", "meh windows 11 is garbage, wipe"],
    ["leave windows alone, use the free space", "screw windows, erase the disk"],
  ]) {
    it(`${lines.map((l) => `"${l}"`).join(" → ")} → a question, then yes takes the erase`, async () => {
      const { conv, last } = await dialogue(WIN_FREE, [...lines]);
      expect(erased(conv.pending)).toEqual([]);
      // whichever way it was read, an erase reaches the plan only through the loss question
      const answer = await decideTurn(createRulesBackend(), conv.view("yes"), WIN_FREE);
      conv.record("yes", answer);
      if (erased(conv.pending).length) {
        const asked = [replyOf(last), ...conv.turns.map((t) => replyOf(t.decision))].join(" ");
        expect(asked).toMatch(/Windows.*lost for good/);
      }
    });
  }
  it("the question quotes the keep and offers the free space instead", async () => {
    const { last } = await dialogue(WIN_FREE, [
      "dont touch windows, alongside",
      "windows 11 is trash anyway, erase",
    ]);
    const yes = await dialogue(WIN_FREE, [
      "dont touch windows, alongside",
      "windows 11 is trash anyway, erase",
      "yes",
    ]);
    const text = [replyOf(last), replyOf(yes.last)].join(" ");
    expect(text).toMatch(/although you said "dont touch windows"/);
    expect(text).toMatch(/use the free space on \/dev\/nvme0n1/);
  });
});

// round 28 (fixE28, D12's middle way): a strong let-go that names what was kept takes the keep
// back in so many words, and the erase is planned; the plan shown at the yes names the loss
it('"dont wipe windows" → "on second thought windows can go, erase it all": the keep taken back by name, the erase planned', async () => {
  const { conv } = await dialogue(WIN_FREE, [
    "dont wipe windows",
    "on second thought windows can go, erase it all",
  ]);
  expect(erased(conv.pending)).toEqual(["/dev/nvme0n1"]);
});

describe("two disks: a disk named in the same sentence as refusals is the target", () => {
  for (const line of [
    "don't wanna encrypt, don't want swap, don't want separate home. just do the nvme",
    "no encryption, no swap, no separate home. just the nvme",
    "dont want encryption and dont want swap. use the wd",
    "not interested in swap or encryption, put it on the nvme",
    "i do not want a separate home, use the 1tb",
  ]) {
    it(`"${line}" plans the nvme, never sda`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [line]);
      expect(erased(conv.pending)).not.toContain("/dev/sda");
      const offered = "offer" in last && last.offer ? erased(last.offer.calls) : [];
      expect(offered).not.toContain("/dev/sda");
      // and what the words refused is not planned either
      const disk = conv.pending.find((c) => c.tool === "partitionDisk");
      expect(disk?.tool === "partitionDisk" && disk.args.encrypt).toBeFalsy();
      expect(disk?.tool === "partitionDisk" && disk.args.separateHome).toBeFalsy();
    });
  }
  it('"actually no encryption, too slow" after "encrypt it" plans no encryption (WRONG 1)', async () => {
    const { conv } = await dialogue(TWO_DISKS, ["nvme", "encrypt it", "actually no encryption, too slow"]);
    const disk = conv.pending.find((c) => c.tool === "partitionDisk");
    expect(disk?.tool === "partitionDisk" && disk.args.disk).toBe("/dev/nvme0n1");
    expect(disk?.tool === "partitionDisk" && disk.args.encrypt).toBe(false);
  });
  for (const lines of [
    ["erase sda. no wait don't, my thesis is on there", "the other disk then"],
    ["wipe the samsung. no wait, my photos are on it", "the other one"],
  ]) {
    it(`${lines.map((l) => `"${l}"`).join(" → ")} plans the nvme`, async () => {
      const { conv } = await dialogue(TWO_DISKS, lines);
      expect(erased(conv.pending)).not.toContain("/dev/sda");
    });
  }
});

describe("D13: one partition cannot be kept while its disk is erased", () => {
  for (const [f, line] of [
    // the tester's
    [WIN_FREE, "wipe the disk, windows can go, but keep the recovery partition"],
    [WIN_FULL, "wipe everything except the recovery partition"],
    [WIN_FULL, "erase the disk but keep the EFI partition"],
    // the same class
    [WIN_FULL, "format the whole nvme but dont touch nvme0n1p4"],
    [WIN_FREE, "wipe the nvme, windows included, just spare the recovery partition"],
  ] as const) {
    it(`"${line}": no erase, a reply naming the partition`, async () => {
      const { conv, last } = await dialogue(f, [line]);
      expect(erased(conv.pending)).toEqual([]);
      expect(replyOf(last)).toMatch(/can't keep \/dev\/nvme0n1p\d/);
      // with free space the install beside every partition is offered, never the erase
      const offered = "offer" in last && last.offer ? last.offer.calls : [];
      expect(erased(offered)).toEqual([]);
      if (f === WIN_FREE)
        expect(offered.some((c) => c.tool === "partitionDisk" && c.args.use === "free")).toBe(true);
    });
  }
  for (const later of [
    "hmm actually can i keep the recovery partition at least",
    "keep the recovery partition",
    "dont erase nvme0n1p4",
  ]) {
    it(`an erase already planned, then "${later}": said plainly, not "Changed:"`, async () => {
      const { last } = await dialogue(WIN_FULL, ["wipe it all, windows can go, ext4", later]);
      expect("calls" in last).toBe(false);
      expect(replyOf(last)).toMatch(/still erases \/dev\/nvme0n1/);
    });
  }
});
