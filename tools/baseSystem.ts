/**
 * The recipes of the base system, as `recipe bootstrap` installs them (recipes/base.list and the
 * boot loader lists base-uefi.list, base-bios.list), lowercased the way a recipe is named
 * (NetworkManager → networkmanager). test/agent/findings22-recipes.test.ts checks this list
 * against the files, so a name added there and not here fails.
 *
 * Why a copy: the agent's rules do no I/O (docs/agent.md, "Backends"). What it is for: a sweep
 * ("remove everything except git") means what the user installed on top of the system, never
 * sudo, tar or less, which came with it (agent/rules/sweepReach.ts). A removal that names a base
 * program is the user's own choice and stays a plain call (tools/essential.ts still refuses the
 * few without which the system does not boot).
 */
const BASE = new Set([
  "filesystem",
  "setup",
  "basesystem",
  "rocky-release",
  "glibc-common",
  "glibc",
  "glibc-minimal-langpack",
  "glibc-langpack-en",
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
  "tzdata",
  "kernel",
  "dracut",
  "systemd",
  "systemd-udev",
  "kbd",
  "e2fsprogs",
  "xfsprogs",
  "cryptsetup",
  "shadow-utils",
  "passwd",
  "sudo",
  "networkmanager",
  "iproute",
  "iputils",
  "rpm",
  "dnf",
  // base-uefi.list, base-bios.list: the boot loader of either firmware
  "shim-x64",
  "grub2-efi-x64",
  "grub2-tools",
  "efibootmgr",
  "dosfstools",
  "grub2-pc",
  "grub2-pc-modules",
]);

/** Whether the recipe came with the base system rather than being installed on top of it. */
export function isBaseRecipe(name: string): boolean {
  return BASE.has(name.toLowerCase());
}

/** The base names, for the test that compares them with recipes/base*.list. */
export function baseRecipeNames(): readonly string[] {
  return [...BASE];
}
