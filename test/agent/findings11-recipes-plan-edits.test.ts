import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { callsOf } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Retired held-out set dev13-keep: after "remove helix, fzf and jq", "keep jq, remove the others"
 * removed every program installed but jq ("edit removes git, lazygit, delta, starship, zoxide");
 * after "remove micro and vim", "I said vim stays!! only micro" removed micro again; after "remove
 * git", "you said 'remove git'? no no no. lazygit needs it. cancel" removed lazygit. Words about
 * the plan edit the plan (agent/rules/edits.ts, agent/rules/removeRest.ts), a program that needs
 * another keeps that other one (agent/rules/recipeDependencies.ts), and a closing "cancel" or
 * "cancel it all" says no to the plan (agent/safety/cancelStep.ts).
 */
const FACTS = fixtureFacts("findings11-recipes");

const removals = (ds: Decision[]) =>
  ds.flatMap((d) => callsOf(d).flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])));
const steps = (pending: readonly { tool: string; args: unknown }[]) =>
  pending
    .map(
      (c) =>
        `${c.tool}:${(c.args as { name?: string; username?: string }).name ?? (c.args as { username?: string }).username}`,
    )
    .sort();

describe("'keep X, remove the others' with removals planned: the others are the planned ones", () => {
  const cases = [
    "keep jq, remove the others",
    "jq stays, the rest can go",
    "leave jq but uninstall the other two",
    "remove the others but keep jq",
    "ok keep jq and remove the rest",
    "not jq, do the others",
    "spare jq, get rid of the remaining ones",
    "jq remains, drop the others",
    "hmm, keep jq please, remove the other ones",
    "keep jq. remove the rest as planned",
  ];
  for (const line of cases)
    it(`remove helix, fzf and jq → ${line} → only helix and fzf planned`, async () => {
      const { conv, decisions } = await dialogue(FACTS, ["remove helix, fzf and jq", line]);
      expect(removals(decisions.slice(1))).toEqual([]);
      expect(steps(conv.pending)).toEqual(["removeRecipe:fzf", "removeRecipe:helix"]);
    });
});

describe("'only X' / 'just X and Y' / 'X stays' narrow the planned steps", () => {
  const cases: [string, string, string[]][] = [
    ["remove micro and vim", "I said vim stays!! only micro", ["removeRecipe:micro"]],
    ["remove micro and vim", "vim stays, only micro", ["removeRecipe:micro"]],
    ["remove micro, vim and htop", "only micro, nothing else", ["removeRecipe:micro"]],
    ["remove micro, vim and htop", "just micro. that's it", ["removeRecipe:micro"]],
    ["remove micro, vim and htop", "just remove micro and vim", ["removeRecipe:micro", "removeRecipe:vim"]],
    ["remove micro, vim and htop", "only micro and htop", ["removeRecipe:htop", "removeRecipe:micro"]],
    ["install bat, eza and tmux", "just bat and eza", ["installRecipe:bat", "installRecipe:eza"]],
    ["install bat, eza and tmux", "only bat, nothing more", ["installRecipe:bat"]],
    ["install bat, eza and tmux", "nah just tmux", ["installRecipe:tmux"]],
    ["remove micro, vim and htop", "htop stays", ["removeRecipe:micro", "removeRecipe:vim"]],
  ];
  for (const [first, line, left] of cases)
    it(`${first} → ${line} → ${left.join(", ")}`, async () => {
      const { conv, decisions } = await dialogue(FACTS, [first, line]);
      expect(removals(decisions.slice(1))).toEqual([]);
      expect(steps(conv.pending)).toEqual(left);
    });
});

describe("a program that needs another keeps the other, never is removed itself", () => {
  const cases: [string[], string][] = [
    [["remove git", "you said 'remove git'? no no no. lazygit needs it. cancel"], "lazygit"],
    [["remove git", "lazygit needs it"], "lazygit"],
    [["remove git and fzf", "lazygit needs git"], "lazygit"],
    [["remove git and fzf", "but git is used by lazygit!"], "lazygit"],
    [["remove git and fzf", "delta won't work without git"], "delta"],
    [["remove git", "hmm, lazygit depends on that"], "lazygit"],
    [["remove git", "wait lazygit still requires it"], "lazygit"],
    [["remove git and fzf", "lazygit relies on git, sorry"], "lazygit"],
    [["remove git", "delta uses it"], "delta"],
    [["remove git", "git is a dependency of lazygit"], "lazygit"],
  ];
  for (const [lines, needer] of cases)
    it(`${lines.join(" → ")} → ${needer} stays, git is not removed`, async () => {
      const { conv, decisions } = await dialogue(FACTS, lines);
      expect(removals(decisions.slice(1))).toEqual([]);
      expect(steps(conv.pending)).not.toContain(`removeRecipe:${needer}`);
      expect(steps(conv.pending)).not.toContain("removeRecipe:git");
    });

  it("control: an install for a need installs", async () => {
    const { conv } = await dialogue(FACTS, ["install eza since bat needs it"]);
    expect(steps(conv.pending)).toContain("installRecipe:eza");
  });
});

