/**
 * Inputs of the chain test (test/boot/chain.test.ts): an RPM repository with what a live system
 * needs to run the installer (the Debian-boot packages plus fdisk, e2fsprogs, sudo, rpm, ...), a
 * toolkit tree whose recipes/base.list names a base system those packages can make, and the
 * chain profile with a recipe whose source is on the live medium (the install is offline).
 * Everything is cached under .cache/boot-chain/<key>/.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import lockfile from "proper-lockfile";
import { packageRoot } from "../../../cli/common.js";
import { build } from "../../../leviso/build.js";
import {
  buildDebianBootRepo,
  debianBootRoots,
  defaultCacheDir,
} from "../../fixtures-build/debian-boot-rpms.js";
import { buildRpm } from "../../helpers/rpmbuild.js";

export const chainProfileDir = join(packageRoot, "test/boot/chain-profile");
/** The product's autostart script: the chain ISO gets the very file the real live ISO has. */
const autostartScript = join(packageRoot, "profile/airootfs/etc/profile.d/levitate-install.sh");

/** Debian packages the live system needs beyond the boot test's, to partition, format and install. */
export const chainExtraRoots = [
  "fdisk",
  "e2fsprogs",
  "dosfstools",
  "mtools",
  "rpm",
  "openssl",
  "sudo",
  "efibootmgr",
  "tzdata",
  "libpam-modules",
  "systemd-boot-efi",
];

/**
 * The installed system's base set (recipes/base.list of the chain toolkit); the repository on
 * the ISO is its closure. Kept small (no boot-loader files for the ISO): every RPM is installed
 * under TCG emulation.
 */
export const chainBaseList = [
  // What the installed-disk boot test installs (the boot roots): dracut in the kernel's
  // %posttrans needs more of the userland than its own dependencies name (gzip, sed, grep, ...).
  "filesystem",
  ...debianBootRoots.filter(
    (n) => !["dracut-live", "grub-efi-amd64-bin", "grub-pc-bin", "isolinux", "syslinux-common"].includes(n),
  ),
  "sudo",
  "libpam-modules",
  "tzdata",
  // Node of the toolkit package (levitate-toolkit requires libstdc++; Debian's name).
  "libstdc++6",
  "levitate-chain-system",
  // Run 2 encrypts the root: cryptsetup in the base set as in the product's (recipes/base.list);
  // dracut's crypt module joins the initramfs only where it is installed. Debian's name; it
  // answers to Rocky's `cryptsetup` in the repository. The live system has it too (packages.txt).
  "cryptsetup-bin",
];
/** Rocky's UEFI chain, shim → GRUB, as the wrapped Debian signed packages (shim-x64, grub2-efi-x64). */
export const chainBaseUefi = ["shim-signed", "grub-efi-amd64-signed"];
export const chainBaseBios = ["grub-pc-bin"];

/** The user, password and settings the chain plan installs (the password only as its hash in the plan). */
export const chainPlanFacts = {
  username: "ops",
  password: "Chain-test-pw-1",
  hostname: "web01",
  locale: "de_DE.UTF-8",
  keymap: "de",
  timezone: "Europe/Berlin",
  recipe: "hello",
};

/**
 * PID 1 of the installed system (test-only, no service manager): mounts the API filesystems and
 * keeps a login prompt on the serial console, as a getty unit would.
 */
const installedInit = `#!/bin/sh
# Test-only PID 1 of the chain test's installed system (test/boot/README.md): no service manager;
# the API filesystems, the host name, then a login prompt on the serial console, as getty would.
PATH=/usr/sbin:/usr/bin
export PATH
mount -t proc proc /proc 2>/dev/null
mount -t sysfs sysfs /sys 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /run
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t tmpfs tmpfs /run 2>/dev/null
mount -o remount,rw / 2>/dev/null
[ -d /sys/firmware/efi/efivars ] && mount -t efivarfs efivarfs /sys/firmware/efi/efivars 2>/dev/null
busybox hostname -F /etc/hostname 2>/dev/null
# The installer carries the live console= over, so the kernel writes to ttyS0 too: after boot only
# emergencies, so late messages (an RCU stall on a loaded host) do not land inside the login prompt
# or a command's output, as a distribution's kernel.printk keeps them off a login console.
dmesg -n 1 2>/dev/null || busybox dmesg -n 1 2>/dev/null
# Secure Boot as the firmware reports it: the SecureBoot variable's last byte (none on BIOS).
sb=none
for v in /sys/firmware/efi/efivars/SecureBoot-*; do [ -e "$v" ] && sb=$(tail -c 1 "$v" | od -An -tu1 | tr -d ' '); done
echo "LEVITATE-CHAIN installed up firmware=$([ -d /sys/firmware/efi ] && echo uefi || echo bios) secureboot=$sb root=$(findmnt -n -o SOURCE,FSTYPE / | tr -s ' ') uptime=$(cut -d' ' -f1 /proc/uptime)" >/dev/ttyS0
while :; do
  busybox getty -L -l /usr/lib/levitate-chain/login 115200 ttyS0 vt100
done
`;

