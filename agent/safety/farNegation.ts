/**
 * Negations the direct-request reader (./directRequest.ts) cannot see by their place before an
 * English verb: a refusal in a language whose verb the rules do not know ("huwag galawin ang sda",
 * "sda ko mat chhedo", "na sda nesahej"; dev16 h15-124/125/127 erased the disk each refused), or
 * an English verb outside the act list ("don't mess with sda").
 */

/** Negations said before the verb they refuse: Tagalog, Hindi/Urdu, and the English ones. */
const BEFORE_VERB = new Set([
  "huwag",
  "wag",
  "'wag",
  "mat",
  "nahi",
  "nahin",
  "nai",
  "never",
  "dont",
  "don't",
  "cant",
  "can't",
  "shouldnt",
  "mustnt",
  "wont",
  "won't",
]);

/**
 * A verb negated by its own form, said after its object in a verb-final clause: Czech "ne-"
 * before the verb stem ("nesahej", "nemaž", "neformátuj"; the clause lexer keeps ASCII letters
 * only, so "nemaž" arrives as "nema"), Turkish "-ma/-me" after it ("silme", "dokunma", "elleme").
 */
const NEGATED_VERB =
  /^(?:ne(?:sahej|sahat|dotýkej|dotykej|maž|maz|smaž|smaz|formátuj|formatuj|přepisuj|prepisuj|ruš|rus|měň|men|instaluj)\w*|ne(?:ma|sma|form|dot)$|(?:sil|dokun|elle|formatla|biçimlendir|bicimlendir|kur|değiştir|degistir)(?:me|ma)(?:yın|yin|yiniz|sın|sin)?)$/;

/** Hindi/Urdu put the negation between the object and the verb: "sda ko mat chhedo", "sda nahi". */
const AFTER_OBJECT = new Set(["mat", "nahi", "nahin"]);

/** Words a refusal may stand between before it reaches the target: determiners, particles. */
const BETWEEN = /^(?:the|my|a|an|that|this|ang|sa|ng|yung|iyong|mo|ko|ka|ni|na|to|with|about|around|on)$/;

/**
 * "we never boot windows, erase the nvme", "i dont use it": a negated use says the thing is not
 * needed, which lets it go; it refuses nothing (conv6-disks: the erase asked for had been refused).
 */
const DISUSE =
  /^(?:use|uses|used|using|boot|boots|booted|need|needs|needed|run|runs|open|play|start|login|log)$/;

/**
 * Whether the target at word `k` of the clause is refused by a negation the verb-based reading
 * misses. `acts`: whether a word is a verb that acts on the target; a refusal stops at one.
 */
export function refusedFar(w: readonly string[], k: number, acts: (x: string) => boolean): boolean {
  // before: a negation, then words the reader does not know as an act ("huwag galawin ang sda")
  for (let j = k - 1, unknown = 0; j >= 0 && j >= k - 5; j--) {
    const x = w[j]!;
    if (acts(x)) break;
    if (BEFORE_VERB.has(x)) return !DISUSE.test(w[j + 1] ?? "");
    if (!BETWEEN.test(x) && ++unknown > 2) break;
  }
  // after, in a verb-final clause with no act said before the target: "sda ko mat chhedo"
  if (w.slice(0, k).some(acts)) return false;
  for (let j = k + 1; j < w.length && j <= k + 4; j++) {
    const x = w[j]!;
    if (acts(x)) return false;
    if (NEGATED_VERB.test(x)) return true;
    if (AFTER_OBJECT.has(x)) return true;
  }
  return false;
}
