import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { resolveConfined } from "../../recipe/paths.js";
import { runInRoot, runTool } from "../exec.js";
import type { ProfileJson } from "../profile.js";
import { ISO_INITRD, ISO_KERNEL } from "./kernel.js";

/**
 * Boot loaders from the root's files (the source RPMs: grub2-pc-modules, grub2-efi-x64-modules,
 * shim/grub2-efi-x64, syslinux): GRUB El Torito or ISOLINUX for BIOS, and a FAT efiboot.img
 * (made with mkfs.fat + mtools, no mounting) holding EFI/BOOT/BOOTX64.EFI for UEFI.
 */

export const GRUB_DIR = "boot/grub";
export const ELTORITO_IMG = "boot/grub/i386-pc/eltorito.img";
export const ISOLINUX_DIR = "isolinux";
export const EFIBOOT_IMG = "efiboot.img";

export function kernelCmdline(p: ProfileJson): string {
  return `root=live:CDLABEL=${p.iso.label} rd.live.image${p.boot.cmdline ? ` ${p.boot.cmdline}` : ""}`;
}

function menuTitle(p: ProfileJson): string {
  return `${p.iso.application} ${p.iso.version}`.replace(/['"\\]/g, "");
}

/** The one GRUB menu for BIOS and UEFI, at /boot/grub/grub.cfg on the ISO. */
export function grubConfig(p: ProfileJson): string {
  // When the kernel talks to a serial console, so does the menu (headless machines, QEMU tests).
  const serial = /(^|\s)console=ttyS(\d+)(,(\d+))?/.exec(p.boot.cmdline);
  const serialLines = serial
    ? [
        `serial --unit=${serial[2]} --speed=${serial[4] ?? "115200"}`,
        "terminal_input serial console",
        "terminal_output serial console",
      ]
    : [];
  return [
    "# Written by leviso.",
    ...serialLines,
    `set default=0`,
    `set timeout=${p.boot.timeoutSeconds}`,
    `search --no-floppy --set=root --label ${p.iso.label}`,
    "insmod all_video",
    "",
    `menuentry '${menuTitle(p)}' --id live {`,
    `  linux /${ISO_KERNEL} ${kernelCmdline(p)}`,
    `  initrd /${ISO_INITRD}`,
    "}",
    "",
    `menuentry '${menuTitle(p)} (check the medium first)' --id check {`,
    `  linux /${ISO_KERNEL} ${kernelCmdline(p)} rd.live.check`,
    `  initrd /${ISO_INITRD}`,
    "}",
    "",
  ].join("\n");
}

/** Embedded in each GRUB image, and EFI/BOOT/grub.cfg: find the medium by label, then the menu. */
export function grubEarlyConfig(p: ProfileJson, thenLoadMenu = true): string {
  return [
    `search --no-floppy --set=root --label ${p.iso.label}`,
    `set prefix=($root)/${GRUB_DIR}`,
    ...(thenLoadMenu ? ["configfile $prefix/grub.cfg"] : []),
    "",
  ].join("\n");
}

export function isolinuxConfig(p: ProfileJson): string {
  return [
    "# Written by leviso.",
    "DEFAULT live",
    "PROMPT 1",
    `TIMEOUT ${Math.max(1, p.boot.timeoutSeconds * 10)}`,
    "",
    "LABEL live",
    `  MENU LABEL ${menuTitle(p)}`,
    `  KERNEL /${ISO_KERNEL}`,
    `  APPEND initrd=/${ISO_INITRD} ${kernelCmdline(p)}`,
    "",
  ].join("\n");
}

/**
 * Kept small on purpose: cdboot.img under SeaBIOS did not start a 114 KiB El Torito core (no
 * "Welcome to GRUB!"), while 31 KiB ones boot. Everything else loads from /boot/grub/i386-pc on
 * the medium once the early config has set the prefix; normal mode then reads grub.cfg.
 */
const BIOS_MODULES = ["biosdisk", "iso9660", "part_msdos", "part_gpt", "search", "search_label"];
const EFI_MODULES = [
  "part_gpt",
  "part_msdos",
  "fat",
  "iso9660",
  "normal",
  "search",
  "search_label",
  "search_fs_file",
  "configfile",
  "linux",
  "echo",
  "test",
  "ls",
  "cat",
  "all_video",
  "efi_gop",
  "boot",
];

function hostCommand(names: string[]): string | null {
  for (const n of names) {
    try {
      execFileSync("sh", ["-c", `command -v ${n}`], { stdio: "pipe" });
      return n;
    } catch {}
  }
  return null;
}

/** grub-mkimage from the host (grub2-mkimage on Rocky), or from the root when the host has none. */
async function grubMkimage(
  root: string,
  format: string,
  modulesInRoot: string,
  out: string,
  earlyCfg: string,
  modules: string[],
): Promise<void> {
  const host = hostCommand(["grub2-mkimage", "grub-mkimage"]);
  const cfgName = `leviso-early-${format}.cfg`;
  if (host) {
    const cfg = join(root, "var/tmp", cfgName);
    mkdirSync(join(root, "var/tmp"), { recursive: true });
    writeFileSync(cfg, earlyCfg);
    try {
      await runTool([
        host,
        "-O",
        format,
        "-d",
        inImage(root, modulesInRoot),
        "-p",
        `/${GRUB_DIR}`,
        "-c",
        cfg,
        "-o",
        out,
        ...modules,
      ]);
    } finally {
      rmSync(cfg, { force: true });
    }
    return;
  }
  const inRoot = ["/usr/bin/grub2-mkimage", "/usr/bin/grub-mkimage"].find((p) => existsSync(join(root, p)));
  if (!inRoot) {
    throw new Error(
      "grub-mkimage is on neither the host nor in the root: install grub2-tools (or grub-common)",
    );
  }
  writeFileSync(join(root, "var/tmp", cfgName), earlyCfg);
  const tmpOut = `/var/tmp/leviso-${format}.img`;
  await runInRoot(root, [
    inRoot,
    "-O",
    format,
    "-d",
    modulesInRoot,
    "-p",
    `/${GRUB_DIR}`,
    "-c",
    `/var/tmp/${cfgName}`,
    "-o",
    tmpOut,
    ...modules,
  ]);
  renameSync(join(root, tmpOut), out);
  rmSync(join(root, "var/tmp", cfgName), { force: true });
}

/**
 * A profile path inside the image, with its links followed as the booted system would: a link
 * in airootfs/ to an absolute path must not make the build copy the build host's files.
 */
function inImage(root: string, path: string): string {
  return resolveConfined(root, path, "chroot");
}

function requireDir(root: string, path: string, what: string, pkg: string): string {
  const abs = inImage(root, path);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new Error(
      `${what}: ${path} is not in the root (add ${pkg} to packages.txt, or set boot.paths in profile.json)`,
    );
  }
  return abs;
}

export interface BiosBoot {
  kind: "grub" | "syslinux";
  /** El Torito boot image, relative to the ISO tree. */
  image: string;
  catalog: string;
  /** Host path of the MBR for hybrid USB boot. */
  mbr: string;
}

export async function prepareBiosBoot(root: string, isoTree: string, p: ProfileJson): Promise<BiosBoot> {
  if (p.boot.bios === "grub") {
    const mods = requireDir(root, p.boot.paths.grubBiosModules, "BIOS GRUB modules", "grub2-pc-modules");
    const dest = join(isoTree, GRUB_DIR, "i386-pc");
    mkdirSync(dest, { recursive: true });
    await runTool(["cp", "-a", `${mods}/.`, `${dest}/`]);
    await grubMkimage(
      root,
      "i386-pc-eltorito",
      p.boot.paths.grubBiosModules,
      join(isoTree, ELTORITO_IMG),
      grubEarlyConfig(p),
      BIOS_MODULES,
    );
    const mbr = join(mods, "boot_hybrid.img");
    if (!existsSync(mbr))
      throw new Error(
        `${p.boot.paths.grubBiosModules}/boot_hybrid.img is missing: the ISO could not boot from USB`,
      );
    return { kind: "grub", image: ELTORITO_IMG, catalog: "boot/boot.cat", mbr };
  }
  const find = (name: string): string => {
    for (const d of p.boot.paths.syslinuxDirs) {
      const f = inImage(root, `${d}/${name}`);
      if (existsSync(f)) return f;
    }
    throw new Error(
      `${name} is in none of boot.paths.syslinuxDirs (${p.boot.paths.syslinuxDirs.join(", ")}): add syslinux to packages.txt`,
    );
  };
  const dest = join(isoTree, ISOLINUX_DIR);
  mkdirSync(dest, { recursive: true });
  for (const f of ["isolinux.bin", "ldlinux.c32"]) copyFileSync(find(f), join(dest, f));
  writeFileSync(join(dest, "isolinux.cfg"), isolinuxConfig(p));
  return {
    kind: "syslinux",
    image: `${ISOLINUX_DIR}/isolinux.bin`,
    catalog: `${ISOLINUX_DIR}/boot.cat`,
    mbr: find("isohdpfx.bin"),
  };
}

export interface UefiBoot {
  /** Host path of the FAT image. */
  efiboot: string;
  /** Files inside it. */
  files: string[];
}

/** Writes EFI/BOOT/ into the ISO tree and packs the same files into a FAT efiboot.img. */
export async function prepareUefiBoot(
  root: string,
  isoTree: string,
  workDir: string,
  p: ProfileJson,
): Promise<UefiBoot> {
  const efiDir = join(isoTree, "EFI/BOOT");
  mkdirSync(efiDir, { recursive: true });
  const placed: string[] = [];
  if (p.boot.uefi === "grub") {
    const mods = requireDir(root, p.boot.paths.grubEfiModules, "UEFI GRUB modules", "grub2-efi-x64-modules");
    const dest = join(isoTree, GRUB_DIR, "x86_64-efi");
    mkdirSync(dest, { recursive: true });
    await runTool(["cp", "-a", `${mods}/.`, `${dest}/`]);
    await grubMkimage(
      root,
      "x86_64-efi",
      p.boot.paths.grubEfiModules,
      join(efiDir, "BOOTX64.EFI"),
      grubEarlyConfig(p),
      EFI_MODULES,
    );
    placed.push("BOOTX64.EFI");
  } else {
    p.boot.paths.efiPrograms.forEach((prog, i) => {
      const src = inImage(root, prog);
      if (!existsSync(src))
        throw new Error(`${prog} is not in the root: add shim-x64 and grub2-efi-x64 to packages.txt`);
      const name = i === 0 ? "BOOTX64.EFI" : basename(prog);
      copyFileSync(src, join(efiDir, name));
      placed.push(name);
    });
  }
  // Prebuilt (signed) GRUBs read grub.cfg beside themselves; ours embeds the same lines.
  writeFileSync(join(efiDir, "grub.cfg"), grubEarlyConfig(p));
  placed.push("grub.cfg");

  const img = join(workDir, EFIBOOT_IMG);
  rmSync(img, { force: true });
  const bytes = readdirSync(efiDir).reduce((n, f) => n + statSync(join(efiDir, f)).size, 0);
  // FAT overhead plus slack, in KiB, at least 2 MiB so mkfs.fat picks FAT12/16 sanely.
  const kib = Math.max(2048, Math.ceil((bytes * 1.1) / 1024) + 1024);
  await runTool(["mkfs.fat", "-C", "-n", "EFIBOOT", img, String(kib)]);
  await runTool(["mmd", "-i", img, "::/EFI", "::/EFI/BOOT"]);
  await runTool(["mcopy", "-i", img, ...placed.map((f) => join(efiDir, f)), "::/EFI/BOOT/"]);
  return { efiboot: img, files: placed.map((f) => `EFI/BOOT/${f}`) };
}
