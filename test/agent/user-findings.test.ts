import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { readTakeBack } from "../../agent/safety/takeback.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * The bugs an independent user found by typing (issue 14, /work/lead/user-findings.md): each with
 * the user's own sentence and two variants that are in no data set.
 */

function facts(name: string): Facts {
  return FactsSchema.parse(
    JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")),
  );
}
const TWO_DISKS = facts("live-samsung-wd");
const WINDOWS = facts("live-windows-free");
const INSTALLED = facts("installed-lena");

const users = (pending: readonly PlanCall[]) =>
  pending.flatMap((c) => (c.tool === "createUser" ? [{ username: c.args.username, sudo: c.args.sudo }] : []));

/** Every call the decision would add, offered ones included: none may give vince sudo. */
function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}

describe("DANGEROUS 1: 'actually' before a refusal of sudo never grants it", () => {
  for (const [setup, refusal] of [
    ["use the nvme. create user vince with sudo", "actually no sudo for vince"],
    ["use the nvme, add vince with sudo", "actually dont give vince sudo"],
    ["use the nvme, add vince with admin rights", "actually no admin rights for vince"],
    ["use the nvme, add vince with sudo", "actually no sudo for him"],
    ["use the nvme, add vince with sudo", "on second thought vince shouldnt get sudo"],
  ] as const) {
    it(`"${refusal}"`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [setup, refusal]);
      expect(proposed(last).some((c) => c.tool === "createUser" && c.args.sudo)).toBe(false);
      expect(users(conv.pending).filter((u) => u.sudo)).toEqual([]);
      expect(conv.protections).toContainEqual(expect.objectContaining({ kind: "sudo", username: "vince" }));
    });
  }
  it("'actually give vince sudo' still grants it (a discourse marker, not a negation)", async () => {
    const { conv } = await dialogue(TWO_DISKS, ["use the nvme, add vince", "actually give vince sudo"]);
    expect(users(conv.pending)).toEqual([{ username: "vince", sudo: true }]);
  });
});

describe("DANGEROUS 2: words after 'from'/'away' are not new users", () => {
  for (const line of [
    "take sudo away from vince",
    "revoke admin from vince",
    "strip vince of his sudo rights",
  ]) {
    it(`"${line}" takes vince's sudo and creates nobody`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, ["use the nvme, add vince with sudo", line]);
      expect(
        proposed(last).every((c) => c.tool !== "createUser" || (c.args.username === "vince" && !c.args.sudo)),
      ).toBe(true);
      expect(users(conv.pending)).toEqual([{ username: "vince", sudo: false }]);
    });
  }
});

describe("DANGEROUS 3: a take-back after a request cancels it", () => {
  for (const line of [
    "remove git, actually no",
    "uninstall git... never mind",
    "remove htop and git wait no",
  ]) {
    it(`"${line}" removes nothing`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      expect(proposed(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/won't/);
    });
  }
  it("what follows the take-back is the request: 'remove git, scratch that, remove htop'", async () => {
    const { conv } = await dialogue(INSTALLED, ["remove git, scratch that, remove htop"]);
    expect(conv.pending).toEqual([{ tool: "removeRecipe", args: { name: "htop" } }]);
  });
  it("a turn that starts with the marker corrects the last turn; 'no sudo' is no take-back", () => {
    expect(readTakeBack("no wait, use the other disk")).toBeUndefined();
    expect(readTakeBack("actually no sudo for vince")).toBeUndefined();
    expect(readTakeBack("no, actually keep it, never mind")).toBeUndefined();
    expect(readTakeBack("keep sda, don't forget it")).toBeUndefined();
    expect(readTakeBack("install btop and tmux, no wait just tmux")).toEqual({
      before: "install btop and tmux",
      // the object alone takes the withdrawn object's place, under the same verb
      after: "install just tmux",
    });
  });
});

describe("WRONG 1: Windows kept, the free space stays usable, an erase says what is lost", () => {
  for (const line of [
    "ok use the free space on the nvme",
    "fine, put it in the free space of the samsung",
    "use the empty space on nvme0n1 then",
  ]) {
    it(`"leave windows alone" then "${line}" installs into the free space`, async () => {
      const { conv } = await dialogue(WINDOWS, ["leave windows alone", line]);
      expect(conv.pending).toEqual([
        expect.objectContaining({
          tool: "partitionDisk",
          args: expect.objectContaining({ disk: "/dev/nvme0n1", use: "free" }),
        }),
      ]);
      expect(conv.protections.some((p) => p.kind === "disk")).toBe(false);
    });
  }
  for (const line of [
    "erase /dev/nvme0n1, I don't need what's on it",
    "erase the nvme, i dont need whats on it anymore",
    "wipe /dev/nvme0n1 completely, the stuff on it can go",
  ]) {
    it(`"${line}" after keeping Windows asks, naming Windows as lost`, async () => {
      const { conv, last } = await dialogue(WINDOWS, ["leave windows alone", line]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/Windows Boot Manager.*lost/);
      const { conv: after } = await dialogue(WINDOWS, ["leave windows alone", line, "yes"]);
      expect(after.pending).toEqual([
        expect.objectContaining({ tool: "partitionDisk", args: expect.objectContaining({ use: "whole" }) }),
      ]);
    });
  }
});

describe("WRONG 2: a word beside a user request is not a new user", () => {
  for (const [line, users_, recipes] of [
    [
      "instal on nvme, keep samsung, user vince w/ sudo, neovim + helix + ripgrep",
      ["vince"],
      ["neovim", "helix", "ripgrep"],
    ],
    ["add user mara, bat + fd", ["mara"], ["bat", "fd"]],
    ["new user otto with sudo, then tmux and htop", ["otto"], ["tmux", "htop"]],
  ] as const) {
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(users(conv.pending).map((u) => u.username)).toEqual(users_);
      const planned = conv.pending.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
      expect(planned.sort()).toEqual([...recipes].sort());
    });
  }
  for (const line of [
    "create user vince with sudo and install neovim and a good text editor and steam",
    "add user vince, install neovim and minecraft",
    "create vince and install helix and photoshop",
  ]) {
    it(`"${line}": the unknown program becomes no user and is named`, async () => {
      const { last } = await dialogue(TWO_DISKS, [line]);
      expect(
        proposed(last)
          .filter((c) => c.tool === "createUser")
          .map((c) => c.args.username),
      ).toEqual(["vince"]);
    });
  }
  for (const [make, remove] of [
    ["create user neovim", "remove user neovim"],
    ["create user mara", "delete the user mara"],
    ["add a user called kim", "delete user kim please"],
  ] as const) {
    it(`"${remove}" about a user only in the plan drops it`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [make, remove]);
      expect(last).toHaveProperty("drop");
      expect(users(conv.pending)).toEqual([]);
    });
  }
});

