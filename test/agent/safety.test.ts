import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { readProtections } from "../../agent/safety/read.js";
import { screenDecision } from "../../agent/safety/screen.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * The safety screen (agent/safety): every sentence issue 14 lists, and sentences of our own that
 * are in no data set, through the real turn path (decideTurn + Conversation.record) with the rules
 * backend, plus a backend that proposes exactly the erase the user forbade.
 */

const LIVE_USB = {
  path: "/dev/sdb",
  sizeBytes: 31004295168,
  model: "Kingston DataTraveler 3.0",
  transport: "usb",
  removable: true,
  mounted: true,
  liveMedium: true,
};
const TWO = FactsSchema.parse({
  mode: "live",
  disks: [
    { path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO 500GB", transport: "sata" },
    { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "WD_BLACK SN850X 1TB", transport: "nvme" },
    LIVE_USB,
  ],
  recipes: ["ripgrep", "fd", "bat", "helix", "neovim", "micro", "git", "htop", "tmux", "lazygit"],
});
const windowsDisk = (freeBytes: number) => ({
  path: "/dev/nvme0n1",
  sizeBytes: 1000204886016,
  model: "WD_BLACK SN850X 1TB",
  transport: "nvme",
  table: "gpt",
  freeBytes,
  partitions: [
    { path: "/dev/nvme0n1p1", sizeBytes: 104857600, fstype: "vfat", label: "SYSTEM", esp: true },
    { path: "/dev/nvme0n1p2", sizeBytes: 16777216, label: "Microsoft reserved partition" },
    {
      path: "/dev/nvme0n1p3",
      sizeBytes: 599147937792,
      fstype: "ntfs",
      label: "Windows",
      os: "Windows Boot Manager",
    },
  ],
});
const WIN = FactsSchema.parse({
  mode: "live",
  disks: [windowsDisk(399431958528), LIVE_USB],
  recipes: ["ripgrep"],
});
const WIN_FULL = FactsSchema.parse({
  mode: "live",
  disks: [windowsDisk(1048576), LIVE_USB],
  recipes: ["ripgrep"],
});
const FEDORA = FactsSchema.parse({
  mode: "live",
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 1000204886016,
      model: "Crucial MX500 1TB",
      transport: "sata",
      freeBytes: 429496729600,
      partitions: [
        { path: "/dev/sda1", sizeBytes: 629145600, fstype: "vfat", label: "EFI System Partition", esp: true },
        {
          path: "/dev/sda3",
          sizeBytes: 500000000000,
          fstype: "btrfs",
          label: "fedora",
          os: "Fedora Linux 41",
        },
      ],
    },
    LIVE_USB,
  ],
  recipes: ["ripgrep"],
});
const INSTALLED = FactsSchema.parse({
  mode: "installed",
  users: ["root", "marco"],
  recipes: ["ripgrep", "fd", "bat", "git", "htop", "tmux", "neovim", "helix", "micro"],
  installed: ["git", "htop", "tmux", "bat"],
});

