import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";

/**
 * `levitate ask` is one request with no next turn. When part of it is withheld for a settled reason
 * ("htop stays", "neovim is not installed", "your words keep vlc") the rules answer as in the chat:
 * the reason, then "Shall I add the rest (remove firefox, remove vlc)?" with the rest as an offer.
 * Asked in a process that then ended, the question could not be answered and nothing was planned
 * (tester 27 F22, F34). A one-shot now plans the rest and says plainly what it did not do and why;
 * the plan's own confirmation is the question ("Go ahead? [y/N]"), so nothing runs unconfirmed.
 *
 * Why this is safe:
 * - Only the rest shape is taken: the reply's head must be a statement. A head that asks ("Install
 *   what?", "Which one should I remove?", "What should the new user be called?") means the request
 *   is not settled, and its rest may be only half of a pair ("uninstall firefox and install it
 *   again": the removal without the install, tester 27 F37): that stays a question.
 * - The rest is what the screens (protections, evidence, the destructive and certainty gates) let
 *   through: each withheld call is named in the head. Where the rest holds a destructive call it
 *   is taken only when the words for it alone ("remove firefox, remove vlc", the command the old
 *   reply told the person to run) decide, fresh, to exactly those calls: the one-shot adds no
 *   reading that the printed command would not have had.
 * - The normal confirmation follows (on a terminal, default no; without one and without --yes,
 *   nothing runs and the exit code says so); --dry-run only shows it.
 */

const REST = /^([\s\S]*?)\s*Shall I (?:add|do) the rest(?:\s*\([^)]*\))?\?\s*$/;

export interface Rest {
  calls: PlanCall[];
  /** What was not done and why, in the reply's own words. */
  notDone: string;
}

/** The settled rest of a reply that offers it, or undefined. */
export function restOf(d: Decision): Rest | undefined {
  if (!("reply" in d) || !d.offer?.calls.length) return undefined;
  const m = REST.exec(d.reply);
  if (!m) return undefined;
  const head = m[1]!.trim();
  if (!head || head.includes("?")) return undefined;
  const calls = d.offer.calls as PlanCall[];
  // "install gimp pls and remove it again" → "gimp is not installed. Shall I add the rest (install
  // gimp)?": the withheld part is about the very program the rest touches, so the rest is not the
  // whole of one side of the request but a half that the other half contradicts: it stays a question.
  // (the lists a head quotes, "(installed: firefox, vim, …)", name everything and say nothing)
  const lower = head
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/\b(?:installed|available):[^.]*\./g, " ");
  if (
    calls.some((c) =>
      touched(c).some((n) => new RegExp(`(?<![\\w.+-])${escapeRe(n)}(?![\\w+-])`).test(lower)),
    )
  )
    return undefined;
  return { calls, notDone: head };
}

/** The program or account names a call touches. */
function touched(c: PlanCall): string[] {
  const a = c.args as Record<string, unknown>;
  return [a.name, a.username].filter((x): x is string => typeof x === "string").map((x) => x.toLowerCase());
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** removeRecipe, createUser with sudo, a disk: the calls that take something away or give root. */
export function destructive(c: PlanCall): boolean {
  const a = c.args as Record<string, unknown>;
  if (c.tool === "removeRecipe" || c.tool === "partitionDisk") return true;
  if (c.tool === "createUser") return a.sudo === true;
  return false;
}

/** The same calls, whatever the order of keys. */
export function sameCalls(a: readonly PlanCall[], b: readonly PlanCall[]): boolean {
  const key = (c: PlanCall) => JSON.stringify([c.tool, sortKeys(c.args as Record<string, unknown>)]);
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}

/**
 * The rest to plan, or undefined when it stays a question. `redecide` decides a request's words in a
 * fresh conversation; `requestFor` gives the words for calls (askFollowUp.ts).
 */
export async function restToPlan(
  d: Decision,
  requestFor: (calls: readonly PlanCall[]) => string | undefined,
  redecide: (words: string) => Promise<Decision>,
): Promise<Rest | undefined> {
  const rest = restOf(d);
  if (!rest) return undefined;
  if (!rest.calls.some(destructive)) return rest;
  const words = requestFor(rest.calls);
  if (!words) return undefined;
  const fresh = await redecide(words);
  return "calls" in fresh && sameCalls(fresh.calls as PlanCall[], rest.calls) ? rest : undefined;
}
