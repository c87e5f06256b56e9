import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerResolve(program: Command): void {
  program
    .command("resolve")
    .description("resolve (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("leviso resolve"));
}
