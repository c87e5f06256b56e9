import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { ROCKY_RPM_DBPATH } from "../../recipe/rpmdb.js";
import { BASE_PACKAGES, type FaultRig } from "./faultRig.js";

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/**
 * The checks of a finished install on the rig's disk, as the installed-disk tests make them from
 * outside: fstab by the new filesystems' UUIDs, the plan's user, password hash and hostname,
 * GRUB's core and menu, the recipe's binary, a whole package database that verifies, the log's
 * end, and nothing left of the earlier, killed install's root (its %post marker).
 */
export function expectCompleteInstall(rig: FaultRig, loop: string, out: string): void {
  expect(out).toMatch(/Done: \d+ steps/);
  const read = (p: string) => readFileSync(join(rig.target, p), "utf8");
  const uuid = (n: number) => sh("blkid", ["-c", "/dev/null", "-s", "UUID", "-o", "value", `${loop}p${n}`]);
  expect(read("etc/fstab")).toContain(`UUID=${uuid(2)} / ext4 defaults 0 1`);
  expect(read("etc/fstab")).toContain(`UUID=${uuid(1)} /boot ext4`);
  expect(read("etc/passwd")).toMatch(/^vince:x:1000:1000:/m);
  expect(
    read("etc/shadow")
      .split("\n")
      .find((l) => l.startsWith("vince:"))
      ?.split(":")[1],
  ).toBe(rig.passwordHash);
  expect(read("etc/hostname")).toBe("atlas\n");
  expect(read("boot/grub/grub.cfg")).toContain(`root=UUID=${uuid(2)}`);
  expect(existsSync(join(rig.target, "boot/grub/i386-pc/core.img"))).toBe(true);
  expect(read("usr/local/bin/hello")).toContain("hello from levitate");
  // A fresh filesystem: nothing of the killed install's root is left.
  expect(existsSync(join(rig.target, "slowpost-started"))).toBe(false);
  // The package database is whole: rpm reads it and lists the base.
  // (at Rocky 10's dbpath, where the installed system's rpm looks; Debian's rpm defaults elsewhere)
  const rpm = (...args: string[]) => sh("rpm", ["--root", rig.target, "--dbpath", ROCKY_RPM_DBPATH, ...args]);
  expect(rpm("-qa", "--qf", "%{NAME}\\n").split("\n").sort()).toEqual([...BASE_PACKAGES].sort());
  // Files no later step edits verify against the database (setup's /etc/passwd is edited by useradd).
  rpm("-V", "kernel", "slowpost");
  expect(read("var/log/levitate-install.log")).toContain('"event":"end","ok":true');
}
