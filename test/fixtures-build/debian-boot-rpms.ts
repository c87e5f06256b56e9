/**
 * Test-only: Debian's kernel, dracut (with dmsquash-live), busybox and bootloader files, wrapped
 * into RPMs with rpmbuild and published as an RPM repository with createrepo_c. No Rocky RPMs
 * can be fetched in CI, so leviso's real code path (repo metadata → resolver → `rpm --root` →
 * dracut → squashfs → ISO) is fed these instead. See test/boot/README.md for every shortcut.
 *
 *   const { repoDir, packages } = await buildDebianBootRepo();
 *   // write `packages` to the test profile's packages.txt and point leviso at `file://${repoDir}`
 *
 * The result is cached under `.cache/debian-boot/<key>/`, keyed on the installed Debian package
 * versions, so only the first run pays for rpmbuild (about a minute).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import lockfile from "proper-lockfile";
import { packageRoot } from "../../cli/common.js";
import { type DebPackage, dependencyClosure, readInstalledPackages } from "./debian-boot/dpkg.js";
import { bootModules, moduleClosure, readModulesDep } from "./debian-boot/kernel-modules.js";
import { filesEntry, renderSpec, rpmVersionOf } from "./debian-boot/rpm-spec.js";

const run = promisify(execFile);

/** Bump when the wrapping changes, so stale caches are rebuilt. */
const formatVersion = 4;

/**
 * What a live image needs, as Debian package names: kernel, initramfs generator with the live
 * module, a small userland (Debian's Essential set is implicit in its dependencies, so it is
 * named here), shadow tools for user setup, and the bootloader files for BIOS and UEFI.
 */
export const debianBootRoots = [
  "linux-image-amd64",
  "dracut",
  "dracut-live",
  "busybox-static",
  "base-files",
  "bash",
  "dash",
  "libc-bin",
  "coreutils",
  "util-linux",
  "mount",
  "sed",
  "grep",
  "findutils",
  "gzip",
  "tar",
  "diffutils",
  "kmod",
  "login",
  "passwd",
  "grub-efi-amd64-bin",
  "grub-pc-bin",
  "isolinux",
  "syslinux-common",
];

/**
 * In the repository for the installed system's base (the installed-disk boot test installs every
 * RPM here), not in the live image's profile: the UEFI boot loaders the installer copies onto the
 * ESP. systemd-boot's EFI binary, which Debian ships at Rocky's path
 * (/usr/lib/systemd/boot/efi/systemd-bootx64.efi); and the Secure Boot chain, Debian's shim
 * (signed by Microsoft's UEFI CA) and GRUB (signed by Debian, which that shim trusts), placed
 * where Rocky's shim-x64 and grub2-efi-x64 put theirs ({@link rockyPlacements}).
 */
export const debianInstallOnlyRoots = [
  "systemd-boot-efi",
  "shim-signed",
  "grub-efi-amd64-signed",
  // An encrypted root: dracut's crypt module joins the initramfs only where cryptsetup is
  // installed (Rocky's base set has `cryptsetup`; Debian's binary package is cryptsetup-bin).
  "cryptsetup-bin",
];

/**
 * Files a wrapped package also carries at Rocky's path, copied from Debian's: the installer takes
 * shim and GRUB from /boot/efi/EFI/rocky/ (where Rocky's packages install them, the ESP being
 * /boot/efi there). Debian's signed GRUB has /EFI/debian built in as its prefix; without that
 * directory on the ESP it reads `grub.cfg` from the directory it was started from, which is where
 * the installer writes its stub (EFI/rocky/grub.cfg, EFI/BOOT/grub.cfg), so no Debian path is
 * needed on the ESP.
 */
export const rockyPlacements: Record<string, { from: string; to: string }[]> = {
  "shim-signed": [{ from: "/usr/lib/shim/shimx64.efi.signed", to: "/boot/efi/EFI/rocky/shimx64.efi" }],
  "grub-efi-amd64-signed": [
    { from: "/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed", to: "/boot/efi/EFI/rocky/grubx64.efi" },
  ],
};

