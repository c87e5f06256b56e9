import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTakeBack } from "../../agent/safety/takeback.js";
import type { PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round five (issue 14): the classes behind dev5's misreads, each tested on sentences of the same
 * class that are in no data set.
 */

function facts(name: string): Facts {
  return FactsSchema.parse(
    JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")),
  );
}
const THREE = facts("live-three-disks");
const LENA = facts("installed-lena");
const INSTALLED = FactsSchema.parse({ ...LENA, installed: ["git", "htop", "ripgrep", "tmux", "btop", "fd"] });

/** Every call the decision would add, offered ones included. */
function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}
const erases = (d: Decision, disk: string) =>
  proposed(d).some((c) => c.tool === "partitionDisk" && c.args.disk === disk);

describe("a keep covers the whole list it heads, not its first item (dev5 ho4-096)", () => {
  for (const line of [
    "keep sda and sdb",
    "leave the samsung alone, the seagate too",
    "don't touch sda. also sdb.",
    "protect the samsung and the seagate as well",
    "never wipe sda, nor sdb",
  ]) {
    it(`"${line}" keeps both and erases neither`, async () => {
      const { conv, last } = await dialogue(THREE, [line]);
      expect(erases(last, "/dev/sda")).toBe(false);
      expect(erases(last, "/dev/sdb")).toBe(false);
      const kept = conv.protections.flatMap((p) => (p.kind === "disk" ? [p.disk] : []));
      expect(kept).toEqual(expect.arrayContaining(["/dev/sda", "/dev/sdb"]));
      expect(conv.pending).toEqual([]);
    });
  }
  it("a clause with its own verb is a request: 'keep sda and use the nvme'", async () => {
    const { conv } = await dialogue(THREE, ["keep sda and use the nvme"]);
    expect(conv.pending).toEqual([
      expect.objectContaining({
        tool: "partitionDisk",
        args: expect.objectContaining({ disk: "/dev/nvme0n1" }),
      }),
    ]);
  });
  it("the next turn adds to the list: 'keep the samsung' then 'sdb too'", async () => {
    const { conv, last } = await dialogue(THREE, ["keep the samsung", "sdb too"]);
    expect(erases(last, "/dev/sdb")).toBe(false);
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sdb")).toBe(true);
  });
});

describe("'and X' after a keep keeps X: it never continues an earlier removal (dev5 ho4-051)", () => {
  for (const more of ["and btop", "btop too", "also btop", "btop as well"]) {
    it(`"remove htop and btop" → "wait, keep htop" → "${more}" drops btop's removal`, async () => {
      const { conv, last } = await dialogue(INSTALLED, ["remove htop and btop", "wait, keep htop", more]);
      expect(proposed(last).some((c) => c.tool === "removeRecipe")).toBe(false);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe")).toEqual([]);
    });
  }
  it("after a removal, 'and btop' removes btop too (the control)", async () => {
    const { conv } = await dialogue(INSTALLED, ["remove htop", "and btop"]);
    expect(conv.pending.map((c) => c.tool === "removeRecipe" && c.args.name)).toEqual(["htop", "btop"]);
  });
});

describe("keep verbs people use (dev5 ho4-072)", () => {
  for (const line of [
    "exclude the seagate",
    "ignore the samsung, it's my backup disk",
    "hands off sdb",
    "stay away from the seagate",
    "skip the samsung",
    "sdb is off limits",
  ]) {
    it(`"${line}" keeps the disk`, async () => {
      const { conv, last } = await dialogue(THREE, [line]);
      const disk = /samsung/.test(line) ? "/dev/sda" : "/dev/sdb";
      expect(erases(last, disk)).toBe(false);
      expect(conv.protections.some((p) => p.kind === "disk" && p.disk === disk)).toBe(true);
    });
  }
  it("'windows included' is no typo of 'excluded'", async () => {
    const { conv } = await dialogue(THREE, ["wipe the seagate, everything included"]);
    expect(conv.protections).toEqual([]);
  });
});

