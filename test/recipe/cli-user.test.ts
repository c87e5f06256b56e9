import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { install } from "../../recipe/api.js";
import { makeWorld, recipe, type World } from "./fixture.js";

const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "cli/recipe.ts");

function cli(w: World, args: string[]) {
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      CLI,
      ...args,
      "--root",
      w.root,
      "--recipes",
      w.recipes,
      "--cache",
      w.cache,
      "--no-progress",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", RECIPE_MIRRORS: "" },
      timeout: 90_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Lines of `text` that mention `needle`. */
const count = (text: string, needle: string) => text.split("\n").filter((l) => l.includes(needle)).length;

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

let w: World | undefined;
afterEach(() => w?.cleanup());

describe("one malformed recipe never breaks list, update or remove for the others", () => {
  it("list shows the good ones and reports each broken file once; update and remove still work", async () => {
    w = makeWorld();
    w.writeRecipe("alpha", recipe("alpha", '    run(["true"]);'));
    w.writeRecipe("broken", 'let pkg = #{ name: "broken", version: "1.0" \nfn install() {}\n');
    w.writeRecipe("badpkg", 'let pkg = #{ name: "badpkg" };\nfn install() {}\n');
    await install(["alpha"], w.opts());
    // A state copy damaged by hand.
    writeFileSync(join(w.root, "etc/recipes/gamma.rhai"), 'let pkg = #{ name: "gamma", version: \n');

    const list = cli(w, ["list"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^alpha\s+1\.0\s+test recipe alpha \[installed 1\.0\]$/m);
    expect(count(list.stderr, "broken")).toBe(1);
    expect(count(list.stderr, "badpkg")).toBe(1);
    expect(count(list.stderr, "gamma")).toBe(1);

    const update = cli(w, ["update"]);
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toContain("alpha 1.0 is up to date");
    expect(count(update.stderr, "gamma")).toBe(1);

    const rm = cli(w, ["remove", "alpha"]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(rm.stdout).toContain("removed alpha");

    const rmBroken = cli(w, ["remove", "gamma"]);
    expect(rmBroken.code).toBe(1);
    expect(rmBroken.stderr).toContain("cannot remove gamma: its state copy cannot be read");
  }, 120_000);
});

describe("what a new user meets", () => {
  it("list hides the base system unless --all; empty results say so", () => {
    w = makeWorld();
    w.writeRecipe("kernel", recipe("kernel", '    run(["true"]);'));
    w.writeRecipe("ripgrep", recipe("ripgrep", '    run(["true"]);'));
    writeFileSync(join(w.recipes, "base.list"), "# the base system\nkernel\n");
    const list = cli(w, ["list"]);
    expect(list.stdout).toContain("ripgrep");
    expect(list.stdout).not.toContain("kernel");
    expect(list.stderr).toContain("1 base-system recipes not shown; --all shows them");
    expect(cli(w, ["list", "--all"]).stdout).toContain("kernel");
    const installed = cli(w, ["list", "--installed"]);
    expect(installed.code).toBe(0);
    expect(installed.stderr).toContain("nothing is installed in");
    const update = cli(w, ["update"]);
    expect(update.stdout).toContain("nothing to update");
    const search = cli(w, ["search", "zzz"]);
    expect(search.code).toBe(1);
    expect(search.stderr).toContain('no recipe name or description contains "zzz"');
  }, 120_000);

  it("an unreachable download is one clear line: no Rhai trace, not printed twice, no retry", async () => {
    w = makeWorld();
    const port = await closedPort();
    w.writeRecipe("net", recipe("net", `    download("http://127.0.0.1:${port}/net-1.0.tar.gz");`));
    const r = cli(w, ["install", "net"]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.at(-1)).toBe(
      `net: download(): cannot download http://127.0.0.1:${port}/net-1.0.tar.gz: 127.0.0.1:${port} refused the connection (net.rhai:9)`,
    );
    expect(count(r.stderr, "cannot download")).toBe(1);
    expect(r.stderr).not.toContain("-->");
    expect(r.stderr).not.toContain("note: in call");
    expect(r.stderr).not.toContain("retrying");
  }, 120_000);

  it("the dry run of a bootstrap without a mirror prints every step, and no engine trace", () => {
    w = makeWorld();
    for (const n of ["filesystem", "bash"])
      w.writeRecipe(n, recipe(n, `    download("rpm:${n}");\n    rpm_install();`));
    writeFileSync(join(w.recipes, "base.list"), "filesystem\nbash\n");
    mkdirSync(join(w.dir, "target"));
    const r = cli(w, ["bootstrap", join(w.dir, "target"), "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("dry run: would install filesystem, bash");
    expect(count(r.stderr, "[no source: no mirror holds it; pass --mirror DIR]")).toBe(2);
    expect(r.stderr).toContain("rpm -U");
    expect(r.stderr).not.toContain("-->");
  }, 120_000);

  it("a closed pipe (recipe list | head) exits quietly", async () => {
    w = makeWorld();
    mkdirSync(w.recipes, { recursive: true });
    for (let i = 0; i < 5; i++) w.writeRecipe(`tool${i}`, recipe(`tool${i}`, '    run(["true"]);'));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CLI, "list", "--root", w.root, "--recipes", w.recipes],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    // The reader is gone before the first line is written.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  }, 120_000);
});
