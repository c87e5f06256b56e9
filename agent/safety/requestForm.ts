import type { Clause } from "../rules/clauses.js";
import { editDistance } from "../rules/text.js";
import { REMOVE_VERBS, REPLACE_VERBS } from "../rules/vocab.js";

/**
 * The form of a request. A destructive call (an erase of a disk that holds something, a removal,
 * sudo) stands only on a clause that has the FORM of a request; whatever else carries the
 * destructive word is talk about it ("wiping sda is the last thing i want", "sudo is overkill for
 * lu", "windows + wipe = disaster", "hal and sudo dont mix"). Reading refusals one idiom at a time
 * never ends (tester 6, DANGEROUS 1-3); this reads the other way round, so an idiom no one has met
 * is a question, not an erase.
 *
 * A clause is a request when, after fillers and politeness ("ok", "pls", "just", "go ahead and"):
 * - it opens with an imperative verb ("wipe sda", "ok nuke it", "erase sda and install"), or
 * - it opens with a want, a need, a let or a polite ask ("i want sda wiped", "let's wipe sda",
 *   "can you wipe sda", "would you remove jq"), or
 * - it holds nothing but the pick itself: the names it aims at and words of the grant or erase
 *   ("sda", "the samsung", "max with sudo", "sudo for max", "ana gets admin", "sda can go"). One
 *   word outside that ("overkill", "disaster", "mix", "last", "suck", "knows") makes it talk.
 */

