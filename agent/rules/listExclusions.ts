import type { Intent } from "./intent.js";
import type { Token } from "./text.js";

/**
 * "add bat, btop and jq but not jq", "add btop, jq, fzf except jq", "ripgrep fd bat, excluding fd"
 * (tester 15 W1): an exclusion's scope is the list it follows, not only its own clause. The readers
 * cut the list at its commas, so the excluded name was still installed by the clause that listed it
 * (and "fzf except jq", read as a keep, dropped fzf). Here the names an exclusion word governs are
 * left out of every install of the turn, and a clause of names before "except" installs them.
 */

/** Words after which the names of a clause are left out. */
const EXCLUDE = /^(?:except|excluding|exclude|excepting|minus|sans|skip|skipping|without)$/;

/** The program names of the turn that an exclusion word leaves out of its installs. */
export function excludedNames(
  clauses: readonly (readonly Token[])[],
  recipeOf: (t: Token) => string | undefined,
): Map<string, number> {
  // name -> the clause that excludes it: its scope is the list said before it ("not jq, right? i
  // need jq" takes the refusal back; it excludes nothing said after it)
  const out = new Map<string, number>();
  // a name spelled out somewhere in the turn is not excluded by another word read as it: "rather
  // than vim, give me neovim" ("vim" is read as neovim where no vim recipe exists)
  const spelled = new Set(clauses.flatMap((c) => c.filter((t) => recipeOf(t) === t.norm).map((t) => t.norm)));
  for (const [k, c] of clauses.entries()) {
    const at = c.findIndex(
      (t, i) => EXCLUDE.test(t.norm) || (t.norm === "not" && (i === 0 || c[i - 1]!.norm === "but")),
    );
    if (at < 0) continue;
    // the run of names right after the word: "not vim, give me neovim" excludes vim, not neovim
    for (const t of c.slice(at + 1)) {
      const r = recipeOf(t);
      if (r) {
        if (!out.has(r) && (r === t.norm || !spelled.has(r))) out.set(r, k);
        continue;
      }
      if ((t.kind === "word" || t.kind === "number") && !/^(?:and|or|nor|the|either)$/.test(t.norm)) break;
    }
  }
  return out;
}

/** "fzf except jq" read as a keep: the names before the exception are items of the install list. */
export function namesBeforeException(
  clauses: readonly (readonly Token[])[],
  intents: (Intent | undefined)[],
  recipeOf: (t: Token) => string | undefined,
): void {
  clauses.forEach((c, i) => {
    if (intents[i] !== "keep" || !intents.slice(0, i).includes("install")) return;
    const at = c.findIndex((t) => EXCLUDE.test(t.norm) && t.norm !== "skip");
    if (at <= 0) return;
    const before = c.slice(0, at).filter((t) => t.kind === "word" || t.kind === "number");
    if (before.length && before.every((t) => recipeOf(t) || t.norm === "and")) intents[i] = "install";
  });
}
