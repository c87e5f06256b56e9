import type { Facts } from "../../facts/schema.js";
import { type Decision, type DropEntry, dropMatches } from "../../tools/decision.js";
import { entryOf } from "../safety/cancelStep.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * "scratch the last one", "undo the last one", "revert the last change", "get rid of the last thing
 * i added" (tester 8 D3): the last change to the plan, never the last disk in the list. A change
 * that only added steps is taken out again; one that replaced or dropped steps is asked about, with
 * what was there before offered back (a "yes" restores it). Read before any backend decides, so
 * "the last one" cannot reach a reader of disk positions.
 */

const VERB =
  "(?:undo|scratch|revert|reverse|cancel|drop|remove|delete|forget(?:\\s+about)?|scrap|ditch|bin|nix|kill|skip|strike|lose|take\\s+(?:back|out|away)|get\\s+rid\\s+of|roll\\s+back|back\\s+out|never\\s*mind)";
const LAST =
  "(?:(?:the|that|this|my|your)\\s+)?(?:very\\s+)?(?:last|latest|previous|most\\s+recent|final)(?:\\s+(?:one|thing|change|step|bit|addition|item|request|edit|add|entry|line|part))?";
const SAID =
  "(?:\\s+(?:i|you|we)(?:\\s+just)?\\s+(?:added|did|said|asked\\s+for|made|put\\s+in|typed|wanted))?";
const OPEN =
  "(?:(?:ok(?:ay)?|oh|hmm+|actually|and|so|no|nah|wait|please|pls|sorry|oops|then|just|can\\s+you|could\\s+you)[\\s,]+)*";
const CLOSE = "(?:[\\s,]+(?:please|pls|plz|thanks|thx|ty|then|too|again|actually|instead|sorry))*";

const UNDO_LAST = new RegExp(`^\\s*${OPEN}${VERB}\\s+${LAST}${SAID}${CLOSE}\\s*[.!]*\\s*$`, "i");
/** "the last one", "last thing i added": the object alone, after "undo" said the turn before. */
const BARE_LAST =
  /^\s*(?:the\s+)?(?:last|latest|previous)\s+(?:change|step|addition|thing\s+i\s+added)\s*[.!]*$/i;

/** "the last one", "the last thing", "the last item": one step, not a whole change. */
const ONE_ITEM = /\b(?:last|latest|previous|final)\s+(?:one|thing|item|entry|bit|line|part)\b/i;

/** Whether the words take back the last change to the plan, and nothing else. */
export function saysUndoLast(text: string): boolean {
  return UNDO_LAST.test(text) || BARE_LAST.test(text);
}

/** One step per plan slot: an install, a hostname, a locale, each user, each program. */
function slot(c: PlanCall): string {
  switch (c.tool) {
    case "createUser":
      return `user:${c.args.username}`;
    case "installRecipe":
    case "removeRecipe":
      return `recipe:${c.args.name}`;
    default:
      return c.tool;
  }
}

/**
 * The step in that slot the plan held before turn `upto`: the latest earlier call there, unless a
 * drop or an answered plan took it out since.
 */
export function earlierInSlot(conv: ConversationView, upto: number, s: string): PlanCall | undefined {
  const dropped: DropEntry[] = [];
  for (let i = upto - 1; i >= 0; i--) {
    const d = conv.turns[i]!.decision;
    if ("confirm" in d) return undefined;
    if ("drop" in d) dropped.push(...d.drop);
    if (!("calls" in d)) continue;
    const c = (d.calls as PlanCall[]).findLast((x) => slot(x) === s);
    if (c) return dropped.some((e) => dropMatches(e, c)) ? undefined : c;
  }
  return undefined;
}

/** The decision for "undo the last one"; undefined when the words say something else. */
export function readUndoLast(conv: ConversationView, facts: Facts): Decision | undefined {
  if (!saysUndoLast(conv.user)) return undefined;
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const d = conv.turns[i]!.decision;
    if ("confirm" in d) break;
    if ("drop" in d) {
      // the last change took steps out: offer them back
      const back = d.drop.flatMap((e) => {
        for (let k = i - 1; k >= 0; k--) {
          const t = conv.turns[k]!.decision;
          const c = "calls" in t ? (t.calls as PlanCall[]).findLast((x) => dropMatches(e, x)) : undefined;
          if (c) return [c];
        }
        return [];
      });
      if (!back.length) break;
      return {
        reply: `The last change took out ${back.map((c) => describeCall(c, facts)).join("; ")}. Shall I put it back?`,
        offer: { calls: back },
      };
    }
    if (!("calls" in d)) continue;
    const calls = (d.calls as PlanCall[]).filter((c) => conv.pending.some((p) => dropMatches(entryOf(c), p)));
    if (!calls.length) continue;
    const replaced = calls.flatMap((c) => {
      const old = earlierInSlot(conv, i, slot(c));
      return old && JSON.stringify(old) !== JSON.stringify(c) ? [old] : [];
    });
    const said = calls.map((c) => describeCall(c, facts)).join("; ");
    if (replaced.length)
      return {
        reply: `The last change was: ${said}. Before it, the plan had ${replaced.map((c) => describeCall(c, facts)).join("; ")}. Shall I go back to that?`,
        offer: { calls: replaced },
      };
    // "nvme, user vince with sudo, add dust" → "forget the last one": one item, the last said
    // (dust), not the whole turn; "undo the last change" takes the whole turn back
    const one = ONE_ITEM.test(conv.user) && calls.length > 1 ? calls.slice(-1) : calls;
    return { drop: one.map(entryOf) };
  }
  return {
    reply: conv.pending.length
      ? 'I can\'t tell which change to take back. Say which step to drop (e.g. "drop bat"), or "what\'s the plan?" to see it.'
      : "Nothing is planned yet, so there is nothing to take back.",
  };
}
