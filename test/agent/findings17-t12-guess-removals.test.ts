import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { callsOf, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 12 D6/D7 (`levitate ask`, installed mode). D6: "remove whichever of fd and bat i dont
 * use" removed fd: a reader took one name, and the choice screen only looked at decisions that
 * removed both. The choice is the words' (agent/rules/removalChoices.ts): asked, never guessed.
 * D7: "remove delta, bat instead" removed bat, the program in daily use; "remove delta; bat
 * instead" offered both. Without a "no"/"sorry" that makes it a correction, or a verb that makes
 * bat the replacement ("i use bat instead"), which one goes is asked (agent/rules/insteadRemovals.ts);
 * "instead of" is read by its grammar: what follows it stays.
 * Machines: the tester's inst.json (findings16-inst) and another installed laptop (findings12-inst).
 */
const INST = fixtureFacts("findings16-inst");
const OTHER = fixtureFacts("findings12-inst");
const removed = (d: Decision) =>
  callsOf(d)
    .filter((c) => c.tool === "removeRecipe")
    .map((c) => (c.tool === "removeRecipe" ? c.args.name : ""));

describe("a removal chosen on a guess is a question (tester 12 D6)", () => {
  const guesses: [string, string, string][] = [
    // the tester's
    ["remove whichever of fd and bat i dont use", "fd", "bat"],
    ["remove the one of fd and bat that i dont need", "fd", "bat"],
    // ours
    ["uninstall whichever of tmux and htop i never open", "tmux", "htop"],
    ["get rid of the one of git and jq i use least", "git", "jq"],
    ["delete whichever of curl and firefox is unused", "curl", "firefox"],
    ["remove either neovim or tmux, dont care which", "neovim", "tmux"],
  ];
  for (const [t, a, b] of guesses)
    for (const [name, facts] of [
      ["inst", INST],
      ["other", OTHER],
    ] as const)
      it(`${name}: "${t}" removes neither ${a} nor ${b}, and asks`, async () => {
        const { last } = await dialogue(facts, [t]);
        expect(removed(last)).not.toContain(a);
        expect(removed(last)).not.toContain(b);
        expect("reply" in last && last.reply).toMatch(new RegExp(`${a}|${b}`));
      });
});

describe("'remove A, B instead' keeps what the person goes on using (tester 12 D7)", () => {
  const ambiguous: [string, string, string][] = [
    // the tester's
    ["remove delta, bat instead", "delta", "bat"],
    ["remove delta - bat instead", "delta", "bat"],
    ["remove tmux, neovim instead", "tmux", "neovim"],
    ["uninstall curl, firefox instead", "curl", "firefox"],
    ["remove delta; bat instead", "delta", "bat"],
    ["remove delta. bat instead.", "delta", "bat"],
    // ours
    ["ditch jq — fzf instead", "jq", "fzf"],
    ["uninstall htop,  git instead please", "htop", "git"],
    ["get rid of ripgrep: fd instead", "ripgrep", "fd"],
  ];
  for (const [t, a, b] of ambiguous)
    it(`"${t}" removes neither, offers neither, and asks which`, async () => {
      const facts = a === "jq" || b === "fzf" ? OTHER : INST;
      const { last } = await dialogue(facts, [t]);
      expect(removed(last)).toEqual([]);
      expect("reply" in last && last.reply).toMatch(new RegExp(`Remove ${a} and keep ${b}`));
    });

  const plain: [string, string[]][] = [
    // a correction says so; a replacement says its verb; "instead of" names what stays
    ["remove delta, no, bat instead", ["bat"]],
    ["remove delta, sorry, bat instead", ["bat"]],
    ["remove delta, i use bat instead", ["delta"]],
    ["remove delta, using bat instead", ["delta"]],
    ["remove bat instead of delta", ["bat"]],
    ["remove delta instead of bat", ["delta"]],
    ["instead of fd, remove bat", ["bat"]],
    ["remove delta and bat", ["bat", "delta"]],
    ["remove delta", ["delta"]],
    // a closing "either" is "too" (dev5 ho4-056)
    ["remove htop but keep bat and dont touch tmux either", ["htop"]],
  ];
  for (const [t, want] of plain)
    it(`"${t}" removes ${want.join(" and ")}`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect("calls" in last).toBe(true);
      expect(removed(last).sort()).toEqual(want);
    });
  it("an install corrected with 'instead' is still read as the correction: 'add vlc, gimp instead'", async () => {
    const { last } = await dialogue(INST, ["add vlc, gimp instead"]);
    const added = callsOf(last).flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
    expect(added).toEqual(["gimp"]);
  });
  it("never offers both for a 'yes' to take", async () => {
    const { last } = await dialogue(INST, ["remove delta; bat instead"]);
    expect(callsOf(last).some(removes("bat"))).toBe(false);
  });
});
