import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveInputs } from "../../leviso/build.js";
import { compareEvr, parseEvr, rangesOverlap, rpmvercmp } from "../../leviso/rpm/evr.js";
import { formatSkipped, formatUnresolved, resolveClosure } from "../../leviso/rpm/resolve.js";
import { parseRich } from "../../leviso/rpm/richdeps.js";
import type { RpmPackage } from "../../leviso/rpm/types.js";
import { nevra } from "../../leviso/rpm/types.js";
import { openSource } from "../../leviso/source.js";
import { buildFixtureRepo, type FixtureRepo } from "../fixtures-build/rpm-repo.js";
import { describeWithTools } from "../helpers/env.js";

describe("rpmvercmp", () => {
  it.each([
    ["1.0", "1.0", 0],
    ["1.0", "1.1", -1],
    ["2.10", "2.9", 1],
    ["1.0~rc1", "1.0", -1],
    ["1.0^git1", "1.0", 1],
    ["1.0^git1", "1.0.1", -1],
    ["1.0a", "1.0", 1],
    ["1.0", "1.0a", -1],
    ["001", "1", 0],
    ["1.el10", "1.el9", 1],
    ["a", "1", -1],
  ])("%s vs %s = %d", (a, b, want) => {
    expect(rpmvercmp(a, b)).toBe(want);
  });

  it("compares epoch before version, and ignores a missing release", () => {
    expect(compareEvr(parseEvr("1:1.0-1"), parseEvr("2.0-1"))).toBe(1);
    expect(compareEvr(parseEvr("1.0"), parseEvr("1.0-5"))).toBe(0);
  });

  it("matches version ranges like rpm", () => {
    const p = { flags: "EQ" as const, evr: parseEvr("2.1-1") };
    expect(rangesOverlap(p, { flags: "GE", evr: parseEvr("2.0") })).toBe(true);
    expect(rangesOverlap(p, { flags: "LT", evr: parseEvr("2.0") })).toBe(false);
    expect(rangesOverlap({}, { flags: "GE", evr: parseEvr("9") })).toBe(true);
  });
});

describe("rich dependencies", () => {
  it("parses nested boolean expressions with parenthesised names", () => {
    const n = parseRich("(perl(Foo::Bar) >= 1.2 or (libc.so.6()(64bit) and baz))");
    expect(n.kind).toBe("or");
    if (n.kind !== "or") return;
    expect(n.items[0]).toEqual({
      kind: "dep",
      dep: { name: "perl(Foo::Bar)", flags: "GE", evr: { epoch: 0, version: "1.2", release: "" } },
    });
    expect(n.items[1]?.kind).toBe("and");
  });

  it("parses if/else", () => {
    const n = parseRich("(a if b else c)");
    expect(n.kind).toBe("if");
  });
});

function pkg(name: string, version: string, extra: Partial<RpmPackage> = {}): RpmPackage {
  return {
    name,
    evr: { epoch: 0, version, release: "1" },
    arch: "x86_64",
    provides: [],
    requires: [],
    files: [],
    location: `/repo/${name}-${version}.rpm`,
    repo: "/repo",
    ...extra,
  };
}

describe("resolveClosure (synthetic universe)", () => {
  const opts = { arches: ["x86_64", "noarch"] };

  it("resolves conditional rich dependencies once their condition is in the closure", () => {
    const u = [
      pkg("app", "1", { requires: [{ name: "(app-gui if gui)" }, { name: "gui" }] }),
      pkg("gui", "1"),
      pkg("app-gui", "1"),
      pkg("app-extra", "1"),
    ];
    const c = resolveClosure(u, [{ name: "app", origin: "t:1" }], opts);
    expect(c.packages.map((p) => p.name)).toEqual(["app", "app-gui", "gui"]);
  });

  it("skips other arches and rpmlib() requirements", () => {
    const u = [
      pkg("a", "1", { requires: [{ name: "rpmlib(PayloadIsZstd)" }, { name: "b" }] }),
      pkg("b", "9", { arch: "i686" }),
      pkg("b", "1", { arch: "noarch" }),
    ];
    const c = resolveClosure(u, [{ name: "a", origin: "t:1" }], opts);
    expect(c.packages.map(nevra)).toEqual(["a-1-1.x86_64", "b-1-1.noarch"]);
  });

  it("picks an older version when a versioned requirement needs it", () => {
    const u = [
      pkg("a", "1", { requires: [{ name: "lib", flags: "LT", evr: parseEvr("2") }] }),
      pkg("lib", "1.5"),
      pkg("lib", "3"),
    ];
    const c = resolveClosure(u, [{ name: "a", origin: "t:1" }], opts);
    expect(c.packages.map(nevra)).toContain("lib-1.5-1.x86_64");
  });

  it("names a top-level package that does not exist", () => {
    const c = resolveClosure([pkg("a", "1")], [{ name: "nope", origin: "packages.txt:3" }], opts);
    expect(formatUnresolved(c.unresolved)).toContain("packages.txt:3 requires nope");
    expect(c.skipped).toEqual([]);
  });
});

