import { grubMenuEntries } from "../../steps/bootMenu.js";
import { espMenuPlaceholder } from "../../steps/espSystems.js";
import { inRoot } from "../../steps/rootPath.js";
import type { Step } from "../../steps/step.js";
import { espReadAtRun, fallbackGuard } from "./espFallback.js";
import { withEspRoomCheck } from "./espRoom.js";
import { ESP_MOUNTPOINT, fsDevice, type Layout } from "./layout.js";
import { nvramEntryStep } from "./nvram.js";
import {
  type BootloaderOptions,
  consoleNote,
  ESP_FALLBACK,
  ESP_KERNEL_DIR,
  espHasFile,
  espStagingDir,
  kernelOptions,
} from "./steps.js";

/**
 * Rocky's UEFI chain, shim → grub2-efi, the one that boots with Secure Boot on: the firmware
 * trusts shim (signed by Microsoft's UEFI CA), shim trusts GRUB and the kernel (signed by the
 * distribution). The ESP is filled without mounting it: the tree is staged outside the target
 * and copied with mtools. The new system mounts it at /boot/efi, as Rocky does.
 *
 * ESP layout (FAT paths):
 * - `EFI/rocky/shimx64.efi`, `EFI/rocky/grubx64.efi`: the chain, where Rocky's packages put it and
 *   where the NVRAM entry points. Rocky's GRUB has `/EFI/rocky` built in as its prefix.
 * - `EFI/rocky/grub.cfg`: a stub that finds the filesystem holding /boot by UUID and loads the
 *   menu there, as Rocky's stub does.
 * - `EFI/BOOT/BOOTX64.EFI` (shim) and `EFI/BOOT/grubx64.efi` beside it: the removable-media path,
 *   which boots without an NVRAM entry (shim loads `grubx64.efi` from its own directory), with
 *   the same stub as `EFI/BOOT/grub.cfg` for a GRUB that reads its config from beside itself.
 *   No `fbx64.efi`: shim's fallback would write an NVRAM entry and reset the machine.
 *
 * The kernels and the menu (`grub2/grub.cfg`) stay where the kernel package and GRUB's tools
 * put them, in /boot on the root filesystem, so a kernel installed later reaches the menu: the
 * installer writes a kernel-install plugin (`/etc/kernel/install.d/95-levitate-grub-menu.install`)
 * that writes the menu from the kernels in /boot, runs it once for the installed kernel, and
 * kernel-install runs it for every kernel a package adds or removes. One exception: GRUB cannot
 * read an encrypted root (LUKS2 with argon2id, cryptsetup's default), so there the kernels and
 * the menu are on the ESP (`levitate/`, `grub2/grub.cfg`), where the same plugin copies each
 * kernel when the ESP is mounted at /boot/efi.
 */

/** The vendor directory on the ESP: Rocky's GRUB has `/EFI/rocky` compiled in as its prefix. */
export const EFI_VENDOR_DIR = "EFI/rocky";
/** Where Rocky's shim-x64 and grub2-efi-x64 packages install their EFI programs (ESP mounted at /boot/efi). */
export const PACKAGED_EFI_DIR = "/boot/efi/EFI/rocky";
export const SHIM_EFI = "shimx64.efi";
export const GRUB_EFI = "grubx64.efi";
/** GRUB's menu below the directory GRUB reads (/boot, or the ESP's root). */
export const GRUB_MENU = "grub2/grub.cfg";
/** The kernel-install plugin that writes GRUB's menu (kernel-install runs install.d/*.install). */
export const GRUB_MENU_PLUGIN = "/etc/kernel/install.d/95-levitate-grub-menu.install";

const missingShim =
  "the base system has no shim; add shim-x64 to the base system (recipes/base-uefi.list), or choose bootloader systemd-boot";
const missingGrub =
  "the base system has no GRUB for UEFI; add grub2-efi-x64 to the base system (recipes/base-uefi.list), or choose bootloader systemd-boot";

/** Where GRUB finds the kernels and its menu, seen from the installed system and from GRUB. */
export interface GrubBootDir {
  /** The device whose filesystem GRUB searches by UUID (the root's, or the ESP). */
  device: string;
  /** The kernels' directory as GRUB names it on that filesystem ("/boot", "/@/boot", "/levitate"). */
  kernels: string;
  /** The menu's directory as GRUB names it ("/boot/grub2", "/@/boot/grub2", "/grub2"). */
  prefix: string;
  /** The menu file in the installed system. */
  menu: string;
  /** On the ESP: the directory, in the installed system, the plugin copies each kernel into. */
  copyTo?: string;
}

