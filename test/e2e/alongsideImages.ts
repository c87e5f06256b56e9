/**
 * Disk images shaped like a machine that already has a system, for the install-alongside tests
 * (issue 15): a Windows 11 disk (GPT: ESP with Windows Boot Manager, MSR, NTFS with
 * Windows/System32, a recovery partition, free space at the end) and a Fedora disk (ESP with
 * EFI/fedora, ext4 /boot, btrfs root with Fedora's subvolumes, free space). Sparse files; the
 * free space is exactly the smallest root the installer accepts (4 GiB).
 *
 * Building them mounts the NTFS (ntfs-3g, FUSE) and the btrfs: that is the fixture, not the
 * probe, which reads them without mounting where a userspace reader exists.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attachLoop, detachLoop } from "../helpers/loopDevices.js";

const MiB = 1024 ** 2;
const MTOOLS_ENV = { ...process.env, MTOOLS_SKIP_CHECK: "1" };

export const GPT_TYPE = {
  esp: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
  msr: "E3C9E316-0B5C-4DB8-817D-F92DF00215AE",
  basicData: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
  winRecovery: "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC",
  linuxFs: "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
  root: "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709",
};

/** The free space at the end of each image: the smallest root the layout accepts. */
export const FREE_MIB = 4096;

export interface ImageShape {
  name: "windows" | "fedora";
  /** Partition sizes in MiB, in order, from 1 MiB on. */
  partitions: { sizeMiB: number; type: string; name: string }[];
  bytes: number;
}

export const WINDOWS: ImageShape = {
  name: "windows",
  partitions: [
    { sizeMiB: 100, type: GPT_TYPE.esp, name: "EFI system partition" },
    { sizeMiB: 16, type: GPT_TYPE.msr, name: "Microsoft reserved partition" },
    { sizeMiB: 64, type: GPT_TYPE.basicData, name: "Basic data partition" },
    { sizeMiB: 16, type: GPT_TYPE.winRecovery, name: "" },
  ],
  // 1 MiB table + partitions + free space + 1 MiB for the backup GPT.
  bytes: (1 + 100 + 16 + 64 + 16 + FREE_MIB + 1) * MiB,
};

export const FEDORA: ImageShape = {
  name: "fedora",
  partitions: [
    { sizeMiB: 100, type: GPT_TYPE.esp, name: "EFI System Partition" },
    { sizeMiB: 64, type: GPT_TYPE.linuxFs, name: "" },
    { sizeMiB: 160, type: GPT_TYPE.linuxFs, name: "" },
  ],
  bytes: (1 + 100 + 64 + 160 + FREE_MIB + 1) * MiB,
};

export const FEDORA_NAME = "Fedora Linux 41 (Workstation Edition)";

/** The files each image's ESP holds (FAT paths from its root) and their contents. */
export const ESP_FILES: Record<ImageShape["name"], Record<string, string>> = {
  windows: {
    "EFI/Microsoft/Boot/bootmgfw.efi": "stand-in for Windows Boot Manager\n",
    "EFI/Microsoft/Boot/BCD": "stand-in boot configuration data\n",
    "EFI/Microsoft/Recovery/BCD": "stand-in recovery BCD\n",
  },
  fedora: {
    "EFI/fedora/shimx64.efi": "stand-in for Fedora's shim\n",
    "EFI/fedora/grubx64.efi": "stand-in for Fedora's GRUB\n",
    "EFI/fedora/grub.cfg": "search --no-floppy --fs-uuid --set=dev 1234\nconfigfile ($dev)/grub2/grub.cfg\n",
    "EFI/BOOT/BOOTX64.EFI": "stand-in for Fedora's fallback shim\n",
    "EFI/BOOT/fbx64.efi": "stand-in for shim's fallback\n",
  },
};

function sh(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, {
    encoding: "utf8",
    input,
    env: MTOOLS_ENV,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  }).trim();
}

