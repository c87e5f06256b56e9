import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, convB class 3: "i'm switching from debian, replace it" names the disk holding Debian in
 * one clause and asks for its replacement in the next: an erase the user asked for. Leaving a system
 * ("i'm switching from debian") or asking ("replace it?") erases nothing. Sentences of our own.
 */

const f = fixtureFacts("conv10-debian-windows"); // sda: Debian 12, nvme0n1: Windows, no free space; sdc live

const callsOf = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);
const offered = (d: Decision): PlanCall[] => ("reply" in d && d.offer ? (d.offer.calls as PlanCall[]) : []);

describe("a replacement asked for after the system is named erases its disk", () => {
  it.each([
    "i'm switching from debian, replace it",
    "im moving off debian. replace it please",
    "done with debian, replace it",
  ])("%s", async (words) => {
    const { last } = await dialogue(f, [words]);
    expect(callsOf(last)).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/sda", use: "whole" } },
    ]);
  });
});

describe("leaving a system, or asking about it, erases nothing", () => {
  it.each([
    "i'm switching from debian",
    "replace it?",
    "i'm switching from debian, replace it?",
    "i'm switching from debian, should i replace it?",
  ])("%s", async (words) => {
    const { last, conv } = await dialogue(f, [words]);
    expect(callsOf(last)).toEqual([]);
    expect(offered(last)).toEqual([]);
    expect(conv.pending).toEqual([]);
  });

  it("under an 'if' it is asked, naming Debian, and only a yes erases", async () => {
    const { decisions, conv } = await dialogue(f, ["if i'm switching from debian, replace it"]);
    expect(callsOf(decisions[0]!)).toEqual([]);
    expect("reply" in decisions[0]! && decisions[0].reply).toMatch(/Debian/);
    expect(conv.pending).toEqual([]);
  });

  it("after keep debian, 'replace it' erases nothing", async () => {
    const { conv } = await dialogue(f, ["keep debian", "replace it"]);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.use !== "free")).toEqual([]);
  });
});
