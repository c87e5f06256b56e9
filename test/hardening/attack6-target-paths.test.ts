import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkInstallTarget } from "../../tools/installTarget.js";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "attack6-target-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Attack 6 M1/L1: a target the install could never create (a 300-byte name, 25 levels of 200
 * bytes, a path below a regular file) passed validation, and the plan erased the disk before it
 * failed at "Create TARGET"; the dry run accepted targets the real run refused. These are now
 * refused by the dry run and the real run alike, before anything runs.
 */
describe("a target that can never be created or used is refused before the disk is touched (attack 6 M1, L1)", () => {
  const afile = join(dir, "afile");
  writeFileSync(afile, "x\n");

  it.each([
    ["a 300-byte name", join(dir, "y".repeat(300)), /has a name of 300 bytes.*at most 255 bytes/],
    [
      "25 names of 200 bytes",
      join(dir, ...Array(25).fill("z".repeat(200))),
      /EFI staging directory.*over 255 bytes/,
    ],
    [
      "3 names of 100 bytes (its ESP staging name is too long)",
      join(dir, ...Array(3).fill("w".repeat(100))),
      /EFI staging directory/,
    ],
    ["a path below a regular file", join(afile, "sub"), /cannot be created: .*afile is not a directory/],
    ["a regular file, even for a dry run", afile, /afile is not a directory/],
  ])("%s", (_what, target, why) => {
    for (const requireEmpty of [false, true]) {
      const bad = checkInstallTarget(target, { requireEmpty });
      expect(bad?.message, `requireEmpty ${requireEmpty}`).toMatch(why);
      expect(bad?.hint).toMatch(/\/mnt/);
    }
  });

  it("ordinary targets still pass: a new directory below an empty one, a path of 150 bytes", () => {
    expect(checkInstallTarget(join(dir, "new", "root"), { requireEmpty: true })).toBeUndefined();
    expect(checkInstallTarget(join(dir, "a".repeat(100), "b".repeat(20)))).toBeUndefined();
  });

  const facts = join(dir, "facts.json");
  writeFileSync(
    facts,
    JSON.stringify({
      mode: "live",
      firmware: "uefi",
      filesystems: ["ext4", "xfs", "vfat"],
      disks: [
        {
          path: "/dev/attack6disk",
          sizeBytes: 8589934592,
          model: "Test Disk",
          transport: "unknown",
          freeBytes: 0,
          partitions: [],
        },
      ],
      users: ["root"],
      recipes: ["ripgrep"],
      installed: [],
    }),
  );
  const dryRun = (target: string) => {
    const plan = join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(
      plan,
      JSON.stringify({
        version: 1,
        mode: "live",
        target,
        steps: [
          { tool: "partitionDisk", args: { disk: "/dev/attack6disk" } },
          {
            tool: "createUser",
            args: { username: "bob", passwordHash: `$6$saltsalt$${"a".repeat(86)}`, sudo: true },
          },
        ],
      }),
    );
    return spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(ROOT, "cli/levitate.ts"),
        "install",
        "--plan",
        plan,
        "--facts",
        facts,
        "--dry-run",
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
    );
  };

  it("the dry run refuses a target below a file, and warns where the real run would refuse a directory with files", () => {
    const below = dryRun(join(afile, "sub"));
    expect(below.status).toBe(1);
    expect(below.stderr).toMatch(/1 error, nothing was run[\s\S]*afile is not a directory/);
    expect(below.stdout).not.toMatch(/DESTROYS|Create /);

    const full = join(dir, "full");
    mkdirSync(full);
    writeFileSync(join(full, "precious"), "x");
    const r = dryRun(full);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /warning: a real run on this machine would refuse the target: .*full is not empty/,
    );
  }, 120_000);
});
