import { readFileSync } from "node:fs";
import { z } from "zod";
import { JsonSyntaxError, parseJson } from "./jsonError.js";
import { type Facts, FactsSchema } from "./schema.js";

export class FactsFileError extends Error {}

/** `--facts file.json`: replaces the probe, validated with the same schema. */
export function loadFactsFile(path: string): Facts {
  let raw: unknown;
  try {
    raw = parseJson(readFileSync(path, "utf8"), path);
  } catch (e) {
    throw new FactsFileError(
      e instanceof JsonSyntaxError
        ? `facts file ${e.message}`
        : `cannot read facts file ${path}: ${(e as Error).message}`,
    );
  }
  const r = FactsSchema.safeParse(raw);
  if (!r.success) {
    throw new FactsFileError(
      `facts file ${path} is not valid (see CONTRACTS §4 for the format):\n${z.prettifyError(r.error)}`,
    );
  }
  return r.data;
}