/** Debian makes these with pam-auth-update in a maintainer script, which wrapped packages never run. */
const pamCommon: Record<string, string> = {
  "/etc/pam.d/common-auth": "auth required pam_unix.so nullok\n",
  "/etc/pam.d/common-account": "account required pam_unix.so\n",
  "/etc/pam.d/common-session": "session required pam_unix.so\n",
  "/etc/pam.d/common-session-noninteractive": "session required pam_unix.so\n",
  "/etc/pam.d/common-password": "password required pam_unix.so sha512\n",
};

/**
 * fd's source for the installed system, where there is no network: a release-shaped tarball
 * (fd-VERSION/fd) of Debian's fd-find binary. The chain toolkit's fd recipe downloads it from
 * this path, which the levitate-chain-system RPM puts on the installed disk.
 */
export const FD_VERSION = "8.6.0";
export const FD_PATH = `/usr/share/levitate-chain/fd-${FD_VERSION}.tar.gz`;
const HOST_FD = "/usr/lib/cargo/bin/fd";

function reproducibleTgz(dir: string, name: string, files: Record<string, Buffer | string>): Buffer {
  const src = join(dir, `${name}-src`);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(join(src, name), { recursive: true });
  for (const [f, content] of Object.entries(files))
    writeFileSync(join(src, name, f), content, { mode: 0o755 });
  const tar = join(dir, `${name}.tar`);
  // Fixed times and owners: the same bytes (and checksum) on every run.
  execFileSync("tar", [
    "--sort=name",
    "--mtime=@0",
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    "-C",
    src,
    "-cf",
    tar,
    name,
  ]);
  execFileSync("gzip", ["-n", "-f", tar]);
  const buf = readFileSync(`${tar}.gz`);
  rmSync(src, { recursive: true, force: true });
  return buf;
}

export function fdTarball(dir: string): { tgz: Buffer; sha256: string } {
  if (!existsSync(HOST_FD))
    throw new Error(`${HOST_FD} is missing: apt-get install fd-find (.ci/apt-packages.txt)`);
  mkdirSync(dir, { recursive: true });
  const tgz = reproducibleTgz(dir, `fd-${FD_VERSION}`, { fd: readFileSync(HOST_FD) });
  return { tgz, sha256: createHash("sha256").update(tgz).digest("hex") };
}

function systemRpmFiles(fd: Buffer): Record<string, string | Buffer | { content: string; mode: number }> {
  return {
    "/usr/sbin/init": { content: installedInit, mode: 0o755 },
    "/usr/lib/levitate-chain/login": { content: '#!/bin/sh\nexec busybox login "$@"\n', mode: 0o755 },
    [FD_PATH]: fd,
    ...pamCommon,
  };
}

function sha(...parts: (string | Buffer)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex").slice(0, 16);
}

export interface ChainRepo {
  repoDir: string;
  key: string;
  kernelVersion: string;
}

/** The Debian-boot packages with the chain's extra roots, plus the chain's own fixture RPM. */
export async function buildChainRepo(log: (l: string) => void = () => {}): Promise<ChainRepo> {
  const deb = await buildDebianBootRepo({ extraRoots: chainExtraRoots, log });
  const scratch = mkdtempSync(join(tmpdir(), "levitate-chain-fd-"));
  const fd = fdTarball(scratch);
  rmSync(scratch, { recursive: true, force: true });
  const files = systemRpmFiles(fd.tgz);
  const key = sha(deb.key, installedInit, JSON.stringify(pamCommon), fd.sha256, "chain-repo-v2");
  const parent = join(defaultCacheDir(), "..", "boot-chain");
  const dir = join(parent, `repo-${key}`);
  const repoDir = join(dir, "repo");
  const result = { repoDir, key, kernelVersion: deb.kernelVersion };
  if (existsSync(join(dir, "done"))) return result;
  // Test files run in parallel forks (chain.test.ts, toolkit-on-target.test.ts): one builds.
  mkdirSync(parent, { recursive: true });
  const release = await lockfile.lock(parent, {
    retries: { retries: 900, minTimeout: 1000, maxTimeout: 1000 },
    stale: 30_000,
  });
  try {
    if (!existsSync(join(dir, "done"))) buildChainRepoInto(dir, deb.repoDir, files);
  } finally {
    await release();
  }
  return result;
}