describe("WRONG 5: corrections within and across turns", () => {
  for (const line of [
    "install btop and tmux, no wait just tmux",
    "add fd and bat... scratch that, just bat",
  ]) {
    it(`"${line}" plans only the corrected part`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(conv.pending).toHaveLength(1);
    });
  }
  for (const line of ["i said just tmux, no btop", "without btop please", "just tmux, not btop"]) {
    it(`"${line}" after "install btop and tmux" drops btop`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["install btop and tmux", line]);
      expect(conv.pending).toEqual([{ tool: "installRecipe", args: { name: "tmux" } }]);
    });
  }
});

describe("WRONG 6: the refused sudo belongs to the user named, never to a verb", () => {
  for (const line of [
    "add usr lena no sudo, normal acount",
    "create usr lena, no admin",
    "add lena as a normal account",
  ]) {
    it(`"${line}" keeps lena from sudo, and "make lena an admin" asks`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [line, "make lena an admin"]);
      const refused = conv.protections.flatMap((p) => (p.kind === "sudo" ? [p.username] : []));
      expect(refused).toEqual(["lena"]);
      expect(users(conv.pending)).toEqual([{ username: "lena", sudo: false }]);
      expect("reply" in last && last.reply).toMatch(/lena should not have sudo/);
    });
  }
});

describe("WRONG 8: a question never changes the plan", () => {
  for (const q of ["does vince have sudo?", "so is vince an admin?", "has vince got admin rights?"]) {
    it(`"${q}" answers from the plan and changes nothing`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, ["use the nvme, create user vince", q]);
      expect(users(conv.pending)).toEqual([{ username: "vince", sudo: false }]);
      expect(last).not.toHaveProperty("calls");
      expect("reply" in last && last.reply).toMatch(/^No: the plan creates vince without sudo/);
    });
  }
  for (const q of [
    "will it wipe the samsung?",
    "is the samsung going to be erased?",
    "is sda going to be wiped?",
  ]) {
    it(`"${q}" is answered about the Samsung, not about the disk the plan erases`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, ["keep the samsung, put it on the other one", q]);
      expect(conv.pending).toHaveLength(1);
      expect("reply" in last && last.reply).toMatch(/^No: nothing in the plan touches \/dev\/sda/);
    });
  }
  it("a backend that reads a question as a request is overruled (any backend)", async () => {
    const eager = {
      name: "eager",
      decide: async () => ({
        calls: [{ tool: "createUser", args: { username: "vince", sudo: true } }],
      }),
    };
    const conv = new Conversation(TWO_DISKS);
    for (const q of ["does vince have sudo?", "is vince going to be an admin?", "did I give vince sudo?"]) {
      const d = await decideTurn(eager as never, conv.view(q), TWO_DISKS);
      expect(d).toHaveProperty("reply");
    }
    // a polite request is not a question
    const d = await decideTurn(eager as never, conv.view("would you give vince sudo?"), TWO_DISKS);
    expect(d).toHaveProperty("calls");
  });
});

describe("WRONG 9: keeping a disk whose erase is planned reports the erase dropped", () => {
  for (const line of [
    "actually keep the samsung",
    "wait my files are on the samsung dont lose them",
    "hold on, sda has my photos, keep it",
  ]) {
    it(`"${line}" after "install on sda"`, async () => {
      const conv = new Conversation(TWO_DISKS);
      const backend = createRulesBackend();
      for (const l of ["install on sda", line]) {
        const d = await decideTurn(backend, conv.view(l), TWO_DISKS);
        const out = conv.record(l, d);
        if (l === line) {
          expect(out.kind).toBe("drop");
          expect(out.kind === "drop" && out.dropped.map((c) => c.tool)).toEqual(["partitionDisk"]);
        }
      }
      expect(conv.pending).toEqual([]);
    });
  }
});

describe("WRONG 10 (part): keeping one of two disks offers the other, and 'yes' takes the offer", () => {
  for (const line of ["keep the samsung", "dont touch the 500gb one", "leave sda alone pls"]) {
    it(`"${line}" then "yes"`, async () => {
      const { conv, decisions } = await dialogue(TWO_DISKS, [line, "yes"]);
      expect(decisions[0]).toHaveProperty("offer");
      expect(conv.pending).toEqual([
        expect.objectContaining({
          tool: "partitionDisk",
          args: expect.objectContaining({ disk: "/dev/nvme0n1" }),
        }),
      ]);
    });
  }
});
