import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import { requestFor } from "./askFollowUp.js";
import { answerFromFacts } from "./factAnswers.js";
import { dropInstalled, reinstallAnswer, reinstalled, type VersionInfo } from "./installedAlready.js";
import { restToPlan } from "./oneShotRest.js";
import { replacedPrograms, unplannedClauses } from "./unplannedClauses.js";

/**
 * What `levitate ask` makes of a decision, since it has no next turn (tester 27 W7, R2; README's
 * ask section): the settled rest of a partly withheld request is planned (oneShotRest.ts), a
 * reinstall in two clauses is answered as one (installedAlready.ts), an install of what is
 * installed is said and left out, every clause the plan cannot do is named with the command that
 * does it (unplannedClauses.ts), and questions the facts answer are answered (factAnswers.ts).
 * None of these adds a call the words did not ask for; the plan is still shown and confirmed.
 */
export interface OneShot {
  decision: Decision;
  /** Lines printed before the plan: what was not done and why. */
  notes: string[];
  /** Nothing to do and that was the answer ("htop is already installed"): exit 0. */
  settled: boolean;
  /**
   * Removals the words suggest but do not ask for ("neovim instead of vim"): on a terminal each
   * is asked ("Remove vim too? [y/N]"), and only a yes adds it; the note names the command.
   */
  offers: { question: string; note: string; calls: PlanCall[] }[];
}

const GENERIC = /^(?:I didn't find anything to do in that|I can't answer that from here)\b/;

const DELETE_USERS = /^I can't delete users\b/;
const SUDO_TAKEN = /^I didn't take sudo from /;

/** A command the line names, to tell whether a reply already gave it. */
const COMMAND = /\b(?:chsh|usermod|gpasswd)\b[^:]*$|levitate ask "remove [^"]+"/;

export async function oneShot(
  first: Decision,
  text: string,
  facts: Facts,
  redecide: (words: string) => Promise<Decision>,
  versionOf?: (name: string) => VersionInfo | undefined,
): Promise<OneShot> {
  let decision = first;
  const notes: string[] = [];
  const again = reinstalled(text, facts);
  if (again && (!("calls" in decision) || decision.calls.some((c) => c.tool === "removeRecipe")))
    return { decision: reinstallAnswer(again), notes, settled: false, offers: [] };

  const rest = await restToPlan(decision, (calls) => requestFor(calls), redecide);
  // "remove vim, hopefully": the rest is planned only from words with no doubt in them; a removal,
  // an erase or a grant beside a doubt stays the question it was (agent/safety/doubtedYes.ts)
  const doubted =
    rest &&
    rest.calls.some(
      (c) =>
        c.tool === "removeRecipe" || c.tool === "partitionDisk" || (c.tool === "createUser" && c.args.sudo),
    ) &&
    ((await import("../safety/doubtedYes.js")).doubtedYes(text) !== undefined ||
      // "remove fd; echo hi", "recipe remove fd": a removal deferred, taken back or written as
      // code stays the question it was (agent/safety/removalNotPlain.ts)
      (await import("../safety/removalNotPlain.js")).anyRemovalNotPlain(rest.calls, text));
  if (rest && !doubted) {
    decision = { calls: rest.calls };
    notes.push(rest.notDone);
  }
  let settled = false;
  if ("calls" in decision) {
    const dropped = dropInstalled(decision.calls as PlanCall[], text, facts, versionOf);
    notes.push(...dropped.notes);
    if (!dropped.calls.length && decision.calls.length) {
      decision = { reply: notes.join(" ") };
      notes.length = 0;
      settled = true;
    } else decision = { calls: dropped.calls };
  }
  const calls = "calls" in decision ? (decision.calls as PlanCall[]) : [];
  const clauses = unplannedClauses(text, calls, facts);
  if ("calls" in decision) notes.push(...clauses);
  else if (clauses.length && "reply" in decision) {
    const reply = decision.reply;
    // "remove tim's sudo": the rules' "I can't delete users" answers a deletion nobody asked for
    // once the clause line says what was asked (tester 29 F13)
    if (GENERIC.test(reply) || (DELETE_USERS.test(reply) && clauses.some((c) => SUDO_TAKEN.test(c))))
      decision = { reply: clauses.join(" ") };
    else {
      const fresh = clauses.filter((c) => !reply.includes(COMMAND.exec(c)?.[0] ?? c));
      if (fresh.length) decision = { ...decision, reply: `${fresh.join(" ")} ${reply}` };
    }
  }
  if ("reply" in decision && !settled) decision = answerFromFacts(decision, text, facts);
  const offers = replacedPrograms(text, calls, facts).flatMap((old) => {
    const note = notes.find((n) => n.startsWith(`${old} stays installed:`));
    return note
      ? [
          {
            question: `${old} stays installed. Remove ${old} too?`,
            note,
            calls: [{ tool: "removeRecipe", args: { name: old } } as PlanCall],
          },
        ]
      : [];
  });
  return { decision, notes, settled, offers };
}
