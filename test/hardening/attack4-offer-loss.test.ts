import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import type { Decision } from "../../tools/decision.js";
import { WIN_WD } from "./attack4-facts.js";

/**
 * Attack 4, M5 (the same hole as C1): after "keep the WD" my question offered to install onto the
 * Samsung with "Everything on it is erased", never saying it holds Windows, and the answer ("erase
 * the other one", "yes", "use it") added the erase with no Windows question. The class: a question
 * that offers a disk which holds something says what it holds, and offers the install beside
 * another system first; and a "yes" to any offer that erases a disk holding something, made by a
 * question that did not say what is lost, is answered by the question that says it.
 */
async function talk(lines: string[]) {
  const conv = new Conversation(WIN_WD);
  const out: Decision[] = [];
  for (const line of lines) {
    const d = await decideTurn(createRulesBackend(), conv.view(line), WIN_WD);
    conv.record(line, d);
    out.push(d);
  }
  return { conv, out, last: out.at(-1)! };
}
const erasedNow = (d: Decision) =>
  "calls" in d
    ? d.calls.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []))
    : [];
const text = (d: Decision) => ("reply" in d ? d.reply : "");

describe("attack4 M5: the offer after a keep says what the other disk holds", () => {
  for (const keep of ["keep the WD", "don't touch the WD", "leave the western digital alone"])
    it(`"${keep}": the Samsung is offered beside Windows, with Windows named`, async () => {
      const { out } = await talk([keep]);
      expect(text(out[0]!)).toMatch(/\/dev\/sda .*holds .*Windows Boot Manager/);
      // the offer is the install into the free space; a plain yes erases nothing
      const offer = "reply" in out[0]! ? out[0]!.offer?.calls : undefined;
      expect(offer?.[0]).toMatchObject({ tool: "partitionDisk", args: { disk: "/dev/sda", use: "free" } });
      const yes = await talk([keep, "yes"]);
      expect(erasedNow(yes.last)).toEqual([]);
    });

  it('"keep the samsung": the WD offered names the photos it holds', async () => {
    const { out } = await talk(["keep the samsung"]);
    expect(text(out[0]!)).toMatch(/\/dev\/nvme0n1.*holds .*photos.*for good/);
  });

  it('"don\'t touch the WD" … "erase it" … "yes": the Windows question comes before any erase', async () => {
    const { out, conv } = await talk(["don't touch the WD", "erase it", "yes"]);
    // "it" right after a keep points at no other disk: nothing is erased at "erase it" nor at "yes"
    expect(out.flatMap(erasedNow)).toEqual([]);
    expect(out.slice(1).map(text).join(" ")).toMatch(/\/dev\/sda .*Windows Boot Manager.*for good/);
    expect(conv.view("").pending.some((c) => c.tool === "partitionDisk" && c.args.use !== "free")).toBe(
      false,
    );
  });

  it("after the question named Windows, the erase asked for by name is taken", async () => {
    const { last } = await talk(["keep the WD", "erase /dev/sda, I don't need what's on it"]);
    expect(erasedNow(last)).toEqual(["/dev/sda"]);
  });
});

describe("attack4 L1: a partition of the live medium gets no hint to erase the live medium", () => {
  for (const line of ["install on /dev/sdc1", "put it on sdc1", "use /dev/sdc1 only"])
    it(`"${line}": refused as the live medium, no "erase the whole /dev/sdc"`, async () => {
      const { last } = await talk([line]);
      expect(erasedNow(last)).toEqual([]);
      expect(text(last)).not.toMatch(/erase the whole \/dev\/sdc/);
      expect(text(last)).toMatch(/live system runs from/);
    });
});
