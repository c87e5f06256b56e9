import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { gateCertainty, segments } from "../../agent/safety/certaintyGate.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erase, erases, forced, remove, removes, sudoFor, user } from "./helpers/destructive.js";

/**
 * The certainty gate (agent/safety/certaintyGate.ts): whatever a backend read, an erase, a
 * removal or a sudo grant is not added when a segment of the turn that mentions its target holds
 * a word that protects or negates it, in any of the languages users mix in. Each case forces the
 * destructive call a misreading backend would make, so the gate alone is tested, for every
 * backend; the wordings are my own, in many voices and structures.
 */

const GB = 1_000_000_000;
const LIVE: Facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 500 * GB,
      model: "Samsung SSD 870 EVO 500GB",
      transport: "sata",
      removable: false,
      mounted: false,
      partitions: [
        { path: "/dev/sda1", sizeBytes: 100_000_000, fstype: "vfat", label: "SYSTEM" },
        { path: "/dev/sda2", sizeBytes: 499 * GB, fstype: "ntfs", os: "Windows Boot Manager" },
      ],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 2000 * GB,
      model: "ST2000DM008-2FR102",
      transport: "sata",
      removable: false,
      mounted: false,
      partitions: [{ path: "/dev/sdb1", sizeBytes: 2000 * GB, fstype: "ntfs", label: "Photos" }],
    },
    {
      path: "/dev/nvme0n1",
      sizeBytes: 1000 * GB,
      model: "CT1000P3SSD8",
      transport: "nvme",
      removable: false,
      mounted: false,
    },
  ],
  users: ["root"],
  recipes: ["git", "neovim", "vim", "bat", "fzf", "lazygit", "delta", "htop", "ripgrep"],
  installed: [],
});
const INST: Facts = FactsSchema.parse({
  mode: "installed",
  disks: [],
  users: ["root", "nadia"],
  recipes: ["git", "neovim", "vim", "bat", "fzf", "lazygit", "delta", "htop", "ripgrep"],
  installed: ["git", "neovim", "vim", "bat", "fzf", "lazygit", "delta", "htop"],
});

function gate(facts: Facts, text: string, calls: PlanCall[], pending: PlanCall[] = []): Decision {
  return gateCertainty({ calls } as Decision, { turns: [], pending, entities: [], user: text }, facts);
}
const planned = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);

describe("an erase of a disk the words protect is not planned, nor offered", () => {
  for (const t of [
    "install on the nvme, don't touch the samsung",
    "sda stays as it is, put linux on the crucial",
    "whatever you do, leave windows alone. nvme please",
    "Bitte nicht die Samsung löschen, nimm die nvme",
    "la samsung no se toca; instala en la nvme",
    "jangan hapus sda ya, pakai nvme saja",
    "sda mat chhedo, nvme pe install karo",
    "ne touche pas à sda, installe sur la nvme",
    "sda: keep\nnvme0n1: install",
    "disk,action\n/dev/sda,keep\n/dev/nvme0n1,install",
    "nvme is fine though the samsung is sacred",
    "wipe everything except the samsung",
    "dinnae touch the samsung, pit it on the nvme",
    "sda'yı silme, nvme'ye kur",
  ])
    it(JSON.stringify(t), () => {
      const d = gate(LIVE, t, [erase("/dev/sda"), erase("/dev/nvme0n1")]);
      expect(callsOf(d).some(erases("/dev/sda"))).toBe(false);
      expect(callsOf(d).some(erases("/dev/nvme0n1"))).toBe(true);
      expect("reply" in d && d.reply).toMatch(/erase sda/);
    });
  it("the photos disk named by its label and kept", () => {
    const d = gate(LIVE, "the Photos drive stays, erase the crucial", [erase("/dev/sdb")]);
    expect(callsOf(d).some(erases("/dev/sdb"))).toBe(false);
  });
  it("a disk named by its brand the model hides (seagate) and kept", () => {
    const d = gate(LIVE, "nope, forget that, the seagate stays ntfs", [erase("/dev/sdb")]);
    expect(callsOf(d).some(erases("/dev/sdb"))).toBe(false);
  });
});

describe("an erase the words ask for still plans (timid answers are failures too)", () => {
  for (const [t, disk] of [
    ["wipe sda", "/dev/sda"],
    ["erase the samsung, I don't need windows anymore", "/dev/sda"],
    ["install on the nvme, not the samsung", "/dev/nvme0n1"],
    ["no, the nvme", "/dev/nvme0n1"],
    ["no wait, use the crucial", "/dev/nvme0n1"],
    ["keep sda and put it on the nvme", "/dev/nvme0n1"],
    ["I don't care about windows, wipe the samsung", "/dev/sda"],
    ["no need to keep anything on sda, wipe it", "/dev/sda"],
    ["install on the nvme, no swap, no encryption", "/dev/nvme0n1"],
    ["leave sda alone, use the other disk", "/dev/nvme0n1"],
    ["formatea la nvme", "/dev/nvme0n1"],
  ] as const)
    it(JSON.stringify(t), () => {
      const d = gate(LIVE, t, [erase(disk)]);
      expect(planned(d).some(erases(disk))).toBe(true);
    });
});

