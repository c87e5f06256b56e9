import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import { classify } from "./classify.js";
import { type Ctx, finish, lastCallOf, reply } from "./context.js";
import { readReplacement } from "./grammar.js";
import { CHANGE_VERBS, hostnameFollowUp } from "./hostname.js";
import type { Intent } from "./intent.js";
import { extractLocale, placeAt } from "./places.js";
import { recipeOf } from "./recipes.js";
import type { Token } from "./text.js";
import { normalizeTokens, splitClauses } from "./tokens.js";
import { readRename } from "./userRename.js";

/**
 * Turns that change or repeat something already said, read before the turn is split into
 * clauses: a replacement ("replace bat with delta"), the same for someone else ("same for bob"),
 * a rename, and the bare value after a take-back ("timezone london. wait no, dublin").
 */
export function followUpDecision(
  text: string,
  tokens: Token[],
  ctx: Ctx,
  recipeNames: readonly string[],
): Decision | undefined {
  const rename = () => {
    const r = readRename(tokens, ctx);
    return r && "calls" in r ? finish(r.calls, ctx) : r;
  };
  return (
    replacement(text, ctx, recipeNames) ??
    sameForOther(text, ctx, recipeNames) ??
    rename() ??
    afterTakeBack(text, tokens, ctx, recipeNames)
  );
}

/** "replace bat with delta", "swap fzf for zoxide", "delta instead of bat": remove one, install the other. */
function replacement(text: string, ctx: Ctx, recipeNames: readonly string[]): Decision | undefined {
  const { facts, allowed } = ctx;
  // (read on the words as typed: "instead of bat i want delta" starts with a correction word)
  const typed = normalizeTokens(text, facts);
  const repl = readReplacement(typed, (t) => recipeOf(t, recipeNames) !== undefined);
  if (repl) {
    const a = recipeOf(typed[repl.out]!, recipeNames)!;
    const b = recipeOf(typed[repl.in]!, recipeNames)!;
    if (a !== b && (facts.installed.includes(a) || !allowed.includes("removeRecipe")))
      return finish(
        [
          ...(allowed.includes("removeRecipe")
            ? [{ tool: "removeRecipe", args: { name: a } } as PlanCall]
            : []),
          { tool: "installRecipe", args: { name: b } },
        ],
        ctx,
      );
  }
  return undefined;
}

/** "same for bob", "likewise for fd": the last call again, for someone or something else. */
function sameForOther(text: string, ctx: Ctx, recipeNames: readonly string[]): Decision | undefined {
  const { conv } = ctx;
  const same = /\b(?:same|likewise|ditto)\s+(?:for|with)\s+([A-Za-z0-9_.+-]+)/i.exec(text);
  if (same) {
    const target = same[1]!.toLowerCase();
    const recipe = recipeOf({ kind: "word", raw: target, norm: target, start: 0, end: 0 }, recipeNames);
    const prev = lastCallOf(conv, recipe ? ["installRecipe", "removeRecipe"] : ["createUser"]);
    if (prev?.tool === "createUser") {
      // "same for luca but no keys": a grant is copied only where nothing after the name takes
      // something away (dev h17-029#3 gave luca the sudo the words refused); then no sudo
      const rest = text.slice(same.index + same[0].length);
      const takesAway = /\b(?:but|no|not|without|except|minus|sans|nope|never|w\/o)\b/i.test(rest);
      const sudo = prev.args.sudo === true && !takesAway;
      return finish([{ tool: "createUser", args: { ...prev.args, username: target, sudo } }], ctx);
    }
    if (prev && recipe && (prev.tool === "installRecipe" || prev.tool === "removeRecipe"))
      return finish([{ tool: prev.tool, args: { name: recipe } }], ctx);
  }
  return undefined;
}

/**
 * "call it box1. nah. box-one", "timezone london. wait no, dublin": the bare value left after a
 * take-back is what the withdrawn request should have said; "hm no, tower2" right after a
 * hostname was set is the new name.
 */
function afterTakeBack(
  text: string,
  tokens: readonly Token[],
  ctx: Ctx,
  recipeNames: readonly string[],
): Decision | undefined {
  const { conv, facts } = ctx;
  const withdrawn = conv.withdrawn ? withdrawnIntents(conv.withdrawn, ctx, recipeNames) : [];
  if (withdrawn.includes("locale")) {
    // "set the helsinki": the take-back hands the value over with the withdrawn verb
    const only = tokens.filter((t) => t.kind !== "punct" && !CHANGE_VERBS.has(t.norm) && t.norm !== "the");
    if (only.length && placeAt(only, 0)?.len === only.length) {
      const was = extractLocale(normalizeTokens(conv.withdrawn!, facts), []);
      const said = text.slice(only[0]!.start, only.at(-1)!.end);
      // the value read as the setting the withdrawn words set: "french" after "german keyboard"
      const as = (word: string) => {
        const t = normalizeTokens(`${said} ${word}`, facts);
        return extractLocale(t, t);
      };
      const args: Record<string, string> = {};
      const tz = was.timezone ? as("time").timezone : undefined;
      const loc = was.locale ? as("language").locale : undefined;
      const km = was.keymap ? as("keyboard").keymap : undefined;
      if (tz) args.timezone = tz;
      if (loc) args.locale = loc;
      if (km) args.keymap = km;
      if (Object.keys(args).length) return finish([{ tool: "setLocale", args } as PlanCall], ctx);
    }
  }
  // "hm no, tower2", "not zeus either. hermes" right after a hostname was set: the new name
  const lastTurn = conv.turns.at(-1)?.decision;
  if (
    withdrawn.includes("host") ||
    // (a turn of only the hostname: after several calls, "make that nano" may mean any of them)
    (lastTurn && "calls" in lastTurn && lastTurn.calls.every((c) => c.tool === "setHostname"))
  ) {
    const h = hostnameFollowUp(text, tokens, withdrawn.includes("host"), (t) => !!recipeOf(t, recipeNames));
    if (h) return finish([{ tool: "setHostname", args: { hostname: h } }], ctx);
  }
  return undefined;
}

/** What the words a take-back withdrew asked for ("call it box1": host). */
function withdrawnIntents(text: string, ctx: Ctx, recipeNames: readonly string[]): (Intent | undefined)[] {
  return splitClauses(normalizeTokens(text, ctx.facts)).map((c) => classify(c, ctx, recipeNames));
}
