import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 15 D3: a protection said with a verb no reader knows ("wouldn't want the samsungs
 * disturbed", "stand down on all samsungs") was read as a disk choice, so the installer asked the
 * person to pick AMONG the disks they protected, and "the big one" + "sure" erased one. A
 * which-disk question never lists only disks named under no request (agent/rules/unaskedDisks.ts);
 * it asks keep or use, the other disks the candidates; a size or position after it never reaches
 * those disks; naming them again with no request keeps them (agent/safety/keepOrUseAnswer.ts).
 * FOUR: Samsung 990 PRO nvme0n1 ("work"), SK hynix nvme1n1 (empty), Samsung 870 QVO sda ("photos").
 * The sentences are ours, in registers the report did not use.
 */
const FOUR = fixtureFacts("findings19-t15-f3-four");
const SAMSUNGS = ["/dev/nvme0n1", "/dev/sda"];

const replyOf = (d: Decision) => ("reply" in d ? d.reply : "");
const offered = (d: Decision) => ("reply" in d && d.offer ? d.offer.calls : []) as PlanCall[];
const onSamsung = (c: PlanCall) =>
  c.tool === "partitionDisk" && SAMSUNGS.includes((c.args as { disk: string }).disk);

const UNREAD = [
  "i'd hate to see the samsungs messed with",
  "the samsungs are sacred ground, mate",
  "samsungs: do not disturb",
  "let sleeping samsungs lie",
  "not gonna lie, the samsungs mean a lot to me",
];

describe("a turn that names disks under no request is never a choice among them", () => {
  for (const t of UNREAD)
    it(`"${t}" lists no Samsung as a candidate and offers none`, async () => {
      const { last } = await dialogue(FOUR, [t]);
      // never "Which disk (samsung): <990> or <870>?" (a keep may list them as kept)
      expect(replyOf(last)).not.toMatch(/Which disk[^?]*\/dev\/nvme0n1[^?]*\/dev\/sda/);
      expect(offered(last).some(onSamsung)).toBe(false);
      expect("calls" in last && last.calls.some(onSamsung)).toBe(false);
    });

  for (const t of UNREAD)
    for (const pick of ["the big one", "the small one", "the first one"])
      it(`"${t}" / "${pick}" / "sure" erases no Samsung`, async () => {
        const { conv } = await dialogue(FOUR, [t, pick, "sure"]);
        expect(conv.pending.some(onSamsung)).toBe(false);
      });

  it("the question says it cannot tell keep from use, and offers the blank disk left", async () => {
    const { last } = await dialogue(FOUR, ["wouldn't want the samsungs disturbed"]);
    expect(replyOf(last)).toMatch(/kept or the install/);
    expect(offered(last).map((c) => (c.args as { disk: string }).disk)).toEqual(["/dev/nvme1n1"]);
  });

  it("a request still asks which Samsung (a timid answer is a failure too)", async () => {
    for (const t of ["install on the samsung", "the samsung", "put it on a samsung please"]) {
      const { last } = await dialogue(FOUR, [t]);
      expect(replyOf(last)).toMatch(/Which disk[^?]*\/dev\/nvme0n1[^?]*\/dev\/sda/);
    }
  });

  it("after the question, a Samsung named by its own name with a request is asked about as usual", async () => {
    const { last } = await dialogue(FOUR, ["samsungs: do not disturb", "install on the 990 pro"]);
    expect(replyOf(last)).toMatch(/nvme0n1/);
    expect(replyOf(last)).toMatch(/erase/);
  });
});

describe("naming them again with no request answers keep", () => {
  for (const again of [
    "negative, belay that, stand down on all samsungs",
    "samsungs. no touching. over.",
    "keep them",
  ])
    it(`"${again}" keeps both Samsungs`, async () => {
      const { conv } = await dialogue(FOUR, ["samsungs: do not disturb", again]);
      const kept = conv.protections.flatMap((p) => (p.kind === "disk" ? [p.disk] : []));
      expect(SAMSUNGS.every((p) => kept.includes(p))).toBe(true);
    });

  it("an answer that tells them apart is no keep of both", async () => {
    const { conv } = await dialogue(FOUR, ["samsungs: do not disturb", "990 ndiyo, qvo hapana"]);
    const kept = conv.protections.flatMap((p) => (p.kind === "disk" ? [p.disk] : []));
    expect(SAMSUNGS.every((p) => kept.includes(p))).toBe(false);
  });
});
