import { type Decision, sameCall } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import { normalizeTokens } from "./tokens.js";
import { INSTALL_VERBS, REMOVE_VERBS } from "./vocab.js";

/**
 * A word of the turn read as an unknown program, beside an install the turn plainly placed (issue
 * 14, round 23): "Give me a mulligan, put it on the Seagate instead." → "There is no recipe named
 * mulligan. Shall I add the rest (install on /dev/sda)?". The readers read the install; the word
 * they could not place went to the program reader, which asks about it and holds the install back
 * as an offer. But nothing in the turn asked for a program: the word is no verb's object ("a
 * mulligan", "both systems can go", "status INSTALL", "like a locked tackle box", "alongside
 * winders"). A turn that asks for a missing program puts the name where a program goes: right
 * after a verb of installing or removing ("install foo", "add foo"), or in a list beside a program
 * that exists ("fzf and foo"), or it is close to a real name ("did you mean ...?").
 *
 * So where the unknown words stand in no such place and every call the reply holds back is the
 * install of the system (with the host name or locale said beside it), the calls are made. Only
 * the reply's own offer is taken, never a call it did not propose; the calls pass the same gates
 * after the backend as any other (agent/turn.ts): a disk that holds data is erased only where the
 * words ask for it, else asked about. An offer that only repeats the plan ("give me a minute, the
 * heron's back" with the plan already holding that install) stays a question: the turn changed
 * nothing, and may be a pause.
 */

const NO_RECIPE =
  /There is no recipe named (\S+?)( \(did you mean [^)]*\))?\. Available: [^.]*\.(?: To add a person, say "[^"]*"\.)?/g;
const NOT_A_RECIPE = /"([^"]*)" is not a recipe here\./g;
const REST = /^Shall I add the rest \([^)]*\)\?$/;

/** The calls of the system's install an unknown word may stand beside. */
const SETUP = new Set(["partitionDisk", "setHostname", "setLocale"]);

/** Words that join a list: "fzf and foo", "fzf, foo". */
const LIST = new Set(["and", "&", "plus", "also", ",", "+", "or"]);

/** Words between a verb and its object that leave the object the verb's: "give me foo", "add the foo". */
const BETWEEN = new Set(["me", "us", "him", "her", "them", "the", "my", "our", "that", "this"]);

export function strayProgramWord(d: Decision, typed: string, ctx: Ctx): Decision {
  if (!("reply" in d) || !d.offer) return d;
  const calls = d.offer.calls as PlanCall[];
  if (!calls.some((c) => c.tool === "partitionDisk") || !calls.every((c) => SETUP.has(c.tool))) return d;
  // the offer changes the plan: a repeat of what is planned answers nothing new
  if (calls.every((c) => ctx.conv.pending.some((p) => sameCall(p, c)))) return d;
  const stray: string[] = [];
  let rest = d.reply.replace(NO_RECIPE, (_m, w: string, near?: string) => {
    // a name close to a real one ("did you mean fd?") may be a typo of a program: asked
    stray.push(near ? "" : w.toLowerCase());
    return "";
  });
  rest = rest.replace(NOT_A_RECIPE, (_m, p: string) => {
    stray.push(p.toLowerCase().split(/\s+/)[0] ?? "");
    return "";
  });
  if (!stray.length || stray.includes("") || !REST.test(rest.trim())) return d;
  const tokens = normalizeTokens(typed, ctx.facts);
  const words = tokens.map((t) => t.norm);
  const raw = tokens.map((t) => t.raw.toLowerCase());
  const recipes = new Set(ctx.facts.recipes);
  for (let k = 0; k < words.length; k++) {
    if (!stray.includes(words[k]!) && !stray.includes(raw[k]!)) continue;
    // "give me foo", "install the foo": a pronoun or a definite article stands between the verb
    // and its object; "give me a mulligan" names no program ("a" + a name is no way to ask for one)
    let j = k - 1;
    while (j > 0 && BETWEEN.has(words[j]!)) j--;
    const before = words[j] ?? "";
    // "install foo", "add foo": the object of a program verb is a program asked for
    if (INSTALL_VERBS.has(before) || REMOVE_VERBS.has(before)) return d;
    // "fzf and foo", "fzf, foo": a list of programs
    const prior = LIST.has(before) ? (words[k - 2] ?? "") : before;
    if (recipes.has(prior) || ctx.facts.installed.includes(prior)) return d;
  }
  return { calls };
}
