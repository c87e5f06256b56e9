import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Attacker 7 L5: stdout on a full device (`> /dev/full`) made `levitate install --plan` and
 * `recipe list` die with Node's "Unhandled 'error' event" and a stack trace. One line says
 * what happened, and the exit code is 1.
 */

const REPO = join(import.meta.dirname, "../..");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "attack7-full-"));
  mkdirSync(join(dir, "fr/etc"), { recursive: true });
  mkdirSync(join(dir, "r1"), { recursive: true });
  writeFileSync(
    join(dir, "facts.json"),
    JSON.stringify({
      mode: "installed",
      recipes: [],
      installed: [],
      users: ["root"],
      target: join(dir, "fr"),
    }),
  );
  writeFileSync(
    join(dir, "plan.json"),
    JSON.stringify({
      version: 1,
      mode: "installed",
      target: join(dir, "fr"),
      steps: [{ tool: "setHostname", args: { hostname: "box" } }],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function toFull(cli: string, ...args: string[]) {
  const full = openSync("/dev/full", "w");
  const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "cli", cli), ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", full, "pipe"],
    timeout: 90_000,
  });
  return r;
}

describe.skipIf(!existsSync("/dev/full"))("stdout on a full device", () => {
  it.each([
    ["recipe.ts", ["list", "--root", "r1"]],
    ["levitate.ts", ["install", "--plan", "plan.json", "--facts", "facts.json", "--dry-run"]],
  ])("%s says so in one line and exits 1", (cli, args) => {
    const r = toFull(cli, ...args.map((a) => (a.endsWith(".json") || a === "r1" ? join(dir, a) : a)));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("cannot write to standard output: no space left on device (ENOSPC)");
    expect(r.stderr).not.toMatch(/Unhandled 'error' event|\n\s+at /);
  });
});
