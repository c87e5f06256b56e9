/**
 * Writes eval/data/*.jsonl from the dialogue sources, validating every line on the way.
 * Run: npx tsx eval/data/src/write.ts   (a test fails when a committed JSONL is stale)
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FactsSchema } from "../../../facts/schema.js";
import { parseDataset } from "../../dataset.js";
import { dev } from "./dev.js";
import { dev2 } from "./dev2.js";
import { dev3 } from "./dev3.js";
import type { DialogueSource } from "./dsl.js";
import { heldout } from "./heldout.js";
import { heldout2 } from "./heldout2.js";
import { heldout3 } from "./heldout3.js";

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

export const SOURCES: Record<string, DialogueSource[]> = {
  "dev.jsonl": dev,
  "dev2.jsonl": dev2,
  "dev3.jsonl": dev3,
  "heldout.jsonl": heldout,
  "heldout2.jsonl": heldout2,
  "heldout3.jsonl": heldout3,
};

/** One dialogue a line, facts with their defaults filled so each line stands alone. */
export function renderDataset(dialogues: DialogueSource[]): string {
  return (
    dialogues
      .map((d) =>
        JSON.stringify({ id: d.id, category: d.category, facts: FactsSchema.parse(d.facts), turns: d.turns }),
      )
      .join("\n") + "\n"
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, dialogues] of Object.entries(SOURCES)) {
    if (dialogues.length === 0) continue;
    const text = renderDataset(dialogues);
    const parsed = parseDataset(text, file); // throws with every error, naming the line
    writeFileSync(join(DATA_DIR, file), text);
    const turns = parsed.reduce((n, d) => n + d.turns.length, 0);
    process.stdout.write(`${file}: ${parsed.length} dialogues, ${turns} turns\n`);
  }
}
