import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RecipeRun } from "../../recipe/helpers.js";

function run(root: string): RecipeRun {
  const buildDir = mkdtempSync(join(tmpdir(), "recipe-build-"));
  return new RecipeRun({
    recipe: "linker",
    root,
    buildDir,
    dryRun: false,
    download: { mirrors: [], cacheDir: join(buildDir, "cache") } as never,
    arch: "x86_64",
  });
}

describe("install_link replaces the link itself, never what an existing link points to", () => {
  it("re-linking over an earlier link to a file works, and the file stays", () => {
    const root = mkdtempSync(join(tmpdir(), "recipe-root-"));
    mkdirSync(join(root, "opt/a"), { recursive: true });
    writeFileSync(join(root, "opt/a/tool"), "binary\n");
    mkdirSync(join(root, "usr/local/bin"), { recursive: true });
    symlinkSync("/opt/a/tool", join(root, "usr/local/bin/tool"));
    run(root).installLink("/opt/b/tool", "/usr/local/bin/tool");
    expect(readlinkSync(join(root, "usr/local/bin/tool"))).toBe("/opt/b/tool");
    expect(lstatSync(join(root, "opt/a/tool")).isFile()).toBe(true);
  });

  it("an earlier dangling link is replaced where it is, not followed to create a link at its target", () => {
    const root = mkdtempSync(join(tmpdir(), "recipe-root-"));
    mkdirSync(join(root, "usr/local/bin"), { recursive: true });
    symlinkSync("/opt/gone/tool", join(root, "usr/local/bin/tool"));
    const r = run(root);
    r.installLink("/opt/new/tool", "/usr/local/bin/tool");
    expect(readlinkSync(join(root, "usr/local/bin/tool"))).toBe("/opt/new/tool");
    expect(existsSync(join(root, "opt"))).toBe(false);
    expect(r.installed).toEqual(["/usr/local/bin/tool"]);
  });
});
