import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "../..");
const SCRIPT = `
import { exitOnInterrupt } from ${JSON.stringify(join(REPO, "agent/chat/interrupt.ts"))};
let exited = false;
process.on("exit", () => { if (!exited) process.stderr.write("exit handlers ran\\n"); exited = true; });
exitOnInterrupt();
process.stdout.write("ready\\n");
setInterval(() => {}, 1000);
`;

function stopWith(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    p.stderr.on("data", (d) => (stderr += d));
    p.stdout.once("data", () => p.kill(signal));
    p.on("close", (code) => resolve({ code, stderr }));
  });
}

/**
 * Attack M12: SIGTERM (systemctl stop, timeout) or SIGHUP (a closed SSH session) during
 * `levitate install` killed it silently, skipping the exit handlers that unmount the target and
 * say what was done. They now end it as Ctrl-C does, with the conventional exit codes.
 */
describe("SIGTERM and SIGHUP stop an install as Ctrl-C does (M12)", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const)(
    "%s: the cancel line, the exit handlers, exit %i",
    async (signal, code) => {
      const r = await stopWith(signal);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain("cancelled, nothing was changed");
      expect(r.stderr).toContain("exit handlers ran");
    },
    60_000,
  );
});
