import { describe, expect, it } from "vitest";
import { sayRecipeVerbs, verbForms } from "../../agent/rules/recipeVerbs.js";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 21, issue 14: removals in installed mode said in a register's own words or in another
 * language. The readers knew the keep and not the removal beside it, took a state word for a
 * program ("\"stays\" is not a recipe here"), or asked "Remove htop, or keep it?" of every program
 * a foreign sentence named, the kept ones included (agent/rules/recipeFates.ts,
 * agent/rules/recipeVerbs.ts, agent/rules/recipeVerbLexicon.ts). Sentences of our own, in voices and
 * languages chosen for the mechanism, not taken from any data set.
 */
const INST = fixtureFacts("findings19-t15-f4-installed"); // installed: git htop tmux neovim curl ripgrep fzf

const calls = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);
const removed = (d: Decision) =>
  calls(d)
    .flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []))
    .sort();
/** Every removal the decision plans or offers: what a reflexive "yes" would take. */
const removedOrOffered = (d: Decision) =>
  [...calls(d), ...("reply" in d && d.offer ? (d.offer.calls as PlanCall[]) : [])].flatMap((c) =>
    c.tool === "removeRecipe" ? [c.args.name] : [],
  );

async function decide(line: string): Promise<Decision> {
  return (await dialogue(INST, [line])).last;
}

/** [sentence, removed, kept]: each removal must happen, and each kept program must not be removed. */
type Case = readonly [string, readonly string[], readonly string[]];

function check(cases: readonly Case[]) {
  for (const [line, gone, kept] of cases)
    it(`"${line}": removes ${gone.join(", ")}${kept.length ? `, keeps ${kept.join(", ")}` : ""}`, async () => {
      const d = await decide(line);
      expect(removed(d)).toEqual([...gone].sort());
      for (const k of kept) expect(removedOrOffered(d)).not.toContain(k);
    });
}

describe("a removal said with a register's verb", () => {
  check([
    ["Deaccession htop this quarter, please.", ["htop"], []],
    ["Please retire tmux; it has served us well.", ["tmux"], []],
    ["Evict curl and htop from this box.", ["curl", "htop"], []],
    ["Decommission fzf. Neovim remains in service.", ["fzf"], ["neovim"]],
    ["Heave tmux over the side!", ["tmux"], []],
    ["Out go htop and curl.", ["htop", "curl"], []],
    ["Bid farewell to fzf.", ["fzf"], []],
    ["Terminate htop; git is staying.", ["htop"], ["git"]],
    // a contrast after the removal keeps its programs out of it
    ["Banish curl from this box, but let git abide.", ["curl"], ["git"]],
    ["Expel htop and fzf, yet neovim never.", ["fzf", "htop"], ["neovim"]],
  ]);
});

describe("a removal said as the program's fate", () => {
  check([
    ["htop is to be decommissioned? no: htop goes, tmux stays.", ["htop"], ["tmux"]],
    ["curl gets the boot. Neovim survives.", ["curl"], ["neovim"]],
    ["tmux walks the plank; git lives on.", ["tmux"], ["git"]],
    ["For removal: fzf, htop.", ["fzf", "htop"], []],
    ["Scheduled for deletion: curl.", ["curl"], []],
  ]);
});

describe("a keep said as a state is never a program name nor a removal", () => {
  check([
    ["Remove htop. Git, being the backbone of everything I do, stays.", ["htop"], ["git"]],
    ["uninstall curl; neovim and tmux are untouched", ["curl"], ["neovim", "tmux"]],
    ["Drop fzf. ripgrep remains exactly where it is.", ["fzf"], ["ripgrep"]],
    ["Remove htop from my machine; I would hate to lose git, which you will leave.", ["htop"], ["git"]],
    ["Remove neither git nor tmux, only curl.", ["curl"], ["git", "tmux"]],
    ["Continue neovim as before; stop htop... I mean remove htop.", ["htop"], ["neovim"]],
  ]);

  it('"tmux stays" alone removes nothing and names no state word as a recipe', async () => {
    const d = await decide("tmux stays, as does git.");
    expect(removedOrOffered(d)).toEqual([]);
    expect(JSON.stringify(d)).not.toMatch(/"stays" is not a recipe|no recipe named stays/i);
  });
});

