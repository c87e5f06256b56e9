import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeDisk } from "../../facts/probe/disk-probe.js";
import { describeRoot } from "../helpers/env.js";
import { BIOS_BOOT_PART_MIB, FREE_MIB, OLD_LINUX_NAME, sha256Device } from "./alongsideImages.js";
import { type InstalledImage, installToImage } from "./installToImage.js";

const MiB = 1024 ** 2;
const LOGICAL_NAME = "Old Logical Linux 1.0";

function sh(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, {
    encoding: "utf8",
    input,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  }).trim();
}

/** A logical partition's node can lag behind `partx --update`: add it, and wait for it. */
function waitForNode(node: string, loop: string): void {
  const until = Date.now() + 10_000;
  while (!existsSync(node) && Date.now() < until) {
    try {
      execFileSync("partx", ["-a", loop], { stdio: "ignore" });
    } catch {
      // exit 1 when some partitions are known already: the others are added all the same
    }
    execFileSync("sleep", ["0.2"]);
  }
  if (!existsSync(node)) throw new Error(`${node} did not appear`);
}

function ext4With(device: string, label: string, name: string, work: string): void {
  const root = join(work, label);
  mkdirSync(join(root, "etc"), { recursive: true });
  writeFileSync(join(root, "etc/os-release"), `PRETTY_NAME="${name}"\nID=${label}\n`);
  writeFileSync(join(root, "notes.txt"), `${label}\n`.repeat(300));
  sh("mkfs.ext4", ["-q", "-F", "-L", label, "-d", root, device]);
}

/**
 * An MBR disk with a primary Linux, an extended partition holding a logical Linux, and free space
 * either inside the extended partition (`inside`) or after it.
 */
