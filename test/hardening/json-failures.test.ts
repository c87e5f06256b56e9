/**
 * Attacker 25 M3: `levitate ask --json`, `levitate eval --json` and `leviso inspect/build --json`
 * printed nothing on stdout when they failed (only a line on stderr), where `install --plan --json`
 * and `recipe --json` print `{"ok": false, ...}`. Every failure of a --json command now does.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const FACTS = join(ROOT, "test/agent/fixtures/installed.json");
const dir = mkdtempSync(join(tmpdir(), "json-failures-"));
const BAD = join(dir, "bad.json");
writeFileSync(BAD, "{\n");

async function cli(tool: "levitate" | "leviso", args: string[]) {
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

describe("a --json command that fails prints {ok: false, errors} on stdout", () => {
  it.each([
    [
      "ask, facts not JSON",
      "levitate",
      ["ask", "add fd", "--json", "--dry-run", "--facts", BAD, "--backend", "rules"],
      1,
      /not valid JSON/,
    ],
    [
      "ask, no facts file",
      "levitate",
      ["ask", "add fd", "--json", "--dry-run", "--facts", join(dir, "none.json"), "--backend", "rules"],
      1,
      /cannot read facts file/,
    ],
    [
      "ask, bad --backend (usage)",
      "levitate",
      ["ask", "add fd", "--json", "--facts", FACTS, "--backend", "bogus"],
      2,
      /--backend must be one of/,
    ],
    [
      "ask, empty request (usage)",
      "levitate",
      ["ask", "", "--json", "--facts", FACTS, "--backend", "rules"],
      2,
      /say what you want/,
    ],
    [
      "eval, data set not JSON",
      "levitate",
      ["eval", "--json", "--dataset", BAD, "--backend", "rules"],
      1,
      /not valid JSON/,
    ],
    [
      "leviso inspect, no such ISO",
      "leviso",
      ["inspect", join(dir, "none.iso"), "--json"],
      1,
      /cannot inspect/,
    ],
    [
      "leviso build, no profile",
      "leviso",
      ["build", "--json", "--profile", join(dir, "noprof"), "--out", join(dir, "out")],
      1,
      /profile directory/,
    ],
  ] as const)("%s", async (_name, tool, args, code, message) => {
    const r = await cli(tool, [...args]);
    expect(r.code).toBe(code);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.errors[0].message).toMatch(message);
    // The person still gets the line on stderr, without colour codes in the JSON.
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toContain("\u001b");
  });

  it("without --json stdout stays empty: the document is only for scripts that asked", async () => {
    const r = await cli("levitate", ["ask", "add fd", "--dry-run", "--facts", BAD, "--backend", "rules"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
  });
});
