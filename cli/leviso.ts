#!/usr/bin/env node
import { newProgram, notBuiltYet } from "./common.js";

const program = newProgram("leviso", "Builds the LevitateOS live ISO from a profile and Rocky Linux RPMs");
for (const sub of ["build", "resolve", "inspect", "run"]) {
  program
    .command(sub)
    .description(`${sub} (not built yet)`)
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet(`leviso ${sub}`));
}
await program.parseAsync();
