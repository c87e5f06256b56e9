import { grubMenuEntries, systemdBootEntries } from "../../steps/bootMenu.js";
import { inRoot } from "../../steps/rootPath.js";
import type { CheckDiskAction, FatGuard, Step } from "../../steps/step.js";
import { espReadAtRun, fallbackAddNote, fallbackGuard } from "./espFallback.js";
import { withEspRoomCheck } from "./espRoom.js";
import { ESP_MOUNTPOINT, fsDevice, type Layout, type PlannedPartition, sfdiskScript } from "./layout.js";
import { type ConsoleArgs, describeConsoleArgs, grubSerialLines } from "./liveConsole.js";
import { crypttabContent, LUKS_DRACUT_CONF, LUKS_DRACUT_CONF_TEXT } from "./luksBoot.js";
import { describeLuksKdf, luksKdfArgs, type MachineMemory } from "./luksKdf.js";
import { nvramEntryStep } from "./nvram.js";

/**
 * Steps that turn a layout into mounted filesystems under a target, and the files a bootable
 * system needs (fstab, crypttab, bootloader). Pure: data for the executor.
 */

const LUKS_SECRET = "luks";
const BTRFS_OPTS = "compress=zstd:1";

function step(
  id: string,
  phase: Step["phase"],
  title: string,
  changes: string,
  action: Step["action"],
  destructive = false,
): Step {
  return { id: `partitionDisk.${id}`, phase, source: "partitionDisk", title, changes, destructive, action };
}

/** The re-check before the first write (issue 18): the disk is still the one confirmed. */
export function recheckStep(check: CheckDiskAction): Step {
  return step(
    "recheck",
    "partition",
    `Check ${check.disk} again before writing: same disk, nothing on it in use${check.freeRegion ? ", the free space and every kept partition as confirmed" : ""}`,
    "nothing (reads only; any difference stops the install here)",
    check,
  );
}

/** use free: add the new partitions to the existing table, inside the free region only. */
function appendSteps(layout: Layout): Step[] {
  const d = layout.disk;
  const created = layout.partitions.filter((p) => !p.existing);
  return [
    step(
      "sfdisk",
      "partition",
      `Add ${created.length} partition${created.length === 1 ? "" : "s"} to ${d}'s ${layout.table === "gpt" ? "GPT" : "MBR"} in its free space (existing partitions untouched)`,
      `${d}: new entries ${created.map((p) => p.device).join(", ")} in the partition table; their space (the free region) gets new signatures wiped`,
      {
        kind: "run",
        argv: ["sfdisk", "--append", "--wipe-partitions", "always", d],
        stdin: sfdiskScript(layout),
      },
      true,
    ),
    step("partx", "partition", `Tell the kernel about the new partitions of ${d}`, "nothing on disk", {
      kind: "run",
      argv: ["partx", "--update", d],
    }),
    step("wait", "partition", "Wait for the new partitions to appear", "nothing", {
      kind: "waitDevices",
      paths: created.map((p) => p.device),
      timeoutMs: 15_000,
    }),
  ];
}

/**
 * Wipe signatures, write the partition table, wait for the partition devices; with `check`, the
 * disk is checked again first. use free: the new partitions are appended instead (nothing wiped).
 */
export function partitionSteps(layout: Layout, check?: CheckDiskAction): Step[] {
  const d = layout.disk;
  const first = check ? [recheckStep(check)] : [];
  if (layout.free) return [...first, ...appendSteps(layout)];
  return [
    ...first,
    step(
      "wipefs",
      "partition",
      `Erase every signature on ${d}`,
      `${d}: partition table and filesystem signatures (all data on the disk is lost)`,
      { kind: "run", argv: ["wipefs", "--all", "--force", d] },
      true,
    ),
    step(
      "sfdisk",
      "partition",
      `Write a new ${layout.table === "gpt" ? "GPT" : "MBR"} partition table on ${d}`,
      `${d}: ${layout.partitions.length} new partitions`,
      {
        kind: "run",
        argv: ["sfdisk", "--wipe", "always", "--wipe-partitions", "always", d],
        stdin: sfdiskScript(layout),
      },
      true,
    ),
    // The kernel may keep the old table when its re-read races with a just-closed device
    // (loop devices, USB); partx adds what is missing and is a no-op otherwise.
    step("partx", "partition", `Tell the kernel about the new partitions of ${d}`, "nothing on disk", {
      kind: "run",
      argv: ["partx", "--update", d],
    }),
    step("wait", "partition", "Wait for the new partitions to appear", "nothing", {
      kind: "waitDevices",
      paths: layout.partitions.map((p) => p.device),
      timeoutMs: 15_000,
    }),
  ];
}

