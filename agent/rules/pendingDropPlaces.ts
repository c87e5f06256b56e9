import type { DropEntry } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import type { Token } from "./text.js";
import { DISK_WORDS, INSTALL_VERBS, MACHINE_WORDS, SUDO_WORDS, USER_WORDS } from "./vocab.js";

/**
 * Two more drops by shape (issue 14, round 24), beside pendingDropShape.ts:
 *
 * - a pending step taken OFF or FROM a thing that is not the machine: "neovim is a pet, not a pest.
 *   Take it off the list", "strike it from the chart". The list, the chart, the order are the plan
 *   in the register's words; what is taken off them is the step, not the program. Said of a pending
 *   REMOVAL it keeps the program (the safe direction: nothing is taken). "take neovim off the
 *   machine", "off the system" say the removal again and are left alone.
 * - a pending ACCOUNT said away: "Pull benny off the baseplate", "Observer carl cancelled, take him
 *   off", "tony's out of the band. scratch him from the chart". One account of the plan is named
 *   (or "him"/"her" with one named in the turn), and a particle of going away stands beside it,
 *   with no word that makes, grants or asks for an account. The account is not made yet: dropping
 *   it takes nothing from anyone, and the plan is read back before it runs.
 */

/** Particles of taking away: "take him OFF", "tony's OUT of the band", "send her AWAY". */
const AWAY = new Set(["off", "out", "away"]);

/** Words that make or grant an account, or ask: never beside a drop of one. */
const MAKES = new Set(["create", "make", "add", "give", "set", "grant", "sign", "put", "new", "also", "too"]);

/** Determiners between "off"/"from" and what the step is taken off. */
const DETS = new Set(["the", "my", "our", "this", "that", "his", "her", "their", "a"]);

/**
 * Where "off"/"from" is followed by a thing that is not the machine ("off the list"): the step is
 * taken out of the plan. Undefined where no such place is said.
 */
export function offThePlan(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== "off" && words[i] !== "from") continue;
    let k = i + 1;
    while (k < words.length && DETS.has(words[k]!)) k++;
    if (k === i + 1 || k >= words.length) continue;
    const noun = words[k]!;
    if (MACHINE_WORDS.has(noun) || DISK_WORDS.has(noun) || /^(?:it|them|here|there)$/.test(noun)) continue;
    return true;
  }
  return false;
}

/** "tony's out", "ivo is off the roster": the copula between a person and the particle. */
const COPULA = new Set(["is", "s", "was", "are", "were", "be", "been"]);

/** "take HIS place card away". */
const POSSESSIVES = new Set(["his", "her", "their"]);

/** Pronouns for a person. */
const PERSON_PRONOUNS = new Set(["him", "her", "them"]);

/**
 * The drop of the one pending account the turn says away, or undefined. `tokens` are the turn's,
 * normalized; a question was ruled out by the caller.
 */
export function accountSaidAway(
  tokens: readonly Token[],
  pending: readonly PlanCall[],
): DropEntry[] | undefined {
  const users = pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  if (!users.length) return undefined;
  const words = tokens.filter((t) => t.kind === "word").map((t) => t.norm);
  const raws = tokens.filter((t) => t.kind === "word").map((t) => t.raw.toLowerCase().replace(/'s$/, ""));
  const named = users.filter((u) => raws.includes(u) || words.includes(u));
  if (named.length !== 1) return undefined;
  // the particle goes with the person: "benny off", "take him off", "tony's out", "ivo is off";
  // "benny works out of Berlin" says where he works, and is no drop
  const at = (i: number) => words[i] ?? "";
  // "lars moved out", "benny dropped out.": a verb and the particle, where the particle ends its
  // phrase ("out of Berlin" is a place); "take his place card away": what is his, taken away
  const awayAfter = (i: number) =>
    AWAY.has(at(i + 1)) ||
    (COPULA.has(at(i + 1)) && AWAY.has(at(i + 2))) ||
    (AWAY.has(at(i + 2)) && at(i + 3) !== "of" && !AWAY.has(at(i + 1)));
  const person = (i: number) =>
    raws[i] === named[0] || words[i] === named[0] || PERSON_PRONOUNS.has(words[i]!);
  const his = (i: number) =>
    POSSESSIVES.has(words[i]!) && [1, 2, 3].some((k) => AWAY.has(at(i + k)) && at(i + k + 1) !== "of");
  if (!words.some((_, i) => (person(i) && awayAfter(i)) || his(i))) return undefined;
  if (
    words.some(
      (w) => MAKES.has(w) || INSTALL_VERBS.has(w) || SUDO_WORDS.has(w) || USER_WORDS.has(w) || w === "keep",
    )
  )
    return undefined;
  // a pronoun other than the person's, or a second name, is another reading: left alone
  if (
    words.some((w) => ["it", "that", "this", "those", "these"].includes(w)) &&
    !words.some((w) => PERSON_PRONOUNS.has(w))
  )
    return undefined;
  return [{ tool: "createUser", args: { username: named[0]! } } as DropEntry];
}
