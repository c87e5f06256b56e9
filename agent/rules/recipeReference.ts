import type { Facts } from "../../facts/schema.js";
import type { ConversationView } from "../types.js";
import { findRecipes, recipeOf } from "./recipes.js";
import type { Token } from "./text.js";
import { beforeUsedReason } from "./usedReason.js";

/** The recipes a text names literally, in the order the text names them. */
function namedIn(text: string, facts: Facts): string[] {
  const words = text.toLowerCase().match(/[a-z0-9][a-z0-9._+-]*/g) ?? [];
  const out: string[] = [];
  for (const w of words) if (facts.recipes.includes(w) && !out.includes(w)) out.push(w);
  return out;
}

/**
 * The programs "it"/"that"/"them" stand for in a removal: the program talked about last. This
 * turn's earlier clauses first ("oh right i have neovim. remove that"), then each turn before,
 * newest first: the programs its decision planned or offered, else the ones the user named, else
 * the one a reply named. A reply that lists several programs ("installed: neovim, …, git") or a
 * turn that named several leaves "it" unclear: the answer is then empty and nothing is removed
 * (issue 14, round 9: a removal of the last program in a list was a destructive misread).
 */
export function referredRecipes(
  conv: ConversationView,
  facts: Facts,
  earlier: readonly (readonly Token[])[],
  names: readonly string[],
  plural: boolean,
): string[] {
  const pick = (found: readonly string[]) => (plural || found.length === 1 ? [...found] : []);
  for (let i = earlier.length - 1; i >= 0; i--) {
    // "I don't need docker anymore since I have podman. remove it": what a reason says the speaker
    // has or uses (podman) is kept, never what "it" takes away, where the clause names another
    const found = beforeUsedReason(findRecipes(earlier[i]!, facts, names).found, earlier[i]!, (t) =>
      recipeOf(t, names),
    );
    if (found.length) return pick(found);
  }
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const { user, decision } = conv.turns[i]!;
    const planned =
      "calls" in decision
        ? decision.calls
        : "reply" in decision && decision.offer
          ? decision.offer.calls
          : [];
    const recipes = planned.flatMap((c) =>
      c.tool === "installRecipe" || c.tool === "removeRecipe" ? [c.args.name] : [],
    );
    if (recipes.length) return pick(recipes);
    const said = namedIn(user, facts);
    if (said.length) return pick(said);
    if ("reply" in decision) {
      const replied = namedIn(decision.reply, facts);
      if (replied.length) return replied.length === 1 ? replied : [];
    }
  }
  return [];
}