/** /boot on the root filesystem, which GRUB reads; the ESP when the root is encrypted. */
export function grubBootDir(layout: Layout): GrubBootDir {
  const root = layout.partitions.find((p) => p.role === "root");
  const esp = layout.partitions.find((p) => p.role === "esp");
  if (!root || !esp) throw new Error("a UEFI layout always has a root and an EFI system partition");
  if (root.encrypted)
    return {
      device: esp.device,
      kernels: `/${ESP_KERNEL_DIR}`,
      prefix: "/grub2",
      menu: `${ESP_MOUNTPOINT}/${GRUB_MENU}`,
      copyTo: `${ESP_MOUNTPOINT}/${ESP_KERNEL_DIR}`,
    };
  // btrfs: GRUB sees the top level, where the root is the subvolume @.
  const top = layout.subvolumes.length ? "/@" : "";
  return {
    device: fsDevice(root),
    kernels: `${top}/boot`,
    prefix: `${top}/boot/grub2`,
    menu: `/boot/${GRUB_MENU}`,
  };
}

/** The stub both GRUB copies on the ESP read first: find /boot's filesystem by UUID, load the menu. */
export function grubStub(dir: GrubBootDir): string {
  return [
    "# Written by levitate install: the menu is on the filesystem with this UUID, in the",
    `# prefix below (docs/installer.md, "Boot loaders"); kernel-install keeps it current.`,
    `search --no-floppy --fs-uuid --set=root {{uuid:${dir.device}}}`,
    `set prefix=($root)${dir.prefix}`,
    "export prefix",
    "configfile $prefix/grub.cfg",
    "",
  ].join("\n");
}

const shQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * The kernel-install plugin (sh, run in the installed system) that writes GRUB's menu: one entry
 * per kernel in /boot that has its initramfs, newest first (sort -V), with the options in
 * /etc/kernel/cmdline, then the other systems' entries. No `insmod`: with Secure Boot on, a
 * signed GRUB loads no modules; what it needs (ext2, fat, btrfs, search, linux) is built in.
 * Rocky's kernel-install calls it as `95-levitate-grub-menu.install add|remove VERSION IMAGE`; run
 * with no arguments it writes the menu too.
 */
