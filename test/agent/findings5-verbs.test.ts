import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { restateCommands } from "../../agent/rules/commandWords.js";
import { decideTurn } from "../../agent/turn.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class B of the fifth user findings (WRONG 1 and 3): the verb decides the direction. Slang and
 * other package managers' words remove ("nuke htop and tmux", "apt remove htop", "pacman -Rns
 * htop") or install ("apt install ripgrep", "sudo pacman -S fd", "yay -S steam") the named
 * programs; "nuke htop and tmux" had planned an install of tmux, and "sudo" asked for a user name.
 * Machine: findings5n-d (installed: ripgrep, fd, htop, tmux, git, neovim, curl, jq, bat, zsh);
 * findings5n-a (live, Samsung sda and WD nvme0n1).
 */
const A = fixtureFacts("findings5n-a");
const D = fixtureFacts("findings5n-d");

const installs = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
const removals = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
const users = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));

describe("a removal verb removes, never installs (WRONG 1)", () => {
  for (const [s, removed, kept] of [
    ["nuke htop and tmux but keep git", ["htop", "tmux"], "git"],
    ["nuke tmux and bat", ["tmux", "bat"], undefined],
    ["kill htop and tmux, keep git", ["htop", "tmux"], "git"],
    ["nuke htop", ["htop"], undefined],
    ["yeet htop", ["htop"], undefined],
    ["NUKE HTOP", ["htop"], undefined],
    ["yeet tmux and htop pls", ["tmux", "htop"], undefined],
    ["kill the htop", ["htop"], undefined],
    ["nuke htop but keep tmux", ["htop"], "tmux"],
    ["zap bat", ["bat"], undefined],
    ["get rid of htop and tmux", ["htop", "tmux"], undefined],
    ["purge htop", ["htop"], undefined],
  ] as const)
    it(`"${s}" removes ${removed.join(", ")}`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(installs(conv.pending)).toEqual([]);
      expect(removals(conv.pending).sort()).toEqual([...removed].sort());
      if (kept) expect(removals(conv.pending)).not.toContain(kept);
    });

  it('"nuke sda" is still a disk erase in the live chat, never a program', async () => {
    const { conv } = await dialogue(A, ["nuke sda"]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(true);
  });

  it("an install whose nearest verb removes it is never added, whatever decided it", async () => {
    // the words' last check runs in decideTurn, the one decision path of every front end
    const backend: Backend = {
      name: "stub",
      decide: async () => ({
        calls: [
          { tool: "removeRecipe", args: { name: "htop" } },
          { tool: "installRecipe", args: { name: "tmux" } },
        ],
      }),
    };
    const conv = new Conversation(D);
    const words = "ditch htop and tmux";
    const d = await decideTurn(backend, conv.view(words), D);
    conv.record(words, d);
    expect(installs(conv.pending)).toEqual([]);
    expect("reply" in d && d.reply).toMatch(/take tmux away/);
  });

  it("remove one and install another in one sentence stays both", async () => {
    for (const s of [
      "remove htop and install btop",
      "uninstall htop, add btop",
      "get rid of htop and add btop",
      "swap htop for btop",
    ]) {
      const { conv } = await dialogue(D, [s]);
      expect(removals(conv.pending)).toEqual(["htop"]);
      expect(installs(conv.pending)).toEqual(["btop"]);
    }
  });
});

describe("another package manager's words (WRONG 3)", () => {
  for (const [s, verb, names] of [
    ["apt install ripgrep", "install", ["ripgrep"]],
    ["apt install firefox", "install", ["firefox"]],
    ["pacman -S fd", "install", ["fd"]],
    ["pacman -S wget", "install", ["wget"]],
    ["dnf install fish", "install", ["fish"]],
    ["sudo apt-get install btop", "install", ["btop"]],
    ["SUDO APT INSTALL RIPGREP", "install", ["ripgrep"]],
    ["apt install -y ripgrep fd", "install", ["ripgrep", "fd"]],
    ["yay -S steam", "install", ["steam"]],
    ["brew install jq", "install", ["jq"]],
    ["zypper in jq", "install", ["jq"]],
    ["apt remove htop", "remove", ["htop"]],
    ["apt purge tmux", "remove", ["tmux"]],
    ["apt-get remove --purge htop", "remove", ["htop"]],
    ["pacman -R htop", "remove", ["htop"]],
    ["sudo pacman -Rns htop", "remove", ["htop"]],
    ["dnf remove htop tmux", "remove", ["htop", "tmux"]],
  ] as const)
    it(`"${s}" ${verb}s ${names.join(", ")}, and asks for no user`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(verb === "install" ? installs(conv.pending) : removals(conv.pending)).toEqual([...names]);
      expect(users(conv.pending)).toEqual([]);
    });

  it('"sudo dnf install btop and create user pia": both, and pia gets no sudo from the command', async () => {
    const { conv } = await dialogue(D, ["sudo dnf install btop and create user pia"]);
    expect(installs(conv.pending)).toEqual(["btop"]);
    expect(
      conv.pending.some((c) => c.tool === "createUser" && c.args.username === "pia" && !c.args.sudo),
    ).toBe(true);
  });

  it('"sudo apt remove git? no way" keeps git', async () => {
    const { conv } = await dialogue(D, ["sudo apt remove git? no way"]);
    expect(removals(conv.pending)).toEqual([]);
  });

  it("shell syntax is never restated: the shell-command refusal answers it", async () => {
    const programs = new Set(["ripgrep", "htop"]);
    for (const s of [
      "apt install ripgrep && rm -rf /",
      "apt install $(cat list)",
      "apt install htop > /dev/sda",
    ])
      expect(restateCommands(s, programs)).toBe(s);
    const { conv, last } = await dialogue(D, ["apt install ripgrep && rm -rf /"]);
    expect(conv.pending).toEqual([]);
    expect("reply" in last && last.reply).toMatch(/shell commands/);
  });
});

describe("a program said to go, and a removal said as a noun (WRONG 12, 16, 6)", () => {
  for (const [s, removed, kept] of [
    ["tmux stays, bat goes", ["bat"], "tmux"],
    ["no git removal, bat removal yes", ["bat"], "git"],
    ["remove htop (keep everything else!!)", ["htop"], undefined],
    ["remove htop but leave the rest alone", ["htop"], undefined],
    ["bat goes", ["bat"], undefined],
    ["BAT HAS TO GO, TMUX STAYS", ["bat"], "tmux"],
  ] as const)
    it(`"${s}" removes ${removed.join(", ")}`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(removals(conv.pending)).toEqual([...removed]);
      expect(conv.protections.some((p) => p.kind === "recipe" && removed.includes(p.name as never))).toBe(
        false,
      );
      if (kept) expect(conv.protections.some((p) => p.kind === "recipe" && p.name === kept)).toBe(true);
    });
});
