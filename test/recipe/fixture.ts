import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { RecipeOptions } from "../../recipe/api.js";
import { clearMirrorIndexes } from "../../recipe/download.js";
import { rawTarGz } from "./archives.js";

export const sha256 = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** A throwaway world: a recipes dir, a target root, a cache, a mirror dir. */
export interface World {
  dir: string;
  recipes: string;
  root: string;
  cache: string;
  mirror: string;
  opts: (extra?: Partial<RecipeOptions>) => RecipeOptions;
  writeRecipe: (name: string, text: string) => string;
  cleanup: () => void;
}

export function makeWorld(): World {
  const dir = mkdtempSync(join(tmpdir(), "recipe-world-"));
  const w = {
    dir,
    recipes: join(dir, "recipes"),
    root: join(dir, "root"),
    cache: join(dir, "cache"),
    mirror: join(dir, "mirror"),
  };
  for (const d of Object.values(w)) mkdirSync(d, { recursive: true });
  clearMirrorIndexes();
  return {
    ...w,
    opts: (extra = {}) => ({
      root: w.root,
      recipeDirs: [w.recipes],
      cacheDir: w.cache,
      mirrors: [],
      buildRoot: dir,
      downloadIdleMs: 5000,
      lockTimeoutMs: 20_000,
      onPrint: () => {},
      ...extra,
    }),
    writeRecipe: (name, text) => {
      const f = join(w.recipes, `${name}.rhai`);
      writeFileSync(f, text);
      return f;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every path below `dir` with its kind, mode, size and content hash: equal snapshots, equal trees. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = statSync(p, { throwIfNoEntry: false });
      const rel = relative(dir, p);
      if (e.isDirectory()) {
        out[rel] = `dir ${st?.mode.toString(8)}`;
        walk(p);
      } else if (e.isFile()) {
        out[rel] = `file ${st?.mode.toString(8)} ${sha256(readFileSync(p))} ${st?.mtimeMs}`;
      } else out[rel] = "other";
    }
  };
  walk(dir);
  return out;
}

/** A minimal recipe around an install body. */
export function recipe(
  name: string,
  body: string,
  extra: { version?: string; deps?: string[]; top?: string } = {},
): string {
  return `// ${name}: a test recipe
let pkg = #{ name: "${name}", version: "${extra.version ?? "1.0"}", description: "test recipe ${name}", deps: [${(extra.deps ?? []).map((d) => `"${d}"`).join(", ")}] };
let installed = false;
let installed_version = ();
let installed_files = [];
let installed_at = ();
${extra.top ?? ""}
fn install() {
${body}
}
`;
}

/** The one-program tarball the dry-run tests fetch: tool-1.0/bin/tool. */
export const TOOL_TARBALL = rawTarGz([
  { type: "dir", path: "tool-1.0/" },
  { type: "file", path: "tool-1.0/bin/tool", content: "#!/bin/sh\necho tool\n", mode: 0o755 },
]);

/**
 * Puts TOOL_TARBALL in the world's mirror and returns the recipe lines that download and unpack it,
 * so a test recipe's body starts from a real, checksummed fetch the way shipped recipes do.
 */
export function fetchToolLines(w: World): string {
  const archive = join(w.mirror, "tool-1.0.tar.gz");
  writeFileSync(archive, TOOL_TARBALL);
  return `    download("file://${archive}", "${sha256(TOOL_TARBALL)}");\n    extract("tar.gz");\n`;
}
