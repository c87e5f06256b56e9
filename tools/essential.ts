/**
 * Recipes the installed system needs to boot, or to manage its recipes: removing one leaves a
 * machine that does not start or cannot be repaired with `recipe`, so removeRecipe refuses them
 * when the plan is made, with the reason. The names are the recipes' (recipes/base.list).
 */
const ESSENTIAL: Record<string, string> = {
  glibc: "the C library: every program on the system needs it",
  "glibc-common": "part of the C library every program needs",
  "glibc-minimal-langpack": "the C library's base locale data",
  coreutils: "the core commands (ls, cp, mount helpers) boot scripts and you rely on",
  bash: "the shell that logins and scripts run in",
  filesystem: "the directory layout the system lives in",
  setup: "/etc/passwd, /etc/group and the system's base configuration",
  basesystem: "the base system's package set",
  "util-linux": "mount, login and the tools the system boots with",
  systemd: "the service manager that boots the system",
  "systemd-udev": "the device manager the system boots with",
  kernel: "the Linux kernel: without it nothing boots",
  dracut: "it builds the initramfs the kernel boots from",
  rpm: "the package database the recipe manager installs and removes through",
  "grub2-efi-x64": "the boot loader",
  "grub2-pc": "the boot loader",
  "grub2-pc-modules": "the boot loader",
  "grub2-tools": "the boot loader's tools",
  "shim-x64": "the first stage of the UEFI boot",
  "systemd-boot-unsigned": "the boot loader",
  recipe: "the recipe manager itself",
  levitate: "the recipe manager and installer itself",
  "levitate-toolkit": "the recipe manager and installer itself",
};

/** Why removing this recipe would break the system, or undefined when it may go. */
export function essentialReason(name: string): string | undefined {
  return Object.hasOwn(ESSENTIAL, name) ? ESSENTIAL[name] : undefined;
}
