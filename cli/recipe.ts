#!/usr/bin/env node
import { newProgram, notBuiltYet } from "./common.js";

const program = newProgram("recipe", "LevitateOS package manager: installs software from Rhai recipes");
for (const sub of ["install", "remove", "list", "info", "search", "update", "bootstrap"]) {
  program
    .command(sub)
    .description(`${sub} (not built yet)`)
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet(`recipe ${sub}`));
}
await program.parseAsync();
