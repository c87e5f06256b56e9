import { SUDO_WORDS } from "../rules/vocab.js";

/**
 * The words that refuse the privilege and where they reach: the negators, the revoking verbs, a
 * stance said in the negative. Both the sudo reader (who is refused, who granted) and the edits
 * that take sudo back ask these, so a refusal reads the same wherever it is read.
 */
/** Words that say no to what is near them. "no"/"without" only when the privilege follows them. */
export const NEGATORS =
  /^(?:not|never|nor|neither|none|nope|nah|negative|negatory|off|false|disabled?|denied|deny|revoked?|dont|doesnt|isnt|arent|wasnt|shouldnt|mustnt|wont|cant|cannot|aint|wouldnt|no|without|w\/o|w\/out|wo\/|sans|non|nicht|nein|niet|nee|nej|pas)$|n't$|^(?:nack|kein|keine|keinen|keinem|ohne|sin|sem|sen|sense|senza|zonder|sonder|tanpa|xoris|choris|geen|ingen|utan|uden|bez|nessun|nessuna|aucun|aucune|ninguno|ninguna|nenhum|nenhuma|nunca|jamais|jamas|jamás|niemals|nooit|aldrig|aldri|nikdy|nigdy)$/;
/**
 * "w/o sudo", "sans admin", "non-admin": the short forms of "without", refusing what follows them;
 * so do the same words of the other languages people mix in ("kein sudo", "sin admin", "pas de sudo").
 */
const WITHOUT =
  /^(?:no|without|w\/o|w\/out|wo\/|sans|non|n|pas|kein|keine|keinen|keinem|ohne|sin|sem|sen|sense|senza|zonder|sonder|tanpa|xoris|choris|geen|ingen|utan|uden|bez|nessun|nessuna|aucun|aucune|ninguno|ninguna|nenhum|nenhuma)$/;
/** One word that refuses the privilege: "nosudo", "nonadmin", "sudoless", "unprivileged". */
const REFUSING_WORD =
  /^(?:(?:no|non|without)-?(?:sudo|sudoer|admin|root|wheel|privileged?)|(?:sudo|admin|root)-?less|(?:un|non-?)privileged)$/;
/**
 * A stance the speaker negates, with the privilege later in the clause: "I do not wish for her to
 * have sudo", "we don't want him having admin", "i'm not ok with him being an admin", "it is not my
 * wish that he gets sudo". The negation governs what is wished, however far the privilege follows.
 */
const STANCE =
  /^(?:want|wanting|wish|wishing|like|desire|need|intend|mean|expect|think|plan|allow|permit|let|agree|ok|okay|fine|happy|comfortable|keen|see|approve|authorize|authorise)$/;
/** Verbs that take the privilege away or back: "undo the sudo bit", "scrap the admin part". */
const REVOKE =
  /^(?:undo|cancel|drop|remove|revoke|strip|scrap|ditch|forget|lose|loses|skip|rescind|withdraw|pull|nix|kill|retract|rid|demote|withhold|withholding|withheld|belay|refuse|refused|decline|declined|veto|vetoed|nack|hold|holding)$/;
/** Verbs that give the privilege to someone: between a revoke and the privilege they give it anew. */
const GIVE = /^(?:give|grant|make|put|add|let|set|keep|leave)$/;

/**
 * A word of the refusal itself ("withhold", "belay", "nack", "veto", "without"): never a person's
 * name, so "user lee, withhold sudo" is about lee alone and the refusal binds to lee (tester 15 W4).
 */
export function refusingWordOf(x: string): boolean {
  return NEGATORS.test(x) || REVOKE.test(x) || REFUSING_WORD.test(x);
}

/** Words that close a refusal said after the privilege: "sudo: off", "admin=0". */
export const OFF_VALUE =
  /^(?:false|off|no|none|0|disabled?|n|nope|nah|negative|negatory|never|deny|denied|nein|non|nee|nej|nei|nie|niet)$/;
