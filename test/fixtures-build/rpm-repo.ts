/**
 * Test-only: small fixture RPMs for leviso's resolver and root tests, built with rpmbuild and
 * published with createrepo_c, plus a fixture "Rocky-like" ISO holding that repository under
 * BaseOS/. The set covers what the resolver must handle: Requires/Provides, a virtual provide, a
 * file dependency, a rich (boolean) dependency, a noarch package, two versions of one package,
 * and one package whose requirement nothing provides.
 *
 * Results are cached under `$LEVITATE_TEST_CACHE/leviso-fixtures/<hash>/` (default `.cache/`),
 * keyed on the fixture definitions, so only the first run pays for rpmbuild.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import lockfile from "proper-lockfile";
import { packageRoot } from "../../cli/common.js";

const run = promisify(execFile);

export interface FixturePackage {
  name: string;
  version: string;
  release?: string;
  noarch?: boolean;
  requires?: string[];
  provides?: string[];
  /** Files: path → contents (mode 0755 when the path is under a bin/ directory). */
  files?: Record<string, string>;
  /** Host files copied into the package as they are (mode kept). */
  hostFiles?: string[];
  /** Shell snippet for %post (needs /bin/sh inside the root). */
  post?: string;
}

/** The fixture universe. `fx-app`'s closure is fx-app, fx-lib 2.1, fx-tool, fx-cap-impl, fx-data, fx-opt-b. */
export const fixturePackages: FixturePackage[] = [
  {
    name: "fx-app",
    version: "1.0",
    requires: ["fx-lib >= 2.0", "/usr/bin/fx-tool", "fx-capability", "(fx-opt-a or fx-opt-b)", "fx-data"],
    files: { "/usr/bin/fx-app": "#!/bin/sh\necho fx-app\n" },
  },
  { name: "fx-lib", version: "1.0", files: { "/usr/lib64/libfx.so.1": "lib v1\n" } },
  { name: "fx-lib", version: "2.1", files: { "/usr/lib64/libfx.so.2": "lib v2\n" } },
  { name: "fx-tool", version: "3.0", files: { "/usr/bin/fx-tool": "#!/bin/sh\necho tool\n" } },
  {
    name: "fx-cap-impl",
    version: "1.0",
    provides: ["fx-capability"],
    files: { "/etc/fx/cap.conf": "cap=1\n" },
  },
  { name: "fx-data", version: "0.5", noarch: true, files: { "/usr/share/fx/data.txt": "data\n" } },
  { name: "fx-opt-b", version: "1.0", files: { "/usr/share/fx/opt-b": "b\n" } },
  {
    name: "fx-broken",
    version: "1.0",
    requires: ["fx-nonexistent >= 1", "fx-lib"],
    files: { "/usr/share/fx/broken": "x\n" },
  },
  {
    name: "fx-setup",
    version: "1.0",
    noarch: true,
    files: {
      "/etc/passwd": "root:x:0:0:root:/root:/bin/sh\n",
      "/etc/group": "root:x:0:\nwheel:x:10:\n",
      "/etc/shadow": "root:*:19000:0:99999:7:::\n",
      "/etc/gshadow": "root:*::\nwheel:*::\n",
      "/etc/os-release": 'NAME="Fixture Linux"\nPRETTY_NAME="Fixture Linux 1"\nID=fixture\n',
    },
  },
];

/**
 * Test-only stopgap: the host's `dmsetup` (dracut's dm module, which dmsquash-live needs, refuses
 * to install without it), for as long as the Debian boot repository does not wrap it. Its
 * library (libdevmapper) comes with that repository already.
 */
export const bootExtras: FixturePackage[] = [
  {
    name: "dmsetup",
    version: "1.02.185",
    release: "fx1",
    hostFiles: [
      "/usr/sbin/dmsetup",
      "/usr/lib/udev/rules.d/55-dm.rules",
      "/usr/lib/udev/rules.d/60-persistent-storage-dm.rules",
      "/usr/lib/udev/rules.d/95-dm-notify.rules",
    ],
  },
];

/**
 * Test-only: the host's libstdc++ as Rocky's `libstdc++` RPM. The Debian boot repository does
 * not wrap it, and Node (embedded by leviso's installer stage) links against it. The version is
 * the library's own, so a host upgrade makes a new package (and a new cache key).
 */
export function installerExtras(): FixturePackage[] {
  const lib = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
  const version = /\.so\.6\.(.+)$/.exec(realpathSync(lib))?.[1] ?? "0";
  return [{ name: "libstdc++", version, release: "fx1", hostFiles: [lib] }];
}

