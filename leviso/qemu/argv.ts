import { accessSync, constants, existsSync } from "node:fs";

/**
 * The QEMU command line for booting a LevitateOS image, shared by `leviso run` (a person at a
 * terminal) and the boot tests (a serial console read by a program), so that what CI proves
 * boots is what a person runs.
 */

/** How the image is attached: a CD (El Torito), a USB stick (hybrid ISO or disk image), a disk. */
export type Media = "cdrom" | "usb" | "disk";
export type Firmware = "bios" | "uefi";
export type Accel = "kvm" | "tcg";

export interface OvmfFiles {
  /** Read-only firmware code. */
  code: string;
  /** Writable copy of the variable store (the runner makes the copy; never the system file). */
  vars: string;
}

export interface QemuOptions {
  image: string;
  media: Media;
  firmware: Firmware;
  /** Needed when firmware is uefi. */
  ovmf?: OvmfFiles;
  accel: Accel;
  memoryMiB?: number;
  cpus?: number;
  /**
   * `terminal`: serial console and QEMU monitor multiplexed on the terminal (Ctrl-A X
   * quits). `pipe`: serial console only, on stdout, for a program to read.
   */
  console: "terminal" | "pipe";
  /** Throw writes away at exit (disk and usb media): the image stays as it was. */
  snapshot?: boolean;
  /** Bus for `disk` media. virtio is fastest; sata (AHCI) needs no virtio driver in the guest. */
  diskBus?: "virtio" | "sata";
  /** Extra raw disk images, attached as virtio disks after the boot medium (install targets). */
  extraDisks?: string[];
  /** Extra ISO images, attached read-only as CD drives (a plan file on a labelled ISO). */
  extraCdroms?: string[];
  /**
   * Firmware built with Secure Boot (Debian's OVMF_CODE_4M.secboot.fd, which its `.ms.fd` names
   * link to) keeps its variables behind SMM: the machine needs SMM and a secure flash, or the
   * firmware stops before it boots anything.
   */
  secureBoot?: boolean;
  /** Direct kernel boot, skipping firmware boot loaders (the harness smoke test). */
  direct?: { kernel: string; initrd: string; append: string };
}

export interface QemuCommand {
  command: string;
  args: string[];
}

export const defaultMemoryMiB = 1536;

