#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Engine, RhaiError } from "../recipe/rhai/index.js";
import { ExitCode, newProgram } from "./common.js";

const program = newProgram(
  "rhai-run",
  "Runs Rhai scripts: print to stdout, errors to stderr, exit 1 on error",
);
program
  .argument("<files...>", "Rhai scripts to run, in order; each runs in a fresh engine")
  .option("--max-operations <n>", "operations limit per script", (v) => Number.parseInt(v, 10))
  .action((files: string[], opts: { maxOperations?: number }) => {
    if (opts.maxOperations !== undefined && !(opts.maxOperations > 0)) {
      process.stderr.write("--max-operations needs a positive integer, e.g. --max-operations 1000000\n");
      process.exit(ExitCode.usage);
    }
    for (const file of files) {
      let source: string;
      try {
        source = readFileSync(file, "utf8");
      } catch (e) {
        process.stderr.write(
          `rhai-run: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`,
        );
        process.exit(ExitCode.failure);
      }
      const engine = new Engine(opts.maxOperations ? { maxOperations: opts.maxOperations } : {});
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
        engine.run(engine.compile(source, file));
        flush();
      } catch (e) {
        flush();
        if (e instanceof RhaiError) process.stderr.write(e.format() + "\n");
        else process.stderr.write(`rhai-run: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
        process.exitCode = ExitCode.failure;
        return;
      }
    }
  });
await program.parseAsync();
