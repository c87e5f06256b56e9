import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";
import {
  buildImage,
  ESP_FILES,
  FEDORA,
  FEDORA_NAME,
  FREE_MIB,
  GPT_TYPE,
  type ImageShape,
  sha256Device,
  sha256FatFiles,
  WINDOWS,
} from "./alongsideImages.js";
import { espList, espRead, type InstalledImage, installToImage } from "./installToImage.js";

const MiB = 1024 ** 2;

interface Before {
  /** sha256 of every partition but the ESP, by number. */
  partitions: Record<number, string>;
  /** sha256 of every file on the ESP. */
  espFiles: Record<string, string>;
  table: { start: number; size: number; type: string }[];
}

type SfdiskJson = {
  partitiontable: {
    label: string;
    sectorsize?: number;
    partitions: { node: string; start: number; size: number; type: string; name?: string }[];
  };
};

const sfdiskJson = (dev: string) =>
  JSON.parse(execFileSync("sfdisk", ["-J", dev], { encoding: "utf8" })) as SfdiskJson;

/** Reads what the disk holds before the install: attached read-only, hashed, detached. */
function snapshot(imagePath: string, shape: ImageShape): Before {
  const loop = execFileSync("losetup", ["--find", "--show", "--partscan", "--read-only", imagePath], {
    encoding: "utf8",
  }).trim();
  try {
    execFileSync("partx", ["--update", loop]);
    const n = shape.partitions.length;
    const partitions: Record<number, string> = {};
    for (let i = 2; i <= n; i++) partitions[i] = sha256Device(`${loop}p${i}`);
    return {
      partitions,
      espFiles: sha256FatFiles(`${loop}p1`),
      table: sfdiskJson(loop).partitiontable.partitions.map(({ start, size, type }) => ({
        start,
        size,
        type,
      })),
    };
  } finally {
    execFileSync("losetup", ["-d", loop]);
  }
}

/**
 * Install alongside (issue 15), end to end: `levitate install --plan` with `partitionDisk.use:
 * "free"` and the facts the real probe reports, onto loop images shaped like a Windows 11 disk and
 * a Fedora disk (test/e2e/alongsideImages.ts). Afterwards every pre-existing partition has the
 * same sha256, every pre-existing file on the shared ESP is unchanged, the other system's loader
 * is still there, and the boot menu lists it. The images are the smallest that hold the smallest
 * root (4 GiB of free space after the other system: 4.2 GiB and 4.3 GiB, sparse).
 */
