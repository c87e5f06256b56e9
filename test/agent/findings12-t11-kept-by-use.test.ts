import { describe, expect, it } from "vitest";
import { callsOf, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 11 D2/D3: a program the person says they use is kept, in the calls and in what a "yes"
 * would take. "remove jq, i'll use git instead" removed git too (a one-shot `ask --yes` would
 * have run it); "i dont need delta anymore, or bat. fd i still use" offered "remove fd". The
 * last-line gate (agent/safety/destructiveGate.ts) reads a placing or using verb said of the
 * program as keeping it, and screens offers as well as calls. Machine: an installed system with
 * ripgrep fd git delta bat htop neovim tmux jq firefox curl fzf.
 */
const INST = fixtureFacts("findings12-inst");

describe("a program said to be used is never removed nor offered for removal", () => {
  for (const [line, kept, gone] of [
    ["remove jq, i'll use git instead", "git", "jq"],
    ["remove curl, use firefox for downloads", "firefox", "curl"],
    ["uninstall htop, I will use btop from now on", "btop", "htop"],
    ["get rid of neovim, we use helix now", "helix", "neovim"],
    ["remove tmux, fd and bat are what i use", "fd", "tmux"],
    ["delete ripgrep. fd i still use", "fd", "ripgrep"],
    ["drop tmux please, jq i need", "jq", "tmux"],
    ["remove htop, fzf i use daily", "fzf", "htop"],
    ["i dont need delta anymore, or bat. fd i still use", "fd", undefined],
    ["i don't use bat anymore. fd i do use", "fd", undefined],
  ] as const)
    it(`"${line}": ${kept} stays`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(callsOf(last).some(removes(kept))).toBe(false);
      if (gone) expect(callsOf(last).some(removes(gone))).toBe(true);
    });
});

describe("using something else is a reason, and a removal said plainly still removes", () => {
  for (const [line, gone] of [
    ["uninstall tmux bc i use zellij", "tmux"],
    ["i dont really use htop anymore, remove it", "htop"],
    ["remove bat, i don't use it", "bat"],
    ["remove fd and jq", "jq"],
  ] as const)
    it(`"${line}" removes ${gone}`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(callsOf(last).some(removes(gone))).toBe(true);
    });
});
