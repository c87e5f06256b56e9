import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Facts, type FactsInput, FactsSchema } from "../../facts/schema.js";
import { fillEspMenus } from "../../steps/espMenu.js";
import { fatListing } from "../../steps/fatUndo.js";
import { GiB, MiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { compilePlan, type Plan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { renderPlan } from "../../tools/render.js";
import { describeWithTools } from "../helpers/env.js";

/**
 * Issue 14, round 27 (fixB27): what an install beside another system and an encrypted install do.
 * - F16: swap beside an encrypted root is encrypted too, with a new random key at each boot
 *   (crypttab by PARTUUID, /dev/urandom, `swap`; fstab on /dev/mapper/cryptswap; no mkswap now).
 * - F2: beside Ubuntu on a shared ESP whose loaders the facts do not list, GRUB's menu gets the
 *   other systems found on the ESP when the plan runs ({{espmenu:…}}), and the plan says so; never
 *   "no other system" beside a system the facts name. Systems on other disks and a BIOS install
 *   on another disk than the first (F31) are named in the plan. "at the start of the free region".
 * Safety side: no encryption keeps the plain swap (mkswap, UUID); encryption without swap keeps
 * crypttab's one line; loaders the facts list give the exact entries, no run-time read.
 */

type Part = NonNullable<NonNullable<FactsInput["disks"]>[number]["partitions"]>[number];
const NVME = "/dev/nvme0n1";
const UBUNTU = "Ubuntu 22.04.3 LTS";

function ubuntuParts(loaders?: string[]): Part[] {
  return [
    {
      path: `${NVME}p1`,
      sizeBytes: 512 * MiB,
      fstype: "vfat",
      label: "",
      esp: true,
      ...(loaders ? { loaders } : {}),
    },
    { path: `${NVME}p2`, sizeBytes: 600 * GiB, fstype: "ext4", label: "", os: UBUNTU },
  ];
}

function facts(disks: FactsInput["disks"], firmware: "uefi" | "bios" = "uefi"): Facts {
  return FactsSchema.parse({ mode: "live", firmware, disks, recipes: [] });
}

const ubuntuFacts = (loaders?: string[]) =>
  facts([
    {
      path: NVME,
      sizeBytes: 1000 * GiB,
      model: "Samsung SSD 970 EVO Plus 1TB",
      transport: "nvme",
      table: "gpt",
      freeBytes: 400 * GiB,
      partitions: ubuntuParts(loaders),
    },
  ]);

const blankFacts = (firmware: "uefi" | "bios" = "uefi") =>
  facts(
    [
      { path: "/dev/sda", sizeBytes: 256 * GiB, model: "KINGSTON SA400", transport: "sata" },
      { path: "/dev/sdb", sizeBytes: 500 * GiB, model: "Samsung SSD 870 EVO", transport: "sata" },
    ],
    firmware,
  );

function plan(f: Facts, args: Record<string, unknown>): Plan {
  const r = compilePlan([{ tool: "partitionDisk", args } as ToolCall], f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

const writes = (pl: Plan): Record<string, string> =>
  Object.fromEntries(
    pl.steps.flatMap((s) => (s.action.kind === "writeFile" ? [[s.action.path, s.action.content]] : [])),
  );
const argvs = (pl: Plan) => pl.steps.flatMap((s: Step) => (s.action.kind === "run" ? [s.action.argv] : []));
const text = (pl: Plan) => renderPlan(pl, { color: false, verbose: true });

describe("F16: swap beside an encrypted root gets a new random key at each boot", () => {
  const cases: [string, Facts, Record<string, unknown>, string, string][] = [
    [
      "whole disk, UEFI",
      blankFacts(),
      { disk: "/dev/sdb", filesystem: "ext4", encrypt: true, swapSize: "8G" },
      "/dev/sdb2",
      "/dev/sdb3",
    ],
    [
      "whole disk, BIOS, a separate /home",
      blankFacts("bios"),
      { disk: "/dev/sda", filesystem: "xfs", encrypt: true, swapSize: "2G", separateHome: true },
      "/dev/sda2",
      "/dev/sda3",
    ],
    [
      "beside Ubuntu in the free space",
      ubuntuFacts(["EFI/ubuntu/shimx64.efi"]),
      { disk: NVME, use: "free", filesystem: "ext4", encrypt: true, swapSize: "4G" },
      `${NVME}p3`,
      `${NVME}p4`,
    ],
  ];
  for (const [name, f, args, swap, root] of cases)
    it(`${name}: crypttab by PARTUUID with /dev/urandom, fstab on the mapping, no mkswap now, the plan says so`, () => {
      const pl = plan(f, args);
      const files = writes(pl);
      expect(files["/mnt/etc/crypttab"]).toContain(
        `cryptswap PARTUUID={{partuuid:${swap}}} /dev/urandom swap,cipher=aes-xts-plain64,size=512\n`,
      );
      expect(files["/mnt/etc/crypttab"]).toContain(`luks-{{uuid:${root}}} UUID={{uuid:${root}}} none luks`);
      expect(files["/mnt/etc/fstab"]).toContain("/dev/mapper/cryptswap none swap defaults 0 0");
      expect(files["/mnt/etc/fstab"]).not.toMatch(/UUID=\{\{uuid:[^}]*\}\} none swap/);
      // Never a passphrase container, never a signature written now, never a device name.
      expect(argvs(pl).some((a) => a[0] === "mkswap")).toBe(false);
      expect(argvs(pl).some((a) => a.includes("luksFormat") && a.includes(swap))).toBe(false);
      expect(files["/mnt/etc/crypttab"]).not.toContain(` ${swap} `);
      const shown = text(pl);
      expect(shown).toContain("random key at each boot → swap");
      expect(shown).toMatch(/encrypted with a new random key at each boot \(no hibernation/);
      // The dry run shows the exact new line.
      expect(shown).toContain(`cryptswap PARTUUID={{partuuid:${swap}}} /dev/urandom swap`);
    });

  it("near miss: no encryption keeps the plain swap (mkswap, by its UUID) and no crypttab", () => {
    const pl = plan(blankFacts(), { disk: "/dev/sdb", filesystem: "ext4", encrypt: false, swapSize: "8G" });
    expect(argvs(pl)).toContainEqual(["mkswap", "-L", "swap", "/dev/sdb2"]);
    expect(writes(pl)["/mnt/etc/fstab"]).toContain("UUID={{uuid:/dev/sdb2}} none swap defaults 0 0");
    expect(writes(pl)["/mnt/etc/crypttab"]).toBeUndefined();
    expect(text(pl)).not.toContain("random key");
  });

  it("near miss: encryption without swap keeps crypttab's one line for the root", () => {
    const pl = plan(blankFacts(), { disk: "/dev/sdb", filesystem: "ext4", encrypt: true });
    expect(writes(pl)["/mnt/etc/crypttab"]).toBe(
      "luks-{{uuid:/dev/sdb2}} UUID={{uuid:/dev/sdb2}} none luks\n",
    );
    expect(writes(pl)["/mnt/etc/fstab"]).not.toContain("swap");
  });
});

describe("F2: the boot menu beside another system", () => {
  const plugin = (pl: Plan) => writes(pl)["/mnt/etc/kernel/install.d/95-levitate-grub-menu.install"] ?? "";
  const free = { disk: NVME, use: "free", filesystem: "ext4", encrypt: false };

  it("a shared ESP whose loaders the facts do not list: the menu is read from it at run time, the plan names Ubuntu", () => {
    const pl = plan(ubuntuFacts(), free);
    expect(plugin(pl)).toContain(`{{espmenu:${NVME}p1|${UBUNTU}}}`);
    const shown = text(pl);
    expect(shown).not.toContain("no other system was found");
    expect(shown).toContain(
      `boot menu: the new system first, then the other systems whose boot loaders are on ${NVME}p1 when it runs`,
    );
    expect(shown).toContain(`the facts name ${UBUNTU} on ${NVME}p2`);
    // The place of the first new partition reads as a place, not as a size.
    expect(shown).not.toMatch(/\b0 MiB into the free region/);
    expect(shown).toContain("at the start of the free region");
  });

  it("systemd-boot with unknown loaders: the plan says how to start the other Linux", () => {
    const pl = plan(ubuntuFacts(), { ...free, bootloader: "systemd-boot" });
    expect(text(pl)).toMatch(/start the other systems from the firmware's boot menu/);
    expect(text(pl)).not.toContain("no other system was found");
  });

  it("near miss: loaders the facts list give the exact entry and no run-time read", () => {
    const pl = plan(
      ubuntuFacts(["EFI/ubuntu/shimx64.efi", "EFI/ubuntu/grubx64.efi", "EFI/BOOT/BOOTX64.EFI"]),
      free,
    );
    expect(plugin(pl)).not.toContain("{{espmenu:");
    expect(plugin(pl)).toContain(`menuentry '${UBUNTU}' {`);
    expect(plugin(pl)).toContain("  chainloader /EFI/ubuntu/shimx64.efi");
    expect(text(pl)).toContain(`boot menu: the new system first, then ${UBUNTU}`);
  });

  it("an ESP read and found without Ubuntu's loader: the plan says Ubuntu is not in the menu, never 'no other system'", () => {
    const pl = plan(ubuntuFacts([]), free);
    expect(plugin(pl)).not.toContain("{{espmenu:");
    expect(text(pl)).toMatch(
      /boot menu: the new system only: no boot loader of Ubuntu 22\.04\.3 LTS on \/dev\/nvme0n1p2/,
    );
    expect(text(pl)).not.toContain("no other system was found");
  });

  it("systems on another disk are named, with how to start them", () => {
    const f = facts([
      {
        path: NVME,
        sizeBytes: 512 * GiB,
        model: "SK hynix",
        transport: "nvme",
        table: "gpt",
        partitions: [
          { path: `${NVME}p1`, sizeBytes: 100 * MiB, fstype: "vfat", esp: true },
          { path: `${NVME}p3`, sizeBytes: 400 * GiB, fstype: "ntfs", os: "Windows 11" },
        ],
      },
      { path: "/dev/sda", sizeBytes: 1000 * GiB, model: "Crucial MX500", transport: "sata" },
    ]);
    const shown = text(plan(f, { disk: "/dev/sda", filesystem: "ext4", encrypt: false }));
    expect(shown).toMatch(/Windows 11 on \/dev\/nvme0n1 is on another disk and not in the new boot menu/);
    expect(shown).toMatch(/firmware's boot menu/);
  });

  it("F31: BIOS on the second disk says the BIOS must start that disk; on the first, no such line", () => {
    const second = text(plan(blankFacts("bios"), { disk: "/dev/sdb", filesystem: "ext4", encrypt: false }));
    expect(second).toMatch(
      /GRUB goes on \/dev\/sdb's MBR; a BIOS starts the first disk of its own boot order/,
    );
    expect(second).toContain("Samsung SSD 870 EVO");
    const first = text(plan(blankFacts("bios"), { disk: "/dev/sda", filesystem: "ext4", encrypt: false }));
    expect(first).not.toContain("MBR; a BIOS starts");
    const uefi = text(plan(blankFacts("uefi"), { disk: "/dev/sdb", filesystem: "ext4", encrypt: false }));
    expect(uefi).not.toContain("MBR; a BIOS starts");
  });
});

// mandatory in CI (LEVITATE_TOOL_TESTS=1), skipped with the missing tools named elsewhere
describeWithTools(
  "F2 at run time: {{espmenu:}} is filled from the ESP's EFI directories",
  ["mkfs.vfat", "mcopy", "mdir", "mmd", "truncate"],
  () => {
    const work = mkdtempSync(join(tmpdir(), "fixB27-esp-"));
    afterAll(() => rmSync(work, { recursive: true, force: true }));
    const env = { ...process.env, MTOOLS_SKIP_CHECK: "1" };
    const esp = join(work, "esp.img");
    execFileSync("truncate", ["-s", "64M", esp]);
    execFileSync("mkfs.vfat", ["-F", "32", esp], { env, stdio: "ignore" });
    const efi = join(work, "x.efi");
    writeFileSync(efi, "MZ");
    for (const d of ["EFI", "EFI/ubuntu", "EFI/BOOT", "EFI/Microsoft", "EFI/Microsoft/Boot"])
      execFileSync("mmd", ["-i", esp, `::/${d}`], { env });
    for (const f of [
      "EFI/ubuntu/shimx64.efi",
      "EFI/ubuntu/grubx64.efi",
      "EFI/BOOT/BOOTX64.EFI",
      "EFI/Microsoft/Boot/bootmgfw.efi",
    ])
      execFileSync("mcopy", ["-i", esp, efi, `::/${f}`], { env });
    const fail = (m: string) => new Error(m);

    it("lists Ubuntu (named by the facts) and Windows, each by its own loader; the fallback path is no system", async () => {
      const out = await fillEspMenus(
        `head\n{{espmenu:${esp}|${UBUNTU}}}\ntail`,
        (dev) => fatListing(dev, env),
        fail,
      );
      expect(out).toContain(`menuentry '${UBUNTU}' {`);
      expect(out).toContain("chainloader /EFI/ubuntu/shimx64.efi");
      expect(out).toContain("menuentry 'Windows Boot Manager' {");
      expect(out).toContain("chainloader /EFI/Microsoft/Boot/bootmgfw.efi");
      expect(out).not.toMatch(/chainloader \/EFI\/BOOT/i);
      // The ESP is found by its UUID when the file is written (the executor fills it after).
      expect(out).toContain(`search --no-floppy --fs-uuid --set=root {{uuid:${esp}}}`);
      expect(out.startsWith("head\n")).toBe(true);
      expect(out.endsWith("\ntail")).toBe(true);
    });

    it("an ESP that cannot be listed stops the step, with why", async () => {
      await expect(
        fillEspMenus(`{{espmenu:${join(work, "absent.img")}}}`, (dev) => fatListing(dev, env), fail),
      ).rejects.toThrow(/cannot list the EFI system partition/);
    });

    it("text without the placeholder is left as it is", async () => {
      const t = "menuentry 'x' {\n}\n";
      expect(await fillEspMenus(t, async () => undefined, fail)).toBe(t);
    });
  },
);
