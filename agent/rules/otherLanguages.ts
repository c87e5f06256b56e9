/**
 * Requests typed in the other languages people install in (German, French, Spanish, Italian,
 * Portuguese, Dutch, Polish, Swedish), said in the English every reader after this one knows:
 * "entferne htop" is "remove htop", "Tieni git, togli solo tmux" is "keep git, remove only tmux",
 * "Nie ruszaj dysku WD" is "do not touch disk WD". Read word by word, not sentence by sentence,
 * from one table per language (agent/rules/languageTables.ts). A language's short function words
 * ("de", "en", "die", "i") are read only when the turn holds one of its own unmistakable words,
 * so English, names and the other languages keep theirs. A negation beside a verb becomes "do not"
 * before it in every language's order: "ne supprime pas git", "lösch git nicht", "rör inte
 * Windows", "non cancellare Windows".
 */

import { LANGUAGE_TABLES, type LanguageTable } from "./languageTables.js";
import { fold } from "./text.js";

interface Piece {
  /** What the piece was typed as (a word, or the spaces and marks between words). */
  raw: string;
  /** A word's folded, lowercased form; undefined between words. */
  key?: string;
}

/** Words only: letters and inner apostrophes or hyphens ("c'est", "vas-y"); paths and numbers stay. */
const WORD = /^[\p{L}][\p{L}\p{M}'’-]*$/u;

/** Lowercase, accents folded; a word of one or two letters keeps them ("è" is "is", "e" is "and"). */
function keyOf(word: string): string {
  const w = word.toLowerCase().replace("’", "'");
  return w.length <= 2 ? w : fold(w);
}

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const chunk of text.split(/(\s+)/)) {
    if (!chunk) continue;
    if (/^\s+$/.test(chunk)) {
      out.push({ raw: chunk });
      continue;
    }
    // "htop," "¿quita" "(bitte)": the marks around a word are kept as they are
    const m = /^([^\p{L}]*)(.*?)([^\p{L}]*)$/u.exec(chunk)!;
    const [, lead, core, tail] = m as unknown as [string, string, string, string];
    if (core && WORD.test(core)) {
      if (lead) out.push({ raw: lead });
      // "n'installe", "l'utilisateur": the elided article is a word of its own
      const elided = /^([a-zA-Z]['’])(\p{L}.*)$/u.exec(core);
      if (elided) {
        out.push({ raw: elided[1]!, key: keyOf(elided[1]!) });
        // a space after it, so that its English is a word of its own ("l'espace libre" was said
        // "thefree space", read as a program named "thefree")
        if (/^[ld]['’]$/i.test(elided[1]!)) out.push({ raw: " " });
        out.push({ raw: elided[2]!, key: keyOf(elided[2]!) });
      } else out.push({ raw: core, key: keyOf(core) });
      if (tail) out.push({ raw: tail });
    } else out.push({ raw: chunk });
  }
  return out;
}

/** The word keys from piece `i` on, `n` of them, with only spaces between (no mark ends a phrase). */
function phraseAt(ps: readonly Piece[], i: number, n: number): { key: string; end: number } | undefined {
  const keys: string[] = [];
  let j = i;
  while (keys.length < n) {
    const p = ps[j];
    if (!p?.key) return undefined;
    keys.push(p.key);
    j++;
    if (keys.length < n) {
      if (!ps[j] || !/^\s+$/.test(ps[j]!.raw)) return undefined;
      j++;
    }
  }
  return { key: keys.join(" "), end: j };
}

const LONGEST = 4;

/** How many of a language's unmistakable words the turn holds. */
function strongHits(ps: readonly Piece[], table: LanguageTable): number {
  let hits = 0;
  for (let i = 0; i < ps.length; i++) {
    for (let n = LONGEST; n >= 1; n--) {
      const ph = phraseAt(ps, i, n);
      if (ph && table.strong[ph.key] !== undefined) {
        hits++;
        break;
      }
    }
  }
  return hits;
}

interface Said {
  /** The English, "" when the word is dropped ("doch", "hoor"). */
  text: string;
  /** A verb that acts ("remove", "install", "touch"): a negation beside it becomes "do not". */
  verb: boolean;
  /** A negation that may stand before or after a verb. */
  negation: boolean;
  /** "ne", "n'": the first half of French "ne ... pas". */
  opens: boolean;
}

const VERBS = new Set([
  "need",
  "want",
  "install",
  "add",
  "remove",
  "uninstall",
  "erase",
  "format",
  "keep",
  "touch",
  "use",
  "put",
  "set",
  "create",
  "delete",
  "wipe",
]);

/** The words of the turn in English where a language's table knows them; the rest as typed. */
export function inEnglish(text: string): string {
  if (!/\p{L}/u.test(text)) return text;
  const ps = pieces(text);
  const active = LANGUAGE_TABLES.map((table) => ({ table, hits: strongHits(ps, table) }))
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .map((x) => x.table);
  if (!active.length) return text;
  const out: (Said | Piece)[] = [];
  for (let i = 0; i < ps.length; ) {
    const p = ps[i]!;
    if (!p.key) {
      out.push(p);
      i++;
      continue;
    }
    let hit: { said: string; end: number } | undefined;
    for (let n = LONGEST; n >= 1 && !hit; n--) {
      const ph = phraseAt(ps, i, n);
      if (!ph) continue;
      for (const t of active) {
        const said = t.strong[ph.key] ?? t.weak[ph.key];
        if (said !== undefined) {
          hit = { said, end: ph.end };
          break;
        }
      }
    }
    if (!hit) {
      out.push(p);
      i++;
      continue;
    }
    const first = hit.said.split(" ")[0] ?? "";
    out.push({
      text: hit.said,
      verb: VERBS.has(first),
      negation: hit.said in BEFORE_VERB,
      opens: hit.said === "(ne)",
    });
    i = hit.end;
    const place = placeAfterVerb(ps, i, first);
    if (place !== undefined) {
      out.push({ raw: " " }, { text: "on the", verb: false, negation: false, opens: false });
      i = place;
    }
  }
  const english = assemble(verbsFirst(restateNegations(out)));
  // "le disque dur de 1 To": French units of size
  return active.some((t) => t.name === "fr") ? english.replace(/(\d)\s*(T|G)o\b/g, "$1 $2B") : english;
}

const isSaid = (x: Said | Piece): x is Said => "text" in x;

/**
 * "Instala no Seagate": Galician and Portuguese "no" / "na" are "in the" (dev h22m-057#1, read as
 * "install not Seagate", kept the Seagate and erased the other disk). The languages whose "no" is
 * a negation put it BEFORE the verb ("no instales", "no borres"), never between an imperative and
 * its object, so a "no" or "na" right after a verb of placing, before a word, is the place. The
 * index after it, or undefined.
 */
function placeAfterVerb(ps: readonly Piece[], i: number, verb: string): number | undefined {
  if (!PLACING.has(verb)) return undefined;
  const [gap, word, gap2, next] = [ps[i], ps[i + 1], ps[i + 2], ps[i + 3]];
  if (!gap || gap.key || !/^\s+$/.test(gap.raw)) return undefined;
  if (!word || (word.key !== "no" && word.key !== "na")) return undefined;
  if (!gap2 || gap2.key || !/^\s+$/.test(gap2.raw) || !next?.key) return undefined;
  return i + 2;
}

const PLACING = new Set(["install", "put", "use"]);

/** What a negation said after its verb becomes before it: "nicht" "do not", "niet meer" "no longer". */
const BEFORE_VERB: Record<string, string> = { not: "do not", never: "never", "no longer": "no longer" };

/**
 * A negation beside a verb, on either side or last in its clause ("lösch git nicht", "ik gebruik
 * het niet meer"), said before the verb; French "ne ... pas" the same, its "ne" dropped. A "no"
 * alone in its clause ("nie, jednak nie") stays a no; "(nothing)" is "anything" after a negation.
 */
function restateNegations(out: (Said | Piece)[]): (Said | Piece)[] {
  // clauses end at marks: a negation reaches no further than its clause
  const ends = (x: Said | Piece) => !isSaid(x) && !x.key && /[,.;:!?]/.test(x.raw);
  const said = (k: number) => {
    const x = out[k]!;
    return isSaid(x) ? x.text !== "" : x.key !== undefined;
  };
  const words = (from: number, step: 1 | -1) => {
    const found: number[] = [];
    for (let k = from; k >= 0 && k < out.length; k += step) {
      if (ends(out[k]!)) break;
      if (said(k)) found.push(k);
    }
    return found;
  };
  const verbAt = (k: number | undefined) => {
    const x = k === undefined ? undefined : out[k];
    return x !== undefined && isSaid(x) && x.verb;
  };
  for (let i = 0; i < out.length; i++) {
    const x = out[i]!;
    if (!isSaid(x)) continue;
    if (x.opens) {
      // "ne supprime pas git", "n'installe jamais htop": "do not" at the ne, the pas dropped
      const pas = words(i + 1, 1)
        .slice(0, 3)
        .find((k) => {
          const y = out[k]!;
          return isSaid(y) && (y.negation || y.text === "(nothing)");
        });
      x.text = pas === undefined ? "" : "do not";
      if (pas !== undefined && (out[pas] as Said).negation) (out[pas] as Said).text = "";
      // "n'y touche pas": the "do not" goes on the verb itself, so a pronoun between ne and the
      // verb ("y", "le") stays its object instead of the verb being moved away from its negation
      const verb = pas === undefined ? undefined : words(i + 1, 1).find((k) => k < pas && verbAt(k));
      if (verb !== undefined) {
        const v = out[verb] as Said;
        v.text = `do not ${v.text}`;
        x.text = "";
      }
      continue;
    }
    if (!x.negation || !BEFORE_VERB[x.text]) continue;
    const after = words(i + 1, 1);
    const before = words(i - 1, -1);
    // "nie, jednak nie": a negation alone in its clause is a no
    if (!after.length && !before.length) {
      if (x.text === "not") x.text = "no";
      continue;
    }
    // "non cancellare Windows", "nie formatuj niczego", "no toques": before its verb
    if (verbAt(after[0])) {
      const v = out[after[0]!] as Said;
      v.text = `${BEFORE_VERB[x.text]} ${v.text}`;
      x.text = "";
      continue;
    }
    // "rör inte Windows": right after its verb; "lösch git nicht", "ik gebruik het niet meer":
    // last in a clause that holds a verb
    const verb = verbAt(before[0]) ? before[0] : after.length ? undefined : before.find((k) => verbAt(k));
    if (verb !== undefined) {
      const v = out[verb] as Said;
      v.text = `${BEFORE_VERB[x.text]} ${v.text}`;
      x.text = "";
    }
  }
  for (let i = 0; i < out.length; i++) {
    const x = out[i]!;
    if (!isSaid(x)) continue;
    if (x.text === "(nothing)") {
      const negated = words(i - 1, -1).some((k) => {
        const y = out[k]!;
        return isSaid(y) && /^(?:do not|no longer|never|not|no|without|without erasing)\b/.test(y.text);
      });
      x.text = negated ? "anything" : "nothing";
    }
    // "die pieter heet": the word goes before the word typed before it
    if (x.text.startsWith("<")) {
      x.text = x.text.slice(1);
      const prev = words(i - 1, -1)[0];
      if (prev !== undefined) {
        const y = out[prev]!;
        const typed = isSaid(y) ? y.text : y.raw;
        out[prev] = { text: `${x.text} ${typed}`, verb: false, negation: false, opens: false };
        x.text = "";
      }
    }
  }
  return out;
}

/** Words after a verb-final clause's verb that leave it last: "fd deinstallieren bitte". */
const AFTER_LAST = new Set(["please", "alone", "thanks", "now"]);
/** A verb after these is a sentence's second verb ("i want", "can you ... remove"), never moved. */
const SUBJECTS = new Set(["i", "you", "we", "can", "can you", "i want", "i would like"]);

/**
 * "fd deinstallieren bitte", "die festplatte mit den fotos nicht anfassen", "Dysk WD zostaw w
 * spokoju": a clause that ends in its one verb says the verb first, as English readers expect.
 */
function verbsFirst(out: (Said | Piece)[]): (Said | Piece)[] {
  const result = [...out];
  let start = 0;
  for (let i = 0; i <= result.length; i++) {
    const x = result[i];
    const end = x === undefined || (!isSaid(x) && !x.key && /[,.;:!?]/.test(x.raw));
    if (!end) continue;
    const idx: number[] = [];
    for (let k = start; k < i; k++) {
      const y = result[k]!;
      if (isSaid(y) ? y.text !== "" : y.key !== undefined) idx.push(k);
    }
    start = i + 1;
    const verbs = idx.filter((k) => {
      const y = result[k]!;
      return isSaid(y) && y.verb;
    });
    if (verbs.length !== 1) continue;
    const v = verbs[0]!;
    const pos = idx.indexOf(v);
    const text = (k: number) => {
      const y = result[k]!;
      return isSaid(y) ? y.text : y.key!;
    };
    if (!idx.slice(pos + 1).every((k) => AFTER_LAST.has(text(k)))) continue;
    // "kunt u htop verwijderen", "ich will htop entfernen": after the modal, before its object
    const lead = idx.findIndex((k, n) => n < pos && !SUBJECTS.has(text(k)) && text(k) !== "please");
    if (lead < 0) continue;
    if (idx.slice(lead, pos).some((k) => SUBJECTS.has(text(k)))) continue;
    const verb = result[v] as Said;
    result[v] = { ...verb, text: "" };
    const first = result[idx[lead]!]!;
    result[idx[lead]!] = {
      text: `${verb.text} ${isSaid(first) ? first.text : first.raw}`,
      verb: false,
      negation: false,
      opens: false,
    };
  }
  return result;
}

function assemble(out: readonly (Said | Piece)[]): string {
  let s = "";
  for (const x of out) {
    const piece = isSaid(x) ? x.text : x.raw;
    // an elided word said in English ("n'" "do not", "l'" "the") was glued to the next word:
    // "do noterase the Kingston" read no negation, and the keep of the Kingston was lost
    if (/\p{L}$/u.test(s) && /^\p{L}/u.test(piece)) s += " ";
    s += piece;
  }
  // a dropped word leaves its spaces: one space between words, none before a mark
  return s
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([,.;:!?])/g, "$1")
    .trim();
}
