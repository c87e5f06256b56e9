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
const { registerAsk } = await import("./levitate/ask.js");
const { registerEval } = await import("./levitate/eval.js");
const { registerInstall } = await import("./levitate/install.js");
const { registerModel } = await import("./levitate/model.js");
const program = newProgram("levitate", "LevitateOS: install and manage a Linux system by conversation");
registerInstall(program);
registerAsk(program);
registerEval(program);
registerModel(program);
try {
  await program.parseAsync();
} catch (e) {
  // A prompt closed with Ctrl-C that no command caught: one line and 130, never a stack trace.
  const { exitCancelled, isPromptCancel } = await import("../agent/chat/interrupt.js");
  if (isPromptCancel(e)) exitCancelled();
  throw e;
}
