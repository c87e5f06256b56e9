/**
 * The other ways people hand over a password beside a request (attacker 27 L1): a command-line
 * flag ("create user bob -p zebrafish"), a key other than "password" ("secret: x", "pin: 1234",
 * "luks key x"), SQL's "identified by x", the word in other languages ("passwort x",
 * "contraseña x"), and a "bob/password123" login pair. Each is said as "password VALUE" (keeping
 * a ":" when the form had one, so the whole field is hidden) and the scrubber
 * (agent/scrubSecrets.ts) hides the value; the rules then answer that passwords are asked when
 * the plan runs, as for "password x".
 *
 * Safety: this only ever hides words. A word hidden by mistake costs a question or a dropped
 * detail, never a step; a secret left visible is echoed, logged and may become an account name.
 * The forms that are also ordinary words ("pin ripgrep at 13.0", "my secret identity") are read
 * only with a key separator or a value no request word has (digits for a pin).
 */

const FOREIGN = String.raw`(?:passwort|kennwort|contrase(?:ñ|n)a|clave|mot\s+de\s+passe|senha|wachtwoord|has(?:ł|l)o|l(?:ö|o)senord|salasana|adgangskode|passord|heslo|jelsz(?:ó|o)|parol|пароль)`;

const FORMS: Array<[RegExp, string]> = [
  // "secret: x", "pin: 1234", "pin=1234", "pin is 1234", "luks key: x", "luks key x", "passwort x"
  [/(?<![\w-])(?:secret|pin|code)(\s*[=:]\s*)(?=\S)/gi, "password$1"],
  // "pin is 1234", "the code is Xy7!q": with "is", only before a value; "my code is on the nvme",
  // "the secret is that I like vim" say where or what, not a secret (attacker 28 L3)
  [
    /(?<![\w-])(?:secret|pin|code)(\s+is\s+)(?!(?:on|in|at|inside|under|from|the|a|an|my|your|his|her|their|our|this|that|these|those|it|its|not|no|there|here|somewhere|where|what|how|why|stored|saved|kept|written|broken|fine|done|ready|open|public|private|backed|synced|all|just|still|also|mostly|only|for|to|of|by|with|like|about)\b)(?=\S)/gi,
    "password$1",
  ],
  [/(?<![\w-])pin\s+(?=\d{4,}(?![\d.]))/gi, "password "],
  [
    /(?<![\w-])(?:luks|encryption|disk|crypt(?:o)?)\s+(?:key|pass(?:word|phrase)?|pin)(\s*[=:]\s*|\s+is\s+|\s+)(?=\S)/gi,
    "passphrase$1",
  ],
  [
    new RegExp(
      String.raw`(?<![\w-])${FOREIGN}(\s*[=:]\s*|\s+(?:is|ist|es|est|é)\s+|\s+)(?=[^\s,;.!?])`,
      "giu",
    ),
    "password$1",
  ],
  // SQL: "create user bob identified by x"
  [/\bidentified\s+by\s+(?=\S)/gi, "password "],
];

// "-p x", "--password x", "--password=x", "--pass x": a flag after an account request.
const FLAG = /(\s)(?:-p|--pass(?:word)?|--pw)(?:\s*=\s*|\s+)(?=\S)/gi;
const ACCOUNT = /\b(?:users?|useradd|adduser|accounts?|logins?|create|add|make|new)\b/i;

// "add user bob/password123": a name and a password-shaped value split by a slash.
const SLASH_PAIR =
  /(\b(?:users?|accounts?|logins?|username|create|add|make|new)\s+(?:(?:a\s+)?(?:new\s+)?(?:user|account|login)\s+)?)([a-z_][\w.-]{0,31})\/(?=\S*\d)(?=\S*[A-Za-z])([^\s,;/]+)/gi;

export function sayOtherSecretForms(text: string): string {
  let t = text;
  for (const [re, to] of FORMS) t = t.replace(re, to);
  if (ACCOUNT.test(t)) t = t.replace(FLAG, "$1password ");
  return t.replace(
    SLASH_PAIR,
    (_, lead: string, name: string, value: string) => `${lead}${name} with password ${value}`,
  );
}
