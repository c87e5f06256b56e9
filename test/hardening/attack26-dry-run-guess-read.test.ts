/**
 * Attacker 25 H1, the over-warning left open: the dry run's "decides at run time" warning fired
 * for every recipe that calls install_to_dir() with a wildcard (btop, helix, zoxide in recipes/)
 * though none reads the count it returns. A guess now counts only where the recipe reads the
 * answer; a call that is a statement of its own, its value dropped with `;`, decides nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planInstall } from "../../recipe/api.js";
import { isDiscardedCall } from "../../recipe/discardedCall.js";
import { fetchToolLines, makeWorld, recipe, type World } from "../recipe/fixture.js";

let w: World;
let fetchTool: string;
beforeEach(() => {
  w = makeWorld();
  fetchTool = fetchToolLines(w);
});
afterEach(() => w.cleanup());

const guessesOf = async (body: string) => {
  w.writeRecipe("t", recipe("t", `${fetchTool}${body}`));
  const plan = await planInstall(["t"], w.opts());
  return plan.guesses?.[0]?.calls ?? [];
};

describe("a guessed answer the recipe drops is no reason to warn", () => {
  it.each([
    ['    install_to_dir("bin/*", "/usr/local/lib/t");'],
    ['    install_to_dir("bin/*", "/usr/local/lib/t", 0o755);'],
    ['    install_to_dir("bin/**", "/usr/local/lib/t"); // the runtime files'],
    ['    install_bin("bin/tool"); install_to_dir(\n        "bin/*",\n        "/usr/local/lib/t"\n    );'],
    ['    glob("bin/*");'],
    ['    exists("bin/tool");'],
  ])("%s", async (body) => {
    expect(await guessesOf(body)).toEqual([]);
  });

  it("the shipped btop, helix and zoxide recipes' install() reads no guessed answer", () => {
    for (const name of ["btop", "helix", "zoxide"]) {
      const text = readFileSync(join(import.meta.dirname, "../../recipes", `${name}.rhai`), "utf8");
      for (const m of text.matchAll(/install_to_dir\(/g))
        expect(isDiscardedCall(text, m.index ?? 0, "install_to_dir"), name).toBe(true);
    }
  });
});

describe("the warning stays wherever the answer reaches a decision", () => {
  it.each([
    ['    if glob("bin/*").len() > 0 { run(["true"]); }', 'glob("bin/*")'],
    [
      '    let n = install_to_dir("bin/*", "/usr/local/lib/t");\n    if n > 1 { run(["true"]); }',
      'install_to_dir("bin/*", "/usr/local/lib/t")',
    ],
    ['    for f in glob("bin/*") { run(["echo", f]); }', 'glob("bin/*")'],
    ['    run(["echo", `${glob("bin/*")}`]);', 'glob("bin/*")'],
    ['    if exists("bin/tool") { run(["true"]); }', 'exists("bin/tool")'],
    [
      '    while install_to_dir("bin/*", "/usr/local/lib/t") > 5 { }',
      'install_to_dir("bin/*", "/usr/local/lib/t")',
    ],
    ['    let x = 1; x += glob("bin/*").len();', 'glob("bin/*")'],
    ['    print(glob("bin/*"));', 'glob("bin/*")'],
    ['    return glob("bin/*");', 'glob("bin/*")'],
  ])("%s", async (body, call) => {
    expect(await guessesOf(body)).toContain(call);
  });

  it("the scanner: strings and comments holding parentheses or `;` do not fool it", () => {
    const t = (src: string) => isDiscardedCall(src, src.indexOf("glob"), "glob");
    expect(t('glob("a)");')).toBe(true);
    expect(t('glob("a" /* ); */);')).toBe(true);
    expect(t('glob("a" /* ) */).len();')).toBe(false);
    expect(t('let u = "http://x"; glob("a");')).toBe(true);
    expect(t('x = glob("a");')).toBe(false);
    expect(t('glob("a"')).toBe(false);
    expect(t('"a".glob();')).toBe(false);
  });
});