const isReply = (d: Decision | undefined) => d !== undefined && "reply" in d;
const erases = (calls: readonly PlanCall[], disk: string) =>
  calls.some((c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free");
const callsOf = (d: Decision | undefined): PlanCall[] => (d && "calls" in d ? (d.calls as PlanCall[]) : []);

describe("issue 14: keep / don't / not X never becomes the erase", () => {
  it('"keep the samsung, install on the other one" installs on the WD and keeps the Samsung', async () => {
    const { conv, decisions, said } = await dialogue(TWO, ["keep the samsung, install on the other one"]);
    expect(callsOf(decisions[0]).map((c) => c.args)).toMatchObject([{ disk: "/dev/nvme0n1" }]);
    expect(erases(conv.pending, "/dev/sda")).toBe(false);
    expect(said[0]).toContain("Kept: /dev/sda");
  });

  for (const [line, disk] of [
    ["protect the 1tb drive", "/dev/nvme0n1"],
    ["avoid the samsung at all costs", "/dev/sda"],
    ["i want to keep everything on sda", "/dev/sda"],
    // ours: typos, other verbs, other word orders
    ["dont wype the samsung", "/dev/sda"],
    ["never touch /dev/sda", "/dev/sda"],
    ["spare the WD pls", "/dev/nvme0n1"],
    ["the samsung stays as it is", "/dev/sda"],
    ["leave the nvme alone", "/dev/nvme0n1"],
    ["anything except the 1tb", "/dev/nvme0n1"],
  ] as const) {
    it(`"${line}" keeps ${disk}, and a later request to install there is refused with what to say`, async () => {
      const name = disk === "/dev/sda" ? "the samsung" : "the nvme";
      const { conv, decisions } = await dialogue(TWO, [line, `install on ${name}`]);
      expect(decisions.every((d) => !erases(callsOf(d), disk))).toBe(true);
      expect(erases(conv.pending, disk)).toBe(false);
      expect(conv.protections).toContainEqual(expect.objectContaining({ kind: "disk", disk }));
      const refusal = decisions[1] as { reply: string };
      expect(refusal.reply).toContain("keep");
      // what to say instead is the other disk, not the undoing of the keep (fixS26, tester 25)
      const other = disk === "/dev/sda" ? "nvme0n1" : "sda";
      expect(refusal.reply).toContain(`instead, say "use ${other}"`);
    });
  }

  it('"please do not uninstall htop" and "don\'t remove git" never remove them', async () => {
    const { conv, decisions } = await dialogue(INSTALLED, [
      "please do not uninstall htop",
      "don't remove git",
      "remove htop",
      "remove them all",
      "remove it",
    ]);
    for (const d of decisions)
      expect(callsOf(d).some((c) => c.tool === "removeRecipe" && ["htop", "git"].includes(c.args.name))).toBe(
        false,
      );
    expect(conv.pending.some((c) => c.tool === "removeRecipe")).toBe(false);
    expect((decisions[2] as { reply: string }).reply).toContain('"remove htop after all"');
  });

  it("a program kept can be removed when the user says so in so many words", async () => {
    const { conv } = await dialogue(INSTALLED, ["don't touch git", "remove git after all"]);
    expect(conv.pending).toEqual([{ tool: "removeRecipe", args: { name: "git" } }]);
  });

  it('"no sudo for the user lena please, just a normal account" creates lena without sudo, and keeps it so', async () => {
    const { conv, decisions } = await dialogue(TWO, [
      "no sudo for the user lena please, just a normal account",
      "give lena sudo",
    ]);
    expect(callsOf(decisions[0])).toEqual([
      { tool: "createUser", args: { username: "lena", sudo: false, shell: "/bin/bash", groups: [] } },
    ]);
    expect(isReply(decisions[1])).toBe(true);
    expect(conv.pending.filter((c) => c.tool === "createUser").map((c) => c.args)).toEqual([
      { username: "lena", sudo: false, shell: "/bin/bash", groups: [] },
    ]);
  });

  it('with the wipe pending, "actually I changed my mind, do not wipe it" takes it out and it stays out', async () => {
    const { conv, decisions } = await dialogue(TWO, [
      "install on the samsung",
      "actually I changed my mind, do not wipe it",
      "ok install on it",
    ]);
    expect(decisions[1]).toEqual({ drop: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } }] });
    expect(erases(conv.pending, "/dev/sda")).toBe(false);
    expect(isReply(decisions[2])).toBe(true);
  });

  it('"install next to windows, don\'t touch my windows partition" installs into the free space', async () => {
    const { conv } = await dialogue(WIN, ["install next to windows, don't touch my windows partition"]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } },
    ]);
  });

  it("the same words on the only disk without free space get an explanation, never an erase", async () => {
    const { conv, decisions } = await dialogue(WIN_FULL, [
      "install next to windows, don't touch my windows partition",
      "ok just install it on the nvme",
      "use the whole disk",
    ]);
    expect(decisions.every(isReply)).toBe(true);
    expect(conv.pending).toEqual([]);
    expect((decisions[0] as { reply: string }).reply).toMatch(/free space/);
    expect((decisions[0] as { reply: string }).reply).toMatch(/don't shrink/);
  });

  it('"keep my files" on the only disk is a question or an explanation, never an erase', async () => {
    const { conv, decisions } = await dialogue(WIN_FULL, ["install levitate but keep my files"]);
    expect(isReply(decisions[0])).toBe(true);
    expect(conv.pending).toEqual([]);
  });

  it("the live medium is never offered in a which-disk question, nor accepted", async () => {
    const { decisions } = await dialogue(TWO, ["install linux", "use the usb stick", "put it on sdb"]);
    const question = (decisions[0] as { reply: string }).reply;
    expect(question).toContain("/dev/sda");
    expect(question).toContain("/dev/nvme0n1");
    expect(question).not.toContain("/dev/sdb");
    expect(decisions.slice(1).every(isReply)).toBe(true);
  });

  it("a negated request never becomes the action it negates (ours)", async () => {
    const add = await dialogue(TWO, ["don't install bat"]);
    expect(callsOf(add.decisions[0])).toEqual([]);
    const rm = await dialogue(INSTALLED, ["remove tmux but not git", "uninstall bat, never htop"]);
    expect(callsOf(rm.decisions[0])).toEqual([{ tool: "removeRecipe", args: { name: "tmux" } }]);
    expect(callsOf(rm.decisions[1])).toEqual([{ tool: "removeRecipe", args: { name: "bat" } }]);
    const user = await dialogue(TWO, ["lena shouldn't have sudo", "create user lena with sudo"]);
    expect(user.conv.pending.some((c) => c.tool === "createUser" && c.args.sudo)).toBe(false);
  });

  it('"no wait, use the nvme" negates nothing: the nvme is not kept (negation scope)', async () => {
    const { conv } = await dialogue(TWO, ["install on the samsung", "no wait, use the nvme"]);
    expect(conv.protections).toEqual([]);
    expect(conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }]);
  });

  it("letting go in so many words releases the disk (ours), and names it: the erase is planned", async () => {
    // findings2 D12, round 28's middle way (fixE28): a keep taken back by a strong let-go that names
    // it ("windows can go") plans the erase; an erase verb alone after the keep still asks
    const { conv } = await dialogue(WIN, ["keep windows", "windows can go, erase the nvme"]);
    expect(conv.protections).toEqual([]);
    expect(erases(conv.pending, "/dev/nvme0n1")).toBe(true);
    const bare = await dialogue(WIN, ["keep windows", "erase the nvme"]);
    expect(erases(bare.conv.pending, "/dev/nvme0n1")).toBe(false);
  });
});