describeRoot(
  "install alongside another system (use free)",
  [
    "losetup",
    "sfdisk",
    "partx",
    "blkid",
    "mkfs.vfat",
    "mmd",
    "mcopy",
    "mdir",
    "mkfs.ntfs",
    "ntfs-3g",
    "ntfsls",
    "mkfs.ext4",
    "debugfs",
    "mkfs.btrfs",
    "btrfs",
    "rpm",
    "rpmbuild",
    "openssl",
    "useradd",
  ],
  () => {
    for (const shape of [WINDOWS, FEDORA]) {
      describe(`${shape.name} disk`, () => {
        let inst: InstalledImage;
        let before: Before;
        const newRoot = shape.partitions.length + 1;
        beforeAll(async () => {
          inst = await installToImage({
            firmware: "uefi",
            filesystem: "ext4",
            imageBytes: shape.bytes,
            prepareImage: (p) => {
              buildImage(p, shape);
              before = snapshot(p, shape);
            },
            probeFacts: true,
            partitionArgs: { use: "free" },
          });
        }, 600_000);
        afterAll(async () => inst?.cleanup(), 120_000);

        it("exits 0, and the plan named the kept partitions and the exact sfdisk script", () => {
          expect(inst.stderr).toBe("");
          expect(inst.exitCode, inst.stdout.slice(-3000)).toBe(0);
          expect(inst.stdout).toMatch(/untouched: \/dev\/loop\d+p1 \(100M vfat/);
          expect(inst.stdout).toContain(`Add 1 partition to ${inst.loopDevice}'s GPT in its free space`);
          expect(inst.stdout).toMatch(
            new RegExp(`${inst.loopDevice}p${newRoot}  4G  ext4 on /  new, at \\d+ MiB`),
          );
          expect(inst.stdout).not.toMatch(/wipefs/);
        });

        it("kept the table's entries and added root in the free space only", () => {
          const parts = sfdiskJson(inst.loopDevice).partitiontable.partitions;
          expect(
            parts.slice(0, shape.partitions.length).map(({ start, size, type }) => ({ start, size, type })),
          ).toEqual(before.table);
          const root = parts[shape.partitions.length];
          const used = shape.partitions.reduce((a, p) => a + p.sizeMiB, 1);
          expect(root).toMatchObject({
            node: `${inst.loopDevice}p${newRoot}`,
            type: GPT_TYPE.root,
            start: (used * MiB) / 512,
            size: (FREE_MIB * MiB) / 512,
          });
          expect(parts).toHaveLength(shape.partitions.length + 1);
        });

        it("every pre-existing partition has the same sha256; every pre-existing ESP file is unchanged", () => {
          for (const [n, sum] of Object.entries(before.partitions))
            expect(sha256Device(`${inst.loopDevice}p${n}`), `partition ${n}`).toBe(sum);
          const now = sha256FatFiles(`${inst.loopDevice}p1`);
          for (const [f, sum] of Object.entries(before.espFiles)) expect(now[f], f).toBe(sum);
          expect(Object.keys(before.espFiles).sort()).toEqual(Object.keys(ESP_FILES[shape.name]).sort());
        });

        it("the shared ESP holds the new boot files next to the other system's, and the menu lists it", () => {
          const esp = `${inst.loopDevice}p1`;
          const files = espList(esp);
          expect(files).toContain("::/loader/entries/levitate.conf");
          expect(files).toContain("::/levitate/vmlinuz-6.1.0-test");
          const entries = files.filter((f) => f.startsWith("::/loader/entries/alt-"));
          if (shape.name === "windows") {
            expect(files).toContain("::/EFI/Microsoft/Boot/bootmgfw.efi");
            expect(entries).toEqual(["::/loader/entries/alt-windows-boot-manager.conf"]);
            expect(espRead(esp, entries[0] as string).toString()).toBe(
              "title Windows Boot Manager\nefi /EFI/Microsoft/Boot/bootmgfw.efi\n",
            );
            // No other fallback loader was there: ours boots the disk without an NVRAM entry.
            expect(files).toContain("::/EFI/BOOT/BOOTX64.EFI");
          } else {
            expect(files).toContain("::/EFI/fedora/shimx64.efi");
            expect(entries).toEqual(["::/loader/entries/alt-fedora-linux-41-workstation-edition.conf"]);
            expect(espRead(esp, entries[0] as string).toString()).toBe(
              `title ${FEDORA_NAME}\nefi /EFI/fedora/shimx64.efi\n`,
            );
            // Fedora's fallback shim stayed (the sha256 test above), so no systemd-boot there.
            expect(espRead(esp, "::/EFI/BOOT/BOOTX64.EFI").toString()).toBe(
              ESP_FILES.fedora["EFI/BOOT/BOOTX64.EFI"],
            );
          }
          expect(espRead(esp, "::/loader/loader.conf").toString()).toContain("auto-entries no");
        });

        it("the new system mounts the shared ESP and its own root by UUID", () => {
          const uuid = (dev: string) =>
            execFileSync("blkid", ["-c", "/dev/null", "-s", "UUID", "-o", "value", dev], {
              encoding: "utf8",
            }).trim();
          const fstab = readFileSync(join(inst.target, "etc/fstab"), "utf8");
          expect(fstab).toContain(`UUID=${uuid(`${inst.loopDevice}p1`)} /boot/efi vfat`);
          expect(fstab).toContain(`UUID=${uuid(`${inst.loopDevice}p${newRoot}`)} / ext4`);
          expect(existsSync(join(inst.target, "home/vince"))).toBe(true);
        });
      });
    }
  },
);
