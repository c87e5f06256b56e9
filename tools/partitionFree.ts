import type { Disk, Facts, Partition } from "../facts/schema.js";
import { type LogicalRegion, largestFreeRegion, logicalFreeRegions, type Region } from "../facts/table.js";
import { DEFAULT_UEFI_BOOTLOADER, type UefiBootloader } from "../leviso/disk/bootloaderNames.js";
import { computeFreeLayout, PartitionSlotsError, partitionNumber } from "../leviso/disk/free-layout.js";
import type { Layout, OtherSystemEntry } from "../leviso/disk/layout.js";
import { DiskTooSmallError } from "../leviso/disk/layout.js";
import { systemsOnEsp } from "../steps/espSystems.js";
import { describeBytes, formatSize, MiB, parseSize } from "../steps/size.js";
import { DEFAULT_EFI_SIZE } from "./partitionDisk.js";

/**
 * `partitionDisk use: "free"` from the facts: which region, which ESP, which other systems; and
 * every reason to refuse before anything is written. Throws FreeSpaceRefusal (plans.ts turns it
 * into a PlanRefusal).
 */

export class FreeSpaceRefusal extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Bytes of the files a boot chain copies onto an ESP (facts.bootFiles, probed on the live system). */
export interface BootFileSizes {
  shim: number;
  grub: number;
  systemdBoot: number;
  kernel: number;
  initramfs: number;
}

/**
 * Used where the live system could not measure a file (a hand-written facts file), rounded up
 * from x86_64 builds: shim ~1.0 MB, GRUB's EFI image 2.5 MB (Rocky) to 4.2 MB (Debian's
 * monolithic one), systemd-boot ~0.14 MB, Rocky's kernel ~15 MB and its host-only dracut
 * initramfs ~40 MB (Debian's: 8 MB and 41 MB).
 */
export const REFERENCE_BOOT_FILES: BootFileSizes = {
  shim: 1.25 * MiB,
  grub: 4.5 * MiB,
  systemdBoot: 0.25 * MiB,
  kernel: 15 * MiB,
  initramfs: 40 * MiB,
};

/** A small text file (GRUB's stub, loader.conf, an entry): one FAT cluster. */
const SMALL_FILE_BYTES = 4096;

/** What a chain adds to a shared ESP, and how many bytes, for the plan and the re-check. */
export interface EspRoom {
  bytes: number;
  /** "shim and GRUB twice (the fallback path too), GRUB's stub": what the bytes are. */
  what: string;
}

/**
 * The free bytes a shared ESP needs for the chosen chain, from the files it adds (issue 15):
 * shim → GRUB keeps the kernels on the root filesystem and puts only shim, GRUB and the stub on
 * the ESP (twice with the fallback path), except on an encrypted root, where the kernel and
 * initramfs go there too; systemd-boot needs its binary, loader.conf, the entries and the kernel
 * and initramfs. Plus a tenth: a newer kernel is usually a little larger, and FAT rounds every
 * file up to its cluster. Rounded up to a MiB.
 */
export function espRoomFor(
  chain: UefiBootloader,
  opts: { encrypt: boolean; fallback: boolean; sdboot: boolean; entries: number },
  sizes: BootFileSizes,
): EspRoom {
  const copies = opts.fallback ? 2 : 1;
  const kernel = sizes.kernel + sizes.initramfs + SMALL_FILE_BYTES;
  let bytes: number;
  let what: string;
  if (chain === "grub") {
    bytes = copies * (sizes.shim + sizes.grub + SMALL_FILE_BYTES) + (opts.encrypt ? kernel : 0);
    what = `shim and GRUB${copies === 2 ? " twice (the fallback path too)" : ""}, GRUB's stub${opts.encrypt ? ", and the kernel and initramfs (GRUB cannot read the encrypted root)" : "; the kernels stay on the root filesystem"}`;
  } else {
    const binaries = (opts.sdboot ? 1 : 0) + (opts.fallback ? 1 : 0);
    bytes = binaries * sizes.systemdBoot + (1 + opts.entries) * SMALL_FILE_BYTES + kernel;
    what = `${binaries ? `systemd-boot${binaries === 2 ? " twice (the fallback path too)" : ""}, ` : ""}its entries, the kernel and the initramfs`;
  }
  return { bytes: Math.ceil((bytes * 1.1) / MiB) * MiB, what };
}

