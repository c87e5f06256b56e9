/**
 * Attacker 25 M4: `levitate ask` exited 0 for "do not remove fd" (its "do" read as a question)
 * and 1 for "don't remove fd" and "keep fd", all with the reply "OK, kept: fd, not removed." and
 * the same --json. One answer, one exit code, and --json names it in `status`.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { answered } from "../../agent/session/answered.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const FACTS = join(import.meta.dirname, "fixtures/installed.json");

async function ask(text: string, json = false) {
  const args = [
    join(ROOT, "cli/levitate.ts"),
    "ask",
    text,
    "--facts",
    FACTS,
    "--backend",
    "rules",
    "--dry-run",
  ];
  try {
    const r = await run(process.execPath, ["--import", "tsx", ...args, ...(json ? ["--json"] : [])], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 90_000,
    });
    return { code: 0, stdout: r.stdout };
  } catch (e) {
    const x = e as { code: number; stdout: string };
    return { code: x.code, stdout: x.stdout };
  }
}

describe("an ask that plans nothing: the exit code follows the answer, not the wording", () => {
  it("a keep that was honoured is answered, however it was said", () => {
    const reply = "OK, kept: fd, not removed.";
    for (const t of ["do not remove fd", "don't remove fd", "keep fd", "never remove fd"])
      expect(answered(t, reply), t).toBe(true);
  });

  it("a negated order is not a question because it starts with 'do'", () => {
    const reply = "Which program? Available: ripgrep, fd.";
    expect(answered("do not remove anything please", reply)).toBe(false);
    expect(answered("don't remove anything", reply)).toBe(false);
    // Real questions stay answered; an order that is no keep stays not planned.
    expect(answered("do I have fd installed", "fd is installed.")).toBe(true);
    expect(answered("what is installed?", "Installed from recipes: fd.")).toBe(true);
    expect(answered("install firefox", "There is no recipe named firefox.")).toBe(false);
  });

  it("the CLI: 'do not remove fd' and \"don't remove fd\" both exit 0 and say status answered", async () => {
    const [a, b, j] = await Promise.all([
      ask("do not remove fd"),
      ask("don't remove fd"),
      ask("don't remove fd", true),
    ]);
    expect(a.stdout).toContain("OK, kept: fd, not removed.");
    expect(b.stdout).toContain("OK, kept: fd, not removed.");
    expect([a.code, b.code, j.code]).toEqual([0, 0, 0]);
    expect(JSON.parse(j.stdout).status).toBe("answered");
  });

  it("the CLI: a request that cannot be planned exits 1 with status not-planned", async () => {
    const r = await ask("install firefox", true);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).status).toBe("not-planned");
  });
});
