import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

/** The repository root: the toolkit's CLIs run from here as a user's checkout would. */
export const REPO = resolve(import.meta.dirname, "../..");

export type CliName = "levitate" | "recipe" | "leviso" | "rhai-run";

export interface CliOptions {
  /** Added to the test process's environment (NO_COLOR=1 is set unless given here). */
  env?: Record<string, string | undefined>;
  /** What the command reads on stdin; without it stdin is empty. */
  input?: string;
  cwd?: string;
  /** Milliseconds before the child is killed (default 60 s: a tsx start under CI load is slow). */
  timeout?: number;
}

/**
 * Runs one of the toolkit's CLIs from its TypeScript source, the way the tests that check exit
 * codes and printed text all did by hand: under tsx, in the repository, colours off, bounded in
 * time. The whole spawn result comes back so a test asserts on status, stdout and stderr itself.
 */
export function runCli(
  cli: CliName,
  args: readonly string[],
  opts: CliOptions = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", "tsx", join(REPO, "cli", `${cli}.ts`), ...args], {
    cwd: opts.cwd ?? REPO,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
    timeout: opts.timeout ?? 60_000,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
}
