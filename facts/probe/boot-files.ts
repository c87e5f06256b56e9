import { readdirSync, statSync } from "node:fs";
import { release } from "node:os";
import { join } from "node:path";
import type { Facts } from "../schema.js";

/**
 * The sizes of the files a boot chain copies onto a shared ESP, measured on the live system
 * (issue 15): its kernel, shim, GRUB and systemd-boot come from the repository the new system is
 * installed from, so they are the sizes the install will copy. The initramfs the new system gets
 * is built by dracut in the target later; the largest one the live system has stands in for it
 * (the live one carries more modules than a host-only one, so it errs on the side of room).
 * A file not found is left out, and the plan uses its reference size.
 */
export type BootFiles = NonNullable<Facts["bootFiles"]>;

/** Where each file is on a Rocky-based live system, then on a Debian host (the tests' machine). */
const CANDIDATES: Record<Exclude<keyof BootFiles, "initramfs" | "kernel">, string[]> = {
  shim: ["boot/efi/EFI/rocky/shimx64.efi", "usr/lib/shim/shimx64.efi"],
  grub: ["boot/efi/EFI/rocky/grubx64.efi", "usr/lib/grub/x86_64-efi/monolithic/grubx64.efi"],
  systemdBoot: ["usr/lib/systemd/boot/efi/systemd-bootx64.efi"],
};

/**
 * The live medium's own UEFI loader, where dracut mounts the ISO: leviso puts the signed shim at
 * the fallback path and Rocky's signed GRUB beside it (leviso/image/loaders.ts), the same files
 * the install copies. Read only when the live root has no /boot/efi copy (a live system does not
 * mount an ESP, and a trimmed root may lack the packages' files). A GRUB that grub-mkimage built
 * for the ISO (no grubx64.efi beside BOOTX64.EFI) is not what the install copies: not measured.
 */
const LIVE_EFI_DIR = "run/initramfs/live/EFI/BOOT";

function sizeOf(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() && st.size > 0 ? st.size : undefined;
  } catch {
    return undefined;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function probeBootFiles(root = "/", kernelRelease = release()): BootFiles {
  const out: BootFiles = {};
  for (const [key, paths] of Object.entries(CANDIDATES) as [keyof typeof CANDIDATES, string[]][]) {
    const size = paths.map((p) => sizeOf(join(root, p))).find((s) => s !== undefined);
    if (size !== undefined) out[key] = size;
  }
  const liveGrub = sizeOf(join(root, LIVE_EFI_DIR, "grubx64.efi"));
  if (liveGrub !== undefined) {
    out.grub ??= liveGrub;
    const liveShim = sizeOf(join(root, LIVE_EFI_DIR, "BOOTX64.EFI"));
    if (liveShim !== undefined) out.shim ??= liveShim;
  }
  // Rocky keeps the image in /usr/lib/modules/V/, older layouts and Debian in /boot.
  const kernel =
    sizeOf(join(root, "usr/lib/modules", kernelRelease, "vmlinuz")) ??
    sizeOf(join(root, "boot", `vmlinuz-${kernelRelease}`));
  if (kernel !== undefined) out.kernel = kernel;
  const initramfs = list(join(root, "boot"))
    .filter((f) => /^(initramfs-.*\.img|initrd\.img-.*)$/.test(f) && !f.includes("rescue"))
    .map((f) => sizeOf(join(root, "boot", f)) ?? 0)
    .reduce((a, b) => Math.max(a, b), 0);
  if (initramfs > 0) out.initramfs = initramfs;
  return out;
}
