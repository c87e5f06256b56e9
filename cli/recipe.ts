#!/usr/bin/env node
import { isWorker, runSupervised, supervisedCommand } from "../recipe/supervise.js";

// A command that changes a root (install, remove, bootstrap) runs as a worker under a supervisor
// that loads nothing of the package manager (recipe/supervise.ts): a Ctrl-C or SIGTERM is rolled
// back at once and said. Everything else, and the worker itself, is cli/recipeMain.ts.
const supervised = isWorker() ? undefined : supervisedCommand(process.argv.slice(2));
if (supervised) await runSupervised(supervised);
else {
  // a worker dies with its supervisor, even one killed by SIGKILL (recipe/orphanWatch.ts)
  if (isWorker()) (await import("../recipe/orphanWatch.js")).watchSupervisor();
  await import("./recipeMain.js");
}
