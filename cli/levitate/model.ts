import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerModel(program: Command): void {
  program
    .command("model")
    .description("model (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("levitate model"));
}