/**
 * Stand-ins for the RPMs of recipes/base.list and the firmware lists (base-uefi.list,
 * base-bios.list), under Rocky's names, with dependencies outside the lists (as the real ones
 * have: coreutils needs coreutils-common, systemd needs libseccomp and a libcap file, rpm needs
 * rpm-libs and through it popt and libzstd; efibootmgr needs efivar-libs and grub2-pc-modules
 * grub2-common, which only their firmware's closure holds). rpm installs the lists only together
 * with those, so the ISO's repository must hold the closure. Every other listed name gets a
 * plain stand-in, so the fixture follows the lists.
 */
export const rockyBasePackages: FixturePackage[] = (() => {
  const pkg = (name: string, requires: string[], extra: Partial<FixturePackage> = {}): FixturePackage => ({
    name,
    version: "1.0",
    release: "1.el10",
    requires,
    files: { [`/usr/share/fx-base/${name}`]: `${name}\n` },
    ...extra,
  });
  const shaped = [
    pkg("filesystem", []),
    pkg("setup", ["filesystem"]),
    pkg("basesystem", ["setup", "filesystem"]),
    pkg("glibc-common", ["basesystem"]),
    pkg("glibc", ["glibc-common"], { provides: ["libc.so.6()(64bit)"] }),
    pkg("ncurses-libs", ["libc.so.6()(64bit)"], { provides: ["libtinfo.so.6()(64bit)"] }),
    pkg("bash", ["libc.so.6()(64bit)", "libtinfo.so.6()(64bit)"], {
      files: { "/usr/bin/bash": "#!/bin/sh\necho fixture bash\n" },
    }),
    pkg("coreutils", ["glibc", "coreutils-common = 1.0"]),
    pkg("coreutils-common", []),
    pkg("util-linux", ["glibc", "util-linux-core", "libblkid"]),
    pkg("util-linux-core", ["glibc"]),
    pkg("libblkid", ["glibc"]),
    pkg("systemd", ["glibc", "util-linux", "libseccomp", "/usr/lib64/libcap.so.2"]),
    pkg("libseccomp", ["glibc"]),
    pkg("libcap", ["glibc"], { files: { "/usr/lib64/libcap.so.2": "libcap\n" } }),
    pkg("rpm", ["bash", "rpm-libs"]),
    pkg("rpm-libs", ["popt", "libzstd"]),
    pkg("popt", ["glibc"]),
    pkg("libzstd", ["glibc"]),
    pkg("efibootmgr", ["glibc", "efivar-libs"]),
    pkg("efivar-libs", ["glibc"]),
    pkg("grub2-pc-modules", ["grub2-common"]),
    pkg("grub2-common", []),
  ];
  const lists = ["base.list", "base-uefi.list", "base-bios.list"].flatMap((f) =>
    readFileSync(join(packageRoot, "recipes", f), "utf8")
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter(Boolean),
  );
  const known = new Set(shaped.map((p) => p.name));
  return [...shaped, ...[...new Set(lists)].filter((n) => !known.has(n)).map((n) => pkg(n, ["glibc"]))];
})();

/**
 * Stand-ins for two of Rocky's glibc language packs (profile.json installer.languages): German
 * needs only the base set; French needs one package the base set does not hold, so the ISO's
 * repository must carry it and the pack's recipe must depend on it.
 */
export const languagePackFixtures: FixturePackage[] = [
  {
    name: "glibc-langpack-de",
    version: "1.0",
    release: "1.el10",
    requires: ["glibc-common"],
    files: { "/usr/lib/locale/de_DE.utf8/LC_MESSAGES/SYS_LC_MESSAGES": "de\n" },
  },
  {
    name: "glibc-langpack-fr",
    version: "1.0",
    release: "1.el10",
    requires: ["glibc", "fx-fr-data"],
    files: { "/usr/lib/locale/fr_FR.utf8/LC_MESSAGES/SYS_LC_MESSAGES": "fr\n" },
  },
  {
    name: "fx-fr-data",
    version: "1.0",
    release: "1.el10",
    requires: ["glibc"],
    files: { "/usr/share/fx-base/fx-fr-data": "fr data\n" },
  },
];

/** Package names of `rockyBasePackages` that only one firmware's list pulls in. */
export const rockyFirmwareOnly = {
  uefi: ["shim-x64", "grub2-efi-x64", "grub2-tools", "efibootmgr", "efivar-libs", "dosfstools"],
  bios: ["grub2-pc", "grub2-pc-modules", "grub2-common", "grub2-tools"],
};

export interface FixtureRepo {
  /** Directory with repodata/ and the .rpm files. */
  repoDir: string;
  /** A directory of the same RPMs without repodata (read through rpm headers). */
  plainDir: string;
  /** An ISO 9660 image laid out like Rocky's: BaseOS/repodata, BaseOS/Packages. */
  iso: string;
}

