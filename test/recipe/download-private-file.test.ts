/**
 * Attacker 25 L1: `download("file:///etc/shadow")` then install_lib() put a root-only host file into
 * the target world-readable (and into the cache). A file:// source not readable by everyone is
 * refused; a public one still works.
 */
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { makeWorld, recipe, type World } from "./fixture.js";

let w: World;
beforeEach(() => {
  w = makeWorld();
});
afterEach(() => w.cleanup());

function withSource(mode: number): string {
  const f = join(w.mirror, "secret.txt");
  writeFileSync(f, "secret\n");
  chmodSync(f, mode);
  w.writeRecipe("leak", recipe("leak", `    let f = download("file://${f}");\n    install_lib(f);`));
  return f;
}

describe("download(file://) of a file not everyone may read", () => {
  it.each([0o600, 0o640])("mode %o is refused, and nothing is installed", async (mode) => {
    const f = withSource(mode);
    await expect(install(["leak"], w.opts())).rejects.toThrow(`${f} is not readable by everyone`);
    expect(existsSync(join(w.root, "usr/local/lib/secret.txt"))).toBe(false);
  });

  it("a world-readable file is downloaded and installed as before", async () => {
    withSource(0o644);
    await install(["leak"], w.opts());
    expect(existsSync(join(w.root, "usr/local/lib/secret.txt"))).toBe(true);
  });
});
