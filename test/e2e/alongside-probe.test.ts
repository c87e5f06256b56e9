import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { probeDisk } from "../../facts/probe/disk-probe.js";
import { FactsSchema } from "../../facts/schema.js";
import { describeRoot } from "../helpers/env.js";
import { buildImage, FEDORA, FEDORA_NAME, GPT_TYPE, type ImageShape, WINDOWS } from "./alongsideImages.js";
import { imageFingerprint } from "./installToImage.js";

const MiB = 1024 ** 2;

/** Attaches an image read-only (the probe must not need more) and waits for its partitions. */
async function attach(path: string, partitions: number): Promise<string> {
  const loop = execFileSync("losetup", ["--find", "--show", "--partscan", "--read-only", path], {
    encoding: "utf8",
  }).trim();
  // A disk without a table has nothing for partx to add (it exits 1).
  if (partitions) execFileSync("partx", ["--update", loop]);
  const until = Date.now() + 10_000;
  while (partitions && !existsSync(`${loop}p${partitions}`) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
  return loop;
}

/**
 * Facts v2 from the probe (facts/probe/disk-probe.ts) on loop images shaped like a Windows 11
 * and a Fedora disk: table, free space, every partition with its start, filesystem, label, ESP
 * flag, the loaders on the ESP and the systems found, exactly. The images are attached
 * read-only and their bytes are the same after the probe.
 */
describeRoot(
  "facts v2 probe on disks with another system",
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
  ],
  () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-probe-"));
    const images: Record<string, string> = {};
    beforeAll(() => {
      for (const shape of [WINDOWS, FEDORA]) {
        images[shape.name] = join(work, `${shape.name}.img`);
        buildImage(images[shape.name] as string, shape);
      }
    }, 120_000);
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    async function probe(shape: ImageShape) {
      const path = images[shape.name] as string;
      const before = imageFingerprint(path);
      const loop = await attach(path, shape.partitions.length);
      try {
        const disk = await probeDisk(loop);
        expect(imageFingerprint(path)).toBe(before);
        expect(execFileSync("findmnt", ["-rn", "-o", "TARGET"], { encoding: "utf8" })).not.toMatch(
          /levitate-osprobe/,
        );
        return { disk, loop };
      } finally {
        execFileSync("losetup", ["-d", loop]);
      }
    }

    it("Windows 11 disk: Windows Boot Manager on the ESP and the NTFS, MSR and recovery kept as they are", async () => {
      const { disk, loop } = await probe(WINDOWS);
      expect(disk).toEqual({
        path: loop,
        sizeBytes: WINDOWS.bytes,
        model: "",
        transport: "loop",
        removable: false,
        mounted: false,
        table: "gpt",
        freeBytes: 4096 * MiB,
        partitions: [
          {
            path: `${loop}p1`,
            sizeBytes: 100 * MiB,
            startBytes: 1 * MiB,
            type: GPT_TYPE.esp,
            fstype: "vfat",
            label: "SYSTEM",
            mountpoint: null,
            esp: true,
            loaders: ["EFI/Microsoft/Boot/bootmgfw.efi"],
            fsFreeBytes: expect.any(Number),
            os: "Windows Boot Manager",
          },
          {
            path: `${loop}p2`,
            sizeBytes: 16 * MiB,
            startBytes: 101 * MiB,
            type: GPT_TYPE.msr,
            fstype: null,
            label: null,
            mountpoint: null,
            esp: false,
          },
          {
            path: `${loop}p3`,
            sizeBytes: 64 * MiB,
            startBytes: 117 * MiB,
            type: GPT_TYPE.basicData,
            fstype: "ntfs",
            label: "Windows",
            mountpoint: null,
            esp: false,
            os: "Windows Boot Manager",
          },
          {
            path: `${loop}p4`,
            sizeBytes: 16 * MiB,
            startBytes: 181 * MiB,
            type: GPT_TYPE.winRecovery,
            fstype: "ntfs",
            label: null,
            mountpoint: null,
            esp: false,
          },
        ],
      });
      // A FAT32 of 100 MiB with three small files: nearly all of it free.
      expect(disk.partitions?.[0]?.fsFreeBytes).toBeGreaterThan(95 * MiB);
      expect(disk.partitions?.[0]?.fsFreeBytes).toBeLessThan(100 * MiB);
      // The facts file the probe writes is valid facts v2.
      expect(() => FactsSchema.parse({ mode: "live", disks: [disk] })).not.toThrow();
    });

    it("Fedora disk: its loaders on the ESP, ext4 /boot, btrfs root named by its os-release (subvolume root)", async () => {
      const { disk, loop } = await probe(FEDORA);
      expect(disk).toMatchObject({ table: "gpt", freeBytes: 4096 * MiB, sizeBytes: FEDORA.bytes });
      expect(disk.partitions).toEqual([
        {
          path: `${loop}p1`,
          sizeBytes: 100 * MiB,
          startBytes: 1 * MiB,
          type: GPT_TYPE.esp,
          fstype: "vfat",
          label: "ESP",
          mountpoint: null,
          esp: true,
          loaders: [
            "EFI/BOOT/BOOTX64.EFI",
            "EFI/BOOT/fbx64.efi",
            "EFI/fedora/grubx64.efi",
            "EFI/fedora/shimx64.efi",
          ],
          fsFreeBytes: expect.any(Number),
        },
        {
          path: `${loop}p2`,
          sizeBytes: 64 * MiB,
          startBytes: 101 * MiB,
          type: GPT_TYPE.linuxFs,
          fstype: "ext4",
          label: "boot",
          mountpoint: null,
          esp: false,
        },
        {
          path: `${loop}p3`,
          sizeBytes: 160 * MiB,
          startBytes: 165 * MiB,
          type: GPT_TYPE.linuxFs,
          fstype: "btrfs",
          label: "fedora",
          mountpoint: null,
          esp: false,
          os: FEDORA_NAME,
        },
      ]);
    });

    it("a blank disk: no table, no partitions, all of it free but the two table MiB; a whole-disk filesystem: none free", async () => {
      const blank = join(work, "blank.img");
      writeFileSync(blank, "");
      execFileSync("truncate", ["-s", String(64 * MiB), blank]);
      let loop = await attach(blank, 0);
      try {
        expect(await probeDisk(loop)).toMatchObject({ partitions: [], freeBytes: 62 * MiB });
        expect((await probeDisk(loop)).table).toBeUndefined();
      } finally {
        execFileSync("losetup", ["-d", loop]);
      }
      execFileSync("mkfs.ext4", ["-q", "-F", blank]);
      loop = await attach(blank, 0);
      try {
        expect(await probeDisk(loop)).toMatchObject({ partitions: [], freeBytes: 0 });
      } finally {
        execFileSync("losetup", ["-d", loop]);
      }
    });

    it("an ext4 Linux root is named from its os-release through debugfs, without mounting", async () => {
      const img = join(work, "ext4root.img");
      const tree = join(work, "ext4root");
      execFileSync("mkdir", ["-p", join(tree, "etc")]);
      writeFileSync(
        join(tree, "etc/os-release"),
        'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
      );
      writeFileSync(img, "");
      execFileSync("truncate", ["-s", String(40 * MiB), img]);
      execFileSync("sfdisk", ["-q", img], { input: "label: dos\nstart=1MiB, size=32MiB, type=83\n" });
      const rw = execFileSync("losetup", ["--find", "--show", "--partscan", img], {
        encoding: "utf8",
      }).trim();
      try {
        execFileSync("partx", ["--update", rw]);
        while (!existsSync(`${rw}p1`)) await new Promise((r) => setTimeout(r, 50));
        execFileSync("mkfs.ext4", ["-q", "-F", "-d", tree, `${rw}p1`]);
        const disk = await probeDisk(rw);
        expect(disk.table).toBe("dos");
        expect(disk.partitions?.[0]).toMatchObject({
          fstype: "ext4",
          os: "Debian GNU/Linux 12 (bookworm)",
          type: "83",
          esp: false,
        });
        // 40 MiB - 1 MiB table - 32 MiB partition; MBR keeps no backup at the end.
        expect(disk.freeBytes).toBe(7 * MiB);
      } finally {
        execFileSync("losetup", ["-d", rw]);
      }
    });
  },
);