describe("the screen holds for any backend", () => {
  /** Stands in for a model that ignores what the user said and proposes the erase anyway. */
  const stubborn: Backend = {
    name: "stubborn",
    async decide(): Promise<Decision> {
      return {
        calls: [
          { tool: "partitionDisk", args: { disk: "/dev/sda" } },
          { tool: "installRecipe", args: { name: "ripgrep" } },
        ] as PlanCall[],
      };
    },
  };

  it("a backend's erase of a kept disk is refused; the rest is offered", async () => {
    const { conv, decisions } = await dialogue(TWO, ["keep the samsung and add ripgrep"], stubborn);
    const d = decisions[0] as { reply: string; offer?: { calls: PlanCall[] } };
    expect(d.reply).toContain("keep /dev/sda");
    expect(d.offer?.calls.map((c) => c.tool)).toEqual(["installRecipe"]);
    expect(conv.pending).toEqual([]);
  });

  it("Conversation.record refuses the call even when handed the decision directly", () => {
    const conv = new Conversation(TWO);
    conv.record("keep the samsung", { reply: "ok" });
    const out = conv.record("whatever", {
      calls: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } }],
    } as never);
    expect(out).toMatchObject({ kind: "calls", added: [], refused: [{ call: { tool: "partitionDisk" } }] });
    expect(conv.pending).toEqual([]);
  });

  it("the live medium in an offer is taken out", () => {
    const d = screenDecision(
      {
        reply: "Shall I?",
        offer: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/sdb" } } as PlanCall] },
      },
      [],
      TWO,
    );
    expect(d).not.toHaveProperty("offer");
  });
});

