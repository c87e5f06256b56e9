/**
 * Attacker 27 M5: a usage error (unknown option, missing argument, unknown command, bad value) of
 * a `--json` command printed nothing on stdout: commander stops before any action runs, so the
 * actions' `failAsJson` never saw the flag. README: "With --json, a levitate or leviso command
 * that fails still prints a document on stdout" (`recipe --json` gives `errors` as strings).
 * The exit code stays 2 and the person still gets commander's line on stderr.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { jsonOnLine, usageJson } from "../../cli/common.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const FACTS = join(ROOT, "test/agent/fixtures/installed.json");
const dir = mkdtempSync(join(tmpdir(), "json-usage-"));

async function cli(tool: "levitate" | "leviso" | "recipe" | "rhai-run", args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", join(ROOT, `cli/${tool}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 90_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe("jsonOnLine / usageJson", () => {
  it("finds --json among the options, not after --", () => {
    expect(jsonOnLine(["ask", "--json"])).toBe(true);
    expect(jsonOnLine(["ask", "x", "--bogus", "--json"])).toBe(true);
    expect(jsonOnLine(["ask", "--", "--json"])).toBe(false);
    expect(jsonOnLine(["ask", "--jsonx"])).toBe(false);
    expect(jsonOnLine(["ask", "json"])).toBe(false);
  });
  it("drops commander's prefix and escapes; recipe's shape is strings", () => {
    expect(JSON.parse(usageJson("error: unknown option '--\u001b[2Jx'", "objects"))).toEqual({
      ok: false,
      errors: [{ message: "unknown option '--x'" }],
    });
    expect(JSON.parse(usageJson("error: missing required argument 'names'", "strings"))).toEqual({
      ok: false,
      errors: ["missing required argument 'names'"],
    });
  });
});

describe("a --json usage error prints {ok: false, errors} on stdout and still exits 2", () => {
  it.each([
    ["levitate ask, missing text", "levitate", ["ask", "--json"], /missing required argument 'text'/],
    [
      "levitate ask, unknown option",
      "levitate",
      ["ask", "add fd", "--json", "--facts", FACTS, "--backend", "rules", "--bogus"],
      /unknown option '--bogus'/,
    ],
    ["levitate, unknown command", "levitate", ["bogus", "--json"], /unknown command 'bogus'/],
    [
      "levitate install, --password-stdin without --plan",
      "levitate",
      ["install", "--json", "--password-stdin", "--facts", FACTS],
      /--password-stdin needs --plan/,
    ],
    [
      "levitate install, --from-cmdline with --plan",
      "levitate",
      ["install", "--json", "--from-cmdline", "--plan", join(dir, "p.json")],
      /--from-cmdline reads the plan/,
    ],
    [
      "levitate model bake, bad --threads",
      "levitate",
      ["model", "bake", "--json", "--threads", "x"],
      /--threads needs/,
    ],
    ["leviso, unknown command", "leviso", ["bogus", "--json"], /unknown command 'bogus'/],
    ["leviso build, unknown option", "leviso", ["build", "--json", "--bogus"], /unknown option '--bogus'/],
    [
      "leviso run, missing image",
      "leviso",
      ["run", join(dir, "none.iso"), "--json", "--dry-run"],
      /is not a file/,
    ],
  ] as const)("%s", async (_name, tool, args, message) => {
    const r = await cli(tool, [...args]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.errors).toHaveLength(1);
    expect(doc.errors[0].message).toMatch(message);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ["recipe install, missing names", ["install", "--json"], /missing required argument 'names'/],
    [
      "recipe install, unknown option",
      ["install", "fd", "--root", dir, "--json", "--bogus"],
      /unknown option '--bogus'/,
    ],
    ["recipe, unknown command", ["bogus", "--json"], /unknown command 'bogus'/],
  ] as const)("%s (errors as strings)", async (_name, args, message) => {
    const r = await cli("recipe", [...args]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({ ok: false, errors: [expect.stringMatching(message)] });
  });

  it("the target path error keeps its path, once", async () => {
    const r = await cli("levitate", [
      "install",
      "--json",
      "--plan",
      join(dir, "p.json"),
      "--target",
      "rel/dir",
    ]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toEqual([{ path: "target", message: expect.any(String) }]);
  });

  it("without --json, and for rhai-run (which has no --json), stdout stays empty", async () => {
    const a = await cli("levitate", ["ask", "--bogus"]);
    expect(a.code).toBe(2);
    expect(a.stdout).toBe("");
    const b = await cli("levitate", ["ask", "x", "--bogus", "--", "--json"]);
    expect(b.code).toBe(2);
    expect(b.stdout).toBe("");
    const c = await cli("rhai-run", ["--json"]);
    expect(c.code).toBe(2);
    expect(c.stdout).toBe("");
  });
});
