import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SLOW_RECIPE as SLOW, slowReadPrelude } from "../helpers/slowRecipe.js";

const REPO = join(import.meta.dirname, "../..");

const recipes = join(mkdtempSync(join(tmpdir(), "attack8-m2r-")), "recipes");
mkdirSync(recipes);
writeFileSync(join(recipes, "slow.rhai"), SLOW);

/**
 * A child with the installer's handlers (agent/chat/interrupt.ts: SIGINT → exit 130 once the
 * thread is free) that says "reading" and then makes one synchronous recipe read.
 */
const CHILD = (read: string) => `${slowReadPrelude(4000)}
process.on("SIGINT", () => { process.stdout.write("handler\\n"); process.exit(130); });
process.on("SIGTERM", () => { process.stdout.write("handler\\n"); process.exit(143); });
const { scanRecipeDirs } = await import(${JSON.stringify(join(REPO, "facts/probe/probe.ts"))});
const { info } = await import(${JSON.stringify(join(REPO, "recipe/api.ts"))});
const { readInstalledState } = await import(${JSON.stringify(join(REPO, "recipe/installedState.ts"))});
const dir = ${JSON.stringify(recipes)};
process.stdout.write("reading\\n");
try { ${read}; } catch {}
process.stdout.write("read\\n");
// a signal that came during the read is delivered on the event loop: stay for it, or a fast
// machine ends the script first with exit 0 (what the clean-clone CI saw)
await new Promise((r) => setTimeout(r, 3000));
`;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  afterSignalMs: number;
}

function readAndStop(read: string, signal: NodeJS.Signals, marker = "reading"): Promise<Ended> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD(read)], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    let sentAt = 0;
    p.stdout.on("data", (d) => {
      stdout += d;
      if (!sentAt && stdout.includes(marker)) {
        sentAt = -1;
        setTimeout(() => {
          sentAt = Date.now();
          p.kill(signal);
        }, 500);
      }
    });
    p.on("close", (code, sig) =>
      resolve({ code, signal: sig, stdout, afterSignalMs: sentAt > 0 ? Date.now() - sentAt : -1 }),
    );
  });
}

/**
 * Attacker 8, M2 (the remainder): the reads outside the preview (the facts probe of recipes,
 * version pins through info()) ran on the main thread with the installer's handlers set, so a
 * signal waited for the hostile recipe. They now run with the signals' default action: the
 * process ends at once, and the shell sees 130 (SIGINT) or 143 (SIGTERM).
 */
describe("attacker 8 M2: a signal ends a synchronous recipe read at once", () => {
  it.each([
    ["the facts probe's scan", "scanRecipeDirs([dir])", "SIGINT"],
    ["the facts probe's scan", "scanRecipeDirs([dir])", "SIGTERM"],
    ["info() (version pins)", 'info("slow", { recipeDirs: [dir] })', "SIGINT"],
    ["info() (version pins)", 'info("slow", { recipeDirs: [dir] })', "SIGTERM"],
  ] as const)(
    "%s, %s: ended by the signal within 2 s",
    async (_, read, signal) => {
      const r = await readAndStop(read, signal);
      expect(r.afterSignalMs).toBeGreaterThan(0);
      expect(r.signal).toBe(signal);
      expect(r.stdout).not.toContain("read\n");
      expect(r.afterSignalMs).toBeLessThan(2_000);
      // The handlers are back afterwards (below): only the read itself runs without them.
    },
    120_000,
  );

  it("the same read without it waits for the recipe (what the test guards against)", async () => {
    const r = await readAndStop("readInstalledState(dir + '/slow.rhai')", "SIGINT");
    // The order proves the wait: the handler ran only once the read had ended. How long the read
    // took depends on the machine (a quiet CI runner finished it in under 2 s), so no time is asserted.
    expect(r.code).toBe(130);
    expect(r.stdout).toContain("read\nhandler");
  }, 180_000);

  it("after the read the process's own handlers answer the signal again", async () => {
    const fast = join(recipes, "..", "fast");
    mkdirSync(fast, { recursive: true });
    writeFileSync(join(fast, "ok.rhai"), SLOW.replace(/let m[\s\S]*$/, "").replace(/slow/g, "ok"));
    const r = await readAndStop(
      `scanRecipeDirs([${JSON.stringify(fast)}]); info("ok", { recipeDirs: [${JSON.stringify(fast)}] }); process.stdout.write("waiting\\n"); await new Promise((r) => setTimeout(r, 60_000))`,
      "SIGINT",
      "waiting",
    );
    expect(r.code).toBe(130);
    expect(r.stdout).toContain("waiting\nhandler");
  }, 120_000);
});
