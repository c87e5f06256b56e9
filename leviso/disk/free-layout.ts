import { describeBytes, formatSize, MiB } from "../../steps/size.js";
import {
  BIOS_BOOT_BYTES,
  DiskTooSmallError,
  type Filesystem,
  type Firmware,
  type FreeSpaceUse,
  floorMiB,
  type Layout,
  LayoutError,
  MBR_MAX_BYTES,
  MIN_EFI_BYTES,
  MIN_HOME_BYTES,
  MIN_ROOT_BYTES,
  type OtherSystemEntry,
  type PartitionRole,
  type PlannedPartition,
  partitionDevice,
  plannedPartition,
  splitRootHome,
  subvolumesFor,
  swapNote,
} from "./layout.js";

/**
 * `partitionDisk use: "free"`: the new partitions go into one unallocated region of a disk that
 * keeps its table and every partition. Each new partition has an explicit start and size inside
 * the region (sfdisk --append), so no byte outside it is written but the table's entries.
 */

export interface FreeLayoutRequest {
  disk: string;
  firmware: Firmware;
  filesystem: Filesystem;
  table: "gpt" | "dos";
  region: FreeSpaceUse["region"];
  /** Numbers of the partitions the disk has (new ones take the lowest free numbers). */
  usedNumbers: number[];
  /** The ESP the new system shares (UEFI); absent: a new one is created in the region. */
  reuseEsp?: { device: string; number: number };
  swapBytes?: number;
  encrypt: boolean;
  separateHome: boolean;
  /** A new ESP (UEFI, none on the disk) or the /boot partition (BIOS). */
  efiBytes: number;
  rootBytes?: number;
  kept: FreeSpaceUse["kept"];
  espFiles?: string[];
  espRoomBytes?: number;
  /** UEFI: why the ESP on the disk is not shared (too full, not FAT); a second ESP is created. */
  ownEspBecause?: string;
  /**
   * MBR: the region is inside this extended partition, after its last logical partition: the new
   * partitions are logical ones, numbered after the last, each with 1 MiB before it for its EBR.
   */
  logicalIn?: string;
  otherSystems?: OtherSystemEntry[];
}

export { BIOS_BOOT_BYTES } from "./layout.js";

/** GPT has 128 entries; an MBR has 4 primary partitions (logical ones: see `logicalIn`). */
const MAX_NUMBER = { gpt: 128, dos: 4 } as const;
/** Linux reads logical partitions up to number 60 at most on an MBR (and fdisk's limit is lower in practice). */
const MAX_LOGICAL = 60;

export class PartitionSlotsError extends LayoutError {}

/**
 * An MBR's entries cannot start or end past 2 TiB: free space beyond it on an MBR disk is out of
 * reach, so the region is cut there (a partition written past it would wrap and overwrite the
 * start of the disk, or sfdisk would refuse after the plan was agreed).
 */
function withinMbrReach(req: FreeLayoutRequest): { req: FreeLayoutRequest; cut: boolean } {
  if (req.table !== "dos" || req.region.endBytes <= MBR_MAX_BYTES) return { req, cut: false };
  const endBytes = Math.max(req.region.startBytes, MBR_MAX_BYTES);
  return { req: { ...req, region: { ...req.region, endBytes } }, cut: true };
}