describe("an erase that would replace the planned install while the words add a job is asked", () => {
  it('"and also reformat the seagate for steam" keeps the install on the nvme', () => {
    const d = gate(
      LIVE,
      "and could you also reformat the seagate for steam?",
      [erase("/dev/sdb")],
      [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "free" } } as PlanCall],
    );
    expect(planned(d).some(erases("/dev/sdb"))).toBe(false);
  });
  it('"no wait, the seagate instead" moves it', () => {
    const d = gate(LIVE, "no wait, the seagate instead", [erase("/dev/sdb")], [erase("/dev/nvme0n1")]);
    expect(planned(d).some(erases("/dev/sdb"))).toBe(true);
  });
});

describe("a removal of a program the words keep is not planned", () => {
  for (const t of [
    "so don't touch it. fzf can go",
    "remove fzf but bat stays",
    "fzf weg, bat behalten",
    "togli fzf, bat non si tocca",
    "remove the other git thing",
    "fzf can go; bat? nope",
    "usuń fzf, zostaw bat",
    "hapus fzf, jangan bat",
  ])
    it(JSON.stringify(t), () => {
      const target = t.includes("git") ? "git" : "bat";
      const d = gate(INST, t, [remove(target), remove("fzf")]);
      expect(callsOf(d).some(removes(target))).toBe(false);
    });
  for (const t of [
    "remove bat",
    "get rid of neovim but keep vim",
    "i never use bat, remove it",
    "remove git, helix — actually no, only bat",
  ])
    it(`${JSON.stringify(t)} still removes`, () => {
      const target = t.includes("neovim") ? "neovim" : "bat";
      expect(planned(gate(INST, t, [remove(target)])).some(removes(target))).toBe(true);
    });
});

describe("sudo stands only on a sudo word about that user, never one that refuses it", () => {
  for (const t of [
    "name | admin\nomar | no\npriya | yes",
    "create priya with sudo and omar without",
    "users: priya (admin) and omar (not admin)",
    "priya ist admin, omar nicht",
    "omar, nae sudo, mind. priya gets sudo",
    "priya jest adminem, omar nie",
  ])
    it(`${JSON.stringify(t)}: omar gets no sudo, priya keeps it`, () => {
      const d = gate(INST, t, [user("omar", true), user("priya", true)]);
      expect(callsOf(d).some(sudoFor("omar"))).toBe(false);
      expect(callsOf(d).some(sudoFor("priya"))).toBe(true);
    });
  for (const t of ["add a user omar", "omar likes zsh, make him an account"])
    it(`${JSON.stringify(t)}: no sudo word, sudo asked`, () => {
      const d = gate(INST, t, [user("omar", true)]);
      expect(planned(d).some(sudoFor("omar"))).toBe(false);
    });
  it('"nae sudo" read as a user called nae: never an account with sudo', () => {
    const d = gate(INST, "make us a user cawed fraser, nae sudo", [user("nae", true)]);
    expect(callsOf(d).some(sudoFor("nae"))).toBe(false);
  });
  for (const t of [
    "add ana with sudo",
    "creat user ana with sudi",
    "make me an administrator account, name is ana",
    "ana: sudo",
    "--user ana:sudo",
  ])
    it(`${JSON.stringify(t)} grants`, () =>
      expect(planned(gate(INST, t, [user("ana", true)])).some(sudoFor("ana"))).toBe(true));
});

describe("segments", () => {
  it("a table keeps its rows whole and knows its header", () => {
    const s = segments("name | admin\nomar | no");
    expect(s.map((x) => x.toks.map((y) => y.w).join(" "))).toEqual(["name admin", "omar no"]);
    expect(s[1]!.header?.map((y) => y.w)).toEqual(["name", "admin"]);
  });
  it("a contrast starts a segment", () =>
    expect(segments("wipe sda but keep sdb").map((x) => x.toks.map((y) => y.w).join(" "))).toEqual([
      "wipe sda",
      "but keep sdb",
    ]));
});

// The gate is on by default (agent/turn.ts); set here in case the environment turned it off.
process.env.LEVITATE_CERTAINTY_GATE = "1";

/** A backend that always returns the same decision: a model that misread the words. */

describe("wired in agent/turn.ts: it binds any backend", () => {
  it("a forced erase of the disk the words keep is not planned", async () => {
    const conv = new Conversation(LIVE);
    const d = await decideTurn(
      forced({ calls: [erase("/dev/sdb")] } as Decision),
      conv.view("leave the photos drive alone, samsung's windows can go"),
      LIVE,
    );
    expect(callsOf(d).some(erases("/dev/sdb"))).toBe(false);
  });
  it("a forced removal the words refuse is not planned", async () => {
    const conv = new Conversation(INST);
    const d = await decideTurn(
      forced({ calls: [remove("bat")] } as Decision),
      conv.view("bat non toccarlo, togli fzf"),
      INST,
    );
    expect(callsOf(d).some(removes("bat"))).toBe(false);
  });
});
