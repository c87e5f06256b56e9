import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { WIN_WD } from "./attack4-facts.js";

/**
 * Attack 4, C1 (CRITICAL): "don't erase anything" … "install on the WD, erase it" erased the OTHER
 * disk, the Samsung holding Windows, with no "holds Windows … erase anyway?" question. Two faults:
 * the short answer to my which-disk question was glued to the refusal before it ("don't erase
 * anything install on the WD, erase it": a keep of the WD, and its "it" the Samsung), and the
 * erase screen took the erase word as consent to erase whatever disk the decision named. The
 * class: erase words choose the erase of the disk they aim at, a pronoun never overrides a disk
 * named in the same sentence, a default my question proposed is no choice to erase, and after a
 * refusal of every erase the question is put before any disk with data goes.
 * Machine: the attacker's (Samsung with Windows, ESP and 200 GB free; WD_BLACK with one ext4
 * "photos"; SanDisk live medium).
 */
async function talk(lines: string[], backend: Backend = createRulesBackend()) {
  const conv = new Conversation(WIN_WD);
  const out: Decision[] = [];
  for (const line of lines) {
    const d = await decideTurn(backend, conv.view(line), WIN_WD);
    conv.record(line, d);
    out.push(d);
  }
  return { conv, last: out.at(-1)! };
}

/** Disks a decision erases outright (calls, not an offer still to be answered). */
const erasedNow = (d: Decision) =>
  "calls" in d
    ? d.calls.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []))
    : [];
/** Disks erased by the decision or by its offer (what one "yes" would take). */
const erasedOrOffered = (d: Decision) => [
  ...erasedNow(d),
  ...("reply" in d && d.offer
    ? d.offer.calls.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []))
    : []),
];
const text = (d: Decision) => ("reply" in d ? d.reply : "");

describe("attack4 C1: erase words erase the disk they aim at", () => {
  // the attacker's sentence, and the same pronoun said other ways, after "don't erase anything"
  const named: string[] = [
    "install on the WD, erase it",
    "install on the WD, wipe that one",
    "install on the WD and erase this one",
    "put levitate on the western digital and format this one",
    "use the 1tb one, wipe it",
    "install on the bigger disk, erase it",
    "install on the nvme, erase it",
  ];
  for (const line of named)
    it(`"don't erase anything" … "${line}": the WD or a question about it, never the Samsung`, async () => {
      const { last, conv } = await talk(["don't erase anything", line]);
      expect(erasedOrOffered(last)).not.toContain("/dev/sda");
      expect(
        conv.view("").pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda"),
      ).toBe(false);
      // the disk named is the one the decision is about
      expect(JSON.stringify(last)).toContain("/dev/nvme0n1");
    });

  // a pronoun that can only mean the default my question proposed ("yes" takes sda, in its free space)
  for (const line of ["erase it", "just wipe it", "ok erase that one", "install there, erase it"])
    it(`"don't erase anything" … "${line}": the proposed default is not erased without its question`, async () => {
      const { last } = await talk(["don't erase anything", line]);
      expect(erasedNow(last)).toEqual([]);
      expect(text(last)).toMatch(/\/dev\/sda .*holds .*Windows Boot Manager.*for good/);
    });

  it("after a refusal of every erase, naming the Windows disk asks once, then an explicit release erases it", async () => {
    const asked = await talk(["don't erase anything", "the samsung, erase it"]);
    expect(erasedNow(asked.last)).toEqual([]);
    expect(text(asked.last)).toMatch(/Windows Boot Manager.*for good/);
    const released = await talk([
      "don't erase anything",
      "the samsung, erase it",
      "erase /dev/sda, I don't need what's on it",
    ]);
    expect(erasedNow(released.last)).toEqual(["/dev/sda"]);
  });

  it("the words alone still pick the named disk (no refusal before)", async () => {
    expect(erasedNow((await talk(["install levitate", "use the WD, nuke it"])).last)).toEqual([
      "/dev/nvme0n1",
    ]);
    expect(erasedNow((await talk(["install on the WD, erase it"])).last)).toEqual(["/dev/nvme0n1"]);
    // an erase aimed at the Windows disk by its device name stays what the person chose
    expect(erasedNow((await talk(["erase sda and install there"])).last)).toEqual(["/dev/sda"]);
  });

  // every path: a backend (a model) that erases a disk the words did not name meets the same screen
  it("a backend's erase of a disk the sentence did not name becomes the question", async () => {
    const slip: Backend = {
      name: "slip",
      async decide() {
        return { calls: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } } as PlanCall] };
      },
    };
    for (const line of ["install on the WD, erase it", "wipe the western digital", "erase nvme0n1"]) {
      const { last } = await talk([line], slip);
      expect(erasedNow(last), line).toEqual([]);
      expect(text(last), line).toMatch(/\/dev\/sda .*Windows Boot Manager.*for good/);
    }
  });
});
