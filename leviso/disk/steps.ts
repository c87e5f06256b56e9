import type { Step } from "../../tools/step.js";
import { inRoot } from "../rootfs/path.js";
import { fsDevice, type Layout, type PlannedPartition, sfdiskScript } from "./layout.js";

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

/** Wipe signatures, write the partition table, wait for the partition devices. */
export function partitionSteps(layout: Layout): Step[] {
  const d = layout.disk;
  return [
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
  }
}

/** LUKS2 containers (passphrase from stdin), then a filesystem on every partition. */
export function formatSteps(layout: Layout): Step[] {
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
    if (p.encrypted && p.mapper) {
      const name = p.mapper.slice("/dev/mapper/".length);
      steps.push(
        step(
          `luks.format.${p.role}`,
          "format",
          `Encrypt ${p.device} (${p.role}) with LUKS2`,
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

/** Mount root (btrfs: create the subvolumes first), then /boot and /home below the target. */
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
    if (p.role !== "esp" && p.role !== "boot" && p.role !== "home") continue;
    const where = inRoot(target, p.mountpoint ?? "/");
    const dev = fsDevice(p);
    steps.push(
      step(`mkdir.${p.role}`, "mount", `Create ${where}`, where, { kind: "mkdir", path: where, mode: 0o755 }),
      step(`mount.${p.role}`, "mount", `Mount ${dev} on ${where}`, where, {
        kind: "run",
        argv: ["mount", "-t", p.fstype, ...(p.role === "esp" ? ["-o", "umask=0077"] : []), dev, where],
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
    const uuid = `UUID={{uuid:${fsDevice(p)}}}`;
    if (p.role === "swap") lines.push(`${uuid} none swap defaults 0 0`);
    else if (p.role === "root" && layout.subvolumes.length) {
      for (const s of layout.subvolumes)
        lines.push(`${uuid} ${s.mountpoint} btrfs subvol=${s.name},${BTRFS_OPTS} 0 0`);
    } else if (p.role === "esp") lines.push(`${uuid} /boot vfat umask=0077 0 2`);
    else {
      const pass = p.role === "root" ? 1 : 2;
      lines.push(`${uuid} ${p.mountpoint} ${p.fstype} defaults 0 ${p.fstype === "ext4" ? pass : 0}`);
    }
  }
  void root;
  return `${lines.join("\n")}\n`;
}

export function crypttabContent(layout: Layout): string | undefined {
  const enc = layout.partitions.filter((p) => p.encrypted && p.mapper);
  if (!enc.length) return undefined;
  return `${enc.map((p) => `${(p.mapper as string).slice("/dev/mapper/".length)} UUID={{uuid:${p.device}}} none luks`).join("\n")}\n`;
}

export function fstabSteps(layout: Layout, target: string): Step[] {
  const path = inRoot(target, "/etc/fstab");
  const steps: Step[] = [
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
  const crypttab = crypttabContent(layout);
  if (crypttab) {
    const ct = inRoot(target, "/etc/crypttab");
    steps.push({
      id: "install.crypttab",
      phase: "fstab",
      source: "install",
      title: "Write /etc/crypttab so the encrypted partitions unlock at boot",
      changes: ct,
      destructive: false,
      action: { kind: "writeFile", path: ct, content: crypttab, mode: 0o600 },
    });
  }
  return steps;
}

/** The kernel command line that finds the root: by UUID, through LUKS and btrfs subvolumes. */
export function kernelOptions(layout: Layout): string {
  const root = layout.partitions.find((p) => p.role === "root");
  if (!root) throw new Error("a layout always has a root partition");
  const opts: string[] = [];
  if (root.encrypted && root.mapper) {
    const name = root.mapper.slice("/dev/mapper/".length);
    opts.push(`rd.luks.name={{uuid:${root.device}}}=${name}`, `root=${root.mapper}`);
  } else opts.push(`root=UUID={{uuid:${root.device}}}`);
  if (layout.subvolumes.length) opts.push("rootflags=subvol=@");
  opts.push("rw");
  return opts.join(" ");
}

/** systemd-boot on UEFI, GRUB on BIOS; the entries name the kernel the base system installed. */
export function bootloaderSteps(layout: Layout, target: string, osName = "LevitateOS"): Step[] {
  const boot = inRoot(target, "/boot");
  const base = { phase: "bootloader", source: "install", destructive: false } as const;
  const options = kernelOptions(layout);
  if (layout.firmware === "uefi") {
    const entry = inRoot(target, "/boot/loader/entries/levitate.conf");
    const loader = inRoot(target, "/boot/loader/loader.conf");
    return [
      {
        ...base,
        id: "install.bootctl",
        title: "Install systemd-boot on the EFI system partition",
        changes: `${boot}/EFI (the boot manager); no firmware variables are changed`,
        action: { kind: "run", argv: ["bootctl", "install", `--esp-path=${boot}`, "--no-variables"] },
      },
      {
        ...base,
        id: "install.loader-conf",
        title: "Make LevitateOS the default boot entry",
        changes: loader,
        action: {
          kind: "writeFile",
          path: loader,
          content: "default levitate.conf\ntimeout 3\neditor no\n",
          mode: 0o644,
        },
      },
      {
        ...base,
        id: "install.boot-entry",
        title: "Write the boot entry for the installed kernel",
        changes: entry,
        action: {
          kind: "writeFile",
          path: entry,
          content: `title ${osName}\nlinux /{{kernel:${boot}}}\ninitrd /{{initrd:${boot}}}\noptions ${options}\n`,
          mode: 0o644,
        },
      },
    ];
  }
  const bootPart = layout.partitions.find((p) => p.role === "boot");
  const cfg = inRoot(target, "/boot/grub/grub.cfg");
  return [
    {
      ...base,
      id: "install.grub-install",
      title: `Install GRUB into ${layout.disk}'s boot sector`,
      changes: `${layout.disk}: the MBR boot code and the gap before the first partition; ${boot}/grub`,
      destructive: true,
      action: {
        kind: "run",
        argv: ["grub-install", "--target=i386-pc", `--boot-directory=${boot}`, layout.disk],
      },
    },
    {
      ...base,
      id: "install.grub-cfg",
      title: "Write GRUB's menu for the installed kernel",
      changes: cfg,
      action: {
        kind: "writeFile",
        path: cfg,
        content: [
          "set timeout=3",
          "set default=0",
          `menuentry '${osName}' {`,
          "  insmod part_msdos",
          "  insmod ext2",
          `  search --no-floppy --fs-uuid --set=root {{uuid:${bootPart?.device ?? layout.disk}}}`,
          `  linux /{{kernel:${boot}}} ${options}`,
          `  initrd /{{initrd:${boot}}}`,
          "}",
          "",
        ].join("\n"),
        mode: 0o644,
      },
    },
  ];
}
