/**
 * A disk image, its RPM mirror and recipes, and a plan, for installs that go wrong on purpose
 * (issue 17, "Bad input and faults"). Unlike installToImage, the installer (the real CLI,
 * `levitate install --plan F --yes`) is started and left running, in its own process group as a
 * shell's foreground job is, so a test can pull the disk out under it, cut its power (SIGKILL to
 * the group) or press Ctrl-C (SIGINT to the group), then attach the same image again, as a
 * reboot does, and install once more.
 *
 * The base system is installToImage's stand-ins plus `slowpost`, whose %post (Lua: the stand-in
 * root has no shell) waits while LEVITATE_TEST_SLOW_POST is set in the installer's environment,
 * after writing /slowpost-started in the target: "packages are being installed" is then a state a
 * test can wait for and act in, not a race. /slowpost-release in the target ends the wait.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type ResultPromise } from "execa";
import { packageRoot } from "../../cli/common.js";
import { buildBaseRpms, DEFAULT_PASSWORD, helloTarball, rpmRecipe } from "../e2e/installToImage.js";
import { startHttpServer, type TestHttpServer } from "../helpers/http-server.js";
import { buildRpm } from "../helpers/rpmbuild.js";

/**
 * 6 GiB and 7 MiB: room for the smallest layout, and a size no other test's image has, so that a
 * loop device another test attaches at the number this one just detached is never taken for it.
 */
export const RIG_IMAGE_BYTES = 6 * 1024 ** 3 + 7 * 1024 ** 2;

export const SLOW_POST_ENV = "LEVITATE_TEST_SLOW_POST";

const SLOW_POST_LUA = [
  `if os.getenv("${SLOW_POST_ENV}") then`,
  `  local f = io.open("/slowpost-started", "w"); f:write("in %post\\n"); f:close()`,
  "  local n = 0",
  `  while not posix.access("/slowpost-release") and n < 180 do posix.sleep(1); n = n + 1 end`,
  "end",
].join("\n");

export const BASE_PACKAGES = ["filesystem", "setup", "kernel", "slowpost"];

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

export interface Run {
  child: ResultPromise;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves once the output matches (rejects when the installer ends first or after `ms`). */
  waitFor(re: RegExp, ms: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name) once the installer has ended. */
  ended: Promise<{ exitCode?: number; signal?: string }>;
}

export interface FaultRig {
  workDir: string;
  imagePath: string;
  target: string;
  planPath: string;
  /** The loop device the image is attached at now ("" while detached). */
  loop: string;
  username: string;
  passwordHash: string;
  /**
   * Attaches the image (a new loop device, as after a reboot) and writes plan and facts for it.
   * The repository has no btrfs-progs recipe (as Rocky 10's has none).
   */
  attach(opts?: { filesystem?: "ext4" | "btrfs" }): string;
  /** What a reboot does to what a dead installer left: unmount everything below the target, detach. */
  reboot(): void;
  /**
   * What a power cut leaves: the disk holds what reached it, nothing that was only in memory. The
   * image file is replaced by a copy of what the loop device has written so far (the filesystems
   * on it neither synced nor unmounted: their dirty pages never reach the copy); the dead
   * installer's mounts are dropped lazily and its loop device detached with the old file, so
   * their late writeback lands in a file nothing reads. Attach again to "boot" the machine.
   */
  powerCut(): void;
  /** Starts `levitate install --plan plan.json --facts facts.json --yes` in its own process group. */
  start(env?: Record<string, string>): Run;
  /** Mountpoints at or below the work directory. */
  mountsLeft(): string[];
  cleanup(): Promise<void>;
}

