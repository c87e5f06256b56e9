import { passwordShorthand } from "./secretShorthand.js";

const SECRET_VALUE =
  /\b((?:password|passphrase|passwd|passcode)\b(?:\s+for\s+[\w.-]+)?(?:\s*[=:]|\s+(?:is|to|be|should|will|as|of|set)\b)*(?:\s*[=:]\s*|\s+))("[^"]*"|'[^']*'|\S+?)(?=[\s,;!?]|[.](?:\s|$)|$)/gi;

/**
 * The words of a turn with any value that follows "password"/"passphrase" replaced by `***`.
 * Passwords are asked when the plan runs; one typed into the chat anyway must not reach a
 * backend, the model's context or the recorded turns (which every later prompt replays).
 * The short forms ("pw: X", "pass=X", "bob:X" in a user request) are said as "password X"
 * first (agent/secretShorthand.ts), so the one reading above hides them too.
 */
export function scrubSecrets(text: string): string {
  return passwordShorthand(text).replace(SECRET_VALUE, (_, lead: string) => `${lead}***`);
}
