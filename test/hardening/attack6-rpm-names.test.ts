import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install, remove } from "../../recipe/api.js";
import { untrustedParts } from "../../recipe/journal.js";
import { RecipeError } from "../../recipe/loader.js";
import { ROCKY_RPM_DBPATH, rpmRootArgv } from "../../recipe/rpmdb.js";
import { makeWorld, recipe, sha256, type World } from "../recipe/fixture.js";

/**
 * Attack 6 C1: `installed_files: ["rpm:--eval=%(cmd)", "rpm:--root=/"]` in a root's state copy
 * went to `rpm -e` as options during `recipe remove`: a shell command ran as root on the host and
 * the erase could be aimed at the host's database. A state entry that is not a package name is now
 * refused when the state is read, and rpm gets "--" ahead of the names it is given.
 *
 * A fake `rpm` on PATH records its argv, so the tests need no rpm and see exactly what would run.
 */
describe("rpm names from a state file or a recipe never reach rpm as options (attack 6 C1)", () => {
  let w: World;
  let rpmLog: string;
  let pwned: string;
  const savedPath = process.env.PATH;

  beforeEach(() => {
    w = makeWorld();
    const bin = join(w.dir, "bin");
    mkdirSync(bin);
    rpmLog = join(w.dir, "rpm-argv.log");
    pwned = join(w.dir, "PWNED");
    writeFileSync(
      join(bin, "rpm"),
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> '${rpmLog}'; done\necho --- >> '${rpmLog}'\nexit 0\n`,
    );
    chmodSync(join(bin, "rpm"), 0o755);
    process.env.PATH = `${bin}:${savedPath}`;
    // An rpm database, so remove and install go straight to the command under test.
    mkdirSync(join(w.root, ROCKY_RPM_DBPATH), { recursive: true });
    writeFileSync(join(w.root, ROCKY_RPM_DBPATH, "rpmdb.sqlite"), "");
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    w.cleanup();
  });

  const stateCopy = (files: string[]) => {
    const dir = join(w.root, "etc/recipes");
    mkdirSync(dir, { recursive: true });
    const f = join(dir, "st.rhai");
    writeFileSync(
      f,
      `let pkg = #{ name: "st", version: "1.0", description: "crafted state" };
let installed = true;
let installed_version = "1.0";
let installed_files = [${files.map((x) => JSON.stringify(x)).join(", ")}];
let installed_at = "2026-01-01T00:00:00Z";
fn install() { }
`,
    );
    return f;
  };

  it("the report's state: refused before anything runs, naming the entries and the fix; the file is kept", async () => {
    const f = stateCopy([
      `rpm:--root=${join(w.dir, "otherroot")}`,
      `rpm:--eval=%(touch ${pwned})`,
      "rpm:zzz",
    ]);
    const before = readFileSync(f, "utf8");
    const err = await remove(["st"], w.opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecipeError);
    const msg = (err as Error).message;
    expect(msg).toContain('"rpm:--eval=%(touch');
    expect(msg).toContain("rpm:--root=");
    expect(msg).toMatch(/not starting with "-"/);
    expect(msg).toMatch(/correct or delete those entries/);
    expect(msg).not.toContain('"rpm:zzz"');
    expect(existsSync(rpmLog), "rpm ran").toBe(false);
    expect(existsSync(pwned)).toBe(false);
    expect(readFileSync(f, "utf8")).toBe(before);
  });

  it("other entries that no install writes (a relative path, an option-like name, an empty name) are refused too", async () => {
    for (const bad of ["usr/bin/x", "rpm:-e", "rpm:", "rpm:a b", "rpm:x;touch y"]) {
      stateCopy(["/usr/bin/ok", bad]);
      const err = await remove(["st"], w.opts()).catch((e: unknown) => e);
      expect(err, bad).toBeInstanceOf(RecipeError);
      expect((err as Error).message, bad).toContain(JSON.stringify(bad));
    }
    expect(existsSync(rpmLog)).toBe(false);
  });

  it("a well-formed state removes its packages with '--' ahead of the names", async () => {
    stateCopy(["rpm:zzz", "rpm:libstdc++", "rpm:my_pkg.x"]);
    await remove(["st"], w.opts());
    const argv = readFileSync(rpmLog, "utf8").split("\n---\n")[0]!.split("\n");
    const e = argv.indexOf("-e");
    expect(e).toBeGreaterThan(0);
    expect(argv.slice(e + 1)).toEqual(["--", "my_pkg.x", "libstdc++", "zzz"]);
  });

  it("a recipe that downloads an RPM whose name starts with '-' is refused before rpm runs", async () => {
    const evil = join(w.dir, "--eval=%(touch_PWNED)-1-1.x86_64.rpm");
    writeFileSync(evil, "not really an rpm");
    const url = `file://${encodeURI(evil)}`;
    w.writeRecipe(
      "t-evil",
      recipe(
        "t-evil",
        `    download(${JSON.stringify(url)}, "${sha256(readFileSync(evil))}");\n    rpm_install();`,
      ),
    );
    const err = await install(["t-evil"], w.opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/does not name an rpm package/);
    expect(existsSync(rpmLog), "rpm ran").toBe(false);
    expect(existsSync(join(w.root, "etc/recipes/t-evil.rhai"))).toBe(false);
  });

  it("recovery refuses a journal whose rpm -e names start with '-', with or without '--'", () => {
    const root = w.root;
    const t = { root, dbpath: ROCKY_RPM_DBPATH, buildParent: w.dir };
    const header = { pid: 1, host: "h", buildRoot: join(w.dir, "recipe-build-abcdef"), locks: [] };
    const prefix = rpmRootArgv(root, ROCKY_RPM_DBPATH, "-e", "--nodeps");
    const check = (argv: string[]) =>
      // biome-ignore lint/suspicious/noExplicitAny: the header's other fields do not matter here
      untrustedParts(header as any, [{ op: "undo-argv", argv }], t, join(root, "etc/recipes"));
    expect(check([...prefix, "--", "zzz"])).toEqual([]);
    expect(check([...prefix, "zzz"])).toEqual([]);
    expect(check([...prefix, "--", "--eval=%(id)"])).toHaveLength(1);
    expect(check([...prefix, "--eval=%(id)"])).toHaveLength(1);
    expect(check([...prefix, "--"])).toHaveLength(1);
  });
});
