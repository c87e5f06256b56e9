import { opensNewSubject } from "../rules/clauses.js";
import { isSudoWord, PERSON_PRONOUNS, REQUEST_VERBS, THING_PRONOUNS } from "./gateWords.js";
import { isKeepWord, isNegator, KEEP_PHRASES, RELEASE_AFTER_NEGATOR } from "./protectLexicon.js";
import type { Mentions } from "./targetMentions.js";
import type { Segment } from "./turnSegments.js";

/**
 * The certainty gate's reading of protecting words (./certaintyGate.ts): where a segment keeps or
 * negates, and whether that word speaks of a mention of the call's target.
 */

/** Words that join a list: "keep sda and sdb" keeps both, "don't touch sda or the wd" neither. */
const GLUE = new Set([
  "and",
  "or",
  "nor",
  "the",
  "my",
  "a",
  "both",
  "also",
  "plus",
  "n",
  "&",
  "too",
  "either",
  "neither",
  "disk",
  "drive",
  "ssd",
  "hdd",
  "one",
]);

/** Words of the install's options: "sda, no swap" negates the swap, not the disk. */
const OPTION_WORDS = new Set([
  "swap",
  "encryption",
  "encrypt",
  "encrypted",
  "luks",
  "home",
  "separate",
  "sudo",
  "admin",
  "password",
  "btrfs",
  "ext4",
  "xfs",
  "gui",
  "desktop",
  "hostname",
  "partition",
  "partitions",
  "efi",
  "extra",
  "need",
  "problem",
]);

/** Interjections: "no, sda", "nope wipe sda" answer, they do not negate the verb after them. */
const INTERJECTIONS = new Set(["no", "nope", "nah", "naw", "nay", "nee", "nein", "nej", "nei"]);
const LEAD = /^(oh|ok|okay|wait|hmm|well|so|and|actually|sorry|um|uh|no|nope|nah|naw)$/;

/** Indexes of protecting words in a segment, with negated keeps and releases taken out. */
export function protectors(t: readonly string[]): { i: number; neg: boolean }[] {
  const out: { i: number; neg: boolean }[] = [];
  const spent = new Set<number>();
  const text = ` ${t.join(" ")} `;
  for (const p of KEEP_PHRASES) {
    const at = text.indexOf(` ${p} `);
    if (at >= 0) out.push({ i: text.slice(0, at).trim().split(" ").filter(Boolean).length, neg: false });
  }
  for (let i = 0; i < t.length; i++) {
    if (spent.has(i)) continue;
    const w = t[i]!;
    if (isNegator(w)) {
      // "nvme can or not": a question's alternative; "nothing else touched": the rest is kept
      if (t[i - 1] === "or" || t[i + 1] === "else") continue;
      // "I don't need windows", "no longer use bat", "don't want it anymore": what is not
      // needed may go; the keep a release speaks of is spent with it ("no need to keep sda")
      const next = t.slice(i + 1, i + 3);
      const release = next.find((x) => RELEASE_AFTER_NEGATOR.has(x));
      const wantsToLose =
        release !== undefined &&
        /^(want|wanna)$/.test(release) &&
        t
          .slice(i + 2, i + 6)
          .some((x) => /^(lose|losing|lost|erase|wipe|format|delete|remove|touch)/.test(x));
      if (release && !wantsToLose) {
        for (let k = i + 1; k < Math.min(t.length, i + 6); k++) if (isKeepWord(t[k]!)) spent.add(k);
        continue;
      }
      // "don't keep sda": a negated keep keeps nothing
      const keepAt = t.slice(i + 1, i + 3).findIndex((x) => isKeepWord(x) && x !== "alone");
      if (keepAt >= 0) {
        spent.add(i + 1 + keepAt);
        continue;
      }
      out.push({ i, neg: true });
    } else if (isKeepWord(w)) out.push({ i, neg: false });
  }
  return out;
}

/** "other" right before the name ("the other git thing"): not the one named. */
const OTHER = /^(other|another|else|different)$/;

