import type { Facts } from "../../facts/schema.js";
import { disksNamedIn } from "../safety/eraseAim.js";
import { sayOnlyExcept } from "./onlyExcept.js";

/**
 * "except for the nvme, hands off", "everything stays except the nvme", "keep everything, not the
 * nvme", "except the nvme keep everything", "apart from the nvme, dont touch anything" (attacker 28
 * H13): a keep of EVERYTHING with one disk excepted, in any order. Read clause by clause, the
 * exception's disk sat next to "hands off"/"keep" and became the one disk kept, while the disks
 * the person protected were offered for the install (an inverted protection). An exception
 * attached to a keep excludes from the keep: the turn is said the way the readers already take a
 * keep of every other disk, "keep A and B" (nothing is chosen; X is only offered).
 *
 * Read by the shape, not by word order: the turn with its exception ("except/but/other than/apart
 * from/aside from/besides/save for/excluding/barring/not X") taken out must be a keep of everything
 * and nothing else; X must name a disk of this machine and nothing else. Any other word and the
 * turn is left to the other readers.
 *
 * Safety: the reading only moves the keep from the one disk to every other; it plans nothing, and
 * an install on X is asked about as any install is. Where the rest is not a keep of everything (or
 * X names no disk), nothing changes.
 */

const EVERY = String.raw`(?:anything|everything|every\s*thing|all(?:\s+(?:of\s+)?(?:the\s+|my\s+)?(?:disks|drives|ssds|hdds|else|others|the\s+rest))?|it\s+all|all\s+of\s+it|every\s+(?:other\s+)?(?:disk|drive|ssd)|(?:the\s+)?other\s+(?:disks|drives|ones)|the\s+rest|rest)(?:\s+else)?`;
const STILL = String.raw`(?:\s+(?:alone|untouched|intact|as\s+(?:it|they)\s+(?:is|are)))?`;
const NOT = String.raw`(?:do\s*n[o']?t|dont|never|do\s+not|don't)`;
const KEEP_ALL = new RegExp(
  "^(?:(?:please|pls|just|but|and|so|ok|okay)\\s+)*(?:" +
    [
      String.raw`hands\s+off(?:\s+${EVERY})?`,
      String.raw`(?:keep|leave|spare|protect|preserve|save)\s+${EVERY}${STILL}`,
      String.raw`${EVERY}\s+(?:stays?|remains?|survives?|is\s+staying|must\s+stay|must\s+survive|has\s+to\s+stay|is\s+off[\s-]?limits|is\s+precious|is\s+important|is\s+to\s+be\s+kept|gets?\s+kept|should\s+stay)`,
      String.raw`${NOT}\s+(?:touch|erase|wipe|format|change|delete|nuke|mess\s+with)(?:\s+${EVERY})?`,
      String.raw`(?:touch|erase|wipe|format|delete)\s+nothing(?:\s+else)?`,
      String.raw`nothing\s+(?:gets?|may\s+be|can\s+be|is\s+to\s+be|should\s+be)\s+(?:touched|erased|wiped|formatted|deleted)`,
    ].join("|") +
    ")\\s*(?:please|pls|thanks|thx)?$",
  "i",
);
const POSITIVE_KEEP = new RegExp(
  String.raw`^(?:(?:please|pls|just|but|and|so|ok|okay)\s+)*(?:(?:keep|leave|spare|protect|preserve|save)\s+${EVERY}${STILL}|${EVERY}\s+(?:stays?|remains?|survives?|must\s+stay|should\s+stay))\s*$`,
  "i",
);
const EXCEPT = String.raw`(?:except(?:\s+for)?|excepting|but(?!\s+not\b)|other\s+th[ae]n|apart\s+from|aside\s+from|save\s+for|besides|excluding|barring|not)`;
const EXCEPT_AT = new RegExp(String.raw`(?:^|[\s,;:(-])(${EXCEPT})\s+`, "gi");
const FILL = /^(?:the|my|that|this|one|disk|drive|ssd|hdd)$/;

function clean(s: string): string {
  return s
    .replace(/[,;:!.()—–-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words that name only disks ("the nvme", "sdb", "the 500gb samsung"). */
function onlyDisks(x: string, facts: Facts): boolean {
  const words = clean(x).toLowerCase().split(" ").filter(Boolean);
  if (!words.length || !disksNamedIn(x, facts).length) return false;
  return words.every(
    (w) => FILL.test(w) || disksNamedIn(w, facts).length > 0 || /^\d+(?:gb|tb|g|t)$/.test(w),
  );
}

export function sayExceptedKeepAll(text: string, facts: Facts): string {
  if (facts.mode !== "live") return text;
  // "dont erase anything except the wd": the refusal forms rules/onlyExcept.ts reads as a choice
  // of the wd stay its to read
  if (sayOnlyExcept(text, facts) !== text) return text;
  const t = text.replace(/[’`]/g, "'");
  for (const m of t.matchAll(EXCEPT_AT)) {
    const start = m.index + m[0].length;
    const before = t.slice(0, m.index);
    const after = t.slice(start);
    // the excepted words: every end at a word boundary, shortest first
    const ends = [...after.matchAll(/\b\w+\b/g)].map((w) => w.index + w[0].length);
    for (const end of ends) {
      const x = after.slice(0, end);
      if (!onlyDisks(x, facts)) continue;
      const rest = clean(`${before} ${after.slice(end)}`);
      // "don't touch anything, not the nvme", "hands off, not the nvme": after a refusal "not X"
      // is as often "not even X" as "but X"; a keep of everything wins in doubt
      if (/^not$/i.test(m[1] ?? "") && !POSITIVE_KEEP.test(rest)) continue;
      // every OTHER disk kept, nothing chosen: what X holds and whether to use it is still asked
      if (KEEP_ALL.test(rest)) {
        const excepted = disksNamedIn(x, facts);
        const others = facts.disks
          .filter((d) => !d.liveMedium && !excepted.includes(d.path))
          .map((d) => d.path);
        return others.length ? `keep ${others.join(" and ")}` : text;
      }
    }
  }
  return text;
}
