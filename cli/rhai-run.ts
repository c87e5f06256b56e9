#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { type Limits, RhaiError } from "../recipe/rhai/index.js";
import { scriptEngine } from "../recipe/rhai/script-runner.js";
import { safeLines, safeText } from "../steps/terminalText.js";
import { ExitCode, newProgram } from "./common.js";

/** The limits a flag can set; like the real rhai-run, none apply unless asked for. */
const LIMIT_FLAGS = {
  maxOperations: "--max-operations",
  maxStringSize: "--max-string-size",
  maxArraySize: "--max-array-size",
  maxMapSize: "--max-map-size",
} as const;

type Opts = Partial<Record<keyof typeof LIMIT_FLAGS, string>>;

function limitsFrom(opts: Opts): Partial<Limits> {
  const out: Partial<Limits> = {};
  const target: Record<keyof typeof LIMIT_FLAGS, keyof Limits> = {
    maxOperations: "maxOperations",
    maxStringSize: "maxStringLength",
    maxArraySize: "maxArrayLength",
    maxMapSize: "maxMapSize",
  };
  for (const [key, flag] of Object.entries(LIMIT_FLAGS) as [keyof typeof LIMIT_FLAGS, string][]) {
    const raw = opts[key];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0) {
      process.stderr.write(`${flag} needs a positive integer, e.g. ${flag} 1000000 (got '${raw}')\n`);
      process.exit(ExitCode.usage);
    }
    out[target[key]] = n;
  }
  return out;
}

function readScript(file: string): string {
  try {
    // `-` is standard input, as a file name on the command line.
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    process.stderr.write(
      `rhai-run: cannot read ${file === "-" ? "standard input" : file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`,
    );
    process.exit(ExitCode.failure);
  }
}

const program = newProgram(
  "rhai-run",
  "Runs Rhai scripts like Rhai's own rhai-run: print to stdout, errors to stderr, exit 1 on error",
  "none",
);
program
  .argument("<files...>", "Rhai scripts to run, in order, each in a fresh engine; `-` reads standard input")
  .option(`${LIMIT_FLAGS.maxOperations} <n>`, "operations limit per script (default: none)")
  .option(`${LIMIT_FLAGS.maxStringSize} <n>`, "characters in one string (default: none)")
  .option(`${LIMIT_FLAGS.maxArraySize} <n>`, "elements in one array, nested arrays included (default: none)")
  .option(
    `${LIMIT_FLAGS.maxMapSize} <n>`,
    "properties in one object map, nested maps included (default: none)",
  )
  .addHelpText(
    "after",
    '\nScripts may `import "name" as m;` other scripts, found relative to the importing script\n(`name.rhai`), and use `timestamp()`. The language and its limits: docs/rhai.md.',
  )
  .action((files: string[], opts: Opts) => {
    const limits = limitsFrom(opts);
    for (const file of files) {
      const source = readScript(file);
      const name = file === "-" ? "<stdin>" : file;
      const engine = scriptEngine(limits);
      const out: string[] = [];
      const flush = (): void => {
        if (out.length) process.stdout.write(out.join(""));
        out.length = 0;
      };
      engine.onPrint((t) => {
        out.push(t + "\n");
        if (out.length > 256) flush();
      });
      engine.onDebug((t, f, line, col) => {
        out.push(`[${f}:${line}:${col}] ${t}\n`);
        if (out.length > 256) flush();
      });
      try {
        // A leading `#!` line is skipped, as Rhai's rhai-run does.
        const text = source.startsWith("#!") ? source.replace(/^#![^\n]*/, "") : source;
        engine.run(engine.compile(text, name));
        flush();
      } catch (e) {
        flush();
        if (e instanceof RhaiError) process.stderr.write(`${e.format(safeText)}\n`);
        else
          process.stderr.write(
            `rhai-run: internal error: ${safeLines(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`,
          );
        process.exitCode = ExitCode.failure;
        return;
      }
    }
  });
await program.parseAsync();
