import type { Token } from "./text.js";

const REASONS = new Set(["since", "because", "cause", "cuz", "coz", "as", "now"]);
const SPEAKERS = new Set(["i", "we", "im", "ive", "weve"]);
const HAVE_OR_USE = new Set(["have", "got", "use", "using", "prefer", "run"]);
const ADVERBS = new Set(["also", "already", "now", "just", "still", "really", "mostly"]);

/**
 * Where a reason saying the speaker has or uses something starts in a clause ("... since I have
 * podman", "... because we use helix now", "... as I've got btop", "... since I switched to
 * podman"), or -1 (fresh set 26: "I don't need docker anymore since I have podman. remove it").
 * Why this is safe: the callers only take the programs of such a reason OUT of what a removal
 * names or a removal's pronoun stands for, and only where the clause names another program before
 * it; what the user says they have or use is kept, and nothing is removed on its strength.
 */
export function usedReasonAt(clause: readonly Token[]): number {
  const w = clause.map((t) => t.norm);
  for (let i = 1; i + 2 < w.length; i++) {
    if (!REASONS.has(w[i]!) || !SPEAKERS.has(w[i + 1]!)) continue;
    let v = i + 2;
    while (v < w.length && ADVERBS.has(w[v]!)) v++;
    if (HAVE_OR_USE.has(w[v] ?? "") || (w[v] === "switched" && w[v + 1] === "to")) return i;
  }
  return -1;
}

/** The names of `found` said before a used-reason in `clause`, where any are; else `found`. */
export function beforeUsedReason(
  found: readonly string[],
  clause: readonly Token[],
  nameOf: (t: Token) => string | undefined,
): string[] {
  const cut = usedReasonAt(clause);
  if (cut < 0) return [...found];
  const before = found.filter((n) => clause.slice(0, cut).some((t) => nameOf(t) === n));
  return before.length ? before : [...found];
}
