/**
 * A real install into a loop-mounted disk image: sparse image → losetup → `levitate install
 * --plan` (the CLI, in a child process) → a system on the image. The base system comes from test
 * RPMs built with rpmbuild (filesystem, setup, a stand-in kernel, and for UEFI the host's real
 * systemd-boot EFI binary at Rocky's path) in a local mirror, and the
 * installRecipe step downloads from a loopback HTTP server. Exported so the boot test can install
 * the disk it boots (it passes real kernel RPMs through `extraBaseRpms`).
 *
 *   const inst = await installToImage({ filesystem: "btrfs" });
 *   try { ... inst.target, inst.loopDevice ... } finally { await inst.cleanup(); }
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { execa } from "execa";
import { packageRoot } from "../../cli/common.js";
import { probeDisk } from "../../facts/probe/disk-probe.js";
import type { Disk } from "../../facts/schema.js";
import { startHttpServer, type TestHttpServer } from "../helpers/http-server.js";
import { attachLoop, detachLoop } from "../helpers/loopDevices.js";
import { buildRpm } from "../helpers/rpmbuild.js";

export interface InstallToImageOptions {
  filesystem?: "ext4" | "btrfs" | "xfs";
  firmware?: "bios" | "uefi";
  /** Sparse image size in bytes (default 6 GiB: the smallest root is 4 GiB). */
  imageBytes?: number;
  swapSize?: string;
  separateHome?: boolean;
  username?: string;
  /** crypt(3) hash for the user (default: the hash of "levitate"). */
  passwordHash?: string;
  hostname?: string;
  /** More RPMs for the mirror, installed as part of the base system (e.g. a real kernel). */
  extraBaseRpms?: string[];
  /** Leave out the stand-in kernel (when extraBaseRpms brings a real one). */
  noFakeKernel?: boolean;
  /** UEFI: leave out the stand-in systemd-boot package (the installer must refuse). */
  noSystemdBoot?: boolean;
  /** Leave out every stand-in (filesystem, setup, kernel): extraBaseRpms is a whole base system. */
  noStandInBase?: boolean;
  /** Only print the plan (`--dry-run`); the image is attached but nothing is written. */
  dryRun?: boolean;
  /** Called with the fresh sparse image before it is attached (e.g. to write an old partition table). */
  prepareImage?: (imagePath: string) => void;
  /** More partitionDisk args (install alongside: `{ use: "free" }`), over the defaults. */
  partitionArgs?: Record<string, unknown>;
  /** The disk's facts from the real probe (facts v2: partitions, free space, systems) instead of size only. */
  probeFacts?: boolean;
  /**
   * UEFI boot loader in the plan's partitionDisk (`bootloader`). Default systemd-boot, which the
   * install and installed-disk tests check; the product's default, shim → GRUB, is what
   * test/boot/secureboot.test.ts installs (with `"grub"`).
   */
  bootloader?: "grub" | "systemd-boot";
  /** Keep the target mounted after the install (default true: tests inspect it). */
  keepMounted?: boolean;
  /** Secrets the plan asks (a LUKS passphrase), one per line on stdin with `--password-stdin`. */
  passwordStdin?: string[];
  /** More environment for the installer's process (a test's PATH with stand-in programs first). */
  env?: Record<string, string>;
  /** The installer's time limit (default 300 s); test/boot/luks.test.ts scales it by the host's measured contention. */
  timeoutMs?: number;
}

