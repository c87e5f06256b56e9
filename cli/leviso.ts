#!/usr/bin/env node
import "./noColor.js";
import { newProgram, reportUncaughtAsJson } from "./common.js";
import { registerBuild } from "./leviso/build.js";
import { registerInspect } from "./leviso/inspect.js";
import { registerResolve } from "./leviso/resolve.js";
import { registerRun } from "./leviso/run.js";

const program = newProgram("leviso", "Builds the LevitateOS live ISO from a profile and Rocky Linux RPMs");
registerBuild(program);
registerResolve(program);
registerInspect(program);
registerRun(program);
try {
  await program.parseAsync();
} catch (e) {
  // A --json command that failed with an exception no fail() caught still answers on stdout.
  reportUncaughtAsJson(e);
  throw e;
}
