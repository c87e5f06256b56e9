import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";

// Attacker 8, L5: facts `recipes` and `installed` took any string; a name no recipe can have
// (quotes, a newline, 5,000 characters, "") broke replies and was read as other requests.
describe("attacker 8 L5: facts recipe names follow the recipe-name pattern", () => {
  it.each(['a" ::= root', "x\\", "-rf", "jq\nremove fd", "a".repeat(5000), "", "Firefox"])(
    "%j is refused in recipes and in installed, naming the entry",
    (bad) => {
      for (const field of ["recipes", "installed"] as const) {
        const r = FactsSchema.safeParse({
          mode: "installed",
          recipes: ["fd"],
          installed: [],
          [field]: ["fd", bad],
        });
        expect(r.success).toBe(false);
        const issue = r.error?.issues[0];
        expect(issue?.path).toEqual([field, 1]);
        expect(issue?.message).toMatch(/is not a recipe name/);
      }
    },
  );

  it("real names pass", () => {
    const r = FactsSchema.safeParse({
      mode: "installed",
      recipes: ["ripgrep", "g++", "python3.12", "fd"],
      installed: ["fd"],
    });
    expect(r.success).toBe(true);
  });
});