function buildChainRepoInto(dir: string, debRepoDir: string, files: ReturnType<typeof systemRpmFiles>): void {
  const work = `${dir}.building`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "repo"), { recursive: true });
  for (const f of readdirSync(debRepoDir).filter((x) => x.endsWith(".rpm")))
    cpSync(join(debRepoDir, f), join(work, "repo", f));
  // rpmbuild put the wrapped RPMs in arch subfolders.
  for (const sub of readdirSync(debRepoDir, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && d.name !== "repodata",
  ))
    cpSync(join(debRepoDir, sub.name), join(work, "repo", sub.name), { recursive: true });
  buildRpm(
    {
      name: "levitate-chain-system",
      summary:
        "chain test only: PID 1 with a serial login prompt, PAM's common files, busybox login, fd's source",
      requires: ["busybox-static", "util-linux", "mount"],
      files,
    },
    join(work, "repo", "noarch"),
  );
  execFileSync("createrepo_c", ["--quiet", join(work, "repo")]);
  writeFileSync(join(work, "done"), `${new Date().toISOString()}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
}

/** A recipe whose source is a tarball on the live system: an install that needs no network. */
export function helloTarball(dir: string): { tgz: Buffer; sha256: string } {
  const src = join(dir, "hello-src", "hello-1.0");
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, "hello"), '#!/bin/sh\necho "hello from the chain test"\n', { mode: 0o755 });
  const tgz = join(dir, "hello-1.0.tar.gz");
  // Fixed times and owners: the same bytes (and checksum) on every run.
  execFileSync("tar", [
    "--sort=name",
    "--mtime=@0",
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    "-C",
    join(dir, "hello-src"),
    "-cf",
    join(dir, "hello-1.0.tar"),
    "hello-1.0",
  ]);
  execFileSync("gzip", ["-n", "-f", join(dir, "hello-1.0.tar")]);
  const buf = readFileSync(tgz);
  return { tgz: buf, sha256: createHash("sha256").update(buf).digest("hex") };
}

const HELLO_PATH = "/usr/share/levitate-chain/hello-1.0.tar.gz";

export function helloRecipe(sha256: string): string {
  return [
    "// chain test only: a recipe whose download is a file on the live system (the install is offline).",
    `let pkg = #{ name: "hello", version: "1.0", description: "prints hello (chain test)", deps: [] };`,
    "let installed = false;",
    "let installed_version = ();",
    "let installed_files = [];",
    "let installed_at = ();",
    "fn install() {",
    `    download("file://${HELLO_PATH}", "sha256:${sha256}");`,
    `    extract("tar.gz");`,
    `    install_bin("hello");`,
    "}",
    "",
  ].join("\n");
}

/** The chain toolkit's fd: the recipe shape of recipes/fd.rhai, its source on the installed disk. */
export function fdRecipe(sha256: string): string {
  return [
    "// chain test only: fd whose download is a file on the installed system (no network there).",
    `let pkg = #{ name: "fd", version: "${FD_VERSION}", description: "simple, fast alternative to find (chain test)", deps: [] };`,
    "let installed = false;",
    "let installed_version = ();",
    "let installed_files = [];",
    "let installed_at = ();",
    "fn install() {",
    `    download("file://${FD_PATH}", "sha256:${sha256}");`,
    `    extract("tar.gz");`,
    `    install_bin("fd");`,
    "}",
    "",
  ].join("\n");
}

/**
 * The toolkit tree the chain ISO embeds: this checkout's dist/ (run `npm run build` first), its
 * package files and node_modules, and recipes for the test repository: the base lists, hello
 * (source on the live medium) and fd (source on the installed disk).
 */
