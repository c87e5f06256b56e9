import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class B of the fourth user findings (DANGEROUS D1, D2, D5, D8): protections said by naming a
 * partition ("keep sda1"), what is on a disk ("my steam drive", "home-old"), a list ("dont touch
 * nvme0n1 or sda") or a system in other words ("windows must survive") keep that disk; a later
 * request never erases it. Machines: findings4-e (Samsung 980 nvme0n1 with ext4 "home-old", empty
 * Crucial nvme1n1, Seagate sda with NTFS "SteamLibrary"), findings4-b (Windows 11 and free space),
 * findings4-f (BIOS, Windows 7 and free space), findings4-h (Windows nvme0n1, Samsung sda with NTFS
 * "Games", empty Seagate sdb).
 */
const THREE = fixtureFacts("findings4-e");
const WIN11 = fixtureFacts("findings4-b");
const WIN7 = fixtureFacts("findings4-f");
const GAMER = fixtureFacts("findings4-h");

const wholeErases = (plan: PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []));
const users = (plan: PlanCall[]) => plan.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
const keptDisks = (conv: { protections: { kind: string }[] }) =>
  conv.protections.flatMap((p) => ("disk" in p ? [(p as { disk: string }).disk] : []));

type Case = [facts: typeof THREE, turns: string[], kept: string[]];

function check(cases: Case[]) {
  for (const [facts, turns, kept] of cases)
    it(`${turns.map((t) => `"${t}"`).join(" → ")} keeps ${kept.join(", ")}`, async () => {
      const { conv } = await dialogue(facts, turns);
      for (const d of kept) {
        expect(keptDisks(conv)).toContain(d);
        expect(wholeErases(conv.pending)).not.toContain(d);
      }
      expect(users(conv.pending).some((u) => /^(touch|nvme|sda|keep|leave|dont)/.test(u))).toBe(false);
    });
}

describe("a partition named in a keep keeps its disk (D2)", () => {
  check([
    // the tester's
    [
      THREE,
      [
        "nvme1n1 pls",
        "keep sda1 thats steam. also nvme0n1p1 has my old home, keep it",
        "use the biggest disk",
      ],
      ["/dev/sda", "/dev/nvme0n1"],
    ],
    [THREE, ["dont touch sda1", "use the seagate"], ["/dev/sda"]],
    [THREE, ["keep nvme0n1p1", "use the samsung"], ["/dev/nvme0n1"]],
    [THREE, ["leave sda1 alone", "use the seagate"], ["/dev/sda"]],
    [THREE, ["user z with sudo. keep nvme0n1p1", "use the samsung"], ["/dev/nvme0n1"]],
    [THREE, ["user z with sudo. dont touch sda1", "use the biggest disk"], ["/dev/sda"]],
    [THREE, ["user z with sudo. sda1 is my steam library, leave it", "use the biggest disk"], ["/dev/sda"]],
    // our own
    [THREE, ["pls dont wipe sda1", "ok the seagate then"], ["/dev/sda"]],
    [THREE, ["nvme0n1p1 stays", "erase the samsung"], ["/dev/nvme0n1"]],
    [THREE, ["hands off /dev/sda1 please", "install on sda"], ["/dev/sda"]],
    [THREE, ["dont tuch nvme0n1p1, install on the crucial"], ["/dev/nvme0n1"]],
    [THREE, ["keep sda1 and install on nvme1n1", "actually the big one"], ["/dev/sda"]],
    [THREE, ["do not format nvme0n1p1 please", "put it on nvme0n1"], ["/dev/nvme0n1"]],
  ]);
  it("the chosen disk stays in the plan when a partition of another is kept", async () => {
    const { conv } = await dialogue(THREE, [
      "nvme1n1 pls",
      "keep sda1 thats steam. also nvme0n1p1 has my old home, keep it",
    ]);
    expect(wholeErases(conv.pending)).toEqual(["/dev/nvme1n1"]);
    expect(conv.protections.some((p) => p.kind === "recipe")).toBe(false);
  });
  it("a free-space install beside a kept partition is still allowed", async () => {
    const { conv } = await dialogue(WIN11, ["keep nvme0n1p3", "install in the free space"]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.use === "free")).toBe(true);
  });
});

