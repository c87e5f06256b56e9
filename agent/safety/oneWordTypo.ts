/**
 * "Snap." with a plan pending: one word that is no word I know, which the typo corrector made into
 * one ("snap" → "swap"), is no request. A one-word turn after "Go ahead with the plan?" is most
 * often the answer in a word of the speaker's trade (dev h23m-039#4: "Snap." replanned the disk
 * with a swap partition in it). A guess from a typo must never turn an answer into a call that
 * changes the plan, least of all the disk's: the plan stays as it was and is asked about again.
 *
 * Narrow on purpose: only where the whole turn is ONE word, the word as typed is not the word that
 * was read (a correction, not a spelling the readers know: "swap", "btrfs", "fd" stay requests),
 * and a plan is pending (with nothing pending a corrected word asks for what it names, and the
 * plan it starts is still shown and asked about before anything runs).
 */
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { GO_AHEAD_QUESTION } from "../rules/objectFallback.js";
import { normalizeTokens } from "../rules/tokens.js";
import type { ConversationView } from "../types.js";

/** The one word of a one-word turn as typed and as read, or undefined for any other turn. */
function loneWord(text: string, facts: Facts): { typed: string; read: string } | undefined {
  const tokens = normalizeTokens(text, facts).filter((t) => t.kind !== "punct");
  if (tokens.length !== 1 || tokens[0]!.kind !== "word") return undefined;
  return { typed: tokens[0]!.raw.toLowerCase(), read: tokens[0]!.norm };
}

/** A call made from a one-word turn's typo, with a plan pending, becomes the plan's question again. */
export function screenOneWordTypo(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision) || !conv.pending.length) return decision;
  const word = loneWord(conv.user, facts);
  if (!word || word.typed === word.read || !/^[a-z]+$/.test(word.typed)) return decision;
  return {
    reply: `I don't know the word "${word.typed}" here, so I changed nothing (did you mean "${word.read}"? Say it in a few more words). ${GO_AHEAD_QUESTION}`,
  };
}
