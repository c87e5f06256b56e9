import type { Facts } from "../../facts/schema.js";
import type { Decision, ModelToolCall } from "../../tools/decision.js";
import { escapeRegex } from "../rules/text.js";
import { ALIASES } from "../rules/tokens.js";
import type { ConversationView } from "../types.js";

/**
 * "remove everything i dont use except git" removed 12 programs (tester 10 D5): the qualifier was
 * lost and "everything ... except git" read as every other program. Which programs a person uses
 * is nowhere in the facts, so a removal chosen by use ("what i dont use", "the stuff i never
 * touch", "unused apps", "the bloat") is asked, never guessed: a removal of a program the words do
 * not name leaves the decision (and its offer), and the reply asks which ones. Programs named
 * ("remove htop, i never use it") stay removed.
 */

const WHO = "(?:i|we|me|nobody|no one|noone|anyone|u|you)";
const NOT =
  "(?:don'?t|dont|do not|never|rarely|seldom|hardly(?: ever)?|barely|havent|haven'?t|have not|didn'?t|did not|won'?t|wont|no longer|dont really|don'?t really|don'?t even|dont even|aint|ain'?t|not)";
const USE =
  "(?:use[sd]?|using|need(?:ed|s)?|touch(?:ed)?|want(?:ed)?|open(?:ed)?|run|ran|launch(?:ed)?|care about|like|play with|bother with)";
const BY_USE = new RegExp(
  [
    // "what i dont use", "everything i never touch", "stuff we don't really need anymore"
    String.raw`\b${WHO}\s+(?:\w+\s+)?${NOT}\s+(?:\w+\s+)?${USE}\b`,
    // "unused apps", "not needed", "the bloat", "all the junk"
    String.raw`\b(?:unused|unneeded|unnecessary|useless|pointless|not (?:used|needed|necessary|in use)|no longer (?:used|needed)|bloat(?:ware)?|junk|cruft|crap|rubbish|clutter|dead weight)\b`,
    // "the ones that nobody uses", "whatever isn't used"
    String.raw`\b(?:isn'?t|isnt|aren'?t|arent|is not|are not|never gets?|never got)\s+(?:being\s+|really\s+)?(?:used|needed|touched|opened)\b`,
  ].join("|"),
  "i",
);

type Removal = Extract<ModelToolCall, { tool: "removeRecipe" }>;

function named(text: string, facts: Facts): Set<string> {
  const out = new Set<string>();
  // installed programs count too: a facts file may list a program installed that no recipe here has
  for (const r of new Set([...facts.recipes, ...facts.installed]))
    if (new RegExp(String.raw`(?<![\w-])${escapeRegex(r)}(?![\w-])`, "i").test(text)) out.add(r);
  for (const [alias, name] of Object.entries(ALIASES))
    if (new RegExp(String.raw`(?<![\w-])${escapeRegex(alias)}(?![\w-])`, "i").test(text)) out.add(name);
  return out;
}

export function screenUnknownUse(d: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!BY_USE.test(conv.user)) return d;
  const said = named(conv.user, facts);
  const guessed = (c: ModelToolCall): c is Removal => c.tool === "removeRecipe" && !said.has(c.args.name);
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  if (!calls.some(guessed)) return d;
  const kept = calls.filter((c) => !guessed(c));
  const installed = facts.installed.filter((p) => !said.has(p));
  const ask = `I can't tell which programs you use, so I remove none by guess. Which ones should go? Name them${installed.length ? ` (installed: ${installed.join(", ")})` : ""}.`;
  // the reply offered the guessed removals: it is replaced, never kept beside the question
  return kept.length ? { reply: ask, offer: { calls: kept } } : { reply: ask };
}