describe("what is on a disk names the disk, never a recipe (D1)", () => {
  check([
    // the tester's
    [
      THREE,
      ["dont touch my steam drive. install on the 500gb one", "actually put it on the big drive, more room"],
      ["/dev/sda"],
    ],
    // our own
    [THREE, ["the steam library drive stays", "use the seagate"], ["/dev/sda"]],
    [THREE, ["careful, home-old has my files, dont wipe it", "erase the samsung"], ["/dev/nvme0n1"]],
    [THREE, ["dont format the ntfs drive", "install on sda"], ["/dev/sda"]],
    [THREE, ["keep my steam stuff pls", "use the 2tb one"], ["/dev/sda"]],
    [GAMER, ["the drive with my games stays", "use the samsung"], ["/dev/sda"]],
    [THREE, ["leave my old home alone, use the crucial"], ["/dev/nvme0n1"]],
  ]);
  it('"dont touch my steam drive" keeps no steam recipe', async () => {
    const { conv } = await dialogue(THREE, ["dont touch my steam drive. install on the 500gb one"]);
    expect(conv.protections.some((p) => p.kind === "recipe")).toBe(false);
  });
});

describe("every member of a list is kept (D5)", () => {
  check([
    // the tester's
    [
      THREE,
      ["install on nvme1n1, dont touch nvme0n1 or sda", "user dev with sudo", "hmm use sda instead"],
      ["/dev/nvme0n1", "/dev/sda"],
    ],
    [
      THREE,
      [
        "install on the crucial, dont touch the samsung or the seagate",
        "user q with sudo",
        "actually the seagate",
      ],
      ["/dev/nvme0n1", "/dev/sda"],
    ],
    [THREE, ["install on nvme1n1, dont touch sda or nvme0n1"], ["/dev/nvme0n1", "/dev/sda"]],
    [THREE, ["install on nvme1n1, leave nvme0n1, sda alone"], ["/dev/nvme0n1", "/dev/sda"]],
    // our own
    [
      THREE,
      ["install on the crucial, not the samsung nor the seagate", "use the seagate"],
      ["/dev/nvme0n1", "/dev/sda"],
    ],
    [THREE, ["dont wipe sda nor nvme0n1", "erase sda"], ["/dev/nvme0n1", "/dev/sda"]],
    [THREE, ["avoid nvme0n1 and sda pls", "the samsung"], ["/dev/nvme0n1", "/dev/sda"]],
    [
      THREE,
      ["never touch the seagate or the samsung. crucial only", "ok now the seagate"],
      ["/dev/nvme0n1", "/dev/sda"],
    ],
    [
      THREE,
      ["leave the samsung and the seagate alone, crucial is fine", "use sda"],
      ["/dev/nvme0n1", "/dev/sda"],
    ],
    [THREE, ["dont touch sda", "or nvme0n1", "use nvme0n1"], ["/dev/nvme0n1", "/dev/sda"]],
  ]);
});

describe("a system kept in other words stays (D8)", () => {
  check([
    // the tester's
    [WIN11, ["windows must survive", "erase nvme0n1"], ["/dev/nvme0n1"]],
    [WIN11, ["i need windows still", "erase nvme0n1"], ["/dev/nvme0n1"]],
    // our own
    [WIN11, ["windows needs to stay", "wipe nvme0n1"], ["/dev/nvme0n1"]],
    [WIN11, ["i still need windows for work", "just erase the whole nvme"], ["/dev/nvme0n1"]],
    [WIN11, ["windows must surivve pls", "format nvme0n1"], ["/dev/nvme0n1"]],
    [WIN7, ["win7 stays", "erase sda"], ["/dev/sda"]],
    [WIN7, ["windows 7 has to remain", "use the whole disk"], ["/dev/sda"]],
    [WIN11, ["i need windows still, put linux next to it", "erase nvme0n1"], ["/dev/nvme0n1"]],
  ]);
});

describe("keeps that name nothing on a disk keep nothing more", () => {
  for (const line of [
    "keep it simple, no separate home",
    "no need to keep sda1, wipe the seagate",
    "is sda1 safe?",
  ])
    it(`"${line}" adds no protection of sda`, async () => {
      const { conv } = await dialogue(THREE, [line]);
      expect(keptDisks(conv)).not.toContain("/dev/sda");
    });
});
