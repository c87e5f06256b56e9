import { inRoot } from "../../steps/rootPath.js";
import type { Step } from "../../steps/step.js";
import { grubMenuEntries } from "./boot-menu.js";
import type { Layout } from "./layout.js";
import {
  type BootloaderOptions,
  ESP_FALLBACK,
  ESP_KERNEL_DIR,
  espHasFile,
  espStagingDir,
  kernelOptions,
  nvramEntryStep,
} from "./steps.js";

/**
 * Rocky's UEFI chain, shim → grub2-efi, the one that boots with Secure Boot on: the firmware
 * trusts shim (signed by Microsoft's UEFI CA), shim trusts GRUB and the kernel (signed by the
 * distribution). The ESP is filled without mounting it, like systemd-boot's: the tree is staged
 * outside the target and copied with mtools.
 *
 * ESP layout (FAT paths):
 * - `EFI/rocky/shimx64.efi`, `EFI/rocky/grubx64.efi`: the chain, where Rocky's packages put it and
 *   where the NVRAM entry points. Rocky's GRUB has `/EFI/rocky` built in as its prefix.
 * - `EFI/rocky/grub.cfg`: a stub that finds this partition by UUID and loads `/grub2/grub.cfg`.
 * - `EFI/BOOT/BOOTX64.EFI` (shim) and `EFI/BOOT/grubx64.efi` beside it: the removable-media path,
 *   which boots without an NVRAM entry (shim loads `grubx64.efi` from its own directory), with
 *   the same stub as `EFI/BOOT/grub.cfg` for a GRUB that reads its config from beside itself.
 *   No `fbx64.efi`: shim's fallback would write an NVRAM entry and reset the machine.
 * - `levitate/vmlinuz-…`, `levitate/initramfs-….img` and `grub2/grub.cfg` (the menu): the ESP
 *   plays the role of Rocky's separate /boot. Our UEFI layout has no /boot partition, and GRUB
 *   cannot read every root: LUKS2 with argon2 (cryptsetup's default) and newer XFS features are
 *   beyond it. The ESP is FAT, which every firmware and GRUB read.
 */

/** The vendor directory on the ESP: Rocky's GRUB has `/EFI/rocky` compiled in as its prefix. */
export const EFI_VENDOR_DIR = "EFI/rocky";
/** Where Rocky's shim-x64 and grub2-efi-x64 packages install their EFI programs (ESP mounted at /boot/efi). */
export const PACKAGED_EFI_DIR = "/boot/efi/EFI/rocky";
export const SHIM_EFI = "shimx64.efi";
export const GRUB_EFI = "grubx64.efi";
/** GRUB's menu on the ESP. */
export const GRUB_MENU = "grub2/grub.cfg";

const missingShim =
  "the base system has no shim; add shim-x64 to the base system (recipes/base-uefi.list), or choose bootloader systemd-boot";
const missingGrub =
  "the base system has no GRUB for UEFI; add grub2-efi-x64 to the base system (recipes/base-uefi.list), or choose bootloader systemd-boot";
const missingKernel =
  "the base system's kernel package puts vmlinuz-VERSION and initramfs-VERSION.img into /boot";

/** The stub both GRUB copies read first: find the ESP by its UUID, then load the menu there. */
export function grubStub(espDevice: string): string {
  return [
    "# Written by levitate install: the menu and the kernels are on this partition (the ESP),",
    `# in /${GRUB_MENU} and /${ESP_KERNEL_DIR}/ (docs/installer.md, "Boot loaders").`,
    `search --no-floppy --fs-uuid --set=root {{uuid:${espDevice}}}`,
    `set prefix=($root)/grub2`,
    "export prefix",
    "configfile $prefix/grub.cfg",
    "",
  ].join("\n");
}

/**
 * GRUB's menu: one entry for the installed kernel. No `insmod`: with Secure Boot on, a signed
 * GRUB loads no modules; what it needs (FAT, search, linux) is built into the signed image.
 */
export function grubMenu(layout: Layout, target: string, osName: string): string {
  const boot = inRoot(target, "/boot");
  return [
    "# Written by levitate install. The kernel options are also in /etc/kernel/cmdline.",
    "set timeout=3",
    "set default=0",
    `menuentry '${osName.replace(/'/g, "")}' {`,
    `  linux /${ESP_KERNEL_DIR}/{{kernel:${boot}}} ${kernelOptions(layout)}`,
    `  initrd /${ESP_KERNEL_DIR}/{{initrd:${boot}}}`,
    "}",
    // Installed next to other systems (use free): they follow in the menu.
    ...grubMenuEntries(layout.otherSystems ?? [], "uefi"),
    "",
  ].join("\n");
}

