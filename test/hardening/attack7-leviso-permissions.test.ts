import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { grubConfig } from "../../leviso/image/loaders.js";
import { loadProfile, ProfileError, parseProfileJson } from "../../leviso/profile.js";
import { applyOverlay } from "../../leviso/root/overlay.js";

/**
 * Attacker 7 H1: a shared profile's `permissions` keys, with `..` or through a directory link in
 * airootfs/, made the build (run as root) chown and chmod files of the build host.
 */

const base = {
  iso: { name: "levitate", label: "LEVITATE_10", version: "10.0" },
  boot: { modes: ["bios", "uefi"] },
  live: { hostname: "levitate", locale: "en_US.UTF-8", user: { name: "live" } },
};

let dir: string;
let victim: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "attack7-perm-"));
  victim = join(dir, "victim");
  mkdirSync(victim);
  for (const f of ["shadow", "other"]) {
    writeFileSync(join(victim, f), "s\n");
    chmodSync(join(victim, f), 0o600);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (p: string) => statSync(p).mode & 0o7777;

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error("the profile was accepted");
}

describe("profile paths stay inside the live root", () => {
  it("refuses permissions keys and other root paths with . or .. parts", () => {
    const msg = problemsOf(() =>
      parseProfileJson({
        ...base,
        boot: { modes: ["bios"], paths: { grubBiosModules: "/usr/../../etc" } },
        rpm: { dbpath: "/../var/lib/rpm" },
        permissions: { "/../../../../tmp/victim/other": { mode: "0777" }, "/./etc/x": { mode: "0644" } },
      }),
    );
    expect(msg).toMatch(/boot\.paths\.grubBiosModules: must not hold "\." or "\.\." parts/);
    expect(msg).toMatch(/rpm\.dbpath: must not hold/);
    expect(msg).toMatch(/permissions.*\.\.\/tmp\/victim\/other.*must not hold/);
    expect(msg).toMatch(/permissions.*\/\.\/etc\/x.*must not hold/);
  });

  it("refuses a newline in the shell and GRUB script in the kernel command line", () => {
    const msg = problemsOf(() =>
      parseProfileJson({
        ...base,
        boot: { modes: ["bios"], cmdline: "quiet\n}\nmenuentry 'pwn' {\n linux /x init=/bin/sh" },
        live: { ...base.live, user: { name: "live", shell: "/bin/bash\nroot::0:0::/:/bin/sh" } },
      }),
    );
    expect(msg).toMatch(/boot\.cmdline: must be one line/);
    expect(msg).toMatch(/live\.user\.shell: must not hold control characters/);
    for (const cmdline of ["quiet; reboot", "a=$(x)", "x{y}"]) {
      expect(problemsOf(() => parseProfileJson({ ...base, boot: { modes: ["bios"], cmdline } }))).toMatch(
        /boot\.cmdline: must be plain kernel arguments/,
      );
    }
    const ok = parseProfileJson({
      ...base,
      boot: { modes: ["bios"], cmdline: "console=ttyS0,115200n8 rd.live.overlay.overlayfs=1 quiet" },
    });
    expect(grubConfig(ok)).toContain("console=ttyS0,115200n8 rd.live.overlay.overlayfs=1 quiet");
  });

  it("refuses a permissions key that goes through a directory link in airootfs/", () => {
    const prof = join(dir, "prof");
    mkdirSync(join(prof, "airootfs", "etc"), { recursive: true });
    writeFileSync(join(prof, "airootfs", "etc", "motd"), "hi\n");
    symlinkSync(victim, join(prof, "airootfs", "hostlink"));
    writeFileSync(join(prof, "packages.txt"), "kernel\n");
    writeFileSync(
      join(prof, "profile.json"),
      JSON.stringify({
        ...base,
        permissions: { "/hostlink/shadow": { mode: "0666" }, "/etc/motd": { mode: "0644" } },
      }),
    );
    const msg = problemsOf(() => loadProfile(prof));
    expect(msg).toMatch(/permissions\["\/hostlink\/shadow"\]: airootfs\/hostlink is a symbolic link/);
    expect(msg).not.toMatch(/etc\/motd/);
  });
});

describe("applyOverlay", () => {
  it("never changes a host file through a link or ..", async () => {
    const air = join(dir, "air");
    const root = join(dir, "root");
    mkdirSync(join(air, "etc"), { recursive: true });
    mkdirSync(root);
    writeFileSync(join(air, "etc", "motd"), "hi\n");
    symlinkSync(victim, join(air, "hostlink"));
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    await expect(applyOverlay(air, root, { "/hostlink/shadow": { mode: 0o666, uid, gid } })).rejects.toThrow(
      /missing after the overlay/,
    );
    await expect(
      applyOverlay(air, root, { "/../../victim/other": { mode: 0o777, uid, gid } }),
    ).rejects.toThrow(/leaves the root/);
    expect(modeOf(join(victim, "shadow"))).toBe(0o600);
    expect(modeOf(join(victim, "other"))).toBe(0o600);
    expect(readFileSync(join(victim, "shadow"), "utf8")).toBe("s\n");

    // A rule for a file of airootfs/ still applies.
    await applyOverlay(air, root, { "/etc/motd": { mode: 0o640, uid, gid } });
    expect(modeOf(join(root, "etc", "motd"))).toBe(0o640);
  });
});
