import type { Decision } from "../../tools/decision.js";
import { questionIn } from "./openQuestion.js";

/**
 * "2", "option 2", "#1", "the second", "first one please": a pick from the disks my question just
 * listed, the way installers with numbered menus have taught people to answer (tester 7, WRONG
 * W41-W46: "I didn't find anything to do in that"). Only right after a question that lists two or
 * more disks ("Which disk should I install onto: /dev/nvme0n1 (...), /dev/sda (...) or /dev/sdb
 * (...)?"), and only when the whole turn is the pick: the number or ordinal counts the disks in
 * the order the question named them, and the turn is said plainly as that disk ("use /dev/sda"),
 * so it gets the answer any pick of that disk gets (a disk with data is still asked about before
 * it is erased). A number past the list, or any other turn, is left as it was.
 */
const ORDINAL: Record<string, number> = {
  first: 1,
  "1st": 1,
  one: 1,
  second: 2,
  "2nd": 2,
  two: 2,
  third: 3,
  "3rd": 3,
  three: 3,
  fourth: 4,
  "4th": 4,
  four: 4,
  fifth: 5,
  "5th": 5,
  five: 5,
};

const PICK =
  /^\s*(?:(?:ok|okay|yes|yeah|sure|then|um|uh|hmm|so)[\s,.!]+)*(?:(?:i\s+(?:take|pick|choose|want)|take|pick|choose|use|go\s+with)\s+)?(?:(?:the\s+)?(?:option|number|no\.?|nr\.?|choice|#)\s*)?(?:the\s+)?(\d|first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|one|two|three|four|five)(?:\s*(?:one|disk|drive|option|choice))?\s*[.)!]*\s*(?:(?:one\s+)?please|pls|then|thanks)?\s*[.!]*\s*$/i;

/** The disks the question of the last reply lists, in its order (quoted examples aside). */
function listed(last: Decision | undefined): string[] {
  if (!last || !("reply" in last)) return [];
  const asked = questionIn(last.reply.replace(/"[^"]*"/g, '""'));
  if (!asked || !/\bwhich\s+(?:disk|drive|one)\b/i.test(asked)) return [];
  const paths = [...asked.matchAll(/\/dev\/[a-z0-9]+/g)].map((m) => m[0]);
  return [...new Set(paths)];
}

export function sayMenuPick(text: string, last: Decision | undefined): string {
  const m = PICK.exec(text);
  if (!m) return text;
  const disks = listed(last);
  if (disks.length < 2) return text;
  const word = m[1]!.toLowerCase();
  // "one" alone is no pick ("one please" could be anything), "the first one" is
  if (word === "one" && !/\b(?:option|number|#|no\.?|nr\.?)\s*one\b/i.test(text)) return text;
  const n = word === "last" ? disks.length : /^\d$/.test(word) ? Number(word) : ORDINAL[word];
  if (!n || n < 1 || n > disks.length) return text;
  return `use ${disks[n - 1]}`;
}