/** The measured sizes where the facts have them, the reference sizes for the rest. */
export function bootFileSizes(facts: Facts): BootFileSizes {
  return { ...REFERENCE_BOOT_FILES, ...(facts.bootFiles ?? {}) };
}

const CHAIN_NAME: Record<UefiBootloader, string> = {
  grub: "the shim → GRUB chain",
  "systemd-boot": "systemd-boot",
};

/** One line per partition for the plan: path, size, label, what is on it. */
export function describePartition(
  p: Pick<Partition, "path" | "sizeBytes" | "label" | "fstype" | "os">,
): string {
  return `${p.path} (${formatSize(p.sizeBytes)}${p.fstype ? ` ${p.fstype}` : ""}${p.label ? ` "${p.label}"` : ""}${p.os ? `, ${p.os}` : ""})`;
}

/**
 * The other systems for the boot menu: UEFI from the shared ESP's loaders (Windows Boot Manager,
 * each Linux by its EFI directory, named after the os-release found on the disk when one matches),
 * BIOS from the partitions a system was found on.
 */
export function otherSystemsOf(disk: Disk, firmware: "uefi" | "bios", esp?: Partition): OtherSystemEntry[] {
  const parts = disk.partitions ?? [];
  const linuxes = parts.filter((p) => p.os && !/windows/i.test(p.os) && !p.esp);
  if (firmware === "bios") {
    return parts
      .filter((p) => p.os && !p.esp)
      .map((p) => ({
        name: p.os as string,
        kind: /windows/i.test(p.os as string) ? ("windows" as const) : ("linux" as const),
        partition: p.path,
      }));
  }
  if (!esp) return [];
  return systemsOnEsp(
    esp.loaders ?? [],
    linuxes.map((p) => ({ name: p.os as string, partition: p.path })),
    esp.path,
  );
}

export interface FreeArgs {
  disk: string;
  filesystem: "ext4" | "btrfs" | "xfs";
  rootSize?: string;
  swapSize?: string;
  encrypt: boolean;
  separateHome: boolean;
  /** Absent: 1G for a new ESP; with use free, given asks for a second ESP when the disk's own cannot be shared. */
  efiSize?: string;
  bootloader?: UefiBootloader;
}