function mkfsArgv(fstype: PlannedPartition["fstype"], label: string, dev: string): string[] {
  switch (fstype) {
    case "vfat":
      return ["mkfs.vfat", "-F", "32", "-n", label.toUpperCase(), dev];
    case "ext4":
      return ["mkfs.ext4", "-F", "-q", "-L", label, dev];
    case "btrfs":
      return ["mkfs.btrfs", "-f", "-q", "-L", label, dev];
    case "xfs":
      return ["mkfs.xfs", "-f", "-q", "-L", label, dev];
    case "swap":
      return ["mkswap", "-L", label, dev];
    case "none":
      throw new Error(`${dev} holds no filesystem (a BIOS boot partition) and is never formatted`);
  }
}

/**
 * LUKS2 containers (passphrase from stdin), then a filesystem on every partition. `memory` (the
 * probe's) sizes the key derivation so this machine can unlock the disk at boot (luksKdf.ts).
 */
export function formatSteps(layout: Layout, opts: { memory?: MachineMemory } = {}): Step[] {
  const steps: Step[] = [];
  const encrypted = layout.partitions.filter((p) => p.encrypted);
  if (encrypted.length) {
    steps.push(
      step("luks.ask", "prepare", "Ask for the disk encryption passphrase", "nothing (kept in memory)", {
        kind: "askSecret",
        secret: LUKS_SECRET,
        prompt: "Disk encryption passphrase",
        confirm: true,
        minLength: 8,
      }),
    );
  }
  for (const p of layout.partitions) {
    if (p.existing || p.fstype === "none") continue;
    // A random-key swap is made at each boot (crypttab's swap option runs mkswap on the mapping);
    // a signature written now would be overwritten by the first boot anyway.
    if (p.randomKeySwap) continue;
    if (p.encrypted && p.mapper) {
      const name = p.mapper.slice("/dev/mapper/".length);
      steps.push(
        step(
          `luks.format.${p.role}`,
          "format",
          `Encrypt ${p.device} (${p.role}) with LUKS2 (key derivation: ${describeLuksKdf(opts.memory)})`,
          `${p.device}: new LUKS2 container`,
          {
            kind: "run",
            argv: [
              "cryptsetup",
              "luksFormat",
              "--type",
              "luks2",
              "--batch-mode",
              "--label",
              name,
              ...luksKdfArgs(opts.memory),
              "--key-file=-",
              p.device,
            ],
            // No newline: the passphrase typed at boot has none.
            stdin: `{{secret:${LUKS_SECRET}}}`,
            long: true,
          },
          true,
        ),
        step(`luks.open.${p.role}`, "format", `Unlock ${p.device} as ${p.mapper}`, p.mapper, {
          kind: "run",
          argv: ["cryptsetup", "open", "--key-file=-", p.device, name],
          stdin: `{{secret:${LUKS_SECRET}}}`,
        }),
      );
    }
    const dev = fsDevice(p);
    steps.push(
      step(
        `mkfs.${p.role}`,
        "format",
        `Format ${dev} as ${p.fstype} (${p.role})`,
        `${dev}: new ${p.fstype} filesystem`,
        { kind: "run", argv: mkfsArgv(p.fstype, p.label, dev), long: true },
        true,
      ),
    );
  }
  return steps;
}

/**
 * Mount root (btrfs: create the subvolumes first), then /boot (BIOS) and /home below the target.
 * The ESP is not mounted: it is filled with mtools (`espSteps`), so a kernel without vfat can
 * install a UEFI system.
 */
