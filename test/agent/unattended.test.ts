import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_COUNTDOWN_SECONDS,
  parsePlanSource,
  splitCmdline,
  unattendedFromCmdline,
} from "../../agent/unattended/cmdline.js";
import { runUnattended, type UnattendedDeps } from "../../agent/unattended/run.js";
import { fetchPlan, PlanSourceError } from "../../agent/unattended/source.js";
import { FactsSchema } from "../../facts/schema.js";
import { planShutdownOf } from "../../tools/planFile.js";
import { describeRoot } from "../helpers/env.js";
import { startHttpServer, type TestHttpServer } from "../helpers/http-server.js";

const ROOT = join(import.meta.dirname, "../..");
const LIVE_FACTS = join(ROOT, "test/agent/fixtures/live-two-disks.json");
const HASH =
  "$6$levitatetest$tYmLuv8bdM1H9sQ7aBA2.864b5DfjS5ZkYVXDRQBAAbalx0PpQ732T4FRcKh.p8q7BqHCHb7kwGExUkNQHMNV/";

function plan(
  extra: Record<string, unknown> = {},
  userArgs: Record<string, unknown> = { passwordHash: HASH },
) {
  return JSON.stringify({
    version: 1,
    mode: "live",
    steps: [
      { tool: "partitionDisk", args: { disk: "/dev/sda", filesystem: "ext4" } },
      { tool: "createUser", args: { username: "ops", sudo: true, ...userArgs } },
      { tool: "setHostname", args: { hostname: "web01" } },
      { tool: "installRecipe", args: { name: "fd" } },
    ],
    ...extra,
  });
}

