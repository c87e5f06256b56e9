/**
 * The short ways people write a password beside a user request, said as "password VALUE" so the
 * scrubber (agent/scrubSecrets.ts) hides the value and the rules answer that passwords are asked at
 * their own prompt (attacker 26 F18: "create user bob, pw: Tr0ub4dor&3" planned an account named
 * after the password; "create user bob:Xyzzy123" planned only the account xyzzy123; "pass=X" was
 * echoed back).
 *
 * Safety: this only ever hides words. A word hidden by mistake costs a question or a dropped
 * detail (the user is asked again), never a step; a password left visible becomes an account name
 * in /etc/passwd and /home, readable by everyone, and enters the model's context and the log.
 */

/** "password-shaped": what no one types as a word of a request (a digit, a capital inside, a sign). */
function secretShaped(value: string): boolean {
  const v = value.replace(/^["']|["']$/g, "");
  if (!v) return false;
  if (/\d/.test(v) && /[A-Za-z]/.test(v)) return true;
  if (/^.+[A-Z]/.test(v)) return true;
  return /[^A-Za-z0-9_.'"-]/.test(v);
}

/** Values after a key that say "none" rather than give one: left as they are. */
const NOT_A_VALUE =
  /^(?:no|none|nope|nil|null|n\/a|na|tbd|later|empty|blank|-+|—|yes|y|n|true|false|asked|prompt|ask|same)$/i;

// The abbreviations of "password" that are nothing else as a key: "pw", "pwd", "pword", "passwd"
// is read already; "pass" too, but only as a key (with ":" / "=" / " is "), or before a value shaped
// like a password ("I'll pass on that", "pass the salt" keep their words).
const KEY = String.raw`(?:pw|pwd|pword|p\/w|pass|pass\s+word|pswd|psw)`;
const KEYED = new RegExp(
  String.raw`\b${KEY}(\s*[=:]\s*|\s+is\s+|\s+)("[^"]*"|'[^']*'|[^\s,;]+?)(?=[\s,;!?)]|[.](?:\s|$)|$)`,
  "gi",
);

// "create user bob:Xyzzy123", "add bob:hunter2 with sudo": the user:secret pair of a login line,
// right after a word that asks for an account. "bob:sudo", "bob:wheel" name a group and keep it.
const PAIR =
  /(\b(?:users?|accounts?|logins?|username|create|add|make|new)\s+(?:(?:a\s+)?(?:new\s+)?(?:user|account|login)\s+)?)([a-z_][\w.-]{0,31}):(?!\/\/)([^\s,;]+)/gi;
const GROUP_VALUE =
  /^(?:sudo|wheel|admin|admins|root|users?|staff|docker|yes|no|true|false|none|-+|\d{1,2}(?::\d\d)?)[.!?]*$/i;

export function passwordShorthand(text: string): string {
  const keyed = text.replace(KEYED, (whole, sep: string, value: string) => {
    const v = value.replace(/[.!?]+$/, "");
    if (NOT_A_VALUE.test(v)) return whole;
    // a bare space: only a value shaped like a password ("pw Tr0ub4dor", not "pass on git")
    if (!/[=:]|\bis\b/.test(sep) && !secretShaped(v)) return whole;
    // the separator kept, so a keyed value is hidden to the end of its field (scrubSecrets.ts)
    return `password${/[=:]/.test(sep) ? ": " : /\bis\b/.test(sep) ? " is " : " "}${value}`;
  });
  return keyed.replace(PAIR, (whole, lead: string, name: string, value: string) =>
    GROUP_VALUE.test(value) ? whole : `${lead}${name} with password ${value}`,
  );
}
