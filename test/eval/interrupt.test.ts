/**
 * Ctrl-C on a long `levitate eval`: the real CLI, the real llm backend on a tiny GGUF (1 thread,
 * about 0.1 s a turn, so dev.jsonl would take half a minute), SIGINT once the plain progress line
 * on stderr (not a terminal here) shows a finished dialogue. The run must stop after the current
 * turn and print the partial report, marked as such, with exit code 130.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTinyModel } from "../llm/tinyModel.js";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(os.tmpdir(), "levitate-eval-interrupt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = writeTinyModel({ seed: 5 }, dir);
const DATASET = "eval/data/dev.jsonl";
const datasetTurns = readFileSync(join(root, DATASET), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .reduce((n, l) => n + (JSON.parse(l) as { turns: unknown[] }).turns.length, 0);

const PROGRESS = /^progress: (\d+)\/(\d+) dialogues, (\d+)\/(\d+) turns, .* right, [\d.]+ s$/m;

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Finished dialogues the progress line showed when SIGINT was sent. */
  dialoguesSeen: number;
}

/** Runs `levitate eval` and sends SIGINT once a progress line shows a finished dialogue. */
function evalUntilProgress(extra: string[]): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "cli/levitate.ts"),
        "eval",
        "--dataset",
        DATASET,
        "--backend",
        "llm",
        "--model",
        model,
        "--threads",
        "1",
        ...extra,
      ],
      {
        cwd: root,
        env: { ...process.env, LEVITATE_LLM_THREADS: "1", NO_COLOR: "1", LEVITATE_MODEL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    let dialoguesSeen = 0;
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no progress line showing a finished dialogue within 35 s; stderr:\n${stderr}`));
    }, 35_000);
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
      if (dialoguesSeen) return;
      const m = PROGRESS.exec(stderr);
      if (m && Number(m[1]) >= 1) {
        dialoguesSeen = Number(m[1]);
        child.kill("SIGINT");
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, dialoguesSeen });
    });
  });
}

describe("levitate eval: Ctrl-C on a long run", () => {
  it("--json: exit 130 and a partial report that parses, marked interrupted", async () => {
    const r = await evalUntilProgress(["--json"]);
    expect(r.dialoguesSeen, r.stderr).toBeGreaterThanOrEqual(1);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted: finishing the current turn/);
    const m = PROGRESS.exec(r.stderr);
    expect(Number(m?.[4])).toBe(datasetTurns);

    const report = JSON.parse(r.stdout) as {
      interrupted: boolean;
      backend: string;
      turns: number;
      plannedTurns: number;
      dialogues: number;
      turnAccuracy: number | null;
      dialogueAccuracy: number | null;
      byCategory: Record<string, { turns: number }>;
      byTool: Record<string, { turns: number }>;
      results: unknown[];
    };
    for (const k of ["turns", "turnAccuracy", "dialogueAccuracy", "byCategory", "byTool"])
      expect(report).toHaveProperty(k);
    expect(report.interrupted).toBe(true);
    expect(report.backend).toBe("llm");
    expect(report.plannedTurns).toBe(datasetTurns);
    expect(report.turns).toBeGreaterThan(0);
    expect(report.turns).toBeLessThan(datasetTurns);
    expect(report.results).toHaveLength(report.turns);
    // Every dialogue the progress line had seen finish is scored as a dialogue.
    expect(report.dialogues).toBeGreaterThanOrEqual(r.dialoguesSeen);
    expect(report.turnAccuracy).not.toBeNull();
    const byCategoryTurns = Object.values(report.byCategory).reduce((n, t) => n + t.turns, 0);
    expect(byCategoryTurns).toBe(report.turns);
  }, 45_000);

  it("table and --report: exit 130, the summary says how far it got, report.json is marked", async () => {
    const out = join(dir, "rep");
    const r = await evalUntilProgress(["--report", out]);
    expect(r.code, r.stderr).toBe(130);
    const m = /interrupted after (\d+) of (\d+) turns: partial report/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const [ran, planned] = [Number(m![1]), Number(m![2])];
    expect(planned).toBe(datasetTurns);
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(datasetTurns);
    expect(r.stdout).toMatch(/^ {2}turns\s/m);
    const saved = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as {
      interrupted: boolean;
      turns: number;
    };
    expect(saved).toMatchObject({ interrupted: true, turns: ran });
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain(
      `interrupted after ${ran} of ${datasetTurns} turns`,
    );
  }, 45_000);
});
