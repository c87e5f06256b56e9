import type { Clause } from "../rules/clauses.js";
import { editDistance } from "../rules/text.js";

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
  /^(?:the|a|an|it|that|this|one|disk|drive|ssd|hdd|whole|entire|all|of|on|onto|to|in|with|as|for|and|too|also|both|each|full|access|rights|privileges|powers|group|is|be|gets|get|has|have|should|can|could|may|go|goes|gone|please|pls|now|then|well|instead|fine|ok|okay|wiped|erased|formatted|removed|deleted|uninstalled|nuked|an|admin|admins|sudo|sudoer|sudoers|wheel|administrator|root|superuser|i|guess|yes|yeah|just|only|needs|need|user|account|there|here|way|mine|my|his|her|their|new|install|use|erase|wipe|format|remove|uninstall|delete|nuke|purge|drop|levitate|it's|its|thats|that's|dev|sure|yep|do|make|give|also|same|ditto|plus|only|first|second|other|another|over|onto|from|scratch|fresh|clean|he|she|hes|shes|he's|she's|they|theyre|they're|him|them|not|obviously|ofc|called|named|thing|stuff|included|too|me|again|this|time|able|use|for|name|like|myself|im|i'm|am)$/;
/** The create-user command form: "user jay sudo", "usr mike wiht sudo", "a user called walter with admin". */
const USER_WORD = /^(?:user|usr|users|account|accounts|username)$/;
const VERBS = IMPERATIVE.source.slice(4, -2).split("|");

/** The lead is an imperative verb, or a typo of one ("remvoe", "uninstal", "creat", "ad user"). */
function imperative(x: string, next: string | undefined): boolean {
  if (IMPERATIVE.test(x)) return true;
  if (x === "ad" && next !== undefined && USER_WORD.test(next)) return true;
  return x.length >= 4 && VERBS.some((v) => v.length >= 4 && editDistance(x, v, 1) <= 1);
}

/** Whether a clause has the form of a request. `names`: the words that name what it aims at. */
export function requestForm(c: Clause, names: (word: string) => boolean = () => false): boolean {
  const w = c.w;
  let i = 0;
  while (i < w.length && FILLER.test(w[i]!) && !IMPERATIVE.test(w[i]!)) i++;
  // "go ahead and wipe", "lets wipe", "please just nuke it"
  if (i < w.length && (w[i] === "go" || w[i] === "get") && FILLER.test(w[i + 1] ?? "")) i++;
  while (i < w.length && FILLER.test(w[i]!) && !IMPERATIVE.test(w[i]!)) i++;
  const lead = w[i];
  if (lead === undefined) return false;
  if (imperative(lead, w[i + 1])) return true;
  if (WANT.test(lead) && WANT_VERB.test(w[i + 1] ?? "")) return true;
  if (POLITE.test(lead) && /^(?:you|u|ya|i|we)$/.test(w[i + 1] ?? "")) return true;
  // "user jay sudo", "uesr ana sudo", "sudi user for me": the create-user command said short
  const userWord = (x: string) => USER_WORD.test(x) || (x.length === 4 && editDistance(x, "user", 1) <= 1);
  if (w.slice(i).some((x, k) => userWord(x) && (names(w[i + k + 1] ?? "") || w[i + k + 1] === "for")))
    return true;
  // nothing but the pick: names and the words of the grant or the erase, up to a refusal that
  // starts a statement of its own ("both admins no swap", "anna is admin ben not")
  const rest = w.slice(i);
  const end = rest.findIndex((x, k) => k > 0 && /^(?:no|not|without|nor)$/.test(x));
  const named = (x: string) => names(x) || (x.length > 2 && /s$/.test(x) && names(x.slice(0, -1)));
  return rest
    .slice(0, end < 0 ? undefined : end)
    .every((x) => named(x) || PICK.test(x) || /^\/dev\//.test(x) || /^\d/.test(x));
}
