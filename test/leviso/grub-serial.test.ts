import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installBootloaderSteps } from "../../leviso/disk/bootloader.js";
import { computeLayout, type Layout } from "../../leviso/disk/layout.js";
import { consoleArgsOf, grubSerialLines } from "../../leviso/disk/liveConsole.js";
import { GiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { describeWithTools } from "../helpers/env.js";

const bios = (): Layout =>
  computeLayout({
    disk: "/dev/vda",
    diskBytes: 20 * GiB,
    firmware: "bios",
    filesystem: "ext4",
    encrypt: false,
    separateHome: false,
    efiBytes: GiB,
  });

const menuOf = (steps: Step[], path: string) => {
  const s = steps.find((x) => x.action.kind === "writeFile" && x.action.path === path);
  return s?.action.kind === "writeFile" ? s.action.content : "";
};
const MENUS = ["/mnt/boot/grub/grub.cfg", "/mnt/boot/grub2/grub.cfg"];

describe("GRUB on the serial line the installed kernel gets", () => {
  it("console=ttyS0,115200: GRUB's serial port at that speed, input and output on serial and the screen", () => {
    expect(grubSerialLines(consoleArgsOf("console=tty0 console=ttyS0,115200"))).toEqual([
      "serial --unit=0 --speed=115200",
      "terminal_input serial console",
      "terminal_output serial console",
    ]);
  });

  it("parity and word length as the kernel writes them; no speed is the kernel's and GRUB's 9600; the last serial console counts", () => {
    expect(grubSerialLines(consoleArgsOf("console=ttyS1,57600e7"))[0]).toBe(
      "serial --unit=1 --speed=57600 --parity=even --word=7",
    );
    expect(grubSerialLines(consoleArgsOf("console=ttyS0,115200n8"))[0]).toBe(
      "serial --unit=0 --speed=115200 --parity=no --word=8",
    );
    expect(grubSerialLines(consoleArgsOf("console=ttyS2"))[0]).toBe("serial --unit=2 --speed=9600");
    expect(grubSerialLines(consoleArgsOf("console=ttyS1,9600 console=tty0 console=ttyS0,115200"))[0]).toBe(
      "serial --unit=0 --speed=115200",
    );
  });

  it("no serial console (a screen only, a USB or PL011 serial GRUB cannot drive as a COM port): nothing", () => {
    for (const cmdline of ["", "console=tty0", "console=ttyUSB0,115200", "console=ttyAMA0", "console=hvc0"])
      expect(grubSerialLines(consoleArgsOf(cmdline)), cmdline).toEqual([]);
  });

  it("BIOS: both written menus start with the serial lines; without a serial console they are as before", () => {
    const serial = installBootloaderSteps(bios(), "/mnt", {
      console: consoleArgsOf("console=tty0 console=ttyS0,115200"),
    });
    for (const cfg of MENUS)
      expect(menuOf(serial, cfg).split("\n").slice(0, 4)).toEqual([
        "serial --unit=0 --speed=115200",
        "terminal_input serial console",
        "terminal_output serial console",
        "set timeout=3",
      ]);
    const screen = installBootloaderSteps(bios(), "/mnt", { console: consoleArgsOf("console=tty0") });
    for (const cfg of MENUS) {
      expect(menuOf(screen, cfg).startsWith("set timeout=3\n")).toBe(true);
      expect(menuOf(screen, cfg)).not.toMatch(/serial|terminal_/);
    }
  });
});

describeWithTools("GRUB reads the written menu", ["grub-script-check"], () => {
  it("grub-script-check (GRUB's own parser) accepts the BIOS menu with the serial lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-grub-serial-"));
    try {
      const steps = installBootloaderSteps(bios(), "/mnt", {
        console: consoleArgsOf("console=tty0 console=ttyS0,115200n8"),
      });
      const cfg = join(dir, "grub.cfg");
      // The install fills {{kernel:…}}, {{initrd:…}} and {{uuid:…}} when it runs.
      writeFileSync(
        cfg,
        menuOf(steps, MENUS[0] as string)
          .replace(/\{\{kernel:[^}]+\}\}/g, "vmlinuz-6.1.0")
          .replace(/\{\{initrd:[^}]+\}\}/g, "initramfs-6.1.0.img")
          .replace(/\{\{uuid:[^}]+\}\}/g, "0b7c1a52-1111-4222-8333-944455556666"),
      );
      expect(() => execFileSync("grub-script-check", [cfg], { stdio: "pipe" })).not.toThrow();
      // and it does fail on a broken one, so the check above means something
      writeFileSync(cfg, "menuentry 'x' {\n");
      expect(() => execFileSync("grub-script-check", [cfg], { stdio: "pipe" })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
