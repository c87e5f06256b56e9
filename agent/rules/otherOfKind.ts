/**
 * "the other X thing" excludes X: it means a program of X's kind that is not X. "remove the other
 * git thing though", with git and lazygit installed, removed git itself, the one program the words
 * set apart (dev17-keep h16k-045). Said here as the one program whose name holds X ("lazygit"),
 * among those installed (or, if none is, among the recipes); when there is no such program or more
 * than one, X is taken out of the words ("the other thing"), so no reader can act on the program
 * the words excluded, and the readers ask which one is meant.
 */

/** A noun that may follow the name: "the other git thing", "the other vim one". */
const NOUN = String.raw`(?:thing|one|tool|program|app|package|client|utility|util|frontend|ui|plugin)`;

export function sayOtherOfKind(
  text: string,
  recipes: readonly string[],
  installed: readonly string[],
): string {
  const re = new RegExp(String.raw`\b(?:an)?other\s+([a-z0-9][a-z0-9._+-]*)(\s+${NOUN}s?)?\b`, "gi");
  return text.replace(re, (all, name: string, noun: string | undefined) => {
    const n = name.toLowerCase();
    if (!recipes.includes(n)) return all;
    const holds = (pool: readonly string[]) => pool.filter((p) => p !== n && p.includes(n));
    // among the installed only when X is installed too: "the other" sets a program apart from one
    // that is there; a removal guessed from a program that is not there is no reading of the words
    const inst = installed.includes(n) ? holds(installed) : [];
    const cands = inst.length ? inst : installed.length ? [] : holds(recipes);
    if (cands.length === 1) return cands[0]!;
    return `other${noun ?? " thing"}`;
  });
}
