import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { storageFullCode } from "../../recipe/noSpace.js";
import { restoreBackup } from "../../recipe/restoreBackup.js";
import { describeRoot } from "../helpers/env.js";

/**
 * Attacker 7 L8: ENOSPC during `recipe install` said only "ENOSPC: no space left on device,
 * write": no path, no word that nothing changed. Depending on where the disk filled up, an empty
 * lock (the next install waited on it), an empty journal or a `.tool.recipe-backup` link was left
 * behind. Now: one line naming the full filesystem and its mount point, that nothing was
 * installed, and what to do; exit 1; nothing left but what was there before.
 */

describe("a backup link over a file that was never replaced", () => {
  it("is dropped, not left beside it (rename(2) of two links to one file does nothing)", () => {
    const dir = mkdtempSync(join(tmpdir(), "attack7-backup-"));
    try {
      writeFileSync(join(dir, "tool"), "USERFILE\n");
      linkSync(join(dir, "tool"), join(dir, ".tool.recipe-backup"));
      restoreBackup(join(dir, ".tool.recipe-backup"), join(dir, "tool"));
      expect(readdirSync(dir)).toEqual(["tool"]);
      expect(readFileSync(join(dir, "tool"), "utf8")).toBe("USERFILE\n");
      // A replaced file still gets its old content back.
      linkSync(join(dir, "tool"), join(dir, ".tool.recipe-backup"));
      rmSync(join(dir, "tool"));
      writeFileSync(join(dir, "tool"), "NEW\n");
      restoreBackup(join(dir, ".tool.recipe-backup"), join(dir, "tool"));
      expect(readdirSync(dir)).toEqual(["tool"]);
      expect(readFileSync(join(dir, "tool"), "utf8")).toBe("USERFILE\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("storage-full errors are told from others, also wrapped in a helper's message", () => {
    expect(storageFullCode(Object.assign(new Error("x"), { code: "ENOSPC" }))).toBe("ENOSPC");
    expect(storageFullCode(new Error("tool: install_bin(): ENOSPC: no space left on device, write"))).toBe(
      "ENOSPC",
    );
    expect(
      storageFullCode(new Error("y", { cause: Object.assign(new Error("q"), { code: "EDQUOT" }) })),
    ).toBe("EDQUOT");
    expect(storageFullCode(new Error("ENOENT: no such file"))).toBeUndefined();
  });
});

describeRoot("recipe install on a full filesystem (tmpfs)", ["mount", "umount", "tar", "gzip"], () => {
  let dir: string;
  let mnt: string;
  let recipes: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "attack7-nospace-"));
    mnt = join(dir, "root");
    recipes = join(dir, "rec");
    mkdirSync(mnt);
    mkdirSync(recipes);
    mkdirSync(join(dir, "src/tool-1.0"), { recursive: true });
    writeFileSync(join(dir, "src/tool-1.0/tool"), "#!/bin/sh\necho tool\n", { mode: 0o755 });
    execFileSync("tar", ["-C", join(dir, "src"), "-czf", join(dir, "tool-1.0.tar.gz"), "tool-1.0"]);
    const sha = createHash("sha256")
      .update(readFileSync(join(dir, "tool-1.0.tar.gz")))
      .digest("hex");
    writeFileSync(
      join(recipes, "tool.rhai"),
      [
        `let pkg = #{ name: "tool", version: "1.0", description: "t", deps: [] };`,
        "let installed = false;",
        "let installed_version = ();",
        "let installed_files = [];",
        "let installed_at = ();",
        "fn install() {",
        `    download("file://${dir}/tool-1.0.tar.gz", "sha256:${sha}");`,
        `    extract("tar.gz");`,
        `    install_bin("tool");`,
        "}",
        "",
      ].join("\n"),
    );
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt]);
    mkdirSync(join(mnt, "usr/local/bin"), { recursive: true });
    mkdirSync(join(mnt, "etc/recipes"), { recursive: true });
    writeFileSync(join(mnt, "usr/local/bin/tool"), "USERFILE\n");
  });
  afterAll(() => {
    execFileSync("umount", [mnt]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Fills the root a page at a time, then frees `pages` of them. */
  function leaveFree(pages: number): void {
    rmSync(join(mnt, "fill"), { recursive: true, force: true });
    mkdirSync(join(mnt, "fill"));
    const page = Buffer.alloc(4096, 0x61);
    let n = 0;
    for (;;) {
      try {
        writeFileSync(join(mnt, "fill", String(n)), page);
        n++;
      } catch {
        rmSync(join(mnt, "fill", String(n)), { force: true });
        break;
      }
    }
    for (let i = 1; i <= pages; i++) rmSync(join(mnt, "fill", String(n - i)), { force: true });
  }

  const files = () =>
    (readdirSync(mnt, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
      .filter((e) => !e.isDirectory())
      .map((e) => relative(mnt, join(e.parentPath, e.name)))
      .filter((f) => !f.startsWith("fill/"))
      .sort();

  it("at every point it can fill up: the full filesystem named, nothing left, the user's file kept", async () => {
    for (const pages of [0, 1, 2, 3, 4]) {
      leaveFree(pages);
      const err = await install(["tool"], {
        root: mnt,
        recipeDirs: [recipes],
        cacheDir: join(dir, "cache"),
        lockTimeoutMs: 2000,
      }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message, `${pages} pages free`).toMatch(
        new RegExp(
          `^no space left on device \\(ENOSPC\\) on the root ${mnt} \\(tmpfs mounted at ${mnt}, \\d+ (bytes|KiB) free\\): nothing was installed`,
        ),
      );
      expect(err?.message).toContain(`free space on ${mnt}`);
      expect(files(), `${pages} pages free`).toEqual(["usr/local/bin/tool"]);
      expect(readFileSync(join(mnt, "usr/local/bin/tool"), "utf8")).toBe("USERFILE\n");
    }
  }, 120_000);

  it("the CLI prints that one line and exits 1, and the next install with room goes through at once", async () => {
    leaveFree(0);
    const r = await execa(
      "npx",
      [
        "tsx",
        "cli/recipe.ts",
        "install",
        "tool",
        "--root",
        mnt,
        "--recipes",
        recipes,
        "--cache",
        join(dir, "cache"),
        "--no-progress",
      ],
      { reject: false },
    );
    expect(r.exitCode).toBe(1);
    const lines = r.stderr
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("  ·") && !l.startsWith("==>"));
    expect(lines.filter((l) => !l.includes("rolling back"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/no space left on device \(ENOSPC\) on the root .*: nothing was installed/);
    rmSync(join(mnt, "fill"), { recursive: true, force: true });
    const t = Date.now();
    await install(["tool"], { root: mnt, recipeDirs: [recipes], cacheDir: join(dir, "cache"), force: true });
    // No empty lock was left for this install to wait on.
    expect(Date.now() - t).toBeLessThan(5000);
    expect(readFileSync(join(mnt, "usr/local/bin/tool"), "utf8")).toContain("echo tool");
  }, 180_000);
});