describe("a removal refused in the passive holds for the turns after it", () => {
  it('"it must never be removed", then a list naming it: a question, never the removal', async () => {
    const { last } = await dialogue(INST, [
      "fzf is my lifeline on this box; it must never be removed.",
      "Now purge the search tools: fzf, ripgrep.",
    ]);
    expect(removedOrOffered(last)).not.toContain("fzf");
    expect(calls(last)).toEqual([]);
  });
  it('"neovim ∈ installed, always", then a removal of editors: neovim stays', async () => {
    const { last } = await dialogue(INST, ["axiom: neovim ∈ installed, always.", "remove neovim and curl"]);
    expect(removedOrOffered(last)).not.toContain("neovim");
  });
  check([
    ["Curl is removed and git never is.", ["curl"], ["git"]],
    ["htop and git should not be removed; tmux can go.", ["tmux"], ["git", "htop"]],
  ]);
});

describe("removal verbs in other languages, with their negations", () => {
  check([
    ["Bonvolu forigi tmux kaj curl.", ["curl", "tmux"], []],
    ["Ne forigu git, sed forigu htop.", ["htop"], ["git"]],
    ["Vinsamlegast eyddu curl en ekki fjarlægja neovim.", ["curl"], ["neovim"]],
    ["Kustuta htop ja tmux, git jääb alles.", ["htop", "tmux"], ["git"]],
    ["Poista fzf, älä poista neovim.", ["fzf"], ["neovim"]],
    ["Molim te, ukloni curl i htop, ali nemoj ukloniti git.", ["curl", "htop"], ["git"]],
    ["Odinstaluj htop, git ponech.", ["htop"], ["git"]],
    ["Te rog, șterge tmux, dar nu șterge git.", ["tmux"], ["git"]],
    ["Lütfen htop'u kaldır, git'i silme.", ["htop"], ["git"]],
    ["Tolong hapus curl dan fzf, jangan hapus git.", ["curl", "fzf"], ["git"]],
    ["Fjern htop, men behold git.", ["htop"], ["git"]],
    ["Pakiusap, tanggalin ang htop.", ["htop"], []],
    ["tmux ko hatao, git mat hatao", ["tmux"], ["git"]],
    ["Lotfan curl ro hazf kon va git ro negah dar.", ["curl"], ["git"]],
    ["Verwyder asseblief fzf, maar los git en neovim.", ["fzf"], ["git", "neovim"]],
    ["Xóa htop và tmux, giữ git.", ["htop", "tmux"], ["git"]],
    ["Tafadhali ondoa htop, usifute git.", ["htop"], ["git"]],
    ["Xóa htop, đừng xóa git.", ["htop"], ["git"]],
    ["Qing shanchu htop, bie shanchu git.", ["htop"], ["git"]],
    ["htop wo keshite kudasai. git wa kesanaide.", ["htop"], ["git"]],
    ["Udali htop, ne udalyay git... ostav git.", ["htop"], ["git"]],
    ["Pašalink curl, git palik.", ["curl"], ["git"]],
    ["Tynnwch htop, cadwch git.", ["htop"], ["git"]],
    ["Hiq htop, mos hiq git.", ["htop"], ["git"]],
  ]);
});

describe("the lexicon reads only beside a program", () => {
  const P = ["git", "htop", "tmux"];
  it("a name that is also a verb form stays a name", () => {
    expect(sayRecipeVerbs("create user lisa and add htop", P)).toBe("create user lisa and add htop");
  });
  it("an English sentence with a short foreign word is left as typed", () => {
    expect(sayRecipeVerbs("I want htop i guess, ne?", P)).toBe("I want htop i guess, ne?");
  });
  it('a folded Vietnamese word is no English word: "give them htop" stays', () => {
    expect(sayRecipeVerbs("and give them htop and tmux", P)).toBe("and give them htop and tmux");
    expect(sayRecipeVerbs("ok remove htop, go", P)).toBe("ok remove htop, go");
  });
  it("a negation alone first in the turn answers no", () => {
    expect(sayRecipeVerbs("Ne, htop restu. Forigu nur tmux.", P)).toBe("No, keep htop. remove only tmux.");
  });
  it("a verb with no program beside it is left as typed", () => {
    expect(sayRecipeVerbs("poista kaikki, htop", P)).toBe("poista kaikki, htop");
  });
  it("no form has two meanings across languages", () => {
    expect(verbForms().conflicts).toEqual([]);
    expect(verbForms().byKey.size).toBeGreaterThan(300);
  });
});
