import { afterEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { checkUpdates } from "../../recipe/updates.js";
import { compareVersions } from "../../recipe/versionOrder.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

// Attacker 25 L6 / attacker 24 F17: check_update()'s answer comes from a mirror or a web page.
// It is held to pkg.version's rule, and only a newer one is offered as an update.

let w: World | undefined;
afterEach(() => w?.cleanup());

async function answer(upstream: string) {
  w = makeWorld();
  const top = `fn check_update() { ${JSON.stringify(upstream)} }`;
  w.writeRecipe("cu", recipe("cu", '    run(["true"]);', { top }));
  await install(["cu"], w.opts());
  const [u] = checkUpdates(["cu"], w.opts());
  w.cleanup();
  w = undefined;
  return u;
}

describe("check_update() answers that are not versions are refused, named, never printed whole", () => {
  it.each([["../../x"], ["--force"], ["9.9\u001b[2J"], ["1.0 ; rm -rf /"], ["9".repeat(100_000)], ["/abs"]])(
    "%#: not a version: error, no update offered",
    async (v) => {
      const u = await answer(v);
      expect(u?.updateAvailable).toBe(false);
      expect(u?.upstream).toBeNull();
      expect(u?.error).toMatch(/check_update\(\) returned .*not a version/);
      expect(u?.error?.length).toBeLessThan(400);
      expect(u?.error).not.toContain("\u001b");
    },
  );

  it("a 100 000-character answer is named by its length", async () => {
    const u = await answer("9".repeat(100_000));
    expect(u?.error).toContain("100000 characters");
  });
});

describe("only a newer answer is an update", () => {
  it("an older answer is no update (no downgrade offered)", async () => {
    const u = await answer("0.1");
    expect(u).toMatchObject({ upstream: "0.1", updateAvailable: false });
    expect(u?.error).toBeUndefined();
  });
  it("the same version is no update", async () => {
    expect(await answer("1.0")).toMatchObject({ updateAvailable: false });
  });
  it("a newer one is", async () => {
    expect(await answer("1.10")).toMatchObject({ upstream: "1.10", updateAvailable: true });
    expect(await answer("2.0")).toMatchObject({ updateAvailable: true });
    expect(await answer("1.0.1")).toMatchObject({ updateAvailable: true });
  });
  it("a pre-release (~) of the same version is older", async () => {
    expect(await answer("1.0~rc1")).toMatchObject({ updateAvailable: false });
  });
});

describe("compareVersions follows rpm's order", () => {
  it.each([
    ["1.10", "1.9", 1],
    ["2", "10", -1],
    ["1.0~rc1", "1.0", -1],
    ["1.0", "1.0.1", -1],
    ["1.0a", "1.0", 1],
    ["1.a", "1.1", -1],
    ["14.1.1", "14.1.1", 0],
    ["007", "7", 0],
  ])("%s vs %s", (a, b, want) => {
    expect(Math.sign(compareVersions(a as string, b as string))).toBe(want);
  });
});
