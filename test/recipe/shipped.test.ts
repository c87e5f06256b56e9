import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXTRA_BOOTLOADER_RECIPES } from "../../leviso/disk/bootloader.js";
import { listRecipes, planInstall } from "../../recipe/api.js";
import { readBaseList, SHIPPED_RECIPES, scanRecipes } from "../../recipe/store.js";
import { runCli } from "../helpers/cli.js";

const root = mkdtempSync(join(tmpdir(), "shipped-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const opts = {
  root,
  recipeDirs: [SHIPPED_RECIPES],
  cacheDir: join(root, "cache"),
  mirrors: [],
  onPrint: () => {},
};

describe("the shipped recipes", () => {
  const all = listRecipes([SHIPPED_RECIPES], root);
  const base = [
    ...new Set([
      ...readBaseList([SHIPPED_RECIPES], "uefi").names,
      ...readBaseList([SHIPPED_RECIPES], "bios").names,
      // Boot loaders a plan may choose instead of the default (systemd-boot-unsigned).
      ...Object.values(EXTRA_BOOTLOADER_RECIPES).flat(),
    ]),
  ];
  const tools = all.filter((r) => !base.includes(r.name));

  it("has at least 15 tools with pinned versions plus a base set, all loading", () => {
    expect(tools.length).toBeGreaterThanOrEqual(15);
    for (const t of tools) expect(t.version).toMatch(/^\d+\.\d+(\.\d+)?$/);
    expect(base).toEqual(
      expect.arrayContaining(["glibc", "bash", "coreutils", "systemd", "filesystem", "rpm"]),
    );
    for (const b of base) expect(scanRecipes([SHIPPED_RECIPES]).has(b)).toBe(true);
  });

  it("base set: a bootable Rocky 10 system, with each firmware's boot loader only in its list", () => {
    const common = readBaseList([SHIPPED_RECIPES]).names;
    // Booting, logging in, the installer's user/sudo/locale steps, a network.
    for (const n of ["kernel", "dracut", "systemd", "shadow-utils", "passwd", "sudo", "kbd", "tzdata"])
      expect(common).toContain(n);
    expect(common).toContain("networkmanager");
    expect(common.some((n) => n.startsWith("glibc-") && n.includes("langpack"))).toBe(true);
    const uefi = readBaseList([SHIPPED_RECIPES], "uefi").names.filter((n) => !common.includes(n));
    const bios = readBaseList([SHIPPED_RECIPES], "bios").names.filter((n) => !common.includes(n));
    // UEFI: Rocky's shim → GRUB chain (boots with Secure Boot on); systemd-boot only when a plan asks.
    expect(uefi).toEqual(expect.arrayContaining(["shim-x64", "grub2-efi-x64", "grub2-tools", "efibootmgr"]));
    expect(bios).toEqual(expect.arrayContaining(["grub2-pc", "grub2-pc-modules", "grub2-tools"]));
    expect(uefi.filter((n) => n.startsWith("grub2-pc"))).toEqual([]);
    expect(uefi).not.toContain("systemd-boot-unsigned");
    expect(bios).not.toContain("shim-x64");
    // Each recipe fetches the RPM of the list's own (case-preserving) name.
    expect(readFileSync(join(SHIPPED_RECIPES, "networkmanager.rhai"), "utf8")).toContain(
      'download("rpm:NetworkManager")',
    );
  });

  for (const name of [
    "ripgrep",
    "fd",
    "bat",
    "eza",
    "fzf",
    "zoxide",
    "jq",
    "helix",
    "lazygit",
    "starship",
    "btop",
    "yq",
    "delta",
    "hyperfine",
    "dust",
  ]) {
    it(`${name}: dry-run downloads its pinned upstream release for x86_64 and installs into /usr/local`, async () => {
      const plan = await planInstall([name], { ...opts, arch: "x86_64" });
      const dl = plan.actions.find((a) => a.kind === "download");
      const version = tools.find((t) => t.name === name)!.version;
      expect(dl?.kind === "download" && dl.url).toMatch(
        new RegExp(`^https://github\\.com/.+/(?:v|jq-)?${version.replace(/\./g, "\\.")}/`),
      );
      const source = readFileSync(join(SHIPPED_RECIPES, `${name}.rhai`), "utf8");
      // A recipe either carries a checksum for x86_64 or says in a comment that it is unverified.
      if (dl?.kind === "download" && !dl.checksum) expect(source).toMatch(/not verified/);
      expect(
        plan.actions.some((a) => a.kind === "install-file" && a.to.startsWith(join(root, "usr/local"))),
      ).toBe(true);
      expect(plan.actions.at(-1)?.kind).toBe("write-state");
    });
  }
});

describe("the recipe CLI", () => {
  const cli = (...args: string[]) => runCli("recipe", args);

  it("lists, searches, and dry-runs with --json; bad input exits 2 with the fix", () => {
    const list = cli("list", "--root", root, "--recipes", SHIPPED_RECIPES, "--json");
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((r) => r.name)).toContain("ripgrep");
    const dry = cli(
      "install",
      "ripgrep",
      "--root",
      root,
      "--recipes",
      SHIPPED_RECIPES,
      "--dry-run",
      "--json",
      "--cache",
      join(root, "cache"),
    );
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).actions[0].url).toContain("ripgrep-14.1.1");
    const bad = cli("install", "Rip Grep", "--root", root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad recipe name "Rip Grep".*lowercase/);
    const noRoot = cli("list", "--root", join(root, "nope"));
    expect(noRoot.status).toBe(2);
    expect(noRoot.stderr).toMatch(/no such directory/);
    const missing = cli("install", "no-such-tool", "--root", root, "--recipes", SHIPPED_RECIPES, "--dry-run");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no recipe for "no-such-tool"');
  }, 60_000);
});
