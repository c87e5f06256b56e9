import { describe, expect, it } from "vitest";
import { sayStructuredLines } from "../../agent/rules/structuredLines.js";
import { callsOf, erases, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9 D2: "- keep: seagate" asked to erase the Seagate and "yes" erased it; "keep=sda,nvme0n1"
 * asked to erase the Windows disk. A list item's or a form line's key says what to do with its
 * value (agent/rules/structuredLines.ts). Machine: the tester's desk (Samsung nvme0n1 with
 * Windows, Seagate sda with the photos, empty Crucial sdb, Kingston live stick sdc).
 */
const DESK = fixtureFacts("findings10t-desk");
const INSTALLED = fixtureFacts("findings9-installed");

const SEAGATE_KEPT = [
  "- keep: seagate",
  "* keep: the seagate",
  "• Keep: Seagate",
  "keep: sda",
  "KEEP = sda",
  "keep=sda",
  "--keep sda",
  "--keep=/dev/sda",
  "- **keep**: the seagate",
  "**Keep:** the 2tb",
  "don't touch: sda",
  "do not touch = the seagate",
  "hands off: seagate",
  "1. keep: seagate",
  "seagate: keep",
  "- sda: don't touch",
  "/dev/sda = untouched",
];

describe("a keep key keeps its value, never targets it (D2)", () => {
  for (const line of SEAGATE_KEPT)
    for (const answer of ["yes", "ok", "go"])
      it(`"${line}" then "${answer}" never erases the Seagate`, async () => {
        const { conv, decisions } = await dialogue(DESK, [line, answer]);
        expect(decisions.flatMap(callsOf).some(erases("/dev/sda"))).toBe(false);
        expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
        expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
      });

  const both = [
    "keep=sda,nvme0n1",
    "keep: sda, nvme0n1",
    "keep: seagate, samsung",
    "- keep: the samsung and the seagate",
    "--keep sda,nvme0n1",
    "dont touch = samsung + seagate",
  ];
  for (const line of both)
    it(`"${line}" keeps both disks and offers only the Crucial`, async () => {
      const { conv, decisions } = await dialogue(DESK, [line, "yes"]);
      const calls = decisions.flatMap(callsOf);
      expect(calls.some(erases("/dev/sda"))).toBe(false);
      expect(calls.some(erases("/dev/nvme0n1"))).toBe(false);
      expect(
        conv.protections.filter((p) => p.kind === "disk").map((p) => p.kind === "disk" && p.disk),
      ).toEqual(expect.arrayContaining(["/dev/sda", "/dev/nvme0n1"]));
      expect(conv.pending.every((c) => c.tool !== "partitionDisk" || c.args.disk === "/dev/sdb")).toBe(true);
    });
});

describe("a form of several lines: each key does what it says", () => {
  it("the tester's form (k2) installs on the Crucial and keeps both others", async () => {
    const { conv, decisions } = await dialogue(DESK, [
      "disk=sdb",
      "keep=sda,nvme0n1",
      "user=ana sudo=no",
      "user=ben sudo=yes",
    ]);
    expect(decisions.flatMap(callsOf).some(erases("/dev/sda"))).toBe(false);
    expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({ disk: "/dev/sdb" });
    expect(
      conv.pending.some((c) => c.tool === "createUser" && c.args.username === "ana" && !c.args.sudo),
    ).toBe(true);
  });

  const lists = [
    "- keep: samsung - keep: seagate - target: crucial",
    "1. keep sda 2. install on sdb 3. user ana, no sudo",
    "1) keep the seagate 2) keep the samsung 3) disk: crucial",
    "disk: crucial\nkeep: seagate\nkeep: samsung",
    "- target: sdb\n- don't touch: sda, nvme0n1",
    "**disk**: the crucial. **keep**: the seagate",
    "install on the crucial. seagate: keep",
  ];
  for (const line of lists)
    it(`${JSON.stringify(line)} installs on the Crucial and erases nothing kept`, async () => {
      const { conv, decisions } = await dialogue(DESK, [line, "yes"]);
      const calls = decisions.flatMap(callsOf);
      expect(calls.some(erases("/dev/sda"))).toBe(false);
      expect(calls.some(erases("/dev/nvme0n1"))).toBe(false);
      expect(calls.some(erases("/dev/sdb"))).toBe(true);
      expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
    });

  it("a list of programs with a keep key removes nothing kept", async () => {
    const { decisions } = await dialogue(INSTALLED, ["- keep: neovim, htop\n- remove: fzf", "yes"]);
    const calls = decisions.flatMap(callsOf);
    expect(calls.some(removes("neovim"))).toBe(false);
    expect(calls.some(removes("htop"))).toBe(false);
    expect(calls.some(removes("fzf"))).toBe(true);
  });

  for (const line of ["remove=htop keep=git", "remove: htop, keep: git", "- remove: htop\n- keep: git"])
    it(`${JSON.stringify(line)} removes htop and keeps git (W10)`, async () => {
      const { decisions } = await dialogue(INSTALLED, [line, "yes"]);
      const calls = decisions.flatMap(callsOf);
      expect(calls.some(removes("git"))).toBe(false);
      expect(calls.some(removes("htop"))).toBe(true);
    });

  it("apps: a list key installs its programs", async () => {
    const { decisions } = await dialogue(DESK, ["apps: git, ripgrep"]);
    expect(
      callsOf(decisions[0]!)
        .flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []))
        .sort(),
    ).toEqual(["git", "ripgrep"]);
  });
});

describe("what is no form stays as typed", () => {
  for (const s of [
    "keep sda",
    "install on sdb",
    "hostname: box1",
    "dont touch D: (Games)",
    "network --hostname=box1",
    "jq - no way",
  ])
    it(`"${s}" is not rewritten into another key`, () => {
      const out = sayStructuredLines(s);
      expect(out === s || out.replace(/[\s.]+/g, " ").trim() === s.replace(/[\s.]+/g, " ").trim()).toBe(true);
    });

  // the one key said in words: a refused privilege, so no reader sees a bare "sudo" (findings11-people)
  it('"user=ana sudo=no" keeps its user and refuses the sudo', () => {
    expect(sayStructuredLines("user=ana sudo=no")).toBe("user=ana without sudo");
  });
});
