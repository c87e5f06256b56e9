import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyCalls } from "../../agent/session/apply.js";
import { FactsSchema } from "../../facts/schema.js";
import { PinSchema, pinProblem } from "../../recipe/versions.js";
import { type CliName, runCli } from "../helpers/cli.js";

/** Version pins (issue 14 item 5, issue 18): honoured when the recipe provides the version, else refused naming it. */

const dir = mkdtempSync(join(tmpdir(), "levitate-pins-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cli: string, ...args: string[]) {
  const r = runCli(cli.replace(/\.ts$/, "") as CliName, args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pins", () => {
  it("parse NAME@VERSION", () => {
    expect(PinSchema.parse("ripgrep")).toEqual({ name: "ripgrep" });
    expect(PinSchema.parse("ripgrep@14.1.1")).toEqual({ name: "ripgrep", version: "14.1.1" });
    expect(PinSchema.safeParse("ripgrep@").success).toBe(false);
    expect(PinSchema.safeParse("Rip@1").success).toBe(false);
  });
  it("name the versions a recipe provides", () => {
    expect(pinProblem("ripgrep", "14.1.1", { version: "14.1.1" })).toBeUndefined();
    expect(pinProblem("ripgrep", "14.1.0", { version: "14.1.1" })).toMatch(
      /^ripgrep 14\.1\.0 is not available: the ripgrep recipe provides 14\.1\.1/,
    );
    expect(pinProblem("glibc", "2.39", { version: "latest" })).toMatch(/cannot be pinned/);
  });
});

describe("recipe install NAME@VERSION", () => {
  it("installs a version the recipe provides (dry run)", () => {
    const r = run("recipe.ts", "install", "ripgrep@14.1.1", "--root", dir, "--dry-run");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("would install ripgrep");
    expect(r.stdout + r.stderr).toContain("ripgrep-14.1.1-x86_64");
  });
  it("refuses another version, naming the one it can provide; nothing runs", () => {
    const r = run("recipe.ts", "install", "ripgrep@14.1.0", "--root", dir, "--dry-run");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ripgrep 14.1.0 is not available: the ripgrep recipe provides 14.1.1");
    expect(r.stdout).toBe("");
  });
  it("refuses a malformed version as usage", () => {
    expect(run("recipe.ts", "install", "ripgrep@1 0", "--root", dir, "--dry-run").code).toBe(2);
  });
});

describe("installRecipe.version in a plan", () => {
  const facts = FactsSchema.parse({ mode: "installed", recipes: ["ripgrep", "fd"], installed: [] });

  it("is refused before anything is shown or run when the recipe cannot provide it", async () => {
    const lines: string[] = [];
    const r = await applyCalls(
      [{ tool: "installRecipe", args: { name: "ripgrep", version: "14.1.0" } }],
      facts,
      {
        dryRun: true,
        out: (l) => lines.push(l),
      },
    );
    expect(r.status).toBe("invalid");
    expect(r.error).toContain("ripgrep 14.1.0 is not available: the ripgrep recipe provides 14.1.1");
    expect(lines).toEqual([]);
  });

  it("is honoured when it can: the step installs ripgrep@14.1.1", async () => {
    const lines: string[] = [];
    const r = await applyCalls(
      [{ tool: "installRecipe", args: { name: "ripgrep", version: "14.1.1" } }],
      facts,
      {
        dryRun: true,
        verbose: true,
        out: (l) => lines.push(l),
      },
    );
    expect(r.status).toBe("dry-run");
    expect(lines.join("\n")).toContain("recipe install ripgrep@14.1.1 --root /");
  });

  it("levitate install --plan refuses the plan file", () => {
    const plan = join(dir, "plan.json");
    writeFileSync(
      plan,
      JSON.stringify({
        version: 1,
        mode: "installed",
        steps: [{ tool: "installRecipe", args: { name: "ripgrep", version: "13.0.0" } }],
      }),
    );
    const f = join(dir, "facts.json");
    writeFileSync(f, JSON.stringify(facts));
    const r = run("levitate.ts", "install", "--plan", plan, "--facts", f, "--dry-run");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ripgrep 13.0.0 is not available: the ripgrep recipe provides 14.1.1");
  });
});