describe("a correction inside one turn replaces the object it names (dev5 ho4-053)", () => {
  for (const [line, name] of [
    ["remove ripgrep... actually not ripgrep, git", "git"],
    ["uninstall htop, sorry, not htop, tmux", "tmux"],
    ["remove htop, no wait, btop", "btop"],
    ["remove tmux, I mean fd", "fd"],
    ["delete git, or rather htop", "htop"],
  ] as const) {
    it(`"${line}" removes only ${name}`, async () => {
      const { conv } = await dialogue(INSTALLED, [line]);
      expect(conv.pending).toEqual([{ tool: "removeRecipe", args: { name } }]);
    });
  }
  it("a disk: 'use sda... actually not sda, the nvme' erases only the nvme", async () => {
    const { last } = await dialogue(THREE, ["use sda... actually not sda, the nvme"]);
    expect(erases(last, "/dev/sda")).toBe(false);
    expect(erases(last, "/dev/nvme0n1")).toBe(true);
  });
  it("a user: 'create user bob, I mean robert'", async () => {
    const { conv } = await dialogue(THREE, ["create user bob, I mean robert"]);
    expect(conv.pending.map((c) => c.tool === "createUser" && c.args.username)).toEqual(["robert"]);
  });
  it("'not X' about something else is a keep, not a take-back", () => {
    expect(readTakeBack("install on sda, not sdb")).toBeUndefined();
    expect(readTakeBack("remove htop, not git")).toBeUndefined();
  });
});

const TWO = facts("live-samsung-wd");

describe("an exclusion as a request: 'anything but X' (user findings WRONG 10, dev5 ho4-002)", () => {
  for (const [line, disk] of [
    ["install on anything but the samsung", "/dev/nvme0n1"],
    ["put it on any disk but the wd", "/dev/sda"],
    ["whatever but not the samsung, install there", "/dev/nvme0n1"],
  ] as const) {
    it(`"${line}" plans ${disk}`, async () => {
      const { conv } = await dialogue(TWO, [line]);
      expect(conv.pending.map((c) => c.tool === "partitionDisk" && c.args.disk)).toEqual([disk]);
    });
  }
  it("said alone, 'anything but the 1tb' offers the other disk, and 'yes' takes it", async () => {
    const { decisions, conv } = await dialogue(TWO, ["anything but the 1tb", "yes"]);
    expect(decisions[0]).toMatchObject({
      offer: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } }] },
    });
    expect(conv.pending.map((c) => c.tool === "partitionDisk" && c.args.disk)).toEqual(["/dev/sda"]);
    expect(conv.protections).toContainEqual(expect.objectContaining({ kind: "disk", disk: "/dev/nvme0n1" }));
  });
  for (const pick of ["that one", "ok that one", "use that", "this one please"]) {
    it(`"keep the samsung" then "${pick}" takes the offered disk`, async () => {
      const { conv } = await dialogue(TWO, ["keep the samsung", pick]);
      expect(conv.pending.map((c) => c.tool === "partitionDisk" && c.args.disk)).toEqual(["/dev/nvme0n1"]);
    });
  }
  it("with every disk kept, 'just use any disk' names the protections", async () => {
    const { last, conv } = await dialogue(TWO, ["keep the samsung and the wd", "ok just use any disk"]);
    expect("reply" in last && last.reply).toMatch(/keep.*\/dev\/sda.*\/dev\/nvme0n1/);
    expect(conv.pending).toEqual([]);
  });
  it("'use both disks' never names a kept disk as a candidate", async () => {
    const { last } = await dialogue(TWO, ["keep the samsung", "use both disks"]);
    expect("reply" in last && last.reply).toMatch(/keep \/dev\/sda/);
    expect("reply" in last && last.reply).not.toMatch(/Which one: \/dev\/sda/);
    // the one disk left is offered as a yes/no (tester 24 W26), never the kept one
    expect(proposed(last).map((c) => (c.args as { disk?: string }).disk)).toEqual(["/dev/nvme0n1"]);
  });
});

