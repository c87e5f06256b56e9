import type { Disk, Facts } from "../../facts/schema.js";

/**
 * Which disk a keep of one kind of content names ("keep my backup", "don't touch my games"): the
 * disk whose partition label, system name or model carries a word of that kind (tester 25
 * WRONG-16: "keep my backup" kept every disk, the empty one too, and left nowhere to install).
 *
 * Safety: the keep narrows only to a disk the facts themselves tie to the words (a partition
 * labelled "Backup", a "Seagate Backup Plus"); where nothing fits, every disk that may hold the
 * content stays kept, as before. A disk left out still holds what it holds: erasing one with data
 * on it is warned about and asked on its own (./dataDisk.ts), so the narrower keep costs a
 * question, never data, while the wide one cost the only empty disk.
 */

/**
 * The kinds of content a person keeps by name, each with the other words for it (singular and
 * plural, short forms). General words ("files", "data", "stuff", "everything") name no kind: a
 * partition labelled "Data" is not where all of someone's data is, so they keep every disk.
 */
const KINDS: readonly (readonly string[])[] = [
  ["photo", "photos", "picture", "pictures", "pic", "pics", "image", "images", "foto", "fotos"],
  ["document", "documents", "doc", "docs"],
  ["video", "videos", "movie", "movies", "film", "films"],
  ["music", "song", "songs"],
  ["game", "games"],
  ["backup", "backups"],
  ["library", "libraries"],
  ["work"],
];

/** The words of a label or model, as a person reads them ("Backup_2024" → backup, 2024). */
function labelWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A label's word fits a kind: one of its words, or begins with one of four letters or more. */
function fits(word: string, kind: readonly string[]): boolean {
  return kind.some((k) => word === k || (k.length >= 4 && word.startsWith(k)));
}

/**
 * The disks the facts tie to a kind of content the words name, with what on them fits: the
 * partition's name as the facts show it, or the user's word for a model that carries it. Empty
 * when the words name no kind, or no disk fits one.
 */
export function disksHolding(said: readonly string[], facts: Facts): { disk: Disk; what: string }[] {
  const kinds = KINDS.filter((k) => said.some((w) => k.includes(w)));
  const out: { disk: Disk; what: string }[] = [];
  for (const d of facts.disks) {
    if (d.liveMedium) continue;
    for (const kind of kinds) {
      const part = (d.partitions ?? []).find((p) =>
        [p.label, p.os].some((x) => x && labelWords(x).some((w) => fits(w, kind))),
      );
      const model = labelWords(d.model ?? "").some((w) => fits(w, kind));
      if (!part && !model) continue;
      const word = said.find((w) => kind.includes(w));
      const what = part ? `your ${word} (${part.os ?? `"${part.label}"`})` : `your ${word}`;
      if (!out.some((o) => o.disk.path === d.path)) out.push({ disk: d, what });
    }
  }
  return out;
}