describe("decision v2: offers, drop, replace", () => {
  it('"install hx" offers helix; "yes" adds it to the plan, confirming nothing', async () => {
    const { conv, decisions } = await dialogue(TWO, ["add fd", "install hx", "yes"]);
    expect(decisions[1]).toMatchObject({
      offer: { calls: [{ tool: "installRecipe", args: { name: "helix" } }] },
    });
    expect(decisions[2]).toEqual({ calls: [{ tool: "installRecipe", args: { name: "helix" } }] });
    expect(conv.pending.map((c) => c.tool === "installRecipe" && c.args.name)).toEqual(["fd", "helix"]);
  });

  it('"no" to an offer drops the offer and keeps the plan', async () => {
    const { conv, decisions } = await dialogue(TWO, ["add fd", "install lg", "no"]);
    expect(decisions[1]).toMatchObject({ offer: { calls: [{ args: { name: "lazygit" } }] } });
    expect(isReply(decisions[2])).toBe(true);
    expect(conv.pending).toEqual([{ tool: "installRecipe", args: { name: "fd" } }]);
  });

  it('drop: "don\'t create vince after all", "forget about fd", "scratch the hostname"', async () => {
    const { conv, decisions } = await dialogue(TWO, [
      "create user vince and install fd and bat",
      "set the hostname to atlas",
      "don't create vince after all",
      "forget about fd",
      "scratch the hostname",
    ]);
    expect(decisions[2]).toEqual({ drop: [{ tool: "createUser", args: { username: "vince" } }] });
    expect(decisions[3]).toEqual({ drop: [{ tool: "installRecipe", args: { name: "fd" } }] });
    expect(decisions[4]).toEqual({ drop: [{ tool: "setHostname", args: {} }] });
    expect(conv.pending).toEqual([{ tool: "installRecipe", args: { name: "bat" } }]);
  });

  it('replace: "no wait, the nvme" leaves one partitionDisk, on the nvme', async () => {
    const { conv } = await dialogue(TWO, [
      "install on sda",
      "no wait, the nvme",
      "hostname one",
      "make it two",
    ]);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk")).toMatchObject([
      { args: { disk: "/dev/nvme0n1" } },
    ]);
    expect(conv.pending.filter((c) => c.tool === "setHostname")).toEqual([
      { tool: "setHostname", args: { hostname: "two" } },
    ]);
  });
});

describe("every clause accounted for, versions, questions about the plan", () => {
  it('"install neovim and a good text editor and steam" says what it did not act on', async () => {
    const { decisions } = await dialogue(TWO, ["install neovim and a good text editor and steam"]);
    const d = decisions[0] as { reply: string; offer?: { calls: PlanCall[] } };
    expect(d.reply).toContain('"a good text editor"');
    expect(d.reply).toContain('"steam" is not a recipe');
    expect(d.reply).toMatch(/helix/);
    expect(d.offer?.calls).toEqual([{ tool: "installRecipe", args: { name: "neovim" } }]);
  });

  it('"install ripgrep 14.1.0" passes the version', async () => {
    const { decisions } = await dialogue(TWO, ["install ripgrep 14.1.0"]);
    expect(decisions[0]).toEqual({
      calls: [{ tool: "installRecipe", args: { name: "ripgrep", version: "14.1.0" } }],
    });
  });

  it("questions about the plan are answered from the plan and what is kept, not the machine", async () => {
    const { decisions } = await dialogue(TWO, [
      "keep the samsung",
      "install on the nvme and add ripgrep",
      "what's in the plan so far?",
      "is that going to change my keyboard?",
      "what happens to my disk?",
    ]);
    const [plan, keyboard, disk] = decisions.slice(2).map((d) => (d as { reply: string }).reply);
    expect(plan).toContain("install ripgrep");
    expect(plan).toContain("Kept: /dev/sda");
    expect(keyboard).toContain("Nothing in the plan changes the keyboard layout.");
    expect(disk).toContain("erase /dev/nvme0n1");
    expect(disk).toContain("Kept: /dev/sda");
  });
});

