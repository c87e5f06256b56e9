/**
 * Passwords typed glued to their key or spelled around it (attacker 29 H2): `password"hunter2"`,
 * `create anna,password,hunter2`, `password_hunter2`, `p@ssword hunter2`, `pa$$w0rd: x`,
 * "her pw should be hunter2", "secret hunter2". Each is said as the plain "password VALUE" (or
 * "password is VALUE") that agent/scrubSecrets.ts already hides, so the echo, the log and the model
 * never see the value and the rules answer that passwords are asked when the plan runs.
 *
 * Safety: this only ever hides words. A word hidden by mistake costs a question or a dropped detail
 * (the user is asked again), never a step; a secret left visible is echoed in clear, logged, and
 * may become an account name. The readings are by shape, not by example:
 * - glue: a password key joined to the next word by no space, or by a quote, comma, underscore,
 *   slash or dot with no space ("password,hunter2" is one field; "password, and sudo" is a list);
 * - spelling: the leet forms of "password"/"passwd"/"passphrase" (a→@/4, s→$/5, o→0), which are no
 *   other word;
 * - modal: "pw/pwd/pass word/password should|must|will|shall|needs to|has to be X": a key said
 *   with a modal is a value being set;
 * - "secret" before a value shaped like a password (a digit beside letters, a sign inside), which
 *   no ordinary "secret" phrase has ("my secret identity", "secret santa" keep their words).
 */

const KEY_WORD = String.raw`(?:pass(?:word|phrase|wd|code))`;

// a→@/4, s→$/5, o→0 in the key words; at least one sign or digit, so the plain word is left to the
// readers that already take it.
const LEET = /(?<![\w@$])p[a@4][s$5][s$5](?:w[o0]rd|phr[a@4][s$5]e|wd)(?![\w@$])/gi;

// The key glued to its value: `password"x"`, `password'x'`, `password,x`, `password_x`,
// `password/x`, `password.x` (no space on either side of the glue), and `,password,` before it.
const GLUED = new RegExp(String.raw`\b(${KEY_WORD})(?:["']|[,_/.](?=[^\s,;.!?]))(?=\S)`, "gi");

// "pw should be x", "her password must be x", "pwd needs to be x", "the password has to be x"
const MODAL = new RegExp(
  String.raw`\b(?:${KEY_WORD}|password|pw|pwd|pword|pswd|psw|p\/w)\s+(?:should|must|will|shall|could|would|can|needs?\s+to|has\s+to|have\s+to|ought\s+to|is\s+going\s+to|gonna)\s+be\s+`,
  "gi",
);

// "secret hunter2", "secret Tr0ub4dor&3": a bare space then a password-shaped value.
const SECRET_BARE = /(?<![\w-])secret\s+(?=("[^"]*"|'[^']*'|[^\s,;]+))/gi;

function passwordShaped(value: string): boolean {
  const v = value.replace(/^["']|["'.!?]+$/g, "");
  if (!v || v.length < 4) return false;
  if (/^["']/.test(value)) return true;
  if (/\d/.test(v) && /[A-Za-z]/.test(v)) return true;
  if (/^.+[A-Z]/.test(v)) return true;
  return /[^A-Za-z0-9_.'"-]/.test(v);
}

export function sayGluedSecretForms(text: string): string {
  let t = text.replace(LEET, (w) => (/[@$\d]/.test(w) ? "password" : w));
  t = t.replace(GLUED, (_whole, key: string, offset: number) => {
    // a leading glue comma ("anna,password,x") is a field break too
    const before = offset > 0 && /\S/.test(t[offset - 1] ?? "") ? " " : "";
    return `${before}${key} `;
  });
  t = t.replace(MODAL, "password is ");
  t = t.replace(SECRET_BARE, (whole, value: string) => (passwordShaped(value) ? "password " : whole));
  return t;
}
