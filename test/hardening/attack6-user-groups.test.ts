import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFactsFile } from "../../facts/load.js";
import { compilePlan } from "../../tools/compile.js";
import { validatePlan } from "../../tools/planFile.js";
import { TOOLS } from "../../tools/registry.js";

const FACTS = loadFactsFile(join(import.meta.dirname, "../agent/fixtures/installed.json"));
const target = mkdtempSync(join(tmpdir(), "attack6-groups-"));
const plan = (steps: unknown[]) => ({ version: 1, mode: "installed", target, steps });
const user = (username: string, groups: string[] = []) => ({
  tool: "createUser",
  args: { username, groups },
});
const errorsOf = (steps: unknown[]) => {
  const r = validatePlan(plan(steps), FACTS);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message} (${e.hint ?? ""})`);
};

/**
 * Attack 6 M5: a user's groups naming itself, or a user the plan creates later, passed validation;
 * the plan made that group first (groupadd -f) and useradd --user-group then refused the user,
 * after the disk was erased and the base system installed.
 */
describe("groups naming a user of the plan are refused at validation (attack 6 M5)", () => {
  it("the user's own name, in a plan file and in the chat's tool call", () => {
    expect(errorsOf([user("bob", ["bob"])]).join("\n")).toContain("groups names bob, the user's own group");
    const chat = TOOLS.createUser.args.safeParse({ username: "bob", groups: ["video", "bob"] });
    expect(chat.success).toBe(false);
    expect(JSON.stringify(chat.error?.issues)).toContain("leave bob out of groups");
  });

  it("a user created later: refused with the fix; created earlier: accepted", () => {
    const later = errorsOf([user("bob", ["alice"]), user("alice")]).join("\n");
    expect(later).toContain("steps[0].args.groups[0]: bob's groups name alice, a user this plan creates");
    expect(later).toContain("create alice before bob");
    expect(errorsOf([user("alice"), user("bob", ["alice"])])).toEqual([]);
  });

  it("the chat's plan is checked the same way (compilePlan)", () => {
    const calls = [user("bob", ["alice"]), user("alice")].map((c) => ({
      tool: "createUser" as const,
      args: TOOLS.createUser.planArgs.parse(c.args),
    }));
    const r = compilePlan(calls, FACTS, { target });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).join("\n")).toContain("bob's groups name alice");
  });
});
