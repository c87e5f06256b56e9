import { z } from "zod";
import type { ToolSpec } from "./types.js";

export const RECIPE_NAME_PATTERN = "^[a-z0-9][a-z0-9._+-]{0,63}$";
export const RecipeNameSchema = z.string().max(64).regex(new RegExp(RECIPE_NAME_PATTERN), {
  message: "a recipe name is lowercase letters, digits and . _ + -",
});

const args = z.strictObject({
  name: RecipeNameSchema.describe("The recipe (package) to install: one of the available recipes"),
  version: z
    .string()
    .max(32)
    .regex(/^[0-9A-Za-z][0-9A-Za-z._+~-]*$/, { message: "a version looks like 14.1.0" })
    .optional()
    .describe("A specific version; the recipe's own version when absent"),
});

export const installRecipe = {
  name: "installRecipe",
  description: "Install a program from its recipe (the LevitateOS package manager).",
  modes: ["live", "installed"],
  args,
  planArgs: args,
  examples: ["add ripgrep", "install fd and bat", "I need jq"],
} as const satisfies ToolSpec<typeof args, typeof args>;
