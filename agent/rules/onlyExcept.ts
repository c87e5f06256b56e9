import type { Facts } from "../../facts/schema.js";
import { disksNamedIn } from "../safety/eraseAim.js";

/**
 * "dont erase anything except the wd", "never touch anything other than the nvme", "leave
 * everything alone except the wd", "keep every disk but sdb" (tester 12 W1): a refusal of every
 * disk with one excepted is a choice of that one. Read as an exception only, it became the disk
 * to keep, and the disks the person protected were offered instead ("Which disk (not wd): the 990
 * or the Photos disk?"), one hurried pick away from an erase. Said here the one way every reader
 * already takes as "only X": "leave every disk alone but X" (what X holds is still asked about).
 * Only where X names a disk of this machine: "dont remove anything except fd" is about programs.
 */

const REFUSE_ALL = String.raw`(?:(?:(?:please|pls|just)\s+)?(?:do\s*n[o']?t|dont|never|not\s+to|do\s+not)\s+(?:(?:you\s+)?(?:dare\s+)?)(?:touch|erase|wipe|format|reformat|use|change|modify|nuke|delete|overwrite|mess\s+with|mess\s+up|install\s+(?:on|to|onto|over)|put\s+(?:anything|it|linux)\s+on)|leave|keep|spare|protect|preserve)`;
const EVERY = String.raw`(?:anything|any\s+(?:other\s+)?(?:disks?|drives?|ssds?|hdds?|things?)|any\s+of\s+(?:the|my|these|those)\s+(?:disks|drives|ssds)|everything|every\s+(?:other\s+)?(?:disk|drive|ssd)|all\s+(?:of\s+)?(?:the\s+|my\s+)?(?:disks|drives|ssds)|it\s+all|all|a\s+thing|(?:the\s+)?other\s+(?:disks|drives)|the\s+rest)(?:\s+else)?`;
const STILL = String.raw`(?:\s+(?:alone|untouched|intact|as\s+(?:it|they)\s+(?:is|are)))?`;
const EXCEPT = String.raw`(?:except(?:\s+for)?|excepting|but(?!\s+not\b)|other\s+th[ae]n|apart\s+from|aside\s+from|save(?:\s+for)?|besides|excluding|barring|bar|with\s+the\s+exception\s+of|leaving\s+out)`;
/** The excepted words: to the end of their clause. */
const REST = String.raw`((?:(?![,.;!?]|\s+(?:and|then|so|because|but|also)\b).)+)`;

const EXCEPT_FIRST = new RegExp(`\\b${REFUSE_ALL}\\s+${EVERY}${STILL}\\s*,?\\s+${EXCEPT}\\s+${REST}`, "gi");
/** "leave everything but the wd alone": the exception inside the keep. */
const EXCEPT_INSIDE = new RegExp(
  `\\b(?:leave|keep)\\s+${EVERY}\\s+${EXCEPT}\\s+((?:(?![,.;!?]).)+?)\\s+(?:alone|untouched|intact|as\\s+(?:it|they)\\s+(?:is|are))\\b`,
  "gi",
);

/**
 * "only touch the nvme", "wipe only sda", "only install on the samsung" (tester 26 D1): a
 * restriction to one disk is a refusal of every other. Read as a plain request, the others were
 * left unprotected, and "hmm use sda" a turn later erased a disk the person had ruled out. "just"
 * is left out: "just use the nvme" is as often "simply" as "only".
 */
const ONLY_VERB = String.raw`(?:touch|wipe|erase|format|reformat|use|install\s+(?:on|to|onto|in))`;
const ONLY_FIRST = new RegExp(`\\bonly\\s+${ONLY_VERB}\\s+${REST}`, "gi");
const ONLY_AFTER = new RegExp(`\\b${ONLY_VERB}\\s+only\\s+(?:on\\s+|to\\s+|onto\\s+)?${REST}`, "gi");

export function sayOnlyExcept(text: string, facts: Facts): string {
  if (facts.mode !== "live") return text;
  const only = (whole: string, x: string) => {
    const named = disksNamedIn(x, facts);
    return named.length ? `leave every disk alone but ${x.trim()}` : whole;
  };
  // "only wipe the samsung if there's nothing on it": a condition is no restriction to one disk;
  // "wipe only the windows partition": a part of a disk is no disk
  const onlyIfPlain = (whole: string, x: string) =>
    /\b(?:if|unless|otherwise|when|once|partitions?|volumes?|space|side|[a-z]+\d+p?\d+)\b/i.test(x)
      ? whole
      : only(whole, x);
  return text
    .replace(EXCEPT_INSIDE, (whole, x: string) => only(whole, x))
    .replace(EXCEPT_FIRST, (whole, x: string) => only(whole, x))
    .replace(ONLY_FIRST, (whole, x: string) => onlyIfPlain(whole, x))
    .replace(ONLY_AFTER, (whole, x: string) => onlyIfPlain(whole, x));
}
