import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HelperError, RecipeRun } from "../../recipe/helpers.js";

function setup(): { root: string; r: RecipeRun } {
  const root = mkdtempSync(join(tmpdir(), "recipe-root-"));
  const buildDir = mkdtempSync(join(tmpdir(), "recipe-build-"));
  mkdirSync(join(buildDir, "doc"), { recursive: true });
  writeFileSync(join(buildDir, "tool"), "binary\n");
  writeFileSync(join(buildDir, "doc/tool.1"), "man\n");
  const r = new RecipeRun({
    recipe: "names",
    root,
    buildDir,
    dryRun: false,
    download: { mirrors: [], cacheDir: join(buildDir, "cache") } as never,
    arch: "x86_64",
  });
  return { root, r };
}

/** Every file under `dir`, relative to it. */
function tree(dir: string, pre = ""): string[] {
  return readdirSync(join(dir, pre), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tree(dir, join(pre, e.name)) : [join(pre, e.name)],
  );
}

describe("helpers that take a file name refuse names that would leave their directory", () => {
  it.each([["../x"], ["../../etc/x"], ["/etc/x"], ["a/b"], [".."], ["."]])(
    "install_bin(src, %j) is refused and nothing is written",
    (name) => {
      const { root, r } = setup();
      expect(() => r.installBin("tool", name)).toThrow(HelperError);
      expect(() => r.installBin("tool", name)).toThrow(/install_bin: name .* must be a plain file name/);
      expect(tree(root)).toEqual([]);
    },
  );

  it("install_bin with a plain name installs under /usr/local/bin", () => {
    const { root, r } = setup();
    r.installBin("tool", "tool2");
    expect(existsSync(join(root, "usr/local/bin/tool2"))).toBe(true);
  });

  it("install_lib and install_man refuse a source that does not end in a file name", () => {
    const { root, r } = setup();
    expect(() => r.installLib("doc/..")).toThrow(/install_lib\("doc\/\.\."\): .* name the file itself/);
    expect(() => r.installLib("doc/")).toThrow(/install_lib/);
    expect(() => r.installMan("doc/..")).toThrow(/install_man/);
    expect(tree(root)).toEqual([]);
  });

  it.each([["/usr/local/share/../../../etc"], ["/usr/share/.."], ["usr/share/x"]])(
    "install_to_dir(glob, %j) is refused and nothing is written",
    (dir) => {
      const { root, r } = setup();
      expect(() => r.installToDir("doc/*.1", dir)).toThrow(/install_to_dir: destination .* without "\.\."/);
      expect(tree(root)).toEqual([]);
    },
  );

  it("install_to_dir with a clean absolute directory installs there", () => {
    const { root, r } = setup();
    expect(r.installToDir("doc/*.1", "/usr/local/share/names")).toBe(1);
    expect(tree(root)).toEqual(["usr/local/share/names/tool.1"]);
  });
});
