/** Runs a test/llm/worker.ts scenario in its own process with a timeout (see worker.ts for why). */
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface WorkerRun<T> {
  result?: T;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
}

const root = join(import.meta.dirname, "..", "..");

export function runScenario<T>(
  args: string[],
  timeoutMs: number,
  script = "test/llm/worker.ts",
): Promise<WorkerRun<T>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, script), ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
      resolve({
        result: line ? (JSON.parse(line.slice("RESULT ".length)) as T) : undefined,
        code,
        signal,
        stderr: stderr.slice(-4000),
        timedOut,
      });
    });
  });
}