export function writeChainToolkit(toolkit: string, recipes: { hello: string; fd: string }): void {
  mkdirSync(join(toolkit, "recipes"), { recursive: true });
  cpSync(join(packageRoot, "dist"), join(toolkit, "dist"), { recursive: true });
  for (const f of ["package.json", "package-lock.json"]) cpSync(join(packageRoot, f), join(toolkit, f));
  symlinkSync(join(packageRoot, "node_modules"), join(toolkit, "node_modules"));
  writeFileSync(join(toolkit, "recipes", "base.list"), `${chainBaseList.join("\n")}\n`);
  writeFileSync(join(toolkit, "recipes", "base-uefi.list"), `${chainBaseUefi.join("\n")}\n`);
  writeFileSync(join(toolkit, "recipes", "base-bios.list"), `${chainBaseBios.join("\n")}\n`);
  writeFileSync(join(toolkit, "recipes", "hello.rhai"), recipes.hello);
  writeFileSync(join(toolkit, "recipes", "fd.rhai"), recipes.fd);
  // The plan's de_DE.UTF-8 needs glibc-langpack-de (the installer refuses it otherwise); Debian's
  // wrapped packages have no such pack, so a stand-in with nothing to install keeps the chain's locale.
  writeFileSync(
    join(toolkit, "recipes", "glibc-langpack-de.rhai"),
    [
      "// chain test only: stands in for Rocky's German language pack (nothing to install here).",
      `let pkg = #{ name: "glibc-langpack-de", version: "1.0", description: "German locales (chain test stand-in)", deps: [] };`,
      "let installed = false;",
      "let installed_version = ();",
      "let installed_files = [];",
      "let installed_at = ();",
      "fn install() { }",
      "",
    ].join("\n"),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export interface ChainIso {
  iso: string;
  label: string;
  /** Seconds the build took (0 when it came from the cache). */
  buildSeconds: number;
  isoBytes: number;
}

/**
 * `leviso build` (the library, to embed a toolkit tree whose base.list fits the test repository)
 * of the chain profile. The toolkit is this checkout's dist/ (run `npm run build` first).
 */
export async function buildChainIso(log: (l: string) => void = () => {}): Promise<ChainIso> {
  const dist = join(packageRoot, "dist", "cli", "levitate.js");
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run npm run build before the chain test`);
  const repo = await buildChainRepo(log);
  const distHash = createHash("sha256");
  for (const f of filesUnder(join(packageRoot, "dist")))
    distHash.update(relative(packageRoot, f)).update(readFileSync(f));
  const profileHash = createHash("sha256");
  for (const f of [...filesUnder(chainProfileDir), autostartScript])
    profileHash.update(relative(chainProfileDir, f)).update(readFileSync(f));
  const key = sha(
    repo.key,
    distHash.digest("hex"),
    profileHash.digest("hex"),
    JSON.stringify([chainBaseList, chainBaseUefi, chainBaseBios]),
    "chain-iso-v2",
  );
  const dir = join(defaultCacheDir(), "..", "boot-chain", `iso-${key}`);
  const stamp = join(dir, "result.json");
  const cached = () => ({ ...(JSON.parse(readFileSync(stamp, "utf8")) as ChainIso), buildSeconds: 0 });
  if (existsSync(stamp)) return cached();
  // Two runs of the chain test at once (a person's and CI's, or -t filters) build one ISO.
  const locks = join(dir, "..", "iso-lock");
  mkdirSync(locks, { recursive: true });
  const release = await lockfile.lock(locks, {
    retries: { retries: 1800, minTimeout: 1000, maxTimeout: 1000 },
    stale: 30_000,
  });
  try {
    if (existsSync(stamp)) return cached();
    return await buildChainIsoInto(dir, repo, log);
  } finally {
    await release();
  }
}

async function buildChainIsoInto(dir: string, repo: ChainRepo, log: (l: string) => void): Promise<ChainIso> {
  const work = `${dir}.building`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    // The profile, plus the recipe's source file in its overlay.
    const profile = join(work, "profile");
    cpSync(chainProfileDir, profile, { recursive: true });
    const hello = helloTarball(work);
    mkdirSync(join(profile, "airootfs", "usr/share/levitate-chain"), { recursive: true });
    writeFileSync(join(profile, "airootfs", HELLO_PATH), hello.tgz);
    mkdirSync(join(profile, "airootfs", "etc/profile.d"), { recursive: true });
    cpSync(autostartScript, join(profile, "airootfs", "etc/profile.d/levitate-install.sh"));
    // A toolkit tree: this checkout's build, with recipes for the test repository's base set.
    const toolkit = join(work, "toolkit");
    writeChainToolkit(toolkit, {
      hello: helloRecipe(hello.sha256),
      fd: fdRecipe(fdTarball(join(work, "fd")).sha256),
    });

    const t0 = Date.now();
    const report = await build({
      profileDir: profile,
      sources: [repo.repoDir],
      outDir: join(work, "out"),
      toolkitRoot: toolkit,
      onEvent: (e) => {
        if (e.kind === "stage" && e.state === "done")
          log(`leviso ${e.name}: ${e.seconds?.toFixed(1)} s ${e.note ?? ""}`);
      },
    });
    if (!report.iso) throw new Error("leviso build stopped before the ISO");
    const iso = join(dir, "chain.iso");
    const result: ChainIso = {
      iso,
      label: report.label,
      buildSeconds: (Date.now() - t0) / 1000,
      isoBytes: report.isoBytes,
    };
    mkdirSync(join(work, "final"), { recursive: true });
    renameSync(report.iso, join(work, "final", "chain.iso"));
    writeFileSync(join(work, "final", "result.json"), JSON.stringify(result));
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, "final"), dir);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A small ISO labelled PLANS holding the plan files (as a fleet's plan disk would). */
export function makePlansIso(dir: string, files: Record<string, string>, label = "PLANS"): string {
  const tree = join(dir, "plans-tree");
  mkdirSync(tree, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(tree, name), content);
  const iso = join(dir, "plans.iso");
  execFileSync("xorriso", ["-as", "mkisofs", "-quiet", "-V", label, "-J", "-R", "-o", iso, tree], {
    stdio: "pipe",
  });
  return iso;
}
