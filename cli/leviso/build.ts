import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("build (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("leviso build"));
}
