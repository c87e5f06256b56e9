/**
 * `levitate model bake`: the fixed prefix's KV state of every mode, saved next to the model
 * (`<model dir>/kv/`) with the model's sha256 beside it, so a machine that boots the ISO answers
 * its first turn without evaluating the ~2,000-token prefix or hashing the 1.9 GB file
 * (./prefixState.ts reads `<model dir>/kv/` first). `leviso build` runs it when the profile ships a
 * model.
 */
import { dirname, join } from "node:path";
import type { Mode } from "../../tools/types.js";
import { LlmBackend } from "./backend.js";
import { sha256File, writeBakedSha } from "./prefixState.js";

export interface BakeResult {
  dir: string;
  shaFile: string;
  states: { mode: Mode; file: string; tokens: number; ms: number }[];
}

export async function bakePrefixStates(
  modelPath: string,
  opts: { dir?: string; threads?: number } = {},
): Promise<BakeResult> {
  const dir = opts.dir ?? join(dirname(modelPath), "kv");
  const backend = await LlmBackend.create({
    modelPath,
    ...(opts.threads ? { threads: opts.threads } : {}),
    prefixState: { readDirs: [], writeDir: dir },
    warn: () => {},
  });
  try {
    const states: BakeResult["states"] = [];
    for (const mode of ["live", "installed"] as const) {
      const r = await backend.bakePrefix(mode, dir);
      states.push({ mode, file: r.file as string, tokens: r.tokens, ms: r.ms });
    }
    // Hashed again, not from a memo: what the ISO trusts at boot is the file's own checksum.
    const shaFile = writeBakedSha(modelPath, await sha256File(modelPath));
    return { dir, shaFile, states };
  } finally {
    await backend.dispose();
  }
}
