import { createHash } from "node:crypto";
import { createReadStream, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { runTool } from "../exec.js";
import type { ProfileJson } from "../profile.js";
import type { BiosBoot, UefiBoot } from "./loaders.js";

/**
 * One hybrid image with `xorriso -as mkisofs`: El Torito for CD (BIOS and UEFI), an MBR for
 * BIOS USB boot, and the FAT image appended as a GPT EFI system partition for UEFI USB boot.
 */

const ESP_GUID = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

export function xorrisoArgv(
  p: ProfileJson,
  isoTree: string,
  out: string,
  bios: BiosBoot | null,
  uefi: UefiBoot | null,
  preparer: string,
): string[] {
  const argv = [
    "xorriso",
    "-as",
    "mkisofs",
    "-iso-level",
    "3",
    "-full-iso9660-filenames",
    "-joliet",
    "-joliet-long",
    "-rational-rock",
    "-volid",
    p.iso.label,
    "-appid",
    p.iso.application,
    "-publisher",
    p.iso.publisher,
    "-preparer",
    preparer,
  ];
  if (bios?.kind === "grub") argv.push("--grub2-mbr", bios.mbr, "-partition_offset", "16");
  if (bios?.kind === "syslinux")
    argv.push("-isohybrid-mbr", bios.mbr, "--mbr-force-bootable", "-partition_offset", "16");
  if (uefi) argv.push("-append_partition", "2", ESP_GUID, uefi.efiboot, "-appended_part_as_gpt");
  if (bios) {
    argv.push(
      "-c",
      bios.catalog,
      "-b",
      bios.image,
      "-no-emul-boot",
      "-boot-load-size",
      "4",
      "-boot-info-table",
    );
    if (bios.kind === "grub") argv.push("--grub2-boot-info");
  } else {
    argv.push("-c", "boot.cat");
  }
  if (uefi) {
    if (bios) argv.push("-eltorito-alt-boot");
    argv.push("-e", "--interval:appended_partition_2:all::", "-no-emul-boot");
    if (bios?.kind === "syslinux") argv.push("-isohybrid-gpt-basdat");
  }
  argv.push("-output", out, isoTree);
  return argv;
}

export async function makeIso(argv: string[], out: string, onLine?: (l: string) => void): Promise<void> {
  rmSync(out, { force: true });
  await runTool(argv, { onLine, captureStdout: false });
}

function hashFile(file: string, algo: "sha256" | "sha512"): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash(algo);
    createReadStream(file)
      .on("data", (c) => h.update(c))
      .on("end", () => res(h.digest("hex")))
      .on("error", rej);
  });
}

/** `ISO.sha256` and `ISO.sha512` in sha256sum's format, so `sha256sum -c` checks them. */
export async function writeChecksums(iso: string): Promise<{ sha256: string; sha512: string }> {
  const [sha256, sha512] = await Promise.all([hashFile(iso, "sha256"), hashFile(iso, "sha512")]);
  writeFileSync(`${iso}.sha256`, `${sha256}  ${basename(iso)}\n`);
  writeFileSync(`${iso}.sha512`, `${sha512}  ${basename(iso)}\n`);
  return { sha256, sha512 };
}
