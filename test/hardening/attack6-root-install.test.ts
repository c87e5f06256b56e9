import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { checkUpdates } from "../../recipe/updates.js";

/**
 * Attacker 6 (left open by fixA8): `recipe install NAME --root R` ran R's own copy
 * R/etc/recipes/NAME.rhai when no trusted directory had NAME, so a disk prepared elsewhere ran its
 * install() (and any run([...])) as root on this machine; `update` ran its check_update(). Now
 * those copies are not run for a root other than /, unless --trust-root (trustRoot) says so.
 */

let dir: string;
let root: string;
let trusted: string;
let mark: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "attack6-root-install-"));
  root = join(dir, "root");
  trusted = join(dir, "trusted");
  mark = join(dir, "PWNED");
  mkdirSync(join(root, "etc/recipes"), { recursive: true });
  mkdirSync(trusted);
  const evil = (installed: boolean) =>
    [
      `let pkg = #{ name: "evil", version: "1.0", description: "from the disk", deps: [] };`,
      `let installed = ${installed};`,
      `let installed_version = ${installed ? '"1.0"' : "()"};`,
      "let installed_files = [];",
      `let installed_at = ${installed ? '"2026-01-01T00:00:00Z"' : "()"};`,
      `fn install() { run(["touch", "${mark}"]); }`,
      `fn check_update() { run(["touch", "${mark}"]); "9.9" }`,
      "",
    ].join("\n");
  writeFileSync(join(root, "etc/recipes/evil.rhai"), evil(false));
  writeFileSync(join(root, "etc/recipes/old.rhai"), evil(true).replaceAll('"evil"', '"old"'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a recipe found only in the root's own /etc/recipes", () => {
  it("is not installed from there, with --recipes or the default directories, and nothing runs", async () => {
    for (const opts of [{ recipeDirs: [trusted] }, {}]) {
      for (const dryRun of [false, true]) {
        const err = await install(["evil"], { root, ...opts, dryRun, cacheDir: join(dir, "cache") }).then(
          () => undefined,
          (e: Error) => e,
        );
        expect(err?.message).toMatch(/evil: the only recipe of that name is .*etc\/recipes\/evil\.rhai/);
        expect(err?.message).toMatch(/--recipes DIR, or pass --trust-root/);
        expect(existsSync(mark)).toBe(false);
      }
    }
  });

  it("update does not run its check_update(), and says why", () => {
    const problems: string[] = [];
    const u = checkUpdates(["old"], {
      root,
      recipeDirs: [trusted],
      onProblem: (p) => problems.push(p.message),
    });
    expect(u[0]?.upstream).toBeNull();
    expect(problems.join("\n")).toMatch(/check_update\(\) not run: old: the only recipe of that name/);
    // unknown, not "up to date" (attacker 13 L3): the CLI prints "could not check" and exits 1
    expect(u[0]?.error).toMatch(/check_update\(\) not run: old: the only recipe of that name/);
    expect(u[0]?.updateAvailable).toBe(false);
    expect(existsSync(mark)).toBe(false);
  });

  it("runs when the user trusts the root on purpose", async () => {
    await install(["evil"], { root, recipeDirs: [trusted], trustRoot: true, cacheDir: join(dir, "cache") });
    expect(existsSync(mark)).toBe(true);
  });

  it("a trusted recipe of the same name is the one that runs", async () => {
    writeFileSync(
      join(trusted, "evil.rhai"),
      [
        `let pkg = #{ name: "evil", version: "1.0", description: "trusted", deps: [] };`,
        "let installed = false;",
        "let installed_version = ();",
        "let installed_files = [];",
        "let installed_at = ();",
        "fn install() { }",
        "",
      ].join("\n"),
    );
    await install(["evil"], { root, recipeDirs: [trusted], cacheDir: join(dir, "cache") });
    expect(existsSync(mark)).toBe(false);
  });
});