export function freeSpaceLayout(args: FreeArgs, facts: Facts, disk: Disk): Layout {
  const parts = disk.partitions;
  if (parts === undefined)
    throw new FreeSpaceRefusal(
      `the facts do not list the partitions of ${disk.path}, so I cannot tell what to keep on it`,
      "use",
      "run the installer without --facts, so that it reads the disks itself; or list the disk's partitions (and its freeBytes) in the facts file",
    );
  // CONTRACTS §4: a partition's place on the disk is optional, freeBytes says how much is free.
  const unplaced = parts.some((p) => p.startBytes === undefined);
  if (unplaced) unplacedProblem(disk, parts);
  if (!disk.table)
    throw new FreeSpaceRefusal(
      `${disk.path} has no partition table, so there is no other system to keep and no free region to use`,
      "use",
      "install on the whole disk (use whole), which creates the table",
    );
  const biosBoot = parts.find((p) => (p.type ?? "").toUpperCase() === BIOS_BOOT_TYPE);
  if (facts.firmware === "bios" && disk.table === "gpt" && biosBoot)
    throw new FreeSpaceRefusal(
      `${disk.path} already has a BIOS boot partition (${biosBoot.path}): the other system's GRUB keeps its core image there, and GRUB for the new system would overwrite it`,
      "use",
      "boot the installer in UEFI mode, or install on the whole disk (use whole)",
    );
  const region = unplaced
    ? regionByFreeBytes(disk)
    : largestFreeRegion({ sizeBytes: disk.sizeBytes, table: disk.table, partitions: parts });
  // MBR: free space after the last logical partition of an extended one takes new logical ones.
  const logical = unplaced ? [] : logicalFreeRegions({ table: disk.table, partitions: parts });
  const tail = logical.filter((r) => r.tail).sort((a, b) => bytesOf(b) - bytesOf(a))[0];
  const gap = logical.filter((r) => !r.tail).sort((a, b) => bytesOf(b) - bytesOf(a))[0];
  /** The free space that counts lies between logical partitions, where none is added. */
  const betweenLogicals = (g: LogicalRegion) =>
    new FreeSpaceRefusal(
      `${disk.path}'s free space (${describeBytes(bytesOf(g))}) lies between logical partitions of its extended partition ${g.extended}; new logical partitions are only added after the last one (the kernel numbers logical partitions in their chain's order)`,
      "use",
      "make free space at the end of the extended partition or outside it with the other system's tools, or install on the whole disk (use whole)",
    );
  if (!region && !tail && gap) throw betweenLogicals(gap);
  if (!region && !tail)
    throw new FreeSpaceRefusal(
      `${disk.path} has no free space: its partitions fill the disk`,
      "use",
      "make room with the other system's own tools (Windows: Disk Management, Shrink Volume), then probe again; or erase the whole disk (use whole). Shrinking is not offered here",
    );
  let esp: Partition | undefined;
  /** The ESP on the disk that the new system cannot share (too full, or not FAT): it gets its own. */
  let unshared: { esp: Partition; why: string } | undefined;
  let room: EspRoom | undefined;
  if (facts.firmware === "uefi") {
    esp = parts.find((p) => p.esp && p.fstype === "vfat");
    const odd = parts.find((p) => p.esp && p.fstype !== "vfat");
    const chain = args.bootloader ?? DEFAULT_UEFI_BOOTLOADER;
    if (esp) {
      const have = new Set((esp.loaders ?? []).map((l) => l.toLowerCase()));
      room = espRoomFor(
        chain,
        {
          encrypt: args.encrypt,
          fallback: !have.has("efi/boot/bootx64.efi"),
          sdboot: !have.has("efi/systemd/systemd-bootx64.efi"),
          entries: otherSystemsOf(disk, facts.firmware, esp).length + 1,
        },
        bootFileSizes(facts),
      );
    }
    if (!esp && odd)
      unshared = {
        esp: odd,
        why: `${odd.path} is marked as an EFI system partition but holds ${odd.fstype ?? "no filesystem"}, not FAT`,
      };
    else if (esp && room && esp.fsFreeBytes !== undefined && esp.fsFreeBytes < room.bytes) {
      unshared = {
        esp,
        why: `the EFI system partition ${esp.path} has ${formatSize(Math.floor(esp.fsFreeBytes / MiB) * MiB)} free; ${CHAIN_NAME[chain]} needs ${formatSize(room.bytes)} there (${room.what})`,
      };
      esp = undefined;
    }
    // The contract reuses the disk's ESP; one that cannot be is refused before anything is written,
    // unless the call gave efiSize: then it asks for a second ESP in the free space.
    if (unshared && args.efiSize === undefined)
      throw new FreeSpaceRefusal(
        `${unshared.why}: the new system cannot share it, and nothing was written`,
        "use",
        `${unshared.esp.fstype === "vfat" ? `make room on ${unshared.esp.path} with the other system's tools${chain === "systemd-boot" || args.encrypt ? ", or use the default shim → GRUB chain without encryption, which puts only shim and GRUB there" : ""}; or ` : ""}give efiSize (e.g. efiSize 512M) to create a second EFI system partition for the new system in the free space (the other system's ESP stays untouched); or install on the whole disk (use whole)`,
      );
  }
  const usedNumbers = parts
    .map((p) => partitionNumber(disk.path, p.path))
    .filter((n): n is number => n !== undefined);
  const table = disk.table;
  const freeLayoutIn = (region: Region, logicalIn?: string): Layout =>
    computeFreeLayout({
      disk: disk.path,
      firmware: facts.firmware,
      filesystem: args.filesystem,
      table,
      region: { startBytes: region.startBytes, endBytes: region.endBytes },
      ...(logicalIn ? { logicalIn } : {}),
      usedNumbers,
      reuseEsp: esp ? { device: esp.path, number: partitionNumber(disk.path, esp.path) ?? 1 } : undefined,
      swapBytes: args.swapSize ? parseSize(args.swapSize) : undefined,
      encrypt: args.encrypt,
      separateHome: args.separateHome,
      efiBytes: parseSize(args.efiSize ?? DEFAULT_EFI_SIZE),
      rootBytes: args.rootSize ? parseSize(args.rootSize) : undefined,
      kept: parts.map((p) => ({
        path: p.path,
        sizeBytes: p.sizeBytes,
        label: p.label,
        fstype: p.fstype,
        ...(p.os ? { os: p.os } : {}),
        ...(p.type ? { type: p.type } : {}),
      })),
      espFiles: esp?.loaders,
      espRoomBytes: esp ? room?.bytes : undefined,
      ...(unshared ? { ownEspBecause: unshared.why } : {}),
      // Beside an ESP it does not share, the other systems' loaders stay on theirs (foreignEsp).
      otherSystems: unshared
        ? otherSystemsOf(disk, facts.firmware, unshared.esp.fstype === "vfat" ? unshared.esp : undefined).map(
            (o) => ({ ...o, foreignEsp: true }),
          )
        : otherSystemsOf(disk, facts.firmware, esp),
    });
  const inLogicals = (r: LogicalRegion): Layout => {
    if (facts.firmware === "uefi" && !esp)
      throw new FreeSpaceRefusal(
        `${disk.path}'s free space is inside its extended partition ${r.extended}, and the new system needs an EFI system partition there, which must be a primary partition (firmware does not look into logical ones)`,
        "use",
        "make free space outside the extended partition with the other system's tools (shrink or move it), or install on the whole disk (use whole)",
      );
    return freeLayoutIn(r, r.extended);
  };
  let layout: Layout;
  if (!region) layout = inLogicals(tail as LogicalRegion);
  else
    try {
      layout = freeLayoutIn(region);
    } catch (e) {
      // No room, or no primary slot, outside the extended partition: logical ones at its end.
      const better =
        tail &&
        ((e instanceof DiskTooSmallError && bytesOf(tail) > bytesOf(region)) ||
          e instanceof PartitionSlotsError);
      if (better) layout = inLogicals(tail);
      else if (e instanceof DiskTooSmallError && gap && bytesOf(gap) > bytesOf(region))
        throw betweenLogicals(gap);
      else throw e;
    }
  if (unplaced && layout.free) {
    layout.free.placedAtRun = true;
    const need = layout.free.region.endBytes - layout.free.region.startBytes;
    layout.notes[0] = `installs into the largest free region of ${disk.path} (${describeBytes(disk.freeBytes ?? 0)} by the facts, which do not say where it starts): the region is read from the disk (sfdisk --json) when the plan runs, and the install stops before writing anything if it is smaller than ${describeBytes(need)}; the ${disk.table === "gpt" ? "GPT" : "MBR"} table and its ${parts.length} partition${parts.length === 1 ? "" : "s"} stay`;
  }
  if (esp) {
    const shared = layout.partitions.find((p) => p.existing);
    if (shared) shared.sizeBytes = esp.sizeBytes;
    // The facts do not say what is on the ESP: the menu lists what is found there at run time,
    // never "no other system" beside a system the facts name (tester 27 F2).
    if (esp.loaders === undefined)
      layout.otherSystemsAtRun = {
        esp: esp.path,
        named: parts.filter((p) => p.os && !p.esp && !/windows/i.test(p.os)).map((p) => p.os as string),
      };
  }
  for (const p of parts) {
    if (p.fstype === "BitLocker")
      layout.notes.unshift(
        `${describePartition(p)} is BitLocker-encrypted: it stays untouched, but Windows may ask for its recovery key once after the boot menu changes; have the key at hand, or suspend BitLocker in Windows first`,
      );
    else if (!p.fstype && !p.esp && !KNOWN_EMPTY_TYPES.has((p.type ?? "").toUpperCase()))
      layout.notes.push(
        `${describePartition(p)} holds nothing this installer recognises; it stays untouched`,
      );
  }
  if (esp?.loaders?.some((l) => l.toLowerCase() === "efi/boot/bootx64.efi"))
    layout.notes.push(
      `${esp.path} keeps EFI/BOOT/BOOTX64.EFI, the other system's fallback loader: this machine's firmware boots the new system through its own boot entry (efibootmgr), and the other system stays in the firmware's boot order`,
    );
  if (unshared && layout.otherSystems?.length)
    layout.notes.push(
      `${layout.otherSystems.map((o) => o.name).join(", ")} stay${layout.otherSystems.length === 1 ? "s" : ""} on ${unshared.esp.path}: GRUB lists ${layout.otherSystems.length === 1 ? "it" : "them"} by that partition's UUID; systemd-boot starts programs from its own ESP only, so with it choose the other system in the firmware's boot menu`,
    );
  if (facts.firmware === "bios")
    layout.notes.push(
      disk.table === "gpt"
        ? "GRUB replaces the boot code in the protective MBR (the first 440 bytes) and keeps its core image in the new BIOS boot partition; the other systems are in its menu"
        : "GRUB replaces the boot code in the MBR (the first 440 bytes) and uses the gap before the first partition; the other systems are in its menu",
    );
  return layout;
}