const FILLER =
  /^(?:ok|okay|k|kk|alright|right|so|and|then|now|hey|hi|pls|plz|please|kindly|just|yes|yeah|yep|sure|fine|well|um|uh|oh|actually|also|also|go|ahead|on|and|lol|hmm|cool|great|perfect|good|oh|lets|let's|let|us|me|do|dude|mate|bro|man|nah|no|time|to|now|ugh|meh|welp|but)$/;
const IMPERATIVE =
  /^(?:erase|wipe|format|reformat|nuke|overwrite|clear|destroy|delete|remove|uninstall|purge|drop|ditch|trash|rm|scrap|dump|axe|kill|yeet|bin|replace|swap|trade|install|use|put|take|pick|choose|get|give|grant|make|create|add|set|gimme|include|target|start|begin|reinstall|wipeout|blow|zap|clean|empty|lose|rid|switch|move|go)$/;
/** "i want", "i need", "i'd like", "we wanna": the person asks for it. */
const WANT = /^(?:i|we|id|i'd|wed|we'd|ill|i'll)$/;
const WANT_VERB =
  /^(?:want|need|wanna|would|like|will|just|really|do|dont|am|gonna|going|have|gotta|prefer|no)$/;
const POLITE = /^(?:can|could|would|will|wud|cud|pls|please|might)$/;

/** Words a bare pick may hold beside the names it aims at. */
const PICK =
  /^(?:the|a|an|it|that|this|one|disk|drive|ssd|hdd|whole|entire|all|of|on|onto|to|in|with|as|for|and|too|also|both|each|full|access|rights|privileges|powers|group|is|be|gets|get|has|have|either|everyone|everybody|should|can|could|may|go|goes|gone|please|pls|now|then|well|instead|fine|ok|okay|wiped|erased|formatted|removed|deleted|uninstalled|nuked|an|admin|admins|sudo|sudoer|sudoers|wheel|administrator|root|superuser|i|guess|yes|yeah|just|only|needs|need|user|account|there|here|way|mine|my|his|her|their|new|install|use|erase|wipe|format|remove|uninstall|delete|nuke|purge|drop|levitate|it's|its|thats|that's|dev|sure|yep|do|make|give|also|same|ditto|plus|only|first|second|other|another|over|onto|from|scratch|fresh|clean|he|she|hes|shes|he's|she's|they|theyre|they're|him|them|not|obviously|ofc|called|named|thing|stuff|included|too|me|again|this|time|able|use|for|name|like|myself|im|i'm|am|to)$/;
/**
 * Words that soften or stress a request without changing it: hedges ("maybe give her sudo", "admin
 * too maybe": a hedged erase or removal is still asked about, by `Clause.hedged` in evidence.ts),
 * intensifiers ("honestly she should be admin", "she needs admin for real") and thanks ("sudo pls
 * thanks"). They may lead a clause and stand anywhere in a bare pick.
 */
const SOFT =
  /^(?:maybe|perhaps|probably|prob|prolly|honestly|really|definitely|def|totally|surely|certainly|absolutely|pretty|sure|tbh|imo|imho|fr|real|seriously|obviously|ofc|guess|think|suppose|reckon|thanks|thx|thnx|thank|ty|tia|cheers|pls|plz|please|kindly|anyway|anyways|though|tho|lol)$/;
/** A negation that makes the softener a refusal: "not really", "not sure", "no thanks". */
const SOFT_REFUSAL = /^(?:no|not|nah|nope|never)$/;
/** "it seems right to", "probably best to", "makes sense to": approval of what follows "to". */
const APPROVE =
  /^(?:it|its|it's|itd|it'd|would|be|seems|sounds|looks|feels|makes|sense|right|fine|good|best|better|ok|okay|sensible|smart|wise|reasonable|the|thing|idea|a|plan|is|i|id|i'd|think|guess|suppose|say|just|easiest|simplest|safest|probably|prob|prolly|honestly|maybe|perhaps)$/;
/** A want said without its subject: "wanna give him sudo", "need sda wiped", "gonna remove fd". */
const BARE_WANT = /^(?:wanna|want|need|needs|gonna|gotta|would|like|prefer)$/;

/** The create-user command form: "user jay sudo", "usr mike wiht sudo", "a user called walter with admin". */
const USER_WORD = /^(?:user|usr|users|account|accounts|username)$/;
const VERBS = IMPERATIVE.source.slice(4, -2).split("|");

/** The lead is an imperative verb, or a typo of one ("remvoe", "uninstal", "creat", "ad user"). */
function imperative(x: string, next: string | undefined): boolean {
  // the one list of removal verbs (agent/rules/vocab.ts): "nix bat" is as much a request as "remove bat"
  if (IMPERATIVE.test(x) || REMOVE_VERBS.has(x) || REPLACE_VERBS.has(x)) return true;
  if (x === "ad" && next !== undefined && USER_WORD.test(next)) return true;
  // a typo, never another form of the verb: "makes no sense" is no "make"
  if (/(?:s|d|ed|ing)$/.test(x) && VERBS.some((v) => x === `${v}s` || x === `${v}d` || x === `${v}ed`))
    return false;
  return x.length >= 4 && VERBS.some((v) => v.length >= 4 && editDistance(x, v, 1) <= 1);
}

/** Whether a clause has the form of a request. `names`: the words that name what it aims at. */
export function requestForm(c: Clause, names: (word: string) => boolean = () => false): boolean {
  const w = withoutThanks(c.w);
  // "maybe give her sudo, not really", "sudo maybe not", "sudo pls, no thanks": the softener or the
  // pick refused ("anna is admin ben not" refuses ben, a name, not the grant)
  if (
    w.some(
      (x, k) =>
        SOFT_REFUSAL.test(x) &&
        w.slice(k + 1).every((y) => SOFT.test(y)) &&
        (k + 1 < w.length || (k > 0 && !names(w[k - 1]!))),
    )
  )
    return false;
  const lax = (x: string) => (FILLER.test(x) || SOFT.test(x)) && !IMPERATIVE.test(x);
  let i = 0;
  while (i < w.length && lax(w[i]!)) i++;
  // "go ahead and wipe", "lets wipe", "please just nuke it"
  if (i < w.length && (w[i] === "go" || w[i] === "get") && FILLER.test(w[i + 1] ?? "")) i++;
  while (i < w.length && lax(w[i]!)) i++;
  // "instead of htop id like btop", "rather than fd, ...": the thing replaced, then the request
  if ((w[i] === "instead" || w[i] === "rather") && /^(?:of|than)$/.test(w[i + 1] ?? "")) {
    let k = i + 2;
    while (k < w.length && (names(w[k]!) || /^(?:the|a|an|and|or|my|old)$/.test(w[k]!))) k++;
    if (k > i + 2 && names(w[k - 1]!)) {
      i = k;
      while (i < w.length && lax(w[i]!)) i++;
    }
  }
  const lead = w[i];
  // "not sure he should be admin", "never wipe sda": a clause that opens with a negation asks nothing
  if (lead === undefined || lead === "not" || lead === "never") return false;
  // "no need to wipe sda", "not gonna remove fd": the filler "no" negates what follows
  const negated = i > 0 && SOFT_REFUSAL.test(w[i - 1]!);
  if (imperative(lead, w[i + 1]) && !negated) return true;
  if (WANT.test(lead) && WANT_VERB.test(w[i + 1] ?? "") && w[i + 2] !== "not") return true;
  if (POLITE.test(lead) && /^(?:you|u|ya|i|we)$/.test(w[i + 1] ?? "")) return true;
  // "wanna give him sudo", "need to remove fd": the want, its subject left out
  const after = w[i + 1] === "to" ? i + 2 : i + 1;
  if (BARE_WANT.test(lead) && !negated && imperative(w[after] ?? "", w[after + 1])) return true;
  // "seems right to make him admin", "probably best to wipe it": approval, then what it approves
  const to = w.indexOf("to", i);
  if (to > i && w.slice(i, to).every((x) => APPROVE.test(x)) && imperative(w[to + 1] ?? "", w[to + 2]))
    return !negated;
  // "user jay sudo", "uesr ana sudo", "sudi user for me": the create-user command said short
  const userWord = (x: string) => USER_WORD.test(x) || (x.length === 4 && editDistance(x, "user", 1) <= 1);
  // "a user named nalu w/ sudo", "a user called walter with the admin thing": the name after its label
  const nameAfter = (k: number) =>
    /^(?:named|called)$/.test(w[i + k + 1] ?? "") ? (w[i + k + 2] ?? "") : (w[i + k + 1] ?? "");
  if (w.slice(i).some((x, k) => userWord(x) && (names(nameAfter(k)) || w[i + k + 1] === "for"))) return true;
  // nothing but the pick: names and the words of the grant or the erase, up to a refusal that
  // starts a statement of its own ("both admins no swap", "anna is admin ben not")
  const rest = w.slice(i);
  const end = rest.findIndex((x, k) => k > 0 && /^(?:no|not|without|nor)$/.test(x));
  const named = (x: string) => names(x) || (x.length > 2 && /s$/.test(x) && names(x.slice(0, -1)));
  return rest
    .slice(0, end < 0 ? undefined : end)
    .every((x) => named(x) || PICK.test(x) || SOFT.test(x) || /^\/dev\//.test(x) || /^\d/.test(x));
}

/**
 * A courtesy that closes the words ("if possible", "if you can", "if that's ok", "if you dont
 * mind"): a condition on my being able, never on the machine, so no part of what is asked. A
 * clause it closes still reads as conditional (clauses.ts) for every reader but the sudo grant's,
 * which takes the courtesy as none (sudoGrants.ts).
 */
const COURTESY_END =
  /(?:^|\s)if\s+(?:(?:at\s+all\s+)?possible|(?:that'?s|thats|that\s+is|it'?s|its|it\s+is)\s+(?:ok|okay|alright|fine|possible|doable)|(?:you|u)\s+(?:can|could|please|dont\s+mind|don't\s+mind))$/;

/** The words without the thanks or the courtesy that close them ("sudo pls thanks", "thank you", "ty"). */
function withoutThanks(words: readonly string[]): readonly string[] {
  const m = COURTESY_END.exec(words.join(" "));
  const w = m && m.index > 0 ? words.slice(0, words.length - m[0].trim().split(/\s+/).length) : words;
  let end = w.length;
  while (end > 1) {
    const x = w[end - 1]!;
    if (/^(?:thanks|thx|thnx|ty|tia|cheers|pls|plz|please)$/.test(x)) end--;
    else if (/^(?:you|u)$/.test(x) && /^(?:thank|thanks)$/.test(w[end - 2]!)) end -= 2;
    else break;
  }
  return end === w.length ? w : w.slice(0, end);
}

/**
 * A clause that is nothing but a refusal or disbelief ("over my dead body", "are you kidding",
 * "u serious", "in your dreams", "no way"): said after a request in the same turn, it answers that
 * request with a no ("delete htop, are you kidding"), so the request is talk, never a call or an
 * offer. Only the whole clause counts: "no way im keeping that" is no refusal.
 */
const REFUSAL_IDIOM = new RegExp(
  `^(?:(?:${[
    "lol",
    "lmao",
    "haha+",
    "bro",
    "dude",
    "man",
    "mate",
    "seriously",
    "like",
    "uh",
    "um",
    "oh",
    "god",
    "omg",
    "wtf",
    "what",
  ].join("|")}) )*(?:${[
    "(?:are|r|you|u|ya) (?:you |u |ya )?(?:kidding|joking|serious|crazy|nuts|mad|insane|high|trolling|out of (?:your|ur) mind)(?: me)?",
    "(?:youre|you're|ur|you are|u r) (?:kidding|joking|crazy|nuts|mad|insane|high|trolling)(?: me| right)?",
    "you (?:must|gotta|have to) be (?:kidding|joking)(?: me)?",
    "over my dead body",
    "not (?:in a million years|on (?:your|my) life|a chance|happening|today|ever)",
    "in (?:your|ur) dreams",
    "dream on",
    "as if",
    "yeah right",
    "you wish",
    "fat chance",
    "when pigs fly",
    "no way(?: jose| in hell| man| dude)?",
    "hell no",
    "heck no",
    "god no",
    "absolutely not",
    "no chance",
    "forget it",
    "nice try",
  ].join("|")})(?: lol| lmao| haha+)*$`,
);

export function refusalIdiom(c: Clause): boolean {
  return REFUSAL_IDIOM.test(c.w.join(" "));
}

/** "nuke bat lol are u serious", "wipe sda lmao as if": the refusal run on after a laugh. */
function refusedAtEnd(c: Clause): boolean {
  const k = c.w.findIndex((x, i) => i > 0 && /^(?:lol|lmao|rofl|haha+)$/.test(x));
  return k > 0 && REFUSAL_IDIOM.test(c.w.slice(k + 1).join(" "));
}

/** The clauses of `cs` that a later clause of the same text refuses ("delete htop, are you kidding"). */
export function refusedLater(cs: readonly Clause[]): Set<Clause> {
  const out = new Set<Clause>();
  const at = cs.findLastIndex(refusalIdiom);
  for (let i = 0; i < at; i++) if (!refusalIdiom(cs[i]!)) out.add(cs[i]!);
  for (const c of cs) if (refusedAtEnd(c)) out.add(c);
  return out;
}

/** "instead of helix, id like btop": a clause that only names what the next clause replaces. */
export function replacedHead(c: Clause, names: (word: string) => boolean): boolean {
  const w = c.w;
  return (
    w.length > 2 &&
    (w[0] === "instead" || w[0] === "rather") &&
    /^(?:of|than)$/.test(w[1]!) &&
    w.slice(2).every((x) => names(x) || /^(?:the|a|an|and|or|my|old)$/.test(x)) &&
    names(w.at(-1)!)
  );
}
