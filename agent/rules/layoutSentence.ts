import type { Token } from "./text.js";
import { OS_WORDS } from "./tokens.js";
import { FILESYSTEMS } from "./vocab.js";

/**
 * "LevitateOS on the 870 EVO, whole disk, btrfs. The WD with Windows is in special collections,
 * hands off.": a turn with a copula somewhere and no install verb was read as one that only
 * describes its disks (describesOnly), so the request in the other sentence was dropped. A
 * sentence that says the install's layout (a filesystem, the whole of a disk, encryption, swap with
 * its size, or this system "on"/"over" a disk) and has no copula of its own asks for the install;
 * the copula belongs to the sentence that describes. A negated sentence asks for nothing here.
 */
const STOPS = new Set([".", ";", "!", "?"]);
const COPULA = new Set(["is", "are", "was", "were", "has", "have", "had", "am"]);
const NEGATORS = new Set(["not", "no", "never", "dont", "without", "nothing"]);
const WHOLE = new Set(["whole", "entire", "entirely", "encrypt", "encrypted", "encryption", "luks"]);
const ONTO = new Set(["on", "onto", "in", "into", "over", "upon", "across"]);
const THIS_SYSTEM = new Set([...OS_WORDS].filter((x) => ["levitate", "levitateos", "linux"].includes(x)));

function saysLayout(w: readonly string[]): boolean {
  return w.some(
    (x, i) =>
      FILESYSTEMS.has(x) ||
      WHOLE.has(x) ||
      (x === "swap" && /^\d/.test(w[i - 1] ?? w[i + 1] ?? "")) ||
      (x === "swap" && /^\d/.test(w[i - 2] ?? "")) ||
      (THIS_SYSTEM.has(x) && ONTO.has(w[i + 1] ?? "")),
  );
}

export function asksLayoutSomewhere(tokens: readonly Token[]): boolean {
  let sentence: string[] = [];
  const done = (): boolean => {
    const w = sentence;
    sentence = [];
    return w.length > 0 && !w.some((x) => COPULA.has(x) || NEGATORS.has(x)) && saysLayout(w);
  };
  for (const t of tokens) {
    if (t.kind === "punct" && STOPS.has(t.norm)) {
      if (done()) return true;
    } else sentence.push(t.norm);
  }
  return done();
}
