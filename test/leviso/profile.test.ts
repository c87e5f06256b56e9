import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadProfile, ProfileError, parsePackagesTxt } from "../../leviso/profile.js";

const good = {
  iso: { name: "levitate", label: "LEVITATE_10", version: "10.0" },
  boot: { modes: ["bios", "uefi"] },
  live: { hostname: "levitate", locale: "en_US.UTF-8", user: { name: "live" } },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "leviso-profile-"));
  writeFileSync(join(dir, "packages.txt"), "# base\nkernel\nbash  # the shell\n\n");
  writeFileSync(join(dir, "profile.json"), JSON.stringify(good));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function withJson(value: unknown): () => unknown {
  return () => {
    writeFileSync(join(dir, "profile.json"), typeof value === "string" ? value : JSON.stringify(value));
    return loadProfile(dir);
  };
}

function expectProfileError(fn: () => unknown, field: RegExp | string, message?: RegExp) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ProfileError);
  const e = err as ProfileError;
  expect(e.message).toMatch(
    typeof field === "string" ? new RegExp(field.replace(/[.[\]"]/g, "\\$&")) : field,
  );
  if (message) expect(e.message).toMatch(message);
}

describe("loadProfile", () => {
  it("loads a valid profile with defaults filled in", () => {
    const p = loadProfile(dir);
    expect(p.packages).toEqual([
      { name: "kernel", line: 2 },
      { name: "bash", line: 3 },
    ]);
    expect(p.json.squashfs).toEqual({ compression: "xz", blockSize: "1M", options: ["-Xbcj", "x86"] });
    expect(p.json.boot.bios).toBe("grub");
    expect(p.json.live.user?.autologin).toBe(true);
    expect(p.json.rpm.dbpath).toBe("/usr/lib/sysimage/rpm");
    expect(p.json.live.user?.groups).toEqual([]);
    expect(p.json.installer).toMatchObject({ missingBase: "error", gpu: [] });
    expect(p.airootfs).toBeNull();
    expect(p.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names a bad live group, base-set policy or GPU build", () => {
    expectProfileError(
      withJson({ ...good, live: { ...good.live, user: { name: "live", groups: ["Bad Group"] } } }),
      "live.user.groups",
    );
    expectProfileError(withJson({ ...good, installer: { missingBase: "ignore" } }), "installer.missingBase");
    expectProfileError(withJson({ ...good, installer: { gpu: ["metal"] } }), "installer.gpu");
  });

  it("changes its fingerprint when airootfs changes", () => {
    const before = loadProfile(dir).fingerprint;
    mkdirSync(join(dir, "airootfs/etc"), { recursive: true });
    writeFileSync(join(dir, "airootfs/etc/motd"), "hi\n");
    expect(loadProfile(dir).fingerprint).not.toBe(before);
  });

  it("accepts the repository's own profile/", () => {
    expect(loadProfile(join(import.meta.dirname, "../../profile")).json.iso.name).toBe("levitateos");
  });

  it("accepts the Debian boot-test profile", () => {
    expect(loadProfile(join(import.meta.dirname, "profiles/debian")).json.boot.modes).toEqual([
      "bios",
      "uefi",
    ]);
  });
});

describe("profile errors name the field", () => {
  it.each([
    ["iso.label", { ...good, iso: { ...good.iso, label: "lower case" } }, /A-Z/],
    ["iso.label", { ...good, iso: { ...good.iso, label: "X".repeat(33) } }, /1-32/],
    ["iso.name", { ...good, iso: { ...good.iso, name: "Bad Name" } }, /lower case/],
    ["iso.version", { ...good, iso: { ...good.iso, version: "" } }, /version/],
    ["iso.publisher", { ...good, iso: { ...good.iso, publisher: "" } }, /.+/],
    ["iso", { ...good, iso: undefined }, /.+/],
    ["iso", { ...good, iso: { ...good.iso, lable: "X" } }, /unknown field "lable"/],
    ["boot.modes", { ...good, boot: { modes: [] } }, /at least one/],
    ["boot.modes", { ...good, boot: { modes: ["bios", "bios"] } }, /repeat/],
    ["boot.modes[0]", { ...good, boot: { modes: ["pxe"] } }, /.+/],
    ["boot.bios", { ...good, boot: { modes: ["bios"], bios: "lilo" } }, /.+/],
    ["boot.uefi", { ...good, boot: { modes: ["uefi"], uefi: "refind" } }, /.+/],
    ["boot.timeoutSeconds", { ...good, boot: { modes: ["bios"], timeoutSeconds: -1 } }, /.+/],
    [
      "boot.paths.grubBiosModules",
      { ...good, boot: { modes: ["bios"], paths: { grubBiosModules: "usr/lib" } } },
      /absolute/,
    ],
    ["squashfs.compression", { ...good, squashfs: { compression: "brotli" } }, /.+/],
    ["squashfs.blockSize", { ...good, squashfs: { blockSize: "3M" } }, /power of two/],
    ["squashfs.options[0]", { ...good, squashfs: { options: ["; rm -rf /"] } }, /.+/],
    ["live.hostname", { ...good, live: { ...good.live, hostname: "-bad-" } }, /RFC 1123/],
    [
      "live.hostname",
      { ...good, live: { ...good.live, hostname: `${"a".repeat(60)}.abcd` } },
      /64 characters/,
    ],
    ["live.locale", { ...good, live: { ...good.live, locale: "english" } }, /locale/],
    ["live.timezone", { ...good, live: { ...good.live, timezone: "Europe/../etc" } }, /IANA/],
    ["live.keymap", { ...good, live: { ...good.live, keymap: "DE DE" } }, /.+/],
    ["live.user.name", { ...good, live: { ...good.live, user: { name: "Root!" } } }, /a-z/],
    [
      "live.user.shell",
      { ...good, live: { ...good.live, user: { name: "live", shell: "bash" } } },
      /absolute/,
    ],
    ["installer.embed", { ...good, installer: { embed: "yes" } }, /.+/],
    ["rpm.arches", { ...good, rpm: { arches: [] } }, /.+/],
    ["version", { ...good, version: 2 }, /.+/],
    [
      'permissions["/etc/shadow"].mode',
      { ...good, permissions: { "/etc/shadow": { mode: "999" } } },
      /octal/,
    ],
    ["permissions", { ...good, permissions: { "etc/shadow": { mode: "0400" } } }, /absolute/],
  ])("%s", (field, json, message) => {
    expectProfileError(withJson(json), field, message);
  });

  it("invalid JSON", () => expectProfileError(withJson("{ iso: "), "profile.json", /not valid JSON/));

  it("a permissions entry for a file that airootfs/ lacks", () => {
    expectProfileError(
      withJson({ ...good, permissions: { "/etc/shadow": { mode: "0400" } } }),
      'permissions["/etc/shadow"]',
      /does not exist/,
    );
  });

  it("a model file that does not exist", () => {
    expectProfileError(
      withJson({ ...good, installer: { model: "nope.gguf" } }),
      "installer.model",
      /not a file/,
    );
  });

  it("a model with embed false", () => {
    writeFileSync(join(dir, "m.gguf"), "GGUF");
    expectProfileError(
      withJson({ ...good, installer: { embed: false, model: "m.gguf" } }),
      "installer.embed",
    );
  });

  it("a missing profile directory, profile.json or packages.txt", () => {
    expectProfileError(() => loadProfile(join(dir, "nope")), "does not exist");
    rmSync(join(dir, "packages.txt"));
    expectProfileError(() => loadProfile(dir), "packages.txt is missing");
    rmSync(join(dir, "profile.json"));
    expectProfileError(() => loadProfile(dir), "profile.json is missing");
  });

  it("an empty packages.txt", () => {
    writeFileSync(join(dir, "packages.txt"), "# nothing\n");
    expectProfileError(() => loadProfile(dir), "lists no packages");
  });
});

describe("packages.txt", () => {
  it("names the line of a duplicate", () => {
    expect(() => parsePackagesTxt("a\nb\na\n")).toThrow(
      /packages.txt:3: "a" is listed twice \(first on line 1\)/,
    );
  });
  it("rejects two names on one line", () => {
    expect(() => parsePackagesTxt("a b\n")).toThrow(/packages.txt:1/);
  });
  it("reads `?name` as an optional package", () => {
    expect(parsePackagesTxt("kernel\n?btrfs-progs  # RHEL 10 has none\n? mtools\n")).toEqual([
      { name: "kernel", line: 1 },
      { name: "btrfs-progs", line: 2, optional: true },
      { name: "mtools", line: 3, optional: true },
    ]);
    expect(() => parsePackagesTxt("kernel\n?\n")).toThrow(/packages.txt:2: "\?" is not a package name/);
    expect(() => parsePackagesTxt("??x\n")).toThrow(/packages.txt:1/);
    expect(() => parsePackagesTxt("x\n?x\n")).toThrow(/"x" is listed twice/);
  });
  it("keeps file and capability names", () => {
    expect(parsePackagesTxt("/usr/bin/vi\nperl(Foo::Bar)\n").map((p) => p.name)).toEqual([
      "/usr/bin/vi",
      "perl(Foo::Bar)",
    ]);
  });
});
