import type { Decision } from "../../tools/decision.js";

/**
 * "nvme, user bob with sudo, his password is ***": the password is refused (it is asked when the
 * plan runs, and the conversation has already scrubbed its value), and the rest of the turn is
 * still read, then offered with the reason, never dropped without a word.
 */

const SECRET_WORD = /\b(?:password|passphrase|passwd|passcode)\b/i;

/** The turn without the clauses that talk about a password, or undefined when none does. */
export function withoutPasswordClauses(text: string): string | undefined {
  if (!SECRET_WORD.test(text)) return undefined;
  const clauses = text.split(
    /(?<=[,;.!?])\s+|\s+(?:and|but|also)\s+(?=\S+\s+(?:password|passphrase|passwd|passcode)\b)/i,
  );
  const rest = clauses
    .filter((c) => !SECRET_WORD.test(c))
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