/**
 * Facts shaped as CONTRACTS §4 gives them (partitions without their place, `freeBytes`): the free
 * region's size is known, its place is read from the disk when the plan runs. Refused where the
 * size alone cannot be trusted: no `freeBytes`, or an MBR with logical partitions (the free space
 * may lie inside the extended partition, where other rules apply).
 */
function unplacedProblem(disk: Disk, parts: Partition[]): void {
  const remedy =
    "run the installer without --facts, so that it reads the disk itself; or give each partition its startBytes in the facts file";
  if (disk.freeBytes === undefined)
    throw new FreeSpaceRefusal(
      `the facts say neither where the partitions of ${disk.path} are nor how much of it is free`,
      "use",
      remedy,
    );
  if (disk.table === "dos" && parts.some((p) => (partitionNumber(disk.path, p.path) ?? 0) > 4))
    throw new FreeSpaceRefusal(
      `${disk.path} has logical partitions and the facts do not say where they are, so I cannot tell whether its free space is inside the extended partition`,
      "use",
      remedy,
    );
}

/**
 * The free region by its size alone, from offset 0: the new partitions' starts are offsets inside
 * it. 2 MiB less than `freeBytes`: the region found on the disk is aligned to 1 MiB at both ends.
 */
function regionByFreeBytes(disk: Disk): Region | undefined {
  const bytes = Math.floor((disk.freeBytes ?? 0) / MiB) * MiB - 2 * MiB;
  return bytes >= MiB ? { startBytes: 0, endBytes: bytes } : undefined;
}

/** GPT's BIOS boot partition: GRUB (i386-pc) embeds its core image in it. */
const BIOS_BOOT_TYPE = "21686148-6449-6E6F-744E-656564454649";

/** Partitions that hold no filesystem by design: Microsoft reserved, BIOS boot, MBR extended. */
const KNOWN_EMPTY_TYPES = new Set(["E3C9E316-0B5C-4DB8-817D-F92DF00215AE", BIOS_BOOT_TYPE, "5", "F", "85"]);

const bytesOf = (r: Region) => r.endBytes - r.startBytes;