const ON_VALUE = /^(?:true|on|yes|1|enabled?|y)$/;
/** Words between a privilege and a negator said after it: "admin she is not", "the sudo she must not have". */
const BETWEEN =
  /^(?:he|she|they|it|him|her|them|is|are|be|must|should|shall|will|does|do|has|have|can|may|gets|get|was|for|to|group|rights|access|privileges|turned|set|switched|stays|remains|left|is|really|definitely|absolutely|no|wait|actually|sorry|scratch|that)$/;
/** Words that lead up to a no said as the privilege's value: "sudo is a hard no", "admin: that's a no". */
const VALUE_LEAD = /^(?:a|an|hard|firm|big|flat|definite|clear|solid|thats|that's|that|its|it's|simple)$/;
/** Words that may follow such a negator: "sudo not for him", "the sudo she must not have". */
const AFTER =
  /^(?:for|him|her|them|this|one|have|get|gets|given|allowed|be|please|pls|at|all|granted|needed|needs|need|required|necessary|to|the|user|account|thanks|ok|okay|obviously|ofc|either|really|though|tho|lol|way|thanks|thx|sir|over)$/;
/** The people a refusal may name by who they are to the speaker: "not for my son", "not for our kids". */
const RELATION =
  /^(?:my|our|son|sons|daughter|daughters|kid|kids|child|children|wife|husband|partner|mom|mum|dad|mother|father|brother|sister|boy|girl|guest|guests|roommate|flatmate|intern|interns|nephew|niece|grandma|grandpa|teen|teenager)$/;
/** Verbs that relay someone's wish: "boss says ...", "mom wants ...", "jo thinks ...". */
export const RELAYS =
  /^(?:says|said|say|wants|wanted|thinks|insists|insisted|told|asks|asked|reckons|decided|decides)$/;
/** How far (in words) a negator reaches the privilege word it refuses. */
const REACH = 4;

/**
 * "sudo=false", "sudo: off", "admin = 0", "admin? no" said as plain words so one clause holds them:
 * a refusal as "without sudo", which refuses whatever fields follow on the line ("user=oma sudo=no
 * shell=/bin/bash": "sudo off shell=..." read as no refusal, since the words after "off" were no
 * words that end a refusal). A yes asked back ("admin? yes") is left as typed: no grant is made here.
 */
export function plainSudoValues(text: string): string {
  return text.replace(
    // "sudo? no way", "admin: no thanks": the words that finish the no go with it
    /\b(sudo(?:er)?|admin(?:istrator)?|wheel|superuser|root)\s*(:|=>|->|=|\?)\s*([a-z0-9]+)(?:\s+(?:way|thanks|thank you|thx|ty)\b)?\b/gi,
    (all, key: string, sep: string, value: string) =>
      OFF_VALUE.test(value.toLowerCase())
        ? `without ${key}`
        : ON_VALUE.test(value.toLowerCase()) && sep !== "?"
          ? `${key} on`
          : all,
  );
}

export function privilegeAt(w: readonly string[]): number[] {
  const at: number[] = [];
  w.forEach((x, i) => {
    if (SUDO_WORDS.has(x) || (x === "root" && /^(?:access|rights|privileges|powers)$/.test(w[i + 1] ?? "")))
      at.push(i);
  });
  return at;
}

/**
 * The clause says no to the privilege: a negator within reach of a privilege word. "no"/"without"
 * refuse only what comes right after them ("no swap, sudo for bo" refuses the swap), so they count
 * only when the privilege follows within two words.
 */
