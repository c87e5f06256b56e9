import { z } from "zod";
import { RecipeNameSchema } from "./installRecipe.js";
import type { ToolSpec } from "./types.js";

const args = z.strictObject({
  name: RecipeNameSchema.describe("The installed recipe (package) to remove"),
});

export const removeRecipe = {
  name: "removeRecipe",
  description: "Remove an installed program and the files its recipe installed.",
  modes: ["installed"],
  args,
  planArgs: args,
  examples: ["remove ripgrep", "uninstall bat", "get rid of it"],
} as const satisfies ToolSpec<typeof args, typeof args>;
