import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { scanRecipeDirs } from "../../facts/probe/probe.js";
import { info, install, remove } from "../../recipe/api.js";
import { readInstalledState } from "../../recipe/installedState.js";
import { stateFile } from "../../recipe/store.js";
import { makeWorld, type World } from "./fixture.js";

const PKG = 'let pkg = #{ name: "tool", version: "1.0", description: "t" };';

// Recipes without state variables: write-back adds them after `pkg`, whose line here continues
// into a block comment or a backtick string that spans the next newline.
const CASES: Record<string, string> = {
  "a block comment": `${PKG} /* notes\n   more notes */\nfn install() {}\n`,
  "a backtick string": `${PKG} let banner = \`first\nsecond\`;\nfn install() {}\n`,
  "a block comment that ends the file": `fn install() {}\n${PKG} /* trailing\n */`,
};

let w: World | undefined;
afterEach(() => w?.cleanup());

describe("recipe write-back never puts state inside an open comment or string", () => {
  for (const [what, source] of Object.entries(CASES)) {
    it(`pkg followed by ${what}: install records installed = true, remove records false`, async () => {
      w = makeWorld();
      w.writeRecipe("tool", source);
      await install(["tool"], w.opts());
      const sf = stateFile(w.root, "tool");
      expect(readInstalledState(sf)).toMatchObject({ installed: true, installed_version: "1.0" });
      expect(info("tool", w.opts()).state.installed).toBe(true);
      // The recipe's own text is kept, comment and string included.
      const after = readFileSync(sf, "utf8");
      for (const part of [PKG, ...source.replace(PKG, "").split("\n").filter(Boolean)])
        expect(after).toContain(part.trim());
      // The facts probe reads it with the same reader.
      expect(scanRecipeDirs([w.root + "/etc/recipes"])).toEqual([{ name: "tool", installed: true }]);
      await remove(["tool"], w.opts());
      expect(readInstalledState(sf).installed).toBe(false);
    });
  }
});

describe("the facts probe and the recipe manager agree on what is installed", () => {
  it("`let installed = true` inside a comment or string is not installed; a spaced-out one is", () => {
    w = makeWorld();
    w.writeRecipe(
      "incomment",
      `${PKG.replace("tool", "incomment")}\n/*\nlet installed = true;\n*/\nfn install() {}\n`,
    );
    w.writeRecipe(
      "instring",
      `${PKG.replace("tool", "instring")}\nlet s = \`\nlet installed = true;\n\`;\nfn install() {}\n`,
    );
    w.writeRecipe("spaced", `${PKG.replace("tool", "spaced")}\nlet installed =\n  true;\nfn install() {}\n`);
    w.writeRecipe("broken", `let pkg = #{ name: "broken", version: "1.0" \nfn install() {}\n`);
    expect(scanRecipeDirs([w.recipes])).toEqual([
      { name: "broken", installed: false },
      { name: "incomment", installed: false },
      { name: "instring", installed: false },
      { name: "spaced", installed: true },
    ]);
  });
});
