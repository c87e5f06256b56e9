import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

/**
 * Attacker 24 F4: `recipe` ignored NO_COLOR (SGR codes in list, install --dry-run, info, errors),
 * while levitate and rhai-run honour it. FORCE_COLOR stands in for a terminal here.
 */

const ROOT = join(import.meta.dirname, "../..");
let w: World | undefined;
afterEach(() => w?.cleanup());

function recipeCli(args: string[], env: Record<string, string>) {
  if (!w) throw new Error("no world");
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "cli/recipe.ts"),
      ...args,
      "--root",
      w.root,
      "--recipes",
      w.recipes,
      "--cache",
      w.cache,
      "--no-progress",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "", RECIPE_MIRRORS: "", ...env },
      timeout: 90_000,
    },
  );
  return `${r.stdout}${r.stderr}`;
}

describe("recipe honours NO_COLOR", () => {
  it("list and install --dry-run print no SGR code with NO_COLOR, and colour without it", () => {
    w = makeWorld();
    w.writeRecipe("good", recipe("good", '    run(["true"]);'));
    const colour = recipeCli(["install", "good", "--dry-run"], { FORCE_COLOR: "1" });
    expect(colour).toContain("\u001b[");
    for (const args of [["list"], ["install", "good", "--dry-run"], ["info", "nope"]])
      expect(recipeCli(args, { FORCE_COLOR: "1", NO_COLOR: "1" }), args.join(" ")).not.toContain("\u001b[");
  }, 180_000);
});
