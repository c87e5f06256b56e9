import type { Disk, Facts } from "../../facts/schema.js";
import { allNamed, namedTogether, namedUnasked, unaskedBefore } from "../rules/unaskedDisks.js";
import type { Protection, Reading } from "./types.js";

/**
 * My last reply asked whether disks the person had named under a verb no reader knew were to be
 * kept or used (agent/rules/unaskedDisks.ts). A turn that names them again, still with no clause
 * in the form of a request ("negative, belay that, stand down on all samsungs", "hands off those
 * two"), answers "keep": they are kept, so the question closes instead of being asked again, and
 * no later "the big one" can reach them.
 */
export function withKeepOrUseAnswer(
  reading: Reading,
  text: string,
  facts: Facts,
  turns: readonly { readonly decision?: unknown }[] | undefined,
): Reading {
  const asked = unaskedBefore(turns, facts.disks);
  if (!asked.length) return reading;
  // "keep them", "they stay", "leave both alone": the keep said of the disks my question named
  const pronounKeep = KEEP_THEM.test(text) && !asked.some((d) => allNamed(text, [d], facts));
  const named = pronounKeep ? asked : asked.filter((d) => allNamed(text, [d], facts));
  if (pronounKeep && !NEGATION.test(text)) return withProtected(reading, named, text);
  // "870 … 860" tells the disks apart: a choice said in words I don't read, never a keep of both
  if (!named.length || !namedTogether(text, asked, facts) || !namedUnasked(text, named, facts))
    return reading;
  return withProtected(reading, named, text);
}

const KEEP_THEM =
  /\b(?:keep|leave|spare|stay|stays|untouched|alone|hands off)\b[^.?!]*\b(?:them|they|both|those|these|all)\b|\b(?:them|they|both|those|these)\b[^.?!]*\b(?:stay|stays|untouched|alone|kept)\b/i;
const NEGATION = /\b(?:not|don'?t|dont|never|no)\b/i;

function withProtected(reading: Reading, named: readonly Disk[], text: string): Reading {
  const protect = named
    .filter((d) => !reading.protect.some((p) => p.kind === "disk" && p.disk === d.path))
    .map((d): Protection => ({ kind: "disk", disk: d.path, said: text.trim() }));
  return protect.length ? { ...reading, protect: [...reading.protect, ...protect] } : reading;
}
