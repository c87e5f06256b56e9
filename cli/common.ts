import { stripVTControlCharacters } from "node:util";
import { Command } from "commander";

/** Exit codes every CLI in the toolkit uses; scripts may rely on them. */
export const ExitCode = {
  ok: 0,
  /** The request failed: bad input, a failed step, a refused plan. */
  failure: 1,
  /** Usage error, or a subcommand that is not built yet. */
  usage: 2,
  /** The user declined a confirmation. */
  declined: 3,
  /** `levitate ask` asked a question back that nothing answered: nothing was planned. */
  asked: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

import { toolkitVersion } from "../steps/package.js";
import { safeLines } from "../steps/terminalText.js";

export { packageRoot, toolkitVersion } from "../steps/package.js";

/**
 * A commander program with the toolkit's conventions: --version, usage errors exit 2, and its
 * errors ("unknown option '…'" quotes the argument as typed) never pass an escape to the terminal.
 */
export function newProgram(
  name: string,
  description: string,
  jsonShape: UsageJsonShape = "objects",
): Command {
  reportFullStdout();
  return new Command(name)
    .description(description)
    .version(toolkitVersion, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ outputError: (text, write) => write(safeLines(text)) })
    .exitOverride((err) => {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version") process.exit(0);
      if (err.code === "commander.help") process.exit(0);
      if (err.exitCode !== 0 && jsonShape !== "none" && jsonOnLine(process.argv.slice(2)))
        process.stdout.write(usageJson(err.message, jsonShape));
      process.exit(err.exitCode === 0 ? 0 : ExitCode.usage);
    });
}

/**
 * How a CLI's `--json` failure document lists its errors: `levitate`/`leviso` as
 * `[{"message": ...}]`, `recipe` as plain strings (README, exit codes); "none" for a CLI without
 * `--json` (rhai-run), where the word is only an unknown option.
 */
export type UsageJsonShape = "objects" | "strings" | "none";

/**
 * `--json` among the options (before a `--` that ends them): the command line asked for a
 * document on stdout. Read from the raw argv because a usage error (unknown option, missing
 * argument, bad value) stops commander before any option is parsed (attacker 27 M5: those
 * printed nothing on stdout, so a script parsing it got an empty string).
 */
export function jsonOnLine(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === "--") return false;
    if (a === "--json") return true;
  }
  return false;
}

/** The `--json` document for a usage error: commander's "error: " prefix dropped, exit code unchanged. */
export function usageJson(message: string, shape: UsageJsonShape): string {
  const text = stripVTControlCharacters(message)
    .replace(/^error:\s*/i, "")
    .trim();
  return shape === "strings" ? `${JSON.stringify({ ok: false, errors: [text] })}\n` : jsonFailure(text);
}

/** Where stdout cannot take more: a full disk or quota, a file over its size limit. */
const STORAGE_FULL: Record<string, string> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
};

let stdoutGuarded = false;

/**
 * `> /dev/full` or a full disk under a redirect: one line saying so and exit 1, instead of Node's
 * "Unhandled 'error' event" and a stack trace. A broken pipe is left to the CLI's own listener
 * (recipe: the reader's choice, exit 0); anything else stays the crash it was.
 */
function reportFullStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    const why = err.code ? STORAGE_FULL[err.code] : undefined;
    if (why) {
      process.stderr.write(`cannot write to standard output: ${why} (${err.code}); stopped\n`);
      process.exit(ExitCode.failure);
    }
    if (err.code === "EPIPE" && process.stdout.listenerCount("error") > 1) return;
    throw err;
  });
}

/** For subcommands whose issue has not landed: say so and exit 2, never pretend. */
export function notBuiltYet(what: string): never {
  process.stderr.write(`${what} is not built yet in this version of the toolkit.\n`);
  process.exit(ExitCode.usage);
}

let jsonErrors = false;

/**
 * The command was asked for `--json`: from here on every {@link fail} also prints
 * `{"ok": false, "errors": [{"message": ...}]}` on stdout, the shape `levitate install --plan
 * --json` uses, so a script reading stdout never gets nothing (attacker 25 M3: ask, eval and
 * leviso inspect/build printed only a line on stderr when they failed).
 */
export function failAsJson(): void {
  jsonErrors = true;
}

/** The `--json` failure document for `message` (colours and other escapes removed). */
export function jsonFailure(message: string, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ok: false, errors: [{ message: stripVTControlCharacters(message).trim() }], ...extra }, null, 2)}\n`;
}

/**
 * Print an error the user can act on and exit with the given code. `jsonExtra`: more fields for
 * the `--json` document (leviso build's unresolved packages).
 */
export function fail(
  message: string,
  code: number = ExitCode.failure,
  jsonExtra?: Record<string, unknown>,
): never {
  if (jsonErrors) process.stdout.write(jsonFailure(message, jsonExtra));
  process.stderr.write(message.endsWith("\n") ? message : message + "\n");
  process.exit(code);
}

/** For a `--json` command that failed with an exception no `fail` caught: the document, then the throw. */
export function reportUncaughtAsJson(e: unknown): void {
  if (jsonErrors) process.stdout.write(jsonFailure(e instanceof Error ? e.message : String(e)));
}
