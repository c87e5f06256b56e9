import { type attributeSizes, toSizeArg } from "./diskCalls.js";
import { swapNounAt } from "./swapWord.js";
import { type Token, tokenize } from "./text.js";
import { isNegated } from "./tokens.js";
import { FILESYSTEMS, OTHER_FILESYSTEMS } from "./vocab.js";

/**
 * The layout a disk request says (agent/rules/partitionCall.ts): the filesystem, swap, EFI and root
 * sizes, encryption and a separate /home, each read with what refuses it.
 */

/**
 * Writes the layout the words say into `base` (the call's args, a pending call's kept). A
 * filesystem no tool makes is a question back, returned; nothing is written then.
 */
export function layoutArgs(
  base: Record<string, unknown>,
  tokens: readonly Token[],
  attr: ReturnType<typeof attributeSizes>,
  user: string,
  diskPath: string | undefined,
): string | undefined {
  const w = tokens.map((t) => t.norm);
  const ws = new Set(w);
  const other = w.find((x, i) => OTHER_FILESYSTEMS.has(x) && !isNegated(tokens, i));
  if (other && !w.some((x, i) => FILESYSTEMS.has(x) && !isNegated(tokens, i)))
    return `I can't make ${other}: the root filesystem can be ext4, btrfs or xfs. Which one should ${diskPath ?? "the disk"} get?`;
  const fsIdx = w.findIndex((x) => FILESYSTEMS.has(x));
  if (fsIdx >= 0 && excludedHere(w, fsIdx)) {
    // "any filesystem but btrfs", "anything except ext4": the default, or the next one
    if (base.filesystem === w[fsIdx] || !base.filesystem)
      base.filesystem = w[fsIdx] === "ext4" ? "xfs" : "ext4";
  } else if (fsIdx >= 0 && !isNegated(tokens, fsIdx)) base.filesystem = w[fsIdx];
  if (attr.swap) base.swapSize = toSizeArg(attr.swap);
  const swapAt = swapNounAt(w); // "swap the disks" is the verb, no partition (swapWord.ts)
  const swapNo =
    swapAt >= 0 &&
    (negatedHere(tokens, swapAt) || tokens[swapAt + 1]?.norm === "not" || attributeNegated(w, swapAt));
  if (swapAt >= 0 && !attr.swap && swapNo) delete base.swapSize;
  if (swapAt >= 0 && !attr.swap && !swapNo && !base.swapSize) {
    // "with swap": a common size for a desktop
    base.swapSize = "8G";
  }
  if (attr.efi) base.efiSize = toSizeArg(attr.efi);
  if (attr.root) base.rootSize = toSizeArg(attr.root);
  const encAt = w.findIndex(
    (x) => x === "encrypt" || x === "encrypted" || x === "encryption" || x === "luks",
  );
  if (encAt >= 0)
    base.encrypt = !negatedHere(tokens, encAt) && !attributeNegated(w, encAt) && !(w[encAt + 1] === "not");
  if (w.includes("unencrypted") || w.includes("decrypted")) base.encrypt = false;
  // "no encryption, no swap. just the nvme": the refusal may sit in a clause read as no disk
  // clause; what the whole turn refuses is never planned
  if (base.encrypt === true && refusedInTurn(user, ENCRYPT_WORDS)) base.encrypt = false;
  const homeAt = w.findIndex((x) => x === "home" || x === "/home");
  if (homeAt >= 0 && (ws.has("separate") || ws.has("own") || ws.has("partition") || ws.has("rest")))
    base.separateHome = !negatedHere(tokens, homeAt) && !attributeNegated(w, homeAt);
  // "one big partition is fine", "just a single partition": /home is no partition of its own
  else if (homeAt < 0 && onePartition(w)) base.separateHome = false;
  return undefined;
}

