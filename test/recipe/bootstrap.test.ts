import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { packageRoot } from "../../cli/common.js";
import { bootstrap, info, install, remove } from "../../recipe/api.js";
import { LEGACY_RPM_DBPATH, ROCKY_RPM_DBPATH, rpmDbPathFor, rpmRootArgv } from "../../recipe/rpmdb.js";
import { describeWithTools } from "../helpers/env.js";
import { buildRpm } from "../helpers/rpmbuild.js";
import { makeWorld, snapshot, type World } from "./fixture.js";

const rpmRecipe = (name: string, deps: string[] = []) => `// ${name}: from the mirror
let pkg = #{ name: "${name}", version: "latest", description: "base package ${name}", deps: [${deps.map((d) => `"${d}"`).join(", ")}] };
let installed = false;
fn install() {
    download("rpm:${name}");
    rpm_install();
}
`;

describeWithTools("recipe bootstrap with real RPMs (rpmbuild + rpm --root)", ["rpm", "rpmbuild"], () => {
  let w: World;
  // The same dbpath recipe uses (recipe/rpmdb.ts): Rocky 10's, or where the root has its database.
  const qa = (root: string, dbpath = rpmDbPathFor(root)) =>
    execFileSync(
      "rpm",
      rpmRootArgv(root, dbpath, "-qa", "--qf", "%{NAME}-%{VERSION}-%{RELEASE}\\n").slice(1),
      {
        encoding: "utf8",
      },
    )
      .trim()
      .split("\n")
      .sort();

  beforeAll(() => {
    w = makeWorld();
    const pkgs = join(w.mirror, "Packages");
    // A tiny base set with a circular Requires (basefs-libc <-> basefs-shell), as real glibc and
    // bash have: only one rpm transaction for the whole set can install it with deps checked.
    buildRpm(
      {
        name: "basefs",
        version: "1.0",
        dirs: ["/etc", "/usr", "/usr/bin"],
        files: { "/etc/os-release": "NAME=Levitate\n" },
      },
      pkgs,
    );
    buildRpm(
      {
        name: "basefs-libc",
        version: "2.0",
        requires: ["basefs", "basefs-shell"],
        files: { "/usr/lib/libfake.so": "ELF?" },
      },
      pkgs,
    );
    buildRpm(
      {
        name: "basefs-shell",
        version: "5.2",
        release: "3",
        requires: ["basefs-libc"],
        provides: ["/bin/sh"],
        files: { "/usr/bin/fakesh": { content: "#!/bin/sh\n", mode: 0o755 } },
      },
      pkgs,
    );
    buildRpm(
      {
        name: "extra-tool",
        version: "0.1",
        requires: ["basefs-libc"],
        files: { "/usr/bin/extra": { content: "x", mode: 0o755 } },
      },
      pkgs,
    );
    w.writeRecipe("basefs", rpmRecipe("basefs"));
    w.writeRecipe("basefs-libc", rpmRecipe("basefs-libc", ["basefs"]));
    w.writeRecipe("basefs-shell", rpmRecipe("basefs-shell", ["basefs-libc"]));
    w.writeRecipe("extra-tool", rpmRecipe("extra-tool", ["basefs-libc"]));
    writeFileSync(join(w.recipes, "base.list"), "# test base set\nbasefs\nbasefs-shell\nbasefs-libc\n");
  });
  afterAll(() => w.cleanup());

  it("dry-run shows the exact rpm argv and touches nothing", async () => {
    const root = join(w.dir, "dry");
    mkdirSync(root);
    const before = snapshot(root);
    const plan = await bootstrap(root, { ...w.opts(), mirrors: [w.mirror], dryRun: true });
    expect(snapshot(root)).toEqual(before);
    expect(plan.base).toEqual(["basefs", "basefs-shell", "basefs-libc"]);
    const rpm = plan.actions.filter((a) => a.kind === "rpm").map((a) => (a.kind === "rpm" ? a.argv : []));
    expect(rpm[0]).toEqual(["rpm", "--root", root, "--dbpath", "/usr/lib/sysimage/rpm", "--initdb"]);
    expect(rpm[1]!.slice(0, 8)).toEqual([
      "rpm",
      "--root",
      root,
      "--dbpath",
      "/usr/lib/sysimage/rpm",
      "-U",
      "--replacepkgs",
      "--",
    ]);
    expect(
      rpm[1]!
        .slice(8)
        .map((f) => f.split("/").pop())
        .sort(),
    ).toEqual(["basefs-1.0-1.noarch.rpm", "basefs-libc-2.0-1.noarch.rpm", "basefs-shell-5.2-3.noarch.rpm"]);
  });

  it("`recipe bootstrap DIR` installs the base set; rpm -qa --root lists it; state lives in the target", () => {
    const root = join(w.dir, "target");
    mkdirSync(root);
    const recipesBefore = snapshot(w.recipes);
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(packageRoot, "cli/recipe.ts"),
        "bootstrap",
        root,
        "--recipes",
        w.recipes,
        "--mirror",
        w.mirror,
        "--cache",
        w.cache,
        "--json",
      ],
      { encoding: "utf8", env: { ...process.env, RECIPE_MIRRORS: "" } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).order).toEqual(["basefs", "basefs-libc", "basefs-shell"]);
    expect(qa(root)).toEqual(["basefs-1.0-1", "basefs-libc-2.0-1", "basefs-shell-5.2-3"]);
    expect(readFileSync(join(root, "etc/os-release"), "utf8")).toBe("NAME=Levitate\n");
    // Rocky 10's rpm looks in /usr/lib/sysimage/rpm: the database is there, not at the host rpm's default.
    expect(existsSync(join(root, "usr/lib/sysimage/rpm/rpmdb.sqlite"))).toBe(true);
    expect(existsSync(join(root, "var/lib/rpm"))).toBe(false);
    expect(qa(root, ROCKY_RPM_DBPATH)).toHaveLength(3);
    // State went into the target's copies, never into the recipes that were run.
    expect(snapshot(w.recipes)).toEqual(recipesBefore);
    const s = info("basefs-shell", { ...w.opts(), root }).state;
    expect(s).toMatchObject({
      installed: true,
      installed_version: "5.2-3",
      installed_files: ["rpm:basefs-shell"],
    });
    expect(readFileSync(join(root, "etc/recipes/basefs-shell.rhai"), "utf8")).toContain(
      'let installed_version = "5.2-3";',
    );
  });

  it("installs and removes a recipe's RPM on top of the base with rpm -e", async () => {
    const root = join(w.dir, "target");
    await install(["extra-tool"], { ...w.opts(), root, mirrors: [w.mirror] });
    expect(qa(root)).toContain("extra-tool-0.1-1");
    await expect(remove(["basefs-libc"], { ...w.opts(), root })).rejects.toThrow(
      /installed extra-tool depends on it|basefs-shell/,
    );
    await remove(["extra-tool"], { ...w.opts(), root });
    expect(qa(root)).not.toContain("extra-tool-0.1-1");
    expect(existsSync(join(root, "usr/bin/extra"))).toBe(false);
    expect(info("extra-tool", { ...w.opts(), root }).state.installed).toBe(false);
  });

  it("a missing RPM names the package and the fix", async () => {
    w.writeRecipe("ghost", rpmRecipe("ghost"));
    await expect(
      install(["ghost"], { ...w.opts(), root: join(w.dir, "target"), mirrors: [w.mirror] }),
    ).rejects.toThrow(/no mirror holds an RPM of package "ghost".*--mirror/);
  });

  it("RECIPE_RPM_DBPATH moves a new root's database; a root's existing database is used where it is", async () => {
    const other = join(w.dir, "other-distro");
    mkdirSync(other);
    const saved = process.env.RECIPE_RPM_DBPATH;
    process.env.RECIPE_RPM_DBPATH = LEGACY_RPM_DBPATH;
    try {
      await bootstrap(other, { ...w.opts(), mirrors: [w.mirror] });
    } finally {
      if (saved === undefined) delete process.env.RECIPE_RPM_DBPATH;
      else process.env.RECIPE_RPM_DBPATH = saved;
    }
    expect(existsSync(join(other, "var/lib/rpm/rpmdb.sqlite"))).toBe(true);
    expect(existsSync(join(other, "usr/lib/sysimage/rpm"))).toBe(false);
    // Without the variable, the database found at /var/lib/rpm is the one used: no second, empty one.
    expect(rpmDbPathFor(other, undefined, {})).toBe(LEGACY_RPM_DBPATH);
    await install(["extra-tool"], { ...w.opts(), root: other, mirrors: [w.mirror] });
    expect(qa(other, LEGACY_RPM_DBPATH)).toContain("extra-tool-0.1-1");
    expect(existsSync(join(other, "usr/lib/sysimage/rpm"))).toBe(false);
    expect(() => rpmDbPathFor(other, undefined, { RECIPE_RPM_DBPATH: "var/lib/rpm" })).toThrow(
      /RECIPE_RPM_DBPATH.*absolute/,
    );
  });

  it("--firmware adds base-FIRMWARE.list beside base.list; without it only base.list is installed", async () => {
    writeFileSync(join(w.recipes, "base-uefi.list"), "# test uefi extras\nextra-tool\n");
    try {
      const root = join(w.dir, "fw-dry");
      mkdirSync(root);
      const withFw = await bootstrap(root, {
        ...w.opts(),
        mirrors: [w.mirror],
        dryRun: true,
        firmware: "uefi",
      });
      expect(withFw.base).toEqual(["basefs", "basefs-shell", "basefs-libc", "extra-tool"]);
      const rpmU = withFw.actions.find((a) => a.kind === "rpm" && a.argv.includes("-U"));
      expect(rpmU?.kind === "rpm" && rpmU.argv.some((f) => f.endsWith("extra-tool-0.1-1.noarch.rpm"))).toBe(
        true,
      );
      expect((await bootstrap(root, { ...w.opts(), mirrors: [w.mirror], dryRun: true })).base).not.toContain(
        "extra-tool",
      );
      // No base-bios.list here: bios adds nothing.
      expect(
        (await bootstrap(root, { ...w.opts(), mirrors: [w.mirror], dryRun: true, firmware: "bios" })).base,
      ).toEqual(["basefs", "basefs-shell", "basefs-libc"]);
      const bad = spawnSync(
        process.execPath,
        ["--import", "tsx", join(packageRoot, "cli/recipe.ts"), "bootstrap", root, "--firmware", "efi"],
        { encoding: "utf8" },
      );
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--firmware efi: must be uefi or bios/);
    } finally {
      rmSync(join(w.recipes, "base-uefi.list"), { force: true });
    }
  });
});
