/**
 * `npm run build`, second step: the CLI entry points as ES-module bundles in dist/cli/, over the
 * files tsc wrote there (the rest of dist/ stays as tsc wrote it).
 *
 * Why: Node 20 loads each ES module on its own (resolve, read, compile, link), and `levitate ask`
 * loaded about 160 of ours and 95 of zod's (64 of them locales no command uses): that loading, not
 * our code, was most of its start-up (docs/agent.md, "Startup"). Bundled with code splitting, a
 * command loads a few files, and what an entry imports lazily (`await import`) stays in its own
 * chunk, loaded only when a command needs it.
 *
 * What `levitate ask --backend rules` reads (fixS23, 2026-12-07): zod was bundled whole, its 64
 * locales included (a 755 KB chunk: `z` is one namespace object, so esbuild keeps every locale it
 * re-exports), and the ask path read ~1.83 MB in 60 files. With the locales index replaced by one
 * that exports `en` (zodEnglishOnly) and whitespace and syntax minified, it reads ~1.12 MB in the
 * same 60 files; the instructions of one `ask` (callgrind) went from ~1.83-1.90 G to ~1.74-1.81 G
 * (`node -e 0`: 0.50 G). Identifiers are not minified: that saved ~2% more, but a stack trace
 * would name `a`, `b`; `keepNames` to keep them cost more than it saved.
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
import { build, type Plugin } from "esbuild";

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

/**
 * zod's locales index, as `z.locales` and `z.core.locales` import it: every one of its 64 locales
 * (about 300 KB of the 755 KB zod chunk), which esbuild cannot leave out, since `z` is one namespace
 * object that holds them all. No code of ours selects a locale (`z.config`), and zod registers `en`
 * itself (zod/v4/classic/schemas.js): the index is replaced by one that exports only `en`.
 */
const ZOD_LOCALES = /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/;

const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onLoad({ filter: ZOD_LOCALES }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: "js",
    }));
  },
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
const MAIN_CHECK = /===\s*process\.argv\[1\]|process\.argv\[1\]\s*===/;

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
    plugins: [zodEnglishOnly],
    // Fewer bytes for Node to read and parse at each start. Names stay as written (no
    // minifyIdentifiers): a stack trace still names our functions, and code that reads a
    // function's or class's name reads the one in the source.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  for (const [file, out] of Object.entries(result.metafile.outputs))
    if (out.entryPoint && MAIN_CHECK.test(readFileSync(join(root, file), "utf8")))
      throw new Error(
        `${file} holds a module's own main (a check against process.argv[1]): import it lazily, or not from a command`,
      );
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await bundleCli();
