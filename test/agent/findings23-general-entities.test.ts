import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 23, issue 14: a general reading of the known things a turn names, where the word-list
 * readers read nothing (agent/rules/generalEntities.ts). The SHAPE decides, not the verb: an
 * installed program as the object of an imperative beside a keep of others, or with a word of going
 * away; a name after "name ...:" for the machine; a name beside a grant or refusal of sudo for a
 * person. Sentences of our own, in registers chosen for the shape, not taken from any data set.
 */
const INST = FactsSchema.parse({
  mode: "installed",
  firmware: "uefi",
  disks: [],
  users: ["root", "ines"],
  hostname: "box",
  locale: "en_US.UTF-8",
  recipes: ["ripgrep", "fd", "bat", "btop", "helix", "jq", "fzf", "zoxide", "sudo", "less", "tar"],
  installed: ["git", "htop", "neovim", "tmux", "wget", "curl", "ripgrep", "fd", "less", "tar", "sudo"],
});
const LIVE = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 500107862016,
      model: "Samsung SSD 870 EVO",
      transport: "sata",
      removable: false,
      mounted: false,
    },
  ],
  users: ["root"],
  hostname: "levitate",
  locale: "en_US.UTF-8",
  recipes: ["ripgrep", "fd", "bat", "btop", "helix", "jq", "fzf", "zoxide", "sudo", "less", "tar"],
  installed: [],
});

const calls = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);
const removed = (d: Decision) =>
  calls(d)
    .flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []))
    .sort();
const offeredRemovals = (d: Decision) =>
  ("reply" in d && d.offer ? (d.offer.calls as PlanCall[]) : []).filter((c) => c.tool === "removeRecipe");

describe("an installed program removed by the shape of its clause", () => {
  for (const [line, want] of [
    // a keep of other programs, and an imperative whose object it is (verb unread)
    ["Keep git and tmux; mothball wget.", ["wget"]],
    ["neovim and git stay where they are. Pawn curl.", ["curl"]],
    // a modal and a verb of its own, beside a keep
    ["Hold onto neovim. wget can scram.", ["wget"]],
    // a word of going away, whatever the verb
    ["git stays put; chuck htop out", ["htop"]],
    ["Righto, htop and wget, off you go.", ["htop", "wget"]],
  ] as const) {
    it(`"${line}" removes ${want.join(", ")}`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(removed(last)).toEqual([...want].sort());
    });
  }

  for (const line of [
    // a verb of another act: not a removal, whatever the contrast
    "Keep git and tmux. Upgrade wget.",
    // more of the same keep
    "Keep git. wget too.",
    // a question
    "Keep git and tmux. Mothball htop?",
    // under a condition
    "Keep git, and if htop goes out of date, tell me.",
    // the base system is never taken from a verb nobody reads
    "Keep git and tmux; mothball sudo.",
    // no contrast and no word of going away: the direction of the verb is unknown
    "Mothball wget.",
  ]) {
    it(`"${line}" removes nothing and offers no removal a "yes" could take by reflex`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(removed(last)).toEqual([]);
      if (line !== "Mothball wget.") expect(offeredRemovals(last)).toEqual([]);
    });
  }

  it("a kept program is never removed, even beside a word of going away", async () => {
    const { last } = await dialogue(INST, ["tmux stays, never out. wget out."]);
    expect(removed(last)).toEqual(["wget"]);
  });

  it("live mode removes nothing from this reading", async () => {
    const { last } = await dialogue(LIVE, ["Keep fd. Mothball bat."]);
    expect(removed(last)).toEqual([]);
  });
});

describe("a name for the machine by the shape 'name ...: X'", () => {
  for (const [line, host] of [
    ["Name on the mailbox: quiet-harbor", "quiet-harbor"],
    ["hstnm: orchard", "orchard"],
    ["Please name the workstation lighthouse.", "lighthouse"],
    ["Label for the box: den-04.", "den-04"],
  ] as const) {
    it(`"${line}" sets the hostname ${host}`, async () => {
      const { last } = await dialogue(LIVE, [line]);
      expect(calls(last)).toEqual([{ tool: "setHostname", args: { hostname: host } }]);
    });
  }

  for (const line of ["My name is Priya.", "The dog is named rex.", "name: what should it be?"]) {
    it(`"${line}" sets no hostname`, async () => {
      const { last } = await dialogue(LIVE, [line]);
      expect(calls(last).filter((c) => c.tool === "setHostname")).toEqual([]);
    });
  }
});

describe("people named beside a grant or refusal of sudo", () => {
  it('"Roster for the weekend: mara with sudo, finn without." makes both, finn without sudo', async () => {
    const { last } = await dialogue(LIVE, ["Roster for the weekend: mara with sudo, finn without."]);
    const users = calls(last).filter((c) => c.tool === "createUser");
    expect(users.map((u) => u.args.username).sort()).toEqual(["finn", "mara"]);
    expect(users.find((u) => u.args.username === "finn")?.args.sudo).toBe(false);
  });

  it('"the wardens: ola and tove, neither with sudo" makes both without sudo', async () => {
    const { last } = await dialogue(LIVE, ["the wardens: ola and tove, neither with sudo"]);
    expect(calls(last)).toMatchObject([
      { tool: "createUser", args: { username: "ola", sudo: false } },
      { tool: "createUser", args: { username: "tove", sudo: false } },
    ]);
  });

  it('"Crew: bram (sudo), lio (no sudo)." gives lio no sudo', async () => {
    const { last } = await dialogue(LIVE, ["Crew: bram (sudo), lio (no sudo)."]);
    const users = calls(last).filter((c) => c.tool === "createUser");
    expect(users.map((u) => u.args.username).sort()).toEqual(["bram", "lio"]);
    expect(users.find((u) => u.args.username === "lio")?.args.sudo).toBe(false);
  });

  for (const line of ["that means sudo", "everyone with sudo, please", "sudo is installed, right"]) {
    it(`"${line}" creates no account`, async () => {
      const { last } = await dialogue(LIVE, [line]);
      expect(calls(last).filter((c) => c.tool === "createUser")).toEqual([]);
    });
  }
});

describe('"keys" in a turn about an account, with no layout named, is access, not a keyboard', () => {
  it('"Bellhop on nights: user oskar, and he gets keys to the cellar." makes oskar, asks no layout', async () => {
    const { last } = await dialogue(LIVE, ["Bellhop on nights: user oskar, and he gets keys to the cellar."]);
    expect(calls(last)).toMatchObject([{ tool: "createUser", args: { username: "oskar", sudo: false } }]);
  });

  it('"user oskar, swedish keys" still sets the Swedish keymap', async () => {
    const { last } = await dialogue(LIVE, ["user oskar, swedish keys"]);
    expect(calls(last).some((c) => c.tool === "setLocale")).toBe(true);
  });
});
