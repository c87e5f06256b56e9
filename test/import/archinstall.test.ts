import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { importArchinstall, isArchinstallConfig, readSiblingCreds } from "../../tools/import/archinstall.js";
import { validatePlan } from "../../tools/planFile.js";

const OURS = join(import.meta.dirname, "../fixtures/archinstall");
const SHARED = join(import.meta.dirname, "../../../shared/fixtures/archinstall");
const json = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

const facts = FactsSchema.parse({
  mode: "live",
  disks: [
    { path: "/dev/sda", sizeBytes: 500107862016, transport: "sata" },
    { path: "/dev/sdb", sizeBytes: 1000204886016, transport: "sata" },
    { path: "/dev/nvme0n1", sizeBytes: 1024209543168, transport: "nvme" },
    {
      path: "/dev/sdc",
      sizeBytes: 30752000000,
      transport: "usb",
      removable: true,
      mounted: true,
      liveMedium: true,
    },
  ],
  // The desktop fixture's de_DE locale needs its language pack in the repository (attacker 7 M4).
  recipes: ["ripgrep", "fd", "bat", "delta", "jq", "neovim", "glibc-langpack-de"],
});

describe("archinstall importer: our 3.x fixture (desktop)", () => {
  const configPath = join(OURS, "desktop/user_configuration.json");
  const config = json(configPath);
  const creds = readSiblingCreds(configPath);
  const { plan, notCarried } = importArchinstall(config, creds, facts);

  it("carries disk, locale, hostname, users and recipe packages into a valid plan", () => {
    expect(plan.steps).toEqual([
      {
        tool: "partitionDisk",
        args: { disk: "/dev/nvme0n1", filesystem: "btrfs", efiSize: "1G", encrypt: true },
      },
      { tool: "setLocale", args: { locale: "de_DE.UTF-8", keymap: "de", timezone: "Europe/Berlin" } },
      { tool: "setHostname", args: { hostname: "werkbank" } },
      {
        tool: "createUser",
        args: {
          username: "vince",
          sudo: true,
          groups: ["docker"],
          passwordHash:
            "$6$Xk2PqTn8$9TwAPn.J/2NcGAeCu8Le4QtOgGJcJc2FvxzyxnkgRl6Oa9IkU97wZV.CC.tNHB8WpG57UG1wCYRyuuu7aVmz8/",
        },
      },
      { tool: "createUser", args: { username: "anna", sudo: false } },
      { tool: "installRecipe", args: { name: "ripgrep" } },
      { tool: "installRecipe", args: { name: "delta" } },
      { tool: "installRecipe", args: { name: "fd" } },
      { tool: "installRecipe", args: { name: "neovim" } },
    ]);
    const v = validatePlan(plan, facts);
    expect(v.ok, JSON.stringify(v)).toBe(true);
  });

  it("says what did not carry over, by name", () => {
    expect(notCarried).toEqual(
      expect.arrayContaining([
        "password of anna: not carried over, will be asked at install",
        "disk encryption password: not carried over, asked at install",
        expect.stringMatching(/^root password: not carried over/),
        expect.stringMatching(/^btrfs subvolumes @, @home, @log, @pkg/),
        "packages with no recipe: firefox",
        expect.stringMatching(/^swap on zram/),
        expect.stringMatching(/^profile_config: /),
        expect.stringMatching(/^bootloader_config: /),
        expect.stringMatching(/^kernels: /),
        expect.stringMatching(/^network_config: /),
      ]),
    );
    expect(notCarried.some((l) => l.startsWith("archinstall-language") || l.startsWith("version"))).toBe(
      false,
    );
  });

  it("never copies a clear-text password, into the plan or the messages", () => {
    const out = JSON.stringify({ plan, notCarried });
    expect(out).not.toContain("clear-user-secret-4412");
    expect(out).not.toContain("clear-disk-secret-7731");
    expect(out).not.toContain("placeholderRootHash");
  });
});

