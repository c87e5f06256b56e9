import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, recipe, type World } from "./fixture.js";

const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "cli/recipe.ts");

const argv = (w: World, args: string[]) => [
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
];
// TMPDIR puts the command's build folder in the world, where the test can see it is gone.
const env = (w: World, extra: Record<string, string> = {}) => ({
  ...process.env,
  NO_COLOR: "1",
  RECIPE_MIRRORS: "",
  TMPDIR: w.dir,
  ...extra,
});

function cli(w: World, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, argv(w, args), {
    cwd: ROOT,
    encoding: "utf8",
    env: env(w, extra),
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let world: World | undefined;
const sockets = new Set<Socket>();
let server: Server | ReturnType<typeof createNetServer> | undefined;
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  world?.cleanup();
  world = undefined;
});

/** A server that sends headers for 10 MiB, then 1 KiB every 50 ms; `requested` settles on the first request. */
async function trickleServer(): Promise<{ port: number; requested: Promise<void> }> {
  let hit!: () => void;
  const requested = new Promise<void>((r) => (hit = r));
  const s = createHttpServer((_req, res) => {
    res.writeHead(200, { "content-length": String(10 * 1024 ** 2) });
    const t = setInterval(() => res.write(Buffer.alloc(1024, 120)), 50);
    res.on("close", () => clearInterval(t));
    hit();
  });
  s.on("connection", (c) => {
    sockets.add(c);
    c.on("close", () => sockets.delete(c));
  });
  server = s;
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return { port: (s.address() as AddressInfo).port, requested };
}

const USER_FILE = "usr/local/bin/tool";

function setUp(port: number): World {
  const w = makeWorld();
  world = w;
  writeFileSync(join(w.dir, "tool"), "#!/bin/sh\necho recipe tool\n");
  mkdirSync(join(w.root, "usr/local/bin"), { recursive: true });
  writeFileSync(join(w.root, USER_FILE), "ORIGINAL\n");
  w.writeRecipe(
    "n-slow",
    recipe(
      "n-slow",
      `  download("file://${join(w.dir, "tool")}");
  install_bin("tool");
  download("http://127.0.0.1:${port}/slow.bin");`,
    ),
  );
  return w;
}

/**
 * `crash`: the worker runs alone (no supervisor, recipe/supervise.ts) and is killed with SIGKILL,
 * as a power cut would: the rollback is left to the next command. Otherwise the `recipe` process
 * gets `signal`, and its supervisor rolls back at once.
 */
