import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveLanguagePacks, writeLanguageRecipes } from "../../leviso/live/language-packs.js";
import { loadProfile } from "../../leviso/profile.js";
import type { RpmPackage } from "../../leviso/rpm/types.js";
import { langpackFor } from "../../tools/langpack.js";

/**
 * profile.json `installer.languages`: which glibc language packs the ISO's repository carries
 * (with recipes, outside base.list). The build test (test/leviso/installer.test.ts) checks the
 * repository, the recipes and an offline install; here the profile's validation and the
 * resolution's edge cases, without RPM files.
 */

const rpm = (name: string, requires: string[] = [], arch = "x86_64"): RpmPackage => ({
  name,
  evr: { epoch: 0, version: "1.0", release: "1.el10" },
  arch,
  provides: [{ name }],
  requires: requires.map((r) => ({ name: r })),
  files: [],
  location: `/repo/${name}.rpm`,
  repo: "/repo",
});
const base = [rpm("glibc-common"), rpm("glibc", ["glibc-common"])];
const universe = [
  ...base,
  rpm("glibc-langpack-de", ["glibc-common"]),
  rpm("glibc-langpack-pt", ["glibc", "pt-extra"]),
  rpm("pt-extra", ["glibc"]),
  rpm("glibc-langpack-it", ["no-such-thing"]),
  rpm("glibc-langpack-nl", [], "aarch64"),
];
const opts = { arches: ["x86_64", "noarch"] };

describe("resolveLanguagePacks", () => {
  it("carries each pack and what it needs beyond the base set, never the base set twice", () => {
    const r = resolveLanguagePacks(["de", "pt"], universe, base, opts);
    expect(r.problems).toEqual([]);
    expect(r.languages).toEqual(["de", "pt"]);
    expect(r.packages.map((p) => p.name).sort()).toEqual([
      "glibc-langpack-de",
      "glibc-langpack-pt",
      "pt-extra",
    ]);
    expect(r.deps).toEqual({ "glibc-langpack-de": [], "glibc-langpack-pt": ["pt-extra"] });
  });

  it("names a language no source has (another arch does not count) and one whose needs are missing", () => {
    const r = resolveLanguagePacks(["sv", "nl", "it", "de"], universe, base, opts);
    expect(r.languages).toEqual(["it", "de"]);
    expect(r.problems[0]).toMatch(
      /language "sv": no package glibc-langpack-sv in the sources .*--source.*installer\.languages/,
    );
    expect(r.problems[1]).toMatch(/language "nl": no package glibc-langpack-nl/);
    expect(r.problems[2]).toMatch(/installer\.languages: .*no-such-thing/);
  });

  it("writes a recipe per package, the pack's naming its language and depending on its extras; keeps existing files", () => {
    const dir = mkdtempSync(join(tmpdir(), "langpacks-"));
    try {
      writeFileSync(join(dir, "pt-extra.rhai"), "// the toolkit's own\n");
      const written = writeLanguageRecipes(dir, resolveLanguagePacks(["de", "pt"], universe, base, opts));
      expect(written.sort()).toEqual(["glibc-langpack-de", "glibc-langpack-pt"]);
      const pt = readFileSync(join(dir, "glibc-langpack-pt.rhai"), "utf8");
      expect(pt).toContain('download("rpm:glibc-langpack-pt")');
      expect(pt).toContain('deps: ["pt-extra"]');
      expect(pt).toContain("LANG=pt_*.UTF-8");
      expect(readFileSync(join(dir, "pt-extra.rhai"), "utf8")).toBe("// the toolkit's own\n");
      // What the installer reads: with the pack's recipe, a German plan installs it instead of noting its absence.
      expect(langpackFor("de_DE.UTF-8", written)).toEqual({ recipe: "glibc-langpack-de" });
      expect(langpackFor("fr_FR.UTF-8", written).note).toMatch(/glibc-langpack-fr/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("profile.json installer.languages", () => {
  let dir: string;
  const good = {
    iso: { name: "levitate", label: "LEVITATE_10", version: "10.0" },
    boot: { modes: ["bios", "uefi"] },
    live: { hostname: "levitate", locale: "en_US.UTF-8", user: { name: "live" } },
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "leviso-langs-"));
    writeFileSync(join(dir, "packages.txt"), "kernel\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const load = (installer: unknown) => {
    writeFileSync(join(dir, "profile.json"), JSON.stringify({ ...good, installer }));
    return () => loadProfile(dir);
  };

  it("defaults to none and drops repeats", () => {
    expect(load({})().json.installer.languages).toEqual([]);
    expect(load({ languages: ["de", "fr", "de"] })().json.installer.languages).toEqual(["de", "fr"]);
  });

  it("refuses a code that is not a language, English, and languages without the repository", () => {
    expect(load({ languages: ["de_DE"] })).toThrow(
      /installer\.languages.*language code as glibc names its packs/s,
    );
    expect(load({ languages: ["en"] })).toThrow(/en is in the base set already/);
    expect(load({ languages: ["de"], baseRepo: false })).toThrow(
      /installer\.languages needs installer\.baseRepo and installer\.embed/,
    );
  });
});
