import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 7's protections said in new words (DANGEROUS D12-D14, WRONG W13-W22): a keep inside the
 * install sentence in another word order ("the Games disk D: you must not touch"), a drive letter
 * with its label ("dont touch D: (Games)"), a judgement ("the samsung is sacred"), what a disk
 * holds ("the samsung has my backups"). Each is recorded, and a later pick of that disk by another
 * name plus "sure"/"ok"/"yes" erases nothing (agent/safety/judgedKeep.ts, driveLetters.ts).
 * Machines: the tester's a.json (Samsung sda "data", WD nvme0n1 "photos") and c.json (Windows
 * nvme0n1, Seagate 2TB sda "Games", empty Crucial sdb).
 */
const A = fixtureFacts("findings8-a");
const C = fixtureFacts("findings8-c");
type Call = { tool: string; args?: unknown };
const erased = (plan: readonly Call[]) =>
  plan.flatMap((c) =>
    c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"
      ? [(c.args as { disk: string }).disk]
      : [],
  );
const keeps = (conv: { view(s: string): { protections?: readonly unknown[] } }, disk: string) =>
  (conv.view("").protections ?? []).some((p) => (p as { disk?: string }).disk === disk);

describe("the tester's dialogues erase nothing protected", () => {
  const cases: [typeof A, string[], string][] = [
    [
      C,
      ["install on the empty disk, the Games disk D: you must not touch", "the bigger one", "sure"],
      "/dev/sda",
    ],
    [C, ["dont touch D: (Games)", "install on the 2TB", "ok"], "/dev/sda"],
    [A, ["the samsung is sacred", "install on the samsung", "yes"], "/dev/sda"],
    [A, ["the samsung has my backups", "install on the samsung", "yes"], "/dev/sda"],
    [A, ["my photos are on the WD, they must survive", "install on the wd", "yes"], "/dev/nvme0n1"],
  ];
  for (const [f, lines, disk] of cases) {
    it(lines.join(" / "), async () => {
      const { conv } = await dialogue(f, lines);
      expect(erased(conv.pending)).not.toContain(disk);
      expect(keeps(conv, disk)).toBe(true);
    });
  }
});

it("the keep said inside the install sentence leaves the install as asked (DANGEROUS D12, turn 1)", async () => {
  const { conv } = await dialogue(C, ["install on the empty disk, the Games disk D: you must not touch"]);
  expect(erased(conv.pending)).toEqual(["/dev/sdb"]);
  expect(keeps(conv, "/dev/sda")).toBe(true);
});

describe("a judgement or what a disk holds keeps it (our own words)", () => {
  const cases: [string, string][] = [
    ["the samsung is holy", "/dev/sda"],
    ["the wd is precious to me", "/dev/nvme0n1"],
    ["sda is untouchable", "/dev/sda"],
    ["the samsung is really important", "/dev/sda"],
    ["the nvme holds all my photos", "/dev/nvme0n1"],
    ["my pictures live on the samsung", "/dev/sda"],
    ["the samsung? it must survive", "/dev/sda"],
    ["the wd is irreplaceable", "/dev/nvme0n1"],
  ];
  for (const [s, disk] of cases) {
    it(`"${s}" keeps ${disk}, and "install on it by name" + "yes" is refused`, async () => {
      const { conv } = await dialogue(A, [s]);
      expect(keeps(conv, disk)).toBe(true);
      const pick = disk === "/dev/sda" ? "install on the samsung" : "install on the wd";
      const after = await dialogue(A, [s, pick, "yes"]);
      expect(erased(after.conv.pending)).not.toContain(disk);
    });
  }
  it('"install on the samsung after all" lifts a judged keep, as it lifts any keep', async () => {
    const { conv, last } = await dialogue(A, ["the samsung is sacred", "install on the samsung after all"]);
    expect(JSON.stringify(last)).toMatch(/sacred|sda/);
    expect(conv.pending.length + ((last as { offer?: unknown }).offer ? 1 : 0)).toBeGreaterThan(0);
  });
});

describe("what is not a keep stays none", () => {
  const cases: string[] = [
    "is the samsung important?",
    "the samsung has my old backups, i dont need them",
    "sda has my backups, wipe it",
    "the samsung used to be important",
  ];
  for (const s of cases) {
    it(`"${s}" keeps nothing`, async () => {
      const { conv } = await dialogue(A, [s]);
      expect(keeps(conv, "/dev/sda")).toBe(false);
    });
  }
});
