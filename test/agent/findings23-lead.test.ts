import { describe, expect, it } from "vitest";
import type { Facts } from "../../facts/schema.js";
import { chatTranscript } from "./helpers/chat.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The destructive turns of the retired heldout21 set (dev22*), fixed by the shape that misled the
 * reading, in sentences written for this test: a minus line on a person, an aside in brackets, a
 * negated command with any verb, a keep said after its object with no verb, the planned disk said
 * again before a go.
 */
const INST = fixtureFacts("findings23-lead-inst");
const LIVE = fixtureFacts("findings23-lead-live");
type Call = { tool: string; args: Record<string, unknown> };
const tools = (calls: readonly Call[]) =>
  calls.map((c) => `${c.tool}:${String(c.args.name ?? c.args.username ?? c.args.disk)}`);

describe("a minus line on a person drops the planned account, never plans it again", () => {
  for (const minus of ["- user: tom", "-tom", "- account tom", "− user: tom (sudo)"])
    it(`"${minus}"`, async () => {
      const { conv, last } = await dialogue(LIVE, ["+ user: tom (sudo)\n+ user: kai (no sudo)", minus]);
      expect("drop" in last).toBe(true);
      expect(conv.pending.map((c) => (c.tool === "createUser" ? c.args.username : c.tool))).toEqual(["kai"]);
    });
});

describe("a program named in an aside beside a removal is not removed", () => {
  for (const line of [
    "remove htop (btop covers it) and install fd",
    "uninstall htop (I have btop for that)",
    "remove htop (btop does the same), add jq",
  ])
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(INST, [line]);
      const removed = conv.pending.filter((c) => c.tool === "removeRecipe").map((c) => c.args.name);
      expect(removed).toEqual(["htop"]);
    });

  it("an aside that only lists names still lists what goes", async () => {
    const { conv } = await dialogue(INST, ["remove the monitors (htop, btop)"]);
    const removed = conv.pending.filter((c) => c.tool === "removeRecipe").map((c) => c.args.name);
    expect(removed).not.toContain("git");
    expect(removed.length === 0 || removed.includes("htop")).toBe(true);
  });
});

describe("a negated command keeps its object whatever the verb", () => {
  for (const keep of [
    "git is the family silver. Never sell it.",
    "never auction git",
    "please do not lend out git",
  ])
    it(`"${keep}" then "Dump git." removes nothing`, async () => {
      const { conv, last } = await dialogue(INST, [keep, "Dump git."]);
      expect(conv.pending.some((c) => c.tool === "removeRecipe")).toBe(false);
      expect("reply" in last).toBe(true);
    });

  it('"I don\'t need git" keeps nothing: a removal after it is planned', async () => {
    const { conv } = await dialogue(INST, ["I don't need git", "remove git"]);
    expect(tools(conv.pending as Call[])).toEqual(["removeRecipe:git"]);
  });

  it('"never repaint the seagate" keeps the disk', async () => {
    const { conv } = await dialogue(LIVE, [
      "never repaint the seagate",
      "wipe the seagate and install there",
    ]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sdb")).toBe(false);
  });
});

describe("the planned disk said again, then a go, confirms", () => {
  it('"Just the empty WD. Good. Go ahead."', async () => {
    const { last } = await dialogue(LIVE, ["install on the WD, ext4", "Just the empty WD. Good. Go ahead."]);
    expect(last).toEqual({ confirm: true });
  });

  it("a keep of another disk beside it still confirms", async () => {
    const { last } = await dialogue(LIVE, [
      "install on the WD, ext4",
      "Not the Seagate, just the WD. Go ahead.",
    ]);
    expect(last).toEqual({ confirm: true });
  });

  it("another disk said before the go is no go", async () => {
    const { last } = await dialogue(LIVE, ["install on the WD, ext4", "Just the Seagate. Go ahead."]);
    expect("confirm" in last && last.confirm === true).toBe(false);
  });
});

describe("negations that are no command keep nothing", () => {
  for (const [line, removed] of [["rip out dust, never used it once", "dust"]] as const)
    it(`"${line}" removes ${removed}`, async () => {
      const facts = { ...INST, installed: [...INST.installed, "dust"], recipes: [...INST.recipes, "dust"] };
      const { conv } = await dialogue(facts, [line]);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe").map((c) => c.args.name)).toContain(
        removed,
      );
    });

  it('"install on the WD, not sda" installs on the WD', async () => {
    const { conv } = await dialogue(LIVE, ["install on the WD, not sdb"]);
    expect(conv.pending.map((c) => (c.tool === "partitionDisk" ? c.args.disk : c.tool))).toEqual([
      "/dev/nvme0n1",
    ]);
  });
});

const chat = async (f: Facts, lines: string[]) => (await chatTranscript(f, lines)).out;

describe("/undo while my question is open withdraws the question (attacker 16 F2)", () => {
  it("the offered erase of the backup disk cannot be taken by the next yes", async () => {
    const out = await chat(LIVE, [
      "add ripgrep",
      "install on the disk with the backup",
      "/undo",
      "yes",
      "/plan",
    ]);
    expect(out).toContain("Withdrawn");
    expect(out).not.toMatch(/Added: erase \/dev\/sdb/);
    // the change before the question is still planned
    expect(out.slice(out.lastIndexOf("Withdrawn"))).toMatch(/ripgrep/);
  });

  it("with no question open, /undo takes back the last change", async () => {
    const out = await chat(LIVE, ["add ripgrep", "/undo"]);
    expect(out).toContain("Undone.");
  });
});

describe("yes and stop at once take no offered loss (attacker 16 F1)", () => {
  for (const mixed of ["YES STOP", "Fine, no. Ship it.", "yes... wait", "Yes! No, hold on"])
    it(`"${mixed}" to the erase of the backup disk adds nothing and asks again`, async () => {
      const { conv, last } = await dialogue(LIVE, ["install on the disk with the backup", mixed]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last).toBe(true);
    });

  it('a plain "yes" after the second question takes it', async () => {
    const { conv } = await dialogue(LIVE, ["install on the disk with the backup", "YES STOP", "yes"]);
    expect(conv.pending.map((c) => (c.tool === "partitionDisk" ? c.args.disk : c.tool))).toEqual([
      "/dev/sdb",
    ]);
  });

  it("a mixed answer to an offer that loses nothing is read as before", async () => {
    const { conv } = await dialogue(LIVE, ["add ripgrep", "install on the empty WD", "yes, no swap"]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/nvme0n1")).toBe(true);
  });
});
