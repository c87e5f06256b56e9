/**
 * The harness smoke test's image, built by hand (NOT by leviso): the Debian-boot RPMs installed
 * with `rpm --root`, the marker init copied in, a dracut dmsquash-live initramfs made inside the
 * root, the root squashed and put on an ISO 9660 volume. QEMU then boots kernel + initramfs
 * directly, which proves the runner, the console reader and the kernel/dracut/live path before
 * any of leviso's stages is involved. Cached by the repo key and the marker script.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildDebianBootRepo, defaultCacheDir } from "../../fixtures-build/debian-boot-rpms.js";

const run = promisify(execFile);

export const markerInit = new URL("../profile/airootfs/usr/sbin/init", import.meta.url).pathname;
export const smokeLabel = "LEVISMOKE";

export interface HandBuiltLive {
  iso: string;
  kernel: string;
  initrd: string;
  append: string;
}

export async function buildHandBuiltLive(log: (l: string) => void = () => {}): Promise<HandBuiltLive> {
  const repo = await buildDebianBootRepo({ log });
  const key = createHash("sha256")
    .update(repo.key)
    .update(readFileSync(markerInit))
    .update("v1")
    .digest("hex")
    .slice(0, 16);
  const dir = join(defaultCacheDir(), "..", "boot-smoke", key);
  const result: HandBuiltLive = {
    iso: join(dir, "live.iso"),
    kernel: join(dir, "vmlinuz"),
    initrd: join(dir, "initramfs.img"),
    append: `root=live:CDLABEL=${smokeLabel} rd.live.image rd.live.overlay.overlayfs=1 console=ttyS0,115200 rd.shell=0 panic=5`,
  };
  if (existsSync(join(dir, "done"))) return result;

  const work = `${dir}.building`;
  rmSync(work, { recursive: true, force: true });
  const root = join(work, "root");
  const tree = join(work, "tree");
  mkdirSync(root, { recursive: true });
  mkdirSync(join(tree, "LiveOS"), { recursive: true });
  try {
    const rpms = (await run("find", [repo.repoDir, "-name", "*.rpm"])).stdout.trim().split("\n");
    log(`rpm --root: ${rpms.length} packages`);
    await run("rpm", ["--root", root, "--dbpath", "/usr/lib/sysimage/rpm", "-i", ...rpms]);
    copyFileSync(markerInit, join(root, "usr/sbin/init"));
    log("dracut (dmsquash-live) inside the root");
    await run(
      "chroot",
      [
        root,
        "dracut",
        "--no-hostonly",
        "--add",
        "dmsquash-live",
        "--kver",
        repo.kernelVersion,
        "--force",
        "/boot/initramfs-live.img",
      ],
      { maxBuffer: 64 << 20 },
    );
    renameSync(join(root, "boot/initramfs-live.img"), join(work, "initramfs.img"));
    copyFileSync(join(root, "usr/lib/modules", repo.kernelVersion, "vmlinuz"), join(work, "vmlinuz"));
    log("mksquashfs");
    await run("mksquashfs", [
      root,
      join(tree, "LiveOS/squashfs.img"),
      "-comp",
      "zstd",
      "-noappend",
      "-quiet",
      "-e",
      "usr/lib/grub",
      "boot",
    ]);
    await run("xorriso", ["-as", "mkisofs", "-quiet", "-V", smokeLabel, "-o", join(work, "live.iso"), tree]);
    rmSync(root, { recursive: true, force: true });
    rmSync(tree, { recursive: true, force: true });
    writeFileSync(join(work, "done"), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return result;
  } catch (e) {
    const err = e as { stderr?: string };
    throw new Error(`building the smoke-test live image failed: ${String(err.stderr ?? e).slice(-3000)}`);
  }
}
