import type { Facts } from "../../facts/schema.js";
import { kindCandidates } from "../rules/recipes.js";
import { tokenize } from "../rules/text.js";
import { ALIASES } from "../rules/tokens.js";
import { pieces } from "./partitionRefs.js";
import type { Protection, Reading } from "./types.js";

/**
 * A removal never reaches a program the same sentence keeps (findings4 D4, D9):
 * "remove htop and neovim but not the editor" keeps neovim (the editor installed here),
 * "i dont use git anymore but keep it for now" keeps git, "drop bat, well, leave it" keeps bat.
 * Programs are named by name, alias ("nvim") or kind ("the editor", "that shell": the installed
 * programs of that kind); a pronoun is the program the sentence named before it. Added to what
 * agent/safety/read.ts read, so the screen refuses the removal whichever backend proposed it.
 */

const KEEP = new Set([
  "keep",
  "keeping",
  "spare",
  "preserve",
  "retain",
  "stays",
  "stay",
  "alone",
  "untouched",
  "intact",
]);
const REMOVE = new Set([
  "remove",
  "uninstall",
  "delete",
  "touch",
  "drop",
  "purge",
  "ditch",
  "rid",
  "nuke",
  "trash",
]);
/** The removal verbs in any form: "refrain from removing jq", "jq is never to be uninstalled". */
function removalWord(x: string): boolean {
  if (REMOVE.has(x)) return true;
  const stem = x.replace(/(?:ing|ed|es|s)$/, "");
  return [...REMOVE].some(
    (v) => v.length > 3 && (stem === v || stem === v.replace(/e$/, "") || `${stem}e` === v),
  );
}
const NEGATOR = new Set(["dont", "not", "never", "no", "shouldnt", "wont", "cant", "nor"]);
/**
 * A refusal said without a "not" (tester of the retired held-out set: "Kindly refrain from removing
 * jq under any circumstances" removed jq a turn later): a verb of holding back before the removal,
 * or a phrase that rules out every case, keeps what the removal names.
 */
const HOLD_BACK = new Set(["refrain", "refraining", "abstain", "abstaining", "desist", "avoid", "avoiding"]);
const NO_CASE =
  / (?:on no account|in no case|under no circumstances?|by no means|at no (?:time|point)|in no way|not under any circumstances?|not (?:for|on) any account|not ever) /;
const PRONOUN = new Set(["it", "that", "this", "them", "those", "both"]);
const DISCOURSE = /^(and|but|oh|well|actually|sorry|hmm|ok|okay|just|wait|no)$/;

function keepsProgram(w: readonly string[]): boolean {
  const text = ` ${w.join(" ")} `;
  if (/ (no need|dont need|not need|dont have|dont want) to keep /.test(text)) return false;
  const first = w.find((x) => !DISCOURSE.test(x));
  if (first === "not" && w.length > 1) return true;
  const removal = w.findIndex(removalWord);
  if (removal >= 0 && NO_CASE.test(text)) return true;
  if (removal > 0 && w.slice(Math.max(0, removal - 3), removal).some((b) => HOLD_BACK.has(b))) return true;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    const before = w.slice(Math.max(0, i - 3), i);
    if (KEEP.has(x))
      return !before.slice(-2).some((b) => NEGATOR.has(b)) || ["alone", "untouched", "intact"].includes(x);
    if (x === "leave" && w[i + 1] !== "out") return true;
    // "no" negates only right before the verb: "no actually remove htop" asks for the removal
    if (REMOVE.has(x) && (w[i - 1] === "no" || before.some((b) => b !== "no" && NEGATOR.has(b)))) return true;
  }
  return false;
}

/** The installed programs the words name: by name, alias or kind. */
function programsIn(w: readonly string[], facts: Facts): string[] {
  const out: string[] = [];
  for (const x of w) {
    // a program named as itself is that program: "keep vim" keeps vim, not neovim (its alias)
    const own = facts.installed.includes(x) || facts.recipes.includes(x);
    const name = own ? x : (ALIASES[x] ?? x);
    if (facts.installed.includes(name) && !out.includes(name)) out.push(name);
  }
  if (!out.length) for (const r of kindCandidates(tokenize(w.join(" ")), facts.installed)) out.push(r);
  return out;
}

export function withRecipeRefs(reading: Reading, text: string, facts: Facts): Reading {
  if (!facts.installed.length || !text.trim()) return reading;
  const add: Protection[] = [];
  let before: string[] = [];
  let topicOnly = false;
  for (const part of pieces(text)) {
    let named = programsIn(part.w, facts);
    const keeping = !part.question && keepsProgram(part.w);
    // "jq: not to be removed", "fd, jq — never uninstall": a topic named alone before the keep
    if (keeping && !named.length && (part.w.some((x) => PRONOUN.has(x)) || topicOnly)) named = before;
    if (keeping) for (const name of named) add.push({ kind: "recipe", name, said: part.said });
    if (named.length) before = named;
    topicOnly =
      named.length > 0 &&
      part.w.every((x) => x === "and" || named.includes(ALIASES[x] ?? x) || named.includes(x));
  }
  const protect = [...reading.protect];
  for (const p of add)
    if (!protect.some((q) => q.kind === "recipe" && q.name === (p as { name: string }).name)) protect.push(p);
  return protect.length === reading.protect.length ? reading : { ...reading, protect };
}
