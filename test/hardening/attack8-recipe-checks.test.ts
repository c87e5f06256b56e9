import { afterEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { checkUpdates } from "../../recipe/updates.js";
import { runCli } from "../helpers/cli.js";
import { makeWorld, type World } from "../recipe/fixture.js";

const recipe = (name: string, extra: string) =>
  `let pkg = #{ name: "${name}", version: "1.0", description: "d" };\n` +
  "let installed = false;\nlet installed_version = ();\nlet installed_files = [];\nlet installed_at = ();\n" +
  `fn install() { }\n${extra}\n`;

let w: World;
afterEach(() => w?.cleanup());

describe("attacker 8 L6: an is_installed() that cannot check fails the install, with a message", () => {
  it("run() inside is_installed() is named, not a silent reinstall", async () => {
    w = makeWorld();
    w.writeRecipe("isinst", recipe("isinst", ""));
    await install(["isinst"], w.opts());
    w.writeRecipe(
      "isinst",
      recipe("isinst", 'fn is_installed() { run(["touch", "/tmp/PWN-isinst"]); false }'),
    );
    await expect(install(["isinst"], w.opts())).rejects.toThrow(
      /isinst: is_installed\(\) called run\(\), which only install\(\) and remove\(\) may do; nothing was run/,
    );
  });

  it("an is_installed() that throws fails the same way", async () => {
    w = makeWorld();
    w.writeRecipe("ii", recipe("ii", ""));
    await install(["ii"], w.opts());
    w.writeRecipe("ii", recipe("ii", 'fn is_installed() { throw "broken"; }'));
    await expect(install(["ii"], w.opts())).rejects.toThrow(/ii: is_installed\(\) failed.*broken/);
  });
});

describe("attacker 8 L2: a failed check_update() is not 'up to date'", () => {
  it.each([
    [
      "cu",
      'fn check_update() { throw "cannot reach upstream"; }',
      /check_update\(\) failed: .*cannot reach upstream/,
    ],
    ["cu2", "fn check_update() { 42 }", /check_update\(\) returned 42, not a version string/],
  ])("%s: error set, no update claimed", async (name, fn, said) => {
    w = makeWorld();
    w.writeRecipe(name, recipe(name, fn));
    await install([name], w.opts());
    const [u] = checkUpdates([name], w.opts());
    expect(u?.updateAvailable).toBe(false);
    expect(u?.error).toMatch(said);
  });

  it("a check that answers has no error", async () => {
    w = makeWorld();
    w.writeRecipe("ok", recipe("ok", 'fn check_update() { "2.0" }'));
    await install(["ok"], w.opts());
    const [u] = checkUpdates(["ok"], w.opts());
    expect(u).toMatchObject({ upstream: "2.0", updateAvailable: true });
    expect(u?.error).toBeUndefined();
  });
});

describe("attacker 8 L3: recipe --json prints a JSON error on stdout when it fails", () => {
  it.each([
    [["info", "nosuch"], 1, /no recipe named "nosuch"/],
    [["install", "BAD NAME"], 2, /bad recipe name "BAD NAME"/],
  ])(
    "recipe %j --json: exit %i, {ok: false, errors} on stdout",
    (args, code, said) => {
      w = makeWorld();
      const r = runCli("recipe", [...args, "--json", "--recipes", w.recipes, "--root", w.root]);
      expect(r.status).toBe(code);
      const doc = JSON.parse(r.stdout) as { ok: boolean; errors: string[] };
      expect(doc.ok).toBe(false);
      expect(doc.errors[0]).toMatch(said);
    },
    60_000,
  );
});
