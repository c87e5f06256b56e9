import type { Layout, PlannedPartition } from "./layout.js";

/*
 * Apart from the step builders because these are what an encrypted root needs to unlock at boot,
 * and they must agree with each other (crypttab's names, dracut's crypt module) more than with
 * the steps that write them.
 */

/**
 * The name an encrypted partition's mapping gets in the installed system: `luks-<LUKS UUID>`,
 * what dracut (with or without systemd) and systemd-cryptsetup call a container that
 * `rd.luks.uuid=` names, and what Anaconda writes into crypttab. One name everywhere, so the
 * booted system finds the root's mapping already open under its crypttab name instead of opening
 * the container a second time. (The installer itself opens it as `cryptroot`/`crypthome`.)
 */
export function bootMapperName(p: PlannedPartition): string {
  return `luks-{{uuid:${p.device}}}`;
}

/**
 * /etc/crypttab: one line per encrypted partition, by its LUKS UUID, passphrase asked at boot;
 * then a random-key swap's line (`randomKeySwapLine`).
 * The root's line agrees with the kernel command line (`kernelOptions`); a hostonly initramfs
 * (Rocky's dracut) copies it in and unlocks by it.
 */
export function crypttabContent(layout: Layout): string | undefined {
  const enc = layout.partitions.filter((p) => p.encrypted && p.mapper);
  const swap = layout.partitions.filter((p) => p.randomKeySwap);
  if (!enc.length && !swap.length) return undefined;
  return `${[
    ...enc.map((p) => `${bootMapperName(p)} UUID={{uuid:${p.device}}} none luks`),
    ...swap.map(randomKeySwapLine),
  ].join("\n")}\n`;
}

/**
 * Swap beside an encrypted root, with a new random key at each boot: systemd-cryptsetup opens the
 * partition in plain mode with a key from /dev/urandom and runs mkswap on the mapping (`swap`).
 * No passphrase, nothing readable after power-off; no hibernation (the key is gone on resume).
 * dracut leaves such a line out of the initramfs (a /dev/*random key), so the booted system opens it.
 *
 * Safety: `swap` rewrites the device at every boot, so the reference must never match another
 * partition. A random-key swap has no filesystem UUID and no label; the partition's own
 * PARTUUID (GPT: a random GUID per entry; MBR: the disk's signature and the number) is read
 * with blkid when the step runs and names this one partition, not a device name that can move
 * (sda/sdb swap places between boots) nor a GPT name another system may share ("swap").
 */
export function randomKeySwapLine(p: PlannedPartition): string {
  const name = (p.randomKeySwap ?? "/dev/mapper/cryptswap").slice("/dev/mapper/".length);
  return `${name} PARTUUID={{partuuid:${p.device}}} /dev/urandom swap,cipher=aes-xts-plain64,size=512`;
}

/** The new system's dracut configuration for an encrypted root (written before its kernel's initramfs is made). */
export const LUKS_DRACUT_CONF = "/etc/dracut.conf.d/90-levitate-luks.conf";

/**
 * dracut's crypt module always (a hostonly initramfs made in a chroot may not see the LUKS
 * container; without the module the root never unlocks), and libgcc_s: cryptsetup's argon2id
 * runs in threads, and glibc loads libgcc_s when a thread exits; nothing links it, so dracut
 * does not copy it, and cryptsetup aborts in the initramfs ("libgcc_s.so.1 must be installed for
 * pthread_exit to work", measured). Debian's cryptroot hook copies it for the same reason.
 * Rocky's path first, then Debian's; `install_optional_items` skips a path that is absent.
 */
export const LUKS_DRACUT_CONF_TEXT = [
  "# Written by levitate install: the root is encrypted (LUKS2). See docs/installer.md, LUKS.",
  'add_dracutmodules+=" crypt "',
  'install_optional_items+=" /usr/lib64/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 "',
  "",
].join("\n");
