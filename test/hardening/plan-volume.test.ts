import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fetchPlan, planMountOptions } from "../../agent/unattended/source.js";
import { checkInstallTarget } from "../../tools/installTarget.js";
import { describeRoot } from "../helpers/env.js";

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/**
 * Attack L1: a link on the plan volume was followed off it (rel.json -> ../../../../etc/passwd,
 * shadow.json -> /etc/shadow were read as the plan), and the volume was mounted `ro` only.
 * Attack L2: a plan could target the live medium or the installer's staging tree.
 */
describeRoot(
  "the plan volume: links stay on it, mounted inert (L1); live-system targets refused (L2)",
  ["losetup", "mkfs.ext4", "mkfs.vfat", "blkid", "mount"],
  () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-planvol-"));
    const label = `PL${process.pid % 100000}`;
    const loops: string[] = [];
    let ext4 = "";
    beforeAll(() => {
      const img = join(work, "plans.img");
      sh("truncate", ["-s", "64M", img]);
      sh("mkfs.ext4", ["-q", "-L", label, img]);
      ext4 = sh("losetup", ["--find", "--show", img]);
      loops.push(ext4);
      const m = join(work, "m");
      mkdirSync(m);
      sh("mount", [ext4, m]);
      try {
        writeFileSync(join(m, "ok.json"), '{"version":1}\n');
        symlinkSync("ok.json", join(m, "alias.json"));
        symlinkSync("../../../../etc/passwd", join(m, "rel.json"));
        symlinkSync("/etc/shadow", join(m, "shadow.json"));
      } finally {
        sh("umount", [m]);
      }
    });
    afterAll(() => {
      for (const l of loops) execFileSync("losetup", ["-d", l], { stdio: "ignore" });
      rmSync(work, { recursive: true, force: true });
    });
    const opts = { waitMs: 5000, pollMs: 200, mountBase: work };

    it("a link off the volume (relative or absolute) is refused without reading what it points to", async () => {
      for (const path of ["/rel.json", "/shadow.json"]) {
        const err = await fetchPlan({ kind: "label", label, path }, opts).then(
          () => "read",
          (e: Error) => e.message,
        );
        expect(err).toContain(`${path} on ${ext4} (label ${label}) is a link that leads off the volume`);
      }
    }, 60_000);

    it("the plan itself, and a link to it on the volume, are read", async () => {
      expect(await fetchPlan({ kind: "label", label, path: "/ok.json" }, opts)).toBe('{"version":1}\n');
      expect(await fetchPlan({ kind: "label", label, path: "/alias.json" }, opts)).toBe('{"version":1}\n');
    }, 60_000);

    it("mounted read-only, nosuid, nodev, noexec; ext4 with noload (no journal replay)", async () => {
      expect(await planMountOptions(ext4)).toBe("ro,nosuid,nodev,noexec,noload");
      const fatImg = join(work, "fat.img");
      sh("truncate", ["-s", "16M", fatImg]);
      sh("mkfs.vfat", [fatImg]);
      const fat = sh("losetup", ["--find", "--show", fatImg]);
      loops.push(fat);
      expect(await planMountOptions(fat)).toBe("ro,nosuid,nodev,noexec");
    });

    it("targets on the live medium or the installer's staging tree are refused (L2)", () => {
      for (const t of [
        "/run/initramfs/live",
        "/run/initramfs/live/x",
        "/run/levitate-install",
        "/run/levitate-install/t",
        "/run/archiso/bootmnt",
      ])
        expect(checkInstallTarget(t)?.message, t).toMatch(
          /system directory \/run\/(initramfs|levitate-install|archiso)/,
        );
      for (const t of ["/run/levitate", "/run/levitate/unattended"])
        expect(checkInstallTarget(t)?.message, t).toMatch(/system directory \/run\/levitate$/);
      expect(checkInstallTarget("/tmp/levitate-plan-x")?.message).toMatch(/the plan volume's mountpoint/);
      expect(checkInstallTarget("/mnt/new")).toBeUndefined();
    });
  },
);