function specOf(p: FixturePackage, buildRoot: string): string {
  const files = [...Object.keys(p.files ?? {}), ...(p.hostFiles ?? [])];
  const lines = [
    "%define __spec_install_post %{nil}",
    "%define debug_package %{nil}",
    "%define _build_id_links none",
    "%define _binary_payload w1.gzdio",
    `Name: ${p.name}`,
    `Version: ${p.version}`,
    `Release: ${p.release ?? "1.fx"}`,
    `Summary: leviso fixture ${p.name}`,
    "License: MIT",
    ...(p.noarch ? ["BuildArch: noarch"] : []),
    "AutoReqProv: no",
    ...(p.requires ?? []).map((r) => `Requires: ${r}`),
    ...(p.provides ?? []).map((r) => `Provides: ${r}`),
    "",
    "%description",
    `Fixture package ${p.name} for leviso tests.`,
    "",
    "%install",
    `cp -a '${buildRoot}/.' '%{buildroot}/'`,
    "",
    ...(p.post ? ["%post", p.post, ""] : []),
    "%files",
    ...files.map((f) => `"${f}"`),
    "",
  ];
  return lines.join("\n");
}

async function buildRpm(work: string, p: FixturePackage, outDir: string): Promise<void> {
  const id = `${p.name}-${p.version}`;
  const stage = join(work, "stage", id);
  mkdirSync(stage, { recursive: true });
  for (const [path, content] of Object.entries(p.files ?? {})) {
    const abs = join(stage, path);
    mkdirSync(join(abs, ".."), { recursive: true });
    writeFileSync(abs, content, { mode: /\/s?bin\//.test(path) ? 0o755 : 0o644 });
  }
  for (const path of p.hostFiles ?? []) {
    mkdirSync(join(stage, path, ".."), { recursive: true });
    copyFileSync(path, join(stage, path));
    chmodSync(join(stage, path), statSync(path).mode & 0o7777);
  }
  const spec = join(work, `${id}.spec`);
  writeFileSync(spec, specOf(p, stage));
  try {
    await run("rpmbuild", [
      "-bb",
      "--quiet",
      "--define",
      `_topdir ${join(work, "top")}`,
      "--define",
      `_rpmdir ${outDir}`,
      "--define",
      "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm",
      spec,
    ]);
  } catch (e) {
    throw new Error(`rpmbuild failed for ${id}: ${(e as { stderr?: string }).stderr ?? e}`);
  }
}

export function fixtureCacheDir(): string {
  return join(process.env.LEVITATE_TEST_CACHE ?? join(packageRoot, ".cache"), "leviso-fixtures");
}

/** Builds (once) the fixture repository, its plain-directory twin and the fixture ISO. */
export async function buildFixtureRepo(packages: FixturePackage[] = fixturePackages): Promise<FixtureRepo> {
  const cache = fixtureCacheDir();
  const key = createHash("sha256")
    .update(JSON.stringify({ v: 1, packages }))
    .digest("hex")
    .slice(0, 16);
  const dir = join(cache, key);
  const result: FixtureRepo = {
    repoDir: join(dir, "repo"),
    plainDir: join(dir, "plain"),
    iso: join(dir, "fixture-rocky.iso"),
  };
  if (existsSync(join(dir, "done"))) return result;
  mkdirSync(cache, { recursive: true });
  const release = await lockfile.lock(cache, {
    retries: { retries: 300, minTimeout: 500, maxTimeout: 1000 },
    stale: 30_000,
  });
  try {
    if (existsSync(join(dir, "done"))) return result;
    const work = join(cache, `${key}.building`);
    rmSync(work, { recursive: true, force: true });
    const rpms = join(work, "plain");
    mkdirSync(rpms, { recursive: true });
    for (const p of packages) await buildRpm(work, p, rpms);
    // rpmbuild sorts output into arch subdirectories unless told otherwise; we told it.
    await run("cp", ["-a", rpms, join(work, "repo")]);
    await run("createrepo_c", ["--quiet", join(work, "repo")]);
    const isoTree = join(work, "isotree", "BaseOS");
    mkdirSync(isoTree, { recursive: true });
    await run("cp", ["-a", join(work, "repo", "repodata"), isoTree]);
    await run("cp", ["-a", rpms, join(isoTree, "Packages")]);
    // Rocky's ISOs keep repodata in BaseOS/ and packages in BaseOS/Packages: recreate the repo there.
    await run("createrepo_c", ["--quiet", isoTree]);
    await run("xorriso", [
      "-as",
      "mkisofs",
      "-quiet",
      "-R",
      "-J",
      "-V",
      "FIXTURE-ROCKY",
      "-o",
      join(work, "fixture-rocky.iso"),
      join(work, "isotree"),
    ]);
    rmSync(join(work, "stage"), { recursive: true, force: true });
    rmSync(join(work, "top"), { recursive: true, force: true });
    rmSync(join(work, "isotree"), { recursive: true, force: true });
    writeFileSync(join(work, "done"), new Date().toISOString());
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return result;
  } finally {
    await release();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await buildFixtureRepo();
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