export function refusesPrivilege(w: readonly string[], names: readonly string[] = []): boolean {
  if (w.some((x) => REFUSING_WORD.test(x))) return true;
  for (const p of privilegeAt(w)) {
    // "sudo-less": the suffix refuses the word it ends
    if (w[p + 1] === "less" && w[p - 1]?.endsWith("-less")) return true;
    if (negatedStance(w, p) || revoked(w, p)) return true;
  }
  for (const p of privilegeAt(w))
    for (let i = Math.max(0, p - REACH); i <= Math.min(w.length - 1, p + REACH); i++) {
      const x = w[i]!;
      if (i === p || !NEGATORS.test(x)) continue;
      // "don't remove her sudo", "never take the admin away": the negation keeps the privilege
      if (i < p && w.slice(i + 1, p).some((y) => REVOKE.test(y) || y === "take")) continue;
      // "user ana sudo no", "admin: nope": a no said right after the privilege, ending the clause
      // "sudo is a hard no", "admin, that's a firm no": the no is the value said of the privilege
      const answered =
        i > p &&
        OFF_VALUE.test(x) &&
        w.slice(p + 1, i).every((y) => BETWEEN.test(y) || VALUE_LEAD.test(y)) &&
        w.slice(i + 1).every((y) => AFTER.test(y));
      if (WITHOUT.test(x) && !(i < p && p - i <= 2) && !answered) continue;
      // "not only sudo but ..." is no refusal
      if (x === "not" && w[i + 1] === "only") continue;
      // after the privilege, the negator ends the thought ("admin she is not", "sudo not for him",
      // "sudo off"): "make kim an admin she is not a guest" refuses the guest
      if (i > p && !answered && !w.slice(p + 1, i).every((y) => BETWEEN.test(y))) continue;
      // "sudo was not for nina", "the sudo is not for my son": who it is not for may follow
      const rest = w.slice(i + 1);
      const forWhom = (k: number) => rest.slice(0, k).some((z) => z === "for" || z === "to");
      if (
        i > p &&
        !rest.every((y, k) => AFTER.test(y) || ((names.includes(y) || RELATION.test(y)) && forWhom(k)))
      )
        continue;
      return true;
    }
  return false;
}

/** The words a clause says before the privilege at `p`, back to its "but"/"however". */
function before(w: readonly string[], p: number): readonly string[] {
  let k = p - 1;
  while (k >= 0 && !/^(?:but|however|though|yet|instead)$/.test(w[k]!)) k--;
  return w.slice(k + 1, p);
}

/** "I do not wish for her to have sudo", "under no circumstances should he be admin". */
export function negatedStance(w: readonly string[], p: number): boolean {
  const b = before(w, p);
  if (b.join(" ").includes("no circumstances") || b.join(" ").includes("no way")) return true;
  return b.some(
    (x, i) =>
      STANCE.test(x) && b.slice(Math.max(0, i - 3), i).some((y) => NEGATORS.test(y) && y !== "without"),
  );
}

/** "undo the sudo bit", "take back the admin", "drop her sudo": the privilege taken away. */
export function revoked(w: readonly string[], p: number): boolean {
  const b = before(w, p);
  // "stand down (on the) sudo", "call off the sudo": the orders that withdraw what follows them
  const at = b.findLastIndex(
    (x, k) =>
      REVOKE.test(x) ||
      (x === "back" && b.includes("take")) ||
      x === "away" ||
      (/^(?:down|off)$/.test(x) && /^(?:stand|call|stood|called)$/.test(b[k - 1] ?? "")),
  );
  if (at < 0) return /^(?:away|back)$/.test(w[p + 1] ?? "") && w.slice(0, p).includes("take");
  // "don't forget to give tom sudo": a grant between them gives it; "don't remove his sudo" keeps it
  if (b.slice(at + 1).some((x) => GIVE.test(x))) return false;
  if (b.slice(Math.max(0, at - 2), at).some((y) => NEGATORS.test(y))) return false;
  return b.length - at <= 5;
}

/** The clause's words refuse the privilege, whoever it is for: "undo the sudo bit", "w/o sudo". */
export function refusesSudo(w: readonly string[]): boolean {
  return refusesPrivilege(w);
}
