import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { disksFromLsblk } from "../../facts/lsblk.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { generatedFiles } from "../../grammars/generate.js";
import { describeBytes, formatSize, GiB, MiB, parseSize, SizeError, TiB } from "../../steps/size.js";
import { formatPlanErrors, validatePlan } from "../../tools/planFile.js";
import { TOOLS, toolDefaults, toolsForMode } from "../../tools/registry.js";

const facts: Facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    { path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO" },
    { path: "/dev/sdb", sizeBytes: 16e9, mounted: true },
    { path: "/dev/sdc", sizeBytes: 32e9, mounted: true, liveMedium: true },
  ],
  users: ["root", "anna"],
  recipes: ["ripgrep", "fd"],
  installed: ["fd"],
});

describe("sizes", () => {
  it.each([
    ["512M", 512 * MiB],
    ["8G", 8 * GiB],
    ["1T", TiB],
    ["1.5T", 1.5 * TiB],
    [" 2G ", 2 * GiB],
    ["0M", 0],
  ])("parses %s", (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(["8", "8GB", "8g", "-1G", "1.2345G", "01G", "", "G"])("refuses %j with a hint", (text) => {
    expect(() => parseSize(text)).toThrow(SizeError);
    expect(() => parseSize(text)).toThrow(/binary unit M, G or T/);
  });

  it("formats exact sizes with the largest unit, others in MiB", () => {
    expect(formatSize(8 * GiB)).toBe("8G");
    expect(formatSize(1536 * MiB)).toBe("1536M");
    expect(formatSize(2 * TiB)).toBe("2T");
    expect(formatSize(5 * MiB + 12)).toBe("5M");
  });

  it("describes bytes in decimal and binary units", () => {
    expect(describeBytes(500107862016)).toBe("500.1 GB (465.8 GiB)");
    expect(describeBytes(2e12)).toBe("2.00 TB (1.82 TiB)");
  });
});

describe("tool schemas", () => {
  const bad = (tool: keyof typeof TOOLS, args: unknown) => {
    const r = TOOLS[tool].planArgs.safeParse(args);
    expect(r.success).toBe(false);
    return r.success ? "" : r.error.issues.map((i) => i.message).join("; ");
  };

  it("fills defaults", () => {
    expect(TOOLS.partitionDisk.args.parse({ disk: "/dev/sda" })).toEqual({
      disk: "/dev/sda",
      use: "whole",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
    });
    // efiSize's default (1G) is documented, not filled in: given, it asks for a second ESP (use free)
    expect(toolDefaults("partitionDisk").efiSize).toBe("1G");
    expect(toolDefaults("createUser")).toEqual({ sudo: false, shell: "/bin/bash", groups: [] });
  });

  it("rejects bad args with messages that say the fix", () => {
    expect(bad("partitionDisk", { disk: "sda" })).toMatch(/device path such as \/dev\/sda/);
    expect(bad("partitionDisk", { disk: "/dev/sda", swapSize: "8GB" })).toMatch(/binary unit M, G or T/);
    expect(bad("partitionDisk", { disk: "/dev/sda", filesystem: "ntfs" })).toMatch(/ext4|btrfs|xfs/);
    expect(bad("createUser", { username: "Vince" })).toMatch(/starts with a lowercase letter/);
    expect(bad("createUser", { username: "v", fullName: "a:b" })).toMatch(/cannot contain ':'/);
    expect(bad("createUser", { username: "v", shell: "bash" })).toMatch(/absolute path/);
    expect(bad("createUser", { username: "v", passwordHash: "secret" })).toMatch(/\$6\$ or \$y\$/);
    expect(bad("createUser", { username: "v", groups: ["Wheel"] })).toMatch(/looks like a username/);
    expect(bad("installRecipe", { name: "Rip Grep" })).toMatch(/lowercase letters/);
    expect(bad("installRecipe", { name: "rg", version: "-1" })).toMatch(/looks like 14.1.0/);
    expect(bad("setLocale", {})).toMatch(/at least one of locale, keymap or timezone/);
    expect(bad("setLocale", { locale: "german" })).toMatch(/looks like de_DE.UTF-8/);
    expect(bad("setLocale", { keymap: "de us" })).toMatch(/console keymap name/);
    // kbd's own names carry capitals and underscores (de_CH-latin1, ANSI-dvorak): accepted.
    for (const keymap of ["de_CH-latin1", "ANSI-dvorak", "mac-us", "fr-latin9"])
      expect(TOOLS.setLocale.planArgs.safeParse({ keymap }).success).toBe(true);
    expect(bad("setLocale", { timezone: "berlin" })).toMatch(/IANA name/);
    expect(bad("setHostname", { hostname: "-bad-" })).toMatch(/RFC 1123/);
    expect(bad("setHostname", { hostname: "a_b" })).toMatch(/RFC 1123/);
    expect(bad("removeRecipe", { name: "fd", extra: 1 })).toMatch(/Unrecognized key/i);
  });

  it("the model's args never carry passwordHash", () => {
    expect(TOOLS.createUser.args.safeParse({ username: "v", passwordHash: "$6$abcdefgh$xyz" }).success).toBe(
      false,
    );
  });

  it("lists tools by mode", () => {
    expect(toolsForMode("live")).not.toContain("removeRecipe");
    expect(toolsForMode("installed")).not.toContain("partitionDisk");
  });
});

describe("facts from lsblk", () => {
  const lsblk = {
    blockdevices: [
      {
        name: "sda",
        path: "/dev/sda",
        size: 500107862016,
        model: "Samsung SSD 870 EVO  ",
        tran: "sata",
        rm: false,
        type: "disk",
        mountpoints: [null],
        children: [
          {
            name: "sda1",
            path: "/dev/sda1",
            size: 536870912,
            type: "part",
            fstype: "vfat",
            label: "EFI",
            mountpoints: [null],
          },
          {
            name: "sda2",
            path: "/dev/sda2",
            size: 1e11,
            type: "part",
            fstype: "ext4",
            mountpoints: ["/home"],
          },
        ],
      },
      {
        name: "sdb",
        size: "16008609792",
        model: null,
        tran: "usb",
        rm: "1",
        type: "disk",
        mountpoints: [null],
        children: [
          { name: "sdb1", size: 4e9, type: "part", fstype: "iso9660", mountpoints: ["/run/initramfs/live"] },
        ],
      },
      { name: "nvme0n1", path: "/dev/nvme0n1", size: 1e12, type: "disk", mountpoints: [null] },
      { name: "loop0", path: "/dev/loop0", size: 1e9, type: "loop", mountpoints: ["/run/rootfsbase"] },
      { name: "zram0", path: "/dev/zram0", size: 4e9, type: "disk", mountpoints: ["[SWAP]"] },
      { name: "sr0", path: "/dev/sr0", size: 4e9, type: "rom", mountpoints: [null] },
    ],
  };
  const disks = disksFromLsblk(lsblk);

  it("keeps whole disks only", () =>
    expect(disks.map((d) => d.path)).toEqual(["/dev/sda", "/dev/sdb", "/dev/nvme0n1"]));

  it("reads size, model, transport, removable", () => {
    expect(disks[0]).toMatchObject({
      sizeBytes: 500107862016,
      model: "Samsung SSD 870 EVO",
      transport: "sata",
      removable: false,
    });
    expect(disks[1]).toMatchObject({ sizeBytes: 16008609792, model: "", transport: "usb", removable: true });
    expect(disks[2]?.transport).toBe("nvme");
  });

  it("marks a disk mounted when a partition is, and the live medium", () => {
    expect(disks[0]?.mounted).toBe(true);
    expect(disks[0]?.liveMedium).toBeUndefined();
    expect(disks[1]?.liveMedium).toBe(true);
    expect(disks[2]?.mounted).toBe(false);
    expect(disks[0]?.partitions?.[1]).toMatchObject({
      path: "/dev/sda2",
      fstype: "ext4",
      mountpoint: "/home",
    });
    expect(disks[1]?.partitions?.[0]?.path).toBe("/dev/sdb1");
  });

  it("rejects output that is not lsblk's", () => expect(() => disksFromLsblk({ devices: [] })).toThrow());
});

describe("plan file validation", () => {
  const plan = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
    version: 1,
    mode: "live",
    steps,
    ...extra,
  });
  const disk = { tool: "partitionDisk", args: { disk: "/dev/sda" } };
  const errorsOf = (raw: unknown, f: Facts = facts) => {
    const r = validatePlan(raw, f);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.errors;
  };

  it("accepts a good plan and fills defaults and the target", () => {
    const r = validatePlan(
      plan([disk, { tool: "createUser", args: { username: "vince", sudo: true } }]),
      facts,
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.plan.target).toBe("/mnt");
      expect(r.plan.steps[0]).toEqual({
        tool: "partitionDisk",
        args: {
          disk: "/dev/sda",
          use: "whole",
          filesystem: "ext4",
          encrypt: false,
          separateHome: false,
        },
      });
    }
  });

  const broken: [string, unknown, string, RegExp, Facts?][] = [
    ["not an object", "plan", "(root)", /object/i],
    ["wrong version", plan([disk], { version: 2 }), "version", /1/],
    ["wrong mode", plan([disk], { mode: "rescue" }), "mode", /live|installed/],
    ["relative target", plan([disk], { target: "mnt" }), "target", /absolute path/],
    ["no steps", plan([]), "steps", /too small|>=1/i],
    ["unknown tool", plan([{ tool: "formatDisk", args: {} }]), "steps[0].tool", /unknown tool "formatDisk"/],
    ["step without tool", plan([{ args: {} }]), "steps[0].tool", /needs a "tool"/],
    [
      "wrong arg type",
      plan([{ tool: "partitionDisk", args: { disk: "/dev/sda", encrypt: "yes" } }]),
      "steps[0].args.encrypt",
      /boolean/,
    ],
    [
      "unknown arg",
      plan([{ tool: "partitionDisk", args: { disk: "/dev/sda", fs: "btrfs" } }]),
      "steps[0].args",
      /unknown field "fs"/,
    ],
    ["unknown top-level field", plan([disk], { dryRun: true }), "(root)", /unknown field "dryRun"/],
    [
      "bad size",
      plan([{ tool: "partitionDisk", args: { disk: "/dev/sda", swapSize: "8 gigs" } }]),
      "steps[0].args.swapSize",
      /binary unit/,
    ],
    [
      "unknown disk",
      plan([{ tool: "partitionDisk", args: { disk: "/dev/sdz" } }]),
      "steps[0].args.disk",
      /no disk \/dev\/sdz/,
    ],
    [
      "mounted disk",
      plan([{ tool: "partitionDisk", args: { disk: "/dev/sdb" } }]),
      "steps[0].args.disk",
      /is mounted/,
    ],
    [
      "live medium",
      plan([{ tool: "partitionDisk", args: { disk: "/dev/sdc" } }]),
      "steps[0].args.disk",
      /medium the live system runs from/,
    ],
    [
      "two disks",
      plan([disk, { tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }], {}),
      "steps[1].args.disk",
      /no disk|two disks/,
    ],
    [
      "tool not allowed in mode",
      plan([disk, { tool: "removeRecipe", args: { name: "fd" } }]),
      "steps[1].tool",
      /not available in live mode/,
    ],
    [
      "duplicate user",
      plan([
        disk,
        { tool: "createUser", args: { username: "vince" } },
        { tool: "createUser", args: { username: "vince" } },
      ]),
      "steps[2].args.username",
      /created twice/,
    ],
    [
      "existing user",
      plan([disk, { tool: "createUser", args: { username: "anna" } }]),
      "steps[1].args.username",
      /already exists/,
    ],
    [
      "bad hostname",
      plan([disk, { tool: "setHostname", args: { hostname: "my_host" } }]),
      "steps[1].args.hostname",
      /RFC 1123/,
    ],
    [
      "bad locale",
      plan([disk, { tool: "setLocale", args: { locale: "deutsch" } }]),
      "steps[1].args.locale",
      /de_DE.UTF-8/,
    ],
    [
      "unknown timezone",
      plan([disk, { tool: "setLocale", args: { timezone: "Europe/Atlantis" } }]),
      "steps[1].args.timezone",
      /unknown time zone/,
    ],
    [
      "unknown recipe",
      plan([disk, { tool: "installRecipe", args: { name: "photoshop" } }]),
      "steps[1].args.name",
      /no recipe named photoshop/,
    ],
    [
      "plaintext password",
      plan([disk, { tool: "createUser", args: { username: "v", passwordHash: "hunter2" } }]),
      "steps[1].args.passwordHash",
      /\$6\$/,
    ],
    [
      "mode mismatch",
      { version: 1, mode: "installed", steps: [{ tool: "installRecipe", args: { name: "fd" } }] },
      "mode",
      /installed mode but the machine is in live mode/,
    ],
    [
      "not installed",
      { version: 1, mode: "installed", steps: [{ tool: "removeRecipe", args: { name: "ripgrep" } }] },
      "steps[0].args.name",
      /ripgrep is not installed/,
      { ...facts, mode: "installed" },
    ],
  ];

  it.each(broken)("%s: error at the right path", (_name, raw, path, message, f) => {
    const errors = errorsOf(raw, f ?? facts);
    const hit = errors.find((e) => e.path === path);
    expect(hit, `errors: ${JSON.stringify(errors)}`).toBeDefined();
    expect(hit?.message).toMatch(message);
  });

  it("reports every error at once, and says nothing ran", () => {
    const errors = errorsOf(
      plan([
        { tool: "partitionDisk", args: { disk: "/dev/sdz" } },
        { tool: "installRecipe", args: { name: "photoshop" } },
      ]),
    );
    expect(errors).toHaveLength(2);
    const text = formatPlanErrors("plan.json", errors);
    expect(text).toMatch(/^plan.json: 2 errors, nothing was run:/);
    expect(text).toContain("hint: disks here: /dev/sda");
  });
});

describe("generated files", () => {
  it.each(generatedFiles().map((f) => [f.path, f.content]))(
    "%s is up to date (npm run gen)",
    (path, content) => {
      expect(readFileSync(path, "utf8")).toBe(content);
    },
  );
});