describe("levitate.plan= on the kernel command line", () => {
  it("splits like the kernel: quotes group words and are dropped", () => {
    expect(splitCmdline(' BOOT_IMAGE=/vmlinuz  a="b c" quiet\n')).toEqual([
      "BOOT_IMAGE=/vmlinuz",
      "a=b c",
      "quiet",
    ]);
    expect(splitCmdline("")).toEqual([]);
  });

  it("reads a label source, a URL, a file, and the countdown; the last levitate.plan= wins", () => {
    const r = unattendedFromCmdline(
      "root=live:CDLABEL=X console=ttyS0 levitate.plan=/tmp/old.json levitate.plan=LABEL=PLANS:/web01.json levitate.plan.countdown=3",
    );
    expect(r).toEqual({
      ok: true,
      request: { source: { kind: "label", label: "PLANS", path: "/web01.json" }, countdownSeconds: 3 },
    });
    const u = unattendedFromCmdline("levitate.plan=http://10.0.0.1:8080/plans/web.json");
    expect(u.ok && u.request).toEqual({
      source: { kind: "url", url: "http://10.0.0.1:8080/plans/web.json" },
      countdownSeconds: DEFAULT_COUNTDOWN_SECONDS,
    });
    expect(parsePlanSource("/run/plan.json")).toEqual({
      ok: true,
      source: { kind: "file", path: "/run/plan.json" },
    });
    expect(parsePlanSource("LABEL=MY:DISK:/a b.json")).toEqual({
      ok: true,
      source: { kind: "label", label: "MY:DISK", path: "/a b.json" },
    });
  });

  it("is absent on a normal boot (no request, no error)", () => {
    expect(unattendedFromCmdline("quiet splash levitate.noautostart")).toEqual({ ok: true, request: null });
  });

  it("names the parameter and the fix for each bad value", () => {
    const cases: [string, RegExp][] = [
      ["levitate.plan", /levitate\.plan needs a value/],
      ["levitate.plan=", /the value is empty/],
      ["levitate.plan=LABEL=PLANS", /LABEL=NAME:\/path/],
      ["levitate.plan=LABEL=PLANS:/../etc/shadow", /may not contain \.\./],
      ["levitate.plan=ftp://h/p.json", /only http:\/\/ and https:\/\//],
      ["levitate.plan=plans/web.json", /not a label, a URL or an absolute path/],
      ["levitate.plan=/p.json levitate.plan.countdown=soon", /whole seconds from 0 to 600/],
      ["levitate.plan=/p.json levitate.plan.countdown=9000", /whole seconds from 0 to 600/],
    ];
    for (const [line, why] of cases) {
      const r = unattendedFromCmdline(line);
      expect(r.ok, line).toBe(false);
      if (!r.ok) expect(r.error, line).toMatch(why);
    }
  });

  it("the plan's shutdown defaults to poweroff (rebooting would start the same install again)", () => {
    expect(planShutdownOf({})).toBe("poweroff");
    expect(planShutdownOf({ shutdown: "reboot" })).toBe("reboot");
    expect(planShutdownOf({ shutdown: "none" })).toBe("none");
  });
});

describe("fetching the plan from an http URL (loopback server)", () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpServer();
    await server.route("/plans/web01.json", plan());
    await server.route("/plans/gone.json", "no", { status: 404 });
    await server.route("/plans/huge.json", "x".repeat(1024 * 1024 + 1));
  });
  afterAll(() => server.close());

  it("returns the file's text", async () => {
    const text = await fetchPlan({ kind: "url", url: `${server.url}/plans/web01.json` });
    expect(JSON.parse(text).steps).toHaveLength(4);
  });

  it("a 404 fails at once with the status (waiting would not help)", async () => {
    const t0 = Date.now();
    await expect(
      fetchPlan({ kind: "url", url: `${server.url}/plans/gone.json` }, { waitMs: 20_000 }),
    ).rejects.toThrow(/answered HTTP 404/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("refuses a file larger than a plan", async () => {
    await expect(fetchPlan({ kind: "url", url: `${server.url}/plans/huge.json` })).rejects.toThrow(
      /more than a plan file's/,
    );
  });

  it("a server that never answers: retried until the wait ends, then says so", async () => {
    // A port nothing listens on: take one from the OS, close it, use it.
    const dead = await startHttpServer();
    const url = `${dead.url}/plan.json`;
    await dead.close();
    const waits: string[] = [];
    const err = await fetchPlan(
      { kind: "url", url },
      { waitMs: 1500, pollMs: 300, onWait: (l) => waits.push(l) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanSourceError);
    expect(String((err as Error).message)).toMatch(/cannot fetch .*ECONNREFUSED.*tried \d+ times/);
    expect(waits[0]).toMatch(/waiting for/);
  });
});

describeRoot(
  "fetching the plan from a volume found by its label (loop device)",
  ["mkfs.ext4", "blkid", "losetup"],
  () => {
    // Unique per run: other tests on this machine may have volumes with labels of their own.
    const label = `PL${process.pid}`.slice(0, 16);
    let dir = "";
    let loop = "";
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "levitate-plans-vol-"));
      const img = join(dir, "plans.img");
      const content = join(dir, "content");
      execFileSync("mkdir", ["-p", content]);
      writeFileSync(join(content, "web01.json"), plan());
      execFileSync("truncate", ["-s", "8M", img]);
      execFileSync("mkfs.ext4", ["-q", "-F", "-L", label, "-d", content, img]);
      loop = execFileSync("losetup", ["--find", "--show", img], { encoding: "utf8" }).trim();
    });
    afterAll(() => {
      if (loop) execFileSync("losetup", ["-d", loop]);
      rmSync(dir, { recursive: true, force: true });
    });

    it("mounts it read-only, reads the file, and unmounts", async () => {
      const mountBase = mkdtempSync(join(tmpdir(), "levitate-plans-mnt-"));
      const text = await fetchPlan({ kind: "label", label, path: "/web01.json" }, { mountBase });
      expect(JSON.parse(text).steps[2].args.hostname).toBe("web01");
      expect(readFileSync("/proc/mounts", "utf8")).not.toContain(loop);
      expect(execFileSync("ls", [mountBase], { encoding: "utf8" }).trim()).toBe("");
      rmSync(mountBase, { recursive: true, force: true });
    }, 30_000);

    it("a missing file on the volume names the path and the device", async () => {
      await expect(fetchPlan({ kind: "label", label, path: "/nope.json" })).rejects.toThrow(
        new RegExp(`/nope\\.json on ${loop} \\(label ${label}\\) does not exist`),
      );
      expect(readFileSync("/proc/mounts", "utf8")).not.toContain(loop);
    }, 30_000);

    it("a label no volume has: waits, then says to attach it", async () => {
      await expect(
        fetchPlan({ kind: "label", label: "NOSUCHLBL9", path: "/p.json" }, { waitMs: 1200, pollMs: 400 }),
      ).rejects.toThrow(/no volume labelled NOSUCHLBL9 appeared within 1 s: attach the disk or ISO/);
    }, 30_000);
  },
);

