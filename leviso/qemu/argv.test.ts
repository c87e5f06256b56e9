import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findOvmf, qemuArgv, shellQuote } from "./argv.js";

/** The value after each occurrence of a flag. */
const valuesOf = (args: string[], flag: string) =>
  args.flatMap((a, i) => (a === flag ? [args[i + 1] ?? ""] : []));

describe("qemuArgv", () => {
  it("boots a CD under SeaBIOS on the PC machine with the console on a pipe", () => {
    const { command, args } = qemuArgv({
      image: "/x/live.iso",
      media: "cdrom",
      firmware: "bios",
      accel: "tcg",
      console: "pipe",
    });
    expect(command).toBe("qemu-system-x86_64");
    expect(valuesOf(args, "-machine")).toEqual(["pc"]);
    expect(valuesOf(args, "-accel")).toEqual(["tcg"]);
    expect(valuesOf(args, "-cpu")).toEqual(["max"]);
    expect(valuesOf(args, "-drive")).toEqual([
      "if=none,id=boot0,media=cdrom,format=raw,readonly=on,file=/x/live.iso",
    ]);
    expect(valuesOf(args, "-device")).toContain("ide-cd,drive=boot0,bootindex=0");
    expect(valuesOf(args, "-serial")).toEqual(["stdio"]);
    expect(valuesOf(args, "-monitor")).toEqual(["none"]);
    expect(args).toContain("-no-reboot");
    expect(valuesOf(args, "-vga")).toEqual(["std"]);
    expect(valuesOf(args, "-display")).toEqual(["none"]);
    expect(args.some((a) => a.includes("pflash"))).toBe(false);
  });

  it("boots a USB stick under OVMF with read-only code and a writable vars copy", () => {
    const { args } = qemuArgv({
      image: "/x/live.iso",
      media: "usb",
      firmware: "uefi",
      ovmf: { code: "/fw/CODE.fd", vars: "/tmp/run/VARS.fd" },
      accel: "kvm",
      console: "terminal",
      snapshot: true,
    });
    expect(valuesOf(args, "-machine")).toEqual(["q35"]);
    expect(valuesOf(args, "-cpu")).toEqual(["host"]);
    expect(valuesOf(args, "-drive")).toEqual([
      "if=pflash,format=raw,unit=0,readonly=on,file=/fw/CODE.fd",
      "if=pflash,format=raw,unit=1,file=/tmp/run/VARS.fd",
      "if=none,id=boot0,format=raw,file=/x/live.iso,snapshot=on",
    ]);
    expect(valuesOf(args, "-device")).toEqual(
      expect.arrayContaining([
        "qemu-xhci,id=xhci",
        "usb-storage,bus=xhci.0,drive=boot0,removable=on,bootindex=0",
      ]),
    );
    // A person gets serial console and monitor on the terminal.
    expect(valuesOf(args, "-serial")).toEqual(["mon:stdio"]);
  });

  it("Secure Boot firmware gets SMM and a secure flash; without it, neither", () => {
    const base = {
      image: "/x/disk.img",
      media: "disk",
      firmware: "uefi",
      ovmf: { code: "/f/OVMF_CODE_4M.ms.fd", vars: "/t/OVMF_VARS.fd" },
      accel: "tcg",
      console: "pipe",
    } as const;
    const sb = qemuArgv({ ...base, secureBoot: true }).args;
    expect(valuesOf(sb, "-machine")).toEqual(["q35,smm=on"]);
    expect(valuesOf(sb, "-global")).toEqual(["driver=cfi.pflash01,property=secure,value=on"]);
    const plain = qemuArgv(base).args;
    expect(valuesOf(plain, "-machine")).toEqual(["q35"]);
    expect(valuesOf(plain, "-global")).toEqual([]);
  });

  it("refuses UEFI without firmware files", () => {
    expect(() =>
      qemuArgv({ image: "/x.iso", media: "cdrom", firmware: "uefi", accel: "tcg", console: "pipe" }),
    ).toThrow(/OVMF/);
  });

  it("attaches an installed disk on virtio or SATA, extra disks after it, and escapes commas", () => {
    const virtio = qemuArgv({
      image: "/d/a,b.img",
      media: "disk",
      firmware: "bios",
      accel: "tcg",
      console: "pipe",
      extraDisks: ["/d/t.img"],
    });
    expect(valuesOf(virtio.args, "-drive")).toEqual([
      "if=none,id=boot0,format=raw,file=/d/a,,b.img",
      "if=none,id=extra0,format=raw,file=/d/t.img",
    ]);
    expect(valuesOf(virtio.args, "-device")).toEqual(
      expect.arrayContaining(["virtio-blk-pci,drive=boot0,bootindex=0", "virtio-blk-pci,drive=extra0"]),
    );
    const sata = qemuArgv({
      image: "/d/a.img",
      media: "disk",
      diskBus: "sata",
      firmware: "bios",
      accel: "tcg",
      console: "pipe",
    });
    expect(valuesOf(sata.args, "-device")).toEqual(
      expect.arrayContaining(["ahci,id=ahci0", "ide-hd,drive=boot0,bus=ahci0.0,bootindex=0"]),
    );
  });

  it("boots a kernel directly without claiming boot index 0", () => {
    const { args } = qemuArgv({
      image: "/x.iso",
      media: "cdrom",
      firmware: "bios",
      accel: "tcg",
      console: "pipe",
      direct: { kernel: "/k", initrd: "/i", append: "root=live:CDLABEL=X console=ttyS0" },
    });
    expect(valuesOf(args, "-kernel")).toEqual(["/k"]);
    expect(valuesOf(args, "-append")).toEqual(["root=live:CDLABEL=X console=ttyS0"]);
    expect(args.join(" ")).not.toContain("bootindex");
  });

  it("attaches extra ISOs read-only as CD drives, after the install disks", () => {
    const { args } = qemuArgv({
      image: "/live.iso",
      media: "cdrom",
      firmware: "bios",
      accel: "tcg",
      console: "pipe",
      extraDisks: ["/target.img"],
      extraCdroms: ["/plans,1.iso"],
    });
    const line = args.join(" ");
    expect(line).toContain(
      "if=none,id=cd0,media=cdrom,format=raw,readonly=on,file=/plans,,1.iso -device ide-cd,drive=cd0,bus=ide.1,unit=1",
    );
    expect(line.indexOf("id=extra0")).toBeLessThan(line.indexOf("id=cd0"));
  });

  it("quotes for a shell only what needs quoting", () => {
    expect(
      shellQuote({ command: "qemu-system-x86_64", args: ["-m", "1536M", "-append", "a b", "it's"] }),
    ).toBe("qemu-system-x86_64 -m 1536M -append 'a b' 'it'\\''s'");
  });
});

describe("findOvmf", () => {
  it("takes the first candidate whose code and vars both exist", () => {
    const dir = mkdtempSync(join(tmpdir(), "ovmf-"));
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "a-code"), "");
    writeFileSync(join(dir, "b", "code"), "");
    writeFileSync(join(dir, "b", "vars"), "");
    const candidates = [
      { code: join(dir, "a-code"), vars: join(dir, "a-vars") },
      { code: join(dir, "b", "code"), vars: join(dir, "b", "vars") },
    ];
    expect(findOvmf(candidates)).toEqual(candidates[1]);
    expect(findOvmf([candidates[0] as { code: string; vars: string }])).toBeNull();
  });
});
