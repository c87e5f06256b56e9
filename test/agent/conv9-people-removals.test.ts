import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 9: a removal is acted on only when the words leave no doubt about which
 * program. A misspelled name ("unistall htpo") is offered, never removed; "remove that" means the
 * program talked about last, and a reply's list of installed programs is no such talk. Sentences of
 * our own, in no data set. Installed here: ripgrep, fd, htop, git, neovim.
 */
const INSTALLED = fixtureFacts("findings4-d");

const removals = (d: Decision) => ("calls" in d ? d.calls.filter((c) => c.tool === "removeRecipe") : []);
const offered = (d: Decision) =>
  "reply" in d && d.offer
    ? d.offer.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])).sort()
    : [];

describe("a misspelled program name in a removal is offered, never removed", () => {
  for (const [line, names] of [
    ["uninstal ripgrp", ["ripgrep"]],
    ["REMOVE NEOVIMM", ["neovim"]],
    ["pls delete ripgrap", ["ripgrep"]],
    ["get rid of htpo please", ["htop"]],
    ["could you uninstall neovm for me", ["neovim"]],
    ["remove fd and htopp", ["fd", "htop"]],
    ["purge ripgerp", ["ripgrep"]],
  ] as const) {
    it(`"${line}" → an offer to remove ${names.join(", ")}`, async () => {
      const { last, conv } = await dialogue(INSTALLED, [line]);
      expect(removals(last)).toEqual([]);
      expect(offered(last)).toEqual([...names].sort());
      expect(conv.pending).toEqual([]);
    });
  }
  it('"yes" to the offer removes it', async () => {
    const { conv } = await dialogue(INSTALLED, ["uninstal ripgrp", "yes"]);
    expect(conv.pending).toEqual([{ tool: "removeRecipe", args: { name: "ripgrep" } }]);
  });
  it("a name spelled right is still removed at once", async () => {
    const { last } = await dialogue(INSTALLED, ["uninstall htop"]);
    expect(removals(last).map((c) => c.args.name)).toEqual(["htop"]);
  });
});

describe('"remove that" is the program talked about last, never one from a list', () => {
  it("a program named earlier in the same turn", async () => {
    const { last } = await dialogue(INSTALLED, ["uninstall vim", "oh wait its neovim i have. remove it"]);
    expect(removals(last).map((c) => c.args.name)).toEqual(["neovim"]);
  });
  it("the program of the question before", async () => {
    const { last } = await dialogue(INSTALLED, ["is htop installed?", "ok get rid of that"]);
    expect(removals(last).map((c) => c.args.name)).toEqual(["htop"]);
  });
  it("after a reply that lists every installed program, 'remove it' removes none of them", async () => {
    const { last } = await dialogue(INSTALLED, ["uninstall emacs", "just remove it then"]);
    expect(removals(last)).toEqual([]);
  });
  it("a clause with no removal verb of its own ('i use it') removes nothing", async () => {
    const { last } = await dialogue(INSTALLED, ["get rid of fd. leave htop, i use it"]);
    expect(removals(last).map((c) => c.args.name)).toEqual(["fd"]);
  });
  it("RIGHT I HAVE FD. DELETE THAT (caps, after a list)", async () => {
    const { last } = await dialogue(INSTALLED, ["uninstall fdd-find", "RIGHT I HAVE FD. DELETE THAT"]);
    expect(removals(last).map((c) => c.args.name)).toEqual(["fd"]);
  });
});

describe("a fact about the user is an offer, a request is a removal", () => {
  for (const [line, name] of [
    ["i dont really use htop anymore", "htop"],
    ["I NO LONGER USE GIT", "git"],
    ["fd is not needed any more tbh", "fd"],
    ["im done with neovim", "neovim"],
    ["honestly i don't use ripgrep any longer", "ripgrep"],
    ["we dont need htop anymore", "htop"],
  ] as const) {
    it(`"${line}" → an offer to remove ${name}`, async () => {
      const { last, conv } = await dialogue(INSTALLED, [line]);
      expect(removals(last)).toEqual([]);
      expect(offered(last)).toEqual([name]);
      expect(conv.pending).toEqual([]);
    });
  }
  for (const [line, name] of [
    ["i dont need ripgrep anymore so remove it", "ripgrep"],
    ["get rid of htop i dont use it anymore", "htop"],
    ["i dont want htop anymore", "htop"],
    ["htop can go", "htop"],
  ] as const) {
    it(`"${line}" → removes ${name}`, async () => {
      const { last } = await dialogue(INSTALLED, [line]);
      expect(removals(last).map((c) => c.args.name)).toEqual([name]);
    });
  }
  it('"yeah get rid of it" after the offer removes it', async () => {
    const { conv } = await dialogue(INSTALLED, ["i dont use fd anymore", "yeah get rid of it"]);
    expect(conv.pending).toEqual([{ tool: "removeRecipe", args: { name: "fd" } }]);
  });
});
