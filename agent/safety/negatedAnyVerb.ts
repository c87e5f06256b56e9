import { DESTROY_VERBS, KEEP_VERBS } from "./lexicon.js";

/**
 * "Never sell it", "don't auction the samsung", "do not evict git": a negated command keeps its
 * object whatever the verb is. The destructive verbs people use come from every trade and no list
 * holds them all; the keep is in the shape (a command, negated), so an unknown verb under "never"
 * or "don't" at the head of a clause keeps what it names. Verbs of wanting or needing are no
 * command ("I don't need git" lets go), and negated keep verbs lift a keep: both are left to
 * their readers.
 */
/** As typed: a bare "not" ("not sda", "not encrypted") is an exclusion or a description, no command. */
const NEGATOR = new Set(["never", "dont", "don't", "don’t", "mustnt", "mustn't", "shouldnt", "shouldn't"]);
const AUX_BEFORE_NOT = new Set(["do", "must", "should", "shall", "will"]);
/** Words that may stand before the negation of a command: "please never", "and don't", "you must never". */
const OPENERS = new Set([
  "please",
  "pls",
  "and",
  "but",
  "so",
  "just",
  "simply",
  "then",
  "also",
  "kindly",
  "you",
  "must",
  "shall",
  "should",
  "will",
  "ever",
  "again",
]);
/** After the negation, words that are no verb of a command on a thing, or whose negation lets go. */
const NOT_A_COMMAND = new Set([
  "ever",
  "even",
  "really",
  "just",
  "you",
  "the",
  "a",
  "an",
  "my",
  "it",
  "that",
  "this",
  "them",
  "to",
  "be",
  "worry",
  "need",
  "needs",
  "want",
  "wants",
  "use",
  "care",
  "like",
  "love",
  "mind",
  "miss",
  "know",
  "think",
  "forget",
  "hesitate",
  "bother",
  "wait",
  "stop",
  "panic",
  "ask",
  "matter",
  "have",
  "get",
  "go",
  "let",
  "make",
  "see",
  "say",
  "mean",
  "understand",
  "remember",
  "do",
  "install",
  "add",
  // options of the install, not things kept: "don't encrypt it", "never swap"
  "encrypt",
  "swap",
  "mount",
  "boot",
  "reboot",
  "show",
  "tell",
  "run",
]);

/** Verbs of moving toward, and the words of nearness that make them a keep when negated. */
const MOVING = new Set(["go", "come", "get", "goes", "comes", "gets"]);
const NEARNESS = new Set(["near", "nearby", "anywhere", "close", "closer", "within"]);

/**
 * The word at `i` is the verb of a negated command and `known` names no thing by it. `w` are the
 * safety reader's words (its "not" stands for every negation), `raw` the same words as typed.
 */
export function negatedCommand(
  w: readonly string[],
  raw: readonly string[],
  i: number,
  known: ReadonlySet<string>,
): boolean {
  const x = raw[i];
  // "don't go near the WD", "never come anywhere near sda", "dont get close to it": a negated move
  // toward a thing keeps it as "don't touch" does; the verbs of moving are no command by
  // themselves ("don't go yet"), so only with the word of nearness after them
  const approach = MOVING.has(x ?? "") && NEARNESS.has(raw[i + 1] ?? "");
  if (
    !x ||
    !/^[a-z]{2,}$/.test(x) ||
    known.has(x) ||
    (!approach && (x.length < 3 || NOT_A_COMMAND.has(x) || NOT_A_COMMAND.has(w[i] ?? "")))
  )
    return false;
  // "never used it once" tells what was done; a command is said in the plain form
  if (/(?:ed|ing)$/.test(x)) return false;
  if (DESTROY_VERBS.has(w[i]!) || KEEP_VERBS.has(w[i]!) || DESTROY_VERBS.has(x) || KEEP_VERBS.has(x))
    return false;
  // a disk, a system or a size after the negation is its object, not its verb ("don't sda")
  if (
    /^(?:sd[a-z]|nvme\d*|vd[a-z]|hd[a-z]|windows|linux|ubuntu|fedora|debian|mint|macos|usb|ssd|hdd)$/.test(x)
  )
    return false;
  let n = i - 1;
  if (raw[n] === "ever" || raw[n] === "even") n--;
  let head: number;
  if (NEGATOR.has(raw[n] ?? "")) head = n;
  else if (raw[n] === "not" && AUX_BEFORE_NOT.has(raw[n - 1] ?? "")) head = n - 1;
  else return false;
  // "don't" is read as two words ("do", "not") that both show as typed: one negation
  while (head > 0 && raw[head - 1] === raw[head]) head--;
  return raw.slice(0, head).every((y) => OPENERS.has(y));
}
