import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFactsFile } from "../../facts/load.js";
import { validatePlan } from "../../tools/planFile.js";
import { loadPlanFile } from "../../tools/run.js";

const dir = mkdtempSync(join(tmpdir(), "attack8-shell-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASE = loadFactsFile(join(import.meta.dirname, "../agent/fixtures/installed.json"));

/** A target whose /etc/shells lists only bash and sh, beside files that are not shells. */
function target(name: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, "etc"), { recursive: true });
  mkdirSync(join(root, "usr/local/bin"), { recursive: true });
  writeFileSync(join(root, "etc/shells"), "/bin/bash\n/bin/sh\n");
  for (const f of ["etc/passwd", "etc/shadow", "etc/group"]) writeFileSync(join(root, f), "x\n");
  writeFileSync(join(root, "usr/local/bin/myshell"), "#!/bin/sh\n");
  chmodSync(join(root, "usr/local/bin/myshell"), 0o755);
  return root;
}

const userPlan = (shell: string, root?: string) => ({
  version: 1,
  mode: "installed",
  ...(root ? { target: root } : {}),
  steps: [{ tool: "createUser", args: { username: "bob", shell } }],
});

/**
 * Attacker 8 L1: /etc/passwd was accepted as a login shell (it is a file), and a plan without a
 * "target" was checked against the HOST's /etc/shells although it installs into the facts' target.
 */
describe("a login shell is checked against the target it will run in (attacker 8 L1)", () => {
  it("a data file is no shell; an executable the list misses still is", () => {
    const root = target("files");
    for (const shell of ["/etc/passwd", "/etc/shadow", "/etc/group", "/etc", "/"]) {
      const r = validatePlan(userPlan(shell, root), BASE);
      expect(r.ok, shell).toBe(false);
      if (!r.ok) {
        expect(r.errors[0]?.message).toContain(`${shell} is not a login shell of this system`);
        expect(r.errors[0]?.hint).toBe("use one of /bin/bash, /bin/sh");
      }
    }
    expect(validatePlan(userPlan("/usr/local/bin/myshell", root), BASE).ok).toBe(true);
    expect(validatePlan(userPlan("/bin/bash", root), BASE).ok).toBe(true);
  });

  it("a plan without a target is checked in the facts' target, and --target wins over both", () => {
    const root = target("facts-target");
    const facts = { ...BASE, target: root };
    const r = validatePlan(userPlan("/tmp"), facts);
    expect(r.ok).toBe(false);
    // The target's list, never the host's (which names more shells than these two).
    if (!r.ok) expect(r.errors[0]?.hint).toBe("use one of /bin/bash, /bin/sh");

    const other = target("flag-target");
    writeFileSync(join(other, "etc/shells"), "/bin/zsh\n");
    const file = join(dir, "plan.json");
    writeFileSync(file, JSON.stringify(userPlan("/bin/bash", root)));
    const viaFlag = loadPlanFile(file, facts, { target: other });
    expect(viaFlag.ok).toBe(false);
    if (!viaFlag.ok) expect(viaFlag.errors.map((e) => e.hint)).toContain("use one of /bin/zsh");
    expect(loadPlanFile(file, facts).ok).toBe(true);
  });
});
