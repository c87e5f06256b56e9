/**
 * Attacker 28 M6, M10, L1: one rule for every path a recipe installs or removes, by any function:
 * never the manager's own directories (/etc/recipes, /usr/lib/levitate, recipe dirs) nor the
 * toolkit's commands (/usr/bin/recipe, levitate, leviso, rhai-run and their shadows earlier on PATH).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { install, remove } from "../../recipe/api.js";
import { ownedDirs } from "../../recipe/ownedDirs.js";
import { rpmPayloadRefusal } from "../../recipe/rpmPayloadGuard.js";
import { describeWithTools } from "../helpers/env.js";
import { fetchToolLines, makeWorld, recipe, type World } from "../recipe/fixture.js";

let w: World;
let fetchTool: string;
beforeEach(() => {
  w = makeWorld();
  fetchTool = fetchToolLines(w);
});
afterEach(() => w.cleanup());

const put = (rel: string, text: string) => {
  const p = join(w.root, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const errOf = (p: Promise<unknown>) =>
  p.then(
    () => "",
    (e: Error) => e.message,
  );

describe("L1: the toolkit's commands are never a recipe's destination", () => {
  it.each([
    [
      "install_to_dir into /usr/bin",
      `    install_to_dir("bin/tool", "/usr/bin/recipe");`,
      "/usr/bin/recipe/tool",
    ],
    ["install_bin named recipe", `    install_bin("bin/tool", "recipe");`, "/usr/local/bin/recipe"],
    [
      "install_link over levitate",
      `    install_link("/usr/local/bin/x", "/usr/bin/levitate");`,
      "/usr/bin/levitate",
    ],
  ])("%s", async (_n, body, path) => {
    const wrapper = put("usr/bin/recipe", "#!/bin/sh\nexec node /usr/lib/levitate/dist/cli/recipe.js\n");
    w.writeRecipe("ed", recipe("ed", `${fetchTool}${body}`));
    const err = await errOf(install(["ed"], w.opts()));
    if (path === "/usr/bin/recipe/tool")
      expect(err).not.toBe(""); // a file is no directory
    else expect(err).toMatch(/the toolkit's own command; no recipe may write there/);
    expect(readFileSync(wrapper, "utf8")).toMatch(/exec node/);
  });

  it("install_to_dir of a file named recipe into /usr/bin is refused by name", async () => {
    const wrapper = put("usr/bin/recipe", "WRAPPER");
    w.writeRecipe("ed2", recipe("ed2", `${fetchTool}    install_to_dir("bin/*", "/usr/bin");`));
    // the tarball's file is bin/tool: /usr/bin/tool is an ordinary destination (near miss)
    await install(["ed2"], w.opts());
    expect(existsSync(join(w.root, "usr/bin/tool"))).toBe(true);
    expect(readFileSync(wrapper, "utf8")).toBe("WRAPPER");
    const owned = ownedDirs(w.root, [w.recipes]).filter((d) => d.file);
    expect(owned.map((d) => d.shown)).toContain("/usr/bin/recipe");
    expect(owned.map((d) => d.shown)).toContain("/usr/local/bin/levitate");
    expect(owned.map((d) => d.shown)).not.toContain("/usr/bin/tool");
  });
});

describe("M6: recipe remove leaves state entries in the manager's own places", () => {
  it("another recipe's state, a shipped recipe and a wrapper stay; the recipe's own file goes", async () => {
    w.writeRecipe("dl", recipe("dl", `${fetchTool}    install_bin("bin/tool", "dl-tool");`));
    await install(["dl"], w.opts());
    const other = put("etc/recipes/other.rhai", "OTHER STATE");
    const shipped = put("usr/lib/levitate/recipes/victim.rhai", "SHIPPED");
    const wrapper = put("usr/bin/recipe", "WRAPPER");
    const st = join(w.root, "etc/recipes/dl.rhai");
    writeFileSync(
      st,
      readFileSync(st, "utf8").replace(
        /let installed_files = \[/,
        'let installed_files = ["/etc/recipes/other.rhai", "/usr/lib/levitate/recipes/victim.rhai", "/usr/bin/recipe", ',
      ),
    );
    const dry = await remove(["dl"], w.opts({ dryRun: true }));
    expect(JSON.stringify(dry.actions)).not.toMatch(/victim\.rhai|other\.rhai|usr\/bin\/recipe/);
    expect((dry.notes ?? []).join("\n")).toMatch(
      /victim\.rhai" is inside \/usr\/lib\/levitate.*left in place/,
    );
    const res = await remove(["dl"], w.opts());
    const notes = res.notes ?? [];
    expect(readFileSync(other, "utf8")).toBe("OTHER STATE");
    expect(readFileSync(shipped, "utf8")).toBe("SHIPPED");
    expect(readFileSync(wrapper, "utf8")).toBe("WRAPPER");
    expect(existsSync(join(w.root, "usr/local/bin/dl-tool"))).toBe(false);
    expect(notes.join("\n")).toMatch(/"\/etc\/recipes\/other.rhai" is inside \/etc\/recipes.*left in place/);
    expect(notes.join("\n")).toMatch(/"\/usr\/bin\/recipe" is \/usr\/bin\/recipe, the toolkit's own command/);
  });
});

describeWithTools("M10: rpm_install's payload is held to the same rule", ["rpm", "rpmbuild"], () => {
  let built = 0;
  function buildRpm(name: string, files: string[]): string {
    const top = join(w.dir, `rpmb-${name}-${++built}`);
    const br = join(top, "br");
    for (const f of files) {
      mkdirSync(join(br, f, ".."), { recursive: true });
      writeFileSync(join(br, f), `payload ${f}\n`);
    }
    const spec = join(top, "x.spec");
    writeFileSync(
      spec,
      [
        "%define __spec_install_post %{nil}",
        "%define debug_package %{nil}",
        "%define _build_id_links none",
        `Name: ${name}`,
        "Version: 1.0",
        "Release: 1",
        "Summary: t",
        "License: MIT",
        "BuildArch: noarch",
        "AutoReqProv: no",
        "%description",
        "t",
        "%install",
        `cp -a '${br}/.' '%{buildroot}/'`,
        "%files",
        ...files.map((f) => `"${f}"`),
        "",
      ].join("\n"),
    );
    execFileSync("rpmbuild", ["-bb", "--define", `_topdir ${top}`, spec], { stdio: "pipe" });
    return join(top, "RPMS/noarch", `${name}-1.0-1.noarch.rpm`);
  }

  it("an RPM listing /usr/lib/levitate/recipes or /etc/recipes is refused before rpm runs", () => {
    const bad = buildRpm("evil", ["/usr/lib/levitate/recipes/victim.rhai", "/etc/recipes/exabs.rhai"]);
    const owned = ownedDirs(w.root, [w.recipes]);
    expect(rpmPayloadRefusal(bad, w.root, owned)).toMatch(
      /evil-1.0-1.noarch.rpm installs "\/(usr\/lib\/levitate|etc)\/recipes\/\w+\.rhai", which is inside .*rpm was not run/,
    );
    const wrap = buildRpm("wrap", ["/usr/bin/recipe"]);
    expect(rpmPayloadRefusal(wrap, w.root, owned)).toMatch(/the toolkit's own command/);
    const ok = buildRpm("okpkg", ["/usr/bin/okpkg", "/usr/lib/levitate-extra/x"]);
    expect(rpmPayloadRefusal(ok, w.root, owned)).toBeUndefined();
    expect(rpmPayloadRefusal(join(w.dir, "missing.rpm"), w.root, owned)).toBeUndefined();
  }, 60_000);

  it("the toolkit's own package (levitate-toolkit, by its recipe of that name) writes the toolkit, never the state copies", () => {
    const owned = ownedDirs(w.root, [w.recipes, join(w.root, "usr/lib/levitate/recipes")]);
    const toolkit = buildRpm("levitate-toolkit", [
      "/usr/bin/recipe",
      "/usr/bin/leviso",
      "/usr/lib/levitate/dist/cli/levitate.js",
      "/usr/lib/levitate/recipes/fd.rhai",
    ]);
    // The base set's recipe of that name installs it: the chain's install and an upgrade.
    expect(rpmPayloadRefusal(toolkit, w.root, owned, "levitate-toolkit")).toBeUndefined();
    // Another recipe that downloads the same file is refused as before.
    expect(rpmPayloadRefusal(toolkit, w.root, owned, "other")).toMatch(
      /the toolkit's own command|inside \/usr\/lib\/levitate/,
    );
    expect(rpmPayloadRefusal(toolkit, w.root, owned)).toMatch(/rpm was not run/);
    // A package named so by a recipe named so still may not touch another recipe's state.
    const state = buildRpm("levitate-toolkit", ["/usr/bin/recipe", "/etc/recipes/other.rhai"]);
    expect(rpmPayloadRefusal(state, w.root, owned, "levitate-toolkit")).toMatch(
      /"\/etc\/recipes\/other.rhai", which is inside \/etc\/recipes/,
    );
    // The header's name counts, not the file name or the recipe's name alone.
    const renamed = buildRpm("evil", ["/usr/bin/recipe"]);
    expect(rpmPayloadRefusal(renamed, w.root, owned, "levitate-toolkit")).toMatch(
      /the toolkit's own command/,
    );
  }, 60_000);
});