export function mountSteps(layout: Layout, target: string): Step[] {
  const steps: Step[] = [];
  const root = layout.partitions.find((p) => p.role === "root");
  if (!root) throw new Error("a layout always has a root partition");
  const rootDev = fsDevice(root);
  steps.push(
    step("mkdir.target", "mount", `Create ${target}`, target, { kind: "mkdir", path: target, mode: 0o755 }),
  );
  if (layout.subvolumes.length) {
    steps.push(
      step("mount.btrfs-top", "mount", `Mount the btrfs top level of ${rootDev}`, target, {
        kind: "run",
        argv: ["mount", "-t", "btrfs", rootDev, target],
      }),
    );
    for (const s of layout.subvolumes) {
      steps.push(
        step(
          `subvolume.${s.name}`,
          "mount",
          `Create btrfs subvolume ${s.name} (for ${s.mountpoint})`,
          `${rootDev}: subvolume ${s.name}`,
          {
            kind: "run",
            argv: ["btrfs", "-q", "subvolume", "create", inRoot(target, s.name)],
          },
        ),
      );
    }
    steps.push(
      step("umount.btrfs-top", "mount", "Unmount the btrfs top level", target, {
        kind: "run",
        argv: ["umount", target],
      }),
    );
    for (const s of layout.subvolumes) {
      const where = inRoot(target, s.mountpoint);
      if (s.mountpoint !== "/")
        steps.push(
          step(`mkdir.${s.name}`, "mount", `Create ${where}`, where, {
            kind: "mkdir",
            path: where,
            mode: 0o755,
          }),
        );
      steps.push(
        step(`mount.${s.name}`, "mount", `Mount subvolume ${s.name} on ${where}`, where, {
          kind: "run",
          argv: ["mount", "-t", "btrfs", "-o", `subvol=${s.name},${BTRFS_OPTS}`, rootDev, where],
        }),
      );
    }
  } else {
    steps.push(
      step("mount.root", "mount", `Mount ${rootDev} on ${target}`, target, {
        kind: "run",
        argv: ["mount", "-t", root.fstype, rootDev, target],
      }),
    );
  }
  for (const p of layout.partitions) {
    if (p.role !== "boot" && p.role !== "home") continue;
    const where = inRoot(target, p.mountpoint ?? "/");
    const dev = fsDevice(p);
    steps.push(
      step(`mkdir.${p.role}`, "mount", `Create ${where}`, where, { kind: "mkdir", path: where, mode: 0o755 }),
      step(`mount.${p.role}`, "mount", `Mount ${dev} on ${where}`, where, {
        kind: "run",
        argv: ["mount", "-t", p.fstype, dev, where],
      }),
    );
  }
  return steps;
}

/** fstab lines with `{{uuid:DEV}}` placeholders, filled from blkid when the step runs. */
export function fstabContent(layout: Layout): string {
  const lines = [
    "# /etc/fstab: written by levitate install from the filesystems' UUIDs",
    "# <device> <mountpoint> <type> <options> <dump> <pass>",
  ];
  const root = layout.partitions.find((p) => p.role === "root");
  for (const p of layout.partitions) {
    if (p.fstype === "none") continue;
    const uuid = `UUID={{uuid:${fsDevice(p)}}}`;
    // A random-key swap has no UUID (its content is new at each boot): by its mapping's name.
    if (p.role === "swap") lines.push(`${p.randomKeySwap ?? uuid} none swap defaults 0 0`);
    else if (p.role === "root" && layout.subvolumes.length) {
      for (const s of layout.subvolumes)
        lines.push(`${uuid} ${s.mountpoint} btrfs subvol=${s.name},${BTRFS_OPTS} 0 0`);
    } else if (p.role === "esp") lines.push(`${uuid} ${ESP_MOUNTPOINT} vfat umask=0077 0 2`);
    else {
      const pass = p.role === "root" ? 1 : 2;
      lines.push(`${uuid} ${p.mountpoint} ${p.fstype} defaults 0 ${p.fstype === "ext4" ? pass : 0}`);
    }
  }
  void root;
  return `${lines.join("\n")}\n`;
}

