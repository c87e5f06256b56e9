import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9 D6/D7 (docs/findings/2026-12-05-hurried-user-9.md): part of a request taken back in the
 * same breath was done anyway: "remove git (kidding) and htop" removed git, "add max with sudo jk"
 * gave max sudo, "uninstall htop n fd, git is needed" removed git (agent/rules/retractions.ts).
 * Machine: the tester's installed system (4 users, 13 programs installed, git among them).
 */
const INSTALLED = fixtureFacts("findings10-lead-installed");

function calls(d: Decision) {
  return "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
}
function removed(d: Decision): string[] {
  return calls(d)
    .flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []))
    .sort();
}

describe("a program taken back or kept by its reason is never removed", () => {
  it.each([
    // the tester's
    ["remove git (kidding) and htop", ["htop"]],
    ["remove fd + git (jk)", ["fd"]],
    ["remove firefox bat and git. scratch git", ["bat", "firefox"]],
    ["uninstall htop n fd, git is needed", ["fd", "htop"]],
    ["remove htop, fd (git is needed)", ["fd", "htop"]],
    ["remove fd and htop but git is sacred", ["fd", "htop"]],
    // ours: other programs, markers and reasons
    ["remove tmux (just kidding) and jq", ["jq"]],
    ["uninstall curl and zsh (j/k)", ["curl"]],
    ["remove fzf, jq and tmux. forget tmux", ["fzf", "jq"]],
    ["get rid of htop, zsh is essential", ["htop"]],
    ["remove bat but tmux is off limits", ["bat"]],
    ["delete fd. neovim is important to me", ["fd"]],
  ])("%s", async (line, expected) => {
    const { last } = await dialogue(INSTALLED, [line]);
    expect(removed(last)).toEqual(expected);
  });
});

describe("sudo taken back in the same breath is not given", () => {
  it.each([
    "add max with sudo (kidding)",
    "add max with sudo jk",
    "add user max with sudo but not really",
    "create max w/ sudo lol jk",
    "add user max with admin (just kidding)",
  ])("%s", async (line) => {
    const { last } = await dialogue(INSTALLED, [line]);
    expect(calls(last).some((c) => c.tool === "createUser" && c.args.sudo)).toBe(false);
  });

  it("a grant not taken back stands: 'add max with sudo'", async () => {
    const { last } = await dialogue(INSTALLED, ["add max with sudo"]);
    expect(calls(last).some((c) => c.tool === "createUser" && c.args.username === "max" && c.args.sudo)).toBe(
      true,
    );
  });
});

describe("a program's name inside a longer product name is not that program (tester 9 D7)", () => {
  it.each([
    "remove git hub desktop",
    "remove the git gui",
    "uninstall git lfs",
    "remove the htop plugin",
    "delete firefox extensions",
  ])("%s removes nothing", async (line) => {
    const { last } = await dialogue(INSTALLED, [line]);
    expect(removed(last)).toEqual([]);
  });

  it.each([
    ["remove git", ["git"]],
    ["remove git and htop", ["git", "htop"]],
    ["remove git, it's old", ["git"]],
  ])("%s still removes %j", async (line, expected) => {
    const { last } = await dialogue(INSTALLED, [line]);
    expect(removed(last)).toEqual(expected);
  });
});