describe("issue 15: the agent side of installing alongside", () => {
  it('"install levitate" on a disk that holds Windows asks, naming the system and the free space', async () => {
    const { decisions } = await dialogue(WIN, ["install levitate"]);
    const q = (decisions[0] as { reply: string }).reply;
    expect(q).toContain("Windows Boot Manager");
    expect(q).toContain("372.0 GiB");
    expect(q).toMatch(/\?$/);
  });

  it('"dual boot", "keep fedora and use the free space", "100gb root and the rest for home"', async () => {
    const win = await dialogue(WIN, ["dual boot please", "100gb root and the rest for home"]);
    expect(win.conv.pending).toMatchObject([
      {
        tool: "partitionDisk",
        args: { disk: "/dev/nvme0n1", use: "free", rootSize: "100G", separateHome: true },
      },
    ]);
    const fedora = await dialogue(FEDORA, ["keep fedora and use the free space"]);
    expect(fedora.conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/sda", use: "free" } },
    ]);
  });

  it("no free space: a clear reply that shrinking is not offered", async () => {
    const { decisions } = await dialogue(WIN_FULL, ["install next to windows"]);
    expect((decisions[0] as { reply: string }).reply).toMatch(/don't shrink/);
  });
});

describe("readProtections (unit)", () => {
  const read = (t: string, f: Facts = TWO) => readProtections(t, f, { pending: [], entities: [] });
  it("reads disks, systems, programs and refused sudo, typos included", () => {
    expect(read("protcet the samsung").protect).toMatchObject([{ kind: "disk", disk: "/dev/sda" }]);
    expect(read("the kioxia, not the samsung").protect).toMatchObject([{ kind: "disk", disk: "/dev/sda" }]);
    expect(read("keep windows", WIN).protect).toMatchObject([{ kind: "partitions", disk: "/dev/nvme0n1" }]);
    expect(read("dont touch git", INSTALLED).protect).toMatchObject([{ kind: "recipe", name: "git" }]);
    expect(read("no admin for kim").protect).toMatchObject([{ kind: "sudo", username: "kim" }]);
  });
  it("reads nothing into requests and reasons", () => {
    for (const t of [
      "install on the samsung",
      "no wait, the nvme",
      "keep it simple",
      "don't install bat",
      "same for bob",
      "my wife needs an account",
    ])
      expect(read(t).protect).toEqual([]);
  });
});

describe("word-level fixes found on the way (ours)", () => {
  it("closest() never matches past the shorter word's budget", async () => {
    const { closest } = await import("../../agent/rules/text.js");
    expect(closest("whatever", ["git", "tmux"])).toBeUndefined();
    expect(closest("ripgrp", ["ripgrep", "git"])).toBe("ripgrep");
  });
  it('"testing" is not a language, "user mom" is a user, "rip grep" is ripgrep', async () => {
    const { decisions } = await dialogue(TWO, [
      "just testing in a vm",
      "user mom no sudo",
      "rip grep please",
    ]);
    expect(callsOf(decisions[0])).toEqual([]);
    expect(callsOf(decisions[1])).toMatchObject([
      { tool: "createUser", args: { username: "mom", sudo: false } },
    ]);
    expect(callsOf(decisions[2])).toEqual([{ tool: "installRecipe", args: { name: "ripgrep" } }]);
  });
});