/** Copies files onto an unmounted FAT with mtools, creating their directories. */
function fillFat(device: string, files: Record<string, string>, work: string): void {
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  for (const d of [...dirs].sort()) sh("mmd", ["-i", device, `::/${d}`]);
  for (const [path, content] of Object.entries(files)) {
    const local = join(work, "file");
    writeFileSync(local, content);
    sh("mcopy", ["-i", device, local, `::/${path}`]);
  }
}

function withMount(device: string, type: string, fn: (dir: string) => void, work: string): void {
  const dir = join(work, `mnt-${type}`);
  mkdirSync(dir, { recursive: true });
  if (type === "ntfs") sh("ntfs-3g", [device, dir]);
  else sh("mount", ["-t", type, device, dir]);
  try {
    fn(dir);
  } finally {
    sh("umount", [dir]);
  }
}

/** Writes the table and the filesystems of a shape into a sparse image (attached, filled, detached). */
export function buildImage(path: string, shape: ImageShape): void {
  writeFileSync(path, "");
  execFileSync("truncate", ["-s", String(shape.bytes), path]);
  const loop = attachLoop(path);
  const work = mkdtempSync(join(tmpdir(), `levitate-${shape.name}-`));
  try {
    const script = [
      "label: gpt",
      ...shape.partitions.map(
        (p) => `size=${p.sizeMiB}MiB, type=${p.type}${p.name ? `, name="${p.name}"` : ""}`,
      ),
      "",
    ].join("\n");
    sh("sfdisk", ["-q", loop], script);
    sh("partx", ["--update", loop]);
    const part = (n: number) => `${loop}p${n}`;
    sh("mkfs.vfat", ["-F", "32", "-n", shape.name === "windows" ? "SYSTEM" : "ESP", part(1)]);
    fillFat(part(1), ESP_FILES[shape.name], work);
    if (shape.name === "windows") {
      sh("mkfs.ntfs", ["-Q", "-q", "-L", "Windows", part(3)]);
      withMount(
        part(3),
        "ntfs",
        (d) => {
          mkdirSync(join(d, "Windows/System32/config"), { recursive: true });
          writeFileSync(join(d, "Windows/System32/ntoskrnl.exe"), "stand-in kernel\n");
          writeFileSync(join(d, "Windows/System32/config/SYSTEM"), "stand-in hive\n");
          mkdirSync(join(d, "Users/vince/Documents"), { recursive: true });
          writeFileSync(join(d, "Users/vince/Documents/thesis.txt"), "chapter one\n".repeat(1000));
        },
        work,
      );
      sh("mkfs.ntfs", ["-Q", "-q", part(4)]);
    } else {
      const boot = join(work, "boot");
      mkdirSync(join(boot, "loader/entries"), { recursive: true });
      writeFileSync(join(boot, "vmlinuz-6.11.4-301.fc41.x86_64"), "stand-in kernel\n");
      writeFileSync(join(boot, "loader/entries/fedora-6.11.4.conf"), "title Fedora Linux 41\n");
      sh("mkfs.ext4", ["-q", "-F", "-L", "boot", "-d", boot, part(2)]);
      sh("mkfs.btrfs", ["-q", "-f", "-L", "fedora", part(3)]);
      withMount(
        part(3),
        "btrfs",
        (d) => {
          sh("btrfs", ["-q", "subvolume", "create", join(d, "root")]);
          sh("btrfs", ["-q", "subvolume", "create", join(d, "home")]);
          mkdirSync(join(d, "root/usr/lib"), { recursive: true });
          mkdirSync(join(d, "root/etc"), { recursive: true });
          writeFileSync(
            join(d, "root/usr/lib/os-release"),
            `NAME="Fedora Linux"\nVERSION="41 (Workstation Edition)"\nID=fedora\nPRETTY_NAME="${FEDORA_NAME}"\n`,
          );
          // As on Fedora: a relative link, which the probe does not follow (it reads usr/lib).
          symlinkSync("../usr/lib/os-release", join(d, "root/etc/os-release"));
          mkdirSync(join(d, "home/vince"), { recursive: true });
          writeFileSync(join(d, "home/vince/notes.txt"), "keep me\n");
        },
        work,
      );
    }
  } finally {
    detachLoop(loop);
    rmSync(work, { recursive: true, force: true });
  }
}

