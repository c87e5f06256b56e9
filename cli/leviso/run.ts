import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("leviso run"));
}
