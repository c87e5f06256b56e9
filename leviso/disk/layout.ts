import { describeBytes, formatSize, GiB, MiB, TiB } from "../../steps/size.js";

export type Firmware = "uefi" | "bios";
export type Filesystem = "ext4" | "btrfs" | "xfs";
/** `biosboot`: GPT's BIOS boot partition, where GRUB (i386-pc) embeds its core image; never formatted. */
export type PartitionRole = "esp" | "boot" | "swap" | "root" | "home" | "biosboot";

export interface LayoutRequest {
  disk: string;
  diskBytes: number;
  firmware: Firmware;
  filesystem: Filesystem;
  /** Bytes of swap; 0 or absent for none. */
  swapBytes?: number;
  encrypt: boolean;
  separateHome: boolean;
  /** The ESP (UEFI) or the /boot partition (BIOS). */
  efiBytes: number;
  /** Root's size (`rootSize`); absent: the rest, or the sizing rule with a separate /home. */
  rootBytes?: number;
}

export interface PlannedPartition {
  number: number;
  role: PartitionRole;
  /** The partition's device node, e.g. /dev/sda1, /dev/nvme0n1p1. */
  device: string;
  /** Exact size; the last partition takes the rest of the disk. */
  sizeBytes: number;
  /** Size as the sfdisk script writes it (MiB), absent for "rest of the disk". */
  sizeMiB?: number;
  /** GPT type GUID or MBR type code. */
  type: string;
  /** "none": raw space (the BIOS boot partition), never formatted nor mounted. */
  fstype: "vfat" | "ext4" | "btrfs" | "xfs" | "swap" | "none";
  label: string;
  mountpoint: string | null;
  /** LUKS2 container; the filesystem lives on `mapper`. */
  encrypted: boolean;
  /** /dev/mapper/NAME when encrypted. */
  mapper?: string;
  /** use free: where the partition starts, in MiB from the start of the disk (sfdisk `start=`). */
  startMiB?: number;
  /** An existing partition the install reuses (the ESP of another system): never created nor formatted. */
  existing?: boolean;
  /**
   * Swap beside an encrypted root: the mapping (/dev/mapper/cryptswap) that dm-crypt opens with a
   * new random key at each boot (crypttab's `swap` option, which also runs mkswap on it). The
   * installer never formats the partition: there is nothing on it to keep from one boot to the next.
   */
  randomKeySwap?: string;
}

/** Another system the new boot menu lists (see `OtherSystem` in steps/bootMenu.ts). */
import type { OtherSystemEntry } from "../../steps/otherSystem.js";

export type { OtherSystemEntry };

/** What `use: "free"` keeps and where it puts the new partitions. */
export interface FreeSpaceUse {
  /** The unallocated region the new partitions fill, bytes from the disk's start (end exclusive). */
  region: { startBytes: number; endBytes: number };
  /** MBR: the region is inside this extended partition; the new partitions are logical ones. */
  logicalIn?: string;
  /** The partitions that stay as they are, byte for byte (a reused ESP only gains files). */
  kept: {
    path: string;
    sizeBytes: number;
    label: string | null;
    fstype: string | null;
    os?: string;
    type?: string;
  }[];
  /** Files already on a reused ESP that the install must not overwrite (its fallback loader). */
  espFiles?: string[];
  /** Free bytes a reused ESP needs for the boot chain's files. */
  espRoomBytes?: number;
  /**
   * The facts give the free space's size (`freeBytes`) but not where the partitions are: `region`
   * starts at 0 and each new partition's `startMiB` is its offset inside the region; the region's
   * place is read from the disk when the plan runs (`{{freestart:…}}` in the sfdisk script).
   */
  placedAtRun?: boolean;
}

export interface Layout {
  disk: string;
  firmware: Firmware;
  table: "gpt" | "dos";
  filesystem: Filesystem;
  partitions: PlannedPartition[];
  /** Which sizing rule was chosen, for the confirmation ("root: 50G, disk over 500 GiB"). */
  notes: string[];
  /** btrfs subvolumes on the root filesystem, with where each is mounted. */
  subvolumes: { name: string; mountpoint: string }[];
  /** Present for `use: "free"`: the disk keeps its table and partitions, the new ones go into `region`. */
  free?: FreeSpaceUse;
  /** Other systems on the disk for the boot menu (use free). */
  otherSystems?: OtherSystemEntry[];
  /**
   * UEFI, use free, a shared ESP whose EFI programs the facts do not list (hand-written facts, or
   * a probe that could not read it): GRUB's menu gets the other systems found on `esp` when the
   * plan runs (`{{espmenu:…}}`, steps/espSystems.ts). `named`: the Linux systems the facts
   * name on the disk, for the entries' titles.
   */
  otherSystemsAtRun?: { esp: string; named: string[] };
}