describe("'cancel it all' / a closing 'cancel' say no to the whole plan", () => {
  const cases = [
    "cancel it all",
    "cancel the whole thing",
    "ok scrap all of that",
    "cancel everything please",
    "forget the whole plan",
    "never mind it all",
    "abort the entire thing",
  ];
  for (const line of cases)
    it(`add user anna → remove micro, vim and htop → ${line} → nothing planned`, async () => {
      const { conv, last } = await dialogue(FACTS, ["add user anna", "remove micro, vim and htop", line]);
      expect(last).toEqual({ confirm: false });
      expect(conv.pending).toEqual([]);
    });
  // a bare "cancel" is "not now" (the lead's ruling, round 25): nothing runs, the plan stays
  for (const line of ["hmm no. cancel", "that's wrong, my bad. cancel"])
    it(`add user anna → remove micro, vim and htop → ${line} → nothing runs, the plan stays`, async () => {
      const { conv, last } = await dialogue(FACTS, ["add user anna", "remove micro, vim and htop", line]);
      expect(last).toEqual({ confirm: false });
      expect(conv.pending.length).toBeGreaterThan(0);
    });

  it("control: 'cancel that' takes back the last change only", async () => {
    const { conv } = await dialogue(FACTS, ["add user anna", "remove micro, vim and htop", "cancel that"]);
    expect(steps(conv.pending)).toEqual(["createUser:anna"]);
  });
});

describe("a drop of more than one decision holds is said, never cut", () => {
  const first = "install ripgrep, fd, bat, eza, yq, btop, hyperfine, dust and tmux";
  const second = "remove git, helix, fzf, jq, lazygit, delta, starship, zoxide and vim";
  it("17 steps named: the plan stays as it was and the reply says why", async () => {
    const { conv, last } = await dialogue(FACTS, [
      first,
      second,
      "forget ripgrep, fd, bat, eza, yq, btop, hyperfine, dust, tmux, git, helix, fzf, jq, lazygit, delta, starship and zoxide",
    ]);
    expect("reply" in last && last.reply).toMatch(/17 steps.*at most 16/);
    expect(conv.pending).toHaveLength(18);
  });
  it("control: 3 steps named are dropped", async () => {
    const { conv } = await dialogue(FACTS, [first, second, "forget ripgrep, fd and bat"]);
    expect(conv.pending).toHaveLength(15);
  });
});

describe("a narrowing with 'the others no', 'for now', 'X later' or a reason drops the rest", () => {
  const cases: [string, string, string[]][] = [
    ["add ripgrep, fd and bat", "only ripgrep please, the others no", ["installRecipe:ripgrep"]],
    ["add ripgrep, fd and bat", "just ripgrep, not the others", ["installRecipe:ripgrep"]],
    ["add ripgrep, fd and bat", "only ripgrep, skip the rest", ["installRecipe:ripgrep"]],
    ["install jq and yq", "yq later, just jq for now", ["installRecipe:jq"]],
    ["install jq and yq", "just jq for now", ["installRecipe:jq"]],
    ["install jq and yq", "yq another time", ["installRecipe:jq"]],
    ["install jq and yq", "maybe yq later", ["installRecipe:jq"]],
    ["add hyperfine and eza", "take eza out again, ls is enough", ["installRecipe:hyperfine"]],
    ["add hyperfine and eza", "drop eza, ls does fine", ["installRecipe:hyperfine"]],
  ];
  for (const [first, line, left] of cases)
    it(`${first} → ${line} → ${left.join(", ")}`, async () => {
      const { conv, decisions } = await dialogue(FACTS, [first, line]);
      expect(removals(decisions.slice(1))).toEqual([]);
      expect(steps(conv.pending)).toEqual(left);
    });
});
