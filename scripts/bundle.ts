/**
 * `npm run build`, second step: the CLI entry points as ES-module bundles in dist/cli/, over the
 * files tsc wrote there (the rest of dist/ stays as tsc wrote it).
 *
 * Why: Node 20 loads each ES module on its own (resolve, read, compile, link), and `levitate ask`
 * loaded about 160 of ours and 95 of zod's (64 of them locales no command uses): that loading, not
 * our code, was most of its start-up (docs/agent.md, "Startup"). Bundled with code splitting, a
 * command loads a few files, zod's unused locales are left out, and what an entry imports lazily
 * (`await import`) stays in its own chunk, loaded only when a command needs it.
 *
 * - Every runtime dependency but zod stays external, loaded by Node from node_modules as before:
 *   node-llama-cpp and its native parts find their files relative to their own path, and the
 *   others cost little to load.
 * - Entries and chunks share one folder, dist/cli/: code that finds a file from its own
 *   `import.meta.url` (recipe/planOffThread.ts → ./planWorker.js, the walk up to package.json in
 *   steps/package.ts and agent/session/facts.ts) finds it wherever in dist/cli/ it ended up.
 * - agent/llm/backend.ts is an entry too (dist/cli/llm-backend.js): the bench's steering preload
 *   (bench/llm/askSteer.ts) patches that module instance, the one the bundled CLI uses.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");

/** Bundled: pure JavaScript whose many modules cost more to load than to run. */
const BUNDLED_PACKAGES = new Set(["zod"]);

export const ENTRIES: Record<string, string> = {
  levitate: "cli/levitate.ts",
  recipe: "cli/recipe.ts",
  leviso: "cli/leviso.ts",
  "rhai-run": "cli/rhai-run.ts",
  planWorker: "recipe/planWorker.ts",
  "llm-backend": "agent/llm/backend.ts",
  // agent/backend.ts imports "./llm/index.js" by a computed name (no bundler may hoist
  // node-llama-cpp into the rules path): the chunk that holds it, in dist/cli/, finds it here.
  "llm/index": "agent/llm/index.ts",
};

/** A chunk's file name: removed before each bundle, so no stale chunk is copied into an image. */
const CHUNK = /^chunk-[A-Z0-9]+\.js$/;

function externalPackages(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(pkg.dependencies ?? {})
    .filter((name) => !BUNDLED_PACKAGES.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/**
 * A module that runs its own main when `import.meta.url` is `process.argv[1]` (grammars/generate.ts,
 * eval/data/src/write.ts) would run it inside the command once bundled into an entry's own file.
 */
const MAIN_CHECK = /=== process\.argv\[1\]/;

/** `outdir`: a package's `cli/` folder (the package.json and node_modules found above it). */
export async function bundleCli(outdir = join(root, "dist/cli")): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  for (const f of readdirSync(outdir, { withFileTypes: true }))
    if (f.isFile() && CHUNK.test(f.name)) rmSync(join(outdir, f.name));
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, join(root, src)])),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    chunkNames: "chunk-[hash]",
    external: externalPackages(),
    allowOverwrite: true,
    logLevel: "warning",
    metafile: true,
  });
  for (const [file, out] of Object.entries(result.metafile.outputs))
    if (out.entryPoint && MAIN_CHECK.test(readFileSync(join(root, file), "utf8")))
      throw new Error(
        `${file} holds a module's own main (a check against process.argv[1]): import it lazily, or not from a command`,
      );
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await bundleCli();