/** The smallest root we install (the base system, a kernel, room to update). */
export const MIN_ROOT_BYTES = 4 * GiB;
export const MIN_HOME_BYTES = 2 * GiB;
/** FAT32 needs about 33 MiB; a kernel and initramfs on the ESP need far more. */
export const MIN_EFI_BYTES = 256 * MiB;
/** Where the installed system mounts its EFI system partition. */
export const ESP_MOUNTPOINT = "/boot/efi";
/** 1 MiB before the first partition (alignment, GRUB's core on MBR) and 1 MiB for the backup GPT. */
export const OVERHEAD_BYTES = 2 * MiB;

export const GPT_TYPES: Record<PartitionRole, string> = {
  esp: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
  boot: "BC13C2FF-59E6-4262-A352-B275FD6F7172",
  swap: "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F",
  root: "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709",
  home: "933AC7E1-2EB4-4F13-B844-0E14E2AEF915",
  biosboot: "21686148-6449-6E6F-744E-656564454649",
};
export const MBR_TYPES: Record<PartitionRole, string> = {
  esp: "ef",
  boot: "83",
  swap: "82",
  root: "83",
  home: "83",
  /** An MBR needs none: GRUB's core goes into the gap before the first partition. */
  biosboot: "da",
};

/** /dev/sda → /dev/sda1; names ending in a digit (nvme0n1, mmcblk0, loop3) take a `p`. */
export function partitionDevice(disk: string, n: number): string {
  return /\d$/.test(disk) ? `${disk}p${n}` : `${disk}${n}`;
}

/**
 * An MBR addresses 2^32 sectors of 512 bytes: 2 TiB. A BIOS install on a larger disk writes GPT
 * with a BIOS boot partition for GRUB's core image instead, as Debian's and Fedora's installers
 * do; an MBR there would leave everything past 2 TiB unreachable (or fail after the wipe).
 */
export const MBR_MAX_BYTES = 2 * TiB;
/** GRUB's i386-pc core image with the modules for root on ext4/btrfs/xfs, LUKS and LVM fits in 1 MiB. */
export const BIOS_BOOT_BYTES = MiB;

/** The table a whole-disk install writes: GPT on UEFI, and on BIOS disks past the MBR's reach. */
export function wholeDiskTable(firmware: Firmware, diskBytes: number): "gpt" | "dos" {
  return firmware === "uefi" || diskBytes > MBR_MAX_BYTES ? "gpt" : "dos";
}

export class DiskTooSmallError extends Error {
  constructor(
    readonly disk: string,
    readonly diskBytes: number,
    readonly requiredBytes: number,
    readonly breakdown: string,
  ) {
    super(
      `${disk} is too small for this layout: it has ${describeBytes(diskBytes)}, the layout needs at least ${describeBytes(requiredBytes)} (${breakdown})`,
    );
    this.name = "DiskTooSmallError";
  }
}

export class LayoutError extends Error {}

export const floorMiB = (b: number) => Math.floor(b / MiB) * MiB;

/**
 * Root's share when /home is separate, archinstall-style: 50 GiB when over 500 GiB are left, 10%
 * between 320 and 500 GiB, 32 GiB under 320 GiB, and half of a small space (at least 4 GiB).
 */
export function splitRootHome(avail: number): { rootBytes: number; note: string } {
  if (avail > 500 * GiB)
    return { rootBytes: 50 * GiB, note: "root 50G: over 500 GiB left for root and /home" };
  if (avail >= 320 * GiB) {
    const rootBytes = floorMiB(avail / 10);
    return { rootBytes, note: `root ${formatSize(rootBytes)}: 10% of the space between 320 and 500 GiB` };
  }
  if (avail - 32 * GiB >= 32 * GiB)
    return { rootBytes: 32 * GiB, note: "root 32G: under 320 GiB left for root and /home" };
  let rootBytes = Math.max(MIN_ROOT_BYTES, floorMiB(avail / 2));
  if (avail - rootBytes < MIN_HOME_BYTES) rootBytes = avail - MIN_HOME_BYTES;
  return {
    rootBytes,
    note: `root ${formatSize(rootBytes)}: a small disk is split in half between root and /home`,
  };
}

/**
 * Sizes the partitions, archinstall-style: boot partition, optional swap, root, optional /home.
 * Root takes the rest of the disk unless /home is separate; then root is 50 GiB on disks over
 * 500 GiB, 32 GiB under 320 GiB, 10% between, and half of a small disk (at least 4 GiB).
 */
