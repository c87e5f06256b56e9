import type { Facts } from "../facts/schema.js";

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
  // Attacker 25 L8: what bash and the initramfs builder need, which a plan file let through
  // (rpm's dependency check would stop them only mid-run, after earlier steps were done).
  "ncurses-libs": "the terminal library bash is linked against: without it no shell starts, so no login",
  sed: "dracut needs it to build the initramfs: the next kernel update would leave a kernel that cannot boot",
  grep: "dracut needs it to build the initramfs: the next kernel update would leave a kernel that cannot boot",
  findutils:
    "dracut needs it (find) to build the initramfs: the next kernel update would leave a kernel that cannot boot",
  "procps-ng": "dracut and the boot scripts need it (ps, pkill) to build the initramfs and start the system",
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

/** What a root filesystem may need at boot, for a system whose root the facts do not show. */
const ROOT_TOOLS: Record<string, string> = {
  cryptsetup: "an encrypted root is unlocked with it by the initramfs",
  e2fsprogs: "an ext4 root is checked and repaired with it at boot",
  xfsprogs: "an xfs root is repaired with it",
};

/**
 * What this machine's own disks need, read from the facts (attacker 25 L8): an encrypted
 * partition needs cryptsetup to be unlocked at boot and kbd for the keymap its passphrase is
 * typed with; a mounted ext2/3/4 or xfs filesystem needs its fsck and repair tools. Only in
 * installed mode: in live mode the disks are the target's, and nothing is removed there.
 */
function neededByThisSystem(name: string, facts: Facts): string | undefined {
  if (facts.mode !== "installed") return undefined;
  const parts = facts.disks.filter((d) => !d.liveMedium).flatMap((d) => d.partitions ?? []);
  const luks = parts.find((p) => p.fstype === "crypto_LUKS");
  if (luks && name === "cryptsetup")
    return `${luks.path} is encrypted (LUKS): without cryptsetup the next initramfs cannot unlock it, and the system does not boot`;
  if (luks && name === "kbd")
    return `${luks.path} is encrypted (LUKS): its passphrase is typed at boot with the keymap kbd loads`;
  const mounted = (types: RegExp) => parts.find((p) => p.mountpoint !== null && types.test(p.fstype ?? ""));
  const ext = mounted(/^ext[234]$/);
  if (ext && name === "e2fsprogs")
    return `${ext.path} (${ext.mountpoint}) is ${ext.fstype}: e2fsprogs checks and repairs it at boot`;
  const xfs = mounted(/^xfs$/);
  if (xfs && name === "xfsprogs")
    return `${xfs.path} (${xfs.mountpoint}) is xfs: xfsprogs repairs it when it is damaged`;
  // Attacker 28 M13: facts with no disk that holds "/" said nothing, and cryptsetup/e2fsprogs went
  // without a word. Not knowing the root is no evidence it needs neither: the tools an encrypted,
  // ext4 or xfs root needs at boot are kept until the facts show the root does not need them.
  if (!parts.some((p) => p.mountpoint === "/") && Object.hasOwn(ROOT_TOOLS, name))
    return `the facts do not show this system's root filesystem, so I cannot tell that it boots without ${name} (${ROOT_TOOLS[name]})`;
  return undefined;
}

/**
 * Why removing this recipe would break the system, or undefined when it may go. With the facts,
 * also what this machine's own disks need (an encrypted disk, its filesystems).
 */
export function essentialReason(name: string, facts?: Facts): string | undefined {
  if (Object.hasOwn(ESSENTIAL, name)) return ESSENTIAL[name];
  return facts ? neededByThisSystem(name, facts) : undefined;
}