describe("archinstall importer: our 2.x fixture (legacy)", () => {
  const config = json(join(OURS, "legacy/user_configuration.json"));
  const { plan, notCarried } = importArchinstall(config, undefined, facts);

  it("reads the old top-level keys and credentials kept inside the config", () => {
    expect(plan.steps).toContainEqual({
      tool: "setLocale",
      args: { locale: "en_US.UTF-8", keymap: "us", timezone: "America/Chicago" },
    });
    expect(plan.steps).toContainEqual({ tool: "createUser", args: { username: "admin", sudo: true } });
    expect(plan.steps).toContainEqual({ tool: "createUser", args: { username: "guest", sudo: false } });
    expect(plan.steps).toContainEqual({ tool: "installRecipe", args: { name: "jq" } });
  });

  it("erases only the disk archinstall wiped, with its swap and ESP sizes; f2fs falls back to ext4 and says so", () => {
    const disks = plan.steps.filter((s) => s.tool === "partitionDisk");
    expect(disks).toEqual([
      { tool: "partitionDisk", args: { disk: "/dev/sda", efiSize: "512M", swapSize: "8G" } },
    ]);
    expect(notCarried).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^disk \/dev\/sdb: archinstall keeps its existing partitions \(wipe: false\)/),
        expect.stringMatching(/^filesystem f2fs for \/: .* the plan uses ext4/),
        "partition /srv (ext4): not part of LevitateOS's layout",
        'hostname "old box": not a valid hostname (RFC 1123)',
        "packages with no recipe: htop",
        expect.stringMatching(/^custom-commands: arbitrary commands are never run/),
      ]),
    );
  });

  it("never copies the clear-text passwords kept in an old config", () => {
    const out = JSON.stringify({ plan, notCarried });
    for (const secret of ["clear-legacy-secret-9005", "clear-legacy-secret-9006", "clear-legacy-root-9007"])
      expect(out).not.toContain(secret);
    expect(notCarried).toContain("password of admin: not carried over, will be asked at install");
  });
});

describe("isArchinstallConfig", () => {
  it("tells archinstall's file from our plan file", () => {
    expect(isArchinstallConfig(json(join(OURS, "desktop/user_configuration.json")))).toBe(true);
    expect(isArchinstallConfig(json(join(OURS, "legacy/user_configuration.json")))).toBe(true);
    expect(isArchinstallConfig({ version: 1, mode: "live", steps: [] })).toBe(false);
    expect(isArchinstallConfig([])).toBe(false);
    expect(isArchinstallConfig(null)).toBe(false);
  });
});

const sharedWhy = existsSync(SHARED) ? null : `${SHARED} is absent (a clone without ../shared)`;
describe.skipIf(sharedWhy !== null)(
  `archinstall importer: archinstall's own sample files${sharedWhy ? ` (skipped: ${sharedWhy})` : ""}`,
  () => {
    it("examples/config-sample.json + creds-sample.json", () => {
      const config = json(join(SHARED, "config-sample.json"));
      expect(isArchinstallConfig(config)).toBe(true);
      const { plan, notCarried } = importArchinstall(config, json(join(SHARED, "creds-sample.json")), facts);
      expect(plan.steps).toEqual([
        {
          tool: "partitionDisk",
          args: { disk: "/dev/sda", filesystem: "ext4", efiSize: "512M", separateHome: true },
        },
        { tool: "setLocale", args: { locale: "en_US.UTF-8", keymap: "us", timezone: "UTC" } },
        { tool: "setHostname", args: { hostname: "archlinux" } },
        // "password_hash" is a placeholder, not a crypt hash: asked at install
        { tool: "createUser", args: { username: "archinstall", sudo: true } },
      ]);
      expect(notCarried).toContain("password of archinstall: not carried over, will be asked at install");
      expect(notCarried).toEqual(
        expect.arrayContaining([expect.stringMatching(/^partition sizes \(\/ 20 GiB, \/home 10 GiB\)/)]),
      );
      expect(validatePlan(plan, facts).ok).toBe(true);
    });

    it("tests/data/test_config.json + test_creds.json", () => {
      const { plan, notCarried } = importArchinstall(
        json(join(SHARED, "test_config.json")),
        json(join(SHARED, "test_creds.json")),
        facts,
      );
      expect(plan.steps.map((s) => s.tool)).toEqual([
        "partitionDisk",
        "setLocale",
        "setHostname",
        "createUser",
      ]);
      expect(plan.steps[3]).toEqual({ tool: "createUser", args: { username: "user_name", sudo: true } });
      expect(notCarried).toEqual(
        expect.arrayContaining([
          "packages with no recipe: firefox",
          expect.stringMatching(/^custom_commands: /),
          expect.stringMatching(/^services: /),
          expect.stringMatching(/^app_config: /),
        ]),
      );
      expect(validatePlan(plan, facts).ok).toBe(true);
    });
  },
);

