import { describe, expect, it } from "vitest";
import { loadRecipeSource } from "../../recipe/loader.js";
import { PinSchema } from "../../recipe/versions.js";

/**
 * Attacker 7 L10: a recipe's `pkg.version` accepted anything (" ", "-1", "$(id)", "../../x"),
 * though `recipe install NAME@VERSION` refuses all of those: such a recipe installed, recorded that
 * version, and could never be pinned. One rule for both now.
 */

const recipeWith = (
  version: string,
) => `let pkg = #{ name: "tool", version: ${JSON.stringify(version)}, description: "d" };
let installed = false;
let installed_version = ();
let installed_files = [];
let installed_at = ();
fn install() { }
`;

const load = (version: string) => () =>
  loadRecipeSource(recipeWith(version), "/tmp/recipes/tool.rhai", { arch: "x86_64" });

describe("pkg.version follows the NAME@VERSION rule", () => {
  it.each([" ", "-1", "$(id)", "1.0; rm -rf x", "../../../../tmp/vv", "", "1.0\u001b[2J"])(
    "%j is refused when the recipe loads",
    (v) => {
      expect(load(v)).toThrow(/version/);
      expect(PinSchema.safeParse(`tool@${v}`).success).toBe(false);
    },
  );

  it("every version a recipe may declare can be pinned", () => {
    for (const v of ["14.1.1", "latest", "1.2.3-4.el10", "2024.01+git~1"]) {
      expect(load(v)().pkg.version).toBe(v);
      expect(PinSchema.safeParse(`tool@${v}`).success).toBe(true);
    }
  });
});
