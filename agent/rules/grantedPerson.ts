import type { Ctx } from "./context.js";
import { personAt } from "./generalEntities.js";
import type { Token } from "./text.js";

/**
 * "give jake sudo", "give mike sudo too", "grant anna and ben sudo": a verb that hands something
 * over, then the person it goes to, then the privilege. Where a recipe is named sudo as well, the
 * word was read as the program ("install sudo") and the turn became "Go ahead with the plan?", so a
 * hurried yes confirmed the plan without the sudo the person asked for (tester 26 W1).
 *
 * The shape: a giving verb, one or more people (a planned account, or a word that can be a name
 * and is no program, disk or known word) joined by "and" or commas, then "sudo". A program has no
 * receiver: "give me sudo", "install sudo", "add sudo" and "give sudo to the list" stay as before.
 *
 * Safety: this only says the clause is about an account's privilege; whether the person gets it is
 * still decided by the grant readers, the refusal screen ("you said tim should not have sudo") and
 * the evidence gate. The name is the one the words give it to, never the last account planned.
 */
const GIVING = new Set(["give", "gives", "giving", "grant", "grants", "granting", "gimme"]);
const BETWEEN = new Set(["the", "a", "full", "also", "too"]);
const JOINS = new Set(["and", ",", "&", "+"]);

export function sudoGivenToPerson(tokens: readonly Token[], at: number, ctx: Ctx): boolean {
  let k = at - 1;
  while (k >= 0 && BETWEEN.has(tokens[k]!.norm)) k--;
  let people = 0;
  while (k >= 0 && isPerson(tokens[k], ctx)) {
    people++;
    k--;
    if (k >= 0 && JOINS.has(tokens[k]!.norm) && isPerson(tokens[k - 1], ctx)) k--;
    else break;
  }
  return people > 0 && k >= 0 && GIVING.has(tokens[k]!.norm);
}

function isPerson(t: Token | undefined, ctx: Ctx): boolean {
  if (t?.kind !== "word") return false;
  const n = t.raw.toLowerCase();
  if (n === "him" || n === "her") return true;
  const planned = ctx.conv.pending.some((c) => c.tool === "createUser" && c.args.username === n);
  return planned || personAt(t, ctx) !== undefined;
}
