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
const NEGATOR = new Set(["dont", "not", "never", "no", "shouldnt", "wont", "cant", "nor"]);
const PRONOUN = new Set(["it", "that", "this", "them", "those", "both"]);
const DISCOURSE = /^(and|but|oh|well|actually|sorry|hmm|ok|okay|just|wait|no)$/;

function keepsProgram(w: readonly string[]): boolean {
  const text = ` ${w.join(" ")} `;
  if (/ (no need|dont need|not need|dont have|dont want) to keep /.test(text)) return false;
  const first = w.find((x) => !DISCOURSE.test(x));
  if (first === "not" && w.length > 1) return true;
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
  for (const part of pieces(text)) {
    let named = programsIn(part.w, facts);
    const keeping = !part.question && keepsProgram(part.w);
    if (keeping && !named.length && part.w.some((x) => PRONOUN.has(x))) named = before;
    if (keeping) for (const name of named) add.push({ kind: "recipe", name, said: part.said });
    if (named.length) before = named;
  }
  const protect = [...reading.protect];
  for (const p of add)
    if (!protect.some((q) => q.kind === "recipe" && q.name === (p as { name: string }).name)) protect.push(p);
  return protect.length === reading.protect.length ? reading : { ...reading, protect };
}
