// The recipe manager's public face: the commands (install, remove, list…) live in modules of their own.
export type { ProgressEvent, RecipeAction } from "./actions.js";
export { describeAction } from "./actions.js";
export {
  type Plan,
  type RecipeInfo,
  type RecipeOptions,
  type RecipeProblem,
  rollBackInterrupted,
} from "./commandContext.js";
export { defaultCacheDir, idleMsFromEnv, mirrorsFromEnv } from "./environment.js";
export { bootstrap, install, planInstall } from "./installCommand.js";
export { info, listRecipes, search } from "./listCommand.js";
export { remove } from "./removeCommand.js";
export type { Firmware } from "./store.js";
