import { NEGATORS } from "./lexicon.js";

/** Verbs of losing what a disk holds; a negator just before one refuses the erase. */
const ERASING = new Set(
  `erase erasing erased wipe wiping wiped format formatting formatted reformat delete deleting deleted
  destroy destroying lose losing lost overwrite overwriting nuke nuking clear clearing touch touching
  remove removing kill damage`.split(/\s+/),
);

/**
 * "dont erase anything", "without wiping it", "never format", "do not delete my stuff": a negator
 * (agent/safety/lexicon.ts) with an erasing verb within the next two words ("don't you erase",
 * "do not ever wipe"). "nothing gets erased", "no data loss" too.
 */
export function refusesErasing(text: string): boolean {
  const ws = text
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/[^a-z]+/)
    .filter(Boolean);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (w === "nothing" && ws.slice(i + 1, i + 4).some((x) => ERASING.has(x))) return true;
    if (
      w === "no" &&
      (ws[i + 1] === "data" || ws[i + 1] === "file" || ws[i + 1] === "files") &&
      /^loss|^lost/.test(ws[i + 2] ?? "")
    )
      return true;
    if (!NEGATORS.has(w) && w !== "dnt") continue;
    // "i dont mind wiping it", "don't worry about erasing": the negation is of the objection
    if (/^(?:mind|care|worry|hesitate|bother|problem|issue|need|matter)$/.test(ws[i + 1] ?? "")) continue;
    if (ws.slice(i + 1, i + 4).some((x) => ERASING.has(x))) return true;
  }
  return false;
}
