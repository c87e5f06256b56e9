/**
 * The installer's tools: schemas, plans, confirmation and execution. Backends (agent/) and
 * `levitate install` use this module only.
 *
 *   const r = compilePlan(calls, facts, { target });           // pure
 *   if (r.ok) console.log(renderPlan(r.plan, { verbose }));
 *   await runPlan(r.plan, { confirmer: interactiveConfirmer(), askSecret: askSecretInteractive });
 */

export {
  type ExecEvent,
  type ExecuteOptions,
  type ExecuteResult,
  executeSteps,
  JOURNAL_PATH,
  type StepResult,
} from "../steps/execute.js";
export { cliRecipeRunner, type RecipeRunner } from "../steps/recipeRunner.js";
export { describeAction, PHASES, type Phase, type Step, type StepAction, showArgv } from "../steps/step.js";
export {
  type CompileOptions,
  type CompileResult,
  compilePlan,
  mergeCalls,
  type Plan,
  presetSecretsOf,
} from "./compile.js";
export { askSecretInteractive, type Confirmer, interactiveConfirmer, yesConfirmer } from "./confirm.js";
export { type LibraryRecipeRunnerOptions, libraryRecipeRunner } from "./libraryRecipeRunner.js";
export {
  PasswordStdinError,
  parseSecretLines,
  planSecretsToAsk,
  readPlanSecrets,
  secretsToAsk,
  stdinSecretAsker,
} from "./passwordStdin.js";
export { formatPlanErrors, type PlanError, type PlanFile, validatePlan } from "./planFile.js";
export { PLANNERS, type PlanContext, PlanRefusal, partitionLayout, planTool } from "./plans.js";
export { TOOLS, type ToolCall, toolDefaults, toolsForMode } from "./registry.js";
export { planToJson, renderPlan } from "./render.js";
export { failureReport, loadPlanFile, type RunPlanOptions, type RunPlanOutcome, runPlan } from "./run.js";
export { type Mode, TOOL_NAMES, type ToolName } from "./types.js";
