import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7 D16: after "…holds backup … Shall I erase it anyway?", the question said back ("erase it
 * anyway?", "Shall I erase it anyway?", "erase it??") took the erase. An erase said with a question
 * mark asks; "yes", or the erase asked for plainly or politely, takes it. Sentences of our own.
 */

const f = fixtureFacts("findings6-a"); // sda: Samsung "backup", nvme0n1: WD "games", sdb: live USB

const calls = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);

describe("an erase said back as a question takes nothing", () => {
  it.each([
    "Shall I erase it anyway?",
    "erase it anyway?",
    "erase it??",
    "you'd erase it anyway?",
    "so you wipe the samsung?",
    "format it? everything?",
    "hmm, erase the whole thing?",
  ])("%s", async (words) => {
    const { last, conv } = await dialogue(f, ["install on the samsung", words]);
    expect(calls(last)).toEqual([]);
    expect(conv.pending).toEqual([]);
    // the question stays open: a plain yes after it still answers it
    const after = await dialogue(f, ["install on the samsung", words, "yes"]);
    expect(after.conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda" } }]);
  });
});

describe("the erase asked for is taken", () => {
  it.each(["yes", "can you erase it?", "yes erase it", "erase it"])("%s", async (words) => {
    const { conv } = await dialogue(f, ["install on the samsung", words]);
    expect(conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/sda", use: "whole" } }]);
  });
});
