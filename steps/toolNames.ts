/** The installer's tools by name: steps record which tool planned them (CONTRACTS §1). */
export const TOOL_NAMES = [
  "partitionDisk",
  "createUser",
  "installRecipe",
  "removeRecipe",
  "setLocale",
  "setHostname",
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