/** sha256 of a whole block device (a partition). */
export function sha256Device(device: string): string {
  return createHash("sha256")
    .update(execFileSync("cat", [device], { maxBuffer: 512 * MiB }))
    .digest("hex");
}

/** sha256 of every file on a FAT filesystem (ESP), by path. */
export function sha256FatFiles(device: string): Record<string, string> {
  const out: Record<string, string> = {};
  const list = sh("mdir", ["-i", device, "-/", "-b", "::/"])
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.endsWith("/"));
  for (const f of list) {
    const data = execFileSync("mcopy", ["-i", device, f, "-"], {
      env: MTOOLS_ENV,
      maxBuffer: 512 * MiB,
      stdio: ["ignore", "pipe", "pipe"],
    });
    out[f.replace(/^::\//, "")] = createHash("sha256").update(data).digest("hex");
  }
  return out;
}

/** The old Linux of the BIOS images: an ext4 root with its os-release, found by debugfs. */
export const OLD_LINUX_NAME = "Debian GNU/Linux 12 (bookworm)";
/** Its size: a root that holds a few files (the probe reads its os-release, the test its sha256). */
export const OLD_LINUX_MIB = 64;
/** /boot of the BIOS layouts in these tests (installToImage passes efiSize 512M). */
export const BIOS_BOOT_PART_MIB = 512;

/**
 * A BIOS machine's disk with an old Linux and free space: an MBR (dos) or a GPT with one ext4
 * partition, then exactly the room a BIOS install needs (GPT: the 1 MiB BIOS boot partition too,
 * and the backup table's MiB).
 */
export function biosLinuxImageBytes(table: "gpt" | "dos"): number {
  return (
    (1 +
      OLD_LINUX_MIB +
      (table === "gpt" ? 1 : 0) +
      BIOS_BOOT_PART_MIB +
      FREE_MIB +
      (table === "gpt" ? 1 : 0)) *
    MiB
  );
}

export function buildBiosLinuxImage(path: string, table: "gpt" | "dos"): void {
  writeFileSync(path, "");
  execFileSync("truncate", ["-s", String(biosLinuxImageBytes(table)), path]);
  const loop = attachLoop(path);
  const work = mkdtempSync(join(tmpdir(), `levitate-bios-${table}-`));
  try {
    const type = table === "gpt" ? GPT_TYPE.linuxFs : "83";
    sh("sfdisk", ["-q", loop], `label: ${table}\n\nsize=${OLD_LINUX_MIB}MiB, type=${type}\n`);
    sh("partx", ["--update", loop]);
    const root = join(work, "root");
    mkdirSync(join(root, "etc"), { recursive: true });
    mkdirSync(join(root, "boot/grub"), { recursive: true });
    mkdirSync(join(root, "home/vince"), { recursive: true });
    writeFileSync(
      join(root, "etc/os-release"),
      `PRETTY_NAME="${OLD_LINUX_NAME}"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n`,
    );
    writeFileSync(
      join(root, "boot/grub/grub.cfg"),
      "menuentry 'Debian' { linux /vmlinuz root=LABEL=debian }\n",
    );
    writeFileSync(join(root, "home/vince/notes.txt"), "keep me\n".repeat(500));
    sh("mkfs.ext4", ["-q", "-F", "-L", "debian", "-d", root, `${loop}p1`]);
  } finally {
    detachLoop(loop);
    rmSync(work, { recursive: true, force: true });
  }
}
