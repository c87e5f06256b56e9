import type { Facts } from "../../facts/schema.js";
import { REQUEST_VERB } from "../rules/clauses.js";
import { RELEASE_PHRASES } from "./lexicon.js";
import { foundIn, pieces } from "./partitionRefs.js";
import type { Protection, Reading } from "./types.js";

/**
 * A disk kept by a judgement or by what it holds, not by a verb of keeping (tester 7, DANGEROUS
 * D14, WRONG W19-W22): "the samsung is sacred", "the wd is precious to me", "sda is untouchable",
 * "the samsung has my backups", "my photos are on the WD, they must survive". Nobody says that of
 * a disk they want erased; a person who says it and later picks that disk by another name ("install
 * on the samsung" + "yes") has forgotten, and the installer must not forget for them. Such a clause
 * keeps the disk it names, the way "keep the samsung" does: the later erase is refused with the
 * words quoted, and "install on the samsung after all" still lifts it.
 *
 * Only clauses that state, never ask ("is the samsung important?"), and only in a turn that asks
 * for no erase or install of its own: "sda has my old backups, wipe it" is the reason for an erase,
 * and the request readers decide it. Words of letting go ("i dont need", "can go") keep nothing.
 * Added at the end of agent/safety/read.ts, so every backend and the screen see the same keeps.
 */

/** "is sacred", "are so precious", "'s untouchable", "is off limits to you". */
const JUDGED =
  /\b(?:is|are|s|stays|remains|feels)\s+(?:so\s+|very\s+|really\s+|totally\s+|absolutely\s+|super\s+|extremely\s+|too\s+)?(?:sacred|holy|precious|untouchable|important|valuable|irreplaceable|essential|vital|critical|priceless|sacrosanct|taboo|forbidden|off\s*limits|my\s+(?:baby|life|treasure))\b/;
/** "has my backups", "holds all my photos", "contains our family pictures". */
const HOLDS =
  /\b(?:has|holds|contains|have|hold|contain|keeps|stores|got)\s+(?:all\s+(?:of\s+)?)?(?:my|our|the\s+family|the\s+kids|my\s+wifes|my\s+wife's)\s+(?:\w+\s+)?(?:backups?|photos?|pictures?|pics|files|data|documents|docs|work|music|videos?|games|saves|memories|thesis|projects?)\b/;
/** "my photos are on the WD", "our pictures live on sda". */
const LIVES_ON =
  /\b(?:my|our)\s+(?:\w+\s+)?(?:backups?|photos?|pictures?|pics|files|data|documents|docs|work|music|videos?|games|saves|memories|thesis|projects?)\s+(?:are|is|live|lives|sit|sits|stay|stays)\s+(?:all\s+)?(?:on|in)\b/;
/** "they must survive", "it has to stay": the clause before named what must. */
const MUST_SURVIVE =
  /\b(?:must|has to|have to|needs to|need to|should|gotta)\s+(?:survive|stay|remain|live)\b/;
/** Words that take the judgement back or make it a past: "i dont need", "old", "anymore". */
const LETTING_GO =
  /\b(?:dont|don't|do not|no longer|not)\s+(?:need|care|want)\b|\banymore\b|\bcan go\b|\bused to\b|\bwas\b/;
const DESTRUCTIVE_OR_PLACING =
  /\b(?:erase|wipe|format|reformat|nuke|delete|overwrite|install|put|use|replace|repartition|clear)\b/;

export function withJudgedKeeps(reading: Reading, text: string, facts: Facts): Reading {
  if (facts.mode !== "live" || !text.trim()) return reading;
  const lower = text.toLowerCase().replace(/[’']/g, "");
  // a turn that also asks for an erase or an install is read by the request readers
  if (DESTRUCTIVE_OR_PLACING.test(lower) || lower.split(/[^a-z]+/).some((x) => REQUEST_VERB.test(x)))
    return reading;
  if (RELEASE_PHRASES.some((p) => lower.includes(p)) || LETTING_GO.test(lower)) return reading;
  const add: Protection[] = [];
  let previous: ReturnType<typeof foundIn> = [];
  for (const part of pieces(text)) {
    const said = ` ${part.w.join(" ")} `;
    let found = foundIn(part.w, facts).filter((f) => !f.disk.liveMedium);
    const judged = JUDGED.test(said) || HOLDS.test(said) || LIVES_ON.test(said);
    if (!found.length && MUST_SURVIVE.test(said) && /\b(?:they|it|them|those|these)\b/.test(said))
      found = previous;
    if (!part.question && found.length && (judged || MUST_SURVIVE.test(said)))
      for (const f of found)
        add.push(
          f.what === undefined
            ? { kind: "disk", disk: f.disk.path, said: part.said }
            : { kind: "partitions", disk: f.disk.path, what: f.what, said: part.said },
        );
    if (found.length) previous = found;
  }
  // one keep a disk: the first the words named ("my photos are on the WD": the photos partition)
  const fresh = add.filter(
    (p, i) =>
      add.findIndex((q) => (q as { disk: string }).disk === (p as { disk: string }).disk) === i &&
      !reading.protect.some(
        (q) => (q.kind === "disk" || q.kind === "partitions") && q.disk === (p as { disk: string }).disk,
      ),
  );
  return fresh.length ? { ...reading, protect: [...reading.protect, ...fresh] } : reading;
}
