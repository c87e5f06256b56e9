import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";
import { buildImage, FREE_MIB, GPT_TYPE, type ImageShape, sha256Device, WINDOWS } from "./alongsideImages.js";
import { espList, type InstalledImage, imageFingerprint, installToImage } from "./installToImage.js";

const MiB = 1024 ** 2;
const SECTORS_PER_MIB = MiB / 512;
/** The efiSize the plan gives (installToImage's): it asks for the new ESP. */
const NEW_ESP_MIB = 512;
/**
 * Fills the Windows ESP (100 MiB) so that less is free than systemd-boot needs there (its binary,
 * entries, kernel and initramfs at the reference sizes, and its copy at the fallback path: 62 MiB; tools/partitionFree.ts).
 */
const FILLER_MIB = 60;

const SHAPE: ImageShape = { ...WINDOWS, bytes: WINDOWS.bytes + NEW_ESP_MIB * MiB };

type SfdiskJson = {
  partitiontable: { partitions: { node: string; start: number; size: number; type: string }[] };
};

/** The Windows image with its ESP nearly full (a big file beside Windows Boot Manager). */
function buildFullEspImage(path: string): Record<number, string> {
  buildImage(path, SHAPE);
  const loop = execFileSync("losetup", ["--find", "--show", "--partscan", path], { encoding: "utf8" }).trim();
  const work = mkdtempSync(join(tmpdir(), "levitate-fullesp-"));
  try {
    execFileSync("partx", ["--update", loop]);
    const filler = join(work, "filler");
    writeFileSync(filler, Buffer.alloc(FILLER_MIB * MiB, 0x5a));
    execFileSync("mcopy", ["-i", `${loop}p1`, filler, "::/EFI/Microsoft/Boot/fonts.bin"], {
      env: { ...process.env, MTOOLS_SKIP_CHECK: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const sums: Record<number, string> = {};
    for (let n = 1; n <= SHAPE.partitions.length; n++) sums[n] = sha256Device(`${loop}p${n}`);
    return sums;
  } finally {
    execFileSync("losetup", ["-d", loop]);
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A Windows disk whose ESP is too full to share (issue 15), end to end on a loop image with real
 * sfdisk, mkfs.vfat and mtools. Without efiSize the plan is refused before anything is written
 * and the image stays byte for byte what it was; with efiSize the install creates its own ESP in
 * the free space, every partition that was there (the full ESP included) keeps its sha256, and the
 * new ESP holds the boot files.
 */
describeRoot(
  "install alongside Windows with a second ESP (use free, the shared ESP too full)",
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
    "rpm",
    "rpmbuild",
    "openssl",
  ],
  () => {
    describe("without efiSize: refused before anything is written", () => {
      let inst: InstalledImage;
      let sums: Record<number, string> = {};
      let fingerprint = "";
      beforeAll(async () => {
        inst = await installToImage({
          firmware: "uefi",
          filesystem: "ext4",
          imageBytes: SHAPE.bytes,
          prepareImage: (p) => {
            sums = buildFullEspImage(p);
            fingerprint = imageFingerprint(p);
          },
          probeFacts: true,
          // JSON leaves an undefined field out: the plan gives no efiSize
          partitionArgs: { use: "free", efiSize: undefined },
        });
      }, 600_000);
      afterAll(async () => inst?.cleanup(), 120_000);

      it("exits 1 naming the ESP, its free space, what systemd-boot needs there, and the fixes (efiSize among them)", () => {
        expect(inst.exitCode, inst.stdout.slice(-2000)).toBe(1);
        expect(inst.stderr).toMatch(
          new RegExp(
            `the EFI system partition ${inst.loopDevice}p1 has \\d+M free; systemd-boot needs 62M there \\(systemd-boot twice \\(the fallback path too\\), its entries, the kernel and the initramfs\\): the new system cannot share it, and nothing was written`,
          ),
        );
        expect(inst.stderr).toContain(
          "give efiSize (e.g. efiSize 512M) to create a second EFI system partition",
        );
        expect(inst.stdout).not.toContain("sfdisk --append");
      });

      it("the image is what was built: every partition's sha256, and no block written anywhere (size, allocated blocks, mtime, both tables)", () => {
        for (let i = 1; i <= SHAPE.partitions.length; i++)
          expect(sha256Device(`${inst.loopDevice}p${i}`), `partition ${i}`).toBe(sums[i]);
        expect(imageFingerprint(inst.imagePath)).toBe(fingerprint);
      });
    });

    let inst: InstalledImage;
    let before: Record<number, string> = {};
    const n = SHAPE.partitions.length;
    beforeAll(async () => {
      inst = await installToImage({
        firmware: "uefi",
        filesystem: "ext4",
        imageBytes: SHAPE.bytes,
        prepareImage: (p) => {
          before = buildFullEspImage(p);
        },
        probeFacts: true,
        partitionArgs: { use: "free" },
      });
    }, 600_000);
    afterAll(async () => inst?.cleanup(), 120_000);

    it("exits 0, and the plan says why a second ESP is made", () => {
      expect(inst.stderr).toBe("");
      expect(inst.exitCode, inst.stdout.slice(-3000)).toBe(0);
      expect(inst.stdout).toContain(
        "a second EFI system partition (512M) for the new system in the free space, as efiSize asks",
      );
      expect(inst.stdout).toMatch(/has \d+M free; systemd-boot needs 62M there/);
    });

    it("every partition that was there keeps its sha256, the full ESP included", () => {
      for (let i = 1; i <= n; i++)
        expect(sha256Device(`${inst.loopDevice}p${i}`), `partition ${i}`).toBe(before[i]);
    });

    it("the new ESP and root fill the free space; the new ESP holds the boot files", () => {
      const parts = (
        JSON.parse(execFileSync("sfdisk", ["-J", inst.loopDevice], { encoding: "utf8" })) as SfdiskJson
      ).partitiontable.partitions;
      const used = SHAPE.partitions.reduce((a, p) => a + p.sizeMiB, 1);
      expect(parts[n]).toMatchObject({
        node: `${inst.loopDevice}p${n + 1}`,
        type: GPT_TYPE.esp,
        start: used * SECTORS_PER_MIB,
        size: NEW_ESP_MIB * SECTORS_PER_MIB,
      });
      expect(parts[n + 1]).toMatchObject({
        node: `${inst.loopDevice}p${n + 2}`,
        type: GPT_TYPE.root,
        start: (used + NEW_ESP_MIB) * SECTORS_PER_MIB,
        size: FREE_MIB * SECTORS_PER_MIB,
      });
      const files = espList(`${inst.loopDevice}p${n + 1}`);
      expect(files).toContain("::/loader/entries/levitate.conf");
      // systemd-boot cannot start Windows Boot Manager from another ESP: no entry that would fail
      expect(files.filter((f) => f.startsWith("::/loader/entries/alt-"))).toEqual([]);
    });
  },
);
