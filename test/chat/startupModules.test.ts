import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * What `levitate ask --backend rules` loads for a turn that proposes nothing: each module costs
 * start-up time (test/chat/startup.test.ts), so a module that such a turn never needs is loaded
 * where it is needed (cli/levitate.ts, cli/levitate/relaunch.ts, agent/turn.ts).
 */

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "levitate-startup-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadedBy(args: string[]): { code: number | null; out: string; loaded: string[] } {
  const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, "");
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      join(import.meta.dirname, "fixtures/load-trace.mjs"),
      "--import",
      "tsx",
      join(ROOT, "cli/levitate.ts"),
      ...args,
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", LEVITATE_LOAD_TRACE: trace },
      timeout: 120_000,
    },
  );
  const loaded = readFileSync(trace, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((u) => u.slice(u.indexOf(ROOT) + ROOT.length + 1));
  return { code: r.status, out: r.stdout + r.stderr, loaded };
}

describe("levitate ask start-up: what a turn that proposes nothing loads", () => {
  it("no model reader, no other command, no screen of proposed calls", () => {
    const facts = join(dir, "facts.json");
    writeFileSync(
      facts,
      JSON.stringify({ mode: "installed", users: ["root"], recipes: ["fd", "bat"], installed: ["fd"] }),
    );
    const r = loadedBy(["ask", "what is installed?", "--facts", facts, "--backend", "rules"]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("fd");
    // the argv reader decided: no model loads, so nothing about models or huge pages is loaded
    expect(r.loaded).toContain("agent/llm/modelCommand.ts");
    for (const absent of [
      "agent/llm/hugePages.ts",
      "agent/llm/modelFile.ts",
      "cli/levitate/install.ts",
      "cli/levitate/eval.ts",
      "cli/levitate/model.ts",
      "agent/safety/unknownUse.ts",
      "agent/safety/diskNonRequests.ts",
      "agent/safety/strangerName.ts",
      "agent/rules/removalChoices.ts",
      "agent/safety/safeQuestion.ts",
    ])
      expect(r.loaded).not.toContain(absent);
    expect(r.loaded).toContain("agent/turn.ts");
  }, 150_000);

  it("a turn that proposes a removal loads the screen that reads it", () => {
    const facts = join(dir, "facts-remove.json");
    writeFileSync(
      facts,
      JSON.stringify({
        mode: "installed",
        users: ["root"],
        recipes: ["fd", "bat"],
        installed: ["fd", "bat"],
      }),
    );
    const r = loadedBy(["ask", "remove bat", "--facts", facts, "--backend", "rules", "--dry-run"]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("remove bat");
    expect(r.loaded).toContain("agent/safety/unknownUse.ts");
    expect(r.loaded).toContain("agent/rules/removalChoices.ts");
  }, 150_000);
});
