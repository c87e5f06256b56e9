/**
 * "Forigu wget kaj curl", "Ekki fjarlægja git. Fjarlægðu bara htop.", "htop ro pak kon, vali curl
 * ro negah dar", "git jääb alles": a request about programs typed in a language whose verbs no
 * sentence table knows (agent/rules/recipeVerbLexicon.ts), said in the English every reader after
 * this step reads: "remove wget and curl", "do not remove git. remove only htop", "remove htop, but
 * keep curl", "keep git". Without it the readers saw only the program names and asked "Remove htop,
 * or keep it?" of each, the ones kept included.
 *
 * A word of the lexicon is read only where it stands beside a program this machine has or can
 * install: a verb right before the program (a "please" or "only" between), or last in its clause
 * right after it (the order of Persian, Hindi, Turkish, Japanese: moved before the program); a
 * negation only beside such a verb; "and" only between two programs; "but", "only", "please" only
 * with such a verb. So a name ("lisa"), an English word, or another language's word elsewhere in
 * the turn stays as typed.
 */

import { type Meaning, VERB_LANGUAGES } from "./recipeVerbLexicon.js";
import { fold } from "./text.js";

/** Lowercase, accents off; the letters NFD leaves whole said plainly ("ð", "ı", "đ"). */
export function verbKey(word: string): string {
  const w = word.toLowerCase().replace(/[’]/g, "'");
  // a short word keeps its accents: Vietnamese "gỡ" (remove) is not English "go"
  if ([...w].length <= 3) return w.normalize("NFC");
  return fold(w)
    .replace(/ð/g, "d")
    .replace(/đ/g, "d")
    .replace(/ı/g, "i")
    .replace(/þ/g, "th")
    .replace(/·/g, "");
}

interface Entry {
  meaning: Meaning;
  negAfter: boolean;
}

/** A word as typed, lowercase, composed: how the forms of an `exact` language are matched. */
const exactKey = (word: string) => `=${word.toLowerCase().normalize("NFC")}`;

/**
 * Every form of every language, by key (the first language that lists a form gives its meaning),
 * and the forms two languages list with different meanings (kept by the first; a test keeps those
 * empty). Built on the first turn that names a program: building it cost `levitate ask` ~10 ms at
 * load, and a turn that names no program never reads it.
 */
export interface VerbForms {
  readonly byKey: ReadonlyMap<string, Entry>;
  readonly conflicts: readonly string[];
}
let verbFormsBuilt: VerbForms | undefined;
export function verbForms(): VerbForms {
  if (verbFormsBuilt) return verbFormsBuilt;
  const byKey = new Map<string, Entry>();
  const conflicts: string[] = [];
  for (const lang of VERB_LANGUAGES)
    for (const [forms, meaning] of lang.rows)
      for (const f of forms.split("|")) {
        const key = f
          .split(/\s+/)
          .map((w) => (lang.exact ? exactKey(w) : verbKey(w)))
          .join(" ");
        const had = byKey.get(key);
        if (had && had.meaning !== meaning)
          conflicts.push(`${key} (${lang.name}: ${meaning}, before: ${had.meaning})`);
        if (!had) byKey.set(key, { meaning, negAfter: lang.negAfter ?? false });
      }
  verbFormsBuilt = { byKey, conflicts };
  return verbFormsBuilt;
}

const LONGEST = 3;
const VERB_MEANINGS = new Set<Meaning>(["remove", "keep", "install", "do not remove", "stays"]);
/** Words that may stand between a verb and its program: a politeness, "only", an object marker. */
const BETWEEN = new Set<Meaning>(["please", "only", ""]);
const ARTICLES = new Set(["the", "my"]);

interface Word {
  /** Index of the piece in `pieces`. */
  at: number;
  raw: string;
  key: string;
  /** The program this word names ("htop'u" names htop), if any. */
  program?: string;
}

interface Match {
  /** First and last word index (into `words`). */
  from: number;
  to: number;
  entry: Entry;
  said?: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’·_+.-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]/gu;
/** A clause ends at these; a comma only separates the items of a list. */
const CLAUSE_END = /[.;:!?\n]/;

