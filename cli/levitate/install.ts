import type { Command } from "commander";
import { notBuiltYet } from "../common.js";

export function registerInstall(program: Command): void {
  program
    .command("install")
    .description("install (not built yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => notBuiltYet("levitate install"));
}
