/**
 * The live ISO must be able to run every program an install runs. Compiles plans for every
 * variant the tools allow, collects each program a step runs (argv[0], its alternatives, writeFile
 * checks, the executor's own helpers), maps each to the Rocky 10 package that ships it, and checks
 * profile/packages.txt names that package. A new program in a plan fails here until it is mapped.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../cli/common.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { type PackageLine, parsePackagesTxt } from "../../leviso/profile.js";
import { GiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { compilePlan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";

/** Program → the Rocky 10 package that ships it (names as in RHEL 10; see docs/installer.md). */
const ROCKY_PACKAGE_OF: Record<string, string> = {
  wipefs: "util-linux",
  sfdisk: "util-linux",
  partx: "util-linux",
  mount: "util-linux",
  umount: "util-linux",
  mkswap: "util-linux",
  blkid: "util-linux",
  lsblk: "util-linux",
  mdir: "mtools",
  "mkfs.ext4": "e2fsprogs",
  "mkfs.xfs": "xfsprogs",
  "mkfs.btrfs": "btrfs-progs",
  btrfs: "btrfs-progs",
  "mkfs.vfat": "dosfstools",
  cryptsetup: "cryptsetup",
  rm: "coreutils",
  chroot: "coreutils",
  cp: "coreutils",
  mcopy: "mtools",
  efibootmgr: "efibootmgr",
  "grub2-install": "grub2-tools",
  groupadd: "shadow-utils",
  useradd: "shadow-utils",
  chpasswd: "shadow-utils",
  openssl: "openssl",
  visudo: "sudo",
  // the ESP room check (leviso/disk/espRoom.ts) is a script: sh is bash on Rocky; its stat, tr and sed
  // come with coreutils and sed (dracut needs both), mdir and minfo with mtools
  sh: "bash",
};
/** Files a program needs from another package (grub2-install --target=i386-pc: the i386-pc modules). */
const ALSO_NEEDS: Record<string, string[]> = { "grub2-install": ["grub2-pc-modules"] };
/** Debian names the installer falls back to; the live ISO (Rocky) has the first name. */
const DEBIAN_ONLY = new Set(["grub-install"]);
/** Not RPMs: shipped by leviso's installer stage (profile.json installer.embed). */
const EMBEDDED = new Set(["recipe"]);
/** Run by the executor itself, not by a step: `{{uuid:…}}` placeholders; the re-check before writing (lsblk, sfdisk, mdir). */
const EXECUTOR_PROGRAMS = ["blkid", "lsblk", "sfdisk", "mdir"];

function facts(firmware: "uefi" | "bios"): Facts {
  return FactsSchema.parse({
    mode: "live",
    firmware,
    disks: [{ path: "/dev/sda", sizeBytes: 500 * GiB }],
    users: ["root"],
    recipes: ["ripgrep", "fd"],
    installed: [],
  });
}

function variants(): { name: string; calls: ToolCall[]; firmware: "uefi" | "bios" }[] {
  const out: { name: string; calls: ToolCall[]; firmware: "uefi" | "bios" }[] = [];
  for (const firmware of ["uefi", "bios"] as const)
    for (const filesystem of ["ext4", "btrfs", "xfs"])
      for (const encrypt of [false, true])
        for (const separateHome of [false, true])
          for (const swapSize of [undefined, "2G"]) {
            const calls = [
              {
                tool: "partitionDisk",
                args: {
                  disk: "/dev/sda",
                  filesystem,
                  encrypt,
                  separateHome,
                  efiSize: "1G",
                  ...(swapSize ? { swapSize } : {}),
                },
              },
              // No passwordHash: the password is asked and hashed when the plan runs.
              { tool: "createUser", args: { username: "vince", sudo: true, shell: "/bin/bash", groups: [] } },
              { tool: "setLocale", args: { locale: "en_US.UTF-8", keymap: "us", timezone: "UTC" } },
              { tool: "setHostname", args: { hostname: "atlas" } },
              { tool: "installRecipe", args: { name: "ripgrep" } },
            ] as ToolCall[];
            out.push({
              name: `${firmware} ${filesystem}${encrypt ? " encrypted" : ""}${separateHome ? " +home" : ""}${swapSize ? " +swap" : ""}`,
              calls,
              firmware,
            });
          }
  return out;
}

function programsOf(steps: Step[]): string[] {
  return steps.flatMap((s) => {
    const a = s.action;
    if (a.kind === "run") return [a.argv[0] as string, ...(a.alternatives ?? [])];
    if (a.kind === "writeFile" && a.check) return [a.check[0] as string];
    if (a.kind === "recipe") return ["recipe"];
    return [];
  });
}

function packagesTxt(): PackageLine[] {
  return parsePackagesTxt(readFileSync(join(packageRoot, "profile/packages.txt"), "utf8"));
}

/**
 * Packages packages.txt may mark optional (`?name`: installed when the sources have it). Rocky 10's
 * kernel has no btrfs and its repositories may have no btrfs-progs; the installer then refuses
 * btrfs (facts.filesystems), so the ISO works without it.
 */
const MAY_BE_OPTIONAL = new Set(["btrfs-progs"]);

describe("the live ISO has every program the installer runs", () => {
  const all = new Set<string>(EXECUTOR_PROGRAMS);
  for (const v of variants()) {
    const r = compilePlan(v.calls, facts(v.firmware), { target: "/mnt" });
    if (!r.ok) throw new Error(`${v.name}: ${JSON.stringify(r.errors)}`);
    for (const p of programsOf(r.plan.steps)) all.add(p);
  }

  it("the variants reach every kind of step (so the list below is complete)", () => {
    for (const p of [
      "wipefs",
      "sfdisk",
      "partx",
      "cryptsetup",
      "mkfs.ext4",
      "mkfs.btrfs",
      "mkfs.xfs",
      "mkfs.vfat",
      "mkswap",
      "btrfs",
      "mount",
      "mcopy",
      "grub2-install",
      "grub-install",
      "openssl",
      "chpasswd",
      "visudo",
      "recipe",
    ])
      expect(all).toContain(p);
  });

  it("maps every program to a Rocky 10 package", () => {
    const unmapped = [...all].filter((p) => !ROCKY_PACKAGE_OF[p] && !DEBIAN_ONLY.has(p) && !EMBEDDED.has(p));
    expect(unmapped, "add these to ROCKY_PACKAGE_OF (program → Rocky 10 package)").toEqual([]);
  });

  it("profile/packages.txt names each of those packages", () => {
    const lines = packagesTxt();
    const required = new Set(lines.filter((l) => !l.optional).map((l) => l.name));
    const optional = new Set(lines.filter((l) => l.optional).map((l) => l.name));
    const needed = new Set(
      [...all].flatMap((p) => (ROCKY_PACKAGE_OF[p] ? [ROCKY_PACKAGE_OF[p], ...(ALSO_NEEDS[p] ?? [])] : [])),
    );
    const missing = [...needed]
      .filter((n) => !required.has(n) && !(optional.has(n) && MAY_BE_OPTIONAL.has(n)))
      .sort();
    expect(missing, "add these to profile/packages.txt (without `?`)").toEqual([]);
  });

  it("marks btrfs-progs optional: Rocky 10 may not ship it", () => {
    expect(packagesTxt().find((l) => l.name === "btrfs-progs")).toMatchObject({ optional: true });
  });

  it("the embedded installer provides `recipe`", () => {
    const json = JSON.parse(readFileSync(join(packageRoot, "profile/profile.json"), "utf8"));
    expect(json.installer?.embed ?? true).toBe(true);
  });
});