/** shim → GRUB on UEFI: stage the ESP's tree, copy it with mtools, and (own disk only) an NVRAM entry. */
export function shimGrubSteps(layout: Layout, target: string, opts: BootloaderOptions = {}): Step[] {
  const esp = layout.partitions.find((p) => p.role === "esp");
  if (!esp) throw new Error("a UEFI layout always has an EFI system partition");
  const osName = opts.osName ?? "LevitateOS";
  const stage = espStagingDir(target);
  const boot = inRoot(target, "/boot");
  const packaged = inRoot(target, PACKAGED_EFI_DIR);
  const kernel = `{{kernel:${boot}}}`;
  const initrd = `{{initrd:${boot}}}`;
  const base = { phase: "bootloader", source: "install", destructive: false } as const;
  const stub = grubStub(esp.device);
  const copy = (id: string, title: string, from: string, to: string, missing: string): Step => ({
    ...base,
    id,
    title,
    changes: `${stage}/${to}`,
    action: { kind: "copyFile", from, to: `${stage}/${to}`, mode: 0o644, missing },
  });
  const write = (id: string, title: string, path: string, content: string): Step => ({
    ...base,
    id,
    title,
    changes: path,
    action: { kind: "writeFile", path, content, mode: 0o644 },
  });
  const fallbackDir = ESP_FALLBACK.slice(0, ESP_FALLBACK.lastIndexOf("/"));
  const steps: Step[] = [
    {
      ...base,
      id: "install.esp.stage",
      title: "Start an empty staging tree for the EFI system partition",
      changes: `${stage} (outside the target; removed at the end)`,
      action: { kind: "run", argv: ["rm", "-rf", "--one-file-system", stage] },
    },
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
      "Write GRUB's stub config (finds the ESP by UUID and loads the menu there)",
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
    copy(
      "install.esp.kernel",
      "Stage the installed kernel",
      `${boot}/${kernel}`,
      `${ESP_KERNEL_DIR}/${kernel}`,
      missingKernel,
    ),
    copy(
      "install.esp.initrd",
      "Stage the installed kernel's initramfs",
      `${boot}/${initrd}`,
      `${ESP_KERNEL_DIR}/${initrd}`,
      missingKernel,
    ),
    write(
      "install.grub-menu",
      "Write GRUB's menu for the installed kernel",
      `${stage}/${GRUB_MENU}`,
      grubMenu(layout, target, osName),
    ),
    write(
      "install.kernel-cmdline",
      "Record the kernel options for kernel updates (kernel-install reads /etc/kernel/cmdline)",
      inRoot(target, "/etc/kernel/cmdline"),
      `${kernelOptions(layout)}\n`,
    ),
    {
      ...base,
      id: "install.esp.copy",
      title: `Copy the staged tree onto the EFI system partition ${esp.device} (mtools, not mounted)`,
      changes: `${esp.device}: /EFI, /grub2, /${ESP_KERNEL_DIR}`,
      action: {
        kind: "run",
        // mtools refuses a FAT whose size is not a multiple of its nominal track size unless told.
        env: { MTOOLS_SKIP_CHECK: "1" },
        argv: [
          "mcopy",
          "-s",
          "-Q",
          "-D",
          "o",
          "-i",
          esp.device,
          `${stage}/EFI`,
          `${stage}/grub2`,
          `${stage}/${ESP_KERNEL_DIR}`,
          "::/",
        ],
      },
    },
    {
      ...base,
      id: "install.esp.clean",
      title: "Remove the staging tree",
      changes: stage,
      action: { kind: "run", argv: ["rm", "-rf", "--one-file-system", stage] },
    },
  ];
  // A shared ESP whose fallback path is another system's loader keeps it (shim there would start
  // a grubx64.efi put beside it): the NVRAM entry boots the new system.
  if (espHasFile(layout, ESP_FALLBACK)) {
    const fallback = new Set([
      "install.esp.fallback",
      "install.esp.fallback-grub",
      "install.esp.fallback-stub",
    ]);
    steps.splice(0, steps.length, ...steps.filter((s) => !fallback.has(s.id)));
  }
  if (opts.nvram)
    steps.push(
      nvramEntryStep(layout, esp.number, osName, `\\${EFI_VENDOR_DIR.replace(/\//g, "\\")}\\${SHIM_EFI}`),
    );
  return steps;
}