async function interruptedInstall(signal: "SIGINT" | "SIGTERM" | "SIGHUP" | "SIGKILL", crash = false) {
  const { port, requested } = await trickleServer();
  const w = setUp(port);
  const child = spawn(process.execPath, argv(w, ["install", "n-slow"]), {
    cwd: ROOT,
    env: env(w, crash ? { RECIPE_SUPERVISED_WORKER: "1" } : {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (b) => (stderr += b));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on("exit", (code, sig) => r({ code, signal: sig })),
  );
  await Promise.race([
    requested,
    exited.then(() => {
      throw new Error(`install ended before the slow download began: ${stderr}`);
    }),
  ]);
  await new Promise((r) => setTimeout(r, 300));
  // The scenario: the user's file is already replaced when the signal comes.
  expect(readFileSync(join(w.root, USER_FILE), "utf8")).toContain("recipe tool");
  child.kill(signal); // The recipe process only, not its fetch child.
  const end = await exited;
  expect(end.signal).toBe(signal);
  return { w, stderr };
}

/** `dirsMade`: the supervisor's own rollback also takes away the state directory the install made. */
function expectUntouched(w: World, dirsMade = false) {
  expect(readFileSync(join(w.root, USER_FILE), "utf8")).toBe("ORIGINAL\n");
  expect(readdirSync(join(w.root, "usr/local/bin"))).toEqual(["tool"]); // no hidden backup left
  const sd = join(w.root, "etc/recipes");
  // No state copy, no lock, no journal.
  expect(existsSync(sd) ? readdirSync(sd) : []).toEqual([]);
  // Nor the state directory the install made (attacker 13 L2: "as it was before" had left it).
  if (dirsMade) expect(existsSync(join(w.root, "etc"))).toBe(false);
  expect(readdirSync(w.dir).filter((n) => n.startsWith("recipe-build-"))).toEqual([]);
}

describe("an install killed by a signal loses nothing", () => {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    it(`${signal} during a download: rolled back at once and said; install + remove later restores the user's file`, async () => {
      const { w, stderr } = await interruptedInstall(signal);
      expect(stderr).toMatch(
        /stopped by .*during the install of n-slow; rolled back: .* is as it was before/,
      );
      expectUntouched(w, true);
      const list = cli(w, ["list", "--installed"]);
      expect(list.code).toBe(0);
      // Recovery is done once: the next command says nothing more.
      expect(cli(w, ["list"]).stderr).not.toMatch(/rolled back/);

      // The same recipe without the slow download installs and removes cleanly over the user's file.
      w.writeRecipe(
        "n-slow",
        recipe("n-slow", `  download("file://${join(w.dir, "tool")}");\n  install_bin("tool");`),
      );
      const inst = cli(w, ["install", "n-slow"]);
      expect(inst.stderr).not.toMatch(/rolled back/);
      expect(inst.code).toBe(0);
      expect(readFileSync(join(w.root, USER_FILE), "utf8")).toContain("recipe tool");
      // The user's file is kept beside it until the recipe is removed.
      expect(readFileSync(join(w.root, "usr/local/bin/.tool.recipe-orig"), "utf8")).toBe("ORIGINAL\n");
      const rm = cli(w, ["remove", "n-slow"]);
      expect(rm.code).toBe(0);
      expect(readFileSync(join(w.root, USER_FILE), "utf8")).toBe("ORIGINAL\n");
      expect(readdirSync(join(w.root, "usr/local/bin"))).toEqual(["tool"]);
    }, 120_000);
  }

  it("a crash (SIGKILL, no supervisor): the next command rolls it back", async () => {
    const { w } = await interruptedInstall("SIGKILL", true);
    const list = cli(w, ["list", "--installed"]);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/rolled back an install that was interrupted \(process \d+\)/);
    expectUntouched(w);
    expect(cli(w, ["list"]).stderr).not.toMatch(/rolled back/);
  }, 120_000);

  it("an install command that finds the crashed one rolls it back before it starts", async () => {
    const { w } = await interruptedInstall("SIGKILL", true);
    w.writeRecipe(
      "n-slow",
      recipe("n-slow", `  download("file://${join(w.dir, "tool")}");\n  install_bin("tool");`),
    );
    const inst = cli(w, ["install", "n-slow"]);
    expect(inst.code).toBe(0);
    expect(inst.stderr).toMatch(/rolled back an install that was interrupted/);
    expect(readdirSync(join(w.root, "usr/local/bin")).sort()).toEqual([".tool.recipe-orig", "tool"]);
    expect(readFileSync(join(w.root, "usr/local/bin/.tool.recipe-orig"), "utf8")).toBe("ORIGINAL\n");
    expect(readdirSync(join(w.root, "etc/recipes"))).toEqual(["n-slow.rhai"]);
  }, 120_000);
});

describe("the download idle timeout", () => {
  it("gives up on a server that accepts and never answers after RECIPE_DOWNLOAD_IDLE_S, retrying once", async () => {
    let connections = 0;
    const s = createNetServer((c) => {
      connections++;
      sockets.add(c); // Accepted, never answered.
    });
    server = s;
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    const port = (s.address() as AddressInfo).port;
    const w = makeWorld();
    world = w;
    w.writeRecipe("mute", recipe("mute", `  download("http://127.0.0.1:${port}/mute.tar.gz");`));
    const t0 = Date.now();
    // Spawned, not spawnSync: the server needs this process's event loop to accept.
    const child = spawn(process.execPath, argv(w, ["install", "mute"]), {
      cwd: ROOT,
      env: env(w, { RECIPE_DOWNLOAD_IDLE_S: "1" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (b) => (stderr += b));
    const code = await new Promise<number | null>((res) => child.on("exit", (c) => res(c)));
    const r = { code, stderr };
    const took = Date.now() - t0;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no data for 1 s from http://127.0.0.1:${port}/mute.tar.gz`);
    // Each attempt connects (undici may open a spare connection too): at least the retry came.
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(took).toBeLessThan(30_000);
    expect(existsSync(join(w.root, "etc/recipes/mute.rhai"))).toBe(false);
  }, 60_000);

  it("a bad RECIPE_DOWNLOAD_IDLE_S is refused, naming the fix", () => {
    const w = makeWorld();
    world = w;
    w.writeRecipe("x", recipe("x", `  print("x");`));
    const r = cli(w, ["install", "x"], { RECIPE_DOWNLOAD_IDLE_S: "soon" });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('RECIPE_DOWNLOAD_IDLE_S="soon" is not a number of seconds');
  });
});
