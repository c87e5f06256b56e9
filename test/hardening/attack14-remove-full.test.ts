import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install, remove } from "../../recipe/api.js";
import { RecipeLock } from "../../recipe/lock.js";
import { describeRoot } from "../helpers/env.js";

/**
 * Attacker 14 M2: on a full root, `recipe remove` (the usual way out of a full disk) failed with a
 * bare "ENOSPC: no space left on device, write": its lock file could not hold its text. A
 * read-only root said "EROFS: read-only file system, open '…/tool.rhai.lock'". Now a lock that
 * cannot be written is taken as a short symbolic link (its target lives in the inode), the remove
 * frees the space, and a read-only root is named with the remount to do.
 */

describe("a lock taken as a link", () => {
  it("is read as held by its process, released by it, and a stranger's link is still refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "attack14-linklock-"));
    try {
      const file = join(dir, "tool.rhai");
      // What a lock taken on a full disk looks like, written by a process that is alive (this one).
      execFileSync("ln", ["-s", `recipe-lock:${process.pid} ${hostname()}`, `${file}.lock`]);
      expect(RecipeLock.tryAcquire(file), "a live link lock is held").toBeUndefined();
      // A dead process's link lock is stale and taken over.
      rmSync(`${file}.lock`);
      execFileSync("ln", ["-s", `recipe-lock:999999999 ${hostname()}`, `${file}.lock`]);
      const lock = RecipeLock.tryAcquire(file);
      expect(lock, "a dead process's link lock is broken").toBeDefined();
      lock?.release();
      expect(readdirSync(dir)).toEqual([]);
      // Any other link where the lock goes is not ours: refused, never followed.
      execFileSync("ln", ["-s", "/etc/passwd", `${file}.lock`]);
      await expect(RecipeLock.acquire(file, { timeoutMs: 500 })).rejects.toThrow(
        /is a symbolic link, not a lock file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeRoot(
  "recipe remove on a full or read-only ext4 root",
  ["mkfs.ext4", "losetup", "mount", "umount", "tar"],
  () => {
    let dir: string;
    let mnt: string;
    let recipes: string;
    let loop: string;
    const opts = () => ({
      root: mnt,
      recipeDirs: [recipes],
      cacheDir: join(dir, "cache"),
      lockTimeoutMs: 2000,
    });
    const state = () => readFileSync(join(mnt, "etc/recipes/tool.rhai"), "utf8");

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "attack14-full-"));
      mnt = join(dir, "root");
      recipes = join(dir, "rec");
      mkdirSync(mnt);
      mkdirSync(recipes);
      mkdirSync(join(dir, "src/tool-1.0"), { recursive: true });
      // Bigger than one block, so its removal frees what the state's rewrite needs.
      writeFileSync(join(dir, "src/tool-1.0/tool"), `#!/bin/sh\n# ${"x".repeat(9000)}\necho tool\n`, {
        mode: 0o755,
      });
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
      const img = join(dir, "root.img");
      execFileSync("truncate", ["-s", "8M", img]);
      execFileSync("mkfs.ext4", ["-q", "-F", img]);
      loop = execFileSync("losetup", ["-f", "--show", img], { encoding: "utf8" }).trim();
      execFileSync("mount", [loop, mnt]);
    });
    afterAll(() => {
      try {
        execFileSync("umount", [mnt]);
      } finally {
        execFileSync("losetup", ["-d", loop]);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    /** Fills the root to the last byte, root's reserved blocks included (we are root). */
    function fill(): void {
      mkdirSync(join(mnt, "fill"), { recursive: true });
      try {
        execFileSync("dd", ["if=/dev/zero", `of=${join(mnt, "fill/big")}`, "bs=1M"], { stdio: "ignore" });
      } catch {
        // Full: what we wanted.
      }
      for (let i = 0; ; i++) {
        try {
          writeFileSync(join(mnt, "fill", `s${i}`), Buffer.alloc(1024, 0x61));
        } catch {
          break;
        }
      }
    }

    it("removes the recipe from a full root and writes its state", async () => {
      await install(["tool"], opts());
      expect(existsSync(join(mnt, "usr/local/bin/tool"))).toBe(true);
      fill();
      // The root really is full: a one-byte file cannot be written.
      expect(() => writeFileSync(join(mnt, "probe"), "x")).toThrow(/ENOSPC/);
      rmSync(join(mnt, "probe"), { force: true });
      await remove(["tool"], opts());
      expect(existsSync(join(mnt, "usr/local/bin/tool"))).toBe(false);
      expect(state()).toMatch(/let installed = false;/);
      expect(readdirSync(join(mnt, "etc/recipes")).filter((f) => f.endsWith(".lock"))).toEqual([]);
      rmSync(join(mnt, "fill"), { recursive: true, force: true });
    }, 120_000);

    it("a read-only root: one line naming the mount and the remount, exit 1, nothing changed", async () => {
      await install(["tool"], opts());
      execFileSync("mount", ["-o", "remount,ro", mnt]);
      try {
        const r = await execa(
          "npx",
          ["tsx", "cli/recipe.ts", "remove", "tool", "--root", mnt, "--recipes", recipes, "--no-progress"],
          { reject: false },
        );
        expect(r.exitCode).toBe(1);
        expect(r.stderr).toContain(
          `read-only file system (EROFS) at ${mnt} (${loop}): nothing was removed; mount it read-write (mount -o remount,rw ${mnt})`,
        );
        expect(r.stderr).not.toMatch(/^EROFS/m);
        expect(existsSync(join(mnt, "usr/local/bin/tool"))).toBe(true);
        expect(state()).toMatch(/let installed = true;/);
      } finally {
        execFileSync("mount", ["-o", "remount,rw", mnt]);
      }
    }, 120_000);
  },
);
