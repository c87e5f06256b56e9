import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 24, issue 14: programs, people and drops read by the SHAPE of the turn where no reader knew
 * the verb. Sentences of our own, in registers chosen for the shape, not taken from any data set.
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

const pendingOf = (conv: { pending: readonly PlanCall[] }) =>
  conv.pending.map((c) => `${c.tool}:${"name" in c.args ? c.args.name : ""}`).sort();
const isDrop = (d: Decision) => "drop" in d;

describe("a pending removal is dropped when the turn keeps its program, whatever the verb", () => {
  for (const line of [
    "Veto on tmux, it stays on the shelf.",
    "on second look tmux's a keeper",
    "Correction: tmux is to be retained.",
    "Hang fire, tmux remains.",
  ])
    it(`"remove tmux and wget" then "${line}"`, async () => {
      const { conv, last } = await dialogue(INST, ["remove tmux and wget", line]);
      expect(isDrop(last)).toBe(true);
      expect(pendingOf(conv)).toEqual(["removeRecipe:wget"]);
    });

  it("a keep of another program drops nothing", async () => {
    const { conv } = await dialogue(INST, ["remove tmux", "curl stays on the shelf"]);
    expect(pendingOf(conv)).toEqual(["removeRecipe:tmux"]);
  });
});

describe("a pending install is dropped when the turn says it away, whatever the verb", () => {
  for (const line of [
    "Send the btop back, wrong size.",
    "scratch the btop, it stays off the tab",
    "btop: shoo it away",
    "nope, btop not yet",
    "hold off on btop",
  ])
    it(`"install btop and jq" then "${line}"`, async () => {
      const { conv, last } = await dialogue(INST, ["install btop and jq", line]);
      expect(isDrop(last)).toBe(true);
      expect(pendingOf(conv)).toEqual(["installRecipe:jq"]);
    });

  for (const line of [
    // a question is asked, never acted on
    "Send the btop back?",
    // assent beside the negator
    "no worries, btop is fine",
    // a verb of looking has "out" of its own
    "let me check out btop first",
    // two programs named: which one goes is not for the shape to guess
    "send btop back for jq",
  ])
    it(`"install btop and jq" then "${line}" drops nothing`, async () => {
      const { last } = await dialogue(INST, ["install btop and jq", line]);
      expect(isDrop(last)).toBe(false);
    });
});

describe("a keep of the others beside a pending removal drops nothing", () => {
  for (const line of ["tmux goes, everything else stays", "tmux out, the rest remains"])
    it(`"remove tmux" then "${line}"`, async () => {
      const { last } = await dialogue(INST, ["remove tmux", line]);
      expect(isDrop(last)).toBe(false);
    });
});
