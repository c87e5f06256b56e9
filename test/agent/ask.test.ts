import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const FIX = join(import.meta.dirname, "fixtures");
const TRACE = join(FIX, "trace-register.mjs");

/** Runs `levitate ask` from source (tsx), with the resolve hook that records node-llama-cpp imports. */
async function ask(args: string[], env: Record<string, string> = {}) {
  const trace = join(mkdtempSync(join(tmpdir(), "levitate-ask-")), "trace.txt");
  try {
    const r = await run(
      process.execPath,
      ["--import", TRACE, "--import", "tsx", join(ROOT, "cli/levitate.ts"), "ask", ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: "1", LEVITATE_TRACE_FILE: trace, ...env },
        timeout: 60_000,
      },
    );
    return {
      code: 0,
      stdout: r.stdout,
      stderr: r.stderr,
      loaded: existsSync(trace) ? readFileSync(trace, "utf8") : "",
    };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return {
      code: x.code,
      stdout: x.stdout,
      stderr: x.stderr,
      loaded: existsSync(trace) ? readFileSync(trace, "utf8") : "",
    };
  }
}

describe("levitate ask", () => {
  it("plans, shows and dry-runs a request without loading node-llama-cpp (rules backend)", async () => {
    const r = await ask([
      "add ripgrep and fd",
      "--facts",
      join(FIX, "installed.json"),
      "--backend",
      "rules",
      "--dry-run",
    ]);
    expect(r.stderr).toContain("backend: rules");
    expect(r.stdout).toContain("Understood: install ripgrep; install fd.");
    expect(r.stdout).toContain("recipe install ripgrep --root /");
    expect(r.stdout).toContain("Dry run: nothing was changed.");
    expect(r.code).toBe(0);
    expect(r.loaded).toBe("");
  });

  it("the trace hook does see node-llama-cpp when something imports it (control)", async () => {
    const trace = join(mkdtempSync(join(tmpdir(), "levitate-ask-")), "trace.txt");
    await run(process.execPath, ["--import", TRACE, "-e", "await import('node-llama-cpp').catch(() => {})"], {
      cwd: ROOT,
      env: { ...process.env, LEVITATE_TRACE_FILE: trace },
    });
    expect(readFileSync(trace, "utf8")).toContain("node-llama-cpp");
  });

  it("--json prints the decision and the plan", async () => {
    const r = await ask([
      "German keyboard, Berlin time",
      "--facts",
      join(FIX, "installed.json"),
      "--backend",
      "rules",
      "--json",
      "--dry-run",
    ]);
    const doc = JSON.parse(r.stdout) as { backend: string; decision: unknown; status: string; plan: unknown };
    expect(doc.backend).toBe("rules");
    expect(doc.decision).toEqual({
      calls: [{ tool: "setLocale", args: { keymap: "de", timezone: "Europe/Berlin" } }],
    });
    expect(doc.status).toBe("dry-run");
    expect(doc.plan).toBeTruthy();
  });

  it("answers instead of guessing, and says why when a request cannot be done", async () => {
    const facts = join(FIX, "installed.json");
    const q = await ask(["what is installed?", "--facts", facts, "--backend", "rules"]);
    expect(q.stdout).toContain("Installed from recipes: bat");
    expect(q.code).toBe(0);
    const no = await ask(["install firefox", "--facts", facts, "--backend", "rules", "--dry-run"]);
    expect(no.stdout).toMatch(/no recipe named firefox/);
  });

  it("refuses to run without a terminal unless --yes, and changes nothing", async () => {
    const r = await ask(["add fd", "--facts", join(FIX, "installed.json"), "--backend", "rules"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Add --yes/);
  });

  it("bad --backend is a usage error", async () => {
    const r = await ask(["add fd", "--backend", "magic"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--backend must be one of auto, rules, llm/);
  });

  it("works with no --facts: probes this machine and uses the shipped recipes", async () => {
    const r = await ask(["add ripgrep", "--backend", "rules", "--dry-run"]);
    expect(r.stdout).toContain("Understood: install ripgrep.");
    expect(r.code).toBe(0);
    expect(r.loaded).toBe("");
  });
});
