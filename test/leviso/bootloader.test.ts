import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { GRUB_MENU_PLUGIN, grubBootDir, grubMenuPlugin, grubStub } from "../../leviso/disk/grubEfi.js";
import { computeLayout } from "../../leviso/disk/layout.js";
import { GiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import { validatePlan } from "../../tools/planFile.js";
import { TOOLS, type ToolCall } from "../../tools/registry.js";

function facts(firmware: "uefi" | "bios", extra: Partial<Facts> = {}): Facts {
  return FactsSchema.parse({
    mode: "live",
    firmware,
    disks: [
      { path: "/dev/sda", sizeBytes: 100 * GiB, transport: "sata" },
      { path: "/dev/loop7", sizeBytes: 20 * GiB, transport: "loop" },
    ],
    recipes: ["ripgrep"],
    ...extra,
  });
}

const pd = (args: Record<string, unknown> = {}): ToolCall =>
  ({
    tool: "partitionDisk",
    args: {
      disk: "/dev/sda",
      use: "whole",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiSize: "1G",
      ...args,
    },
  }) as ToolCall;

function plan(calls: ToolCall[], f = facts("uefi")): Plan {
  const r = compilePlan(calls, f, { target: "/mnt" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

const stage = "/run/levitate-install/esp-mnt";
const boot = (p: Plan) => p.steps.filter((s) => s.phase === "bootloader");
const copies = (steps: Step[]) =>
  steps.flatMap((s) => (s.action.kind === "copyFile" ? [[s.action.from, s.action.to]] : []));
const written = (steps: Step[], path: string) => {
  const s = steps.find((x) => x.action.kind === "writeFile" && x.action.path === path);
  return s?.action.kind === "writeFile" ? s.action.content : undefined;
};

describe("UEFI default: Rocky's shim → GRUB chain", () => {
  it("stages shim and GRUB in EFI/rocky and at the fallback path; the menu and kernels stay in /boot (the plugin), then one mcopy", () => {
    const steps = boot(plan([pd()]));
    const from = "/mnt/boot/efi/EFI/rocky";
    expect(copies(steps)).toEqual([
      [`${from}/shimx64.efi`, `${stage}/EFI/rocky/shimx64.efi`],
      [`${from}/grubx64.efi`, `${stage}/EFI/rocky/grubx64.efi`],
      [`${from}/shimx64.efi`, `${stage}/EFI/BOOT/BOOTX64.EFI`],
      [`${from}/grubx64.efi`, `${stage}/EFI/BOOT/grubx64.efi`],
    ]);
    // Both GRUB copies find the same stub: Rocky's reads its built-in /EFI/rocky, a GRUB that
    // reads its config beside itself finds the copy in EFI/BOOT. It finds the root by UUID and
    // loads /boot/grub2/grub.cfg there, as Rocky's stub loads the one on /boot.
    const stub = written(steps, `${stage}/EFI/rocky/grub.cfg`);
    expect(stub).toContain("search --no-floppy --fs-uuid --set=root {{uuid:/dev/sda2}}");
    expect(stub).toContain("set prefix=($root)/boot/grub2");
    expect(stub).toContain("configfile $prefix/grub.cfg");
    expect(written(steps, `${stage}/EFI/BOOT/grub.cfg`)).toBe(stub);
    // The menu is the kernel-install plugin's, run once in the new system for the installed kernel.
    const plugin = written(steps, `/mnt${GRUB_MENU_PLUGIN}`);
    expect(plugin).toContain("menu='/boot/grub2/grub.cfg'");
    expect(plugin).toContain('echo "  linux /boot/vmlinuz-$v $cmdline"');
    expect(plugin).not.toMatch(/insmod/);
    expect(steps.find((s) => s.id === "install.grub-menu-plugin")?.action).toMatchObject({ mode: 0o755 });
    expect(steps.find((s) => s.id === "install.grub-menu")?.action).toEqual({
      kind: "run",
      argv: ["chroot", "/mnt", GRUB_MENU_PLUGIN, "add"],
    });
    expect(steps.map((s) => s.id).indexOf("install.kernel-cmdline")).toBeLessThan(
      steps.map((s) => s.id).indexOf("install.grub-menu"),
    );
    expect(written(steps, "/mnt/etc/kernel/cmdline")).toBe("root=UUID={{uuid:/dev/sda2}} rw\n");
    const mcopy = steps.find((s) => s.id === "install.esp.copy")?.action;
    expect(mcopy).toMatchObject({
      kind: "run",
      env: { MTOOLS_SKIP_CHECK: "1" },
      argv: ["mcopy", "-s", "-Q", "-i", "/dev/sda1", `${stage}/EFI`, "::/"],
    });
    // Nothing of systemd-boot, no bind mount (only an encrypted root needs one).
    expect(steps.some((s) => /systemd|loader|bind/.test(s.id))).toBe(false);
    expect(steps.at(-2)?.id).toBe("install.esp.clean");
  });

  it("an encrypted root keeps the kernels and the menu on the ESP: the plugin runs with the staged tree at /boot/efi", () => {
    const steps = boot(plan([pd({ encrypt: true })]));
    const stub = written(steps, `${stage}/EFI/rocky/grub.cfg`);
    expect(stub).toContain("search --no-floppy --fs-uuid --set=root {{uuid:/dev/sda1}}");
    expect(stub).toContain("set prefix=($root)/grub2");
    const plugin = written(steps, `/mnt${GRUB_MENU_PLUGIN}`) ?? "";
    expect(plugin).toContain("menu='/boot/efi/grub2/grub.cfg'");
    expect(plugin).toContain("esp='/boot/efi/levitate'");
    expect(plugin).toContain('echo "  linux /levitate/vmlinuz-$v $cmdline"');
    const ids = steps.map((s) => s.id);
    expect(ids.slice(ids.indexOf("install.esp.bind"), ids.indexOf("install.esp.unbind") + 1)).toEqual([
      "install.esp.bind",
      "install.grub-menu",
      "install.esp.unbind",
    ]);
    expect(steps.find((s) => s.id === "install.esp.bind")?.action).toMatchObject({
      argv: ["mount", "--bind", stage, "/mnt/boot/efi"],
    });
    expect(steps.find((s) => s.id === "install.esp.copy")?.action).toMatchObject({
      argv: [
        "mcopy",
        "-s",
        "-Q",
        "-i",
        "/dev/sda1",
        `${stage}/EFI`,
        `${stage}/grub2`,
        `${stage}/levitate`,
        "::/",
      ],
    });
  });

  it("the installing machine's own disk gets an NVRAM entry for shim; a loop image gets none", () => {
    const own = boot(plan([pd()])).find((s) => s.id === "install.nvram")?.action;
    expect(own).toMatchObject({
      kind: "run",
      argv: [
        "efibootmgr",
        "--quiet",
        "--create",
        "--disk",
        "/dev/sda",
        "--part",
        "1",
        "--label",
        "LevitateOS",
        "--loader",
        "\\EFI\\rocky\\shimx64.efi",
      ],
      onlyIf: { exists: "/sys/firmware/efi/efivars" },
    });
    const loop = plan([pd({ disk: "/dev/loop7" })]);
    expect(loop.steps.some((s) => s.id === "install.nvram")).toBe(false);
    expect(loop.notes.join("\n")).toMatch(/no firmware boot entry is written/);
  });

  it("LUKS and btrfs options reach the menu through /etc/kernel/cmdline; btrfs: GRUB reads /@/boot", () => {
    const luks = boot(plan([pd({ filesystem: "btrfs", encrypt: true })]));
    expect(written(luks, "/mnt/etc/kernel/cmdline")).toContain(
      "rd.luks.uuid={{uuid:/dev/sda2}} root=UUID={{uuid:/dev/mapper/cryptroot}} rootflags=subvol=@ rw",
    );
    const btrfs = boot(plan([pd({ filesystem: "btrfs" })]));
    expect(written(btrfs, `${stage}/EFI/rocky/grub.cfg`)).toContain("set prefix=($root)/@/boot/grub2");
    expect(written(btrfs, `/mnt${GRUB_MENU_PLUGIN}`)).toContain('echo "  linux /@/boot/vmlinuz-$v $cmdline"');
  });

  it("the plugin writes a menu GRUB parses (sh in a scratch root, then grub-script-check), newest kernel first; a second kernel joins it", () => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-grubcfg-"));
    try {
      for (const encrypt of [false, true]) {
        const layout = computeLayout({
          disk: "/dev/vda",
          diskBytes: 20 * GiB,
          firmware: "uefi",
          filesystem: "ext4",
          encrypt,
          separateHome: false,
          efiBytes: GiB,
        });
        const fill = (t: string) => t.replace(/\{\{uuid:[^}]+\}\}/g, "1234-ABCD");
        writeFileSync(join(dir, "stub.cfg"), fill(grubStub(grubBootDir(layout))));
        execFileSync("grub-script-check", [join(dir, "stub.cfg")], { stdio: "pipe" });
        // The plugin names absolute paths (/boot, /etc/kernel/cmdline): run it with those it
        // reads and writes moved into a scratch root (quoted paths and `ls`), leaving the paths it
        // writes into the menu (GRUB's) as they are.
        const root = join(dir, `root-${encrypt}`);
        mkdirSync(join(root, "boot/efi"), { recursive: true });
        mkdirSync(join(root, "etc/kernel"), { recursive: true });
        writeFileSync(join(root, "etc/kernel/cmdline"), "root=UUID=1234-ABCD rw\n");
        const script = fill(grubMenuPlugin(layout, "Levitate 'OS'"))
          .replace(/(["']|ls -1 )\/boot/g, `$1${root}/boot`)
          .replace("/etc/kernel/cmdline", `${root}/etc/kernel/cmdline`);
        writeFileSync(join(dir, "plugin.sh"), script);
        const runPlugin = () => execFileSync("sh", [join(dir, "plugin.sh"), "add"], { stdio: "pipe" });
        for (const v of ["6.12.0-55.el10.x86_64"]) {
          writeFileSync(join(root, `boot/vmlinuz-${v}`), "k");
          writeFileSync(join(root, `boot/initramfs-${v}.img`), "i");
        }
        runPlugin();
        const menuFile = join(root, encrypt ? "boot/efi/grub2/grub.cfg" : "boot/grub2/grub.cfg");
        const one = readFileSync(menuFile, "utf8");
        expect(one.match(/^menuentry /gm)).toHaveLength(1);
        // A later kernel (what a package update installs; kernel-install runs the plugin).
        writeFileSync(join(root, "boot/vmlinuz-6.12.0-60.el10.x86_64"), "k2");
        writeFileSync(join(root, "boot/initramfs-6.12.0-60.el10.x86_64.img"), "i2");
        runPlugin();
        const two = readFileSync(menuFile, "utf8");
        expect(two.match(/^menuentry '.*' \{$/gm)).toEqual([
          "menuentry 'Levitate OS (6.12.0-60.el10.x86_64)' {",
          "menuentry 'Levitate OS (6.12.0-55.el10.x86_64)' {",
        ]);
        expect(two).toContain(
          `linux ${encrypt ? "/levitate" : "/boot"}/vmlinuz-6.12.0-60.el10.x86_64 root=UUID=1234-ABCD rw`,
        );
        if (encrypt)
          expect(readdirSync(join(root, "boot/efi/levitate")).sort()).toEqual([
            "initramfs-6.12.0-55.el10.x86_64.img",
            "initramfs-6.12.0-60.el10.x86_64.img",
            "vmlinuz-6.12.0-55.el10.x86_64",
            "vmlinuz-6.12.0-60.el10.x86_64",
          ]);
        execFileSync("grub-script-check", [menuFile], { stdio: "pipe" });
      }
      // A broken file is caught, so the check above can fail.
      writeFileSync(join(dir, "bad.cfg"), "menuentry 'x' {\n  linux /k\n");
      expect(() => execFileSync("grub-script-check", [join(dir, "bad.cfg")], { stdio: "pipe" })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("bootloader: systemd-boot (plan files only)", () => {
  it("stages systemd-boot as before and installs systemd-boot-unsigned when the repository has its recipe", () => {
    const p = plan(
      [pd({ bootloader: "systemd-boot" })],
      facts("uefi", { recipes: ["systemd-boot-unsigned"] }),
    );
    const ids = p.steps.map((s) => s.id);
    expect(ids).toContain("install.esp.systemd-boot");
    expect(ids).not.toContain("install.esp.shim");
    const pkg = p.steps.find((s) => s.id === "install.bootloader-package.systemd-boot-unsigned");
    expect(pkg?.action).toEqual({
      kind: "recipe",
      op: "install",
      root: "/mnt",
      name: "systemd-boot-unsigned",
    });
    expect(ids.indexOf("install.bootstrap")).toBeLessThan(ids.indexOf(pkg?.id ?? ""));
    expect(ids.indexOf(pkg?.id ?? "")).toBeLessThan(ids.indexOf("install.fstab"));
    expect(p.notes.join("\n")).toMatch(/systemd-boot \(UEFI; unsigned: turn Secure Boot off to boot it\)/);
  });

  it("without the recipe, says the base system must bring it (checked before the ESP is written)", () => {
    const p = plan([pd({ bootloader: "systemd-boot" })]);
    expect(p.steps.some((s) => s.id.startsWith("install.bootloader-package"))).toBe(false);
    expect(p.notes.join("\n")).toMatch(/systemd-boot-unsigned is not among this repository's recipes/);
  });

  it("the default chain installs no extra package (shim-x64 and grub2-efi-x64 are in base-uefi.list)", () => {
    const p = plan([pd()], facts("uefi", { recipes: ["systemd-boot-unsigned"] }));
    expect(p.steps.some((s) => s.id.startsWith("install.bootloader-package"))).toBe(false);
  });

  it("is refused on BIOS, with the field's path", () => {
    const r = compilePlan([pd({ bootloader: "systemd-boot" })], facts("bios"), { target: "/mnt" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      {
        path: "steps[0].args.bootloader",
        message: "systemd-boot needs UEFI firmware, and this machine boots with BIOS",
        hint: "drop bootloader: BIOS installs get GRUB",
      },
    ]);
    // BIOS with the default (or grub named) gets GRUB in the MBR gap.
    expect(plan([pd({ bootloader: "grub" })], facts("bios")).steps.map((s) => s.id)).toContain(
      "install.grub-install",
    );
  });

  it("is a plan-file field, not in the model's schema; unknown loaders are refused", () => {
    const file = (bootloader: string) => ({
      version: 1,
      mode: "live",
      steps: [{ tool: "partitionDisk", args: { disk: "/dev/sda", bootloader } }],
    });
    expect(validatePlan(file("systemd-boot"), facts("uefi")).ok).toBe(true);
    const bad = validatePlan(file("lilo"), facts("uefi"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.path).toBe("steps[0].args.bootloader");
    expect(TOOLS.partitionDisk.args.safeParse({ disk: "/dev/sda", bootloader: "grub" }).success).toBe(false);
    expect(TOOLS.partitionDisk.planArgs.safeParse({ disk: "/dev/sda", bootloader: "grub" }).success).toBe(
      true,
    );
  });
});