describe("the unattended run (fake console, fake installer)", () => {
  const facts = FactsSchema.parse(JSON.parse(readFileSync(LIVE_FACTS, "utf8")));
  function harness(cmdline: string, over: Partial<UnattendedDeps> = {}) {
    const lines: string[] = [];
    const calls: string[] = [];
    const deps: UnattendedDeps = {
      cmdline,
      facts: async () => facts,
      out: (l) => lines.push(l),
      waitForKey: async () => false,
      interactive: false,
      install: async (f) => {
        calls.push(`install ${f}`);
        return 0;
      },
      afterInstall: async (p) => {
        calls.push(`after ${p.target}`);
      },
      shutdown: async (how) => {
        calls.push(`shutdown ${how}`);
      },
      workDir: mkdtempSync(join(tmpdir(), "levitate-unattended-")),
      ...over,
    };
    return { deps, lines, calls, text: () => lines.join("\n") };
  }
  function withPlanFile(content: string): string {
    const d = mkdtempSync(join(tmpdir(), "levitate-unattended-plan-"));
    writeFileSync(join(d, "p.json"), content);
    return join(d, "p.json");
  }

  it("valid plan: shows it, counts down, installs, keeps the log, powers off", async () => {
    const f = withPlanFile(plan());
    const h = harness(`levitate.plan=${f} levitate.plan.countdown=2`);
    const r = await runUnattended(h.deps);
    expect(r.code).toBe(0);
    expect(h.calls).toEqual([`install ${h.deps.workDir}/plan.json`, "after /mnt", "shutdown poweroff"]);
    expect(h.text()).toContain("Erase every signature on /dev/sda");
    expect(h.text()).toContain("Installing in 2 s");
    expect(h.text()).toContain("After the install: poweroff.");
    // The hash is a secret too: the printout never shows it.
    expect(h.text()).not.toContain(HASH);
  });

  it("shutdown: reboot and none are obeyed", async () => {
    for (const how of ["reboot", "none"] as const) {
      const h = harness(`levitate.plan=${withPlanFile(plan({ shutdown: how }))} levitate.plan.countdown=0`);
      expect((await runUnattended(h.deps)).code).toBe(0);
      expect(h.calls.filter((c) => c.startsWith("shutdown"))).toEqual(
        how === "none" ? [] : ["shutdown reboot"],
      );
    }
  });

  it("a keypress during the countdown cancels: nothing installed, exit 3", async () => {
    let asked = 0;
    const h = harness(`levitate.plan=${withPlanFile(plan())}`, {
      interactive: true,
      waitForKey: async () => ++asked === 3,
    });
    const r = await runUnattended(h.deps);
    expect(r.code).toBe(3);
    expect(h.calls).toEqual([]);
    expect(h.text()).toMatch(/press any key to cancel/);
    expect(h.text()).toMatch(/cancelled by a keypress: nothing was changed/);
  });

  it("bad plan: every error on the console, nothing installed, the machine stays on", async () => {
    const bad = JSON.stringify({
      version: 1,
      mode: "live",
      steps: [
        { tool: "partitionDisk", args: { disk: "/dev/sdq" } },
        { tool: "instalRecipe", args: { name: "fd" } },
      ],
      shutdown: "halt",
    });
    const h = harness(`levitate.plan=${withPlanFile(bad)}`);
    const r = await runUnattended(h.deps);
    expect(r.code).toBe(1);
    expect(h.calls).toEqual([]);
    expect(h.text()).toMatch(/unknown tool "instalRecipe"/);
    expect(h.text()).toMatch(/shutdown/);
    expect(h.text()).toMatch(
      /the plan is not valid \(above\); fix it and boot again\. Nothing was installed\./,
    );
  });

  it("a disk the machine does not have is refused against the facts", async () => {
    const h = harness(
      `levitate.plan=${withPlanFile(plan().replace("/dev/sda", "/dev/sdq"))} levitate.plan.countdown=0`,
    );
    expect((await runUnattended(h.deps)).code).toBe(1);
    expect(h.text()).toMatch(/no disk \/dev\/sdq on this machine/);
    expect(h.calls).toEqual([]);
  });

  it("broken JSON names the place, not the content", async () => {
    const h = harness(`levitate.plan=${withPlanFile('{"version": 1, "mode": "live", ')}`);
    expect((await runUnattended(h.deps)).code).toBe(1);
    expect(h.text()).toMatch(/JSON|json/);
    expect(h.calls).toEqual([]);
  });

  it("a user without passwordHash and no terminal: refused before anything runs", async () => {
    const h = harness(`levitate.plan=${withPlanFile(plan({}, {}))}`);
    const r = await runUnattended(h.deps);
    expect(r.code).toBe(1);
    expect(h.calls).toEqual([]);
    expect(h.text()).toMatch(/there is no terminal to type it on: give each createUser a passwordHash/);
  });

  it("a source that cannot be read: the reason, nothing installed", async () => {
    const h = harness("levitate.plan=/nonexistent/web01.json");
    expect((await runUnattended(h.deps)).code).toBe(1);
    expect(h.text()).toMatch(/\/nonexistent\/web01\.json does not exist.*Nothing was installed/);
    expect(h.calls).toEqual([]);
  });

  it("a failed install: no shutdown, the machine stays on", async () => {
    const h = harness(`levitate.plan=${withPlanFile(plan())} levitate.plan.countdown=0`, {
      install: async () => 1,
    });
    expect((await runUnattended(h.deps)).code).toBe(1);
    expect(h.text()).toMatch(/failed \(exit 1\); the machine stays on/);
  });

  it("no levitate.plan=: nothing to do (exit 2)", async () => {
    const h = harness("quiet");
    expect((await runUnattended(h.deps)).code).toBe(2);
    expect(h.calls).toEqual([]);
  });
});