export function computeFreeLayout(asked: FreeLayoutRequest): Layout {
  const { req, cut } = withinMbrReach(asked);
  const regionBytes = req.region.endBytes - req.region.startBytes;
  const swap = floorMiB(req.swapBytes ?? 0);
  if (req.swapBytes !== undefined && req.swapBytes > 0 && req.swapBytes < MiB)
    throw new LayoutError("swapSize must be at least 1M");
  const needsBootPart = req.firmware === "bios" || !req.reuseEsp;
  // BIOS on GPT: no gap before the first partition to hold GRUB's core, so a BIOS boot partition
  const biosBoot = req.firmware === "bios" && req.table === "gpt" ? BIOS_BOOT_BYTES : 0;
  const efi = needsBootPart ? floorMiB(req.efiBytes) : 0;
  if (needsBootPart && efi < MIN_EFI_BYTES)
    throw new LayoutError(
      `efiSize ${formatSize(req.efiBytes)} is too small: the ${req.firmware === "uefi" ? "EFI system" : "boot"} partition holds the kernel and initramfs and needs at least ${formatSize(MIN_EFI_BYTES)}`,
    );
  const askedRoot = req.rootBytes !== undefined ? floorMiB(req.rootBytes) : undefined;
  if (askedRoot !== undefined && askedRoot < MIN_ROOT_BYTES)
    throw new LayoutError(
      `rootSize ${formatSize(req.rootBytes as number)} is too small: root needs at least ${formatSize(MIN_ROOT_BYTES)}`,
    );

  const roles: PartitionRole[] = [
    ...(biosBoot ? ["biosboot" as const] : []),
    ...(needsBootPart ? [req.firmware === "uefi" ? ("esp" as const) : ("boot" as const)] : []),
    ...(swap ? ["swap" as const] : []),
    "root",
    ...(req.separateHome ? ["home" as const] : []),
  ];
  if (req.logicalIn && roles.includes("esp"))
    throw new LayoutError(
      `${req.disk}'s free space is inside its extended partition ${req.logicalIn}, and an EFI system partition must be a primary partition (firmware does not look into logical ones)`,
    );
  const numbers: number[] = [];
  if (req.logicalIn) {
    // Logical partitions are numbered in their chain's order: the new ones come after the last.
    const next = Math.max(4, ...req.usedNumbers) + 1;
    for (let n = next; numbers.length < roles.length && n <= MAX_LOGICAL; n++) numbers.push(n);
  } else
    for (let n = 1; numbers.length < roles.length && n <= MAX_NUMBER[req.table]; n++)
      if (!req.usedNumbers.includes(n)) numbers.push(n);
  if (numbers.length < roles.length) {
    throw new PartitionSlotsError(
      req.table === "dos"
        ? `${req.disk} has an MBR partition table with ${req.usedNumbers.filter((n) => n <= 4).length} primary partitions; an MBR holds 4, and this layout needs ${roles.length} more (${roles.join(", ")})`
        : `${req.disk}'s GPT has no free entry left for ${roles.length} new partitions`,
    );
  }

  // Each logical partition after the first needs 1 MiB before it for its EBR (the region's start
  // already leaves the first one's).
  const ebrs = req.logicalIn ? (roles.length - 1) * MiB : 0;
  const fixed = biosBoot + efi + swap + ebrs;
  const required = fixed + (askedRoot ?? MIN_ROOT_BYTES) + (req.separateHome ? MIN_HOME_BYTES : 0);
  if (regionBytes < required) {
    const parts = [
      ...(ebrs ? [`${formatSize(ebrs)} for the logical partitions' EBRs`] : []),
      ...(biosBoot ? ["1M BIOS boot"] : []),
      ...(efi ? [`${formatSize(efi)} ${req.firmware === "uefi" ? "EFI" : "boot"}`] : []),
      ...(swap ? [`${formatSize(swap)} swap`] : []),
      askedRoot !== undefined
        ? `${formatSize(askedRoot)} root`
        : `${formatSize(MIN_ROOT_BYTES)} root at least`,
      ...(req.separateHome ? [`${formatSize(MIN_HOME_BYTES)} /home at least`] : []),
    ];
    const e = new DiskTooSmallError(req.disk, regionBytes, required, parts.join(" + "));
    e.message = `the largest free region of ${req.disk} is too small for this layout: it has ${describeBytes(regionBytes)}, the layout needs at least ${describeBytes(required)} (${parts.join(" + ")})`;
    throw e;
  }

  const avail = floorMiB(regionBytes - fixed);
  const notes: string[] = [
    `installs into the free space of ${req.disk}: ${describeBytes(regionBytes)} from ${formatSize(req.region.startBytes)} to ${formatSize(req.region.endBytes)}; the ${req.table === "gpt" ? "GPT" : "MBR"} table and its ${req.kept.length} partition${req.kept.length === 1 ? "" : "s"} stay`,
  ];
  if (cut)
    notes.push(
      `only the free space below 2 TiB is used: an MBR cannot address past it (${describeBytes(asked.region.endBytes - req.region.endBytes)} beyond stay unallocated)`,
    );
  if (req.logicalIn)
    notes.push(
      `the new partitions are logical ones inside the extended partition ${req.logicalIn}, after its last logical partition (numbered from ${numbers[0]}, each with its 1 MiB extended boot record before it); sfdisk --append adds them to the chain of extended boot records, and every partition's data stays as it is`,
    );
  if (req.reuseEsp)
    notes.push(
      `the existing EFI system partition ${req.reuseEsp.device} is shared: files are added, none on it is changed`,
    );
  else if (req.firmware === "uefi" && req.ownEspBecause)
    notes.push(
      `a second EFI system partition (${formatSize(efi)}) for the new system in the free space, as efiSize asks: ${req.ownEspBecause}, so it is not shared and stays untouched; the firmware starts the new system through its own boot entry, and the other system's boot entry stays`,
    );
  else if (req.firmware === "uefi")
    notes.push(`a new EFI system partition (${formatSize(efi)}): the disk has none`);
  else notes.push(`a ${formatSize(efi)} /boot partition for GRUB`);
  if (biosBoot)
    notes.push(
      "a 1 MiB BIOS boot partition (GPT type 21686148-6449-6E6F-744E-656564454649) at the start of the free space: GRUB for BIOS keeps its core image there, since a GPT disk has no gap before its first partition",
    );
  let rootBytes = avail;
  if (askedRoot !== undefined) {
    rootBytes = askedRoot;
    notes.push(
      req.separateHome
        ? `root ${formatSize(rootBytes)} as asked; /home takes the rest (${describeBytes(avail - rootBytes)})`
        : `root ${formatSize(rootBytes)} as asked; ${describeBytes(avail - rootBytes)} of the free space stay unallocated`,
    );
  } else if (req.separateHome) {
    const split = splitRootHome(avail);
    rootBytes = split.rootBytes;
    notes.push(split.note, `/home takes the rest (${describeBytes(avail - rootBytes)})`);
  } else notes.push(`root takes the rest of the free space (${describeBytes(avail)})`);
  if (swap) notes.push(swapNote(formatSize(swap), req.encrypt));
  if (req.encrypt)
    notes.push(
      `LUKS2 encryption on root${req.separateHome ? " and /home (one passphrase)" : ""}; the passphrase is asked when the plan runs and at every boot`,
    );

  let at = req.region.startBytes;
  const partitions: PlannedPartition[] = roles.map((role, i) => {
    const bytes =
      role === "biosboot"
        ? biosBoot
        : role === "esp" || role === "boot"
          ? efi
          : role === "swap"
            ? swap
            : role === "root"
              ? rootBytes
              : avail - rootBytes;
    const p = {
      ...plannedPartition(req, req.table, role, numbers[i] as number, bytes, bytes / MiB),
      startMiB: at / MiB,
    };
    at += bytes + (req.logicalIn ? MiB : 0);
    return p;
  });
  if (at - (req.logicalIn ? MiB : 0) > req.region.endBytes)
    throw new Error("free layout overruns its region (sizing bug)");
  if (req.reuseEsp) {
    partitions.unshift({
      ...plannedPartition(req, req.table, "esp", req.reuseEsp.number, 0, undefined),
      device: req.reuseEsp.device,
      existing: true,
    });
  }
  const subvolumes = subvolumesFor(req);
  if (subvolumes.length)
    notes.push(`btrfs subvolumes ${subvolumes.map((s) => `${s.name} (${s.mountpoint})`).join(", ")}`);
  return {
    disk: req.disk,
    firmware: req.firmware,
    table: req.table,
    filesystem: req.filesystem,
    partitions,
    notes,
    subvolumes,
    free: {
      region: req.region,
      ...(req.logicalIn ? { logicalIn: req.logicalIn } : {}),
      kept: req.kept,
      ...(req.espFiles ? { espFiles: req.espFiles } : {}),
      ...(req.espRoomBytes !== undefined ? { espRoomBytes: req.espRoomBytes } : {}),
    },
    otherSystems: req.otherSystems ?? [],
  };
}

/** The number of a partition device (/dev/sda3 → 3, /dev/nvme0n1p2 → 2). */
export function partitionNumber(disk: string, device: string): number | undefined {
  for (let n = 1; n <= 128; n++) if (partitionDevice(disk, n) === device) return n;
  const m = /(\d+)$/.exec(device);
  return m ? Number(m[1]) : undefined;
}