export function fstabSteps(layout: Layout, target: string): Step[] {
  const path = inRoot(target, "/etc/fstab");
  const encrypted = layout.partitions.some((p) => p.encrypted);
  const dracutConf = inRoot(target, LUKS_DRACUT_CONF);
  const steps: Step[] = [
    ...(encrypted
      ? [
          {
            id: "install.dracut-luks",
            // Before the base system: its kernel package makes the initramfs when it is installed.
            phase: "mount" as const,
            source: "install" as const,
            title:
              "Configure the new system's initramfs to unlock the encrypted root (dracut's crypt module)",
            changes: dracutConf,
            destructive: false,
            action: {
              kind: "writeFile" as const,
              path: dracutConf,
              content: LUKS_DRACUT_CONF_TEXT,
              mode: 0o644,
            },
          },
        ]
      : []),
    {
      id: "install.fstab",
      phase: "fstab",
      source: "install",
      title: "Write /etc/fstab from the filesystems' UUIDs",
      changes: path,
      destructive: false,
      action: { kind: "writeFile", path, content: fstabContent(layout), mode: 0o644 },
    },
  ];
  if (layout.partitions.some((p) => p.role === "esp")) {
    const where = inRoot(target, ESP_MOUNTPOINT);
    steps.push({
      id: "install.esp-mountpoint",
      phase: "fstab",
      source: "install",
      title: `Create ${ESP_MOUNTPOINT}, where the new system mounts its EFI system partition`,
      changes: where,
      destructive: false,
      action: { kind: "mkdir", path: where, mode: 0o755 },
    });
  }
  const crypttab = crypttabContent(layout);
  if (crypttab) {
    const ct = inRoot(target, "/etc/crypttab");
    steps.push({
      id: "install.crypttab",
      phase: "fstab",
      source: "install",
      title: `Write /etc/crypttab so the encrypted partitions unlock at boot${layout.partitions.some((p) => p.randomKeySwap) ? " (and swap is encrypted with a new random key)" : ""}`,
      changes: ct,
      destructive: false,
      action: { kind: "writeFile", path: ct, content: crypttab, mode: 0o600 },
    });
  }
  return steps;
}

/**
 * The kernel command line that finds the root: by its filesystem's UUID, through LUKS and btrfs
 * subvolumes. An encrypted root gets `rd.luks.uuid=<LUKS UUID>` (read by dracut's crypt module
 * with and without systemd; `rd.luks.name=` is systemd's only) and `root=UUID=<UUID of the
 * filesystem inside>`, which names no mapping, so it holds whatever the initramfs calls it.
 * `consoleArgs` (the live system's `console=` words, leviso/disk/liveConsole.ts) come last, in
 * their order: the last one is /dev/console.
 */
export function kernelOptions(layout: Layout, consoleArgs: readonly string[] = []): string {
  const root = layout.partitions.find((p) => p.role === "root");
  if (!root) throw new Error("a layout always has a root partition");
  const opts: string[] = [];
  if (root.encrypted) opts.push(`rd.luks.uuid={{uuid:${root.device}}}`);
  opts.push(`root=UUID={{uuid:${fsDevice(root)}}}`);
  if (layout.subvolumes.length) opts.push("rootflags=subvol=@");
  opts.push("rw", ...consoleArgs);
  return opts.join(" ");
}

/** Where systemd-boot's EFI binary lives in the target (Rocky: systemd-boot-unsigned; Debian: systemd-boot-efi). */
export const SYSTEMD_BOOT_EFI = "/usr/lib/systemd/boot/efi/systemd-bootx64.efi";
/**
 * systemd-boot's loader.conf. No `default`: systemd-boot then boots the first entry of its
 * menu order, and that order (loader.conf(5), the Boot Loader Specification) puts entries with
 * a `sort-key` and `version` before entries without, newest version first. kernel-install writes
 * such entries for every kernel a package update installs, so after an update the new kernel
 * boots; the installer's own `levitate.conf` has neither and is the default only while it is
 * the only entry. A pinned `default levitate.conf` kept booting the installed kernel forever.
 */
export const LOADER_CONF = [
  '# Written by levitate install. No "default": systemd-boot boots the first entry of its menu,',
  "# newest kernel-install entry first, so a kernel update takes effect (docs/installer.md).",
  "timeout 3",
  "editor no",
  "",
].join("\n");