/** Debian's packaging machinery: never run in an RPM-installed root, so edges to it are dropped. */
const excluded = new Set([
  "dpkg",
  "debconf",
  "debconf-2.0",
  "cdebconf",
  "install-info",
  "perl-base",
  "adduser",
]);

/** Rocky-style names the wrapped packages also answer to, so profiles can say `kernel`. */
const rockyAliases: Record<string, string[]> = {
  "grub-efi-amd64-bin": ["grub2-efi-x64-modules"],
  "grub-pc-bin": ["grub2-pc-modules"],
  isolinux: ["syslinux"],
  "busybox-static": ["busybox"],
  "systemd-boot-efi": ["systemd-boot-unsigned"],
  "shim-signed": ["shim-x64"],
  "grub-efi-amd64-signed": ["grub2-efi-x64"],
  "cryptsetup-bin": ["cryptsetup"],
  // Files are wrapped at their merged-/usr paths, so the classic paths that scriptlets and
  // dependencies name are provided explicitly, as Rocky's bash does.
  dash: ["/bin/sh"],
  bash: ["/bin/bash"],
};

/** Trimmed from every package: documentation the live image never reads (test-only). */
const droppedPrefixes = ["/usr/share/man/", "/usr/share/info/", "/usr/share/locale/", "/usr/share/lintian/"];

export interface DebianBootRepo {
  /** An RPM repository (repodata/repomd.xml inside), usable as `file://${repoDir}`. */
  repoDir: string;
  /** Root package names for a profile's packages.txt; their closure is everything in the repo. */
  packages: string[];
  /** Every RPM name in the repository. */
  allPackages: string[];
  /** The kernel release, e.g. `6.1.0-56-amd64` (its modules are in /usr/lib/modules/<it>/). */
  kernelVersion: string;
  /** Cache key: changes when any wrapped Debian package's version changes. */
  key: string;
}

export interface BuildOptions {
  /** Where results are cached; default `$LEVITATE_TEST_CACHE/debian-boot` or `<repo>/.cache/debian-boot`. */
  cacheDir?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /**
   * More Debian packages (and their closure) to wrap, for a live system that runs the installer
   * (test/boot/chain.test.ts: fdisk, e2fsprogs, sudo, rpm, ...). A different set is a different
   * cache key, because the key covers every wrapped package.
   */
  extraRoots?: string[];
}

export function defaultCacheDir(): string {
  const base = process.env.LEVITATE_TEST_CACHE ?? join(packageRoot, ".cache");
  return join(base, "debian-boot");
}

/** Paths inside the merged-/usr layout: Debian bookworm still ships /bin/x, which lives at /usr/bin/x. */
export function canonicalPath(p: string): string {
  const m = /^\/(bin|sbin|lib|lib32|lib64|libx32)(\/.*)?$/.exec(p);
  return m ? `/usr/${m[1]}${m[2] ?? ""}` : p;
}

function kernelPackage(installed: Map<string, DebPackage>): { name: string; kver: string } {
  const meta = installed.get("linux-image-amd64");
  const name = meta?.depends.flat().find((d) => d.startsWith("linux-image-") && installed.has(d));
  if (!name)
    throw new Error(
      "linux-image-amd64 is not installed: apt-get install linux-image-amd64 (see .ci/apt-packages.txt)",
    );
  return { name, kver: name.replace(/^linux-image-/, "") };
}

function fileListOf(pkg: DebPackage): string[] {
  for (const f of [`${pkg.name}:${pkg.arch}.list`, `${pkg.name}.list`]) {
    const p = join("/var/lib/dpkg/info", f);
    if (existsSync(p)) return readFileSync(p, "utf8").split("\n").filter(Boolean);
  }
  return [];
}

