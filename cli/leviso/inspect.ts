import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description("inspect (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("leviso inspect"));
}
