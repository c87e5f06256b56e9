import { describe, expect, it } from "vitest";
import { sayRatherThan } from "../../agent/rules/ratherThan.js";
import { callsOf, erases, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9 D1: "install on the crucial rather than the seagate" asked to erase the Seagate and "ok"
 * erased it. The thing after a scoping word ("rather than", "instead of", "in place of", "as opposed
 * to", "over" after a preference, "not … but …", "rather not") is the one NOT meant
 * (agent/rules/ratherThan.ts). Machines: the tester's desk (Samsung nvme0n1 with Windows, Seagate
 * sda with the photos, empty Crucial sdb) and an installed system (neovim, htop installed; helix
 * available).
 */
const DESK = fixtureFacts("findings10t-desk");
const INSTALLED = fixtureFacts("findings9-installed");

/** [words, the disk meant, the disk kept] */
const DISKS: [string, string, string][] = [
  ["install on the crucial rather than the seagate", "/dev/sdb", "/dev/sda"],
  ["rather than the seagate, the crucial", "/dev/sdb", "/dev/sda"],
  ["rather than the seagate, put it on the crucial", "/dev/sdb", "/dev/sda"],
  ["install on the crucial instead of the seagate", "/dev/sdb", "/dev/sda"],
  ["instead of sda, use sdb please", "/dev/sdb", "/dev/sda"],
  ["put it on sdb in place of sda", "/dev/sdb", "/dev/sda"],
  ["install on the crucial as opposed to the seagate", "/dev/sdb", "/dev/sda"],
  ["i prefer the crucial over the seagate", "/dev/sdb", "/dev/sda"],
  ["i'd rather use sdb than sda", "/dev/sdb", "/dev/sda"],
  ["not the seagate but the crucial", "/dev/sdb", "/dev/sda"],
  ["install not on sda but on sdb", "/dev/sdb", "/dev/sda"],
  ["use sdb, rather not sda", "/dev/sdb", "/dev/sda"],
  ["the crucial > the seagate", "/dev/sdb", "/dev/sda"],
  ["put it on the crucial in stead of the seagate", "/dev/sdb", "/dev/sda"],
  ["Install on the Crucial rather than the Seagate, it has my photos", "/dev/sdb", "/dev/sda"],
  ["use the crucial rather than wiping the seagate", "/dev/sdb", "/dev/sda"],
  ["instead of the samsung, the crucial", "/dev/sdb", "/dev/nvme0n1"],
];

describe("the disk after a scoping word is kept, the other one meant (D1)", () => {
  for (const [said, meant, kept] of DISKS)
    for (const answer of ["ok", "yes"])
      it(`"${said}" then "${answer}" installs on ${meant} and never erases ${kept}`, async () => {
        const { conv, decisions } = await dialogue(DESK, [said, answer]);
        const calls = decisions.flatMap(callsOf);
        expect(calls.some(erases(kept))).toBe(false);
        expect(calls.some(erases(meant))).toBe(true);
        expect(conv.protections.some((p) => p.kind === "disk" && p.disk === kept)).toBe(true);
      });
});

describe("between programs: the one meant is installed, nothing is removed unless asked", () => {
  const programs = [
    "install helix rather than neovim",
    "helix instead of neovim please",
    "add helix in place of neovim",
    "rather than neovim, install helix",
    "i'd rather have helix than neovim",
    "not neovim but helix",
    "i prefer helix over neovim",
  ];
  for (const said of programs)
    it(`"${said}" installs helix and removes no neovim`, async () => {
      const { decisions } = await dialogue(INSTALLED, [said, "yes"]);
      const calls = decisions.flatMap(callsOf);
      expect(calls.some(removes("neovim"))).toBe(false);
      expect(calls.some((c) => c.tool === "installRecipe" && c.args.name === "helix")).toBe(true);
    });
});

describe("a removal scoped by these words removes only the one meant (W11)", () => {
  for (const [said, gone, kept] of [
    ["remove htop instead of git", "htop", "git"],
    ["remove tmux rather than htop", "tmux", "htop"],
    ["instead of htop remove tmux", "tmux", "htop"],
    ["rather than git, remove htop", "htop", "git"],
    ["uninstall tmux as opposed to htop", "tmux", "htop"],
    ["not git but htop, remove it", "htop", "git"],
  ] as const)
    it(`"${said}" then "yes" removes ${gone} and never ${kept}`, async () => {
      const { decisions } = await dialogue(INSTALLED, [said, "yes"]);
      const calls = decisions.flatMap(callsOf);
      expect(calls.some(removes(kept))).toBe(false);
      expect(calls.some(removes(gone))).toBe(true);
    });
});

describe("what is no scoping stays as typed", () => {
  for (const s of [
    "install over windows",
    "use sdb instead",
    "do not wipe sda but use sdb",
    "ben instead of ana gets sudo",
    "i would rather not",
    "not sure but the crucial i guess",
  ])
    it(`"${s}" is left alone`, () => {
      expect(sayRatherThan(s)).toBe(s);
    });
});
