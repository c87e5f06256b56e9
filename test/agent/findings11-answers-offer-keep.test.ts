import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Hurried user 10, D0 (docs/findings/2026-12-05-hurried-user-10.md): after my own offer ("Fedora
 * on /dev/nvme0n1 stays, so I won't erase the disk. I can install into its free space ...: shall
 * I?"), "no keep fedora" read as "don't keep fedora": the protection was let go and the disk was
 * erased. A "no" followed by a keep refuses the erase; the offer stands and the keep is recorded.
 */
const LINUX2 = fixtureFacts("findings11-answers-linux2");
const LINUX = fixtureFacts("findings11-answers-linux");
const WIN3 = fixtureFacts("findings11-answers-win3");

function erases(c: { tool: string; args: unknown }, disk: string): boolean {
  const a = c.args as { disk?: string; use?: string };
  return c.tool === "partitionDisk" && a.disk === disk && a.use !== "free";
}

function anyErase(decisions: Decision[], pending: PlanCall[], disk: string): boolean {
  return (
    pending.some((c) => erases(c, disk)) ||
    decisions.some(
      (d) =>
        ("calls" in d && d.calls.some((c) => erases(c, disk))) ||
        ("reply" in d && d.offer?.calls.some((c) => erases(c, disk))),
    )
  );
}

const CASES: [string, typeof LINUX2, string[], string, string[]][] = [
  [
    "linux2 (Fedora + free space)",
    LINUX2,
    ["user ana with sudo. next to fedora", "erase the samsung"],
    "/dev/nvme0n1",
    [
      "no keep fedora",
      "no no keep fedora",
      "no - keep fedora",
      "nope pls keep fedora",
      "no just keep fedora",
      "noo keep the fedora install",
      "nah keep my files",
      "no keep my data",
      "no!! keep fedora",
      "no i want to keep fedora",
      "no spare fedora",
      "no dont touch fedora",
      "no keep fedroa",
    ],
  ],
  [
    "win3 (Windows + free space)",
    WIN3,
    ["user ana with sudo. next to windows", "wipe the hynix"],
    "/dev/nvme0n1",
    ["no keep windows", "no no keep windows", "no keep games", "nah keep my stuff", "no keep windows pls"],
  ],
  [
    "linux (Ubuntu + free space)",
    LINUX,
    ["user ana with sudo. next to ubuntu", "erase the wd"],
    "/dev/sda",
    ["no keep ubuntu", "no no keep ubuntu", "no keep data", "no keep ubuntu thx"],
  ],
];

describe("a no and a keep, answered to my free-space offer, never erases (D0)", () => {
  for (const [machine, facts, before, disk, answers] of CASES)
    for (const answer of answers)
      it(`${machine}: "${answer}", then "yes"`, async () => {
        const first = await dialogue(facts, before);
        // my offer was really asked: the erase refused, the free space offered
        const asked = first.last;
        expect("reply" in asked && asked.reply).toMatch(/so I won't erase the disk/);
        expect("reply" in asked && asked.offer?.calls.every((c) => !erases(c, disk))).toBe(true);
        const { conv, decisions } = await dialogue(facts, [...before, answer, "yes"]);
        expect(anyErase(decisions, conv.pending, disk)).toBe(false);
        // the answer kept the free-space install (or left the plan as it was): never an erase
        const install = decisions.at(-2);
        expect(install && "calls" in install && install.calls.some((c) => erases(c, disk))).toBe(false);
        // the system on the offered disk is still kept
        expect(conv.protections.some((p) => p.kind === "partitions" && p.disk === disk)).toBe(true);
      });
});

describe("what the keep named is recorded too", () => {
  it('win3: "no keep games" keeps the Games disk as well', async () => {
    const { conv } = await dialogue(WIN3, [
      "user ana with sudo. next to windows",
      "wipe the hynix",
      "no keep games",
    ]);
    expect(conv.protections.some((p) => "disk" in p && p.disk === "/dev/sda")).toBe(true);
  });
});

describe("no before other words is left as typed", () => {
  it('"no sudo for ana" after the offer still refuses sudo, not a keep', async () => {
    const { conv } = await dialogue(LINUX2, [
      "user ana with sudo. next to fedora",
      "erase the samsung",
      "no sudo for ana",
    ]);
    expect(conv.protections.some((p) => p.kind === "sudo" && p.username === "ana")).toBe(true);
  });
});
