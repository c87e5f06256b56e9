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
