import type { Facts } from "../../facts/schema.js";
import { disksNamedIn } from "../safety/eraseAim.js";

/**
 * "seagate = keep, wd = keep", "seagate, wd - keep", "samsung+nvme stay", "sda/sdb: keep"
 * (attacker 28 M1): a turn that is nothing but disk names and keep marks, in list or note form,
 * kept one disk or none (the first name was read as the install target, "= keep" of the second
 * lost). Read by shape: split at the list joiners (",", ";", "+", "&", "/", "and"), every piece
 * must be disk names with at most a keep mark after "=", ":", "-" or a space, and at least one
 * keep mark must be said; then every disk named is kept ("keep A and B"). A piece with any other
 * word (a verb, "erase", "use") leaves the turn to the other readers.
 *
 * Safety: only ever keeps; "sda = wipe, sdb = keep" has a piece that is no keep and is left alone.
 */

const MARK =
  /^(?:keep|kept|keeper|stays?|stay\s+put|remains?|untouched|intact|safe|hands\s+off|no\s+touch|dont\s+touch|don't\s+touch|leave|leave\s+alone|leave\s+it|preserve|protected?)$/;
const FILL = /^(?:the|my|disk|drive|ssd|hdd|both|too|also|as\s+well|pls|please)$/;

function onlyDisks(words: readonly string[], facts: Facts): boolean {
  return (
    words.length > 0 &&
    words.some((w) => disksNamedIn(w, facts).length > 0) &&
    words.every((w) => FILL.test(w) || disksNamedIn(w, facts).length > 0 || /^\d+(?:gb|tb)$/.test(w))
  );
}

export function sayDiskListKeeps(text: string, facts: Facts): string {
  if (facts.mode !== "live") return text;
  const t = text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .trim()
    .replace(/[.!]+$/, "");
  const pieces = t.split(/\s*(?:[,;+&/]|\band\b|\bn\b)\s*/).filter((p) => p.trim());
  if (pieces.length < 2) return text;
  // the mark on every piece ("sda = keep, sdb = keep") or once at the end for the whole list
  // ("seagate, wd - keep"); "the hdds stay, crucial pls" marks only its own piece
  const marks: boolean[] = [];
  let marked = false;
  const names: string[] = [];
  for (const piece of pieces) {
    const m = /^(.*?)(?:\s*[=:-]\s*|\s+)((?:dont|don't|no|stay|leave|hands)\s+\w+|\w+)$/.exec(piece);
    const mark = m?.[2] !== undefined && MARK.test(m[2]);
    const head = mark ? m![1]! : piece;
    const words = head.split(/\s+/).filter(Boolean);
    if (!words.length && mark) {
      marked = true;
      marks.push(true);
      continue;
    }
    marks.push(mark);
    if (!onlyDisks(words, facts)) return text;
    if (mark) marked = true;
    names.push(head.trim());
  }
  if (!marked || names.length < 2) return text;
  if (!marks.every(Boolean) && !(marks.at(-1) && marks.slice(0, -1).every((m) => !m))) return text;
  const disks = [...new Set(names.flatMap((n) => disksNamedIn(n, facts)))];
  return disks.length >= 2 ? `keep ${names.join(" and ")}` : text;
}