/** `levitate install --from-cmdline` from source, stdin a pipe (no terminal). */
function levitate(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "cli/levitate.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end();
  });
}

describe("levitate install --from-cmdline (the CLI)", () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpServer();
    await server.route("/web01.json", plan());
    await server.route("/bad.json", plan().replace('"fd"', '"fdd"'));
  });
  afterAll(() => server.close());

  it("--dry-run: fetches over http, validates, shows the plan, installs nothing", async () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-unattended-cli-"));
    const r = await levitate(
      [
        "install",
        "--from-cmdline",
        "--cmdline",
        `levitate.plan=${server.url}/web01.json`,
        "--facts",
        LIVE_FACTS,
        "--dry-run",
      ],
      { LEVITATE_UNATTENDED_DIR: work, PATH: "/nonexistent-levitate-test" },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Erase every signature on /dev/sda");
    expect(r.stdout).toContain("Dry run: the plan is valid; nothing was installed.");
    expect(readFileSync(join(work, "console.log"), "utf8")).toContain("reading the plan from http://");
    expect(existsSync(join(work, "plan.json"))).toBe(true);
  }, 120_000);

  it("a bad plan: exit 1, the error on the console, and no install (PATH has no programs to run)", async () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-unattended-cli-"));
    const r = await levitate(
      [
        "install",
        "--from-cmdline",
        "--cmdline",
        `levitate.plan=${server.url}/bad.json levitate.plan.countdown=0`,
        "--facts",
        LIVE_FACTS,
      ],
      { LEVITATE_UNATTENDED_DIR: work, PATH: "/nonexistent-levitate-test" },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no recipe named fdd/);
    expect(r.stdout).toMatch(/Nothing was installed/);
    expect(r.stdout).not.toMatch(/starting/);
  }, 120_000);

  it("--from-cmdline with --plan is a usage error", async () => {
    const r = await levitate(["install", "--from-cmdline", "--plan", "x.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/drop --plan/);
  }, 120_000);
});