/**
 * Installing next to another system: its boot entries are listed, not systemd-boot's automatic
 * ones too (the same Windows twice otherwise).
 */
export const LOADER_CONF_ALONGSIDE = `${LOADER_CONF}auto-entries no\n`;

/** What the install may write onto a shared ESP without replacing another system's file. */
export interface EspPlan {
  /** systemd-boot's binary (absent when another system's systemd-boot is there: ours joins its menu). */
  sdboot: boolean;
  /** The fallback path (absent when another system's loader is there: the NVRAM entry boots us). */
  fallback: boolean;
  loaderConf: boolean;
  /** Loader entries for the other systems. */
  others: { file: string; content: string }[];
  /** Every path the install adds, from the ESP's root; `levitate/` is the kernel directory. */
  adds: string[];
}

/** Whether a shared ESP already holds this file (case-insensitive, as FAT is); false on a new ESP. */
export function espHasFile(layout: Layout, path: string): boolean {
  return (layout.free?.espFiles ?? []).some((f) => f.toLowerCase() === path.toLowerCase());
}

export function espPlan(layout: Layout): EspPlan {
  const have = new Set((layout.free?.espFiles ?? []).map((f) => f.toLowerCase()));
  const sdboot = !have.has("efi/systemd/systemd-bootx64.efi");
  const fallback = !have.has(ESP_FALLBACK.toLowerCase());
  const others = systemdBootEntries(layout.otherSystems ?? []);
  const adds = [
    ...(sdboot ? ["EFI/systemd/systemd-bootx64.efi"] : []),
    ...(fallback ? [fallbackAddNote(layout, ESP_FALLBACK)] : []),
    ...(sdboot ? ["loader/loader.conf"] : []),
    "loader/entries/levitate.conf",
    ...others.map((o) => `loader/entries/${o.file}`),
    `${ESP_KERNEL_DIR}/`,
  ];
  return { sdboot, fallback, loaderConf: sdboot, others, adds };
}

/** The ESP's directory for the kernel and initramfs the installer copies. */
export const ESP_KERNEL_DIR = "levitate";
/** What the firmware boots from the ESP without a boot entry in NVRAM (UEFI's removable-media path). */
export const ESP_FALLBACK = "EFI/BOOT/BOOTX64.EFI";

/**
 * The directory, outside the target, where the ESP's tree is assembled before mtools copies it
 * onto the unmounted ESP. Derived from the target so two installs never share one.
 */
export function espStagingDir(target: string): string {
  // One-to-one (attacker 25 L7): `+` and `-` are escaped with `+` before `/` becomes `-`, so
  // /mnt/a-b (mnt-a+-b) and /mnt/a/b (mnt-a-b) never share a directory that both ends rm -rf.
  const slug =
    target
      .replace(/^\/+|\/+$/g, "")
      .replace(/[+-]/g, "+$&")
      .replace(/\/+/g, "-") || "root";
  return `/run/levitate-install/esp-${slug}`;
}

export interface BootloaderOptions {
  osName?: string;
  /**
   * Register systemd-boot in the firmware's boot menu (efibootmgr). Only for the disk of the
   * machine that runs the installer, never a loop-attached image or a removable stick: their
   * NVRAM is another machine's. The step also runs only where /sys/firmware/efi/efivars exists.
   * Without it the firmware still boots the ESP's fallback path (EFI/BOOT/BOOTX64.EFI).
   */
  nvram?: boolean;
  /**
   * The live system's consoles for the installed kernel command line (every boot entry and
   * /etc/kernel/cmdline). installBootloaderSteps reads them from the live system when absent.
   */
  console?: ConsoleArgs;
}

/** " (console=...)" for the titles of the steps that write the command line; "" without consoles. */
export function consoleNote(opts: BootloaderOptions): string {
  const d = opts.console ? describeConsoleArgs(opts.console) : "";
  return d ? ` (${d})` : "";
}

