import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "../..");
const HASH = `$6$saltsalt$${"a".repeat(86)}`;
const OTHER_HASH = `$6$saltsalt$${"b".repeat(86)}`;

interface Account {
  shell?: string;
  gecos?: string;
  groups?: readonly string[];
  hash?: string;
}

/** A fake installed root whose /etc holds vince as an interrupted run would have left him. */
function root(vince?: Account): string {
  const r = mkdtempSync(join(tmpdir(), "attack7-l7-"));
  mkdirSync(join(r, "etc"));
  const passwd = ["root:x:0:0:root:/root:/bin/bash"];
  const group = ["root:x:0:", `wheel:x:10:${vince?.groups?.includes("wheel") ? "vince" : ""}`, "video:x:39:"];
  const shadow = ["root:!:19000::::::"];
  if (vince) {
    passwd.push(`vince:x:1000:1000:${vince.gecos ?? ""}:/home/vince:${vince.shell ?? "/bin/bash"}`);
    group.push("vince:x:1000:");
    for (const g of (vince.groups ?? []).filter((g) => g !== "wheel"))
      group[group.findIndex((l) => l.startsWith(`${g}:`))] += "vince";
    shadow.push(`vince:${vince.hash ?? HASH}:19000:0:99999:7:::`);
  }
  writeFileSync(join(r, "etc/passwd"), `${passwd.join("\n")}\n`);
  writeFileSync(join(r, "etc/group"), `${group.join("\n")}\n`);
  writeFileSync(join(r, "etc/shadow"), `${shadow.join("\n")}\n`, { mode: 0o600 });
  writeFileSync(join(r, "etc/shells"), "/bin/bash\n/bin/sh\n/bin/zsh\n");
  return r;
}

/** The attacker's p/inst1.json, less the recipe: createUser vince (sudo, a hash) and a hostname. */
function dryRun(target: string): { status: number | null; stdout: string; stderr: string } {
  const plan = join(target, "plan.json");
  writeFileSync(
    plan,
    JSON.stringify({
      version: 1,
      mode: "installed",
      steps: [
        {
          tool: "createUser",
          args: { username: "vince", sudo: true, fullName: "Vince V", passwordHash: HASH },
        },
        { tool: "setHostname", args: { hostname: "box" } },
      ],
    }),
  );
  // The facts file lists only root, as the attacker's did: the target's /etc must decide.
  const facts = join(target, "facts.json");
  writeFileSync(
    facts,
    JSON.stringify({ mode: "installed", users: ["root"], recipes: [], installed: [], target }),
  );
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "cli/levitate.ts",
      "install",
      "--plan",
      plan,
      "--facts",
      facts,
      "--target",
      target,
      "--dry-run",
    ],
    { cwd: REPO, encoding: "utf8", timeout: 90_000 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Attacker 7, L7: re-running an interrupted installed-mode plan with a --facts file failed at
 * useradd (the user exists). The same account is now already done; another is refused before
 * anything runs, naming what differs.
 */
describe("attacker 7 L7: a re-run meets the user its first run created", () => {
  it("the same account: no useradd, a note that it is already done, the rest of the plan stays", () => {
    const r = dryRun(root({ gecos: "Vince V", groups: ["wheel"] }));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("user vince already exists with these settings: nothing to do for it");
    expect(r.stdout).not.toContain("useradd");
    expect(r.stdout).toMatch(/hostname/i);
  }, 90_000);

  it.each([
    [
      "another shell",
      { gecos: "Vince V", groups: ["wheel"], shell: "/bin/zsh" },
      "its shell is /bin/zsh, not /bin/bash",
    ],
    [
      "another full name",
      { gecos: "Someone", groups: ["wheel"] },
      'its full name is "Someone", not "Vince V"',
    ],
    ["no wheel", { gecos: "Vince V" }, "it is not in wheel"],
    ["an extra group", { gecos: "Vince V", groups: ["wheel", "video"] }, "it is also in video"],
    [
      "another password",
      { gecos: "Vince V", groups: ["wheel"], hash: OTHER_HASH },
      "its password is not the plan's passwordHash",
    ],
  ] as const)(
    "%s: refused before anything runs, naming the difference",
    (_, account, difference) => {
      const r = dryRun(root(account));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("user vince already exists with other settings");
      expect(r.stderr).toContain(difference);
      expect(r.stderr).not.toContain(OTHER_HASH);
      expect(r.stderr).not.toContain(HASH);
    },
    90_000,
  );

  it("no such user yet: useradd as before", () => {
    const r = dryRun(root());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("useradd");
    expect(r.stdout).not.toContain("already exists");
  }, 90_000);
});
