import type { TurnView } from "../types.js";
import { notAName } from "./nameCandidates.js";
import { isWordName } from "./wordNames.js";

/**
 * A new name for a planned user in the shapes people type when they fix a name in a hurry (tester
 * 26 W7): "not mike, mikey" (the refused name, then the right one), "mike -> mikey" (an arrow),
 * "change the username to mikey" (the account named by its field), "make that mikey" (right after
 * the turn that planned mike). Before, these were a recipe, a refused name, "already the plan", or a
 * second account beside mike.
 *
 * Safety: a rename only moves a planned account to another name with the grants it had (and a
 * refusal of sudo follows it: agent/safety/refusedSudoKept.ts); it never creates an account with
 * more rights, and never touches one that exists on the machine. The new name must be one a person
 * is called (no program, no ordinary word: "make it btrfs", "make that bigger" rename nobody), and
 * the field and "that" shapes need an account the words can only mean: the user the turn before
 * planned, or the one user planned.
 */
export function renameByShape(
  text: string,
  known: ReadonlySet<string>,
  thatUser: string | undefined,
  things: readonly string[],
): { old: string; to: string } | undefined {
  const t = text.toLowerCase().trim();
  const fresh = (x: string | undefined) =>
    x !== undefined &&
    /^[a-z_][a-z0-9_-]{0,31}$/.test(x) &&
    !known.has(x) &&
    !things.includes(x) &&
    !notAName(x) &&
    !isWordName(x);
  const pick = (old: string | undefined, to: string | undefined) =>
    old && known.has(old) && fresh(to) ? { old, to: to! } : undefined;
  // "not mike, mikey", "no not mike but mikey", "not mike - its mikey"
  const not = NOT_OLD_NEW.exec(t);
  if (not) return pick(not[1], not[2]);
  // "mike -> mikey", "mike => mikey", "mike → mikey"
  const arrow = ARROW.exec(t);
  if (arrow) return pick(arrow[1], arrow[2]);
  const only = known.size === 1 ? [...known][0] : undefined;
  const meant = thatUser && known.has(thatUser) ? thatUser : only;
  // "change the username to mikey", "set his name to mikey", "fix the login name: mikey"
  const field = FIELD.exec(t);
  if (field && meant) return pick(meant, field[1]);
  // "make that mikey", "change it to mikey" right after the turn that planned the account
  // (only a spelling of the same name: "make it happen", "make that quick" after "user spade" are
  // no new name, and no word list can hold every such phrase)
  // "no, my name is leon" right after "user leo": the speaker corrects the name just planned
  // (only a spelling of the same name, as for "make that mikey": "no, my name is bob" after "user
  // leo" may be another person, and is read as one)
  const own = OWN.exec(t);
  if (own && meant && sameNameRoot(meant, own[1]!)) return pick(meant, own[1]);
  const that = THAT.exec(t);
  if (that && thatUser && known.has(thatUser) && sameNameRoot(thatUser, that[1]!))
    return pick(thatUser, that[1]);
  return undefined;
}

/** The name said as the person's own: "my name is", "his name's", "i'm", "i am", "call me". */
const OWN_NAME = String.raw`(?:(?:but\s+)?(?:(?:my|his|her|their)\s+name(?:'s|\s+is)|i'?m|i\s+am|call\s+(?:me|him|her))\s+)`;
const END = String.raw`(?:\s*(?:pls|please|then|thanks|instead|sorry|lol))*\s*[.!]*\s*$`;
const LEAD = String.raw`^(?:(?:no|nah|oops|sorry|wait|actually|oh|typo)\b[\s,.!:]*)*`;
const NOT_OLD_NEW = new RegExp(
  `${LEAD}not\\s+([a-z_][a-z0-9_-]*)\\s*[,;:.!-]*\\s*(?:but\\s+|it'?s\\s+|its\\s+|${OWN_NAME})?([a-z_][a-z0-9_-]*)${END}`,
);
const ARROW = new RegExp(`${LEAD}([a-z_][a-z0-9_-]*)\\s*(?:-+>|=+>|→)\\s*([a-z_][a-z0-9_-]*)${END}`);
const FIELD = new RegExp(
  `\\b(?:change|set|make|switch|fix|update|correct)\\s+(?:the\\s+|his\\s+|her\\s+|their\\s+|that\\s+)?(?:user\\s*name|login(?:\\s*name)?|account\\s*name|(?<=(?:his|her|their)\\s+)name)\\s*(?:to\\s+|into\\s+|as\\s+|[:=]\\s*)?([a-z_][a-z0-9_-]*)${END}`,
);
const OWN = new RegExp(
  `^(?:no|nah|oops|sorry|wait|actually|typo)\\b[\\s,.!:]*${LEAD.slice(1)}${OWN_NAME}([a-z_][a-z0-9_-]*)${END}`,
);
const THAT = new RegExp(
  `${LEAD}(?:make|change)\\s+(?:that|it)\\s+(?:to\\s+|into\\s+)?([a-z_][a-z0-9_-]*)${END}`,
);

/** "mike"/"mikey", "jon"/"john", "carlos"/"carli": the same name spelled again. */
function sameNameRoot(a: string, b: string): boolean {
  return a.length >= 2 && b.length >= 2 && a.slice(0, 2) === b.slice(0, 2);
}

/** The one account the last turn planned: what "make that mikey" is about. */
export function userOfLastTurn(turns: readonly TurnView[]): string | undefined {
  const d = turns.at(-1)?.decision;
  if (!d || !("calls" in d)) return undefined;
  const users = d.calls.flatMap((c) => (c.tool === "createUser" ? [String(c.args.username)] : []));
  return users.length === 1 && d.calls.every((c) => c.tool === "createUser") ? users[0] : undefined;
}

/**
 * "mike -> mikey", "mike => mikey": an arrow from a planned account's name to another said as
 * "rename mike to mikey" before any step reads the arrow's ">" (a quote mark, a diff line).
 * Only where the left side is a planned account and the arrow joins two words alone.
 */
export function sayRenameArrows(text: string, planned: readonly string[]): string {
  const m = /^\s*([A-Za-z_][\w-]*)\s*(?:-+>|=+>|→)\s*([A-Za-z_][\w-]*)\s*[.!]*\s*$/.exec(text);
  if (!m || !planned.includes(m[1]!.toLowerCase())) return text;
  return `rename ${m[1]!.toLowerCase()} to ${m[2]!.toLowerCase()}`;
}