/**
 * systemd-boot on UEFI, without mounting the ESP: the tree (boot manager, its fallback copy,
 * loader.conf, the entry, kernel and initramfs) is assembled in `espStagingDir(target)` and
 * copied onto the ESP with mtools. The kernel and initramfs come from the target's /boot, where
 * the base system's kernel package put them.
 */
export function espSteps(layout: Layout, target: string, opts: BootloaderOptions = {}): Step[] {
  const esp = layout.partitions.find((p) => p.role === "esp");
  if (!esp) throw new Error("a UEFI layout always has an EFI system partition");
  const osName = opts.osName ?? "LevitateOS";
  const shared = espPlan(layout);
  const stage = espStagingDir(target);
  const boot = inRoot(target, "/boot");
  const sdboot = inRoot(target, SYSTEMD_BOOT_EFI);
  const kernel = `{{kernel:${boot}}}`;
  const initrd = `{{initrd:${boot}}}`;
  const base = { phase: "bootloader", source: "install", destructive: false } as const;
  // The entry and /etc/kernel/cmdline (what kernel-install gives newer kernels) must agree.
  const options = kernelOptions(layout, opts.console?.args);
  const missingSdboot = `the base system has no systemd-boot EFI binary; add its package to the base system (Rocky: systemd-boot-unsigned, Debian: systemd-boot-efi), or install for BIOS`;
  const missingKernel = `the base system's kernel package puts vmlinuz-VERSION and initramfs-VERSION.img into /boot`;
  const steps: Step[] = [
    {
      ...base,
      id: "install.esp.stage",
      title: "Start an empty staging tree for the EFI system partition",
      changes: `${stage} (outside the target; removed at the end)`,
      action: { kind: "run", argv: ["rm", "-rf", "--one-file-system", stage] },
    },
    {
      ...base,
      id: "install.esp.systemd-boot",
      title: "Stage systemd-boot, the boot manager",
      changes: `${stage}/EFI/systemd/systemd-bootx64.efi`,
      action: {
        kind: "copyFile",
        from: sdboot,
        to: `${stage}/EFI/systemd/systemd-bootx64.efi`,
        mode: 0o644,
        missing: missingSdboot,
      },
    },
    {
      ...base,
      id: "install.esp.fallback",
      title: "Stage systemd-boot at the firmware's fallback path too (boots without an NVRAM entry)",
      changes: `${stage}/${ESP_FALLBACK}`,
      action: {
        kind: "copyFile",
        from: sdboot,
        to: `${stage}/${ESP_FALLBACK}`,
        mode: 0o644,
        missing: missingSdboot,
        ...guardOf(fallbackGuard(layout, [ESP_FALLBACK])),
      },
    },
    {
      ...base,
      id: "install.esp.kernel",
      title: "Stage the installed kernel",
      changes: `${stage}/${ESP_KERNEL_DIR}/`,
      action: {
        kind: "copyFile",
        from: `${boot}/${kernel}`,
        to: `${stage}/${ESP_KERNEL_DIR}/${kernel}`,
        mode: 0o644,
        missing: missingKernel,
      },
    },
    {
      ...base,
      id: "install.esp.initrd",
      title: "Stage the installed kernel's initramfs",
      changes: `${stage}/${ESP_KERNEL_DIR}/`,
      action: {
        kind: "copyFile",
        from: `${boot}/${initrd}`,
        to: `${stage}/${ESP_KERNEL_DIR}/${initrd}`,
        mode: 0o644,
        missing: missingKernel,
      },
    },
    {
      ...base,
      id: "install.loader-conf",
      title: "Configure systemd-boot (menu timeout; the newest kernel boots by default)",
      changes: `${stage}/loader/loader.conf`,
      action: {
        kind: "writeFile",
        path: `${stage}/loader/loader.conf`,
        content: layout.free ? LOADER_CONF_ALONGSIDE : LOADER_CONF,
        mode: 0o644,
      },
    },
    {
      ...base,
      id: "install.boot-entry",
      title: `Write the boot entry for the installed kernel${consoleNote(opts)}`,
      changes: `${stage}/loader/entries/levitate.conf`,
      action: {
        kind: "writeFile",
        path: `${stage}/loader/entries/levitate.conf`,
        content: `title ${osName}\nlinux /${ESP_KERNEL_DIR}/${kernel}\ninitrd /${ESP_KERNEL_DIR}/${initrd}\noptions ${options}\n`,
        mode: 0o644,
      },
    },
    ...shared.others.map(
      (o): Step => ({
        ...base,
        id: `install.boot-entry.${o.file.replace(/\.conf$/, "")}`,
        title: `Add ${o.content.split("\n")[0]?.slice("title ".length)} to the boot menu`,
        changes: `${stage}/loader/entries/${o.file}`,
        action: {
          kind: "writeFile",
          path: `${stage}/loader/entries/${o.file}`,
          content: o.content,
          mode: 0o644,
        },
      }),
    ),
    {
      ...base,
      id: "install.kernel-cmdline",
      title: `Record the kernel options for kernel updates (kernel-install reads /etc/kernel/cmdline)${consoleNote(opts)}`,
      changes: inRoot(target, "/etc/kernel/cmdline"),
      action: {
        kind: "writeFile",
        path: inRoot(target, "/etc/kernel/cmdline"),
        content: `${options}\n`,
        mode: 0o644,
      },
    },
    {
      ...base,
      id: "install.esp.copy",
      title: esp.existing
        ? `Add the staged files to the shared EFI system partition ${esp.device} (mtools, not mounted; no existing file is replaced)`
        : `Copy the staged tree onto the EFI system partition ${esp.device} (mtools, not mounted)`,
      changes: esp.existing
        ? `${esp.device}: adds ${shared.adds.join(", ")}`
        : `${esp.device}: /EFI, /loader, /${ESP_KERNEL_DIR}`,
      action: {
        kind: "run",
        // The sector count of a partition need not be a multiple of the FAT's nominal sectors
        // per track; mtools refuses such a filesystem unless told not to check.
        env: { MTOOLS_SKIP_CHECK: "1" },
        // Another system's ESP: a copy that stops part way takes back what it wrote (attack4 M3).
        ...(esp.existing ? { undoAddedToFat: esp.device } : {}),
        argv: [
          "mcopy",
          "-s",
          "-Q",
          // No `-D o`: a name that exists on the ESP (another system's file) makes mcopy fail,
          // never replace it; the re-check has already refused every clash it can see.
          "-i",
          esp.device,
          ...(shared.sdboot || shared.fallback ? [`${stage}/EFI`] : []),
          `${stage}/loader`,
          `${stage}/${ESP_KERNEL_DIR}`,
          "::/",
        ],
      },
    },
    {
      ...base,
      id: "install.esp.clean",
      title: "Remove the staging tree",
      changes: stage,
      action: { kind: "run", argv: ["rm", "-rf", "--one-file-system", stage] },
    },
  ];
  const dropped = new Set([
    ...(shared.sdboot ? [] : ["install.esp.systemd-boot", "install.loader-conf"]),
    ...(shared.fallback ? [] : ["install.esp.fallback"]),
  ]);
  if (dropped.size) steps.splice(0, steps.length, ...steps.filter((s) => !dropped.has(s.id)));
  if (opts.nvram)
    steps.push(
      nvramEntryStep(
        layout,
        esp.number,
        osName,
        "\\EFI\\systemd\\systemd-bootx64.efi",
        shared.fallback && espReadAtRun(layout) ? "atRun" : shared.fallback,
      ),
    );
  return withEspRoomCheck(steps);
}

