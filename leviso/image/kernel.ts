import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runInRoot } from "../exec.js";
import { rpmvercmp } from "../rpm/evr.js";

/** The kernel and the live initramfs, made by the root's own dracut with dmsquash-live. */

export interface KernelInfo {
  version: string;
  /** Host path of the vmlinuz inside the root. */
  vmlinuz: string;
}

/** Newest kernel in the root: Rocky keeps vmlinuz in /usr/lib/modules/KVER/, older layouts in /boot. */
export function findKernel(root: string): KernelInfo {
  const found: KernelInfo[] = [];
  const modules = join(root, "usr/lib/modules");
  if (existsSync(modules)) {
    for (const v of readdirSync(modules)) {
      const vmlinuz = join(modules, v, "vmlinuz");
      if (existsSync(vmlinuz)) found.push({ version: v, vmlinuz });
    }
  }
  const boot = join(root, "boot");
  if (found.length === 0 && existsSync(boot)) {
    for (const f of readdirSync(boot)) {
      const m = /^vmlinuz-(.+)$/.exec(f);
      if (m && !m[1]!.includes("rescue")) found.push({ version: m[1]!, vmlinuz: join(boot, f) });
    }
  }
  if (found.length === 0) {
    throw new Error(
      "no kernel in the root (looked for /usr/lib/modules/*/vmlinuz and /boot/vmlinuz-*): add kernel to packages.txt",
    );
  }
  found.sort((a, b) => -rpmvercmp(a.version, b.version));
  return found[0]!;
}

export const ISO_KERNEL = "boot/x86_64/vmlinuz";
export const ISO_INITRD = "boot/x86_64/initramfs.img";

export function dracutArgv(kver: string, out: string): string[] {
  return [
    "dracut",
    "--no-hostonly",
    "--no-hostonly-cmdline",
    "--add",
    "dmsquash-live",
    "--force",
    "--kver",
    kver,
    out,
  ];
}

/** Runs dracut inside the root and puts kernel + initramfs into the ISO tree. */
export async function makeInitramfs(
  root: string,
  isoTree: string,
  onLine?: (l: string) => void,
): Promise<KernelInfo> {
  const k = findKernel(root);
  if (!existsSync(join(root, "usr/bin/dracut")) && !existsSync(join(root, "usr/sbin/dracut"))) {
    throw new Error(
      "dracut is not installed in the root: add dracut and dracut-live (dmsquash-live) to packages.txt",
    );
  }
  const tmp = "/var/tmp/leviso-initramfs.img";
  rmSync(join(root, tmp), { force: true });
  await runInRoot(root, dracutArgv(k.version, tmp), { onLine });
  mkdirSync(join(isoTree, "boot/x86_64"), { recursive: true });
  renameSync(join(root, tmp), join(isoTree, ISO_INITRD));
  copyFileSync(k.vmlinuz, join(isoTree, ISO_KERNEL));
  return k;
}
