import type { Facts } from "../../facts/schema.js";
import { REMOVAL_VERB_WORDS } from "./removalObjects.js";
import { closest, editDistance, type Token } from "./text.js";
import { ALIASES, STOP } from "./tokens.js";
import {
  COMMON,
  DISK_WORDS,
  INSTALL_VERBS,
  NEGATIONS,
  RECIPE_KINDS,
  REMOVE_VERBS,
  VOCABULARY,
} from "./vocab.js";

/** "dont", "doesnt", "shouldnt": a negation typed without its apostrophe, never a program's name. */
const BARE_NOT = /^(do|does|did|is|are|was|were|should|would|could|have|has|must|need)nt$/;

export function recipeOf(token: Token, names: readonly string[]): string | undefined {
  const n = token.norm;
  if (names.includes(n)) return n;
  const alias = ALIASES[n];
  if (alias && names.includes(alias)) return alias;
  if (STOP.has(n) || COMMON.has(n) || VOCABULARY.includes(n) || token.kind !== "word") return undefined;
  // "cull the weak frames": a verb of its own is no typo of a program ("curl")
  if (REMOVAL_VERB_WORDS.has(n)) return undefined;
  return closest(n, names);
}

/**
 * The name was guessed from a misspelling ("htpo" for htop), not typed or said by an alias: a
 * removal of it is offered, never made (issue 14, round 9: the lead's decision).
 */
export function misspelled(token: Token, name: string): boolean {
  const said = [token.norm, token.raw.toLowerCase()];
  return !said.includes(name) && !said.some((x) => ALIASES[x] === name);
}

/**
 * The one recipe a word that names none is a typo of ("fzff", "ezaa"): one edit from a name of three
 * letters or more, a word of four or more. The typo reader leaves short names alone, so an install
 * of them is offered here, never made.
 */
export function nearRecipe(word: string, names: readonly string[]): string | undefined {
  if (word.length < 4) return undefined;
  const hits = names.filter((n) => n.length >= 3 && editDistance(word, n, 1) <= 1);
  return hits.length === 1 ? hits[0] : (closest(word, names) ?? undefined);
}

/** Recipe names in the tokens, and the words that look like a wanted program but match none. */
export function findRecipes(
  tokens: readonly Token[],
  facts: Facts,
  names: readonly string[],
): { found: string[]; unknown: string[] } {
  const found: string[] = [];
  const unknown: string[] = [];
  for (const t of tokens) {
    if (t.kind !== "word" && t.kind !== "number") continue;
    const r = recipeOf(t, names);
    if (r) {
      if (!found.includes(r)) found.push(r);
    } else if (
      t.kind === "word" &&
      /^[a-z][a-z0-9._+-]{1,40}$/.test(t.norm) &&
      !STOP.has(t.norm) &&
      !COMMON.has(t.norm) &&
      !VOCABULARY.includes(t.norm) &&
      !DISK_WORDS.has(t.norm) &&
      !REMOVE_VERBS.has(t.norm) &&
      !INSTALL_VERBS.has(t.norm) &&
      !NEGATIONS.has(t.norm) &&
      !BARE_NOT.test(t.norm) &&
      !facts.users.includes(t.norm)
    ) {
      unknown.push(t.norm);
    }
  }
  return { found, unknown };
}

/** The recipes (among `pool`) of the kinds the clause describes: "a text editor" → helix, neovim. */
export function kindCandidates(tokens: readonly Token[], pool: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens)
    for (const r of RECIPE_KINDS[t.norm] ?? []) if (pool.includes(r) && !out.includes(r)) out.push(r);
  return out;
}

/** Last checks against the facts and the mode; a call that cannot stand becomes the reply. */
export const VERSION_LEAD = new Set(["version", "ver", "v", "at", "release", ",", ":", "@"]);

/**
 * The version written after a program's name: "fzf 0.56.3", "lazygit, version 0.44.1",
 * "ripgrep v14.1.0". Read from the whole turn, since a comma may have split it off the clause.
 */
export function versionOf(
  whole: readonly Token[],
  clause: readonly Token[],
  name: string,
  names: readonly string[],
  text?: string,
): string | undefined {
  const at = whole.indexOf(clause.find((t) => recipeOf(t, names) === name) ?? whole[0]!);
  if (at < 0 || recipeOf(whole[at]!, names) !== name) return undefined;
  let led = false;
  // "ripgrep@99", "fd@9.0": the tokenizer drops the "@"; the name and the number touch it
  const next = whole[at + 1];
  if (next && text?.slice(whole[at]!.end, next.start) === "@" && /^\d[0-9A-Za-z._+~-]*$/.test(next.raw))
    return next.raw;
  for (let i = at + 1; i < Math.min(whole.length, at + 4); i++) {
    const t = whole[i]!;
    const v = t.raw.replace(/^v(?=\d)/i, "");
    const dotted = /^\d+(\.\d+)+[0-9A-Za-z._+~-]*$/.test(v);
    if (dotted || (led && /^\d[0-9A-Za-z._+~-]*$/.test(v))) return v;
    if (!VERSION_LEAD.has(t.norm)) return undefined;
    if (t.kind === "word") led = true;
  }
  return undefined;
}
