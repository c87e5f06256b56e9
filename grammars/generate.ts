/**
 * `npm run gen`: regenerates every checked-in file derived from the zod schemas. A test compares
 * the files with a fresh generation and fails when they are stale.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { recipeApiDocFile } from "../recipe/apiDoc.js";
import { formatDocFiles } from "../tools/formatDocs.js";
import { planJsonSchema } from "../tools/planFile.js";
import { grammarFiles } from "./gbnf/files.js";

const here = dirname(fileURLToPath(import.meta.url));

export interface GeneratedFile {
  path: string;
  content: string;
}

/** Every generated file with its content; other generators (GBNF grammars) add theirs here. */
export function generatedFiles(): GeneratedFile[] {
  return [
    { path: join(here, "plan.schema.json"), content: JSON.stringify(planJsonSchema(), null, 2) + "\n" },
    ...grammarFiles(here),
    // The format pages a user reads (docs/), generated from the same schemas.
    ...formatDocFiles(join(here, "../docs")),
    recipeApiDocFile(join(here, "../docs")),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of generatedFiles()) {
    writeFileSync(f.path, f.content);
    process.stdout.write(`wrote ${f.path}\n`);
  }
}
