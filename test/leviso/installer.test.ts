import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot, toolkitVersion } from "../../cli/common.js";
import { type BuildReport, build, workLayout } from "../../leviso/build.js";
import { runInRoot, runTool } from "../../leviso/exec.js";
import { INSTALLER_DIR, PRUNED, runtimeModules } from "../../leviso/live/installer.js";
import { ROCKY_RPM_DBPATH, rpmRootArgv } from "../../recipe/rpmdb.js";
import { buildDebianBootRepo } from "../fixtures-build/debian-boot-rpms.js";
import {
  buildFixtureRepo,
  installerExtras,
  languagePackFixtures,
  rockyBasePackages,
  rockyFirmwareOnly,
} from "../fixtures-build/rpm-repo.js";
import { describeRoot } from "../helpers/env.js";
import { INSTALLED_FACTS, writeTinyModel } from "../llm/tinyModel.js";

/**
 * The installer embedded in a live root, run from inside it: a root with a shell, glibc and
 * libstdc++ (Debian's, wrapped as RPMs; test/leviso/README.md), the `installer` stage, then
 * `chroot ROOT /usr/bin/levitate …`. Nothing from the host's toolkit is reachable in there, so
 * the embedded copy must be complete: dist/, its runtime modules, Node, recipes, the model.
 */
