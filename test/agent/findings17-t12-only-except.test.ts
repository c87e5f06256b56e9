import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 12 W1: "dont erase anything except the wd", "never touch anything other than the nvme",
 * "leave everything alone except the wd" refuse every disk but one: that one is the choice. They
 * were read as a keep of the one excepted, and the disks protected were offered instead (twin:
 * "don't touch any disk apart from the games drive" offered the Windows disk). Said as "leave every
 * disk alone but X" before any reader (agent/rules/onlyExcept.ts). Machines: the tester's desk
 * (empty 990, 870 "Photos", WD Ubuntu) and twin (Windows Crucial, Samsung "games"); desk3.
 */
const DESK = fixtureFacts("findings16-desk");
const TWIN = fixtureFacts("findings16-twin");
const DESK3 = fixtureFacts("findings12-desk3");

/** Every disk a decision erases, offers to erase, or asks about erasing (a path in its reply). */
function aimedAt(d: Decision): string[] {
  const calls = callsOf(d).flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : []));
  const said = "reply" in d ? [...d.reply.matchAll(/\/dev\/[a-z0-9]+/g)].map((m) => m[0]) : [];
  return [...new Set([...calls, ...said.filter((p) => !/\d$/.test(p) || p.startsWith("/dev/nvme"))])].filter(
    (p) => !/p\d+$/.test(p),
  );
}

const cases: [string, ReturnType<typeof fixtureFacts>, string, string][] = [
  // the tester's
  ["desk", DESK, "dont erase anything except the wd", "/dev/sdb"],
  ["desk", DESK, "dont wipe any disk but sdb", "/dev/sdb"],
  ["desk", DESK, "never touch anything other than the nvme", "/dev/nvme0n1"],
  ["desk", DESK, "leave everything alone except the wd", "/dev/sdb"],
  ["twin", TWIN, "dont touch anything but the games drive", "/dev/sdb"],
  // ours
  ["twin", TWIN, "don't touch any disk apart from the games drive", "/dev/sdb"],
  ["desk", DESK, "please do not format any drive except for the 990", "/dev/nvme0n1"],
  ["desk", DESK, "leave everything but the wd alone", "/dev/sdb"],
  ["desk3", DESK3, "keep every disk except the crucial", "/dev/sdb"],
  ["desk3", DESK3, "never touch any of my disks besides the 990", "/dev/nvme0n1"],
  ["desk3", DESK3, "dont mess with anything else aside from the seagate", "/dev/sda"],
];

describe("a refusal of every disk but one chooses that one (tester 12 W1)", () => {
  for (const [name, facts, t, only] of cases)
    it(`${name}: "${t}" aims at ${only} and at no other disk`, async () => {
      const { last } = await dialogue(facts, [t]);
      expect(aimedAt(last)).toEqual([only]);
    });

  it("what the chosen disk holds is still asked: 'yes' to 'dont erase anything except the wd' erases nothing", async () => {
    const { conv } = await dialogue(DESK, ["dont erase anything except the wd", "yes"]);
    expect(conv.view("").pending.some(erases("/dev/sdb"))).toBe(false);
    expect(conv.view("").pending.some(erases("/dev/sda"))).toBe(false);
  });
  it("the rest of the turn is still read: 'dont touch anything except the 990, and add git'", async () => {
    const { last } = await dialogue(DESK, ["dont touch anything except the 990, and add git"]);
    const tools = callsOf(last).map((c) => c.tool);
    expect(tools).toContain("installRecipe");
    expect(callsOf(last).some(erases("/dev/nvme0n1"))).toBe(true);
  });
});

describe("plain keeps and exceptions are read as before", () => {
  it("'dont touch the wd' keeps the wd", async () => {
    const { conv } = await dialogue(DESK, ["dont touch the wd"]);
    expect(conv.view("").protections?.some((p) => "disk" in p && p.disk === "/dev/sdb")).toBe(true);
  });
  it("'erase any disk except the 870' never aims at the 870", async () => {
    const { last } = await dialogue(DESK, ["erase any disk except the 870"]);
    expect(aimedAt(last)).not.toContain("/dev/sda");
  });
  it("'dont remove anything except fd' in installed mode is about programs (no disk rewrite)", async () => {
    const { last } = await dialogue(fixtureFacts("findings16-inst"), ["dont remove anything except fd"]);
    expect(callsOf(last).some((c) => c.tool === "partitionDisk")).toBe(false);
  });
});
