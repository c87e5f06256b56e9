import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { ESP_ROOM_SCRIPT } from "../../leviso/disk/espRoom.js";
import { computeLayout, DiskTooSmallError, partitionDevice, sfdiskScript } from "../../leviso/disk/layout.js";
import { LOADER_CONF } from "../../leviso/disk/steps.js";
import { executeSteps, pickProgram, setKeysIn } from "../../steps/execute.js";
import { recipeArgv } from "../../steps/recipeRunner.js";
import { inRoot, RootEscapeError } from "../../steps/rootPath.js";
import { GiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { compilePlan, type Plan, presetSecretsOf } from "../../tools/compile.js";
import { PlanRefusal, planTool } from "../../tools/plans.js";
import type { ToolCall } from "../../tools/registry.js";
import { planToJson, renderPlan } from "../../tools/render.js";

const HASH =
  "$6$saltsalt$Lh7Vg9sF0Zr0T2Q0pQ6Kq1u1mH6pT3sZ2m9b2a0m8Qe7cJ1dYk3Yw2sV5m5r6T0lQ0S3a8c9F1e2g3h4i5j6k7";

function makeFacts(firmware: "uefi" | "bios", sizeBytes = 500 * GiB, extra: Partial<Facts> = {}): Facts {
  return FactsSchema.parse({
    mode: "live",
    firmware,
    disks: [
      { path: "/dev/sda", sizeBytes },
      { path: "/dev/nvme0n1", sizeBytes: 2 * GiB },
      {
        path: "/dev/sdb",
        sizeBytes: 64 * GiB,
        mounted: true,
        partitions: [{ path: "/dev/sdb1", sizeBytes: GiB, mountpoint: "/media" }],
      },
      { path: "/dev/sdc", sizeBytes: 16 * GiB, liveMedium: true, mounted: true },
    ],
    users: ["root"],
    recipes: ["ripgrep", "fd"],
    installed: [],
    ...extra,
  });
}

const pd = (args: Record<string, unknown> = {}): ToolCall =>
  ({
    tool: "partitionDisk",
    args: {
      disk: "/dev/sda",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiSize: "1G",
      ...args,
    },
  }) as ToolCall;
const user = (username: string, extra: Record<string, unknown> = {}): ToolCall =>
  ({
    tool: "createUser",
    args: { username, sudo: false, shell: "/bin/bash", groups: [], ...extra },
  }) as ToolCall;

function compiled(calls: ToolCall[], facts = makeFacts("uefi")): Plan {
  const r = compilePlan(calls, facts, { target: "/mnt" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}
const argvs = (steps: Step[]) =>
  steps.flatMap((s) => (s.action.kind === "run" ? [s.action.argv.join(" ")] : []));

describe("partitionDisk plans", () => {
  it("UEFI: GPT with ESP, root taking the rest, mkfs.vfat and mkfs.ext4, root mounted, the ESP not", () => {
    const steps = planTool("partitionDisk", pd().args as never, makeFacts("uefi"), { target: "/mnt" });
    const sfdisk = steps.find((s) => s.id === "partitionDisk.sfdisk");
    expect(sfdisk?.destructive).toBe(true);
    const script = sfdisk?.action.kind === "run" ? sfdisk.action.stdin : "";
    expect(script).toContain("label: gpt");
    expect(script).toContain("size=1024MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=ESP");
    expect(script).toMatch(/\ntype=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=root\n$/);
    const a = argvs(steps);
    expect(a).toContain("wipefs --all --force /dev/sda");
    expect(a).toContain("mkfs.vfat -F 32 -n ESP /dev/sda1");
    expect(a).toContain("mkfs.ext4 -F -q -L root /dev/sda2");
    expect(a).toContain("mount -t ext4 /dev/sda2 /mnt");
    // The ESP is filled with mtools (kernels without vfat can install UEFI systems).
    expect(a.filter((x) => x.startsWith("mount "))).toEqual(["mount -t ext4 /dev/sda2 /mnt"]);
  });

  it("BIOS: MBR with a bootable ext4 /boot", () => {
    const layout = computeLayout({
      disk: "/dev/sda",
      diskBytes: 100 * GiB,
      firmware: "bios",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiBytes: GiB,
    });
    expect(layout.table).toBe("dos");
    expect(sfdiskScript(layout)).toBe("label: dos\n\nsize=1024MiB, type=83, bootable\ntype=83\n");
    expect(layout.partitions.map((p) => [p.role, p.fstype, p.mountpoint])).toEqual([
      ["boot", "ext4", "/boot"],
      ["root", "ext4", "/"],
    ]);
  });

  it.each(["ext4", "btrfs", "xfs"] as const)("formats root as %s", (fs) => {
    const a = argvs(
      planTool("partitionDisk", pd({ filesystem: fs }).args as never, makeFacts("uefi"), { target: "/mnt" }),
    );
    const mkfs = {
      ext4: "mkfs.ext4 -F -q -L root /dev/sda2",
      btrfs: "mkfs.btrfs -f -q -L root /dev/sda2",
      xfs: "mkfs.xfs -f -q -L root /dev/sda2",
    }[fs];
    expect(a).toContain(mkfs);
  });

  it("btrfs: creates @, @home and @log and mounts them with subvol=", () => {
    const a = argvs(
      planTool("partitionDisk", pd({ filesystem: "btrfs" }).args as never, makeFacts("uefi"), {
        target: "/mnt",
      }),
    );
    for (const s of ["@", "@home", "@log"]) expect(a).toContain(`btrfs -q subvolume create /mnt/${s}`);
    expect(a).toContain("mount -t btrfs -o subvol=@,compress=zstd:1 /dev/sda2 /mnt");
    expect(a).toContain("mount -t btrfs -o subvol=@log,compress=zstd:1 /dev/sda2 /mnt/var/log");
    expect(a.indexOf("umount /mnt")).toBeLessThan(
      a.indexOf("mount -t btrfs -o subvol=@,compress=zstd:1 /dev/sda2 /mnt"),
    );
  });

  it("swap: a partition and mkswap", () => {
    const layout = computeLayout({
      disk: "/dev/nvme0n1",
      diskBytes: 100 * GiB,
      firmware: "uefi",
      filesystem: "ext4",
      swapBytes: 8 * GiB,
      encrypt: false,
      separateHome: false,
      efiBytes: GiB,
    });
    expect(layout.partitions.map((p) => p.device)).toEqual([
      "/dev/nvme0n1p1",
      "/dev/nvme0n1p2",
      "/dev/nvme0n1p3",
    ]);
    expect(layout.partitions[1]).toMatchObject({ role: "swap", sizeBytes: 8 * GiB, fstype: "swap" });
  });

  it("encrypt: asks the passphrase first, luksFormat and open read it from stdin, never argv", () => {
    const p = compiled([pd({ encrypt: true, bootloader: "systemd-boot" })]);
    expect(p.steps[0]?.action.kind).toBe("askSecret");
    const lf = p.steps.find((s) => s.id === "partitionDisk.luks.format.root");
    expect(lf?.action).toMatchObject({ kind: "run", stdin: "{{secret:luks}}" });
    expect(argvs(p.steps)).toContain("mkfs.ext4 -F -q -L root /dev/mapper/cryptroot");
    const crypttab = p.steps.find((s) => s.id === "install.crypttab");
    // The boot-time name is dracut's and systemd's for rd.luks.uuid= (luks-UUID), as Anaconda writes it.
    expect(crypttab?.action).toMatchObject({
      content: "luks-{{uuid:/dev/sda2}} UUID={{uuid:/dev/sda2}} none luks\n",
    });
    const entry = p.steps.find((s) => s.id === "install.boot-entry");
    expect(entry?.action.kind === "writeFile" && entry.action.content).toContain(
      "rd.luks.uuid={{uuid:/dev/sda2}} root=UUID={{uuid:/dev/mapper/cryptroot}} rw",
    );
  });

  it("separate /home: archinstall-style root sizes, and the plan says which rule", () => {
    const at = (disk: number) =>
      computeLayout({
        disk: "/dev/sda",
        diskBytes: disk,
        firmware: "uefi",
        filesystem: "ext4",
        encrypt: false,
        separateHome: true,
        efiBytes: GiB,
      });
    expect(at(1000 * GiB).partitions[1]?.sizeBytes).toBe(50 * GiB);
    expect(at(1000 * GiB).notes.join()).toMatch(/root 50G: over 500 GiB/);
    expect(at(200 * GiB).partitions[1]?.sizeBytes).toBe(32 * GiB);
    expect(at(400 * GiB).notes.join()).toMatch(/10%/);
    const small = at(20 * GiB);
    expect(small.partitions[1]?.sizeBytes).toBeGreaterThanOrEqual(4 * GiB);
    expect(small.notes.join()).toMatch(/small disk is split in half/);
    expect(small.partitions[2]).toMatchObject({ role: "home", mountpoint: "/home", sizeMiB: undefined });
  });

  it("partition names take a p after a digit", () => {
    expect(partitionDevice("/dev/sda", 1)).toBe("/dev/sda1");
    expect(partitionDevice("/dev/nvme0n1", 2)).toBe("/dev/nvme0n1p2");
    expect(partitionDevice("/dev/loop3", 1)).toBe("/dev/loop3p1");
  });
});

describe("refusals", () => {
  const refuse = (calls: ToolCall[], facts: Facts, path: string, message: RegExp) => {
    const r = compilePlan(calls, facts, { target: "/mnt" });
    expect(r.ok).toBe(false);
    const hit = r.ok ? undefined : r.errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(r)).toBeDefined();
    expect(hit?.message).toMatch(message);
  };
  it("a mounted disk", () =>
    refuse([pd({ disk: "/dev/sdb" })], makeFacts("uefi"), "steps[0].args.disk", /mounted/));
  it("the live medium", () =>
    refuse([pd({ disk: "/dev/sdc" })], makeFacts("uefi"), "steps[0].args.disk", /medium the live system/));
  it("an unknown disk", () =>
    refuse([pd({ disk: "/dev/sdq" })], makeFacts("uefi"), "steps[0].args.disk", /no disk/));
  it("a disk too small, saying how big it must be", () => {
    refuse(
      [pd({ disk: "/dev/nvme0n1" })],
      makeFacts("uefi"),
      "steps[0].args.disk",
      /too small.*needs at least 5\.4 GB \(5\.0 GiB\)/,
    );
    expect(() =>
      computeLayout({
        disk: "/dev/x",
        diskBytes: GiB,
        firmware: "uefi",
        filesystem: "ext4",
        encrypt: false,
        separateHome: true,
        swapBytes: GiB,
        efiBytes: GiB,
      }),
    ).toThrow(DiskTooSmallError);
  });
  it("an ESP too small", () =>
    refuse([pd({ efiSize: "32M" })], makeFacts("uefi"), "steps[0].args.efiSize", /too small/));
  it("two users with one name", () =>
    refuse(
      [pd(), user("vince"), user("vince")],
      makeFacts("uefi"),
      "steps[2].args.username",
      /created twice/,
    ));
  it("a user that exists", () =>
    refuse([pd(), user("root")], makeFacts("uefi"), "steps[1].args.username", /already exists/));
  it("a live install without a disk", () =>
    refuse([user("vince")], makeFacts("uefi"), "steps", /needs a disk to go on \(a partitionDisk step\)/));
  it("install and remove of one recipe", () =>
    refuse(
      [
        { tool: "installRecipe", args: { name: "fd" } },
        { tool: "removeRecipe", args: { name: "fd" } },
      ],
      makeFacts("uefi", undefined, { mode: "installed", installed: ["fd"] }),
      "steps[1].args.name",
      /both installed .* and removed/,
    ));
  it("names the system does not ship", () => {
    const r = compilePlan(
      [pd(), { tool: "setLocale", args: { locale: "de_XX.UTF-8", keymap: "dvorakx" } }],
      makeFacts("uefi"),
      {
        target: "/mnt",
        catalog: { locales: new Set(["de_DE.UTF-8", "de_AT.UTF-8"]), keymaps: new Set(["de", "us"]) },
      },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({
        path: "steps[1].args.locale",
        message: "unknown locale de_XX.UTF-8",
      });
      expect(r.errors[0]?.hint).toMatch(/did you mean de_DE.UTF-8/);
    }
    expect(() =>
      planTool("setLocale", { keymap: "dvorakx" }, makeFacts("uefi"), {
        target: "/mnt",
        catalog: { keymaps: new Set(["de"]) },
      }),
    ).toThrow(PlanRefusal);
  });
  it("paths that leave the target", () => {
    expect(() => inRoot("/mnt", "/etc/../../root")).toThrow(RootEscapeError);
    expect(inRoot("/mnt/", "etc//fstab")).toBe("/mnt/etc/fstab");
    expect(inRoot("/", "/etc/hostname")).toBe("/etc/hostname");
  });
});

/**
 * The entry systemd-boot boots without a menu choice, as loader.conf(5) and the Boot Loader
 * Specification describe it: entries with a sort-key come before those without; among them by
 * sort-key, machine-id, then version descending; the rest by id descending. `default` (a glob on
 * the file name) picks the first match in that order, and without one the first entry wins.
 */
function bootedEntry(loaderConf: string, entries: Record<string, string>): string | undefined {
  const field = (text: string, key: string) => new RegExp(`^${key}\\s+(.+)$`, "m").exec(text)?.[1]?.trim();
  const ver = (a = "", b = "") => a.localeCompare(b, "en", { numeric: true });
  const list = Object.entries(entries).map(([id, text]) => ({
    id,
    sortKey: field(text, "sort-key"),
    machine: field(text, "machine-id") ?? "",
    version: field(text, "version") ?? "",
  }));
  list.sort((a, b) => {
    if (!!a.sortKey !== !!b.sortKey) return a.sortKey ? -1 : 1;
    if (a.sortKey && b.sortKey)
      return (
        a.sortKey.localeCompare(b.sortKey) ||
        a.machine.localeCompare(b.machine) ||
        -ver(a.version, b.version) ||
        -ver(a.id, b.id)
      );
    return -ver(a.id, b.id);
  });
  const pattern = field(loaderConf, "default");
  if (!pattern) return list[0]?.id;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return list.find((e) => re.test(e.id))?.id;
}

describe("systemd-boot's loader.conf", () => {
  const ours = "title LevitateOS\nlinux /levitate/vmlinuz-6.12.0-55.el10.x86_64\noptions root=UUID=x rw\n";
  // What kernel-install's 90-loaderentry plugin writes for a kernel a package update installs.
  const kernelInstall = (v: string) =>
    `title Rocky Linux 10\nversion ${v}\nsort-key rocky\nmachine-id 0123456789abcdef0123456789abcdef\nlinux /0123456789abcdef0123456789abcdef/${v}/linux\n`;

  it("pins no default, so the newest kernel-install entry boots after a kernel update", () => {
    expect(LOADER_CONF).not.toMatch(/^default\b/m);
    expect(LOADER_CONF).toMatch(/^timeout 3$/m);
    expect(LOADER_CONF).toMatch(/^editor no$/m);
    // Right after the install: the installer's entry is the only one.
    expect(bootedEntry(LOADER_CONF, { "levitate.conf": ours })).toBe("levitate.conf");
    const updated = {
      "levitate.conf": ours,
      "0123456789abcdef0123456789abcdef-6.12.0-55.el10.x86_64.conf": kernelInstall("6.12.0-55.el10.x86_64"),
      "0123456789abcdef0123456789abcdef-6.12.0-124.el10.x86_64.conf": kernelInstall("6.12.0-124.el10.x86_64"),
    };
    expect(bootedEntry(LOADER_CONF, updated)).toBe(
      "0123456789abcdef0123456789abcdef-6.12.0-124.el10.x86_64.conf",
    );
    // The old file pinned the installed kernel through every update.
    expect(bootedEntry("default levitate.conf\ntimeout 3\n", updated)).toBe("levitate.conf");
  });

  it("is what the UEFI plan writes to the ESP", () => {
    const p = compiled([pd({ bootloader: "systemd-boot" })]);
    expect(p.steps.find((s) => s.id === "install.loader-conf")?.action).toMatchObject({
      content: LOADER_CONF,
    });
  });
});

describe("the compiler", () => {
  it("orders phases and adds bootstrap, fstab and the bootloader", () => {
    const p = compiled([
      { tool: "installRecipe", args: { name: "ripgrep" } },
      user("vince", { sudo: true, passwordHash: HASH }),
      { tool: "setHostname", args: { hostname: "atlas" } },
      pd(),
    ]);
    const ids = p.steps.map((s) => s.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at("partitionDisk.sfdisk")).toBeLessThan(at("partitionDisk.mkfs.root"));
    expect(at("partitionDisk.mount.root")).toBeLessThan(at("install.bootstrap"));
    expect(at("install.bootstrap")).toBeLessThan(at("install.fstab"));
    expect(at("install.fstab")).toBeLessThan(at("setHostname.hostname"));
    expect(at("setHostname.hostname")).toBeLessThan(at("createUser.vince.useradd"));
    expect(at("createUser.vince.useradd")).toBeLessThan(at("installRecipe.ripgrep"));
    expect(at("installRecipe.ripgrep")).toBeLessThan(at("install.esp.stage"));
    expect(p.notes.join("\n")).toMatch(/shim and GRUB \(UEFI, boots with Secure Boot on\)/);
    expect(p.destructive).toBe(true);
  });

  it("bootstrap is told the firmware, so the base set gets that firmware's boot loader packages", () => {
    for (const fw of ["uefi", "bios"] as const) {
      const p = compiled([pd()], makeFacts(fw));
      const step = p.steps.find((s) => s.id === "install.bootstrap");
      expect(step?.action).toEqual({ kind: "recipe", op: "bootstrap", root: "/mnt", firmware: fw });
      if (step?.action.kind !== "recipe") throw new Error("not a recipe step");
      expect(recipeArgv(step.action)).toEqual(["bootstrap", "/mnt", "--firmware", fw]);
      expect(recipeArgv(step.action, true)).toEqual(["bootstrap", "/mnt", "--firmware", fw, "--dry-run"]);
      expect(renderPlan(p, { verbose: true, color: false })).toContain(
        `recipe bootstrap /mnt --firmware ${fw}`,
      );
    }
  });

  it("BIOS gets GRUB", () => {
    const p = compiled([pd()], makeFacts("bios"));
    expect(argvs(p.steps)).toContain("grub2-install --target=i386-pc --boot-directory=/mnt/boot /dev/sda");
    const gi = p.steps.find((s) => s.id === "install.grub-install")?.action;
    expect(gi).toMatchObject({ kind: "run", alternatives: ["grub-install"] });
    // The dry-run says which name runs where.
    expect(renderPlan(p, { verbose: true, color: false })).toContain(
      "grub2-install --target=i386-pc --boot-directory=/mnt/boot /dev/sda (grub-install where grub2-install is not installed)",
    );
    // Rocky's GRUB reads /boot/grub2/grub.cfg, Debian's /boot/grub/grub.cfg: both are written.
    const cfgs = p.steps.filter((s) => s.action.kind === "writeFile" && s.action.path.endsWith("grub.cfg"));
    expect(cfgs.map((s) => (s.action.kind === "writeFile" ? s.action.path : ""))).toEqual([
      "/mnt/boot/grub/grub.cfg",
      "/mnt/boot/grub2/grub.cfg",
    ]);
    expect(p.steps.some((s) => s.id.startsWith("install.esp"))).toBe(false);
    expect(p.scratch).toBeUndefined();
    expect(p.steps.find((s) => s.id === "install.fstab")?.action).toMatchObject({
      content: expect.stringContaining("UUID={{uuid:/dev/sda1}} /boot ext4 defaults 0 2"),
    });
  });

  it("UEFI: systemd-boot staged outside the target and copied onto the unmounted ESP with mtools", () => {
    const p = compiled([pd({ swapSize: "2G", bootloader: "systemd-boot" })]);
    const stage = "/run/levitate-install/esp-mnt";
    expect(p.scratch).toBe(stage);
    const boot = p.steps.filter((s) => s.phase === "bootloader");
    expect(boot.map((s) => [s.id, s.action])).toEqual([
      ["install.esp.stage", { kind: "run", argv: ["rm", "-rf", "--one-file-system", stage] }],
      [
        "install.esp.systemd-boot",
        {
          kind: "copyFile",
          from: "/mnt/usr/lib/systemd/boot/efi/systemd-bootx64.efi",
          to: `${stage}/EFI/systemd/systemd-bootx64.efi`,
          mode: 0o644,
          missing: expect.stringMatching(/no systemd-boot EFI binary.*systemd-boot-unsigned/),
        },
      ],
      [
        "install.esp.fallback",
        expect.objectContaining({
          kind: "copyFile",
          from: "/mnt/usr/lib/systemd/boot/efi/systemd-bootx64.efi",
          to: `${stage}/EFI/BOOT/BOOTX64.EFI`,
        }),
      ],
      [
        "install.esp.kernel",
        expect.objectContaining({
          kind: "copyFile",
          from: "/mnt/boot/{{kernel:/mnt/boot}}",
          to: `${stage}/levitate/{{kernel:/mnt/boot}}`,
        }),
      ],
      [
        "install.esp.initrd",
        expect.objectContaining({
          kind: "copyFile",
          from: "/mnt/boot/{{initrd:/mnt/boot}}",
          to: `${stage}/levitate/{{initrd:/mnt/boot}}`,
        }),
      ],
      [
        "install.loader-conf",
        {
          kind: "writeFile",
          path: `${stage}/loader/loader.conf`,
          content: LOADER_CONF,
          mode: 0o644,
        },
      ],
      [
        "install.boot-entry",
        {
          kind: "writeFile",
          path: `${stage}/loader/entries/levitate.conf`,
          content:
            "title LevitateOS\nlinux /levitate/{{kernel:/mnt/boot}}\ninitrd /levitate/{{initrd:/mnt/boot}}\noptions root=UUID={{uuid:/dev/sda3}} rw\n",
          mode: 0o644,
        },
      ],
      [
        "install.kernel-cmdline",
        {
          kind: "writeFile",
          path: "/mnt/etc/kernel/cmdline",
          content: "root=UUID={{uuid:/dev/sda3}} rw\n",
          mode: 0o644,
        },
      ],
      [
        "install.esp.room",
        {
          kind: "run",
          argv: [
            "sh",
            "-c",
            ESP_ROOM_SCRIPT,
            "esp-room",
            "/dev/sda1",
            `${stage}/EFI`,
            `${stage}/loader`,
            `${stage}/levitate`,
          ],
        },
      ],
      [
        "install.esp.copy",
        {
          kind: "run",
          env: { MTOOLS_SKIP_CHECK: "1" },
          argv: [
            "mcopy",
            "-s",
            "-Q",
            "-i",
            "/dev/sda1",
            `${stage}/EFI`,
            `${stage}/loader`,
            `${stage}/levitate`,
            "::/",
          ],
        },
      ],
      ["install.esp.clean", { kind: "run", argv: ["rm", "-rf", "--one-file-system", stage] }],
      [
        "install.nvram",
        {
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
            "\\EFI\\systemd\\systemd-bootx64.efi",
          ],
          onlyIf: { exists: "/sys/firmware/efi/efivars", otherwise: expect.stringMatching(/fallback path/) },
          // A firmware that never stores the entry: given up after 3 minutes, the fallback boots it.
          bounded: {
            ms: 180_000,
            otherwise: expect.stringMatching(
              /fallback path EFI\/BOOT\/BOOTX64\.EFI; add the entry later with: efibootmgr --create/,
            ),
          },
        },
      ],
    ]);
    // The new system mounts the ESP at /boot/efi (Rocky's place); the installer only makes the mount point.
    const fstab = p.steps.find((s) => s.id === "install.fstab")?.action;
    expect(fstab).toMatchObject({
      content: expect.stringContaining("UUID={{uuid:/dev/sda1}} /boot/efi vfat umask=0077 0 2\n"),
    });
    expect(p.steps.find((s) => s.id === "install.esp-mountpoint")?.action).toEqual({
      kind: "mkdir",
      path: "/mnt/boot/efi",
      mode: 0o755,
    });
    expect(p.notes.join("\n")).toMatch(/filled with mtools \(not mounted\)/);
    // Dry-run text shows the exact argv, with the per-command environment.
    expect(renderPlan(p, { verbose: true, color: false })).toContain(
      `MTOOLS_SKIP_CHECK=1 mcopy -s -Q -i /dev/sda1 ${stage}/EFI ${stage}/loader ${stage}/levitate ::/`,
    );
  });

  it("UEFI: btrfs and LUKS options in the entry; no firmware entry for a loop image", () => {
    const facts = makeFacts("uefi", undefined, {
      disks: [
        {
          path: "/dev/loop7",
          sizeBytes: 20 * GiB,
          model: "",
          transport: "loop",
          removable: false,
          mounted: false,
        },
      ],
    });
    const r = compilePlan(
      [pd({ disk: "/dev/loop7", filesystem: "btrfs", encrypt: true, bootloader: "systemd-boot" })],
      facts,
      {
        target: "/tmp/x/target",
      },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const entry = r.plan.steps.find((s) => s.id === "install.boot-entry")?.action;
    expect(entry).toMatchObject({
      path: "/run/levitate-install/esp-tmp-x-target/loader/entries/levitate.conf",
      content: expect.stringContaining(
        "options rd.luks.uuid={{uuid:/dev/loop7p2}} root=UUID={{uuid:/dev/mapper/cryptroot}} rootflags=subvol=@ rw\n",
      ),
    });
    expect(r.plan.steps.some((s) => s.id === "install.nvram")).toBe(false);
    expect(r.plan.notes.join("\n")).toMatch(/no firmware boot entry is written/);
  });

  it("merges setLocale field by field, the last one winning, and says so", () => {
    // fr_FR needs its language pack in the repository (attacker 7 M4).
    const p = compiled(
      [
        pd(),
        { tool: "setLocale", args: { locale: "de_DE.UTF-8", timezone: "Europe/Berlin" } },
        { tool: "setLocale", args: { locale: "fr_FR.UTF-8" } },
      ],
      makeFacts("uefi", 500 * GiB, { recipes: ["glibc-langpack-fr"] }),
    );
    expect(p.calls.filter((c) => c.tool === "setLocale")).toEqual([
      { tool: "setLocale", args: { locale: "fr_FR.UTF-8", timezone: "Europe/Berlin" } },
    ]);
    expect(p.notes.join("\n")).toMatch(
      /sets locale fr_FR.UTF-8, replacing de_DE.UTF-8 from steps\[1\] \(the last one wins\)/,
    );
  });

  it("keeps the last hostname and runs a repeated recipe once", () => {
    const p = compiled([
      pd(),
      { tool: "setHostname", args: { hostname: "a" } },
      { tool: "setHostname", args: { hostname: "b" } },
      { tool: "installRecipe", args: { name: "fd" } },
      { tool: "installRecipe", args: { name: "fd" } },
    ]);
    expect(p.steps.filter((s) => s.source === "setHostname")).toHaveLength(1);
    expect(p.notes.join("\n")).toMatch(/hostname b, not a/);
    expect(p.steps.filter((s) => s.id === "installRecipe.fd")).toHaveLength(1);
  });

  it("installed mode: no disk steps, target /", () => {
    const r = compilePlan(
      [{ tool: "installRecipe", args: { name: "fd" } }],
      makeFacts("uefi", undefined, { mode: "installed" }),
    );
    expect(r.ok && r.plan.target).toBe("/");
    expect(r.ok && r.plan.steps.map((s) => s.id)).toEqual(["installRecipe.fd"]);
  });

  it("a plan-file hash never shows in JSON, rendering or argv; the executor gets it", () => {
    const p = compiled([pd(), user("vince", { sudo: true, passwordHash: HASH })]);
    expect(planToJson(p)).not.toContain(HASH);
    expect(renderPlan(p, { verbose: true, color: false })).not.toContain(HASH);
    expect(presetSecretsOf(p).get("hash:vince")).toBe(HASH);
    const set = p.steps.find((s) => s.id === "createUser.vince.password.set");
    expect(set?.action).toMatchObject({
      argv: ["chpasswd", "--root", "/mnt", "--encrypted"],
      stdin: "vince:{{secret:hash:vince}}\n",
    });
    expect(p.steps.some((s) => s.action.kind === "askSecret")).toBe(false);
  });

  it("without a hash the password is asked before anything destructive, and hashed via stdin", () => {
    const p = compiled([pd(), user("vince")]);
    expect(p.steps[0]?.action).toMatchObject({ kind: "askSecret", secret: "password:vince" });
    expect(p.steps[1]?.action).toMatchObject({
      argv: ["openssl", "passwd", "-6", "-stdin"],
      captureSecret: "hash:vince",
    });
  });

  it("renders destructive steps marked, the layout before and after, and honours NO_COLOR", () => {
    const text = renderPlan(compiled([pd({ swapSize: "8G" })]), { color: false });
    // The re-check reads only; the first step that writes is marked.
    expect(text).toMatch(/ 1\. Check \/dev\/sda again before writing/);
    expect(text).toMatch(/ 2\. DESTROYS DATA Erase every signature on \/dev\/sda/);
    expect(text).toContain("after (GPT):");
    expect(text).toContain("/dev/sda2  8G  swap");
    expect(text).not.toMatch(/\u001b\[/);
  });
});

describe("the executor", () => {
  const root = () => mkdtempSync(join(tmpdir(), "levitate-exec-"));

  it("writes files, keys and links inside the target, and journals without secrets", async () => {
    const t = root();
    writeFileSync(join(t, "vconsole.conf"), "FONT=eurlatgr\nKEYMAP=us\n");
    const steps: Step[] = [
      {
        id: "a",
        phase: "locale",
        source: "setLocale",
        title: "keys",
        changes: "",
        destructive: false,
        action: { kind: "setKeys", path: join(t, "vconsole.conf"), keys: { KEYMAP: "de" }, mode: 0o644 },
      },
      {
        id: "b",
        phase: "locale",
        source: "setLocale",
        title: "link",
        changes: "",
        destructive: false,
        action: { kind: "symlink", path: join(t, "etc/localtime"), target: "../usr/share/zoneinfo/UTC" },
      },
      {
        id: "c",
        phase: "users",
        source: "createUser",
        title: "secret via stdin",
        changes: "",
        destructive: false,
        action: { kind: "run", argv: ["sh", "-c", `cat > ${join(t, "got")}`], stdin: "{{secret:pw}}" },
      },
      {
        id: "d",
        phase: "hostname",
        source: "setHostname",
        title: "file",
        changes: "",
        destructive: false,
        action: { kind: "writeFile", path: join(t, "etc/hostname"), content: "atlas\n", mode: 0o600 },
      },
    ];
    const journal = join(t, "journal.log");
    const r = await executeSteps(steps, {
      target: t,
      secrets: new Map([["pw", "s3cret-pass"]]),
      journalScratch: journal,
    });
    expect(r.ok).toBe(true);
    expect(readFileSync(join(t, "vconsole.conf"), "utf8")).toBe("FONT=eurlatgr\nKEYMAP=de\n");
    expect(readlinkSync(join(t, "etc/localtime"))).toBe("../usr/share/zoneinfo/UTC");
    expect(readFileSync(join(t, "got"), "utf8")).toBe("s3cret-pass");
    expect(statSync(join(t, "etc/hostname")).mode & 0o777).toBe(0o600);
    expect(readFileSync(journal, "utf8")).not.toContain("s3cret-pass");
  });

  it("stops at the first failure and says what ran and what did not", async () => {
    const t = root();
    const mk = (id: string, argv: string[]): Step => ({
      id,
      phase: "users",
      source: "install",
      title: id,
      changes: "",
      destructive: false,
      action: { kind: "run", argv },
    });
    const r = await executeSteps(
      [mk("one", ["true"]), mk("two", ["sh", "-c", "echo boom >&2; exit 3"]), mk("three", ["true"])],
      { target: t, journalScratch: join(t, "j.log") },
    );
    expect(r.ok).toBe(false);
    expect(r.results.map((x) => [x.id, x.status])).toEqual([
      ["one", "ok"],
      ["two", "failed"],
    ]);
    expect(r.failed?.message).toBe("sh exited with 3");
    expect(r.failed?.output).toContain("boom");
    expect(r.notRun.map((s) => s.id)).toEqual(["three"]);
  });

  it("refuses writes outside the target, also through a symlinked directory", async () => {
    const t = root();
    const outside = root();
    const { symlinkSync } = await import("node:fs");
    symlinkSync(outside, join(t, "etc"));
    const w = (path: string): Step => ({
      id: "w",
      phase: "hostname",
      source: "install",
      title: "w",
      changes: "",
      destructive: false,
      action: { kind: "writeFile", path, content: "x", mode: 0o644 },
    });
    const r1 = await executeSteps([w(join(t, "etc/hostname"))], {
      target: t,
      journalScratch: join(t, "j.log"),
    });
    expect(r1.failed?.message).toMatch(/outside the target/);
    expect(existsSync(join(outside, "hostname"))).toBe(false);
    const r2 = await executeSteps([w("/tmp/elsewhere")], { target: t, journalScratch: join(t, "j2.log") });
    expect(r2.failed?.message).toMatch(/outside the target/);
  });

  it("copyFile: kernel placeholders in paths, writes allowed in the scratch directory only besides the target", async () => {
    const t = root();
    const scratch = root();
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(t, "boot"));
    writeFileSync(join(t, "boot/vmlinuz-6.1.0-x"), "kernel\n");
    writeFileSync(join(t, "boot/initramfs-6.1.0-x.img"), "initrd\n");
    const cp = (id: string, from: string, to: string): Step => ({
      id,
      phase: "bootloader",
      source: "install",
      title: id,
      changes: to,
      destructive: false,
      action: { kind: "copyFile", from, to, mode: 0o644, missing: "the kernel package puts it there" },
    });
    const k = `{{kernel:${join(t, "boot")}}}`;
    const i = `{{initrd:${join(t, "boot")}}}`;
    const ok = await executeSteps(
      [
        cp("k", join(t, "boot", k), join(scratch, "levitate", k)),
        cp("i", join(t, "boot", i), join(scratch, "levitate", i)),
      ],
      { target: t, scratch, journalScratch: join(t, "j.log") },
    );
    expect(ok.ok, JSON.stringify(ok.failed)).toBe(true);
    expect(readFileSync(join(scratch, "levitate/vmlinuz-6.1.0-x"), "utf8")).toBe("kernel\n");
    expect(readFileSync(join(scratch, "levitate/initramfs-6.1.0-x.img"), "utf8")).toBe("initrd\n");
    // Without the scratch option the same copy is refused.
    const refused = await executeSteps([cp("k", join(t, "boot", k), join(scratch, "k2"))], {
      target: t,
      journalScratch: join(t, "j2.log"),
    });
    expect(refused.failed?.message).toMatch(/outside the target/);
    expect(existsSync(join(scratch, "k2"))).toBe(false);
    // A missing source says what provides it.
    const missing = await executeSteps(
      [cp("m", join(t, "usr/lib/systemd/boot/efi/x.efi"), join(scratch, "x"))],
      {
        target: t,
        scratch,
        journalScratch: join(t, "j3.log"),
      },
    );
    expect(missing.failed?.message).toBe(
      `${join(t, "usr/lib/systemd/boot/efi/x.efi")} is missing: the kernel package puts it there`,
    );
  });

  it("onlyIf: a command whose condition does not hold is skipped, not failed, and the journal says why", async () => {
    const t = root();
    const step = (exists: string): Step => ({
      id: "nv",
      phase: "bootloader",
      source: "install",
      title: "nv",
      changes: "",
      destructive: false,
      action: {
        kind: "run",
        argv: ["sh", "-c", `echo ran > ${join(t, "ran")}`],
        onlyIf: { exists, otherwise: "no EFI variables here" },
      },
    });
    const r = await executeSteps([step(join(t, "nope"))], { target: t, journalScratch: join(t, "j.log") });
    expect(r.ok).toBe(true);
    expect(r.results[0]).toMatchObject({ status: "skipped", message: "no EFI variables here" });
    expect(existsSync(join(t, "ran"))).toBe(false);
    expect(readFileSync(join(t, "j.log"), "utf8")).toContain('"status":"skipped"');
    const r2 = await executeSteps([step(t)], { target: t, journalScratch: join(t, "j2.log") });
    expect(r2.results[0]?.status).toBe("ok");
    expect(readFileSync(join(t, "ran"), "utf8")).toBe("ran\n");
  });

  it("a failing check leaves the old file in place", async () => {
    const t = root();
    writeFileSync(join(t, "sudo"), "old\n");
    const r = await executeSteps(
      [
        {
          id: "s",
          phase: "users",
          source: "createUser",
          title: "s",
          changes: "",
          destructive: false,
          action: {
            kind: "writeFile",
            path: join(t, "sudo"),
            content: "new\n",
            mode: 0o440,
            check: ["false", "{}"],
          },
        },
      ],
      { target: t, journalScratch: join(t, "j.log") },
    );
    expect(r.ok).toBe(false);
    expect(readFileSync(join(t, "sudo"), "utf8")).toBe("old\n");
  });

  it("a symlink planted in the target never sends the journal or a setKeys read outside it", async () => {
    const t = root();
    const outside = root();
    const { mkdirSync, symlinkSync } = await import("node:fs");
    // What a hostile package could leave behind: links that name host files (absolute targets
    // resolve on the host, not in the target, while the installer runs).
    writeFileSync(join(outside, "victim"), "host file\n");
    writeFileSync(join(outside, "shadow"), "root:$6$hostsecret:19000::::::\n");
    mkdirSync(join(t, "var/log"), { recursive: true });
    mkdirSync(join(t, "etc"));
    symlinkSync(join(outside, "victim"), join(t, "var/log/levitate-install.log"));
    symlinkSync(join(outside, "shadow"), join(t, "etc/vconsole.conf"));
    const r = await executeSteps(
      [
        {
          id: "k",
          phase: "locale",
          source: "setLocale",
          title: "keys",
          changes: "",
          destructive: false,
          action: {
            kind: "setKeys",
            path: join(t, "etc/vconsole.conf"),
            keys: { KEYMAP: "de" },
            mode: 0o644,
          },
        },
      ],
      { target: t, journalScratch: join(outside, "j.log") },
    );
    expect(readFileSync(join(outside, "victim"), "utf8")).toBe("host file\n");
    expect(statSync(join(outside, "victim")).mode & 0o777).not.toBe(0o600);
    expect(readFileSync(join(outside, "shadow"), "utf8")).toBe("root:$6$hostsecret:19000::::::\n");
    const conf = join(t, "etc/vconsole.conf");
    // Refused: the planted link stays (reading it would read the host file, not the target's).
    const written = lstatSync(conf).isSymbolicLink() ? "" : readFileSync(conf, "utf8");
    expect(written).not.toContain("hostsecret");
    expect(r.ok ? written : r.failed?.message).toMatch(/KEYMAP=de|outside the target/);
    // The journal still lands in the target, as a file of its own.
    expect(r.journalPath).toBe(join(t, "var/log/levitate-install.log"));
    expect(lstatSync(r.journalPath).isSymbolicLink()).toBe(false);
  });

  it("copyFile refuses a source reached through a link that leaves the target", async () => {
    const t = root();
    const outside = root();
    const { symlinkSync } = await import("node:fs");
    writeFileSync(join(outside, "vmlinuz-host"), "host kernel\n");
    symlinkSync(outside, join(t, "boot"));
    const r = await executeSteps(
      [
        {
          id: "cp",
          phase: "bootloader",
          source: "install",
          title: "cp",
          changes: "",
          destructive: false,
          action: {
            kind: "copyFile",
            from: join(t, "boot/vmlinuz-host"),
            to: join(t, "copied"),
            mode: 0o644,
            missing: "x",
          },
        },
      ],
      { target: t, journalScratch: join(outside, "j.log") },
    );
    expect(r.failed?.message).toMatch(/outside the target/);
    expect(existsSync(join(t, "copied"))).toBe(false);
  });

  it("setKeysIn appends missing keys and keeps the rest", () => {
    expect(setKeysIn("", { LANG: "de_DE.UTF-8" })).toBe("LANG=de_DE.UTF-8\n");
    expect(setKeysIn("# c\nLANG=C\nLC_TIME=x\n", { LANG: "fr_FR.UTF-8" })).toBe(
      "# c\nLANG=fr_FR.UTF-8\nLC_TIME=x\n",
    );
  });
});

describe("pickProgram: the installer runs the name that exists where it runs", () => {
  it("takes argv[0] when installed, else the first alternative on PATH, else argv[0]", () => {
    const dir = mkdtempSync(join(tmpdir(), "pick-"));
    const debian = join(dir, "debian");
    const rocky = join(dir, "rocky");
    for (const [d, n] of [
      [debian, "grub-install"],
      [rocky, "grub2-install"],
    ] as const) {
      mkdirSync(d);
      writeFileSync(join(d, n), "#!/bin/sh\n", { mode: 0o755 });
    }
    const names = ["grub2-install", "grub-install"];
    expect(pickProgram(names, { PATH: rocky })).toBe("grub2-install");
    expect(pickProgram(names, { PATH: debian })).toBe("grub-install");
    expect(pickProgram(names, { PATH: `${debian}:${rocky}` })).toBe("grub2-install");
    expect(pickProgram(names, { PATH: join(dir, "none") })).toBe("grub2-install");
  });
});
