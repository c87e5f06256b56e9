import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description("ask (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("levitate ask"));
}