export function computeLayout(req: LayoutRequest): Layout {
  const swap = req.swapBytes ?? 0;
  const efi = floorMiB(req.efiBytes);
  if (efi < MIN_EFI_BYTES) {
    throw new LayoutError(
      `efiSize ${formatSize(req.efiBytes)} is too small: the ${req.firmware === "uefi" ? "EFI system" : "boot"} partition holds the kernel and initramfs and needs at least ${formatSize(MIN_EFI_BYTES)}`,
    );
  }
  if (req.swapBytes !== undefined && req.swapBytes > 0 && req.swapBytes < MiB) {
    throw new LayoutError("swapSize must be at least 1M");
  }
  const table = wholeDiskTable(req.firmware, req.diskBytes);
  // BIOS on GPT: no gap before the first partition for GRUB's core, so a BIOS boot partition
  const biosBoot = req.firmware === "bios" && table === "gpt" ? BIOS_BOOT_BYTES : 0;
  const fixed = OVERHEAD_BYTES + biosBoot + efi + floorMiB(swap);
  const askedRoot = req.rootBytes !== undefined ? floorMiB(req.rootBytes) : undefined;
  if (askedRoot !== undefined && askedRoot < MIN_ROOT_BYTES)
    throw new LayoutError(
      `rootSize ${formatSize(req.rootBytes as number)} is too small: root needs at least ${formatSize(MIN_ROOT_BYTES)}`,
    );
  const required = fixed + (askedRoot ?? MIN_ROOT_BYTES) + (req.separateHome ? MIN_HOME_BYTES : 0);
  if (req.diskBytes < required) {
    const parts = [
      ...(biosBoot ? ["1M BIOS boot"] : []),
      `${formatSize(efi)} ${req.firmware === "uefi" ? "EFI" : "boot"}`,
      ...(swap ? [`${formatSize(floorMiB(swap))} swap`] : []),
      askedRoot !== undefined
        ? `${formatSize(askedRoot)} root`
        : `${formatSize(MIN_ROOT_BYTES)} root at least`,
      ...(req.separateHome ? [`${formatSize(MIN_HOME_BYTES)} /home at least`] : []),
      "2M partition table",
    ];
    throw new DiskTooSmallError(req.disk, req.diskBytes, required, parts.join(" + "));
  }
  const avail = floorMiB(req.diskBytes - fixed);
  const notes: string[] = [];
  notes.push(
    req.firmware === "uefi"
      ? `GPT partition table with an EFI system partition (${formatSize(efi)}), for UEFI firmware`
      : biosBoot
        ? `GPT partition table for BIOS firmware: the disk (${describeBytes(req.diskBytes)}) is larger than the 2 TiB an MBR can address; a 1 MiB BIOS boot partition (GPT type ${GPT_TYPES.biosboot}) holds GRUB's core image, then a ${formatSize(efi)} /boot partition`
        : `MBR partition table with a ${formatSize(efi)} /boot partition for GRUB, for BIOS firmware`,
  );
  let rootBytes = avail;
  if (askedRoot !== undefined) {
    rootBytes = askedRoot;
    notes.push(
      req.separateHome
        ? `root ${formatSize(rootBytes)} as asked; /home takes the rest (${describeBytes(avail - rootBytes)})`
        : `root ${formatSize(rootBytes)} as asked; ${describeBytes(avail - rootBytes)} stay unallocated`,
    );
  } else if (req.separateHome) {
    const split = splitRootHome(avail);
    rootBytes = split.rootBytes;
    notes.push(split.note);
    notes.push(`/home takes the rest (${describeBytes(avail - rootBytes)})`);
  } else {
    notes.push(`root takes the rest of the disk (${describeBytes(avail)})`);
  }
  if (swap) notes.push(swapNote(formatSize(floorMiB(swap)), req.encrypt));
  if (req.encrypt) {
    notes.push(
      `LUKS2 encryption on root${req.separateHome ? " and /home (one passphrase)" : ""}; the passphrase is asked when the plan runs and at every boot`,
    );
  }
  const roles: { role: PartitionRole; bytes: number; rest?: boolean }[] = [
    ...(biosBoot ? [{ role: "biosboot" as const, bytes: biosBoot }] : []),
    { role: req.firmware === "uefi" ? "esp" : "boot", bytes: efi },
    ...(swap ? [{ role: "swap" as const, bytes: floorMiB(swap) }] : []),
    { role: "root", bytes: rootBytes, rest: !req.separateHome && askedRoot === undefined },
    ...(req.separateHome ? [{ role: "home" as const, bytes: avail - rootBytes, rest: true }] : []),
  ];
  const partitions = roles.map(({ role, bytes, rest }, i) =>
    plannedPartition(req, table, role, i + 1, bytes, rest ? undefined : bytes / MiB),
  );
  const subvolumes = subvolumesFor(req);
  if (subvolumes.length)
    notes.push(`btrfs subvolumes ${subvolumes.map((s) => `${s.name} (${s.mountpoint})`).join(", ")}`);
  return {
    disk: req.disk,
    firmware: req.firmware,
    table,
    filesystem: req.filesystem,
    partitions,
    notes,
    subvolumes,
  };
}