export function sayRecipeVerbs(text: string, programs: readonly string[]): string {
  const known = new Set(programs.map((p) => p.toLowerCase()));
  const programOf = (raw: string): string | undefined => {
    const w = raw.toLowerCase();
    if (known.has(w)) return w;
    // "htop'u", "git'i", "htop-ot": a program with its case ending
    const m = /^(.+?)['’-][\p{L}]{1,4}$/u.exec(w);
    return m && known.has(m[1]!) ? m[1] : undefined;
  };
  const found = [...text.matchAll(WORD)].map((m) => ({ at: m.index!, raw: m[0], program: programOf(m[0]) }));
  if (!found.some((w) => w.program)) return text;
  // a word's key only for a turn that names a program (most do not)
  const words: Word[] = found.map((w) => ({ ...w, key: verbKey(w.raw) }));
  const forms = verbForms().byKey;
  // what lies between two words: a clause end, a comma, or only spaces
  const gap = (i: number) => text.slice(words[i]!.at + words[i]!.raw.length, words[i + 1]?.at ?? text.length);
  const ends = (i: number) => CLAUSE_END.test(gap(i));
  const matches: Match[] = [];
  for (let i = 0; i < words.length; ) {
    let hit: Match | undefined;
    for (let n = LONGEST; n >= 1 && !hit; n--) {
      if (i + n > words.length) continue;
      let ok = true;
      for (let k = i; k < i + n - 1; k++) if (!/^\s+$/.test(gap(k))) ok = false;
      if (!ok) continue;
      const span = words.slice(i, i + n);
      const key = span.map((w) => w.key).join(" ");
      const exact = span.map((w) => exactKey(w.raw)).join(" ");
      const entry = words[i]!.program ? undefined : (forms.get(exact) ?? forms.get(key));
      if (entry) hit = { from: i, to: i + n - 1, entry };
    }
    if (hit) {
      matches.push(hit);
      i = hit.to + 1;
    } else i++;
  }
  if (!matches.length) return text;
  const matchAt = new Map<number, Match>();
  for (const m of matches) matchAt.set(m.from, m);
  const skippable = (i: number) => {
    const m = matchAt.get(i);
    return (m && BETWEEN.has(m.entry.meaning)) || ARTICLES.has(words[i]!.key);
  };
  // the first word after a match, past a please/only/particle, within the clause and no comma
  const next = (m: Match): number | undefined => {
    let i = m.to;
    while (i + 1 < words.length && /^\s*$/.test(gap(i))) {
      i++;
      const s = matchAt.get(i);
      if (s && skippable(i)) {
        i = s.to;
        continue;
      }
      if (!s && ARTICLES.has(words[i]!.key)) continue;
      return i;
    }
    return undefined;
  };
  // the word before a match, past particles ("htop ro pak kon"), within the clause
  const before = (from: number): number | undefined => {
    let i = from - 1;
    while (i >= 0 && !ends(i)) {
      const s = matches.find((x) => x.from <= i && i <= x.to);
      if (s && BETWEEN.has(s.entry.meaning)) {
        i = s.from - 1;
        continue;
      }
      return i;
    }
    return undefined;
  };
  const lastInClause = (m: Match) => {
    let i = m.to;
    // a comma ends the clause here: "git mat hatao, htop hatao"
    while (i + 1 < words.length && !ends(i) && !gap(i).includes(",")) {
      i++;
      const s = matchAt.get(i);
      if (s && (BETWEEN.has(s.entry.meaning) || s.entry.meaning === "but" || s.entry.meaning === "and")) {
        // "curl ro hazf kon va git ro negah dar": a but or an and starts the next clause
        if (s.entry.meaning === "but" || s.entry.meaning === "and") return true;
        i = s.to;
        continue;
      }
      return false;
    }
    return true;
  };

  const edits: { from: number; to: number; said: string }[] = [];
  const accepted = new Set<Match>();
  /** Moves: a clause-final verb said before the first program of the run before it. */
  const moves = new Map<number, string>();
  const negationAt = (i: number | undefined) => {
    const m = i === undefined ? undefined : matchAt.get(i);
    return m?.entry.meaning === "(not)" ? m : undefined;
  };
  for (const m of matches) {
    if (!VERB_MEANINGS.has(m.entry.meaning)) continue;
    const english = m.entry.meaning === "stays" ? "keep" : m.entry.meaning;
    // a negation right before ("NE forigu", "ekki fjarlægja") or, where the language puts it
    // there, right after ("fjern ikke git")
    const prevWord = m.from > 0 && /^\s+$/.test(gap(m.from - 1)) ? m.from - 1 : undefined;
    const negBefore =
      prevWord === undefined
        ? undefined
        : matches.find((x) => x.to === prevWord && x.entry.meaning === "(not)");
    const after = next(m);
    const negAfterM = m.entry.negAfter ? negationAt(after) : undefined;
    const target = negAfterM ? next(negAfterM) : after;
    const negated = Boolean(negBefore || negAfterM) && english !== "do not remove";
    const said = negated ? `do not ${english}` : english;
    if (m.entry.meaning !== "stays" && target !== undefined && words[target]!.program) {
      accepted.add(m);
      if (negBefore) edits.push({ from: negBefore.from, to: negBefore.to, said: "" });
      if (negAfterM) edits.push({ from: negAfterM.from, to: negAfterM.to, said: "" });
      edits.push({ from: m.from, to: m.to, said });
      continue;
    }
    // verb last: "htop ro pak kon", "git mat hatao", "git jääb alles"
    const start = negBefore ? negBefore.from : m.from;
    const prev = before(start);
    if (prev === undefined || !words[prev]!.program || !lastInClause(m)) continue;
    // the run of programs and "and"s before it ("htop va tmux ro pak kon", "curl, wget jääb"); a
    // run that meets another word across a comma ends at the comma ("odinstaluj htop, git
    // ponech": only git is kept)
    let first = prev;
    let afterComma: number | undefined;
    for (let i = prev - 1; i >= 0 && !ends(i); i--) {
      const s = matches.find((x) => x.from <= i && i <= x.to);
      if (gap(i).includes(",")) afterComma = first;
      if (words[i]!.program) first = i;
      else if (s?.entry.meaning === "and" || ARTICLES.has(words[i]!.key)) continue;
      else {
        // a list crosses commas only from the start of its clause ("lotfan htop, tmux ro pak kon")
        if (afterComma !== undefined && !(s && (BETWEEN.has(s.entry.meaning) || s.entry.meaning === "but")))
          first = afterComma;
        break;
      }
    }
    accepted.add(m);
    if (negBefore) edits.push({ from: negBefore.from, to: negBefore.to, said: "" });
    edits.push({ from: m.from, to: m.to, said: "" });
    moves.set(first, said);
  }
  if (!accepted.size) return text;
  const verbIn = (from: number, to: number) =>
    [...accepted].some((m) => m.from >= from && m.to <= to) ||
    [...moves.keys()].some((k) => k >= from && k <= to);
  // the clause a word stands in: [first, last] word index
  const clauseOf = (i: number): [number, number] => {
    let a = i;
    while (a > 0 && !ends(a - 1)) a--;
    let b = i;
    while (b + 1 < words.length && !ends(b)) b++;
    return [a, b];
  };
  for (const m of matches) {
    const meaning = m.entry.meaning;
    // "Ne, bat restu": a negation alone before a comma, first in the turn, answers no
    if (meaning === "(not)" && m.from === 0 && /^\s*[,.!]/.test(gap(m.to))) {
      edits.push({ from: m.from, to: m.to, said: "No" });
      continue;
    }
    if (VERB_MEANINGS.has(meaning) || meaning === "(not)") continue;
    const [a, b] = clauseOf(m.from);
    // "git en neovim": "en" is "and" in Afrikaans and "but" in Icelandic; between two programs, "and"
    const between = Boolean(words[m.from - 1]?.program && words[m.to + 1]?.program);
    if (meaning === "and" || (meaning === "but" && words[m.from]!.key === "en" && between)) {
      if (between) edits.push({ from: m.from, to: m.to, said: "and" });
      continue;
    }
    if (meaning === "but") {
      // "sed NE forigu git", "vali curl ro negah dar": a but before a clause this step reads
      const [, e] = clauseOf(m.to + 1 < words.length ? m.to + 1 : m.to);
      if (verbIn(m.to + 1, e)) edits.push({ from: m.from, to: m.to, said: "but" });
      continue;
    }
    if (!verbIn(a, b)) continue;
    edits.push({ from: m.from, to: m.to, said: meaning });
  }
  // programs typed with a case ending ("htop'u") said bare where this step reads the clause
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.program && w.raw.toLowerCase() !== w.program && verbIn(...clauseOf(i)))
      edits.push({ from: i, to: i, said: w.program });
  }
  // assemble: each edited run of words replaced, a move said before its word
  const byFrom = new Map(edits.map((e) => [e.from, e]));
  let out = "";
  let pos = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const e = byFrom.get(i);
    const mv = moves.get(i);
    if (!e && !mv) continue;
    out += text.slice(pos, w.at);
    if (mv) out += `${mv} `;
    if (e) {
      const last = words[e.to]!;
      out += e.said;
      pos = last.at + last.raw.length;
      i = e.to;
    } else pos = w.at;
  }
  out += text.slice(pos);
  return out
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([,.;:!?])/g, "$1")
    .trim();
}
