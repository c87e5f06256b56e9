import { fatListing } from "./fatUndo.js";
import type { FatGuard } from "./step.js";

/**
 * Why a guarded step (`unlessOnFat`, steps/step.ts) is skipped, or undefined when it runs: the
 * FAT holds one of its paths (compared without case, as FAT names are), or cannot be listed (then
 * nothing is known to be free, and nothing of another system's may be replaced).
 */
export async function fatGuardSkip(
  g: FatGuard,
  env?: Record<string, string>,
  list: (device: string, env?: Record<string, string>) => Promise<string[] | undefined> = fatListing,
): Promise<string | undefined> {
  const have = await list(g.device, env);
  if (!have) return `${g.otherwise} (${g.device} could not be listed with mdir)`;
  const lower = new Set(have.map((p) => p.replace(/^\/+/, "").toLowerCase()));
  const found = g.paths.filter((p) => lower.has(p.toLowerCase()));
  return found.length ? `${g.otherwise} (${g.device} already has ${found.join(", ")})` : undefined;
}