export function grubMenuPlugin(layout: Layout, osName: string): string {
  const dir = grubBootDir(layout);
  const title = osName.replace(/'/g, "");
  const atRun = layout.otherSystemsAtRun;
  const others = [
    ...grubMenuEntries(layout.otherSystems ?? [], "uefi"),
    // Filled when the plugin is written: the systems whose loaders are on the shared ESP then.
    ...(atRun
      ? [
          `# The other systems whose EFI loaders were on ${atRun.esp} when levitate install wrote this file:`,
          espMenuPlaceholder(atRun.esp, atRun.named),
        ]
      : []),
  ];
  return [
    "#!/bin/sh",
    '# Written by levitate install (docs/installer.md, "Boot loaders"): kernel-install runs it after',
    "# adding or removing a kernel. It writes GRUB's menu from the kernels in /boot, newest first.",
    "set -eu",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, expanded by sh
    'case "${1:-add}" in add | remove) ;; *) exit 0 ;; esac',
    `menu=${shQuote(dir.menu)}`,
    "cmdline=$(cat /etc/kernel/cmdline)",
    "kernels=$(ls -1 /boot | sed -n 's/^vmlinuz-//p' | sort -rV)",
    ...(dir.copyTo
      ? [
          "# GRUB cannot read the encrypted root: the kernels it boots are copies on the ESP.",
          `esp=${shQuote(dir.copyTo)}`,
          'mkdir -p "$esp"',
          'for f in "$esp"/vmlinuz-* "$esp"/initramfs-*.img; do',
          '  [ -e "$f" ] || continue',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, expanded by sh
          '  [ -e "/boot/${f##*/}" ] || rm -f "$f"',
          "done",
          "for v in $kernels; do",
          '  [ -f "/boot/initramfs-$v.img" ] || continue',
          '  cp -f "/boot/vmlinuz-$v" "/boot/initramfs-$v.img" "$esp/"',
          "done",
        ]
      : []),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, expanded by sh
    'mkdir -p "${menu%/*}"',
    "{",
    '  echo "# Written by $0 (levitate install); kernel-install rewrites it for every kernel."',
    '  echo "set timeout=3"',
    '  echo "set default=0"',
    "  for v in $kernels; do",
    '    [ -f "/boot/initramfs-$v.img" ] || continue',
    `    echo "menuentry '${title} ($v)' {"`,
    `    echo "  search --no-floppy --fs-uuid --set=root {{uuid:${dir.device}}}"`,
    `    echo "  linux ${dir.kernels}/vmlinuz-$v $cmdline"`,
    `    echo "  initrd ${dir.kernels}/initramfs-$v.img"`,
    '    echo "}"',
    "  done",
    ...(others.length ? ["  cat <<'LEVITATE_OTHERS'", ...others, "LEVITATE_OTHERS"] : []),
    '} >"$menu.new"',
    'mv -f "$menu.new" "$menu"',
    "",
  ].join("\n");
}

/**
 * shim → GRUB on UEFI: stage shim, GRUB and the stubs, write the kernel-install plugin and run it
 * in the target (the menu, and on an encrypted root the kernels' copies into the staged ESP),
 * copy the staged tree with mtools, and (own disk only) an NVRAM entry.
 */
export function shimGrubSteps(layout: Layout, target: string, opts: BootloaderOptions = {}): Step[] {
  const esp = layout.partitions.find((p) => p.role === "esp");
  if (!esp) throw new Error("a UEFI layout always has an EFI system partition");
  const osName = opts.osName ?? "LevitateOS";
  const stage = espStagingDir(target);
  const packaged = inRoot(target, PACKAGED_EFI_DIR);
  const dir = grubBootDir(layout);
  const onEsp = dir.copyTo !== undefined;
  const espInTarget = inRoot(target, ESP_MOUNTPOINT);
  const base = { phase: "bootloader", source: "install", destructive: false } as const;
  const stub = grubStub(dir);
  const copy = (id: string, title: string, from: string, to: string, missing: string): Step => ({
    ...base,
    id,
    title,
    changes: `${stage}/${to}`,
    action: { kind: "copyFile", from, to: `${stage}/${to}`, mode: 0o644, missing },
  });
  const write = (id: string, title: string, path: string, content: string, mode = 0o644): Step => ({
    ...base,
    id,
    title,
    changes: path,
    action: { kind: "writeFile", path, content, mode },
  });
  const run = (id: string, title: string, changes: string, argv: string[]): Step => ({
    ...base,
    id,
    title,
    changes,
    action: { kind: "run", argv },
  });
  const fallbackDir = ESP_FALLBACK.slice(0, ESP_FALLBACK.lastIndexOf("/"));
  const steps: Step[] = [
    run(
      "install.esp.stage",
      "Start an empty staging tree for the EFI system partition",
      `${stage} (outside the target; removed at the end)`,
      ["rm", "-rf", "--one-file-system", stage],
    ),
    copy(
      "install.esp.shim",
      "Stage shim, the first stage the firmware starts (signed for Secure Boot)",
      `${packaged}/${SHIM_EFI}`,
      `${EFI_VENDOR_DIR}/${SHIM_EFI}`,
      missingShim,
    ),
    copy(
      "install.esp.grub",
      "Stage GRUB, which shim starts",
      `${packaged}/${GRUB_EFI}`,
      `${EFI_VENDOR_DIR}/${GRUB_EFI}`,
      missingGrub,
    ),
    write(
      "install.esp.grub-stub",
      `Write GRUB's stub config (finds ${onEsp ? "the ESP" : "the root filesystem"} by UUID and loads the menu there)`,
      `${stage}/${EFI_VENDOR_DIR}/grub.cfg`,
      stub,
    ),
    copy(
      "install.esp.fallback",
      "Stage shim at the firmware's fallback path too (boots without an NVRAM entry)",
      `${packaged}/${SHIM_EFI}`,
      ESP_FALLBACK,
      missingShim,
    ),
    copy(
      "install.esp.fallback-grub",
      "Stage GRUB beside the fallback shim (shim starts the grubx64.efi in its own directory)",
      `${packaged}/${GRUB_EFI}`,
      `${fallbackDir}/${GRUB_EFI}`,
      missingGrub,
    ),
    write(
      "install.esp.fallback-stub",
      "Write the stub config beside the fallback GRUB too",
      `${stage}/${fallbackDir}/grub.cfg`,
      stub,
    ),
    write(
      "install.kernel-cmdline",
      `Record the kernel options (kernel-install and GRUB's menu read /etc/kernel/cmdline)${consoleNote(opts)}`,
      inRoot(target, "/etc/kernel/cmdline"),
      `${kernelOptions(layout, opts.console?.args)}\n`,
    ),
    write(
      "install.grub-menu-plugin",
      "Write the kernel-install plugin that keeps GRUB's menu listing every kernel in /boot",
      inRoot(target, GRUB_MENU_PLUGIN),
      grubMenuPlugin(layout, osName),
      0o755,
    ),
    ...(onEsp
      ? [
          // The plugin writes to /boot/efi: there, for this one run, is the staged ESP tree.
          run(
            "install.esp.bind",
            `Show the staged ESP tree at ${espInTarget} for the menu plugin`,
            `${espInTarget} (a bind mount until the plugin has run)`,
            ["mount", "--bind", stage, espInTarget],
          ),
        ]
      : []),
    run(
      "install.grub-menu",
      `Write GRUB's menu for the installed kernel (${dir.menu}, by the plugin, in the new system)`,
      onEsp ? `${stage}/${GRUB_MENU}, ${stage}/${ESP_KERNEL_DIR}/` : inRoot(target, dir.menu),
      ["chroot", target, GRUB_MENU_PLUGIN, "add"],
    ),
    ...(onEsp
      ? [run("install.esp.unbind", `Unmount ${espInTarget}`, espInTarget, ["umount", espInTarget])]
      : []),
    {
      ...base,
      id: "install.esp.copy",
      title: `Copy the staged tree onto the EFI system partition ${esp.device} (mtools, not mounted)`,
      changes: `${esp.device}: /EFI${onEsp ? `, /grub2, /${ESP_KERNEL_DIR}` : ""}`,
      action: {
        kind: "run",
        // mtools refuses a FAT whose size is not a multiple of its nominal track size unless told.
        env: { MTOOLS_SKIP_CHECK: "1" },
        // Another system's ESP: a copy that stops part way takes back what it wrote (attack4 M3).
        ...(esp.existing ? { undoAddedToFat: esp.device } : {}),
        argv: [
          "mcopy",
          "-s",
          "-Q",
          // No `-D o`: a name that exists on the ESP (another system's file) makes mcopy fail,
          // never replace it; the re-check has already refused every clash it can see.
          "-i",
          esp.device,
          `${stage}/EFI`,
          ...(onEsp ? [`${stage}/grub2`, `${stage}/${ESP_KERNEL_DIR}`] : []),
          "::/",
        ],
      },
    },
    run("install.esp.clean", "Remove the staging tree", stage, ["rm", "-rf", "--one-file-system", stage]),
  ];
  // A shared ESP whose fallback path is another system's loader keeps it (shim there would start
  // a grubx64.efi put beside it): the NVRAM entry boots the new system.
  const fallback = new Set([
    "install.esp.fallback",
    "install.esp.fallback-grub",
    "install.esp.fallback-stub",
  ]);
  if (espHasFile(layout, ESP_FALLBACK))
    steps.splice(0, steps.length, ...steps.filter((s) => !fallback.has(s.id)));
  // The facts do not list the shared ESP's files: the three are staged only where none of them
  // is there when the plan runs (leviso/disk/espFallback.ts).
  const guard = fallbackGuard(layout, [
    ESP_FALLBACK,
    `${fallbackDir}/${GRUB_EFI}`,
    `${fallbackDir}/grub.cfg`,
  ]);
  if (guard)
    for (const s of steps)
      if (fallback.has(s.id) && (s.action.kind === "copyFile" || s.action.kind === "writeFile"))
        s.action = { ...s.action, unlessOnFat: guard };
  if (opts.nvram)
    steps.push(
      nvramEntryStep(
        layout,
        esp.number,
        osName,
        `\\${EFI_VENDOR_DIR.replace(/\//g, "\\")}\\${SHIM_EFI}`,
        espReadAtRun(layout) ? "atRun" : !espHasFile(layout, ESP_FALLBACK),
      ),
    );
  return withEspRoomCheck(steps);
}
