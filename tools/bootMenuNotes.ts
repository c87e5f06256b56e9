import type { Facts } from "../facts/schema.js";
import type { UefiBootloader } from "../leviso/disk/bootloaderNames.js";
import type { Layout, PlannedPartition } from "../leviso/disk/layout.js";
import { describeBytes } from "../steps/size.js";
import { describePartition } from "./partitionFree.js";

/**
 * The plan's words about booting: what the new boot menu lists, and what the firmware starts.
 * A person installing beside another system must learn from the plan how to reach it afterwards
 * (tester 27 F2, F31): never "no other system" beside a system the facts name.
 */

/** Where a new partition lies: in the free region found when the plan runs, or at a known offset. */
export function placeOfNew(p: PlannedPartition, placedAtRun: boolean | undefined): string {
  if (!placedAtRun) return `at ${p.startMiB} MiB`;
  return p.startMiB
    ? `${p.startMiB} MiB after the start of the free region`
    : "at the start of the free region";
}

/** use free, in plain words: what stays untouched, what is created where, what the boot menu lists. */
export function alongsideNotes(layout: Layout, bootloader: UefiBootloader): string[] {
  const free = layout.free;
  if (!free) return [];
  const created = layout.partitions.filter((p) => !p.existing);
  return [
    `untouched: ${free.kept.map(describePartition).join(", ") || "nothing was on the disk"}`,
    `created in the free space: ${created.map((p) => `${p.device} ${p.role} ${describeBytes(p.sizeBytes)} ${placeOfNew(p, free.placedAtRun)}`).join(", ")}`,
    bootMenuNote(layout, bootloader),
  ];
}

function bootMenuNote(layout: Layout, bootloader: UefiBootloader): string {
  const others = layout.otherSystems ?? [];
  const named = (layout.free?.kept ?? []).filter((k) => k.os).map((k) => `${k.os} on ${k.path}`);
  const atRun = layout.otherSystemsAtRun;
  if (atRun && layout.firmware === "uefi") {
    const facts = named.length ? `; the facts name ${named.join(", ")}` : "";
    if (bootloader === "grub")
      return `boot menu: the new system first, then the other systems whose boot loaders are on ${atRun.esp} when it runs (the facts do not list that partition's files, so it is read then${facts}): GRUB starts each one's own loader, e.g. menuentry '${atRun.named[0] ?? "NAME"}' { search --no-floppy --fs-uuid --set=root UUID-of-${atRun.esp}; chainloader /EFI/DIRECTORY/shimx64.efi }`;
    return `boot menu: systemd-boot lists the new system only (it starts only loaders the plan names, and the facts do not list the files on ${atRun.esp}${facts}): start the other systems from the firmware's boot menu (a key at power-on, often F12, F8 or Esc), or choose bootloader grub, which lists what it finds there`;
  }
  if (others.length) return `boot menu: the new system first, then ${others.map((o) => o.name).join(", ")}`;
  if (named.length)
    return `boot menu: the new system only: no boot loader of ${named.join(", ")} was found on the EFI system partition it shares; start ${named.length === 1 ? "it" : "them"} from the firmware's boot menu (a key at power-on, often F12, F8 or Esc)`;
  return "boot menu: no other system was found to list";
}

const fixed = (facts: Facts) =>
  facts.disks.filter((d) => !d.liveMedium && !d.removable && d.transport !== "usb" && d.transport !== "loop");

/**
 * Systems on other disks than the one installed to: the new boot menu does not list them (its
 * GRUB or systemd-boot knows only its own disk); they stay reachable from the firmware. And a
 * BIOS starts the first disk of its own boot order, which the installer can neither read nor
 * change (UEFI gets a boot entry): installing on another disk than the first must say so.
 */
export function otherDisksNotes(facts: Facts, layout: Layout): string[] {
  const notes: string[] = [];
  const disks = fixed(facts);
  const elsewhere = disks
    .filter((d) => d.path !== layout.disk)
    .flatMap((d) => (d.partitions ?? []).filter((p) => p.os && !p.esp).map((p) => `${p.os} on ${d.path}`));
  if (elsewhere.length)
    notes.push(
      `boot menu: ${elsewhere.join(", ")} ${elsewhere.length === 1 ? "is" : "are"} on another disk and not in the new boot menu; ${elsewhere.length === 1 ? "it stays" : "they stay"} as ${elsewhere.length === 1 ? "it is" : "they are"}: start ${elsewhere.length === 1 ? "it" : "them"} from the firmware's boot menu (a key at power-on, often F12, F8 or Esc)`,
    );
  const first = disks[0];
  if (layout.firmware === "bios" && first && first.path !== layout.disk) {
    const target = facts.disks.find((d) => d.path === layout.disk);
    notes.push(
      `GRUB goes on ${layout.disk}'s MBR; a BIOS starts the first disk of its own boot order (often ${first.path}), which the installer cannot change: set ${layout.disk}${target?.model ? ` (${target.model})` : ""} first in the BIOS setup, or pick it from the boot menu (a key at power-on, often F12, F8 or Esc)`,
    );
  }
  return notes;
}
