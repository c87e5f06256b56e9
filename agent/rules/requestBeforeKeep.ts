import type { Ctx } from "./context.js";
import type { Intent } from "./intent.js";
import { turnProtections } from "./protections.js";
import { findRecipes } from "./recipes.js";
import type { Token } from "./text.js";
import { INSTALL_VERBS } from "./vocab.js";

/** Words that turn a clause away from asking: a clause holding one is never read as a request here. */
const TURNED = new Set([
  "no",
  "not",
  "nope",
  "nah",
  "never",
  "none",
  "nor",
  "neither",
  "without",
  "dont",
  "don't",
  "skip",
  "except",
  "but",
  "keep",
  "leave",
  "stay",
  "stays",
  "remove",
  "delete",
  "uninstall",
]);

/**
 * "Lay some weechat and newsboat on me, but no cmus": a clause that names programs in words the
 * verb reader does not know, BEFORE the turn's keep or refusal. Read alone, such a clause installs
 * its programs (the bare-names follow-up); beside a keep, the turn was answered as a keep only
 * ("OK, kept: cmus") and the programs asked for vanished. The clause is read as the install it
 * is alone.
 *
 * Why this is safe: it only ever installs (never erases, never removes), only programs no keep of
 * this turn names (the keep itself stands and is still screened), only in a clause before the
 * first keep (a list after a keep may continue it: "keep git, fd and bat"), and never in a clause
 * with a negation, a contrast or a keep/remove word of its own; never a program already installed
 * or planned.
 */
export function requestsBeforeKeep(
  clauses: readonly Token[][],
  intents: (Intent | undefined)[],
  text: string,
  ctx: Ctx,
  recipeNames: readonly string[],
): void {
  const firstKeep = intents.indexOf("keep");
  if (firstKeep <= 0) return;
  const kept = new Set(turnProtections(text, ctx).flatMap((p) => (p.kind === "recipe" ? [p.name] : [])));
  for (let i = 0; i < firstKeep; i++) {
    if (intents[i] !== undefined) continue;
    const c = clauses[i]!;
    if (c.some((t) => TURNED.has(t.norm))) continue;
    const { found } = findRecipes(c, ctx.facts, recipeNames);
    // a program already installed or planned is no request to install: named before a keep it is
    // most often what goes ("btop and dust are surplus, rehome them. git stays", found at the merge)
    const planned = (n: string) =>
      ctx.conv.pending.some((c) => c.tool === "installRecipe" && c.args.name === n);
    if (found.length && found.every((n) => !kept.has(n) && !ctx.facts.installed.includes(n) && !planned(n)))
      intents[i] = "install";
  }
}

/**
 * "ripgrep and fd, leave them alone", "my bat config took ages, don't touch it": the programs are
 * named first and kept after by a pronoun. The conversation layer reads the keep (the pronoun
 * takes the names before it), but the parser read the clause of names as an install of them and
 * answered "install ripgrep, fd" where the user asked that they be left alone. A clause with no
 * install verb of its own that names only programs this very turn keeps is part of the keep.
 *
 * Why this is safe: it only ever takes a call away (an install becomes "OK, kept"), and only for
 * programs the safety reader itself keeps in this turn; a clause that asks in its own verb ("get me
 * bat and keep it") is left as it was.
 */
export function namesKeptAfter(
  clauses: readonly Token[][],
  intents: (Intent | undefined)[],
  text: string,
  ctx: Ctx,
  recipeNames: readonly string[],
): void {
  let kept: Set<string> | undefined;
  for (let i = 0; i < clauses.length - 1; i++) {
    if (intents[i] !== undefined && intents[i] !== "install" && intents[i] !== "bare") continue;
    const c = clauses[i]!;
    if (c.some((t) => INSTALL_VERBS.has(t.norm))) continue;
    const { found } = findRecipes(c, ctx.facts, recipeNames);
    if (!found.length) continue;
    kept ??= new Set(turnProtections(text, ctx).flatMap((p) => (p.kind === "recipe" ? [p.name] : [])));
    if (!found.every((n) => kept!.has(n))) continue;
    intents[i] = "keep";
    // the pronoun clause that kept them ("leave them alone") names no program: it is the keep
    for (let j = i + 1; j < clauses.length; j++) {
      const d = clauses[j]!;
      if (intents[j] === "keep") continue;
      if (!d.some((t) => PRONOUNS.has(t.norm)) || d.some((t) => INSTALL_VERBS.has(t.norm))) break;
      if (findRecipes(d, ctx.facts, recipeNames).found.length) break;
      intents[j] = "keep";
    }
  }
}

const PRONOUNS = new Set(["it", "them", "those", "these", "em", "both", "all"]);