export interface InstalledImage {
  imagePath: string;
  loopDevice: string;
  target: string;
  workDir: string;
  planPath: string;
  factsPath: string;
  /** The CLI's exit code and output. */
  exitCode: number;
  stdout: string;
  stderr: string;
  passwordHash: string;
  username: string;
  hostname: string;
  /** Unmounts the target (recursively), closes LUKS, detaches the loop device. Keeps the image. */
  detach(): Promise<void>;
  /** detach(), then deletes the work directory with the image. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** SHA-512 crypt of "levitate" with a fixed salt (the boot test logs in with it). */
export const DEFAULT_PASSWORD = "levitate";

/**
 * A checksum of a sparse image that does not read gigabytes of holes: size, allocated blocks,
 * mtime, and a SHA-256 of the first and last 32 MiB (partition tables, superblocks, GRUB's core).
 * Any write through the loop device allocates blocks or changes those regions.
 */
export function imageFingerprint(path: string): string {
  const st = statSync(path);
  const h = createHash("sha256").update(`${st.size}:${st.blocks}:${st.mtimeMs}\n`);
  const fd = openSync(path, "r");
  try {
    const span = Math.min(32 * 1024 ** 2, st.size);
    const buf = Buffer.alloc(span);
    for (const at of [0, st.size - span]) {
      readSync(fd, buf, 0, span, at);
      h.update(buf);
    }
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Where systemd-boot's EFI binary is on this host (Debian's systemd-boot-efi) and in the target (Rocky's path too). */
export const HOST_SYSTEMD_BOOT = "/usr/lib/systemd/boot/efi/systemd-bootx64.efi";

/** The base system the test bootstraps: just enough for useradd --root, rpm and a bootloader. */
export function buildBaseRpms(mirror: string, fakeKernel: boolean, systemdBoot: boolean): string[] {
  mkdirSync(mirror, { recursive: true });
  buildRpm(
    {
      name: "filesystem",
      summary: "directory layout",
      dirs: [
        "/etc",
        "/home",
        "/root",
        "/boot",
        "/var",
        "/var/log",
        "/usr",
        "/usr/bin",
        "/usr/local/bin",
        "/tmp",
      ],
      files: { "/usr/share/zoneinfo/Europe/Berlin": "TZif2 stand-in\n" },
    },
    mirror,
  );
  buildRpm(
    {
      name: "setup",
      summary: "users and groups",
      files: {
        "/etc/passwd": "root:x:0:0:root:/root:/bin/bash\n",
        "/etc/group": "root:x:0:\nusers:x:100:\n",
        "/etc/shadow": { content: "root:*:19000:0:99999:7:::\n", mode: 0o600 },
        "/etc/gshadow": { content: "root:::\nusers:!::\n", mode: 0o600 },
        "/etc/login.defs":
          "UID_MIN 1000\nUID_MAX 60000\nGID_MIN 1000\nGID_MAX 60000\nSYS_GID_MIN 201\nSYS_GID_MAX 999\nCREATE_HOME yes\nENCRYPT_METHOD SHA512\n",
      },
    },
    mirror,
  );
  const names = ["filesystem", "setup"];
  if (fakeKernel) {
    buildRpm(
      {
        name: "kernel",
        version: "6.1.0",
        summary: "stand-in kernel: the install test checks the boot entry, the boot test brings a real one",
        files: {
          "/boot/vmlinuz-6.1.0-test": "not a kernel\n",
          "/boot/initramfs-6.1.0-test.img": "not an initramfs\n",
        },
      },
      mirror,
    );
    names.push("kernel");
  }
  if (systemdBoot) {
    // Rocky's package name and path; the binary is the real one this host has.
    buildRpm(
      {
        name: "systemd-boot-unsigned",
        version: "252",
        summary: "systemd-boot's EFI binary (the host's, at Rocky's path)",
        files: { [HOST_SYSTEMD_BOOT]: readFileSync(HOST_SYSTEMD_BOOT) },
      },
      mirror,
    );
    names.push("systemd-boot-unsigned");
  }
  return names;
}

export function rpmRecipe(name: string): string {
  return [
    `let pkg = #{ name: "${name}", version: "latest", description: "test base package ${name}", deps: [] };`,
    "let installed = false;",
    "let installed_version = ();",
    "let installed_files = [];",
    "let installed_at = ();",
    "fn install() {",
    `    download("rpm:${name}");`,
    "    rpm_install();",
    "}",
    "",
  ].join("\n");
}

export function helloTarball(dir: string): Buffer {
  const src = join(dir, "hello-src");
  mkdirSync(join(src, "hello-1.0"), { recursive: true });
  writeFileSync(join(src, "hello-1.0/hello"), "#!/bin/sh\necho hello from levitate\n", { mode: 0o755 });
  const tgz = join(dir, "hello-1.0.tar.gz");
  sh("tar", ["-C", src, "-czf", tgz, "hello-1.0"]);
  return readFileSync(tgz);
}

export async function installToImage(opts: InstallToImageOptions = {}): Promise<InstalledImage> {
  const filesystem = opts.filesystem ?? "ext4";
  const firmware = opts.firmware ?? "bios";
  const username = opts.username ?? "vince";
  const hostname = opts.hostname ?? "atlas";
  const passwordHash =
    opts.passwordHash ?? sh("openssl", ["passwd", "-6", "-salt", "levitatetest", DEFAULT_PASSWORD]);
  const workDir = mkdtempSync(join(tmpdir(), "levitate-e2e-"));
  const imagePath = join(workDir, "disk.img");
  const target = join(workDir, "target");
  const imageBytes = opts.imageBytes ?? 6 * 1024 ** 3;
  writeFileSync(imagePath, "");
  execFileSync("truncate", ["-s", String(imageBytes), imagePath]);
  let loopDevice = "";
  let server: TestHttpServer | undefined;
  let detached = false;
  const detach = async () => {
    if (detached) return;
    detached = true;
    await server?.close().catch(() => {});
    // Always tear down, whatever failed: lazy unmount as a last resort.
    if (existsSync(target)) {
      const r = await execa("umount", ["-R", target], { reject: false });
      if (r.exitCode !== 0) await execa("umount", ["-R", "-l", target], { reject: false });
    }
    for (const name of ["cryptroot", "crypthome"]) {
      if (existsSync(`/dev/mapper/${name}`) && loopDevice) {
        const owner = await execa("cryptsetup", ["status", name], { reject: false });
        if (owner.stdout.includes(loopDevice)) await execa("cryptsetup", ["close", name], { reject: false });
      }
    }
    if (loopDevice) {
      try {
        detachLoop(loopDevice, { quiet: true });
      } catch {
        // as before: a failed detach does not hide the test's own failure
      }
    }
  };
  const cleanup = async () => {
    await detach();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    opts.prepareImage?.(imagePath);
    loopDevice = attachLoop(imagePath);
    const probed = opts.probeFacts ? await probeAttached(loopDevice) : undefined;
    const mirror = join(workDir, "mirror");
    mkdirSync(mirror, { recursive: true });
    const base = opts.noStandInBase
      ? []
      : buildBaseRpms(mirror, !opts.noFakeKernel, firmware === "uefi" && !opts.noSystemdBoot);
    for (const rpm of opts.extraBaseRpms ?? []) copyFileSync(rpm, join(mirror, basename(rpm)));
    const extraNames = (opts.extraBaseRpms ?? []).map((f) => sh("rpm", ["-qp", "--qf", "%{NAME}", f]));
    const recipes = join(workDir, "recipes");
    mkdirSync(recipes);
    for (const n of [...base, ...extraNames]) writeFileSync(join(recipes, `${n}.rhai`), rpmRecipe(n));
    writeFileSync(join(recipes, "base.list"), `${[...base, ...extraNames].join("\n")}\n`);
    // A btrfs plan needs btrfs-progs in the repository (Rocky 10 has none; the installer refuses
    // btrfs without it and installs it into the new system): a stand-in, as for the base.
    const repoRecipes = ["hello"];
    if (filesystem === "btrfs") {
      buildRpm(
        {
          name: "btrfs-progs",
          summary: "stand-in: the btrfs tools an installed btrfs root keeps",
          files: { "/usr/share/levitate-test/btrfs-progs": "stand-in\n" },
        },
        mirror,
      );
      writeFileSync(join(recipes, "btrfs-progs.rhai"), rpmRecipe("btrfs-progs"));
      repoRecipes.push("btrfs-progs");
    }

    // The plan's de_DE.UTF-8 needs Rocky's glibc-langpack-de (the base set has English only; the
    // installer refuses the locale without the pack's recipe and installs it with the base).
    buildRpm(
      {
        name: "glibc-langpack-de",
        summary: "stand-in: the German locales a de_DE plan needs",
        files: { "/usr/lib/locale/de_DE.utf8/LC_IDENTIFICATION": "stand-in\n" },
      },
      mirror,
    );
    writeFileSync(join(recipes, "glibc-langpack-de.rhai"), rpmRecipe("glibc-langpack-de"));
    repoRecipes.push("glibc-langpack-de");

    server = await startHttpServer();
    const tgz = helloTarball(workDir);
    await server.route("/dl/hello-1.0.tar.gz", tgz);
    const sha = sh("sha256sum", [join(workDir, "hello-1.0.tar.gz")]).split(/\s+/)[0];
    writeFileSync(
      join(recipes, "hello.rhai"),
      [
        `let pkg = #{ name: "hello", version: "1.0", description: "prints hello", deps: [] };`,
        "let installed = false;",
        "let installed_version = ();",
        "let installed_files = [];",
        "let installed_at = ();",
        "fn install() {",
        `    download("${server.url}/dl/hello-1.0.tar.gz", "sha256:${sha}");`,
        `    extract("tar.gz");`,
        `    install_bin("hello");`,
        "}",
        "",
      ].join("\n"),
    );

    const factsPath = join(workDir, "facts.json");
    writeFileSync(
      factsPath,
      JSON.stringify({
        mode: "live",
        firmware,
        disks: [
          probed ?? { path: loopDevice, sizeBytes: imageBytes, model: "loop image", transport: "loop" },
        ],
        users: ["root"],
        recipes: repoRecipes,
        installed: [],
        target,
      }),
    );
    const planPath = join(workDir, "plan.json");
    writeFileSync(
      planPath,
      JSON.stringify(
        {
          version: 1,
          mode: "live",
          target,
          steps: [
            {
              tool: "partitionDisk",
              args: {
                disk: loopDevice,
                filesystem,
                ...(opts.swapSize ? { swapSize: opts.swapSize } : {}),
                ...(opts.separateHome ? { separateHome: true } : {}),
                efiSize: "512M",
                ...(firmware === "uefi" ? { bootloader: opts.bootloader ?? "systemd-boot" } : {}),
                ...opts.partitionArgs,
              },
            },
            { tool: "createUser", args: { username, sudo: true, fullName: "Vince Test", passwordHash } },
            { tool: "setLocale", args: { locale: "de_DE.UTF-8", keymap: "de", timezone: "Europe/Berlin" } },
            { tool: "setHostname", args: { hostname } },
            { tool: "installRecipe", args: { name: "hello" } },
          ],
        },
        null,
        2,
      ),
    );
    const r = await execa(
      process.execPath,
      [
        "--import",
        "tsx",
        join(packageRoot, "cli/levitate.ts"),
        "install",
        "--plan",
        planPath,
        "--facts",
        factsPath,
        "--recipes",
        recipes,
        "--mirror",
        mirror,
        "--yes",
        ...(opts.dryRun ? ["--dry-run"] : []),
        ...(opts.passwordStdin ? ["--password-stdin"] : []),
      ],
      {
        cwd: packageRoot,
        reject: false,
        env: { NO_COLOR: "1", RECIPE_MIRRORS: "", ...opts.env },
        ...(opts.passwordStdin
          ? { input: `${opts.passwordStdin.join("\n")}\n` }
          : { stdin: "ignore" as const }),
        timeout: opts.timeoutMs ?? 300_000,
      },
    );
    if (opts.keepMounted === false) await detach();
    return {
      imagePath,
      loopDevice,
      target,
      workDir,
      planPath,
      factsPath,
      exitCode: r.exitCode ?? -1,
      stdout: String(r.stdout),
      stderr: String(r.stderr),
      passwordHash,
      username,
      hostname,
      detach,
      cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** The probe's facts for a just-attached image, once the kernel shows its partitions. */
async function probeAttached(loopDevice: string): Promise<Disk> {
  await execa("partx", ["--update", loopDevice], { reject: false });
  const until = Date.now() + 10_000;
  while (!existsSync(`${loopDevice}p1`) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return probeDisk(loopDevice);
}

/** mtools on an unmounted FAT filesystem (the ESP), as the installer uses them. */
const MTOOLS_ENV = { ...process.env, MTOOLS_SKIP_CHECK: "1" };

/** Every path on a FAT filesystem, `::/EFI/BOOT/BOOTX64.EFI` style, directories ending in `/`. */
export function espList(device: string): string[] {
  const r = spawnSync("mdir", ["-i", device, "-/", "-b", "::/"], { encoding: "utf8", env: MTOOLS_ENV });
  // mdir -b says "File ::/ not found" (exit 1) for an empty root directory.
  if (r.status !== 0 && /File "::\/" not found/.test(r.stderr)) return [];
  if (r.status !== 0) throw new Error(`mdir -i ${device} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return r.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** One file from a FAT filesystem, read with mtools (`::/loader/loader.conf`). */
export function espRead(device: string, path: string): Buffer {
  return execFileSync("mcopy", ["-i", device, path, "-"], {
    env: MTOOLS_ENV,
    maxBuffer: 512 * 1024 ** 2,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Replaces one file on a FAT filesystem with mtools. */
export function espWrite(device: string, path: string, content: string | Buffer): void {
  const dir = mkdtempSync(join(tmpdir(), "levitate-esp-"));
  try {
    const file = join(dir, basename(path));
    writeFileSync(file, content);
    execFileSync("mcopy", ["-o", "-i", device, file, path], {
      env: MTOOLS_ENV,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