describe("optional names (`?name` in packages.txt)", () => {
  const opts = { arches: ["x86_64", "noarch"] };
  const dep = (name: string) => ({ name });
  const u = [
    pkg("a", "1", { requires: [dep("liba")] }),
    pkg("liba", "1"),
    pkg("btrfs-progs", "6", { requires: [dep("libbtrfs")] }),
    pkg("libbtrfs", "6"),
    pkg("half", "1", { requires: [dep("libhalf"), dep("gone")] }),
    pkg("libhalf", "1"),
  ];
  const names = (c: { packages: RpmPackage[] }) => c.packages.map((p) => p.name);

  it("includes an optional package the sources have, with its requirements", () => {
    const c = resolveClosure(
      u,
      [
        { name: "a", origin: "packages.txt:1" },
        { name: "btrfs-progs", origin: "packages.txt:2", optional: true },
      ],
      opts,
    );
    expect(c.unresolved).toEqual([]);
    expect(c.skipped).toEqual([]);
    expect(names(c)).toEqual(["a", "btrfs-progs", "liba", "libbtrfs"]);
  });

  it("leaves out and reports an optional package the sources lack, without failing", () => {
    const c = resolveClosure(
      u.filter((p) => !p.name.includes("btrfs")),
      [
        { name: "a", origin: "packages.txt:1" },
        { name: "btrfs-progs", origin: "packages.txt:2", optional: true },
      ],
      opts,
    );
    expect(c.unresolved).toEqual([]);
    expect(names(c)).toEqual(["a", "liba"]);
    expect(formatSkipped(c.skipped)).toEqual([
      "packages.txt:2: optional package btrfs-progs left out: the sources have no package of that name or providing it",
    ]);
  });

  it("leaves out an optional package whose requirements cannot be met, and what it pulled in", () => {
    const c = resolveClosure(
      u,
      [
        { name: "a", origin: "packages.txt:1" },
        { name: "half", origin: "packages.txt:2", optional: true },
      ],
      opts,
    );
    expect(c.unresolved).toEqual([]);
    expect(names(c)).toEqual(["a", "liba"]);
    expect(c.skipped).toHaveLength(1);
    expect(c.skipped[0]?.why).toMatch(/half-1-1.x86_64 requires gone: nothing provides it/);
  });

  it("still fails for a required name, and keeps optional ones that resolve", () => {
    const c = resolveClosure(
      u,
      [
        { name: "nope", origin: "packages.txt:1" },
        { name: "btrfs-progs", origin: "packages.txt:2", optional: true },
      ],
      opts,
    );
    expect(formatUnresolved(c.unresolved)).toContain("packages.txt:1 requires nope");
    expect(c.skipped).toEqual([]);
    expect(names(c)).toEqual(["btrfs-progs", "libbtrfs"]);
  });
});

