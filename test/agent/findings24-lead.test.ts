import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 22, the lead: the destructive turns of the retired heldout22 set (dev23*) and tester 20's
 * dangerous classes, fixed by the shape that misled the reading, in sentences written for this test.
 */
const LIVE = fixtureFacts("findings24-lead-live"); // Samsung with Windows, a blank Crucial, the live stick
const BLANK = fixtureFacts("findings24-lead-blank"); // a blank WD, a blank Seagate, the live stick
const INST = fixtureFacts("findings23-lead-inst");
const disks = (pending: readonly { tool: string; args: Record<string, unknown> }[]) =>
  pending.filter((c) => c.tool === "partitionDisk").map((c) => c.args.disk);

describe("a disk named in a statement about it is offered, never planned", () => {
  for (const line of [
    "the little WD is a keeper, I'm saving it for my photos",
    "the WD's a keeper",
    "the Seagate is mine",
    "we bought the WD last year",
    "I really like the Seagate",
  ])
    it(`"${line}"`, async () => {
      const { conv, last } = await dialogue(BLANK, [line]);
      expect(disks(conv.pending)).toEqual([]);
      expect("reply" in last).toBe(true);
    });

  for (const line of [
    "I like the Crucial but let me think about it",
    "I like the Crucial, it's a good horse",
    "the Crucial, let me think about it",
  ])
    it(`"${line}" (tester 20 D2)`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      expect(disks(conv.pending)).toEqual([]);
      expect("reply" in last).toBe(true);
    });

  it("the offer is taken by a yes", async () => {
    const { conv } = await dialogue(BLANK, ["the Seagate is mine", "yes"]);
    expect(disks(conv.pending)).toEqual(["/dev/sda"]);
  });

  for (const [line, disk] of [
    ["the WD is the one", "/dev/nvme0n1"],
    ["I'd like the WD", "/dev/nvme0n1"],
    ["I want the Seagate", "/dev/sda"],
    ["the Seagate it is", "/dev/sda"],
    ["The Seagate is cleared for work: wipe it and put LevitateOS there", "/dev/sda"],
    ["let me install it on the WD", "/dev/nvme0n1"],
  ] as const)
    it(`a pick stays a pick: "${line}"`, async () => {
      const { conv } = await dialogue(BLANK, [line]);
      expect(disks(conv.pending)).toEqual([disk]);
    });
});

describe('Galician "no" after a verb of placing is "in the", never "not"', () => {
  it('"Instala no Seagate, con btrfs." installs on the Seagate', async () => {
    const { conv } = await dialogue(BLANK, ["Instala no Seagate, con btrfs."]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/sda", filesystem: "btrfs" } },
    ]);
  });
  it('"Instala na WD" installs on the WD', async () => {
    const { conv } = await dialogue(BLANK, ["Instala na WD"]);
    expect(disks(conv.pending)).toEqual(["/dev/nvme0n1"]);
  });
  for (const keep of ["no instales en el Seagate", "instala, no el seagate"])
    it(`a Spanish negation still keeps: "${keep}"`, async () => {
      const { conv } = await dialogue(BLANK, [keep]);
      expect(disks(conv.pending)).not.toContain("/dev/sda");
    });
});

describe("a planned step named as a thing is never planned again", () => {
  it('"cancel the tmux removal, it\'s in the team dotfiles" takes it out', async () => {
    const { conv } = await dialogue(INST, [
      "remove htop and tmux",
      "cancel the tmux removal, it's in the team dotfiles",
    ]);
    const removed = conv.pending.filter((c) => c.tool === "removeRecipe").map((c) => c.args.name);
    expect(removed).toEqual(["htop"]);
  });
  for (const line of ["scrap the tmux removal", "call off the tmux removal"])
    it(`"${line}" adds nothing and asks`, async () => {
      const { conv, last } = await dialogue(INST, ["remove htop and tmux", line]);
      expect("reply" in last).toBe(true);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe")).toHaveLength(2);
    });

  it('"call off the tmux removal" asks, and "keep tmux" then takes it out', async () => {
    const { conv, last } = await dialogue(INST, ["remove htop and tmux", "call off the tmux removal"]);
    expect("reply" in last && last.reply).toMatch(/already in the plan.*keep tmux/);
    const after = await dialogue(INST, ["remove htop and tmux", "call off the tmux removal", "keep tmux"]);
    expect(after.conv.pending.map((c) => c.tool === "removeRecipe" && c.args.name)).toEqual(["htop"]);
    void conv;
  });
});

describe("the planned disk said again beside a stop or a go", () => {
  it('"Fine, just the WD then. Cut it." never adds the erase a second time', async () => {
    const { conv, last } = await dialogue(BLANK, ["put it on the WD", "Fine, just the WD then. Cut it."]);
    expect("calls" in last).toBe(false);
    expect(disks(conv.pending)).toEqual(["/dev/nvme0n1"]);
  });
  it('"Just the empty WD. Good. Hit it." confirms', async () => {
    const { last } = await dialogue(BLANK, ["put it on the WD", "Just the empty WD. Good. Hit it."]);
    expect(last).toEqual({ confirm: true });
  });
});

describe("tester 20 D1: an unread turn naming a planned program asks about that program", () => {
  for (const line of ["abort bat", "cut bat from the show too"])
    it(`"${line}" then "yes" takes bat out`, async () => {
      const { conv, last } = await dialogue(LIVE, ["add jq fzf bat", line]);
      expect("reply" in last && last.reply).toMatch(/Take install bat out of the plan\?/);
      const after = await dialogue(LIVE, ["add jq fzf bat", line, "yes"]);
      expect(after.conv.pending.map((c) => c.tool === "installRecipe" && c.args.name)).toEqual(["jq", "fzf"]);
      void conv;
    });
});

describe("tester 20 D3: remove everything except X, with only installs planned", () => {
  it("takes the others out and keeps X", async () => {
    const { conv } = await dialogue(LIVE, ["add ripgrep fd bat", "remove everything except ripgrep"]);
    expect(conv.pending.map((c) => c.tool === "installRecipe" && c.args.name)).toEqual(["ripgrep"]);
  });
});

describe("attacker 17 F2: a sudo grant naming the system's own account", () => {
  for (const line of ["give root sudo", "root should have sudo"])
    it(`"${line}" gives the planned user nothing`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create user anna", "create user bob", line]);
      expect("reply" in last && last.reply).toMatch(/root is an account this system already has/);
      expect(conv.pending.filter((c) => c.tool === "createUser" && c.args.sudo)).toEqual([]);
    });
  it('"give her sudo" still gives the planned user sudo', async () => {
    const { conv } = await dialogue(LIVE, ["create user anna", "give her sudo"]);
    expect(conv.pending).toMatchObject([{ tool: "createUser", args: { username: "anna", sudo: true } }]);
  });
});

describe("attacker 17 F7: a go put as a question runs nothing", () => {
  for (const line of ["yes?", "go ahead?", "do it? hmm"])
    it(`"${line}" asks again`, async () => {
      const { last } = await dialogue(LIVE, ["install on the crucial", "create user anna with sudo", line]);
      expect("reply" in last && last.reply).toMatch(/Go ahead with the plan\?/);
    });
  for (const line of ["Proceed? Yes, proceed.", "yes"])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(LIVE, ["install on the crucial", "create user anna with sudo", line]);
      expect(last).toEqual({ confirm: true });
    });
});