/** "one big partition", "a single partition", "everything in one partition". */
function onePartition(w: readonly string[]): boolean {
  return w.some(
    (x, i) =>
      (x === "one" || x === "single") &&
      w.slice(i + 1, i + 3).some((y) => y === "partition") &&
      !["per", "each", "than"].includes(w[i - 1] ?? ""),
  );
}

/** "anything but btrfs", "any fs except xfs", "other than ext4": the word at `at` is ruled out. */
function excludedHere(w: readonly string[], at: number): boolean {
  const before = w.slice(Math.max(0, at - 4), at);
  return (
    (before.includes("but") ||
      before.includes("except") ||
      (before.includes("than") && before.includes("other"))) &&
    before.some((x) => ["any", "anything", "whatever", "other", "everything"].includes(x))
  );
}

/** Words between a refusal and the attribute it refuses: "not interested in swap or encryption". */
const ATTRIBUTE_LIST = new Set([
  "a",
  "an",
  "the",
  "any",
  "separate",
  "own",
  "extra",
  "in",
  "for",
  "or",
  "and",
  "nor",
  "swap",
  "encrypt",
  "encrypted",
  "encryption",
  "home",
  "/home",
  "partition",
  "want",
  "wanna",
  "need",
  "needs",
  "like",
  "interested",
  "care",
  "about",
  "bother",
  "with",
  "to",
  "do",
  "i",
]);
const ATTRIBUTES = new Set(["swap", "encrypt", "encrypted", "encryption", "home", "/home"]);
/** Layout words that "no" quantifies at the start of a turn: "no swap, nvme" is no correction. */
export const DISK_ATTRIBUTES: ReadonlySet<string> = new Set([...ATTRIBUTES, "luks", "separate"]);
// "forget the encryption", "drop the swap": taking an attribute out of the plan refuses it
const REFUSING = new Set([
  "not",
  "no",
  "dont",
  "don't",
  "never",
  "without",
  "skip",
  "nor",
  "neither",
  "forget",
  "drop",
  "scrap",
  "ditch",
  "lose",
]);
const NEGATING_HERE = new Set([...REFUSING, "doesnt", "shouldnt", "wont", "cant", "w/o", "wo", "sans"]);

/**
 * A negation of the attribute at `at` within its own phrase: up to three words back, never past a
 * punctuation mark or another attribute ("no swap encrypt it" refuses the swap only; "no swap or
 * encryption" refuses both).
 */
function negatedHere(tokens: readonly Token[], at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const t = tokens[i]!;
    if (t.kind === "punct") return false;
    if (NEGATING_HERE.has(t.norm)) return true;
    if (ATTRIBUTES.has(t.norm) && !["or", "nor"].includes(tokens[i + 1]?.norm ?? "")) return false;
  }
  return false;
}

/**
 * "i do not want a separate home", "not interested in swap or encryption", "don't wanna encrypt":
 * a refusal further back than isNegated's three words, with only list and wanting words between.
 */
function attributeNegated(w: readonly string[], at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 8; i--) {
    if (REFUSING.has(w[i]!)) return true;
    if (!ATTRIBUTE_LIST.has(w[i]!)) return false;
    // "no swap, encrypt it" refuses the swap only; "no swap or encryption" refuses both
    if (ATTRIBUTES.has(w[i]!) && !["or", "nor"].includes(w[i + 1] ?? "")) return false;
  }
  return false;
}

export const ENCRYPT_WORDS = new Set(["encrypt", "encrypted", "encryption", "luks"]);

/** Every mention of the attribute in the turn's words is refused ("no encryption", "dont encrypt"). */
function refusedInTurn(text: string, attribute: ReadonlySet<string>): boolean {
  const toks = tokenize(text);
  const all = toks.map((t) => t.norm);
  const at = all.flatMap((x, i) => (attribute.has(x) ? [i] : []));
  return (
    at.length > 0 && at.every((i) => negatedHere(toks, i) || attributeNegated(all, i) || all[i + 1] === "not")
  );
}
