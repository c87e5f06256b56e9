/**
 * The package names the live profile and the base lists use are Rocky 10's own, not Debian's
 * (the boot tests wrap Debian packages under Rocky's names; those names must not leak back into
 * what leviso resolves against real Rocky sources). No Rocky repository can be read here, so the
 * names are checked against lists: those verified against the Rocky/Alma 10 repositories
 * (../shared/REFERENCES.md, "Rocky Linux 10") and the rest of the base, named as in RHEL 10.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../cli/common.js";
import { EXTRA_BOOTLOADER_RECIPES } from "../../leviso/disk/bootloader.js";
import { parsePackagesTxt } from "../../leviso/profile.js";
import { SHIPPED_RECIPES, scanRecipes } from "../../recipe/store.js";

/** Checked against the Rocky/Alma 10 repositories (BaseOS unless marked). */
const VERIFIED = new Set([
  "grub2-pc",
  "grub2-pc-modules",
  "grub2-tools",
  "grub2-efi-x64",
  "shim-x64",
  "efibootmgr",
  "mtools",
  "dosfstools",
  "kbd",
  "tzdata",
  "NetworkManager",
  "dnf",
  "sudo",
  "xfsprogs",
  "e2fsprogs",
  "cryptsetup",
  "squashfs-tools",
  "kernel",
  "kernel-core",
  "kernel-modules",
  "rocky-release",
  "shadow-utils",
  "glibc-langpack-en",
  // AppStream
  "systemd-boot-unsigned",
  "dracut-live",
  "xorriso",
]);

/** RHEL 10 names of the rest of the base and the live image (not checked against a mirror here). */
const RHEL_NAMES = new Set([
  "filesystem",
  "setup",
  "basesystem",
  "glibc-common",
  "glibc",
  "glibc-minimal-langpack",
  "ncurses-libs",
  "bash",
  "coreutils",
  "util-linux",
  "procps-ng",
  "findutils",
  "grep",
  "sed",
  "gawk",
  "tar",
  "gzip",
  "xz",
  "less",
  "vim-minimal",
  "dracut",
  "dracut-config-generic",
  "linux-firmware",
  "systemd",
  "systemd-udev",
  "passwd",
  "iproute",
  "iputils",
  "rpm",
  "openssh-clients",
  "openssl",
  "parted",
  "gdisk",
  "lvm2",
  "grub2-efi-x64-modules",
]);

/** Names that exist only outside Rocky 10 (Debian's, or EPEL's): never required. */
const NOT_ROCKY = [
  "btrfs-progs",
  "systemd-boot-efi",
  "grub-efi-amd64-bin",
  "grub-efi-amd64-signed",
  "grub-pc-bin",
  "shim-signed",
  "linux-image-amd64",
  "busybox-static",
  "isolinux",
  "syslinux",
];

const list = (file: string) =>
  readFileSync(join(packageRoot, file), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);

describe("Rocky 10 package names", () => {
  const profile = parsePackagesTxt(readFileSync(join(packageRoot, "profile/packages.txt"), "utf8"));
  const lists = {
    base: list("recipes/base.list"),
    uefi: list("recipes/base-uefi.list"),
    bios: list("recipes/base-bios.list"),
  };

  it("the product profile's languages are glibc's packs, named as Rocky names English's (verified) one", async () => {
    const { loadProfile } = await import("../../leviso/profile.js");
    const { languagePackName } = await import("../../leviso/live/language-packs.js");
    const langs = loadProfile(join(packageRoot, "profile")).json.installer.languages;
    expect(langs.length).toBeGreaterThan(0);
    expect(languagePackName("en")).toBe("glibc-langpack-en");
    expect(VERIFIED).toContain(languagePackName("en"));
    for (const l of langs) expect(languagePackName(l)).toMatch(/^glibc-langpack-[a-z]{2,3}$/);
  });

  it("the boot loader lists name only verified packages: shim → GRUB for UEFI, GRUB for BIOS", () => {
    for (const n of [...lists.uefi, ...lists.bios]) expect(VERIFIED, n).toContain(n);
    expect(lists.uefi).toEqual(["shim-x64", "grub2-efi-x64", "grub2-tools", "efibootmgr", "dosfstools"]);
    expect(lists.bios).toEqual(["grub2-pc", "grub2-pc-modules", "grub2-tools"]);
    // systemd-boot (AppStream) is the option a plan may choose, installed on top when chosen.
    for (const n of Object.values(EXTRA_BOOTLOADER_RECIPES).flat()) expect(VERIFIED).toContain(n);
  });

  it("base.list and profile/packages.txt name Rocky 10 packages; required ones never Debian's or EPEL's", () => {
    const known = (n: string) => VERIFIED.has(n) || RHEL_NAMES.has(n);
    for (const n of lists.base) expect(known(n), `base.list: ${n}`).toBe(true);
    for (const p of profile.filter((x) => !x.optional))
      expect(known(p.name), `profile/packages.txt:${p.line}: ${p.name}`).toBe(true);
    for (const bad of NOT_ROCKY) {
      expect([...lists.base, ...lists.uefi, ...lists.bios]).not.toContain(bad);
      expect(profile.filter((p) => !p.optional).map((p) => p.name)).not.toContain(bad);
    }
  });

  it("btrfs-progs (EPEL only) is optional in the live profile and absent from the base", () => {
    expect(profile.find((p) => p.name === "btrfs-progs")).toMatchObject({ optional: true });
  });

  it("every base and boot loader name has a shipped recipe (its lowercase name)", () => {
    const recipes = scanRecipes([SHIPPED_RECIPES]);
    for (const n of [
      ...lists.base,
      ...lists.uefi,
      ...lists.bios,
      ...Object.values(EXTRA_BOOTLOADER_RECIPES).flat(),
    ])
      expect(recipes.has(n.toLowerCase()), `recipes/${n.toLowerCase()}.rhai`).toBe(true);
    for (const n of ["shim-x64", "grub2-efi-x64"])
      expect(readFileSync(join(SHIPPED_RECIPES, `${n}.rhai`), "utf8")).toContain(`download("rpm:${n}")`);
  });
});
