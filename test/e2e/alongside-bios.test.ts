import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";
import {
  BIOS_BOOT_PART_MIB,
  biosLinuxImageBytes,
  buildBiosLinuxImage,
  FREE_MIB,
  GPT_TYPE,
  OLD_LINUX_MIB,
  OLD_LINUX_NAME,
  sha256Device,
} from "./alongsideImages.js";
import { type InstalledImage, installToImage } from "./installToImage.js";

const MiB = 1024 ** 2;
const SECTORS_PER_MIB = MiB / 512;
const BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649";

type SfdiskJson = {
  partitiontable: {
    label: string;
    partitions: { node: string; start: number; size: number; type: string }[];
  };
};
const table = (dev: string) =>
  (JSON.parse(execFileSync("sfdisk", ["-J", dev], { encoding: "utf8" })) as SfdiskJson).partitiontable;

function readBytes(device: string, offset: number, length: number): Buffer {
  const fd = openSync(device, "r");
  try {
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, offset);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** sha256 of the old Linux partition, read through a read-only loop device of the fresh image. */
function oldLinuxSum(imagePath: string): string {
  const loop = execFileSync("losetup", ["--find", "--show", "--partscan", "--read-only", imagePath], {
    encoding: "utf8",
  }).trim();
  try {
    execFileSync("partx", ["--update", loop]);
    return sha256Device(`${loop}p1`);
  } finally {
    execFileSync("losetup", ["-d", loop]);
  }
}

/**
 * BIOS installs alongside an old Linux (issue 15), end to end on loop images with real sfdisk and
 * grub-install (i386-pc): on a GPT disk a 1 MiB BIOS boot partition opens the free region and GRUB
 * embeds its core there; on an MBR disk GRUB uses the gap before the first partition. Either way
 * the old Linux partition keeps its sha256 and GRUB's menu lists it.
 */
describeRoot(
  "install alongside an old Linux with BIOS (use free)",
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
    for (const kind of ["gpt", "dos"] as const) {
      describe(`${kind === "gpt" ? "GPT" : "MBR"} disk`, () => {
        let inst: InstalledImage;
        let before = "";
        const bootN = kind === "gpt" ? 3 : 2;
        const rootN = bootN + 1;
        beforeAll(async () => {
          inst = await installToImage({
            firmware: "bios",
            filesystem: "ext4",
            imageBytes: biosLinuxImageBytes(kind),
            prepareImage: (p) => {
              buildBiosLinuxImage(p, kind);
              before = oldLinuxSum(p);
            },
            probeFacts: true,
            partitionArgs: { use: "free" },
          });
        }, 600_000);
        afterAll(async () => inst?.cleanup(), 120_000);

        it("exits 0; the plan says what stays and how GRUB boots", () => {
          expect(inst.stderr).toBe("");
          expect(inst.exitCode, inst.stdout.slice(-3000)).toBe(0);
          expect(inst.stdout).toContain(OLD_LINUX_NAME);
          if (kind === "gpt") expect(inst.stdout).toContain("a 1 MiB BIOS boot partition");
          expect(inst.stdout).not.toMatch(/wipefs/);
        });

        it("the old Linux partition is where it was with the same sha256; the new ones are in the free space", () => {
          const t = table(inst.loopDevice);
          expect(t.label).toBe(kind);
          const parts = t.partitions;
          expect(parts[0]).toMatchObject({
            start: SECTORS_PER_MIB,
            size: OLD_LINUX_MIB * SECTORS_PER_MIB,
            type: kind === "gpt" ? GPT_TYPE.linuxFs : "83",
          });
          expect(sha256Device(`${inst.loopDevice}p1`)).toBe(before);
          let at = 1 + OLD_LINUX_MIB;
          if (kind === "gpt") {
            expect(parts[1]).toMatchObject({
              node: `${inst.loopDevice}p2`,
              start: at * SECTORS_PER_MIB,
              size: SECTORS_PER_MIB,
              type: BIOS_BOOT,
            });
            at += 1;
          }
          expect(parts[bootN - 1]).toMatchObject({
            start: at * SECTORS_PER_MIB,
            size: BIOS_BOOT_PART_MIB * SECTORS_PER_MIB,
          });
          expect(parts[rootN - 1]).toMatchObject({
            node: `${inst.loopDevice}p${rootN}`,
            start: (at + BIOS_BOOT_PART_MIB) * SECTORS_PER_MIB,
            size: FREE_MIB * SECTORS_PER_MIB,
          });
          expect(parts).toHaveLength(rootN);
        });

        it("GRUB's boot code is in the MBR and its core image in the BIOS boot partition (GPT) or the gap (MBR)", () => {
          const mbr = readBytes(inst.loopDevice, 0, 440);
          expect(mbr.includes(Buffer.from("GRUB"))).toBe(true);
          const core =
            kind === "gpt"
              ? readBytes(`${inst.loopDevice}p2`, 0, 64 * 1024)
              : readBytes(inst.loopDevice, 512, 64 * 1024);
          expect(core.some((b) => b !== 0)).toBe(true);
        });

        it("GRUB's menu lists the new system first and the old Linux through its own grub.cfg", () => {
          const cfgPath = [
            join(inst.target, "boot/grub2/grub.cfg"),
            join(inst.target, "boot/grub/grub.cfg"),
          ].find(existsSync);
          const cfg = readFileSync(cfgPath as string, "utf8");
          const uuid = execFileSync(
            "blkid",
            ["-c", "/dev/null", "-s", "UUID", "-o", "value", `${inst.loopDevice}p1`],
            {
              encoding: "utf8",
            },
          ).trim();
          const entries = [...cfg.matchAll(/^menuentry '([^']+)'/gm)].map((m) => m[1]);
          expect(entries).toHaveLength(2);
          expect(entries[1]).toBe(OLD_LINUX_NAME);
          expect(cfg).toContain(`search --no-floppy --fs-uuid --set=root ${uuid}`);
          expect(cfg).toContain(kind === "gpt" ? "insmod part_gpt" : "insmod part_msdos");
        });
      });
    }
  },
);