describe("loadPlanInput: levitate install --plan takes an archinstall configuration", () => {
  it("converts, validates and compiles it, with what did not carry over", async () => {
    const { loadPlanInput, formatNotCarried } = await import("../../tools/import/planInput.js");
    const path = join(OURS, "desktop/user_configuration.json");
    const r = loadPlanInput(path, facts);
    expect(r.compiled.ok, JSON.stringify(r.compiled)).toBe(true);
    expect(r.archinstall?.notCarried).toContain(
      "password of anna: not carried over, will be asked at install",
    );
    const text = formatNotCarried(path, r.archinstall!.notCarried);
    expect(text).toContain("  - packages with no recipe: firefox");
    expect(text).not.toContain("clear-user-secret-4412");
  });

  it("a broken user_credentials.json is reported without quoting any of it (it holds clear-text passwords)", async () => {
    const { loadPlanInput } = await import("../../tools/import/planInput.js");
    const { copyFileSync, mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "levitate-creds-"));
    copyFileSync(join(OURS, "desktop/user_configuration.json"), join(dir, "user_configuration.json"));
    // JSON.parse quotes the text around a syntax error in its message.
    writeFileSync(
      join(dir, "user_credentials.json"),
      '{"!root-password": root-secret-9931, "users": [{"username": "anna", "!password": "x"}]}',
    );
    const r = loadPlanInput(join(dir, "user_configuration.json"), facts);
    expect(r.compiled.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).toContain("user_credentials.json");
    expect(text).not.toContain("root-sec");
  });

  it("reports a disk this machine lacks the way a plan file does, and leaves our plan files alone", async () => {
    const { loadPlanInput } = await import("../../tools/import/planInput.js");
    const noNvme = FactsSchema.parse({
      ...facts,
      disks: facts.disks.filter((d) => d.path !== "/dev/nvme0n1"),
    });
    const r = loadPlanInput(join(OURS, "desktop/user_configuration.json"), noNvme);
    expect(r.compiled.ok).toBe(false);
    if (!r.compiled.ok)
      expect(r.compiled.errors[0]).toMatchObject({
        path: "steps[0].args.disk",
        message: "no disk /dev/nvme0n1 on this machine",
      });
    const plan = join(import.meta.dirname, "../../eval/data/dev.jsonl"); // not JSON: falls through to loadPlanFile
    expect(loadPlanInput(plan, facts).archinstall).toBeUndefined();
  });
});

describe("archinstall importer: / on a disk archinstall keeps (attacker 28 M9)", () => {
  const config = {
    disk_config: {
      config_type: "default_layout",
      device_modifications: [
        {
          device: "/dev/sda",
          wipe: false,
          partitions: [
            {
              status: "create",
              type: "primary",
              fs_type: "fat32",
              mountpoint: "/boot",
              size: { unit: "MiB", value: 1024 },
            },
            {
              status: "create",
              type: "primary",
              fs_type: "ext4",
              mountpoint: "/",
              size: { unit: "GiB", value: 100 },
            },
          ],
        },
        { device: "/dev/nvme0n1", wipe: true, partitions: [] },
      ],
    },
    hostname: "archy",
  };
  const { plan, notCarried } = importArchinstall(config, undefined, facts);

  it("makes no disk step: the system never moves to the other, wiped disk", () => {
    expect(plan.steps.some((s) => s.tool === "partitionDisk")).toBe(false);
    expect(notCarried).toContainEqual(
      expect.stringMatching(/^disk: \/ is on \/dev\/sda, which archinstall keeps/),
    );
  });

  it("/ on the wiped disk still erases that disk", () => {
    const moved = structuredClone(config);
    const [sda, nvme] = moved.disk_config.device_modifications;
    nvme!.partitions = sda!.partitions;
    sda!.partitions = [];
    const out = importArchinstall(moved, undefined, facts);
    expect(out.plan.steps).toContainEqual(
      expect.objectContaining({
        tool: "partitionDisk",
        args: expect.objectContaining({ disk: "/dev/nvme0n1" }),
      }),
    );
  });
});
