import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { gateCertainty, segments } from "../../agent/safety/certaintyGate.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erase, erases, forced, remove, removes, sudoFor, user } from "./helpers/destructive.js";

/**
 * The certainty gate on by default (agent/turn.ts; LEVITATE_CERTAINTY_GATE=0 turns it off to
 * measure it), with the segments it needed for that: a command-line flag and its value are one
 * segment, a step of a sequence ("and then", "then", "afterwards") is one, and a sudo word belongs
 * to the person of its list item (the names joined by "and" before it, not the one who says it,
 * not the one a "no" after another name's sudo word speaks of). The wordings are new: the gate
 * must follow the rule, not the sentences of the suite.
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
      partitions: [{ path: "/dev/sda2", sizeBytes: 499 * GB, fstype: "ntfs", os: "Windows Boot Manager" }],
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
  recipes: ["git", "bat", "fzf", "htop", "ripgrep"],
  installed: [],
});
const INST: Facts = FactsSchema.parse({
  mode: "installed",
  disks: [],
  users: ["root"],
  recipes: ["git", "bat", "fzf", "htop", "ripgrep"],
  installed: ["git", "bat", "fzf", "htop", "ripgrep"],
});

const gate = (f: Facts, text: string, calls: PlanCall[]): Decision =>
  gateCertainty({ calls } as Decision, { turns: [], pending: [], entities: [], user: text }, f);
const texts = (t: string) => segments(t).map((s) => s.toks.map((x) => x.w).join(" "));

describe("on by default, off with LEVITATE_CERTAINTY_GATE=0", () => {
  const saved = process.env.LEVITATE_CERTAINTY_GATE;
  afterEach(() => {
    if (saved === undefined) delete process.env.LEVITATE_CERTAINTY_GATE;
    else process.env.LEVITATE_CERTAINTY_GATE = saved;
  });
  const run = () =>
    decideTurn(
      forced({ calls: [remove("bat")] }),
      new Conversation(INST).view("uninstall fzf but bat must stay"),
      INST,
    );
  it("unset: a forced removal of what the words keep is not planned", async () => {
    delete process.env.LEVITATE_CERTAINTY_GATE;
    expect(callsOf(await run()).some(removes("bat"))).toBe(false);
  });
  it("=0: the gate is off (for measurement)", async () => {
    process.env.LEVITATE_CERTAINTY_GATE = "0";
    // ("but bat must stay" is read by the clause readers too; what is tested is that the gate's
    // own question, which says what to type, is gone)
    expect(JSON.stringify(await run())).not.toMatch(/your words keep or refuse it/);
  });
});

describe("a flag and its value are one segment", () => {
  it("segments", () =>
    expect(texts("--preserve /dev/sda --target /dev/nvme0n1 --fs ext4")).toEqual([
      "preserve /dev/sda",
      "target /dev/nvme0n1",
      "fs ext4",
    ]));
  for (const t of [
    "--keep=/dev/sda --disk=/dev/nvme0n1",
    "--keep sda --disk nvme0n1 --luks",
    "--leave sda --install-to nvme0n1",
  ])
    it(`"${t}" erases the nvme, keeps sda`, () => {
      const d = gate(LIVE, t, [erase("/dev/sda"), erase("/dev/nvme0n1")]);
      expect(callsOf(d).some(erases("/dev/nvme0n1"))).toBe(true);
      expect(callsOf(d).some(erases("/dev/sda"))).toBe(false);
    });
});

describe("a step of a sequence is its own segment", () => {
  for (const t of [
    "drop htop and then keep the rest as is",
    "purge htop, then leave the others alone",
    "uninstall htop afterwards don't touch anything else",
  ])
    it(`"${t}" removes htop`, () =>
      expect(callsOf(gate(INST, t, [remove("htop")])).some(removes("htop"))).toBe(true));
  it("a keep in the later step still keeps what it names", () =>
    expect(
      callsOf(gate(INST, "remove htop and then keep bat", [remove("htop"), remove("bat")])).some(
        removes("bat"),
      ),
    ).toBe(false));
});

describe("a sudo word belongs to the person of its item", () => {
  const sudo = (t: string, calls: PlanCall[]) => {
    const d = gate(INST, t, calls);
    return Object.fromEntries(
      callsOf(d).flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo === true]] : [])),
    );
  };
  it("a list joined by 'and' before the word shares it", () =>
    expect(
      sudo("accounts kim and lee with admin, max and ned without", [user("kim", true), user("lee", true)]),
    ).toEqual({
      kim: true,
      lee: true,
    }));
  it("a negator right after another person's sudo word is theirs", () =>
    expect(
      sudo("user pat admin=no and user quin with admin", [user("pat", false), user("quin", true)]),
    ).toEqual({ pat: false, quin: true }));
  it("a negator right before another name is that name's", () =>
    expect(sudo("rae gets sudo / not sam", [user("rae", true), user("sam", false)])).toEqual({
      rae: true,
      sam: false,
    }));
  it("the one who says it is not the one it is about", () =>
    expect(sudo("mia says guests get no sudo. user mia with sudo", [user("mia", true)])).toEqual({
      mia: true,
    }));
  it("'X does' after a refusal for another grants X", () =>
    expect(
      sudo("users ike and jo, ike doesn't get admin, jo does", [user("ike", false), user("jo", true)]),
    ).toEqual({
      ike: false,
      jo: true,
    }));
  it("still: a negator on the person's own item refuses", () =>
    expect(
      callsOf(gate(INST, "user pat with sudo and user quin no sudo", [user("quin", true)])).some(
        sudoFor("quin"),
      ),
    ).toBe(false));
});
