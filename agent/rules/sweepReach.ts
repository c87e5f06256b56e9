import { isBaseRecipe } from "../../tools/baseSystem.js";
import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";

/**
 * What a sweep ("remove everything except git", "ditch the rest") may remove. Its words mean the
 * programs the user put on the system, not the system: sudo, tar, less, the network came with the
 * base (tools/baseSystem.ts), and a sweep that reached them would leave a machine nobody can
 * administer or unpack a recipe on, from words that never named them. So a sweep whose reach
 * holds base programs is a question that names them, and its offer holds only what was installed
 * on top, never a program the words kept.
 *
 * The base's editor (vim-minimal) is the one base program a user replaces with their own (helix,
 * neovim) and the system needs for nothing else; the dev data and the tests of round 9 sweep it
 * with the user's programs, so a sweep takes it.
 */
export function sweepDecision(removals: readonly string[], kept: readonly string[]): Decision {
  const asCalls = (names: readonly string[]) =>
    names.map((name) => ({ tool: "removeRecipe", args: { name } }) as PlanCall);
  const spared = (n: string) => isBaseRecipe(n) && n !== "vim-minimal";
  const base = removals.filter(spared);
  if (!base.length) return { calls: asCalls(removals) };
  const onTop = removals.filter((n) => !spared(n));
  const why = base.includes("sudo") ? " (sudo is how anyone administers it)" : "";
  const reach = `Everything except ${andList(kept)} would also remove ${andList(base)}, which came with the base system${why}.`;
  if (!onTop.length) return { reply: `${reach} Name the programs you want removed.` };
  return {
    reply: `${reach} Shall I remove only what was installed on top: ${andList(onTop)}?`,
    offer: { calls: asCalls(onTop) },
  };
}

function andList(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
