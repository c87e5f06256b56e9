/**
 * `levitate` restarts itself once with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 when it is about to
 * load a model (agent/llm/hugePages.ts, cli/levitate/relaunch.ts): when it does and when not, the
 * environment the restarted process gets and gives back, exit codes and signals through the
 * parent, a terminal's Ctrl-C delivered once, and the real CLI with the tiny model.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  adoptRelaunchedEnv,
  type HugePagesProbe,
  MIN_MODEL_BYTES,
  mergeTunables,
  modelCommand,
  relaunchPlan,
  systemProbe,
} from "../../agent/llm/hugePages.js";
import { INSTALLED_FACTS, LIVE_FACTS, writeTinyModel } from "./tinyModel.js";

const root = join(import.meta.dirname, "..", "..");
const PROBE = join(root, "test/llm/fixtures/relaunchProbe.ts");
const dir = mkdtempSync(join(os.tmpdir(), "levitate-relaunch-"));
const tinyModel = writeTinyModel({ seed: 5 }, dir);
// A sparse file the size of a real model: the restart looks only at the size.
const bigModel = join(dir, "big.gguf");
writeFileSync(bigModel, "");
truncateSync(bigModel, MIN_MODEL_BYTES + 1);

const probe = (over: Partial<HugePagesProbe> = {}): HugePagesProbe => ({
  thpMode: () => "madvise",
  glibcVersion: () => "2.36",
  modelBytes: () => 1_800_000_000,
  ...over,
});

describe("when levitate restarts with huge pages", () => {
  it("restarts the commands that load a model, with the tunable added and a guard", () => {
    for (const args of [
      ["ask", "add fd"],
      ["ask", "--backend", "llm", "add fd"],
      ["ask", "--backend=auto", "add fd"],
      ["install"],
      ["install", "--backend", "llm", "--dry-run"],
      ["eval", "-b", "llm", "-d", "x.jsonl"],
      ["eval", "--backend=auto"],
      ["model", "bake", "--model", "m.gguf"],
    ]) {
      const plan = relaunchPlan(args, {}, probe());
      expect(plan.relaunch, args.join(" ")).toBe(true);
      if (!plan.relaunch) continue;
      expect(plan.env.GLIBC_TUNABLES).toBe("glibc.malloc.hugetlb=1");
      expect(plan.env.LEVITATE_RELAUNCHED).toBe("1");
      expect(plan.env.LEVITATE_GLIBC_TUNABLES_BEFORE).toBeUndefined();
    }
  });

  it("does not restart what loads no model: the rules backend, plans, status, help", () => {
    for (const args of [
      ["ask", "--backend", "rules", "add fd"],
      ["ask", "--backend=rules", "add fd"],
      ["install", "--backend", "rules"],
      ["install", "--plan", "p.json"],
      ["install", "--from-cmdline"],
      ["eval", "-d", "x.jsonl"], // eval's default backend is rules
      ["eval", "-brules"],
      ["eval", "--compare", "a.json", "b.json"],
      ["model", "status"],
      ["model", "pull"],
      ["ask", "--help"],
      ["--version"],
      [],
    ]) {
      const plan = relaunchPlan(args, {}, probe());
      expect(plan.relaunch, args.join(" ")).toBe(false);
    }
    // The words after `--` are words, not options.
    expect(modelCommand(["ask", "--", "--backend", "rules"]).loadsModel).toBe(true);
  });

  it("keeps the user's own tunables, and never overrides the user's own hugetlb", () => {
    const plan = relaunchPlan(["ask", "x"], { GLIBC_TUNABLES: "glibc.malloc.check=0" }, probe());
    expect(plan.relaunch && plan.env.GLIBC_TUNABLES).toBe("glibc.malloc.check=0:glibc.malloc.hugetlb=1");
    expect(plan.relaunch && plan.env.LEVITATE_GLIBC_TUNABLES_BEFORE).toBe("glibc.malloc.check=0");
    expect(mergeTunables("a=1:")).toBe("a=1:glibc.malloc.hugetlb=1");
    for (const own of ["glibc.malloc.hugetlb=0", "glibc.malloc.check=0:glibc.malloc.hugetlb=2"])
      expect(relaunchPlan(["ask", "x"], { GLIBC_TUNABLES: own }, probe())).toMatchObject({ relaunch: false });
  });

  it("skips where it cannot help, when turned off, when already restarted, and for small models", () => {
    const no = (env: NodeJS.ProcessEnv, p: HugePagesProbe) => relaunchPlan(["ask", "x"], env, p).relaunch;
    expect(no({ LEVITATE_HUGEPAGES: "0" }, probe())).toBe(false);
    expect(no({ LEVITATE_RELAUNCHED: "1" }, probe())).toBe(false);
    expect(no({}, probe({ thpMode: () => "never" }))).toBe(false);
    expect(no({}, probe({ thpMode: () => undefined }))).toBe(false);
    expect(no({}, probe({ thpMode: () => "always" }))).toBe(true);
    expect(no({}, probe({ glibcVersion: () => "2.34" }))).toBe(false);
    expect(no({}, probe({ glibcVersion: () => undefined }))).toBe(false); // musl
    expect(no({}, probe({ glibcVersion: () => "3.0" }))).toBe(true);
    expect(no({}, probe({ modelBytes: () => undefined }))).toBe(false);
    expect(no({}, probe({ modelBytes: () => 600_000 }))).toBe(false);
    expect(no({ LEVITATE_HUGEPAGES: "1" }, probe({ modelBytes: () => 600_000 }))).toBe(true);
  });

  it("reads this machine: THP mode, glibc, and the model's size from --model", () => {
    expect(["always", "madvise", "never", undefined]).toContain(systemProbe.thpMode());
    expect(systemProbe.glibcVersion()).toMatch(/^\d+\.\d+/);
    expect(systemProbe.modelBytes(bigModel)).toBe(MIN_MODEL_BYTES + 1);
    expect(systemProbe.modelBytes(join(dir, "absent.gguf"))).toBeUndefined();
  });

  it("the restarted process gives the user's environment back", () => {
    const env: NodeJS.ProcessEnv = {
      GLIBC_TUNABLES: "a=1:glibc.malloc.hugetlb=1",
      LEVITATE_RELAUNCHED: "1",
      LEVITATE_GLIBC_TUNABLES_BEFORE: "a=1",
    };
    expect(adoptRelaunchedEnv(env)).toEqual({ relaunched: true, tunables: "a=1:glibc.malloc.hugetlb=1" });
    expect(env).toEqual({ GLIBC_TUNABLES: "a=1" });
    const env2: NodeJS.ProcessEnv = { GLIBC_TUNABLES: "glibc.malloc.hugetlb=1", LEVITATE_RELAUNCHED: "1" };
    adoptRelaunchedEnv(env2);
    expect(env2).toEqual({});
  });
});

interface ProbeReport {
  pid: number;
  ppid: number;
  hugePages: string;
  tunablesAtStart: string | null;
  tunablesNow: string | null;
  relaunchedEnv: string | null;
  anonHugeKiB: number | null;
}

const baseEnv = { ...process.env, LEVITATE_MODEL: "", LEVITATE_HUGEPAGES: "", LEVITATE_VERBOSE: "" };

/** The probe, started the way a user starts levitate; `detached` keeps it out of any terminal. */
function startProbe(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", PROBE, ...args], {
    cwd: root,
    env: { ...baseEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr?.on("data", (b: Buffer) => {
    stderr += b.toString();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (text: string) => {
    for (let i = 0; i < 600 && !stdout.includes(text); i++) await new Promise((r) => setTimeout(r, 100));
    if (!stdout.includes(text)) throw new Error(`no ${text} in ${stdout} / ${stderr}`);
  };
  const report = () => JSON.parse(stdout.split("\n")[0] as string) as ProbeReport;
  return { child, done, waitFor, report, out: () => stdout, err: () => stderr };
}

const ASK_BIG = ["ask", "--backend", "llm", "--model", bigModel, "--verbose", "add fd"];
/** THP usable and glibc 2.35+ here (what the restart checks before anything else). */
const supported = relaunchPlan(
  ["ask", "x"],
  {},
  { ...systemProbe, modelBytes: () => MIN_MODEL_BYTES },
).relaunch;
const describeSupported = supported ? describe : describe.skip;
if (!supported)
  console.warn("relaunch.test: transparent huge pages or glibc 2.35+ missing here: the process tests skip");

describeSupported("the restart, as processes", () => {
  it("the restarted process was started with the tunable (and gets huge pages), once, and exits with its code", async () => {
    const p = startProbe(ASK_BIG, {
      PROBE_MODE: "exit:7",
      PROBE_THP: "1",
      GLIBC_TUNABLES: "glibc.malloc.check=0",
    });
    const { code } = await p.done;
    expect(code).toBe(7);
    const r = p.report();
    expect(r.ppid).toBe(p.child.pid); // one restart: the parent's own child, no deeper
    expect(r.tunablesAtStart).toBe("glibc.malloc.check=0:glibc.malloc.hugetlb=1");
    expect(r.tunablesNow).toBe("glibc.malloc.check=0"); // what its own children get
    expect(r.relaunchedEnv).toBeNull();
    expect(r.hugePages).toBe("huge pages on (restarted with glibc.malloc.hugetlb=1)");
    expect(r.anonHugeKiB).toBeGreaterThan(0); // the kernel really backed malloc's block with 2 MiB pages
    expect(p.err().match(/levitate: restarting with GLIBC_TUNABLES=/g)).toHaveLength(1);
  });

  it("LEVITATE_HUGEPAGES=0, the rules backend, and a user's own hugetlb run in the same process", async () => {
    for (const [args, env] of [
      [ASK_BIG, { LEVITATE_HUGEPAGES: "0" }],
      [
        ["ask", "--backend", "rules", "--model", bigModel, "--verbose", "add fd"],
        { LEVITATE_HUGEPAGES: "1" },
      ],
      [ASK_BIG, { GLIBC_TUNABLES: "glibc.malloc.hugetlb=0" }],
    ] as [string[], Record<string, string>][]) {
      const p = startProbe(args, { ...env, PROBE_MODE: "exit:0", PROBE_THP: "1" });
      expect((await p.done).code).toBe(0);
      expect(p.report().pid).toBe(p.child.pid);
      expect(p.report().hugePages).toBe("huge pages off");
      // With THP on madvise, the tunable is what makes the difference (67,584 KiB with it here).
      if (systemProbe.thpMode() === "madvise") expect(p.report().anonHugeKiB).toBe(0);
      expect(p.err()).not.toContain("restarting");
    }
  });

  it("a child killed by a signal: the parent exits 128+n", async () => {
    const p = startProbe(ASK_BIG, { PROBE_MODE: "kill" });
    expect(await p.done).toEqual({ code: 137, signal: null });
  });

  it("SIGINT sent to the parent alone (no terminal) reaches the child once; exit 130, one line", async () => {
    const p = startProbe(ASK_BIG, { PROBE_MODE: "wait" });
    await p.waitFor("READY");
    expect(p.report().ppid).toBe(p.child.pid);
    p.child.kill("SIGINT");
    expect((await p.done).code).toBe(130);
    expect(p.out().match(/SIGINT x\d+/g)).toEqual(["SIGINT x1"]);
  });

  it("SIGTERM is forwarded: the child's handler runs and its code comes back", async () => {
    const p = startProbe(ASK_BIG, { PROBE_MODE: "wait" });
    await p.waitFor("READY");
    p.child.kill("SIGTERM");
    expect((await p.done).code).toBe(143);
    expect(p.out().match(/SIGTERM/g)).toHaveLength(1);
  });
});

const hasScript = (() => {
  try {
    return readFileSync("/usr/bin/script").length > 0;
  } catch {
    return false;
  }
})();

describe.skipIf(!supported || !hasScript)("Ctrl-C typed in a terminal", () => {
  it("reaches the restarted process once (the terminal signals the whole group; the parent does not add a second)", async () => {
    const cmd = [process.execPath, "--import", "tsx", PROBE, ...ASK_BIG].map((a) => `'${a}'`).join(" ");
    // script(1) runs the command on a pseudo-terminal; a ^C written to it is the terminal's Ctrl-C.
    const child: ChildProcess = spawn("script", ["-qfec", cmd, "/dev/null"], {
      cwd: root,
      env: { ...baseEnv, PROBE_MODE: "wait" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    const done = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    for (let i = 0; i < 600 && !out.includes("READY"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain("READY");
    child.stdin?.write("\x03");
    const code = await done;
    expect(out.match(/SIGINT x\d+/g)).toEqual(["SIGINT x1"]);
    expect(code).toBe(130);
  });
});

describe.skipIf(!supported || !hasScript)("the install chat on a terminal, restarted", () => {
  it("the restarted chat reads the terminal (raw mode, prompts), answers a turn, and /quit exits 0", async () => {
    const facts = join(dir, "facts-live.json");
    writeFileSync(facts, JSON.stringify(LIVE_FACTS));
    const argv = [
      process.execPath,
      "--import",
      "tsx",
      join(root, "cli/levitate.ts"),
      "install",
      "--facts",
      facts,
    ];
    const cmd = [...argv, "--dry-run", "--backend", "llm", "--model", tinyModel, "--verbose"]
      .map((a) => `'${a}'`)
      .join(" ");
    const child = spawn("script", ["-qfec", cmd, "/dev/null"], {
      cwd: root,
      env: { ...baseEnv, LEVITATE_HUGEPAGES: "1", LEVITATE_LLM_THREADS: "1", NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    const done = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const waitFor = async (re: RegExp, from = 0) => {
      for (let i = 0; i < 1200 && !re.test(out.slice(from)); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(out.slice(from), out).toMatch(re);
    };
    await waitFor(/you> /);
    const before = out.length;
    child.stdin?.write("add ripgrep\r");
    await waitFor(/llm: turn 1: time to decision/, before);
    await waitFor(/you> /, out.indexOf("llm: turn 1:"));
    child.stdin?.write("/quit\r");
    const code = await done;
    expect(out.match(/levitate: restarting with GLIBC_TUNABLES=/g)).toHaveLength(1);
    expect(out).toMatch(/huge pages on \(restarted with glibc\.malloc\.hugetlb=1\)/);
    // /quit with the model's calls still pending leaves them unconfirmed: 130 (issue 14); else 0.
    const unconfirmed = /Leaving: the plan \(\d+ steps?\) was not confirmed/.test(out);
    expect(code).toBe(unconfirmed ? 130 : 0);
    expect(out).toMatch(
      /Leaving; nothing was changed\.|That was a dry run; nothing was changed\.|was not confirmed, so nothing was changed\./,
    );
  }, 240_000);

  it("Ctrl-C at the restarted chat's prompt: one cancel line, exit 130", async () => {
    const facts = join(dir, "facts-live.json");
    writeFileSync(facts, JSON.stringify(LIVE_FACTS));
    const argv = [
      process.execPath,
      "--import",
      "tsx",
      join(root, "cli/levitate.ts"),
      "install",
      "--facts",
      facts,
    ];
    const cmd = [...argv, "--dry-run", "--backend", "llm", "--model", tinyModel]
      .map((a) => `'${a}'`)
      .join(" ");
    const child = spawn("script", ["-qfec", cmd, "/dev/null"], {
      cwd: root,
      env: { ...baseEnv, LEVITATE_HUGEPAGES: "1", LEVITATE_LLM_THREADS: "1", NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    const done = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    for (let i = 0; i < 1200 && !out.includes("you> "); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain("you> ");
    child.stdin?.write("\x03");
    expect(await done).toBe(130);
    expect(out.match(/cancelled/g), out).toHaveLength(1);
  }, 240_000);
});

describe("the real CLI with the tiny model", () => {
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ["--import", "tsx", join(root, "cli/levitate.ts"), ...args],
        {
          cwd: root,
          env: { ...baseEnv, LEVITATE_LLM_THREADS: "1", NO_COLOR: "1", ...env },
          timeout: 120_000,
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
      );
      child.stdin?.end("");
    });
  const facts = join(dir, "facts.json");
  writeFileSync(facts, JSON.stringify(INSTALLED_FACTS));
  const ask = [
    "ask",
    "--model",
    tinyModel,
    "--facts",
    facts,
    "--dry-run",
    "--json",
    "--verbose",
    "add ripgrep",
  ];

  it.skipIf(!supported)(
    "ask restarts once and loads with huge pages; the same answer and exit code as without",
    async () => {
      const on = await run([...ask, "--backend", "llm"], { LEVITATE_HUGEPAGES: "1" });
      const off = await run([...ask, "--backend", "llm"], { LEVITATE_HUGEPAGES: "0" });
      expect(
        on.stderr.match(/levitate: restarting with GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1 /g),
      ).toHaveLength(1);
      expect(on.stderr).toMatch(/llm: loaded .*huge pages on \(restarted with glibc\.malloc\.hugetlb=1\)/);
      expect(off.stderr).not.toContain("restarting");
      expect(off.stderr).toMatch(/llm: loaded .*huge pages off/);
      expect(on.code).toBe(off.code);
      expect(JSON.parse(on.stdout).decision).toEqual(JSON.parse(off.stdout).decision);
    },
    240_000,
  );

  it("ask with the rules backend does not restart, even when told to for any model", async () => {
    const r = await run([...ask, "--backend", "rules"], {
      LEVITATE_HUGEPAGES: "1",
      LEVITATE_MODEL: tinyModel,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("restarting");
    expect(JSON.parse(r.stdout).backend).toBe("rules");
  }, 120_000);
});
