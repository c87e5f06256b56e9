import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { compilePlan } from "../../tools/compile.js";
import { formatPlanErrors, validatePlan } from "../../tools/planFile.js";
import { TOOLS } from "../../tools/registry.js";

/**
 * Attacker 11 M1: a live plan gave its only sudo user a login shell the new system does not have
 * (/bin/zsh: not in recipes/base.list, no zsh recipe), and plan files passed "/", "/tmp/evil",
 * "/usr/bin/../../tmp/x" and "/usr/bin/-c" to `useradd --shell`. Attacker 11 L1: "docker" and
 * "shadow" were accepted as usernames (tools/loginShells.ts, tools/createUser.ts).
 */
const facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [{ path: "/dev/sdb", sizeBytes: 1000e9, model: "WD Blue" }],
  recipes: ["ripgrep", "zsh"],
});

const plan = (shell: string, extra: object[] = []) => ({
  version: 1,
  mode: "live",
  steps: [
    { tool: "partitionDisk", args: { disk: "/dev/sdb" } },
    { tool: "createUser", args: { username: "vince", sudo: true, shell } },
    ...extra,
  ],
});

function errorsOf(p: object): string {
  const r = validatePlan(p, facts);
  return r.ok ? "" : formatPlanErrors("p2.json", r.errors);
}

describe("a live plan's login shell is one the new system has (attacker 11 M1)", () => {
  it.each([
    "/",
    "/tmp/evil",
    "/usr/bin/../../tmp/x",
    "/usr/bin/-c",
    "/bin//bash",
    "/bin/zsh",
    "/usr/bin/fish",
  ])("%s is refused, naming the shells there are", (shell) => {
    const e = errorsOf(plan(shell));
    expect(e).toContain("steps[1].args.shell");
    expect(e).toContain(`${shell} is not a login shell of the new system`);
    expect(e).toMatch(/use \/bin\/bash \(the default when no shell is given\)/);
  });

  it("the base system's shells pass", () => {
    for (const shell of ["/bin/bash", "/usr/bin/bash", "/bin/sh", "/usr/bin/sh"])
      expect(errorsOf(plan(shell))).toBe("");
  });

  it("a shell the plan installs passes; a recipe that exists but is not installed is named as the fix", () => {
    expect(errorsOf(plan("/bin/zsh", [{ tool: "installRecipe", args: { name: "zsh" } }]))).toBe("");
    expect(errorsOf(plan("/bin/zsh"))).toContain('add the zsh recipe to the plan ("install zsh")');
    // a path outside /bin and /usr/bin is no recipe's program
    expect(errorsOf(plan("/tmp/zsh", [{ tool: "installRecipe", args: { name: "zsh" } }]))).not.toBe("");
  });

  it("the chat's and ask's compile step refuses it too, before anything runs", () => {
    const calls = plan("/bin/zsh").steps as Parameters<typeof compilePlan>[0];
    const r = compilePlan(calls, facts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).join(" ")).toContain("/bin/zsh is not a login shell");
  });
});

describe("names of groups that give root are no usernames (attacker 11 L1)", () => {
  it.each(["docker", "lxd", "shadow", "libvirt", "incus-admin"])("%s is refused as a username", (name) => {
    expect(TOOLS.createUser.args.safeParse({ username: name }).success).toBe(false);
  });
});
