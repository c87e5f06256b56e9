import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadFactsFile } from "../../facts/load.js";
import { detectMode, probeFacts, scanRecipeDirs } from "../../facts/probe/probe.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";

/** The recipes shipped with the toolkit (`recipes/` beside package.json, in the source tree and when installed). */
export function shippedRecipesDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")))
      return existsSync(join(dir, "recipes")) ? join(dir, "recipes") : undefined;
    dir = dirname(dir);
  }
  return undefined;
}

/** Recipe directories, first wins: the system's, then the shipped ones. */
export function defaultRecipeDirs(): string[] {
  const shipped = shippedRecipesDir();
  return ["/etc/recipes", ...(shipped ? [shipped] : [])];
}

/**
 * `--facts F` or a probe of this machine. A probe that cannot list disks (no lsblk, a container)
 * still answers: disks only matter to the live installer, and `levitate ask` must work anywhere.
 */
export async function cliFacts(opts: {
  factsFile?: string;
  recipeDirs?: string[];
}): Promise<{ facts: Facts; note?: string }> {
  if (opts.factsFile) return { facts: loadFactsFile(opts.factsFile) };
  const recipeDirs = opts.recipeDirs?.length ? opts.recipeDirs : defaultRecipeDirs();
  try {
    return { facts: await probeFacts({ recipeDirs }) };
  } catch (e) {
    const recipes = scanRecipeDirs(recipeDirs);
    return {
      facts: FactsSchema.parse({
        mode: detectMode(),
        disks: [],
        recipes: recipes.map((r) => r.name).sort(),
        installed: recipes
          .filter((r) => r.installed)
          .map((r) => r.name)
          .sort(),
      }),
      note: `could not list disks (${(e as Error).message.split("\n")[0]}); continuing without them`,
    };
  }
}
