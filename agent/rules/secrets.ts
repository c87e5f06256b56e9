import type { Decision } from "../../tools/decision.js";

/**
 * "nvme, user bob with sudo, his password is ***": the password is refused (it is asked when the
 * plan runs, and the conversation has already scrubbed its value), and the rest of the turn is
 * still read, then offered with the reason, never dropped without a word.
 */

const SECRET_WORD = /\b(?:password|passphrase|passwd|passcode)\b/i;

/**
 * "user bob sudo password ***", "nvme encrypted with passphrase ***": the password and the value
 * the conversation scrubbed, said inside a request (tester 24 W36: the whole clause went, with bob
 * and the disk in it). Only a scrubbed value ("***") marks the phrase, so "set my password" and
 * "forget the passphrase" stay whole clauses about a password, and are still left out below.
 */
const SECRET_PHRASE =
  /[\s,]*(?:\b(?:and|with|using|plus)\s+)?(?:\b(?:his|her|my|their|the|a|an|its|our|your|this|that)\s+)?\b(?:password|passphrase|passwd|passcode)\b(?:\s+for\s+[\w.-]+)?(?:\s*[=:]|\s+(?:is|to|be|should|will|as|of|set)\b)*\s*\*\*\*/gi;

/** The turn without the clauses that talk about a password, or undefined when none does. */
export function withoutPasswordClauses(text: string): string | undefined {
  if (!SECRET_WORD.test(text)) return undefined;
  const clauses = text.split(
    // a scrubbed value stays with its key ("password: ***" is one phrase, not a clause "password:")
    /(?<=[,;.!?:])\s+(?!\*\*\*)|\s+(?:and|but|also)\s+(?=\S+\s+(?:password|passphrase|passwd|passcode)\b)/i,
  );
  const rest = clauses
    .map((c) => c.replace(SECRET_PHRASE, "").trim())
    .filter((c) => c && !SECRET_WORD.test(c))
    .join(" ")
    .trim();
  return rest.replace(/[,;\s]+$/, "") || undefined;
}

export const PASSWORD_NOTE =
  "Passwords never go through the chat: each new user's password (and the encryption passphrase) is asked when the plan runs.";

type Call = { tool: string; args: Record<string, unknown> };

function callText(c: Call): string {
  const a = c.args;
  switch (c.tool) {
    case "partitionDisk":
      return a.use === "free"
        ? `install into the free space of ${String(a.disk)}`
        : `erase ${String(a.disk)} and install there`;
    case "createUser":
      return `user ${String(a.username)}${a.sudo ? " with sudo" : ""}`;
    case "installRecipe":
      return `install ${String(a.name)}`;
    case "removeRecipe":
      return `remove ${String(a.name)}`;
    case "setHostname":
      return `hostname ${String(a.hostname)}`;
    default:
      return "language, keyboard and time zone";
  }
}

/** What to answer when the rest of the turn (read without its password) asked for something. */
export function passwordAnswer(rest: Decision): Decision | undefined {
  if ("calls" in rest && rest.calls.length)
    return {
      reply: `${PASSWORD_NOTE} Shall I add the rest (${rest.calls.map((c) => callText(c as Call)).join(", ")})?`,
      offer: { calls: rest.calls },
    };
  if ("reply" in rest && rest.offer?.calls.length)
    return { reply: `${PASSWORD_NOTE} ${rest.reply}`, offer: rest.offer };
  return undefined;
}

/**
 * What a turn becomes when it answered "What should the new user be called?" with a password
 * (attacker 6 M7): the answer never reaches a reader, the model's context or the recorded turns.
 */
export const PASSWORD_ANSWER = "(a password, not shown)";

export const PASSWORD_ANSWER_REPLY =
  "That looks like a password, so I did not take it as a name and will not show it. Passwords are asked at their own prompt when the plan runs. What should the new user be called? (lowercase letters and digits, e.g. anna)";

/** My last words asked for a username. */
function askedUsername(reply: string): boolean {
  return /\bWhat should the (?:new )?user be called\?/.test(reply);
}

/**
 * An answer no one types as a name: one word with a capital after its first letter ("MyDogRex1987",
 * "xK9"), a capital beside digits ("Tr0ub4dor"), or a character no username has ("S3cr3t-P4ss!",
 * "P@ssw0rd"); or words that say it is a password ("oops that was my password", "hunter2 is my pw").
 * "Anna", "anna.", "anna please", "call her anna" are names.
 */
export function passwordLike(answer: string): boolean {
  const a = answer.trim().replace(/[.!?]+$/, "");
  if (/\b(?:password|passphrase|passwd|passcode|pw|pwd)\b/i.test(a)) return true;
  // "correct horse battery staple": a passphrase of plain words, none of them a request's
  const words = a.toLowerCase().split(/\s+/);
  if (words.length >= 4 && words.every((w) => /^[a-z]+$/.test(w) && !REQUEST_WORDS.has(w))) return true;
  if (/\s/.test(a)) return false;
  // "j.doe": a name with a dot, no password
  if (/^[a-z]+(?:\.[a-z]+)+$/.test(a)) return false;
  if (/[^A-Za-z0-9_-]/.test(a)) return true;
  if (/^.+[A-Z]/.test(a)) return true;
  return /[A-Z]/.test(a) && /\d/.test(a);
}

/** Words an answer that asks for something holds: "call her anna", "my son tom with sudo please". */
const REQUEST_WORDS = new Set(
  "a an the and or with without no not sudo admin user users name named call called username account for my his her their our is it its just only please pls me him them make add create give be should wife husband son daughter kid kids mom dad partner friend guest".split(
    " ",
  ),
);

/** The words of a turn, with an answer to "What should the new user be called?" that looks like a password hidden. */
export function hidePasswordAnswer(text: string, last: Decision | undefined): string {
  if (!last || !("reply" in last) || !askedUsername(last.reply)) return text;
  return passwordLike(text) ? PASSWORD_ANSWER : text;
}
