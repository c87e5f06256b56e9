import { hideSecretClauses, saySecretClauses } from "./secretClause.js";
import { sayOtherSecretForms } from "./secretForms.js";
import { sayGluedSecretForms } from "./secretGlued.js";
import { passwordShorthand } from "./secretShorthand.js";

const KEY = String.raw`\b(?:password|passphrase|passwd|passcode)\b(?:\s+for\s+[\w.-]+)?`;
// Where a field ends: a comma or semicolon, a sentence stop, a dash set apart, the next "key:",
// a line end (attacker 27 H1: "pw: p@ss w0rd" echoed "w0rd" and planned it as a user).
const FIELD_END = String.raw`(?=\s*[,;]\s|\s*;|[.!?]+(?:\s|$)|\s+[-–—]+\s|\s+[\w-]+\s*[:=]\s|\s*\n|\s*$)`;
// A value after a key said with ":", "=", "is", "to" ... runs to the end of its field, whatever
// it holds ("My!Secret", "correct horse battery staple").
const FIELD_VALUE = new RegExp(
  String.raw`(${KEY}(?:\s*[=:]|\s+(?:is|to|be|should|will|as|of|set)\b)+\s*)("[^"]*"|'[^']*'|[^\s"'.,;!?][^\n]*?)${FIELD_END}`,
  "gi",
);
// "password hunter2": a bare space takes one word, with any mark inside it ("abc!defghij").
const WORD_VALUE = new RegExp(
  String.raw`(${KEY}\s+)(?!\*\*\*|(?:is|to|be|should|will|as|of|set)\b)("[^"]*"|'[^']*'|\S+?)(?=[\s,;]|[.!?]+(?:\s|$)|$)`,
  "gi",
);

/**
 * The words of a turn with any value that follows "password"/"passphrase" replaced by `***`.
 * Passwords are asked when the plan runs; one typed into the chat anyway must not reach a
 * backend, the model's context or the recorded turns (which every later prompt replays).
 * The short forms ("pw: X", "pass=X", "bob:X" in a user request) are said as "password X"
 * first (agent/secretShorthand.ts), so the one reading above hides them too.
 */
export function scrubSecrets(text: string): string {
  return hideSecretClauses(
    passwordShorthand(sayOtherSecretForms(saySecretClauses(sayGluedSecretForms(text))))
      .replace(FIELD_VALUE, (_, lead: string) => `${lead}***`)
      .replace(WORD_VALUE, (_, lead: string) => `${lead}***`),
  );
}
