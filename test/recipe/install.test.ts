import { spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { packageRoot } from "../../cli/common.js";
import { info, install, listRecipes, type ProgressEvent, planInstall, remove } from "../../recipe/api.js";
import { checkUpdates } from "../../recipe/updates.js";
import { startHttpServer, type TestHttpServer } from "../helpers/http-server.js";
import { rawTarGz } from "./archives.js";
import { makeWorld, recipe, sha256, snapshot, type World } from "./fixture.js";

const HELLO = rawTarGz([
  { type: "dir", path: "hello-1.0/" },
  { type: "file", path: "hello-1.0/hello", content: "#!/bin/sh\necho hello\n", mode: 0o755 },
  { type: "file", path: "hello-1.0/doc/hello.1", content: ".TH HELLO 1\n" },
  { type: "file", path: "hello-1.0/share/a/one.txt", content: "one\n" },
  { type: "file", path: "hello-1.0/share/b/two.txt", content: "two\n" },
]);
const EVIL = rawTarGz([
  { type: "file", path: "ok", content: "fine" },
  { type: "file", path: "../evil", content: "pwned" },
]);
const LINK_EVIL = rawTarGz([{ type: "symlink", path: "escape", target: "../../../../../../etc" }]);

let server: TestHttpServer;
let w: World;
let hello: string;

beforeAll(async () => {
  server = await startHttpServer();
  await server.route("/dl/hello-1.0.tar.gz", HELLO);
  await server.route("/dl/evil-1.0.tar.gz", EVIL);
  await server.route("/dl/link-1.0.tar.gz", LINK_EVIL);
  await server.route("/dl/cut-1.0.tar.gz", HELLO, { truncateAt: 100 });
});
afterAll(() => server.close());
beforeEach(() => {
  w = makeWorld();
  hello = recipe(
    "hello",
    `    download("${server.url}/dl/hello-1.0.tar.gz", "${sha256(HELLO)}");
    extract("tar.gz");
    install_bin("hello");
    install_man("doc/hello.1");
    install_to_dir("share/**", "/usr/local/share/hello");`,
  );
  w.writeRecipe("hello", hello);
});
afterEach(() => w.cleanup());

const stateFile = () => join(w.root, "etc/recipes/hello.rhai");

describe("install and remove through the real engine", () => {
  it("installs files, records them, and writes state into the root's copy only", async () => {
    const events: ProgressEvent[] = [];
    const plan = await install(["hello"], w.opts({ now: () => new Date("2025-01-02T03:04:05Z") }), (e) =>
      events.push(e),
    );
    expect(plan.order).toEqual(["hello"]);
    const bin = join(w.root, "usr/local/bin/hello");
    expect(readFileSync(bin, "utf8")).toContain("echo hello");
    expect(statSync(bin).mode & 0o777).toBe(0o755);
    expect(existsSync(join(w.root, "usr/local/share/man/man1/hello.1"))).toBe(true);
    expect(readFileSync(join(w.root, "usr/local/share/hello/b/two.txt"), "utf8")).toBe("two\n");
    // The recipe in the search path is untouched; the state copy has the state.
    expect(readFileSync(join(w.recipes, "hello.rhai"), "utf8")).toBe(hello);
    const s = info("hello", w.opts()).state;
    expect(s).toEqual({
      installed: true,
      installed_version: "1.0",
      installed_files: [
        "/usr/local/bin/hello",
        "/usr/local/share/man/man1/hello.1",
        "/usr/local/share/hello/a/one.txt",
        "/usr/local/share/hello/b/two.txt",
      ],
      installed_at: "2025-01-02T03:04:05.000Z",
    });
    expect(events.map((e) => e.type)).toContain("recipe-done");
    expect(listRecipes([w.recipes], w.root).find((r) => r.name === "hello")?.installed).toBe(true);
  });

  it("dry-run prints exact actions and changes nothing on disk or on the network", async () => {
    const before = { root: snapshot(w.root), recipes: snapshot(w.recipes), cache: snapshot(w.cache) };
    const hits = await server.hits("/dl/hello-1.0.tar.gz");
    const plan = await planInstall(["hello"], w.opts());
    expect({ root: snapshot(w.root), recipes: snapshot(w.recipes), cache: snapshot(w.cache) }).toEqual(
      before,
    );
    expect(await server.hits("/dl/hello-1.0.tar.gz")).toBe(hits);
    expect(plan.actions.map((a) => a.kind)).toEqual([
      "download",
      "extract",
      "install-file",
      "install-file",
      "install-file",
      "write-state",
    ]);
    const dl = plan.actions[0]!;
    expect(dl).toMatchObject({
      kind: "download",
      url: `${server.url}/dl/hello-1.0.tar.gz`,
      checksum: sha256(HELLO),
    });
    expect(plan.actions[2]).toMatchObject({
      kind: "install-file",
      to: join(w.root, "usr/local/bin/hello"),
      mode: 0o755,
    });
    expect(plan.actions.at(-1)).toMatchObject({ kind: "write-state", file: stateFile() });
  });

  it("skips what is installed, reinstalls with force, and removes everything it recorded", async () => {
    await install(["hello"], w.opts({ now: () => new Date("2025-01-01T00:00:00Z") }));
    const again = await install(["hello"], w.opts());
    expect(again.skipped).toEqual(["hello"]);
    await install(["hello"], w.opts({ force: true, now: () => new Date("2025-02-02T00:00:00Z") }));
    expect(info("hello", w.opts()).state.installed_at).toBe("2025-02-02T00:00:00.000Z");
    const gone = await remove(["hello"], w.opts());
    expect(gone.order).toEqual(["hello"]);
    expect(existsSync(join(w.root, "usr/local/bin/hello"))).toBe(false);
    expect(existsSync(join(w.root, "usr/local/share/hello/a/one.txt"))).toBe(false);
    expect(info("hello", w.opts()).state).toEqual({
      installed: false,
      installed_version: null,
      installed_files: [],
      installed_at: null,
    });
    await expect(remove(["hello"], w.opts())).rejects.toThrow(/hello is not installed/);
  });

  it("upgrading removes files the new version no longer installs", async () => {
    await install(["hello"], w.opts());
    w.writeRecipe(
      "hello",
      recipe(
        "hello",
        `    download("${server.url}/dl/hello-1.0.tar.gz", "${sha256(HELLO)}");\n    extract("tar.gz");\n    install_bin("hello");`,
        { version: "2.0" },
      ),
    );
    expect(checkUpdates([], w.opts())[0]).toMatchObject({
      name: "hello",
      installedVersion: "1.0",
      recipeVersion: "2.0",
      updateAvailable: true,
    });
    await install(["hello"], w.opts());
    expect(info("hello", w.opts()).state.installed_files).toEqual(["/usr/local/bin/hello"]);
    expect(existsSync(join(w.root, "usr/local/share/man/man1/hello.1"))).toBe(false);
  });
});

describe("failures change nothing", () => {
  const failsCleanly = async (name: string, body: string, message: RegExp, extra = {}) => {
    w.writeRecipe(name, recipe(name, body));
    const before = snapshot(w.root);
    await expect(install([name], w.opts(extra))).rejects.toThrow(message);
    expect(snapshot(w.root)).toEqual(before);
    expect(existsSync(join(w.root, `etc/recipes/${name}.rhai`))).toBe(false);
  };

  it("checksum mismatch", () =>
    failsCleanly(
      "bad",
      `    download("${server.url}/dl/hello-1.0.tar.gz", "sha256:${"0".repeat(64)}");`,
      /checksum mismatch/,
    ));
  it("truncated download", () =>
    failsCleanly(
      "cut",
      `    download("${server.url}/dl/cut-1.0.tar.gz", "${sha256(HELLO)}");`,
      /cut-1\.0\.tar\.gz.*(truncated|terminated|closed|socket)/is,
    ));
  it("a tarball with ../evil", async () => {
    await failsCleanly(
      "evil",
      `    download("${server.url}/dl/evil-1.0.tar.gz");\n    extract("tar.gz");`,
      /\.\.\/evil.*climbs out/,
    );
    expect(existsSync(join(w.dir, "evil"))).toBe(false);
  });
  it("a tarball with a symlink escaping the directory", () =>
    failsCleanly(
      "link",
      `    download("${server.url}/dl/link-1.0.tar.gz");\n    extract("tar.gz");`,
      /symlink "escape".*escapes/,
    ));

  it("a recipe that throws midway: installed files removed, replaced ones restored", async () => {
    mkdirSync(join(w.root, "usr/local/bin"), { recursive: true });
    writeFileSync(join(w.root, "usr/local/bin/hello"), "the admin's own hello\n");
    const before = snapshot(w.root);
    w.writeRecipe(
      "thrower",
      recipe(
        "thrower",
        `    download("${server.url}/dl/hello-1.0.tar.gz", "${sha256(HELLO)}");
    extract("tar.gz");
    install_bin("hello");
    install_man("doc/hello.1");
    throw "upstream changed the layout";`,
      ),
    );
    const events: ProgressEvent[] = [];
    await expect(install(["thrower"], w.opts(), (e) => events.push(e))).rejects.toThrow(
      /thrower: install\(\) failed.*upstream changed the layout/s,
    );
    expect(readFileSync(join(w.root, "usr/local/bin/hello"), "utf8")).toBe("the admin's own hello\n");
    expect(existsSync(join(w.root, "usr/local/share/man"))).toBe(false);
    expect(snapshot(w.root)).toEqual(before);
    expect(events.some((e) => e.type === "rollback")).toBe(true);
  });

  it("a recipe that loops forever hits the operation limit", async () => {
    const t0 = Date.now();
    await failsCleanly(
      "looper",
      `    install_to_dir("x", "/opt");\n    loop { }`,
      /install_to_dir|operations/i,
    );
    w.writeRecipe("spin", recipe("spin", "    let i = 0;\n    loop { i += 1; }"));
    await expect(install(["spin"], w.opts({ limits: { maxOperations: 200_000 } }))).rejects.toThrow(
      /operations/i,
    );
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("helpers refuse paths outside the build dir and the target", async () => {
    await failsCleanly("escape", `    install_bin("../../../../etc/passwd");`, /outside the build directory/);
    w.writeRecipe("topdl", recipe("topdl", "", { top: `download("${server.url}/dl/hello-1.0.tar.gz");` }));
    await expect(install(["topdl"], w.opts())).rejects.toThrow(/may only be called from install\(\)/);
  });

  it("an invalid pkg map is refused with the field named", async () => {
    w.writeRecipe("broken", 'let pkg = #{ name: "broken", deps: "none" };\nfn install() {}\n');
    await expect(install(["broken"], w.opts())).rejects.toThrow(
      /pkg\.version.*pkg\.deps|pkg\.deps.*pkg\.version/s,
    );
  });
});

describe("dependencies", () => {
  it("installs in topological order and protects installed dependents", async () => {
    const noop = `    install_to_dir("x", "/opt");`;
    void noop;
    const body = (n: string) =>
      `    download("${server.url}/dl/hello-1.0.tar.gz", "${sha256(HELLO)}");\n    extract("tar.gz");\n    install_bin("hello", "${n}");`;
    w.writeRecipe("base", recipe("base", body("base")));
    w.writeRecipe("lib", recipe("lib", body("lib"), { deps: ["base"] }));
    w.writeRecipe("app", recipe("app", body("app"), { deps: ["lib", "base"] }));
    const plan = await install(["app"], w.opts());
    expect(plan.order).toEqual(["base", "lib", "app"]);
    await expect(remove(["base"], w.opts())).rejects.toThrow(
      "cannot remove base: installed app, lib depend on it; remove them too, or use --force",
    );
    const r = await remove(["base", "lib", "app"], w.opts());
    expect(r.order).toEqual(["app", "lib", "base"]);
  });

  it("reports cycles and missing recipes by name", async () => {
    w.writeRecipe("ca", recipe("ca", "", { deps: ["cb"] }));
    w.writeRecipe("cb", recipe("cb", "", { deps: ["ca"] }));
    w.writeRecipe("needy", recipe("needy", "", { deps: ["nope"] }));
    await expect(planInstall(["ca"], w.opts())).rejects.toThrow("dependency cycle: ca -> cb -> ca");
    await expect(planInstall(["needy"], w.opts())).rejects.toThrow('no recipe for "nope" (needed by needy)');
  });
});

describe("state write-back", () => {
  const golden = (f: string) => readFileSync(join(import.meta.dirname, "golden", f), "utf8");

  it("rewrites only the state values, byte for byte elsewhere (golden files)", async () => {
    const tgz = rawTarGz([
      { type: "file", path: "golden-1.0/bin/golden", content: "#!/bin/sh\n", mode: 0o755 },
      { type: "file", path: "golden-1.0/golden.1", content: ".TH G 1\n" },
    ]);
    writeFileSync(join(w.mirror, "golden-1.0.tar.gz"), tgz);
    w.writeRecipe("golden", golden("golden.rhai"));
    const opts = w.opts({ mirrors: [w.mirror], now: () => new Date("2025-01-02T03:04:05Z") });
    await install(["golden"], opts);
    expect(readFileSync(join(w.root, "etc/recipes/golden.rhai"), "utf8")).toBe(
      golden("golden.installed.rhai"),
    );
    await remove(["golden"], opts);
    expect(readFileSync(join(w.root, "etc/recipes/golden.rhai"), "utf8")).toBe(golden("golden.removed.rhai"));
  });

  it("concurrent installs of one recipe: one installs, the other waits and finds it done", async () => {
    w.writeRecipe(
      "slow",
      recipe(
        "slow",
        `    download("${server.url}/dl/hello-1.0.tar.gz", "${sha256(HELLO)}");\n    extract("tar.gz");\n    run(["sleep", "1"]);\n    install_bin("hello", "slow");`,
      ),
    );
    const cli = join(packageRoot, "cli", "recipe.ts");
    const runCli = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            cli,
            "install",
            "slow",
            "--root",
            w.root,
            "--recipes",
            w.recipes,
            "--cache",
            w.cache,
            "--json",
            "--no-progress",
          ],
          { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RECIPE_MIRRORS: "" } },
        );
        let out = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (out += d));
        p.on("exit", (code) => resolve({ code, out }));
      });
    const [a, b] = await Promise.all([runCli(), runCli()]);
    expect(a.code, a.out).toBe(0);
    expect(b.code, b.out).toBe(0);
    const plans = [a, b].map((r) => JSON.parse(r.out.slice(r.out.indexOf("{"))) as { skipped: string[] });
    expect(plans.map((p) => p.skipped.length).sort()).toEqual([0, 1]);
    expect(info("slow", w.opts()).state.installed_files).toEqual(["/usr/local/bin/slow"]);
    expect(existsSync(join(w.root, "etc/recipes/slow.rhai.lock"))).toBe(false);
  }, 60_000);

  it("install_link records a link inside the target", async () => {
    w.writeRecipe(
      "linker",
      recipe(
        "linker",
        `    download("${server.url}/dl/hello-1.0.tar.gz", "${sha256(HELLO)}");\n    extract("tar.gz");\n    install_to_dir("hello", "/usr/local/lib/linker", 0o755);\n    install_link("/usr/local/lib/linker/hello", "/usr/local/bin/linker");`,
      ),
    );
    await install(["linker"], w.opts());
    const link = join(w.root, "usr/local/bin/linker");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("/usr/local/lib/linker/hello");
    await remove(["linker"], w.opts());
    expect(lstatSync(link, { throwIfNoEntry: false })).toBeUndefined();
  });
});
