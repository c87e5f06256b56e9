#!/usr/bin/env node
import { newProgram, notBuiltYet } from "./common.js";

const program = newProgram(
  "rhai-run",
  "Runs Rhai scripts: print to stdout, errors to stderr, exit 1 on error",
);
program.argument("<files...>").action(() => notBuiltYet("rhai-run"));
await program.parseAsync();