function buildLogicalImage(path: string, freeInside: boolean): void {
  const extMiB = freeInside ? 1 + 64 + BIOS_BOOT_PART_MIB + FREE_MIB + 8 : 1 + 64 + 1;
  const bytes = (1 + 64 + extMiB + (freeInside ? 0 : BIOS_BOOT_PART_MIB + FREE_MIB)) * MiB;
  writeFileSync(path, "");
  execFileSync("truncate", ["-s", String(bytes), path]);
  const loop = sh("losetup", ["--find", "--show", "--partscan", path]);
  const work = mkdtempSync(join(tmpdir(), "levitate-logical-"));
  try {
    sh(
      "sfdisk",
      ["-q", loop],
      `label: dos\n\nsize=64MiB, type=83\nsize=${extMiB}MiB, type=5\nstart=66MiB, size=64MiB, type=83\n`,
    );
    sh("partx", ["--update", loop]);
    waitForNode(`${loop}p5`, loop);
    ext4With(`${loop}p1`, "debian", OLD_LINUX_NAME, work);
    ext4With(`${loop}p5`, "logical", LOGICAL_NAME, work);
  } finally {
    execFileSync("losetup", ["-d", loop]);
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * MBR disks with logical partitions (issue 15): the probe reports the extended container and its
 * logical partitions at their places; free space inside the extended partition takes the install
 * as new logical partitions after the last one (sfdisk --append), the old partitions byte for byte
 * unchanged, fstab by the new UUIDs, GRUB (i386-pc) listing both old systems; free space after it
 * takes the install as primary partitions, the logical one untouched.
 */
describeRoot(
  "install alongside on an MBR disk with logical partitions",
  [
    "losetup",
    "sfdisk",
    "partx",
    "blkid",
    "mkfs.ext4",
    "debugfs",
    "grub-install",
    "rpm",
    "rpmbuild",
    "openssl",
  ],
  () => {
    describe("free space inside the extended partition", () => {
      let work = "";
      let loop = "";
      beforeAll(() => {
        work = mkdtempSync(join(tmpdir(), "levitate-logical-probe-"));
        buildLogicalImage(join(work, "disk.img"), true);
        loop = sh("losetup", ["--find", "--show", "--partscan", "--read-only", join(work, "disk.img")]);
        sh("partx", ["--update", loop]);
        waitForNode(`${loop}p5`, loop);
      }, 120_000);
      afterAll(() => {
        if (loop) execFileSync("losetup", ["-d", loop]);
        rmSync(work, { recursive: true, force: true });
      });

      it("the probe reports the primary, the extended container and the logical partition at their places", async () => {
        const disk = await probeDisk(loop);
        expect(disk.table).toBe("dos");
        expect(disk.freeBytes).toBe(0);
        expect(disk.partitions?.map((p) => [p.path, p.type, p.startBytes, p.fstype, p.os ?? null])).toEqual([
          [`${loop}p1`, "83", MiB, "ext4", OLD_LINUX_NAME],
          [`${loop}p2`, "5", 65 * MiB, null, null],
          [`${loop}p5`, "83", 66 * MiB, "ext4", LOGICAL_NAME],
        ]);
      });
    });

    describe("install into the extended partition's free space: logical partitions", () => {
      let inst: InstalledImage;
      const before: Record<string, string> = {};
      /** After the logical Linux (66-130 MiB) and the new partition's EBR MiB. */
      const bootStartMiB = 131;
      beforeAll(async () => {
        inst = await installToImage({
          firmware: "bios",
          filesystem: "ext4",
          imageBytes: MiB,
          prepareImage: (p) => {
            buildLogicalImage(p, true);
            const l = sh("losetup", ["--find", "--show", "--partscan", "--read-only", p]);
            try {
              sh("partx", ["--update", l]);
              waitForNode(`${l}p5`, l);
              for (const n of [1, 5]) before[n] = sha256Device(`${l}p${n}`);
            } finally {
              execFileSync("losetup", ["-d", l]);
            }
          },
          probeFacts: true,
          partitionArgs: { use: "free" },
        });
      }, 600_000);
      afterAll(async () => inst?.cleanup(), 120_000);

      it("exits 0, and the plan says the new partitions are logical ones in the extended partition", () => {
        expect(inst.stderr).toBe("");
        expect(inst.exitCode, inst.stdout.slice(-3000)).toBe(0);
        expect(inst.stdout).toContain(
          `the new partitions are logical ones inside the extended partition ${inst.loopDevice}p2, after its last logical partition (numbered from 6`,
        );
        expect(inst.stdout).not.toMatch(/wipefs/);
      });

      it("/boot and root are logical partitions 6 and 7 after the old logical one, each after its EBR's MiB; the old partitions keep their place and sha256", () => {
        const parts = (
          JSON.parse(sh("sfdisk", ["-J", inst.loopDevice])) as {
            partitiontable: { partitions: { node: string; start: number; size: number; type: string }[] };
          }
        ).partitiontable.partitions;
        const at = (n: number) => parts.find((p) => p.node === `${inst.loopDevice}p${n}`);
        const extEndMiB = 65 + 1 + 64 + BIOS_BOOT_PART_MIB + FREE_MIB + 8;
        expect(parts.map((p) => p.node)).toEqual([1, 2, 5, 6, 7].map((n) => `${inst.loopDevice}p${n}`));
        expect(at(1)).toMatchObject({ start: MiB / 512, size: (64 * MiB) / 512, type: "83" });
        expect(at(2)).toMatchObject({
          start: (65 * MiB) / 512,
          size: ((extEndMiB - 65) * MiB) / 512,
          type: "5",
        });
        expect(at(5)).toMatchObject({ start: (66 * MiB) / 512, size: (64 * MiB) / 512 });
        expect(at(6)).toMatchObject({
          start: (bootStartMiB * MiB) / 512,
          size: (BIOS_BOOT_PART_MIB * MiB) / 512,
          type: "83",
        });
        expect(at(7)).toMatchObject({
          start: ((bootStartMiB + BIOS_BOOT_PART_MIB + 1) * MiB) / 512,
          size: ((extEndMiB - (bootStartMiB + BIOS_BOOT_PART_MIB + 1)) * MiB) / 512,
          type: "83",
        });
        waitForNode(`${inst.loopDevice}p5`, inst.loopDevice);
        for (const n of [1, 5])
          expect(sha256Device(`${inst.loopDevice}p${n}`), `partition ${n}`).toBe(before[n]);
      });

      it("fstab mounts / and /boot by the UUIDs of the new logical partitions", () => {
        const uuid = (dev: string) => sh("blkid", ["-c", "/dev/null", "-s", "UUID", "-o", "value", dev]);
        const fstab = readFileSync(join(inst.target, "etc/fstab"), "utf8");
        expect(fstab).toMatch(new RegExp(`^UUID=${uuid(`${inst.loopDevice}p7`)}\\s+/\\s+ext4`, "m"));
        expect(fstab).toMatch(new RegExp(`^UUID=${uuid(`${inst.loopDevice}p6`)}\\s+/boot\\s`, "m"));
        expect(fstab).not.toContain(uuid(`${inst.loopDevice}p1`));
        expect(fstab).not.toContain(uuid(`${inst.loopDevice}p5`));
      });

      it("GRUB i386-pc: its boot code in the MBR, its menu lists the new system and both old Linuxes by UUID", () => {
        const mbr = execFileSync("head", ["-c", "440", inst.loopDevice]);
        expect(mbr.includes(Buffer.from("GRUB"))).toBe(true);
        const cfgPath = [
          join(inst.target, "boot/grub2/grub.cfg"),
          join(inst.target, "boot/grub/grub.cfg"),
        ].find(existsSync);
        const cfg = readFileSync(cfgPath as string, "utf8");
        const entries = [...cfg.matchAll(/^menuentry '([^']+)'/gm)].map((m) => m[1]);
        expect(entries.slice(1).sort()).toEqual([LOGICAL_NAME, OLD_LINUX_NAME].sort());
        for (const n of [1, 5]) {
          const uuid = sh("blkid", [
            "-c",
            "/dev/null",
            "-s",
            "UUID",
            "-o",
            "value",
            `${inst.loopDevice}p${n}`,
          ]);
          expect(cfg).toContain(`search --no-floppy --fs-uuid --set=root ${uuid}`);
        }
        expect(cfg).toContain("insmod part_msdos");
      });
    });

    describe("free space after the extended partition", () => {
      let inst: InstalledImage;
      const before: Record<string, string> = {};
      beforeAll(async () => {
        inst = await installToImage({
          firmware: "bios",
          filesystem: "ext4",
          imageBytes: MiB,
          prepareImage: (p) => {
            buildLogicalImage(p, false);
            const l = sh("losetup", ["--find", "--show", "--partscan", "--read-only", p]);
            try {
              sh("partx", ["--update", l]);
              waitForNode(`${l}p5`, l);
              for (const n of [1, 5]) before[n] = sha256Device(`${l}p${n}`);
            } finally {
              execFileSync("losetup", ["-d", l]);
            }
          },
          probeFacts: true,
          partitionArgs: { use: "free" },
        });
      }, 600_000);
      afterAll(async () => inst?.cleanup(), 120_000);

      it("installs as primary partitions 3 and 4 after the extended one; the primary and logical Linux keep their sha256", () => {
        expect(inst.stderr).toBe("");
        expect(inst.exitCode, inst.stdout.slice(-3000)).toBe(0);
        const parts = (
          JSON.parse(sh("sfdisk", ["-J", inst.loopDevice])) as {
            partitiontable: { partitions: { node: string; start: number; size: number; type: string }[] };
          }
        ).partitiontable.partitions;
        const at = (n: number) => parts.find((p) => p.node === `${inst.loopDevice}p${n}`);
        expect(at(3)).toMatchObject({
          start: ((1 + 64 + 66) * MiB) / 512,
          size: (BIOS_BOOT_PART_MIB * MiB) / 512,
        });
        expect(at(4)).toMatchObject({
          start: ((1 + 64 + 66 + BIOS_BOOT_PART_MIB) * MiB) / 512,
          size: (FREE_MIB * MiB) / 512,
        });
        expect(at(5)).toMatchObject({ start: (66 * MiB) / 512, size: (64 * MiB) / 512 });
        waitForNode(`${inst.loopDevice}p5`, inst.loopDevice);
        for (const n of [1, 5])
          expect(sha256Device(`${inst.loopDevice}p${n}`), `partition ${n}`).toBe(before[n]);
      });
    });
  },
);