describe("a refusal word beside a name keeps that thing (findings2 D1)", () => {
  for (const line of [
    "no samsung",
    "samsung no",
    "no to the samsung",
    "the samsung - no way",
    "install but no samsung",
    "install. samsung NO",
    "no sda please",
    "install without the samsung",
    "forget the samsung",
    "install but leave out the samsung",
    "put levitate somewhere, samsung nope",
  ]) {
    it(`"${line}" never erases the samsung`, async () => {
      const { conv, last } = await dialogue(TWO, [line]);
      expect(erases(last, "/dev/sda")).toBe(false);
      expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
      expect(conv.protections).toContainEqual(expect.objectContaining({ kind: "disk", disk: "/dev/sda" }));
    });
  }
  for (const [line, kept] of [
    ["remove htop, git no", "git"],
    ["remove htop. ripgrep - no", "ripgrep"],
    ["remove htop, ripgrep no way", "ripgrep"],
  ] as const) {
    it(`"${line}" removes only htop`, async () => {
      const { conv } = await dialogue(INSTALLED, [line]);
      expect(conv.pending).toEqual([{ tool: "removeRecipe", args: { name: "htop" } }]);
      expect(conv.protections).toContainEqual(expect.objectContaining({ kind: "recipe", name: kept }));
    });
  }
  for (const line of ["no wait, use the nvme", "no, the nvme", "no sudo for anna, use the nvme"]) {
    it(`"${line}" keeps nothing (the control)`, async () => {
      const { conv } = await dialogue(TWO, [line]);
      expect(conv.protections.filter((p) => p.kind === "disk")).toEqual([]);
    });
  }
});

describe("a disk named with a typo is still kept (findings2 D2)", () => {
  for (const line of [
    "dont touch the samsng",
    "keep the samsnug",
    "leave the samung alone",
    "protect the samsumg",
  ]) {
    it(`"${line}" keeps /dev/sda`, async () => {
      const { conv, last } = await dialogue(TWO, [line]);
      expect(erases(last, "/dev/sda")).toBe(false);
      expect(conv.protections).toContainEqual(expect.objectContaining({ kind: "disk", disk: "/dev/sda" }));
    });
  }
  it("the kept disk stays kept when a later turn switches disks", async () => {
    const { conv } = await dialogue(TWO, [
      "erase the nvme but not the samsnug",
      "hmm on second thought use the other disk",
    ]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
  });
});

describe("a size said of 'it' edits the pending size, never picks a disk (findings2 D3)", () => {
  for (const [setup, edit, key, value] of [
    ["nvme, separate home, 100gb root", "make it 500gb instead", "rootSize", "500G"],
    ["nvme with 16gb swap", "hmm make it 500 gigs", "swapSize", "500G"],
    ["use the nvme, root 50gb", "actually make that 80gb", "rootSize", "80G"],
  ] as const) {
    it(`"${setup}" then "${edit}" stays on the nvme`, async () => {
      const { conv } = await dialogue(TWO, [setup, edit]);
      const p = conv.pending.find((c) => c.tool === "partitionDisk");
      expect(p?.args).toMatchObject({ disk: "/dev/nvme0n1", [key]: value });
    });
  }
  it("'use the 500gb one' still names a disk (the control)", async () => {
    const { conv } = await dialogue(TWO, ["nvme, 100gb root", "no, use the 500gb one"]);
    expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({ disk: "/dev/sda" });
  });
});

describe("a second disk is never where the install moves (findings2 D7)", () => {
  for (const line of [
    "encrypt the samsung too",
    "also add the samsung as storage",
    "use the samsung for /home",
    "and the samsung as an extra data disk",
  ]) {
    it(`"use the nvme" then "${line}" keeps the plan on the nvme`, async () => {
      const { conv, last } = await dialogue(TWO, ["use the nvme", line]);
      expect(erases(last, "/dev/sda")).toBe(false);
      expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({
        disk: "/dev/nvme0n1",
      });
    });
  }
  it("'no wait, use the samsung instead' still moves it (the control)", async () => {
    const { conv } = await dialogue(TWO, ["use the nvme", "no wait, use the samsung instead"]);
    expect(conv.pending.find((c) => c.tool === "partitionDisk")?.args).toMatchObject({ disk: "/dev/sda" });
  });
});
