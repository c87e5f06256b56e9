#!/usr/bin/env node
import { exitCleanlyOnHangup } from "./levitate/hangup.js";
import { relaunchForHugePages } from "./levitate/relaunch.js";

// Before anything can hold the terminal: a terminal closed under a prompt must exit 129, not crash.
exitCleanlyOnHangup();

// A command that loads a model restarts once with huge pages for its weights (load 10.7 -> 3.2 s
// for the 3B model, docs/llm.md); glibc reads the setting only when a process starts. Decided
// before the CLI's own modules load: a process that only restarts and waits needs none of them.
const relaunchedExit = await relaunchForHugePages();
if (relaunchedExit !== undefined) process.exit(relaunchedExit);

// Each subcommand lives in its own module and imports its heavy parts lazily inside the action,
// so `levitate ask` with the rules backend never loads node-llama-cpp.
const { newProgram } = await import("./common.js");
const program = newProgram("levitate", "LevitateOS: install and manage a Linux system by conversation");
// A command line that starts with a command's name loads that command's module alone (each module
// costs start-up time: `levitate ask` is meant to answer at once); anything else (help, an
// option first, a typo to suggest a command for) registers them all, in the order help lists them.
const commands: Record<string, () => Promise<(p: typeof program) => void>> = {
  install: async () => (await import("./levitate/install.js")).registerInstall,
  ask: async () => (await import("./levitate/ask.js")).registerAsk,
  eval: async () => (await import("./levitate/eval.js")).registerEval,
  model: async () => (await import("./levitate/model.js")).registerModel,
};
const named = process.argv[2] ?? "";
for (const [name, register] of Object.entries(commands))
  if (!Object.hasOwn(commands, named) || name === named) (await register())(program);
try {
  await program.parseAsync();
} catch (e) {
  // A prompt closed with Ctrl-C that no command caught: one line and 130, never a stack trace.
  const { exitCancelled, isPromptCancel } = await import("../agent/chat/interrupt.js");
  if (isPromptCancel(e)) exitCancelled();
  (await import("./common.js")).reportUncaughtAsJson(e);
  throw e;
}