/** GRUB's installer: Rocky's name first (grub2-tools), then Debian's. */
export const GRUB_INSTALL = ["grub2-install", "grub-install"] as const;

/** systemd-boot on UEFI (`espSteps`), GRUB on BIOS; the entries name the kernel the base system installed. */
export function bootloaderSteps(
  layout: Layout,
  target: string,
  opts: BootloaderOptions | string = {},
): Step[] {
  const o = typeof opts === "string" ? { osName: opts } : opts;
  const osName = o.osName ?? "LevitateOS";
  if (layout.firmware === "uefi") return espSteps(layout, target, o);
  const boot = inRoot(target, "/boot");
  const base = { phase: "bootloader", source: "install", destructive: false } as const;
  const options = kernelOptions(layout, o.console?.args);
  const bootPart = layout.partitions.find((p) => p.role === "boot");
  // GPT: grub-install finds the BIOS boot partition by its type and embeds its core image there.
  const biosBootPart = layout.partitions.find((p) => p.role === "biosboot");
  const cfg = inRoot(target, "/boot/grub/grub.cfg");
  const cfg2 = inRoot(target, "/boot/grub2/grub.cfg");
  const menu = [
    ...grubSerialLines(o.console ?? { args: [], dropped: [] }),
    "set timeout=3",
    "set default=0",
    `menuentry '${osName}' {`,
    layout.table === "gpt" ? "  insmod part_gpt" : "  insmod part_msdos",
    "  insmod ext2",
    `  search --no-floppy --fs-uuid --set=root {{uuid:${bootPart?.device ?? layout.disk}}}`,
    `  linux /{{kernel:${boot}}} ${options}`,
    `  initrd /{{initrd:${boot}}}`,
    "}",
    ...grubMenuEntries(layout.otherSystems ?? [], "bios"),
    "",
  ].join("\n");
  return [
    {
      ...base,
      id: "install.grub-install",
      title: `Install GRUB into ${layout.disk}'s boot sector`,
      changes: `${layout.disk}: the MBR boot code and ${biosBootPart ? `the BIOS boot partition ${biosBootPart.device}` : "the gap before the first partition"}; ${boot}/grub2 (Rocky) or ${boot}/grub (Debian)`,
      destructive: true,
      action: {
        kind: "run",
        // Rocky's name; a Debian-based live system has Debian's, found when the step runs.
        argv: [GRUB_INSTALL[0], "--target=i386-pc", `--boot-directory=${boot}`, layout.disk],
        alternatives: GRUB_INSTALL.slice(1),
      },
    },
    {
      ...base,
      id: "install.grub-cfg",
      title: `Write GRUB's menu for the installed kernel${consoleNote(o)}`,
      changes: cfg,
      action: { kind: "writeFile", path: cfg, content: menu, mode: 0o644 },
    },
    // Rocky's GRUB (grub2-install) reads /boot/grub2/grub.cfg, Debian's /boot/grub/grub.cfg:
    // both get the menu, so the disk boots whichever grub-install ran.
    {
      ...base,
      id: "install.grub2-dir",
      title: "Create /boot/grub2 (Rocky's GRUB directory)",
      changes: inRoot(target, "/boot/grub2"),
      action: { kind: "mkdir", path: inRoot(target, "/boot/grub2"), mode: 0o755 },
    },
    {
      ...base,
      id: "install.grub2-cfg",
      title: `Write GRUB's menu where Rocky's GRUB reads it${consoleNote(o)}`,
      changes: cfg2,
      action: { kind: "writeFile", path: cfg2, content: menu, mode: 0o644 },
    },
  ];
}

