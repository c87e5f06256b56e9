import type { Decision } from "../../tools/decision.js";
import { essentialReason } from "../../tools/essential.js";
import type { PlanCall } from "../types.js";
import { type Ctx, listOr } from "./context.js";
import { removalVerb } from "./grammar.js";
import { recipeOf } from "./recipes.js";
import { sweepDecision } from "./sweepReach.js";
import type { Token } from "./text.js";

/** Words for "every other installed program": "the rest", "everything else", "all the others". */
const REST =
  /\b(?:all(?= (?:but|except|bar|besides|save|apart from|other than|excluding|minus)\b)|the rest|everything(?: else)?|all(?: of)? (?:it|them|the others|the rest|others|else)|all the others|all else|the others|all other (?:stuff|programs|packages|apps)|the (?:whole )?lot|all (?:of )?my (?:stuff|programs|packages|apps|tools)|every (?:program|package|app))\b/;
/** The rest under a keep ("leave everything else alone", "keep the rest"): nothing to remove there. */
const REST_KEPT =
  /\b(?:leave|keep|spare)\b[^,.;]*\b(?:the rest|everything(?: else)?|all the others|the others)\b|\b(?:the rest|everything else)\b[^,.;]*\b(?:alone|stays?|untouched|intact|as it is)\b/;
/** Verbs that remove in speech but are no removal verb of the rules: "nuke the rest", "yeet the rest". */
const SLANG = new Set(["nuke", "yeet", "kill", "wipe", "clear"]);
/** Words before a program's name that keep it: "except git", "besides git", "keep git", "never uninstall git". */
const KEEPING = new Set([
  "except",
  "but",
  "besides",
  "than",
  "from",
  "keep",
  "keeping",
  "leave",
  "save",
  "excluding",
  "not",
  "never",
  "spare",
  "need",
  "minus",
  // "uninstall the lot bar tmux", "remove all my stuff, leaving git" (tester 8, D6)
  "bar",
  "apart",
  "other",
  "leaving",
  "sans",
  "without",
]);
/** What joins the names of one list: "git, vim and tmux", "jq & fzf". */
const LIST_JOIN = new Set([",", "and", "&", "plus", "or", "nor", "+"]);
/** Words after a program's name that keep it: "git stays", "git intact". */
const KEPT_AFTER = new Set(["stays", "stay", "intact", "alone", "remains", "survives"]);

/**
 * "remove everything except git", "keep tmux, ditch the rest", "besides git remove the rest": the
 * programs the words keep stay, and every other installed program is removed, never one the system
 * needs to boot (tools/essential.ts). Every program named must be one kept ("remove htop and the
 * rest of the dev stuff" is not this), and at least one must be named: "remove everything" alone
 * stays refused (refusals.ts). Undefined when the sentence is not of this kind.
 */
export function removeTheRest(
  tokens: readonly Token[],
  ctx: Ctx,
): { calls: PlanCall[] } | Decision | undefined {
  const { facts } = ctx;
  if (!ctx.allowed.includes("removeRecipe") || !facts.installed.length) return undefined;
  const w = tokens.filter((t) => t.kind === "word" || t.kind === "punct").map((t) => t.norm);
  const s = w.join(" ");
  if (!REST.test(s) || REST_KEPT.test(s)) return undefined;
  if (!removalVerb(tokens) && !w.some((x) => SLANG.has(x))) return undefined;
  const kept: string[] = [];
  let lastKept = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "word") continue;
    const name = recipeOf(t, facts.installed);
    if (!name || name !== t.norm) continue;
    // "everything other than neovim, tmux and git": the list after a kept program is kept with it
    if (lastKept >= 0 && tokens.slice(lastKept + 1, i).every((x) => LIST_JOIN.has(x.norm))) {
      if (!kept.includes(name)) kept.push(name);
      lastKept = i;
      continue;
    }
    // the words before it, back to the last comma or full stop, and the word after it
    const before: string[] = [];
    for (let j = i - 1; j >= 0 && before.length < 6; j--) {
      if (tokens[j]!.kind === "punct" && [",", ".", ";", ":"].includes(tokens[j]!.norm)) break;
      before.push(tokens[j]!.norm);
    }
    const after = tokens[i + 1]?.norm ?? "";
    const keeps = before.some((x) => KEEPING.has(x)) || KEPT_AFTER.has(after);
    if (!keeps) return undefined;
    if (!kept.includes(name)) kept.push(name);
    lastKept = i;
  }
  if (!kept.length) return undefined;
  // "keep jq, remove the others" with jq's removal planned: the others are the other removals
  // planned, an edit of the plan (agent/rules/edits.ts), never every program installed
  const planned = ctx.conv.pending.flatMap((p) => (p.tool === "removeRecipe" ? [p.args.name] : []));
  if (kept.every((k) => planned.includes(k))) return undefined;
  const removals = facts.installed.filter((n) => !kept.includes(n) && !essentialReason(n, facts));
  if (!removals.length)
    return {
      reply: `Nothing else to remove: besides ${listOr(kept)}, what is installed is what the system needs to boot.`,
    };
  return sweepDecision(removals, kept);
}

/** "leave everything else alone", "keep the rest": the rest is kept, so "everything" asks no removal. */
export function keepsTheRest(tokens: readonly Token[]): boolean {
  return REST_KEPT.test(
    tokens
      .filter((t) => t.kind === "word" || t.kind === "punct")
      .map((t) => t.norm)
      .join(" "),
  );
}
