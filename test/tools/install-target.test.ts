import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkInstallTarget, mountpointsOf } from "../../tools/installTarget.js";

const ROOT = join(import.meta.dirname, "../..");
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

describe("checkInstallTarget: a live install goes into an empty directory or a mountpoint, never the system", () => {
  it.each(["/", "//", "/mnt/..", "/./", "/etc", "/etc/new", "/usr/local", "/var", "/boot", "/home", "/tmp"])(
    "refuses %s",
    (t) => {
      expect(checkInstallTarget(t)?.message).toMatch(/root|system directory/);
    },
  );

  it("refuses a link that resolves to /etc, naming where it leads", () => {
    const d = tmp("target-link-");
    symlinkSync("/etc", join(d, "t"));
    expect(checkInstallTarget(join(d, "t"))?.message).toContain("(/etc)");
  });

  it("accepts /mnt, an empty directory and one that does not exist yet", () => {
    expect(checkInstallTarget("/mnt")).toBeUndefined();
    expect(checkInstallTarget(tmp("target-empty-"), { requireEmpty: true })).toBeUndefined();
    expect(checkInstallTarget(join(tmp("target-parent-"), "new"), { requireEmpty: true })).toBeUndefined();
  });

  it("a real run refuses a directory with files that is not a mountpoint, and a file", () => {
    const d = tmp("target-full-");
    writeFileSync(join(d, "precious"), "x");
    expect(checkInstallTarget(d, { requireEmpty: true, mountinfo: "" })?.message).toContain(
      "not empty and not a mountpoint",
    );
    // A dry run checks the path only.
    expect(checkInstallTarget(d)).toBeUndefined();
    expect(checkInstallTarget(join(d, "precious"), { requireEmpty: true })?.message).toContain(
      "not a directory",
    );
  });

  it("a mountpoint with files is fine (mountinfo decoded)", () => {
    const d = tmp("target mnt-");
    mkdirSync(join(d, "lost+found"));
    const line = `36 35 98:0 / ${d.replace(/ /g, "\\040")} rw,noatime master:1 - ext3 /dev/root rw`;
    expect(mountpointsOf(line).has(d)).toBe(true);
    expect(checkInstallTarget(d, { requireEmpty: true, mountinfo: line })).toBeUndefined();
  });
});

describe("levitate install --plan refuses such a target before anything is shown", () => {
  it("--target // --dry-run: exit 1 naming the target", () => {
    const dir = tmp("target-plan-");
    const plan = join(dir, "plan.json");
    writeFileSync(
      plan,
      JSON.stringify({
        version: 1,
        mode: "live",
        steps: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } }],
      }),
    );
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(ROOT, "cli/levitate.ts"),
        "install",
        "--plan",
        plan,
        "--facts",
        join(ROOT, "test/agent/fixtures/live-two-disks.json"),
        "--target",
        "//",
        "--dry-run",
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 90_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("target // (/) is the running system's root");
    expect(r.stdout).not.toContain("Steps");
  }, 120_000);
});
