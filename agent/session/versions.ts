/**
 * installRecipe's `version` is honoured only when the recipe provides it (recipe/versions.ts);
 * otherwise the plan is refused before anything runs, naming the versions the recipe can provide.
 * The recipe library is loaded only when a call pins a version.
 */

type Call = { tool: string; args: Record<string, unknown> };

export async function pinProblems(calls: readonly Call[], recipeDirs?: string[]): Promise<string[]> {
  const pinned = calls.filter((c) => c.tool === "installRecipe" && typeof c.args.version === "string");
  if (pinned.length === 0) return [];
  const { info } = await import("../../recipe/api.js");
  const { pinProblem } = await import("../../recipe/versions.js");
  const problems: string[] = [];
  for (const c of pinned) {
    const name = String(c.args.name);
    let pkg: { version: string };
    try {
      pkg = info(name, recipeDirs?.length ? { recipeDirs } : {});
    } catch {
      continue; // no such recipe: the facts check says so
    }
    const p = pinProblem(name, String(c.args.version), pkg);
    if (p) problems.push(p);
  }
  return problems;
}
