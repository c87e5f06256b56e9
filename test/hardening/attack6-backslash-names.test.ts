/**
 * Attack 6 L9: "\" was read as a path separator: a build file `d/a b\c` was looked up as
 * `d/a b/c` by install_to_dir (ENOENT, rolled back), a name `a\..\..\tmp\x` was refused as
 * "outside the build directory", and a tar entry `a\b` was extracted as `a/b`. On Linux "\" is an
 * ordinary character of a file name: such files install under their own names, inside the target.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { extractArchive } from "../../recipe/extract.js";
import { resolveConfined } from "../../recipe/paths.js";
import { rawTar } from "../recipe/archives.js";
import { makeWorld, recipe, type World } from "../recipe/fixture.js";

describe("a backslash in a file name is part of the name (attack 6 L9)", () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
  });
  afterEach(() => w.cleanup());

  it("install_to_dir installs `a b\\c` and `a\\..\\..\\tmp\\x` under those names, inside the target", async () => {
    w.writeRecipe(
      "bs",
      recipe(
        "bs",
        `run(["sh", "-c", "cd \\"$RECIPE_BUILD_DIR\\" && mkdir -p d && printf w > 'd/a b\\\\c' && printf v > 'd/a\\\\..\\\\..\\\\tmp\\\\x'"]);
install_to_dir("d/*", "/usr/local/share/x");`,
      ),
    );
    await install(["bs"], w.opts());
    const dir = join(w.root, "usr/local/share/x");
    expect(readdirSync(dir).sort()).toEqual(["a b\\c", "a\\..\\..\\tmp\\x"]);
    expect(readFileSync(join(dir, "a b\\c"), "utf8")).toBe("w");
    expect(readFileSync(join(w.root, "etc/recipes/bs.rhai"), "utf8")).toContain("a b\\\\c");
  });

  it("the confined resolver keeps such a name as one component", () => {
    const root = join(w.dir, "r");
    expect(resolveConfined(root, "a\\..\\..\\etc", "strict")).toBe(join(root, "a\\..\\..\\etc"));
    expect(resolveConfined(root, "/x/\\..\\y", "chroot")).toBe(join(root, "x", "\\..\\y"));
  });
});

describe("a tar entry holding a backslash keeps it; a zip's is still a separator (attack 6 L9)", () => {
  const dir = mkdtempSync(join(tmpdir(), "attack6-bs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("tar: `d/a\\b` is one file `a\\b` in d", () => {
    const tar = join(dir, "t.tar");
    writeFileSync(tar, rawTar([{ type: "file", path: "d/a\\b", content: "x" }]));
    const dest = join(dir, "out");
    extractArchive(tar, "tar", dest);
    expect(readFileSync(join(dest, "d", "a\\b"), "utf8")).toBe("x");
    expect(existsSync(join(dest, "d", "a"))).toBe(false);
  });
  it("tar: `..\\x` is a name, not a climb; `../x` is still refused", () => {
    const ok = join(dir, "ok.tar");
    writeFileSync(ok, rawTar([{ type: "file", path: "..\\x", content: "y" }]));
    extractArchive(ok, "tar", join(dir, "out2"));
    expect(readFileSync(join(dir, "out2", "..\\x"), "utf8")).toBe("y");
    const bad = join(dir, "bad.tar");
    writeFileSync(bad, rawTar([{ type: "file", path: "../x", content: "y" }]));
    mkdirSync(join(dir, "out3"));
    expect(() => extractArchive(bad, "tar", join(dir, "out3"))).toThrow(/climbs out/);
  });
});
