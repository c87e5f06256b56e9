/**
 * A secret runs from its keyword to the end of its clause (attacker 28 H15, H16): "passphrase
 * correct horse battery staple", "my password would be correct horse battery", "pw correct horse",
 * "password - hunter2", "password → hunter2", "password... hunter2". The one-word reading
 * (agent/scrubSecrets.ts) hid "correct" and echoed "horse battery staple"; a separator ("-", "→",
 * "...") was itself taken for the value, so "hunter2" was echoed and planned as a user named after
 * the password (/etc/passwd and /home, readable by everyone).
 *
 * The reading, by shape, not by a list of passwords:
 * - a separator after the key (a dash, an arrow, ">>", an ellipsis, "~", "|") is a ":": the whole
 *   field after it is the value, to the clause end;
 * - a modal linking verb ("would be", "could be", "must be", "shall be", "gonna be") is an "is";
 * - after a bare key, the words the one-word reading left after its `***` go on the value until
 *   the clause ends: a comma, semicolon or sentence stop, a conjunction that starts a new clause
 *   ("and", "but", "then"), or a pronoun or request word that starts one ("he must not get it",
 *   "give him sudo"). So "password hunter2 and give him sudo" keeps its sudo, and "the admin
 *   password thingy he must not get" keeps its refusal.
 * - the unambiguous abbreviations ("pw", "pwd", "pswd", "pword") and "pass phrase" are keys like
 *   "password" before any value, not only one shaped like a password.
 *
 * Safety: this only ever hides words, never adds one. A word hidden by mistake costs a question or
 * a dropped detail, never a step; a word of a secret left visible is echoed, logged, replayed to a
 * model and may become an account name.
 */

const KEY = String.raw`(?:password|passphrase|passwd|passcode|pass\s+phrase)`;

// "password - hunter2", "password → hunter2", "password... hunter2", "password >> hunter2"
const SEPARATOR = new RegExp(
  String.raw`\b(${KEY})\s*(?:-+>|=+>|>+|→|⇒|➔|[-–—~|]+|\.{2,}|…)\s*(?=[^\s,;.!?])`,
  "gi",
);

// "my password would be x", "the passphrase gonna be x": said as "is", which hides the field
const MODAL = new RegExp(
  String.raw`\b(${KEY})\s+(?:would|could|must|shall|might|should|will|'?ll|gonna|is\s+going\s+to)\s+(?:be|become)\s+(?=[^\s,;.!?])`,
  "gi",
);

// "pw correct horse battery", "pass phrase correct horse": a key before any value
const ABBREVIATED =
  /\b(?:pw|pwd|pswd|pword|pass\s+phrase)\s+(?!(?:no|none|nope|nil|null|n\/a|na|tbd|later|empty|blank|yes|y|n|true|false|asked|prompt|ask|same|is|will|should|would)\b)(?=[^\s,;.!?*:=])/gi;

// Words that start a new clause after a one-word value: a conjunction, a pronoun, a request verb,
// the words of a user or sudo request.
const CLAUSE_START =
  /^(?:and|but|or|then|so|plus|also|while|because|cause|cuz|since|though|although|with|without|for|to|pls|please|plz|thanks|thx|ty|i|i'm|im|i'll|ill|i'd|you|u|he|she|they|we|it|him|her|them|us|me|my|his|their|our|your|give|make|add|create|set|install|use|put|encrypt|remove|erase|wipe|keep|sudo|admin|root|user|users|account|no|not|don't|dont|do|does|did|is|are|was|will|can|should|would|must|need|needs|who|which|what|when|where|how|why|if|unless|now|later|ok|okay|yes)$/i;

/** After `KEY ***`, the words of the same clause that the one-word reading left visible. */
function hideRestOfClause(text: string): string {
  return text.replace(
    new RegExp(String.raw`(\b${KEY}\s+\*\*\*)((?:[ \t]+[^\s,;.!?]+)+)`, "gi"),
    (_whole, lead: string, rest: string) => {
      const words = rest.match(/[ \t]+[^\s,;.!?]+/g) ?? [];
      let hidden = 0;
      for (const w of words) {
        const bare = w.trim().replace(/^["'(]+|["')]+$/g, "");
        if (CLAUSE_START.test(bare)) break;
        hidden += 1;
      }
      if (hidden === 0) return lead + rest;
      return lead + words.slice(hidden).join("");
    },
  );
}

/** The forms that the one-word reading misses, said so that it hides the whole value. */
export function saySecretClauses(text: string): string {
  return text
    .replace(SEPARATOR, (_w, key: string) => `${key}: `)
    .replace(MODAL, (_w, key: string) => `${key} is `)
    .replace(ABBREVIATED, (whole, offset: number, all: string) => {
      // "pwd of the shell", "user test pw test sudo": a clause word after it says the short form
      // may be something else (a command, a name); only a run of plain words is a passphrase
      const rest = all.slice(offset + whole.length).split(/[,;.!?\n]/)[0] ?? "";
      const words = rest.split(/\s+/).filter(Boolean);
      const other = (w: string) => CLAUSE_START.test(w) || /^(?:of|the|a|an|in|on|at|from|into)$/i.test(w);
      return words.length > 1 && words.some(other) ? whole : "password ";
    });
}

/** After the scrub: the rest of a bare key's clause hidden too. */
export function hideSecretClauses(text: string): string {
  return hideRestOfClause(text);
}
