import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { Backend } from "../backend.js";
import type { Conversation } from "../conversation.js";

/**
 * `levitate ask` is one request, but its answer may be a question ("Remove it anyway? (yes/no)",
 * "Do you mean vim-minimal?", "Shall I add the rest (remove fd)?"). Asked and then ended, the
 * person's "yes" landed in the shell (tester 24 W22). On a terminal the question now waits for its
 * answer, which is read as the next turn of the same conversation (an open offer takes "yes" the
 * way the chat does); without one (a script, --json, --yes) it ends with a plain statement that
 * names the command that would do the offered part.
 *
 * Why this is safe: the answer goes through the same turn (decideTurn: the safety screens, the
 * protections of the first words) as in the chat, and whatever calls it yields are still shown
 * and confirmed by applyCalls as any other `ask`. --yes never takes an offer: a script's question
 * stays unanswered and nothing is planned.
 */

/** A reply that waits for an answer: it offers calls, or ends by asking. */
export function asksBack(d: Decision): boolean {
  if (!("reply" in d)) return false;
  return d.offer !== undefined || /\?\s*(?:\(yes\s*\/\s*no\))?\s*$/i.test(d.reply);
}

export interface FollowUpIO {
  /** Shows a reply. */
  say(text: string): void;
  /** Reads the person's answer; undefined when there is none (end of input, an empty line). */
  answer(): Promise<string | undefined>;
}

/**
 * Shows each reply that asks back and reads its answer as the next turn, at most `rounds` times.
 * Returns the last decision (calls to apply, or the reply that ended it, already shown) and the
 * words of the answers read.
 */
export async function followUp(
  first: Decision,
  said: string,
  conv: Conversation,
  decide: (conv: Conversation, text: string) => Promise<Decision>,
  io: FollowUpIO,
  rounds = 3,
): Promise<{ decision: Decision; shown: boolean }> {
  let decision = first;
  let text = said;
  for (let i = 0; i < rounds && asksBack(decision) && "reply" in decision; i++) {
    io.say(decision.reply);
    const answer = (await io.answer())?.trim();
    if (!answer) return { decision, shown: true };
    conv.record(text, decision);
    text = answer;
    decision = await decide(conv, answer);
  }
  return { decision, shown: false };
}

/** The decision a conversation's next turn gets, the way `ask` decides its first. */
export function turnDecider(backend: Backend, facts: Facts) {
  return async (conv: Conversation, text: string): Promise<Decision> => {
    const { decideTurn } = await import("../turn.js");
    return decideTurn(backend, conv.view(text), facts);
  };
}

type Call = { tool: string; args: Record<string, unknown> };

/**
 * The words that ask for `calls` in one `levitate ask`, or undefined when some call has no such
 * words here (a disk, a language) or they are the words `asked` already: "install fzf, remove
 * bat", "create user tom with sudo".
 */
export function requestFor(calls: readonly Call[], asked?: string): string | undefined {
  const parts: string[] = [];
  for (const c of calls) {
    const a = c.args;
    if (c.tool === "installRecipe")
      parts.push(`install ${String(a.name)}${a.version ? ` ${String(a.version)}` : ""}`);
    else if (c.tool === "removeRecipe") parts.push(`remove ${String(a.name)}`);
    else if (c.tool === "createUser" && plainAccount(a))
      parts.push(`create user ${String(a.username)}${a.sudo ? " with sudo" : ""}`);
    else if (c.tool === "setHostname") parts.push(`set the hostname to ${String(a.hostname)}`);
    else return undefined;
  }
  const request = parts.join(", ");
  // "remove sudo" asks back "Remove it anyway?": the same words would only ask again
  const same = (a: string, b: string) =>
    a.toLowerCase().replace(/\W+/g, " ").trim() === b.toLowerCase().replace(/\W+/g, " ").trim();
  return request && !(asked !== undefined && same(request, asked)) ? request : undefined;
}

/** An account said by name and sudo alone: no groups, full name or shell but the default. */
function plainAccount(a: Record<string, unknown>): boolean {
  const groups = Array.isArray(a.groups) ? a.groups : [];
  return (
    groups.length === 0 && a.fullName === undefined && (a.shell === undefined || a.shell === "/bin/bash")
  );
}