export async function buildDebianBootRepo(options: BuildOptions = {}): Promise<DebianBootRepo> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const log = options.log ?? (() => {});
  const installed = readInstalledPackages();
  const kernel = kernelPackage(installed);
  const closure = dependencyClosure(
    installed,
    [...debianBootRoots, ...debianInstallOnlyRoots, ...(options.extraRoots ?? [])],
    excluded,
  );
  const modules = moduleClosure(readModulesDep(kernel.kver), bootModules);

  const versions = [...closure.keys()].sort().map((n) => `${n}=${installed.get(n)?.version}`);
  const key = createHash("sha256")
    .update(JSON.stringify({ formatVersion, versions, modules, droppedPrefixes }))
    .digest("hex")
    .slice(0, 16);
  const finalDir = join(cacheDir, key);
  const stamp = join(finalDir, "result.json");
  const result: DebianBootRepo = {
    repoDir: join(finalDir, "repo"),
    packages: ["filesystem", ...debianBootRoots],
    allPackages: ["filesystem", ...[...closure.keys()].sort()],
    kernelVersion: kernel.kver,
    key,
  };
  if (existsSync(stamp)) return result;

  mkdirSync(cacheDir, { recursive: true });
  // Test files run in parallel forks: one builds, the others wait and then find the stamp.
  const release = await lockfile.lock(cacheDir, {
    retries: { retries: 900, minTimeout: 1000, maxTimeout: 1000 },
    stale: 30_000,
  });
  try {
    if (existsSync(stamp)) return result;
    const work = join(cacheDir, `${key}.building`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, "repo"), { recursive: true });
    const started = Date.now();
    log(`wrapping ${closure.size + 1} Debian packages into RPMs in ${work}`);

    const claimed = new Set<string>();
    const jobs: (() => Promise<void>)[] = [];
    const keepModule = new Set(modules.map((m) => `/usr/lib/modules/${kernel.kver}/${m}`));
    for (const [name, deps] of closure) {
      const pkg = installed.get(name) as DebPackage;
      const isKernel = name === kernel.name;
      const entries: { path: string; isDir: boolean }[] = [];
      for (const raw of fileListOf(pkg)) {
        const path = canonicalPath(raw);
        if (path === "/." || path === "/" || droppedPrefixes.some((d) => path.startsWith(d))) continue;
        if (
          isKernel &&
          path.startsWith(`/usr/lib/modules/${kernel.kver}/kernel/`) &&
          path.endsWith(".ko") &&
          !keepModule.has(path)
        )
          continue;
        // Rocky's layout: the kernel's files live beside its modules and %posttrans copies vmlinuz
        // to /boot, which may be a FAT ESP where rpm could not set owners and modes.
        if (isKernel && (path === "/boot" || path.startsWith("/boot/"))) continue;
        let st: ReturnType<typeof lstatSync>;
        try {
          st = lstatSync(path);
        } catch {
          continue; // excluded by the image's dpkg path filters, or diverted: nothing to wrap
        }
        const isDir = st.isDirectory();
        // One owner per path: a file listed twice (merged-/usr aliases) or a directory shared by
        // many packages (with different modes, which rpm calls a conflict) goes to the first.
        if (claimed.has(path)) continue;
        claimed.add(path);
        entries.push({ path, isDir });
      }
      if (isKernel)
        for (const f of ["vmlinuz", "config", "System.map"])
          entries.push({ path: `/usr/lib/modules/${kernel.kver}/${f}`, isDir: false });
      const placed = rockyPlacements[name] ?? [];
      for (const p of placed) entries.push({ path: p.to, isDir: false });
      jobs.push(() =>
        wrapPackage(work, {
          pkg,
          entries,
          requires: ["filesystem", ...deps],
          provides: [
            ...pkg.provides.filter((p) => !closure.has(p)),
            ...(rockyAliases[name] ?? []),
            ...(isKernel ? ["kernel", "kernel-core", "kernel-modules"] : []),
          ],
          kernel: isKernel ? kernel.kver : null,
          placed,
        }),
      );
    }
    jobs.push(() => wrapFilesystem(work, claimed));
    await runLimited(jobs, 2);
    await run("createrepo_c", ["--quiet", join(work, "repo")]);
    writeFileSync(
      join(work, "result.json"),
      `${JSON.stringify({ ...result, built: new Date().toISOString() }, null, 2)}\n`,
    );
    rmSync(join(work, "stage"), { recursive: true, force: true });
    rmSync(join(work, "top"), { recursive: true, force: true });
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(work, finalDir);
    log(`built ${result.allPackages.length} RPMs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    await release();
  }
}

async function runLimited(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as () => Promise<void>;
      await job();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

interface WrapInput {
  pkg: DebPackage;
  entries: { path: string; isDir: boolean }[];
  requires: string[];
  provides: string[];
  kernel: string | null;
  /** Copies of host files at other paths in the package (Rocky's layout). */
  placed: { from: string; to: string }[];
}

async function wrapPackage(work: string, w: WrapInput): Promise<void> {
  const stage = join(work, "stage", w.pkg.name);
  mkdirSync(stage, { recursive: true });
  const sourceList = join(work, "stage", `${w.pkg.name}.tar-list`);
  const moved = new Set([
    ...(w.kernel ? ["vmlinuz", "config", "System.map"].map((f) => `/usr/lib/modules/${w.kernel}/${f}`) : []),
    ...w.placed.map((p) => p.to),
  ]);
  const hostPaths = w.entries.filter((e) => !moved.has(e.path));
  writeFileSync(sourceList, hostPaths.map((e) => e.path.slice(1)).join("\n") + "\n");
  // tar keeps modes (setuid included), owners, symlinks and times exactly as dpkg installed them.
  await run("sh", [
    "-c",
    'tar -C / --no-recursion --verbatim-files-from -T "$1" -cf - | tar -C "$2" -xpf -',
    "sh",
    sourceList,
    stage,
  ]);
  for (const p of w.placed) {
    mkdirSync(join(stage, dirname(p.to)), { recursive: true });
    await run("cp", ["-p", p.from, join(stage, p.to)]);
  }
  if (w.kernel) {
    const modDir = join(stage, "usr/lib/modules", w.kernel);
    mkdirSync(modDir, { recursive: true });
    for (const f of ["vmlinuz", "config", "System.map"])
      await run("cp", ["-p", join("/boot", `${f}-${w.kernel}`), join(modDir, f)]);
    // Only the kept modules are in the stage: regenerate modules.dep and friends for them.
    await run("depmod", ["-b", join(stage, "usr"), w.kernel]);
    for (const f of [
      "modules.dep",
      "modules.dep.bin",
      "modules.alias",
      "modules.alias.bin",
      "modules.symbols",
      "modules.symbols.bin",
      "modules.builtin.bin",
      "modules.builtin.alias.bin",
      "modules.devname",
      "modules.softdep",
    ])
      if (existsSync(join(modDir, f)))
        w.entries.push({ path: `/usr/lib/modules/${w.kernel}/${f}`, isDir: false });
  }
  await rpmbuild(work, w.pkg.name, stage, w.entries, {
    version: w.pkg.version,
    noarch: w.pkg.arch === "all",
    summary: `Debian ${w.pkg.name} ${w.pkg.version}, wrapped for LevitateOS boot tests`,
    requires: w.requires,
    provides: w.provides,
    ...(w.kernel ? { posttrans: kernelPosttrans(w.kernel) } : {}),
  });
}

/**
 * What Rocky's kernel-install does after a kernel lands: vmlinuz into /boot, and a generic
 * (not host-only) initramfs from the root's own dracut, so an installed disk boots on any machine.
 */
export function kernelPosttrans(kver: string): string {
  return [
    `kver=${kver}`,
    "mkdir -p /boot",
    'cp "/usr/lib/modules/$kver/vmlinuz" "/boot/vmlinuz-$kver"',
    "if command -v dracut >/dev/null 2>&1; then",
    '  dracut --no-hostonly --force --kver "$kver" "/boot/initramfs-$kver.img" >/dev/null 2>&1 ||',
    '    echo "kernel %posttrans: dracut failed; /boot/initramfs-$kver.img is missing" >&2',
    "fi",
  ].join("\n");
}

/**
 * Rocky's `filesystem` + `setup`: the merged-/usr symlinks, the top-level directories and the
 * account databases (from Debian's base-passwd masters; Debian makes them in maintainer scripts,
 * which wrapped packages never run).
 */
async function wrapFilesystem(work: string, claimed: ReadonlySet<string>): Promise<void> {
  const stage = join(work, "stage", "filesystem");
  const entries: { path: string; isDir: boolean }[] = [];
  const script = [
    "set -e",
    'cd "$1"',
    "mkdir -p usr/bin usr/sbin usr/lib usr/lib64 etc dev proc sys run tmp var/tmp root home mnt boot media opt srv",
    "ln -s usr/bin bin; ln -s usr/sbin sbin; ln -s usr/lib lib; ln -s usr/lib64 lib64",
    "chmod 1777 tmp var/tmp; chmod 0700 root",
    "cp /usr/share/base-passwd/passwd.master etc/passwd; cp /usr/share/base-passwd/group.master etc/group",
    "awk -F: '{print $1\":*:19000:0:99999:7:::\"}' etc/passwd > etc/shadow",
    "awk -F: '{print $1\":*::\"}' etc/group > etc/gshadow",
    "chmod 0644 etc/passwd etc/group; chmod 0640 etc/shadow etc/gshadow; chgrp 42 etc/shadow etc/gshadow",
    "cp /usr/share/libc-bin/nsswitch.conf etc/nsswitch.conf",
    ": > etc/fstab; printf '/bin/sh\\n/usr/bin/sh\\n/bin/bash\\n/usr/bin/bash\\n' > etc/shells",
  ].join("\n");
  mkdirSync(stage, { recursive: true });
  await run("sh", ["-c", script, "sh", stage]);
  for (const d of [
    "/usr",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib64",
    "/etc",
    "/dev",
    "/proc",
    "/sys",
    "/run",
    "/tmp",
    "/var",
    "/var/tmp",
    "/root",
    "/home",
    "/mnt",
    "/boot",
    "/media",
    "/opt",
    "/srv",
  ])
    if (!claimed.has(d)) entries.push({ path: d, isDir: true });
  for (const f of [
    "/bin",
    "/sbin",
    "/lib",
    "/lib64",
    "/etc/passwd",
    "/etc/group",
    "/etc/shadow",
    "/etc/gshadow",
    "/etc/nsswitch.conf",
    "/etc/fstab",
    "/etc/shells",
  ])
    entries.push({ path: f, isDir: false });
  await rpmbuild(work, "filesystem", stage, entries, {
    version: "3.16-levitate1",
    noarch: false,
    summary: "Top-level directories, merged-/usr links and account databases for the boot-test root",
    requires: [],
    provides: ["setup"],
  });
}

async function rpmbuild(
  work: string,
  name: string,
  stage: string,
  entries: { path: string; isDir: boolean }[],
  meta: {
    version: string;
    noarch: boolean;
    summary: string;
    requires: string[];
    provides: string[];
    posttrans?: string;
  },
): Promise<void> {
  const specDir = join(work, "specs");
  mkdirSync(specDir, { recursive: true });
  const filesList = join(specDir, `${name}.files`);
  writeFileSync(filesList, entries.map((e) => filesEntry(e.path, e.isDir)).join("\n") + "\n");
  const spec = join(specDir, `${name}.spec`);
  writeFileSync(
    spec,
    renderSpec({
      name,
      version: rpmVersionOf(meta.version),
      noarch: meta.noarch,
      summary: meta.summary,
      description: `${meta.summary}. Test fixture only: built by test/fixtures-build/debian-boot-rpms.ts.`,
      requires: meta.requires,
      provides: meta.provides,
      stageDir: stage,
      filesList,
      ...(meta.posttrans ? { posttrans: meta.posttrans } : {}),
    }),
  );
  // Two rpmbuilds run at once (runLimited): each gets its own _topdir, made here, because
  // rpmbuild's own mkdir of a shared one fails with "File exists" when the other wins the race.
  const topdir = join(work, "top", name);
  mkdirSync(topdir, { recursive: true });
  try {
    await run(
      "rpmbuild",
      ["-bb", "--quiet", "--define", `_topdir ${topdir}`, "--define", `_rpmdir ${join(work, "repo")}`, spec],
      { maxBuffer: 64 << 20 },
    );
  } catch (e) {
    const err = e as { stderr?: string };
    throw new Error(`rpmbuild failed for ${name} (spec ${spec}):\n${(err.stderr ?? String(e)).slice(-4000)}`);
  }
}