/**
 * Whether a protecting word of the segment speaks of a mention of the target. Before it, it does
 * ("don't wipe sda", "keep sda") until something else is named and a new request starts ("not
 * sdb, wipe sda" is cut at the comma; "not sdb wipe sda" here). After it, near it ("sda stays",
 * "omar | no", "the samsung is sacred"), unless it goes on to name something else ("wipe sda
 * not sdb") or an option ("sda, no swap").
 */
export function protects(t: readonly string[], m: Mentions, byName = false, people = false): boolean {
  const named = m.at.filter((i) => !THING_PRONOUNS.has(t[i]!) && !PERSON_PRONOUNS.has(t[i]!));
  if (byName && named.some((i) => t.slice(Math.max(0, i - 2), i).some((x) => OTHER.test(x)))) return true;
  for (const p of protectors(t)) {
    if (m.at.includes(p.i)) continue;
    for (const x of m.at) {
      if (p.i < x) {
        // "no wipe sda", "no no, the games drive": an answer, not a negation of what follows
        const lead = t.slice(0, p.i).every((w) => LEAD.test(w));
        if (p.neg && lead && INTERJECTIONS.has(t[p.i]!) && x > p.i + 1) continue;
        // a person's item owns the word: "dev1 sudo=no and dev2 with sudo", "tom (no sudo) and
        // ann", "not ana - ben has the admin": a negator right after another name and its sudo
        // word, or right before another name, is that person's
        if (people && (ownsAfter(t, m.others, p.i) || m.others.includes(p.i + 1))) continue;
        const between = t.slice(p.i + 1, x);
        // something else named in between, and more than a list after it: the word was its
        const last = Math.max(-1, ...m.others.filter((o) => o > p.i && o < x));
        const ownedElsewhere = last >= 0 && t.slice(last + 1, x).some((w) => !GLUE.has(w));
        const newRequest = between.some(
          (w, k) =>
            (REQUEST_VERBS.has(w) &&
              ((!p.neg && k > 0) || /^(and|then|plus|&)$/.test(between[k - 1] ?? ""))) ||
            // "windows stays and linux goes on the samsung": the system placed in a clause of its own
            (/^(and|then|plus|&)$/.test(w) && opensNewSubject(between, k + 1)),
        );
        if (!ownedElsewhere && !newRequest) return true;
      } else {
        const after = t.slice(p.i + 1, p.i + 3);
        // ("wipe sda not sdb": the word goes on to name another; "omar and ben, ben no": the nearer)
        // ("cal and dee without": a list joined by "and" shares the word after it)
        const elsewhere = m.others.some(
          (o) =>
            o > p.i ||
            (o > x && o < p.i && (isSudoWord(t[x]!) || t.slice(x + 1, o).some((w) => !GLUE.has(w)))),
        );
        // "sudo for ola and not for per": a preposition after it points the word at what follows
        const option =
          after.some((w) => OPTION_WORDS.has(w)) ||
          (/^(for|on|onto|with|from)$/.test(after[0] ?? "") && after[1] !== undefined);
        const near = p.i - x <= (p.neg ? 3 : 4);
        if (near && !elsewhere && !option) return true;
      }
    }
  }
  return false;
}

/** Whether a name stands right before the word, with only sudo words between ("dev1 sudo=no"). */
function ownsAfter(t: readonly string[], others: readonly number[], at: number): boolean {
  return others.some((o) => o < at && t.slice(o + 1, at).every((w) => isSudoWord(w)));
}

/** Words that ask again: "actually no, only lazygit", "keep sda. no wait, wipe sda". */
const ASKS_AGAIN = /^(only|just|instead|rather)$/;

/**
 * Whether a segment that mentions the target protects it. The last word on it counts: a later
 * segment that asks for it again by name, with no protecting word, takes the earlier one back.
 */
export function protectedIn(
  found: readonly { seg: Segment; m: Mentions; pronoun?: boolean }[],
  byName = false,
): boolean {
  let out = false;
  for (const { seg, m, pronoun } of found) {
    const t = seg.toks.map((x) => x.w);
    if (protects(t, m, byName)) out = true;
    else if (out && !pronoun && t.some((w) => REQUEST_VERBS.has(w) || ASKS_AGAIN.test(w))) out = false;
  }
  return out;
}