export async function makeFaultRig(name: string): Promise<FaultRig> {
  const workDir = mkdtempSync(join(tmpdir(), `levitate-faults-${name}-`));
  const imagePath = join(workDir, "disk.img");
  const target = join(workDir, "target");
  const mirror = join(workDir, "mirror");
  const recipes = join(workDir, "recipes");
  const planPath = join(workDir, "plan.json");
  const factsPath = join(workDir, "facts.json");
  writeFileSync(imagePath, "");
  execFileSync("truncate", ["-s", String(RIG_IMAGE_BYTES), imagePath]);
  mkdirSync(recipes, { recursive: true });
  const names = buildBaseRpms(mirror, true, false);
  buildRpm(
    {
      name: "slowpost",
      summary: "waits in %post while a fault test acts",
      files: { "/usr/share/levitate-test/slowpost": "stand-in\n" },
      postLua: SLOW_POST_LUA,
    },
    mirror,
  );
  names.push("slowpost");
  for (const n of names) writeFileSync(join(recipes, `${n}.rhai`), rpmRecipe(n));
  writeFileSync(join(recipes, "base.list"), `${names.join("\n")}\n`);

  const server: TestHttpServer = await startHttpServer();
  const tgz = helloTarball(workDir);
  await server.route("/dl/hello-1.0.tar.gz", tgz);
  const sha = createHash("sha256").update(tgz).digest("hex");
  writeFileSync(
    join(recipes, "hello.rhai"),
    [
      `let pkg = #{ name: "hello", version: "1.0", description: "prints hello", deps: [] };`,
      "let installed = false;",
      "let installed_version = ();",
      "let installed_files = [];",
      "let installed_at = ();",
      "fn install() {",
      `    download("${server.url}/dl/hello-1.0.tar.gz", "sha256:${sha}");`,
      `    extract("tar.gz");`,
      `    install_bin("hello");`,
      "}",
      "",
    ].join("\n"),
  );
  const username = "vince";
  const passwordHash = sh("openssl", ["passwd", "-6", "-salt", "levitatefault", DEFAULT_PASSWORD]);

  /** What the installers this rig started may have left in the temp directory when killed. */
  const started: { pid?: number; output: () => string }[] = [];
  const removeLeftovers = () => {
    for (const r of started) {
      const dirs = new Set(r.output().match(/\/[\w./-]*\/recipe-build-\w+/g) ?? []);
      for (const d of dirs) if (d.startsWith(`${tmpdir()}/`)) rmSync(d, { recursive: true, force: true });
      if (r.pid === undefined) continue;
      for (const f of readdirSync(tmpdir()))
        if (f.startsWith(`levitate-install-${r.pid}-`)) rmSync(join(tmpdir(), f), { force: true });
    }
  };
  const rig: FaultRig = {
    workDir,
    imagePath,
    target,
    planPath,
    loop: "",
    username,
    passwordHash,
    attach(opts = {}) {
      rig.loop = sh("losetup", ["--find", "--show", "--partscan", imagePath]);
      writeFileSync(
        factsPath,
        JSON.stringify({
          mode: "live",
          firmware: "bios",
          disks: [{ path: rig.loop, sizeBytes: RIG_IMAGE_BYTES, model: "loop image", transport: "loop" }],
          users: ["root"],
          recipes: [...names, "hello"].sort(),
          installed: [],
          target,
        }),
      );
      writeFileSync(
        planPath,
        JSON.stringify({
          version: 1,
          mode: "live",
          target,
          steps: [
            {
              tool: "partitionDisk",
              args: { disk: rig.loop, filesystem: opts.filesystem ?? "ext4", efiSize: "512M" },
            },
            { tool: "createUser", args: { username, sudo: true, passwordHash } },
            { tool: "setHostname", args: { hostname: "atlas" } },
            { tool: "installRecipe", args: { name: "hello" } },
          ],
        }),
      );
      return rig.loop;
    },
    reboot() {
      for (const m of rig.mountsLeft()) {
        try {
          execFileSync("umount", [m], { stdio: "pipe" });
        } catch {
          execFileSync("umount", ["-l", m], { stdio: "pipe" });
        }
      }
      if (rig.loop) execFileSync("losetup", ["-d", rig.loop], { stdio: "pipe" });
      rig.loop = "";
    },
    powerCut() {
      const cut = `${imagePath}.cut`;
      // First the copy: every moment after it is writeback a power cut would have lost.
      execFileSync("cp", ["--sparse=always", imagePath, cut]);
      for (const m of rig.mountsLeft()) execFileSync("umount", ["-l", m], { stdio: "pipe" });
      // In use until the lazily unmounted filesystems let go: the kernel detaches it then.
      if (rig.loop) execFileSync("losetup", ["-d", rig.loop], { stdio: "pipe" });
      rig.loop = "";
      renameSync(cut, imagePath);
    },
    start(env = {}) {
      const child = execa(
        process.execPath,
        [
          "--import",
          "tsx",
          join(packageRoot, "cli/levitate.ts"),
          "install",
          "--plan",
          planPath,
          "--facts",
          factsPath,
          "--recipes",
          recipes,
          "--mirror",
          mirror,
          "--yes",
        ],
        {
          cwd: packageRoot,
          reject: false,
          all: true,
          // A process group of its own, as a shell's foreground job: the signals go to all of it.
          detached: true,
          env: { NO_COLOR: "1", RECIPE_MIRRORS: "", ...env },
          stdin: "ignore",
          timeout: 600_000,
        },
      );
      let text = "";
      const waiters: { re: RegExp; ok: () => void }[] = [];
      child.all?.setEncoding("utf8");
      child.all?.on("data", (chunk: string) => {
        text += chunk;
        for (const w of waiters.filter((x) => x.re.test(text))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.ok();
        }
      });
      const ended = child.then((r) => ({
        ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
        ...(r.signal ? { signal: r.signal } : {}),
      }));
      started.push({ pid: child.pid, output: () => text });
      return {
        child,
        output: () => text,
        ended,
        waitFor(re, ms) {
          if (re.test(text)) return Promise.resolve();
          return new Promise<void>((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no ${re} within ${ms} ms:\n${text}`)), ms);
            waiters.push({
              re,
              ok: () => {
                clearTimeout(timer);
                ok();
              },
            });
            void ended.then((e) =>
              fail(new Error(`installer ended (${JSON.stringify(e)}) before ${re}:\n${text}`)),
            );
          });
        },
      };
    },
    mountsLeft() {
      const info = readFileSync("/proc/self/mountinfo", "utf8");
      return info
        .split("\n")
        .map((l) => l.split(" ")[4] ?? "")
        .filter((m) => m === workDir || m.startsWith(`${workDir}/`))
        .sort((a, b) => b.length - a.length);
    },
    async cleanup() {
      await server.close().catch(() => {});
      removeLeftovers();
      try {
        rig.reboot();
      } catch {
        // best effort: the image goes with the directory
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
  return rig;
}

/**
 * Starts the install and returns once it is inside the base system's %post (slowpost waits
 * there), with the base system's step on screen: what a person watching sees at that moment.
 */
export async function startAndWaitForPackages(rig: FaultRig): Promise<Run> {
  const run = rig.start({ [SLOW_POST_ENV]: "1" });
  await waitForFile(join(rig.target, "slowpost-started"), 300_000, run);
  if (!/\[\d+\/\d+\] Install the base system/.test(run.output()))
    throw new Error(`in %post, but the base system's step is not on screen:\n${run.output()}`);
  return run;
}

/** Waits until `path` exists (a file the installer's %post writes in the target). */
export async function waitForFile(path: string, ms: number, run: Run): Promise<void> {
  const until = Date.now() + ms;
  let endedWith: unknown;
  void run.ended.then((e) => {
    endedWith = e;
  });
  while (!existsSync(path)) {
    if (endedWith)
      throw new Error(`installer ended (${JSON.stringify(endedWith)}) before ${path}:\n${run.output()}`);
    if (Date.now() > until) throw new Error(`${path} did not appear within ${ms} ms:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SHA-256 of a whole file (small images only). */
export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
