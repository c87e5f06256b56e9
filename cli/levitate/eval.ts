import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("eval (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("levitate eval"));
}