/**
 * The sfdisk script for a layout: sizes in MiB, the last partition takes the rest. For use free,
 * the `--append` script: each new partition by its device (its number), start and size, so
 * nothing lands outside the free region and the existing entries stay as they are.
 */
export function sfdiskScript(layout: Layout): string {
  const free = layout.free;
  if (free) {
    const needed = free.region.endBytes - free.region.startBytes;
    const lines = layout.partitions
      .filter((p) => !p.existing)
      .map((p) =>
        [
          `${p.device} : start=${free.placedAtRun ? freeStartValue(layout.disk, needed, p.startMiB ?? 0) : `${p.startMiB}MiB`}`,
          `size=${p.sizeMiB}MiB`,
          `type=${p.type}`,
          ...(layout.table === "gpt" ? [`name=${p.label}`] : p.role === "boot" ? ["bootable"] : []),
        ].join(", "),
      );
    return `${lines.join("\n")}\n`;
  }
  const lines = [`label: ${layout.table}`, ""];
  for (const p of layout.partitions) {
    const fields = [
      ...(p.sizeMiB !== undefined ? [`size=${p.sizeMiB}MiB`] : []),
      `type=${p.type}`,
      ...(layout.table === "gpt" ? [`name=${p.label}`] : p.role === "boot" ? ["bootable"] : []),
    ];
    lines.push(fields.join(", "));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `{{freestart:DISK:BYTES:OFFSET}}`: the executor reads DISK's table (sfdisk --json), takes its
 * largest free region, stops when it is smaller than BYTES, and writes the region's start plus
 * OFFSET MiB (steps/freeStart.ts). Used when the facts do not say where the free space starts.
 */
export function freeStartValue(disk: string, bytes: number, offsetMiB: number): string {
  return `{{freestart:${disk}:${bytes}:${offsetMiB}}}`;
}

/** Where the filesystem of a partition lives: the partition, or its LUKS mapping. */
export function fsDevice(p: PlannedPartition): string {
  return p.mapper ?? p.device;
}

/** btrfs subvolumes on the root filesystem (none for ext4 and xfs). */
export function subvolumesFor(req: { filesystem: Filesystem; separateHome: boolean }): Layout["subvolumes"] {
  return req.filesystem === "btrfs"
    ? [
        { name: "@", mountpoint: "/" },
        ...(req.separateHome ? [] : [{ name: "@home", mountpoint: "/home" }]),
        { name: "@log", mountpoint: "/var/log" },
      ]
    : [];
}

/** One partition of a layout: its device, type code, filesystem, label, mountpoint and LUKS mapping. */
export function plannedPartition(
  req: { disk: string; filesystem: Filesystem; encrypt: boolean },
  table: "gpt" | "dos",
  role: PartitionRole,
  number: number,
  sizeBytes: number,
  sizeMiB: number | undefined,
): PlannedPartition {
  const encrypted = req.encrypt && (role === "root" || role === "home");
  return {
    number,
    role,
    device: partitionDevice(req.disk, number),
    sizeBytes,
    sizeMiB,
    type: table === "gpt" ? GPT_TYPES[role] : MBR_TYPES[role],
    fstype:
      role === "esp"
        ? "vfat"
        : role === "boot"
          ? "ext4"
          : role === "swap"
            ? "swap"
            : role === "biosboot"
              ? "none"
              : req.filesystem,
    label: role === "esp" ? "ESP" : role,
    // The ESP at /boot/efi, as Rocky mounts it (bootctl and kernel-install find it there too);
    // /boot stays on the root filesystem: the installer fills the ESP with mtools, unmounted.
    mountpoint:
      role === "esp"
        ? ESP_MOUNTPOINT
        : role === "boot"
          ? "/boot"
          : role === "swap"
            ? null
            : role === "root"
              ? "/"
              : role === "biosboot"
                ? null
                : "/home",
    encrypted,
    mapper: encrypted ? `/dev/mapper/crypt${role}` : undefined,
    // Why: memory pages (open files, keys) go to swap; a plain swap beside a LUKS root would keep
    // them on the disk unencrypted and defeat the encryption the user asked for (tester 27 F16).
    ...(req.encrypt && role === "swap" ? { randomKeySwap: RANDOM_KEY_SWAP_MAPPER } : {}),
  };
}

/** The mapping of a swap encrypted with a random key (crypttab's name for it is the part after /dev/mapper/). */
export const RANDOM_KEY_SWAP_MAPPER = "/dev/mapper/cryptswap";

/** The plan's words for it, in the layout notes of a whole-disk and a free-space install. */
export function swapNote(size: string, encrypt: boolean): string {
  return encrypt
    ? `swap partition of ${size}, encrypted with a new random key at each boot (no hibernation: nothing in swap outlives a reboot)`
    : `swap partition of ${size}`;
}