describeRoot(
  "leviso build: the embedded installer runs inside the root",
  ["rpm", "rpmbuild", "createrepo_c", "xorriso", "chroot", "unshare"],
  () => {
    let tmp: string;
    let root: string;
    let report: BuildReport;
    const chrootRun = async (argv: string[]) => {
      try {
        const r = await runInRoot(root, argv);
        return { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (e) {
        return { code: 1, stdout: "", stderr: String(e) };
      }
    };

    beforeAll(async () => {
      if (!existsSync(join(packageRoot, "dist/cli/levitate.js")))
        throw new Error("dist/ is missing: run npm run build before this test (CI does)");
      const boot = await buildDebianBootRepo();
      const extras = await buildFixtureRepo(installerExtras());
      tmp = mkdtempSync(join(tmpdir(), "leviso-installer-"));
      const profile = join(tmp, "profile");
      cpSync(join(import.meta.dirname, "profiles/debian"), profile, { recursive: true });
      writeFileSync(join(profile, "packages.txt"), "filesystem\ndash\nbash\ncoreutils\nlibstdc++\n");
      const model = writeTinyModel({}, tmp);
      const json = JSON.parse(readFileSync(join(profile, "profile.json"), "utf8"));
      writeFileSync(
        join(profile, "profile.json"),
        JSON.stringify({
          ...json,
          live: { ...json.live, user: null },
          installer: { embed: true, model, baseRepo: false },
        }),
      );
      const out = join(tmp, "out");
      report = await build({
        profileDir: profile,
        sources: [boot.repoDir, extras.repoDir],
        outDir: out,
        stopAfter: "installer",
      });
      root = workLayout(join(out, "work")).root;
      // ripgrep not yet installed: "add ripgrep" plans the install (an installed one is said to be
      // installed and planned not at all, tester 27 F12)
      const facts = {
        ...INSTALLED_FACTS,
        installed: (INSTALLED_FACTS.installed ?? []).filter((n) => n !== "ripgrep"),
      };
      writeFileSync(join(root, "tmp/facts.json"), JSON.stringify(facts));
    }, 600_000);
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it("embeds the toolkit, runtime modules only, Node and the model, and reports the size", () => {
      const dir = join(root, INSTALLER_DIR);
      for (const p of ["dist/cli/levitate.js", "package.json", "recipes/base.list", "node/bin/node"])
        expect(existsSync(join(dir, p)), p).toBe(true);
      expect(statSync(join(dir, "node/bin/node")).mode & 0o111).toBeTruthy();
      const modules = runtimeModules(packageRoot);
      expect(modules).toEqual(expect.arrayContaining(["node-llama-cpp", "@node-llama-cpp/linux-x64", "zod"]));
      for (const m of ["vitest", "typescript", "@biomejs/biome", "@node-llama-cpp/linux-x64-cuda"]) {
        expect(modules).not.toContain(m);
        expect(existsSync(join(dir, "node_modules", m)), m).toBe(false);
      }
      for (const p of PRUNED) expect(existsSync(join(dir, "node_modules", p)), p).toBe(false);
      expect(report.installerBytes).toBeGreaterThan(100 * 2 ** 20);
      // Node (~95 MiB) + node-llama-cpp with its CPU build (~50 MiB) + the rest; the GPU builds
      // alone would add over 600 MiB.
      expect(report.installerBytes).toBeLessThan(260 * 2 ** 20);
      const note = report.stages.find((s) => s.name === "installer")?.note;
      expect(note).toMatch(/MiB: \d+ runtime modules, Node, model \/usr\/lib\/levitate\/models\/tiny/);
      console.log(`embedded installer: ${(report.installerBytes / 2 ** 20).toFixed(1)} MiB (${note})`);
    });

    it("runs levitate --version from inside the root", async () => {
      const r = await chrootRun(["/usr/bin/levitate", "--version"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(toolkitVersion);
    }, 60_000);

    it('plans "add ripgrep" from inside the root with the embedded recipes', async () => {
      const r = await chrootRun([
        "/usr/bin/levitate",
        "ask",
        "add ripgrep",
        "--dry-run",
        "--facts",
        "/tmp/facts.json",
        "--backend",
        "rules",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("recipe install ripgrep --root /");
      // The dry run reads the recipe itself: the embedded recipes/ directory is the one used.
      expect(r.stdout).toMatch(/download https:\/\/\S+ripgrep-[\d.]+-x86_64/);
      expect(r.stdout).toContain("Dry run: nothing was changed.");
    }, 60_000);

    it("answers with the embedded model through node-llama-cpp's embedded CPU build", async () => {
      const status = await chrootRun(["/usr/bin/levitate", "model", "status", "--json"]);
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({
        source: "LEVITATE_MODEL",
        path: expect.stringMatching(/^\/usr\/lib\/levitate\/models\/tiny-.*\.gguf$/),
        architecture: "llama",
      });
      // The tiny random model may answer with a reply instead of a call: `ask` then exits 1 ("nothing
      // was planned", README), so the exit status is read, not required to be 0.
      const r = await chrootRun([
        "sh",
        "-c",
        '/usr/bin/levitate ask "add ripgrep" --dry-run --json --facts /tmp/facts.json --backend llm; echo "exit=$?" >&2',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const exit = Number(/exit=(\d+)/.exec(r.stderr)?.[1]);
      const answer = JSON.parse(r.stdout) as { backend: string; decision: Record<string, unknown> };
      expect(answer).toMatchObject({ backend: "llm" });
      expect(exit === 0 || (exit === 1 && "reply" in answer.decision), r.stderr).toBe(true);
    }, 180_000);
  },
);

describe("runtimeModules: what of package-lock.json goes into the image", () => {
  it("keeps runtime packages, drops dev and optional ones, adds the GPU builds asked for", () => {
    const dir = mkdtempSync(join(tmpdir(), "leviso-lock-"));
    try {
      const pkgs: Record<string, object> = {
        "": { name: "toolkit" },
        "node_modules/zod": {},
        "node_modules/@node-llama-cpp/linux-x64": {},
        "node_modules/@node-llama-cpp/linux-x64-vulkan": { optional: true },
        "node_modules/@node-llama-cpp/linux-x64-cuda": { optional: true },
        "node_modules/vitest": { dev: true },
        "node_modules/typescript": { devOptional: true },
        "node_modules/zod/node_modules/nested": {},
        "node_modules/not-installed": {},
      };
      writeFileSync(join(dir, "package-lock.json"), JSON.stringify({ packages: pkgs }));
      for (const p of Object.keys(pkgs))
        if (p && p !== "node_modules/not-installed") mkdirSync(join(dir, p), { recursive: true });
      expect(runtimeModules(dir)).toEqual(["@node-llama-cpp/linux-x64", "zod"]);
      expect(runtimeModules(dir, ["vulkan"])).toEqual([
        "@node-llama-cpp/linux-x64",
        "@node-llama-cpp/linux-x64-vulkan",
        "zod",
      ]);
      // cuda needs cuda-ext too, which this machine did not install: said, not skipped.
      expect(() => runtimeModules(dir, ["cuda"])).toThrow(/linux-x64-cuda-ext is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The ISO's base-set repository and the embedded recipes, used the way the live system uses
 * them: `recipe bootstrap TARGET` with RECIPE_MIRRORS at the repository. The base set's RPMs
 * are stand-ins under Rocky's names whose Requires reach outside base.list
 * (`rockyBasePackages`), so rpm's dependency check fails unless the whole closure is there.
 */
describeRoot(
  "leviso build: recipe bootstrap from the ISO's base-set repository",
  ["rpm", "rpmbuild", "createrepo_c", "xorriso"],
  () => {
    let tmp: string;
    let root: string;
    let repoDir: string;
    let report: BuildReport;

    beforeAll(async () => {
      if (!existsSync(join(packageRoot, "dist/cli/recipe.js")))
        throw new Error("dist/ is missing: run npm run build before this test (CI does)");
      const fx = await buildFixtureRepo();
      const base = await buildFixtureRepo(rockyBasePackages);
      const langs = await buildFixtureRepo(languagePackFixtures);
      tmp = mkdtempSync(join(tmpdir(), "leviso-baserepo-"));
      const profile = join(tmp, "profile");
      cpSync(join(import.meta.dirname, "profiles/debian"), profile, { recursive: true });
      writeFileSync(join(profile, "packages.txt"), "fx-app\n");
      const json = JSON.parse(readFileSync(join(profile, "profile.json"), "utf8"));
      writeFileSync(
        join(profile, "profile.json"),
        JSON.stringify({
          ...json,
          live: { ...json.live, user: null },
          installer: { embed: true, baseRepo: true, languages: ["de", "fr"] },
        }),
      );
      const out = join(tmp, "out");
      report = await build({
        profileDir: profile,
        sources: [fx.repoDir, base.repoDir, langs.repoDir],
        outDir: out,
        stopAfter: "repo",
      });
      const layout = workLayout(join(out, "work"));
      root = layout.root;
      repoDir = join(layout.isoTree, "repo");
    }, 300_000);
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    const readList = (file: string) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((l) => l.replace(/#.*/, "").trim())
        .filter(Boolean);
    /** base.list and the firmware lists of the toolkit: RPM names. */
    const listed = () => [
      ...new Set(
        ["base.list", "base-uefi.list", "base-bios.list"].flatMap((f) =>
          readList(join(packageRoot, "recipes", f)),
        ),
      ),
    ];
    const common = () => readList(join(packageRoot, "recipes/base.list"));
    const lower = (names: string[]) => names.map((n) => n.toLowerCase());

    it("holds the closure of base.list, not base.list alone, and says so in the report", () => {
      const names = execFileSync(
        "sh",
        ["-c", 'rpm -qp --queryformat "%{NAME}\\n" "$1"/Packages/*.rpm | sort', "sh", repoDir],
        { encoding: "utf8" },
      )
        .trim()
        .split("\n");
      // The language packs profile.json asks for ride along, with what they need beyond the base.
      expect(names).toEqual([...rockyBasePackages, ...languagePackFixtures].map((p) => p.name).sort());
      expect(names.length).toBeGreaterThan(listed().length);
      expect(report.baseSetPackages).toBe(rockyBasePackages.length);
      expect(report.baseSet).toEqual({
        listed: listed().length,
        missing: [],
        recipesGenerated: rockyBasePackages.length - listed().length,
      });
      expect(report.warnings).toEqual([]);
      // base.list's RPMs alone do not install: rpm wants what they require.
      const only = common().map((n) => join(repoDir, "Packages", `${n}-1.0-1.el10.x86_64.rpm`));
      const t = join(tmp, "rpm-test");
      const r = execFileSync(
        "sh",
        [
          "-c",
          `rpm --root "$1" --dbpath ${ROCKY_RPM_DBPATH} --initdb; shift; rpm --root "$0" --dbpath ${ROCKY_RPM_DBPATH} -U --test "$@" 2>&1 || true`,
          t,
          t,
          ...only,
        ],
        { encoding: "utf8" },
      );
      expect(r).toMatch(/libseccomp is needed by systemd/);
    });

    it("names the closure in the embedded base lists, split by firmware, and writes a recipe for each dependency", () => {
      const dir = join(root, INSTALLER_DIR, "recipes");
      const list = readList(join(dir, "base.list"));
      const uefi = readList(join(dir, "base-uefi.list"));
      const bios = readList(join(dir, "base-bios.list"));
      expect(list.slice(0, common().length)).toEqual(lower(common()));
      // Each firmware's list holds what its closure adds: its boot loader and their dependencies.
      expect([...uefi].sort()).toEqual([...rockyFirmwareOnly.uefi].sort());
      expect([...bios].sort()).toEqual([...rockyFirmwareOnly.bios].sort());
      // grub2-tools is in both firmware lists (GRUB for UEFI and for BIOS), so compare as a set.
      expect([...new Set([...list, ...uefi, ...bios])].sort()).toEqual(
        lower(rockyBasePackages.map((p) => p.name)).sort(),
      );
      expect(readFileSync(join(dir, "libseccomp.rhai"), "utf8")).toContain('download("rpm:libseccomp")');
      expect(readFileSync(join(dir, "efivar-libs.rhai"), "utf8")).toContain('download("rpm:efivar-libs")');
      // The language packs have recipes but stay out of the base lists: offered, not installed.
      for (const n of languagePackFixtures.map((p) => p.name))
        expect([...list, ...uefi, ...bios], n).not.toContain(n);
      const de = readFileSync(join(dir, "glibc-langpack-de.rhai"), "utf8");
      expect(de).toContain('download("rpm:glibc-langpack-de")');
      expect(de).toContain("deps: []");
      const fr = readFileSync(join(dir, "glibc-langpack-fr.rhai"), "utf8");
      expect(fr).toContain('download("rpm:glibc-langpack-fr")');
      expect(fr).toContain('deps: ["fx-fr-data"]');
      expect(readFileSync(join(dir, "fx-fr-data.rhai"), "utf8")).toContain('download("rpm:fx-fr-data")');
      // The toolkit's own base recipes are kept as they are.
      expect(readFileSync(join(dir, "bash.rhai"), "utf8")).toBe(
        readFileSync(join(packageRoot, "recipes/bash.rhai"), "utf8"),
      );
    });

    it("bootstraps a target from the ISO repository with the embedded recipes alone", async () => {
      const dir = join(root, INSTALLER_DIR);
      // The live system's wrappers point recipe and levitate at the medium's repository.
      for (const cli of ["recipe", "levitate"]) {
        const exports = readFileSync(join(root, "usr/bin", cli), "utf8")
          .split("\n")
          .filter((l) => l.startsWith("export RECIPE_MIRRORS="))
          .join("\n");
        const mirrors = (env: NodeJS.ProcessEnv) =>
          execFileSync("sh", ["-c", `${exports}\nprintf %s "$RECIPE_MIRRORS"`], { encoding: "utf8", env });
        expect(mirrors({})).toBe("/run/initramfs/live/repo");
        expect(mirrors({ RECIPE_MIRRORS: "/srv/mine" })).toBe("/srv/mine /run/initramfs/live/repo");
      }
      const baseList = [
        ...readList(join(dir, "recipes/base.list")),
        ...readList(join(dir, "recipes/base-uefi.list")),
      ];

      // What `recipe bootstrap /mnt` does on the live system (the wrapper's Node, dist and
      // recipes, RECIPE_MIRRORS = the medium's repository), run from the host: the test root
      // has no libc to run it chrooted.
      const target = join(tmp, "target");
      mkdirSync(target);
      const r = await runTool(
        [
          join(dir, "node/bin/node"),
          join(dir, "dist/cli/recipe.js"),
          "bootstrap",
          target,
          "--firmware",
          "uefi",
          "--no-progress",
        ],
        { env: { ...process.env, RECIPE_MIRRORS: repoDir, HOME: join(tmp, "home") } },
      );
      // Every RPM came from the medium's repository, none from the network.
      const downloads = (r.stdout + r.stderr).split("\n").filter((l) => l.includes("· download "));
      expect(downloads.length).toBeGreaterThan(0);
      for (const l of downloads) expect(l).toContain(`[from mirror ${repoDir}/`);
      const installed = execFileSync(
        "rpm",
        // The database is where Rocky 10's rpm looks (recipe/rpmdb.ts), as for the ISO's own root.
        rpmRootArgv(target, ROCKY_RPM_DBPATH, "-qa", "--queryformat", "%{NAME}\n").slice(1),
        { encoding: "utf8" },
      )
        .trim()
        .split("\n")
        .sort();
      expect(lower(installed).sort()).toEqual(baseList.slice().sort());
      expect(installed).toContain("NetworkManager");
      expect(installed).toContain("efibootmgr");
      expect(installed).not.toContain("grub2-pc");
      expect(readFileSync(join(target, "usr/lib64/libcap.so.2"), "utf8")).toBe("libcap\n");
      expect(readFileSync(join(target, "etc/recipes/libseccomp.rhai"), "utf8")).toMatch(/installed = true/);

      // A language the base set lacks, installed offline afterwards as the installer does for a
      // plan in French: the pack and what it needs come from the medium.
      const fr = await runTool(
        [
          join(dir, "node/bin/node"),
          join(dir, "dist/cli/recipe.js"),
          "install",
          "glibc-langpack-fr",
          "--root",
          target,
          "--no-progress",
        ],
        { env: { ...process.env, RECIPE_MIRRORS: repoDir, HOME: join(tmp, "home") } },
      );
      for (const l of (fr.stdout + fr.stderr).split("\n").filter((x) => x.includes("· download ")))
        expect(l).toContain(`[from mirror ${repoDir}/`);
      const after = execFileSync(
        "rpm",
        rpmRootArgv(target, ROCKY_RPM_DBPATH, "-q", "glibc-langpack-fr", "fx-fr-data").slice(1),
        { encoding: "utf8" },
      );
      expect(after).toMatch(/glibc-langpack-fr-1\.0/);
      expect(after).toMatch(/fx-fr-data-1\.0/);
      // Only what was asked for: German stays on the medium.
      const de = spawnSync("rpm", rpmRootArgv(target, ROCKY_RPM_DBPATH, "-q", "glibc-langpack-de").slice(1), {
        encoding: "utf8",
      });
      expect([de.status, de.stdout.trim()]).toEqual([1, "package glibc-langpack-de is not installed"]);
    }, 300_000);
  },
);
