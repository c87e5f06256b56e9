import type { PlanCall } from "../types.js";
import { isSudoWord } from "./gateWords.js";
import { protectors, protects } from "./protectingWords.js";
import { isKeepWord, isNegator } from "./protectLexicon.js";
import { userMentions } from "./targetMentions.js";
import type { Segment } from "./turnSegments.js";

/** The certainty gate's verdict on a sudo grant (./certaintyGate.ts). */

/** "all users", "everyone": a grant that names no one names each. */
const EVERYONE = new Set([
  "everyone",
  "everybody",
  "all",
  "both",
  "each",
  "every",
  "either",
  "any",
  "anyone",
  "anybody",
  "users",
  "accounts",
]);

/** "boss says interns get no admin": the one who speaks is not the one the words are about. */
const SPEAKS = /^(says|said|say|tells|told|wants|wanted|asks|asked|thinks|insists|wrote|writes)$/;
/** "bob does", "ben too", "cal can": a segment that says the right before it again. */
const ELLIPSIS = /^(does|do|did|is|can|too|also|yes|aswell)$/;

/**
 * The people a word after a list belongs to: the nearest name before it and every name joined
 * to it by "and", "&", "plus" ("mum and dad with sudo": both).
 */
function listBefore(t: readonly string[], before: readonly number[]): number[] {
  const sorted = [...before].sort((a, b) => b - a);
  const out = [sorted[0]!];
  for (const q of sorted.slice(1)) {
    const gap = t.slice(q + 1, out.at(-1)!);
    if (!gap.length || !gap.every((w) => /^(and|&|plus|n|or)$/.test(w))) break;
    out.push(q);
  }
  return out;
}

/** Words that carry the settings of an account before over ("same for bob", "bob too"). */
export const SAME = /\b(?:same|too|also|as well|likewise|ditto)\b/i;

/**
 * The verdict on one sudo grant: kept, made a plain account, or asked. A sudo word belongs to the
 * person named nearest it in its segment (the one before it on a tie: "vince with sudo and anna
 * without"); a segment that names no one is about the one person the turn adds, or else the
 * person the segment before named.
 */
export function judgeSudo(
  call: Extract<PlanCall, { tool: "createUser" }>,
  segs: readonly Segment[],
  people: ReadonlySet<string>,
  single: boolean,
): "keep" | "plain" | "ask" | "refused" | "word" {
  const name = call.args.username;
  // "nae sudo" read as a user called nae: a word that negates or keeps is no name to give sudo
  if (isNegator(name) || isKeepWord(name)) return "word";
  const toks = segs.map((s) => s.toks.map((x) => x.w));
  const named = toks.map((t) => userMentions(t, name, people));
  const others = named.some((m) => m.others.length);
  let grant = false;
  let refused = false;
  let last = -1;
  for (let k = 0; k < toks.length; k++) {
    // a table's header row names its columns, no one's rights
    if (segs[k]!.row && !segs[k]!.header) continue;
    const t = toks[k]!;
    const m = named[k]!;
    const header = (segs[k]!.header ?? []).some((x) => isSudoWord(x.w));
    if (m.at.length || m.others.length) {
      last = k;
      if (!m.at.length) continue;
      const persons = [...m.at, ...m.others];
      // a sudo word is the right of the person named before it ("anna is admin ben not"), else of
      // the one after it ("sudo for ben"); "both", "all" give it to each person the segment names
      const each = t.some((w) => /^(both|all|each|everyone|everybody)$/.test(w));
      const mine = t.flatMap((w, i) => {
        if (!isSudoWord(w)) return [];
        const before = persons.filter((q) => q < i && !SPEAKS.test(t[q + 1] ?? ""));
        const after = persons.filter((q) => q > i);
        const owners = before.length ? listBefore(t, before) : after.length ? [Math.min(...after)] : [];
        return each || owners.some((o) => m.at.includes(o)) ? [i] : [];
      });
      const neg =
        protects(t, m, false, true) ||
        (mine.length > 0 && protects(t, { at: mine, others: m.others }, false, true));
      // "will doesn't get sudo, bob does": the segment before says the right, this one says it again
      if (
        !mine.length &&
        !header &&
        k > 0 &&
        ELLIPSIS.test(t.at(-1) ?? "") &&
        toks[k - 1]!.some(isSudoWord)
      ) {
        if (neg || t.some((w) => isNegator(w))) refused = true;
        else grant = true;
        continue;
      }
      if (mine.length || header) {
        if (neg) refused = true;
        else grant = true;
      } else if (neg) refused = true;
      continue;
    }
    const about =
      (single && !others) ||
      t.some((w) => EVERYONE.has(w)) ||
      (!segs[k]!.row && last >= 0 && named[last]!.at.length > 0);
    const sudo = t.flatMap((w, i) => (isSudoWord(w) ? [i] : []));
    if (!about || !sudo.length) continue;
    if (protects(t, { at: sudo, others: [] })) refused = true;
    else grant = true;
  }
  if (grant && !refused) return "keep";
  if (refused && !grant) return "plain";
  if (refused) return "refused";
  // "add xena, yuri and zoe with sudo": a list cut by its commas; a turn that grants sudo and
  // refuses nothing anywhere leaves the grant to the readers
  const anywhere = toks.flatMap((t) => t.filter(isSudoWord));
  if (anywhere.length && !toks.some((t) => protectors(t).length)) return "keep";
  return "ask";
}
