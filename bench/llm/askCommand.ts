/**
 * How the benches start `levitate ask`: as a user runs it, i.e. the built CLI (dist/) under plain
 * Node, not the sources through tsx. tsx compiles every module it loads, in each process: with the
 * huge-pages restart that is twice, and the lead's 2026-12-05 06:20-06:27 asks (12-13.6 s) all ran
 * that way because dist/ was older than the sources (docs/llm.md, seventh round).
 *
 * - dist/ older than the sources: built first (`tsc -p tsconfig.build.json`, ~25 s), unless
 *   `build: false`; then the sources through tsx, and the result says so.
 * - The bench's steering (./askSteer.ts, which patches the built LlmBackend) is compiled to one
 *   JavaScript file with esbuild (tsx's own compiler), so the ask process loads no tsx either;
 *   without esbuild it is loaded through tsx and the result says so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
/** tsconfig.build.json's include. */
const SOURCES = ["cli", "agent", "tools", "grammars", "recipe", "leviso", "eval", "steps", "facts"];

export interface AskCommand {
  /** Node's arguments before `ask ...`: the preload and the CLI entry. */
  nodeArgs: string[];
  /** What the ask process needs in its environment for the preload. */
  env: Record<string, string>;
  via: "dist" | "tsx";
  preload: "js" | "tsx";
  /** What was done to get there (a build), for the bench's output. */
  notes: string[];
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** dist/ exists and was built (tsc, then the bundle) after the last change to any source it is built from. */
export function distCurrent(): boolean {
  const entry = join(root, "dist/cli/levitate.js");
  if (!existsSync(entry) || !existsSync(join(root, "dist/cli/llm-backend.js"))) return false;
  const built = statSync(join(root, "dist/cli/llm-backend.js")).mtimeMs;
  return SOURCES.every((d) => !existsSync(join(root, d)) || newestSource(join(root, d)) <= built);
}

async function compiledSteer(): Promise<string | undefined> {
  try {
    const { build } = await import("esbuild");
    const dir = mkdtempSync(join(os.tmpdir(), "levitate-bench-steer-"));
    const out = join(dir, "bench", "llm", "askSteer.mjs");
    await build({
      entryPoints: [join(root, "bench/llm/askSteer.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: out,
      logLevel: "silent",
      // Resolved at run time from the bundle's place: ../../dist and node_modules, linked below.
      external: ["node-llama-cpp", "../../dist/*", "../../agent/*"],
    });
    symlinkSync(join(root, "dist"), join(dir, "dist"));
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    return out;
  } catch {
    return undefined;
  }
}

export async function askCommand(opts: { build?: boolean } = {}): Promise<AskCommand> {
  const notes: string[] = [];
  if (!distCurrent() && opts.build !== false) {
    const t0 = performance.now();
    try {
      execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], {
        cwd: root,
        stdio: "ignore",
      });
    } catch {
      // Type errors elsewhere still emit; whether dist/ is current is checked below.
    }
    try {
      // npm run build's second step: the CLI the user runs is the bundle.
      execFileSync(join(root, "node_modules/.bin/tsx"), ["scripts/bundle.ts"], {
        cwd: root,
        stdio: "ignore",
      });
    } catch {
      // A failed bundle leaves dist/cli/llm-backend.js older than the sources: checked below.
    }
    notes.push(`built dist/ (older than the sources) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (!distCurrent()) {
    notes.push("dist/ missing or older than the sources: the sources through tsx (slower than a user's ask)");
    return {
      nodeArgs: [
        "--import",
        "tsx",
        "--import",
        join(root, "bench/llm/askSteer.ts"),
        join(root, "cli/levitate.ts"),
      ],
      env: { LEVITATE_BENCH_DIST: "0" },
      via: "tsx",
      preload: "tsx",
      notes,
    };
  }
  const steer = await compiledSteer();
  if (!steer)
    notes.push("the steering preload through tsx (esbuild not found): tsx's hooks load in the ask process");
  return {
    nodeArgs: [
      ...(steer ? ["--import", steer] : ["--import", "tsx", "--import", join(root, "bench/llm/askSteer.ts")]),
      join(root, "dist/cli/levitate.js"),
    ],
    env: { LEVITATE_BENCH_DIST: "1" },
    via: "dist",
    preload: steer ? "js" : "tsx",
    notes,
  };
}
