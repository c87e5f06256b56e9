import { existsSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { packageRoot } from "./package.js";
import type { RecipeAction } from "./step.js";

/**
 * How the executor reaches the recipe library. A runner previews a recipe step (dry-run lists
 * what it would do) and runs it. The default goes through the `recipe` command (CONTRACTS §6),
 * so a recipe failure cannot take the installer's process down with it.
 */
export interface RecipeRunner {
  preview(action: RecipeAction): Promise<string[]>;
  run(action: RecipeAction, log: (line: string) => void): Promise<void>;
}

export function recipeArgv(action: RecipeAction, dryRun = false): string[] {
  if (action.op === "bootstrap")
    return [
      "bootstrap",
      action.root,
      ...(action.firmware ? ["--firmware", action.firmware] : []),
      ...(dryRun ? ["--dry-run"] : []),
    ];
  const name = action.version ? `${action.name}@${action.version}` : (action.name ?? "");
  return [action.op, name, "--root", action.root, ...(dryRun ? ["--dry-run"] : [])];
}

/** `node dist/cli/recipe.js` when built, else the TypeScript source through tsx (tests, development). */
export function recipeCommand(): string[] {
  const built = join(packageRoot, "dist/cli/recipe.js");
  if (existsSync(built)) return [process.execPath, built];
  return [process.execPath, "--import", "tsx", join(packageRoot, "cli/recipe.ts")];
}

export interface CliRecipeRunnerOptions {
  /** Environment for the recipe command (e.g. where recipes are found). */
  env?: Record<string, string>;
  command?: string[];
}

export function cliRecipeRunner(opts: CliRecipeRunnerOptions = {}): RecipeRunner {
  const cmd = opts.command ?? recipeCommand();
  const [file, ...pre] = cmd as [string, ...string[]];
  return {
    async preview(action) {
      const r = await execa(file, [...pre, ...recipeArgv(action, true)], {
        env: opts.env,
        reject: false,
        all: true,
      });
      const lines = (r.all ?? "").split("\n").filter((l) => l.trim());
      if (r.exitCode !== 0)
        return [`(recipe dry-run failed, exit ${r.exitCode}): ${lines.slice(-3).join(" / ")}`];
      return lines;
    },
    async run(action, log) {
      const child = execa(file, [...pre, ...recipeArgv(action)], { env: opts.env, reject: false, all: true });
      child.all?.setEncoding("utf8");
      let buf = "";
      child.all?.on("data", (chunk: string) => {
        buf += chunk;
        const lines = buf.split("\n");
        buf = lines.pop() ?? "";
        for (const l of lines) log(l);
      });
      const r = await child;
      if (buf) log(buf);
      if (r.exitCode !== 0)
        throw new Error(`recipe ${recipeArgv(action).join(" ")} exited with ${r.exitCode}`);
    },
  };
}