/**
 * The paths a boot chain's steps add to the ESP, from the ESP's root: every file staged in
 * `espStagingDir(target)`; a name only known when the step runs (the kernel's) counts as its
 * directory (`levitate/`). The re-check before writing makes sure none of them exists on a shared
 * ESP, whichever chain wrote the steps.
 */
export function espAddsOf(steps: readonly Step[], target: string): string[] {
  const stage = `${espStagingDir(target)}/`;
  const out = new Set<string>();
  for (const s of steps) {
    // A file staged only where the ESP does not have it (leviso/disk/espFallback.ts) is no clash.
    if ((s.action.kind === "writeFile" || s.action.kind === "copyFile") && s.action.unlessOnFat) continue;
    const path =
      s.action.kind === "writeFile" ? s.action.path : s.action.kind === "copyFile" ? s.action.to : "";
    if (!path.startsWith(stage)) continue;
    const rel = path.slice(stage.length);
    const open = rel.indexOf("{{");
    out.add(open < 0 ? rel : rel.slice(0, rel.lastIndexOf("/", open) + 1));
  }
  return [...out];
}

/** `{ unlessOnFat }` for an action when there is a guard, else nothing. */
export function guardOf(g: FatGuard | undefined): { unlessOnFat?: FatGuard } {
  return g ? { unlessOnFat: g } : {};
}