/** Builds argv; pure (no I/O), so the CLI's --dry-run and unit tests see exactly what runs. */
export function qemuArgv(o: QemuOptions): QemuCommand {
  if (o.firmware === "uefi" && !o.ovmf)
    throw new Error("UEFI boot needs OVMF firmware files (ovmf.code, ovmf.vars)");
  const q35 = o.firmware === "uefi" || o.media === "usb";
  const args: string[] = [
    "-name",
    "levitate-boot",
    "-machine",
    q35 ? (o.secureBoot ? "q35,smm=on" : "q35") : "pc",
    "-accel",
    o.accel,
    "-cpu",
    o.accel === "kvm" ? "host" : "max",
    "-smp",
    String(o.cpus ?? 2),
    "-m",
    `${o.memoryMiB ?? defaultMemoryMiB}M`,
    // A guest reboot or poweroff ends QEMU instead of looping through the firmware again.
    "-no-reboot",
    "-nodefaults",
    "-device",
    "virtio-rng-pci",
    // A display adapter even when nobody looks at it: GRUB installed on a disk hangs under
    // SeaBIOS on a machine without one (measured), and real machines have one.
    "-vga",
    "std",
  ];
  if (o.firmware === "uefi" && o.secureBoot)
    args.push("-global", "driver=cfi.pflash01,property=secure,value=on");
  if (o.firmware === "uefi" && o.ovmf) {
    args.push(
      "-drive",
      `if=pflash,format=raw,unit=0,readonly=on,file=${driveFile(o.ovmf.code)}`,
      "-drive",
      `if=pflash,format=raw,unit=1,file=${driveFile(o.ovmf.vars)}`,
    );
  }
  const image = driveFile(o.image);
  // With -kernel, QEMU's own loader ROM takes boot index 0.
  const boot = o.direct ? "" : ",bootindex=0";
  const snap = o.snapshot ? ",snapshot=on" : "";
  switch (o.media) {
    case "cdrom":
      args.push(
        "-drive",
        `if=none,id=boot0,media=cdrom,format=raw,readonly=on,file=${image}`,
        "-device",
        `ide-cd,drive=boot0${boot}`,
      );
      break;
    case "usb":
      args.push(
        "-device",
        "qemu-xhci,id=xhci",
        "-drive",
        `if=none,id=boot0,format=raw,file=${image}${snap}`,
        "-device",
        `usb-storage,bus=xhci.0,drive=boot0,removable=on${boot}`,
      );
      break;
    case "disk":
      args.push(
        "-drive",
        `if=none,id=boot0,format=raw,file=${image}${snap}`,
        ...(o.diskBus === "sata"
          ? ["-device", "ahci,id=ahci0", "-device", `ide-hd,drive=boot0,bus=ahci0.0${boot}`]
          : ["-device", `virtio-blk-pci,drive=boot0${boot}`]),
      );
      break;
  }
  (o.extraDisks ?? []).forEach((d, i) => {
    args.push(
      "-drive",
      `if=none,id=extra${i},format=raw,file=${driveFile(d)}`,
      "-device",
      `virtio-blk-pci,drive=extra${i}`,
    );
  });
  (o.extraCdroms ?? []).forEach((c, i) => {
    // q35's AHCI ports hold one drive each (the boot CD takes ide.0); on the PC the boot CD takes
    // a slot of the first channel and the second channel's master is taken too, so: ide.1 unit 1.
    const bus = q35 ? `bus=ide.${i + 2}` : `bus=ide.1,unit=${i + 1}`;
    args.push(
      "-drive",
      `if=none,id=cd${i},media=cdrom,format=raw,readonly=on,file=${driveFile(c)}`,
      "-device",
      `ide-cd,drive=cd${i},${bus}`,
    );
  });
  if (o.direct) args.push("-kernel", o.direct.kernel, "-initrd", o.direct.initrd, "-append", o.direct.append);
  if (o.console === "terminal") {
    // Serial console and monitor share the terminal: Ctrl-A X quits, Ctrl-A C toggles the monitor.
    args.push("-display", "none", "-serial", "mon:stdio");
  } else {
    args.push("-display", "none", "-monitor", "none", "-serial", "stdio");
  }
  return { command: "qemu-system-x86_64", args };
}

/** QEMU's -drive parser splits on commas; a comma in a path is written twice. */
function driveFile(path: string): string {
  return path.replace(/,/g, ",,");
}

/** Where distributions put OVMF: Debian/Ubuntu (4M and 2M builds), Fedora/Rocky, Arch. */
export const ovmfCandidates: { code: string; vars: string }[] = [
  { code: "/usr/share/OVMF/OVMF_CODE_4M.fd", vars: "/usr/share/OVMF/OVMF_VARS_4M.fd" },
  { code: "/usr/share/OVMF/OVMF_CODE.fd", vars: "/usr/share/OVMF/OVMF_VARS.fd" },
  { code: "/usr/share/edk2/ovmf/OVMF_CODE.fd", vars: "/usr/share/edk2/ovmf/OVMF_VARS.fd" },
  { code: "/usr/share/edk2/x64/OVMF_CODE.4m.fd", vars: "/usr/share/edk2/x64/OVMF_VARS.4m.fd" },
];

/** The system's OVMF code and pristine vars template, or null (install Debian's `ovmf`). */
export function findOvmf(candidates = ovmfCandidates): { code: string; vars: string } | null {
  return candidates.find((c) => existsSync(c.code) && existsSync(c.vars)) ?? null;
}

/** KVM when /dev/kvm is usable, else TCG software emulation (CI: no KVM, slow but works). */
export function detectAccel(): Accel {
  try {
    accessSync("/dev/kvm", constants.R_OK | constants.W_OK);
    return "kvm";
  } catch {
    return "tcg";
  }
}

/** argv as a shell line a person can paste (for --dry-run). */
export function shellQuote(cmd: QemuCommand): string {
  return [cmd.command, ...cmd.args]
    .map((a) => (/^[A-Za-z0-9_./:=,@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(" ");
}
