import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { installBootloaderSteps } from "../../leviso/disk/bootloader.js";
import { grubMenuPlugin } from "../../leviso/disk/grubEfi.js";
import { computeLayout, type Layout } from "../../leviso/disk/layout.js";
import {
  cmdlineWords,
  consoleArgsOf,
  LIVE_CMDLINE_ENV,
  liveConsoleArgs,
} from "../../leviso/disk/liveConsole.js";
import { GiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { compilePlan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";

const LIVE =
  "BOOT_IMAGE=/boot/vmlinuz root=live:CDLABEL=LEVITATE rd.live.image console=tty0 quiet console=ttyS0,115200n8";
const CONSOLES = "console=tty0 console=ttyS0,115200n8";

const layout = (firmware: "uefi" | "bios", encrypt = false): Layout =>
  computeLayout({
    disk: "/dev/vda",
    diskBytes: 20 * GiB,
    firmware,
    filesystem: "ext4",
    encrypt,
    separateHome: false,
    efiBytes: GiB,
  });

const written = (steps: Step[], path: string) => {
  const s = steps.find((x) => x.action.kind === "writeFile" && x.action.path === path);
  return s?.action.kind === "writeFile" ? s.action.content : undefined;
};
const stage = "/run/levitate-install/esp-mnt";

describe("the live command line's console= words", () => {
  it("keeps only console=, in order (the last is /dev/console); a repeat counts at its last place", () => {
    expect(consoleArgsOf(LIVE)).toEqual({ args: ["console=tty0", "console=ttyS0,115200n8"], dropped: [] });
    expect(consoleArgsOf("console=ttyS0 console=tty0 console=ttyS0").args).toEqual([
      "console=tty0",
      "console=ttyS0",
    ]);
    expect(consoleArgsOf("root=/dev/sda1 quiet").args).toEqual([]);
    expect(consoleArgsOf("").args).toEqual([]);
    // Not console=: an argument that only contains the word.
    expect(consoleArgsOf("netconsole=@/,@10.0.0.1/ xconsole=tty1").args).toEqual([]);
  });

  it("reads the command line as the kernel does: quotes hold spaces, `--` ends the kernel's part", () => {
    expect(cmdlineWords('a "b c" d="e f" g\n')).toEqual(["a", "b c", "d=e f", "g"]);
    expect(consoleArgsOf("console=ttyS0 -- console=tty1 single").args).toEqual(["console=ttyS0"]);
    expect(consoleArgsOf('console="ttyS1,9600"').args).toEqual(["console=ttyS1,9600"]);
  });

  it("drops a value GRUB or the menu plugin would read as syntax, and says so", () => {
    const c = consoleArgsOf(
      `console=ttyS0 "console=tty S1" console=$x console=a'b console=uart8250,io,0x3f8`,
    );
    expect(c.args).toEqual(["console=ttyS0", "console=uart8250,io,0x3f8"]);
    expect(c.dropped).toEqual(["console=tty S1", "console=$x", "console=a'b"]);
  });

  it("comes from LEVITATE_LIVE_CMDLINE, else /proc/cmdline on the live ISO only", () => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-console-"));
    try {
      const proc = join(dir, "cmdline");
      writeFileSync(proc, `${LIVE}\n`);
      const live = join(dir, "live");
      expect(liveConsoleArgs({ env: {}, liveMount: live, procCmdline: proc }).args).toEqual([]);
      mkdirSync(live);
      expect(liveConsoleArgs({ env: {}, liveMount: live, procCmdline: proc }).args.join(" ")).toBe(CONSOLES);
      expect(
        liveConsoleArgs({ env: { [LIVE_CMDLINE_ENV]: "console=hvc0" }, liveMount: live, procCmdline: proc })
          .args,
      ).toEqual(["console=hvc0"]);
      // Set but empty: no consoles, whatever the machine has.
      expect(
        liveConsoleArgs({ env: { [LIVE_CMDLINE_ENV]: "" }, liveMount: live, procCmdline: proc }).args,
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("every boot entry the installer writes carries them", () => {
  const consoleOpt = { console: consoleArgsOf(LIVE) };

  it("BIOS: both GRUB menus' linux line ends with them", () => {
    const steps = installBootloaderSteps(layout("bios"), "/mnt", consoleOpt);
    for (const cfg of ["/mnt/boot/grub/grub.cfg", "/mnt/boot/grub2/grub.cfg"]) {
      const menu = written(steps, cfg) ?? "";
      expect(menu).toMatch(
        new RegExp(`^  linux /\\{\\{kernel:/mnt/boot\\}\\} root=UUID=\\S+ rw ${CONSOLES}$`, "m"),
      );
    }
    expect(steps.find((s) => s.id === "install.grub-cfg")?.title).toContain(
      `${CONSOLES} carried from the live system's command line`,
    );
  });

  it("systemd-boot: the entry's options and /etc/kernel/cmdline (later kernels) agree", () => {
    const steps = installBootloaderSteps(layout("uefi"), "/mnt", {
      ...consoleOpt,
      bootloader: "systemd-boot",
    });
    expect(written(steps, `${stage}/loader/entries/levitate.conf`)).toMatch(
      new RegExp(`^options root=UUID=\\S+ rw ${CONSOLES}$`, "m"),
    );
    expect(written(steps, "/mnt/etc/kernel/cmdline")).toMatch(new RegExp(`rw ${CONSOLES}\\n$`));
  });

  it("shim → GRUB: /etc/kernel/cmdline holds them and the menu the plugin writes from it does too (LUKS: after rd.luks.uuid)", () => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-console-grub-"));
    try {
      for (const encrypt of [false, true]) {
        const l = layout("uefi", encrypt);
        const steps = installBootloaderSteps(l, "/mnt", { ...consoleOpt, bootloader: "grub" });
        const cmdline = written(steps, "/mnt/etc/kernel/cmdline") ?? "";
        expect(cmdline).toMatch(
          new RegExp(`${encrypt ? "^rd\\.luks\\.uuid=\\S+ " : "^"}root=UUID=\\S+ rw ${CONSOLES}\\n$`),
        );
        const fill = (t: string) => t.replace(/\{\{uuid:[^}]+\}\}/g, "1234-ABCD");
        const root = join(dir, `root-${encrypt}`);
        mkdirSync(join(root, "boot/efi"), { recursive: true });
        mkdirSync(join(root, "etc/kernel"), { recursive: true });
        writeFileSync(join(root, "etc/kernel/cmdline"), fill(cmdline));
        writeFileSync(join(root, "boot/vmlinuz-6.12.0-55.el10.x86_64"), "k");
        writeFileSync(join(root, "boot/initramfs-6.12.0-55.el10.x86_64.img"), "i");
        const script = fill(grubMenuPlugin(l, "LevitateOS"))
          .replace(/(["']|ls -1 )\/boot/g, `$1${root}/boot`)
          .replace("/etc/kernel/cmdline", `${root}/etc/kernel/cmdline`);
        writeFileSync(join(dir, "plugin.sh"), script);
        execFileSync("sh", [join(dir, "plugin.sh"), "add"], { stdio: "pipe" });
        const menu = readFileSync(
          join(root, encrypt ? "boot/efi/grub2/grub.cfg" : "boot/grub2/grub.cfg"),
          "utf8",
        );
        expect(menu).toMatch(
          new RegExp(
            `^  linux /(boot|levitate)/vmlinuz-6\\.12\\.0-55\\.el10\\.x86_64 \\S.* rw ${CONSOLES}$`,
            "m",
          ),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("none given and none on the live system: the options are as before", () => {
    const steps = installBootloaderSteps(layout("bios"), "/mnt", { console: { args: [], dropped: [] } });
    expect(written(steps, "/mnt/boot/grub/grub.cfg")).toMatch(/^ {2}linux \S+ root=UUID=\S+ rw$/m);
    expect(steps.find((s) => s.id === "install.grub-cfg")?.title).toBe(
      "Write GRUB's menu for the installed kernel",
    );
  });
});

describe("the dry-run shows them", () => {
  const saved = process.env[LIVE_CMDLINE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[LIVE_CMDLINE_ENV];
    else process.env[LIVE_CMDLINE_ENV] = saved;
  });

  it("a compiled plan (what --dry-run prints) names them in the step titles and the written files", () => {
    process.env[LIVE_CMDLINE_ENV] = `${LIVE} console=$bad`;
    const facts = FactsSchema.parse({
      mode: "live",
      firmware: "uefi",
      disks: [{ path: "/dev/sda", sizeBytes: 100 * GiB, transport: "sata" }],
      recipes: [],
    });
    const call = {
      tool: "partitionDisk",
      args: { disk: "/dev/sda", use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
    } as ToolCall;
    const r = compilePlan([call], facts, { target: "/mnt" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const step = r.plan.steps.find((s) => s.id === "install.kernel-cmdline");
    expect(step?.title).toContain(`${CONSOLES} carried from the live system's command line`);
    expect(step?.title).toContain("not carried: console=$bad");
    expect(step?.action.kind === "writeFile" && step.action.content).toMatch(
      new RegExp(`rw ${CONSOLES}\\n$`),
    );
  });
});