describeWithTools("resolver against fixture RPMs", ["rpmbuild", "createrepo_c", "xorriso", "rpm"], () => {
  let repo: FixtureRepo;
  let cache: string;
  beforeAll(async () => {
    repo = await buildFixtureRepo();
    cache = mkdtempSync(join(tmpdir(), "leviso-resolver-"));
  }, 180_000);
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  const want = [
    "fx-app-1.0-1.fx.x86_64",
    "fx-cap-impl-1.0-1.fx.x86_64",
    "fx-data-0.5-1.fx.noarch",
    "fx-lib-2.1-1.fx.x86_64",
    "fx-opt-b-1.0-1.fx.x86_64",
    "fx-tool-3.0-1.fx.x86_64",
  ];

  async function closureOf(source: string, names: string[]) {
    const src = await openSource(source, cache);
    return resolveClosure(
      src.packages,
      names.map((n, i) => ({ name: n, origin: `packages.txt:${i + 1}` })),
      { arches: ["x86_64", "noarch"], loadFileOwners: src.fileOwners },
    );
  }

  it("computes the closure from repodata: provides, file dep, rich dep, noarch, newest version", async () => {
    const c = await closureOf(repo.repoDir, ["fx-app"]);
    expect(c.unresolved).toEqual([]);
    expect(c.packages.map(nevra)).toEqual(want);
    expect(c.reasons.get("fx-tool")).toBe("fx-app-1.0-1.fx.x86_64 requires /usr/bin/fx-tool");
    expect(c.reasons.get("fx-cap-impl")).toContain("requires fx-capability");
  });

  it("gives the same closure from a plain directory of RPMs (headers) and from an ISO", async () => {
    expect((await closureOf(repo.plainDir, ["fx-app"])).packages.map(nevra)).toEqual(want);
    expect((await closureOf(repo.iso, ["fx-app"])).packages.map(nevra)).toEqual(want);
    expect((await closureOf(`file://${repo.repoDir}`, ["fx-app"])).packages.map(nevra)).toEqual(want);
  });

  it("chooses the newest of two versions when nothing constrains it", async () => {
    const c = await closureOf(repo.repoDir, ["fx-lib"]);
    expect(c.packages.map(nevra)).toEqual(["fx-lib-2.1-1.fx.x86_64"]);
  });

  it("reports every unresolvable requirement by package and name", async () => {
    const c = await closureOf(repo.repoDir, ["fx-broken", "fx-missing"]);
    const text = formatUnresolved(c.unresolved);
    expect(text).toContain("fx-broken-1.0-1.fx.x86_64 requires fx-nonexistent >= 1: nothing provides it");
    expect(text).toContain("packages.txt:2 requires fx-missing");
    expect(c.unresolved).toHaveLength(2);
  });

  it("leaves out optional names the repository cannot install, and reports them", async () => {
    const src = await openSource(repo.repoDir, cache);
    const c = resolveClosure(
      src.packages,
      [
        { name: "fx-app", origin: "packages.txt:1" },
        { name: "fx-broken", origin: "packages.txt:2", optional: true },
        { name: "fx-missing", origin: "packages.txt:3", optional: true },
      ],
      { arches: ["x86_64", "noarch"], loadFileOwners: src.fileOwners },
    );
    expect(c.unresolved).toEqual([]);
    expect(c.packages.map(nevra)).toEqual(want);
    expect(c.skipped.map((s) => s.name)).toEqual(["fx-broken", "fx-missing"]);
    expect(c.skipped[0]?.why).toContain("requires fx-nonexistent >= 1: nothing provides it");
  });

  it("a build reports an optional packages.txt line it left out as a warning, and goes on", async () => {
    const profile = mkdtempSync(join(tmpdir(), "leviso-optional-"));
    try {
      writeFileSync(
        join(profile, "profile.json"),
        JSON.stringify({
          iso: { name: "t", label: "T_10", version: "10.0" },
          boot: { modes: ["bios"] },
          live: { hostname: "t", locale: "en_US.UTF-8" },
          installer: { baseRepo: false },
        }),
      );
      writeFileSync(join(profile, "packages.txt"), "fx-app\n?fx-missing\n");
      const r = await resolveInputs(profile, [repo.repoDir], join(cache, "inputs"), { model: null });
      expect(r.closure.packages.map(nevra)).toEqual(want);
      expect(r.baseSet.warnings).toEqual([
        "packages.txt:2: optional package fx-missing left out: the sources have no package of that name or providing it",
      ]);
      // Without the mark the same line stops the build before anything is written.
      writeFileSync(join(profile, "packages.txt"), "fx-app\nfx-missing\n");
      await expect(
        resolveInputs(profile, [repo.repoDir], join(cache, "inputs"), { model: null }),
      ).rejects.toThrow(/packages.txt:2 requires fx-missing/);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it.each(["xz", "zstd", "gz"])("reads primary compressed with %s", async (kind) => {
    const copy = join(cache, `repo-${kind}`);
    cpSync(repo.repoDir, copy, { recursive: true });
    rmSync(join(copy, "repodata"), { recursive: true });
    execFileSync("createrepo_c", ["--quiet", "--general-compress-type", kind === "xz" ? "xz" : "gz", copy]);
    if (kind === "zstd") {
      // Debian's createrepo_c cannot write zstd (Fedora's default): recompress primary by hand.
      const dir = join(copy, "repodata");
      const gz = readdirSync(dir).find((f) => f.endsWith("primary.xml.gz"))!;
      const zst = gz.replace(/\.gz$/, ".zst");
      execFileSync("sh", ["-c", `gzip -dc "$1" | zstd -q -o "$2"`, "sh", join(dir, gz), join(dir, zst)]);
      const oldSum = createHash("sha256")
        .update(readFileSync(join(dir, gz)))
        .digest("hex");
      const newSum = createHash("sha256")
        .update(readFileSync(join(dir, zst)))
        .digest("hex");
      const repomd = readFileSync(join(dir, "repomd.xml"), "utf8").replace(gz, zst).replace(oldSum, newSum);
      writeFileSync(join(dir, "repomd.xml"), repomd);
      rmSync(join(dir, gz));
    }
    const ext = { xz: ".xz", zstd: ".zst", gz: ".gz" }[kind]!;
    expect(readdirSync(join(copy, "repodata")).some((f) => f.endsWith(`primary.xml${ext}`))).toBe(true);
    expect((await closureOf(copy, ["fx-app"])).packages.map(nevra)).toEqual(want);
  });
});
