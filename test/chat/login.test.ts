import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { afterAll, describe, expect, it } from "vitest";
import { runChat } from "../../agent/chat/index.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { loginProblem } from "../../agent/session/login.js";
import { FactsSchema } from "../../facts/schema.js";
import { compilePlan } from "../../tools/index.js";
import { runCli } from "../helpers/cli.js";

/** The login check before confirmation, and the recipes a system cannot lose. */

const dir = mkdtempSync(join(tmpdir(), "levitate-login-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const liveFacts = {
  mode: "live",
  firmware: "uefi",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO", transport: "sata" }],
  recipes: ["fd", "bat"],
};
const live = join(dir, "live.json");
writeFileSync(live, JSON.stringify(liveFacts));

function levitate(...args: string[]) {
  const r = runCli("levitate", args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function chat(lines: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const input = new PassThrough();
  input.end(`${lines.join("\n")}\n`);
  const code = await runChat({
    facts: FactsSchema.parse(liveFacts),
    backend: createRulesBackend(),
    backendReason: "rules",
    dryRun: true,
    input,
    output,
    chalk: new Chalk({ level: 0 }),
  });
  return { code, out };
}

describe("loginProblem", () => {
  const disk = { tool: "partitionDisk", args: { disk: "/dev/sda" } };
  it("finds a live plan with no user who has sudo", () => {
    expect(loginProblem("live", [disk])).toMatch(/creates no user, and root gets no password/);
    expect(
      loginProblem("live", [disk, { tool: "createUser", args: { username: "lena", sudo: false } }]),
    ).toMatch(/lena gets no sudo/);
  });
  it("does not call a docker/lxd/incus-admin/libvirt member harmless (attacker 13 M2)", () => {
    const bob = {
      tool: "createUser",
      args: { username: "bob", sudo: false, groups: ["tty", "incus-admin", "docker"] },
    };
    const eve = { tool: "createUser", args: { username: "eve", sudo: false, groups: ["adm"] } };
    const problem = loginProblem("live", [disk, bob, eve]);
    expect(problem).not.toMatch(/Nobody will be able to administer/);
    expect(problem).toMatch(/bob, eve get no sudo/);
    expect(problem).toMatch(/Only bob \(incus-admin, docker\) can reach root/);
    expect(loginProblem("live", [disk, eve])).toMatch(
      /^Nobody will be able to administer the new system: eve gets no sudo/,
    );
  });
  it("is content with a user with sudo, root given a password, or an installed system", () => {
    expect(loginProblem("live", [disk, { tool: "createUser", args: { username: "anna", sudo: true } }])).toBe(
      undefined,
    );
    expect(loginProblem("live", [{ tool: "createUser", args: { username: "root" } }])).toBe(undefined);
    expect(loginProblem("installed", [{ tool: "installRecipe", args: { name: "fd" } }])).toBe(undefined);
  });
});

describe("the chat asks before a plan nobody can log in to", () => {
  it("a yes to a plan without a sudo user asks who; a second yes asks again, 'nobody' then yes goes on", async () => {
    const twice = await chat(["install on /dev/sda", "yes", "yes"]);
    expect(twice.out).toContain("Nobody will be able to log in to the new system");
    expect(twice.out).toContain('Who should have sudo? Say e.g. "create user anna with sudo"');
    expect(twice.out).not.toContain("Dry run: nothing was changed.");
    const { code, out } = await chat(["install on /dev/sda", "yes", "yes", "nobody", "yes"]);
    expect(code).toBe(0);
    const question = out.indexOf("Nobody will be able to log in to the new system");
    const dryRun = out.indexOf("Dry run: nothing was changed.");
    expect(question).toBeGreaterThan(0);
    expect(dryRun).toBeGreaterThan(out.indexOf("OK, nobody gets sudo"));
  });

  it("a fix after the question and then yes goes on without asking again", async () => {
    const { code, out } = await chat(["install on /dev/sda", "yes", "create user anna with sudo", "yes"]);
    expect(code).toBe(0);
    expect(out.match(/Nobody will be able to/g)).toHaveLength(1);
    expect(out).toContain("Dry run: nothing was changed.");
  });

  it("a plan with a sudo user is not asked about", async () => {
    const { out } = await chat(["install on /dev/sda", "create user anna with sudo", "yes"]);
    expect(out).not.toContain("Nobody will be able to");
    expect(out).toContain("Dry run: nothing was changed.");
  });
});

describe("the plan shows what the user keeps", () => {
  it("a protected disk is listed under the plan as kept", async () => {
    const twoDisks = {
      ...liveFacts,
      disks: [
        ...liveFacts.disks,
        { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "WD_BLACK SN850X", transport: "nvme" },
      ],
    };
    let out = "";
    const output = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const input = new PassThrough();
    input.end("keep the samsung, install on the other one\n/plan\n");
    await runChat({
      facts: FactsSchema.parse(twoDisks),
      backend: createRulesBackend(),
      backendReason: "rules",
      dryRun: true,
      input,
      output,
      chalk: new Chalk({ level: 0 }),
    });
    const plan = out.slice(out.lastIndexOf("you> /plan"));
    expect(plan).toMatch(/1\. erase \/dev\/nvme0n1/);
    expect(plan).toMatch(/^ {2}kept: \/dev\/sda .*Samsung SSD 870 EVO/m);
  });
});

describe("plan files and ask", () => {
  it("install --plan warns about a plan nobody can log in to", () => {
    const plan = join(dir, "plan.json");
    writeFileSync(
      plan,
      JSON.stringify({
        version: 1,
        mode: "live",
        steps: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } }],
      }),
    );
    const r = levitate("install", "--plan", plan, "--facts", live, "--dry-run", "--target", join(dir, "mnt"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: Nobody will be able to log in to the new system/m);
  });
});

describe("ask on the live system", () => {
  it("warns before the confirmation when nobody could log in, and says so in --json", () => {
    const r = levitate("ask", "install on /dev/sda", "--facts", live, "--backend", "rules", "--dry-run");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: Nobody will be able to log in to the new system/m);
    const j = levitate(
      "ask",
      "install on /dev/sda",
      "--facts",
      live,
      "--backend",
      "rules",
      "--dry-run",
      "--json",
    );
    expect((JSON.parse(j.stdout) as { warnings?: string[] }).warnings).toEqual([
      expect.stringMatching(/^Nobody will be able to log in/),
    ]);
  });
});

describe("recipes the system needs to boot", () => {
  const installed = FactsSchema.parse({
    mode: "installed",
    recipes: ["fd", "systemd", "glibc", "kernel", "rpm", "coreutils"],
    installed: ["fd", "systemd", "glibc", "kernel", "rpm", "coreutils"],
  });

  it("are refused at plan time with the reason", () => {
    for (const name of ["glibc", "coreutils", "systemd", "kernel", "rpm"]) {
      const r = compilePlan([{ tool: "removeRecipe", args: { name } }], installed);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.errors[0]!.message).toMatch(new RegExp(`^${name} cannot be removed: `));
    }
    expect(compilePlan([{ tool: "removeRecipe", args: { name: "fd" } }], installed).ok).toBe(true);
  });

  it("levitate ask refuses to remove one, saying why", () => {
    const f = join(dir, "installed.json");
    writeFileSync(f, JSON.stringify(installed));
    const r = levitate("ask", "remove systemd", "--facts", f, "--backend", "rules", "--dry-run");
    // refused, so nothing was planned: exit 1 (README's exit codes)
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^systemd cannot be removed: the service manager that boots the system/im);
    expect(r.stdout).not.toContain("Dry run");
  });
});
