import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { compilePlan } from "../../tools/compile.js";
import { renderPlan } from "../../tools/render.js";
import { setHostname } from "../../tools/setHostname.js";

/**
 * Attacker 7 L9: `localhost` was refused as a hostname but `localhost.localdomain` (the alias
 * /etc/hosts gives 127.0.0.1) passed; `groups: ["docker", "input"]` for a user without sudo
 * passed without a word, although the group the plan makes is the one docker adopts later (root
 * through the daemon) and input reads every keystroke.
 */

const hostnameOk = (h: string) => setHostname.args.safeParse({ hostname: h }).success;

describe("hostnames every machine resolves to itself", () => {
  it("are refused, saying why", () => {
    for (const h of [
      "localhost",
      "localhost.localdomain",
      "LOCALHOST.LocalDomain",
      "localhost4",
      "localhost4.localdomain4",
      "localhost6.localdomain6",
      "web.localhost",
    ]) {
      const r = setHostname.args.safeParse({ hostname: h });
      expect(r.success, h).toBe(false);
      if (!r.success) expect(r.error.issues[0]?.message, h).toMatch(/names every machine to itself/);
    }
  });

  it("names that only look alike pass", () => {
    for (const h of ["workstation", "mylocalhost", "local-host", "localhost-lab", "web01.example.com"])
      expect(hostnameOk(h), h).toBe(true);
  });
});

describe("groups that give more than their name says", () => {
  const facts = FactsSchema.parse({ mode: "installed", disks: [], users: ["root"] });
  const printed = (sudo: boolean) => {
    const r = compilePlan(
      [
        {
          tool: "createUser",
          args: { username: "bob", sudo, shell: "/bin/bash", groups: ["docker", "kvm", "input"] },
        },
      ],
      facts,
      { target: "/tmp/fixA10-never-used" },
    );
    expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    return r.ok ? renderPlan(r.plan, { color: false }) : "";
  };

  it("are said in the plan for a user without sudo", () => {
    const text = printed(false);
    expect(text).toMatch(/group docker exists \(bob can run containers as root .*as good as sudo\)/);
    expect(text).toMatch(/group input exists \(bob can read every key typed/);
    expect(text).not.toMatch(/group kvm exists \(/);
  });

  it("incus-admin is said too (attacker 13 M2: it passed with no word)", () => {
    const r = compilePlan(
      [
        {
          tool: "createUser",
          args: { username: "bob", sudo: false, shell: "/bin/bash", groups: ["incus-admin"] },
        },
      ],
      facts,
      { target: "/tmp/fixA10-never-used" },
    );
    expect(r.ok).toBe(true);
    expect(r.ok ? renderPlan(r.plan, { color: false }) : "").toMatch(
      /group incus-admin exists \(bob can run containers as root through incus .*as good as sudo\)/,
    );
  });

  it("a sudo user has root already: nothing more to say", () => {
    expect(printed(true)).not.toMatch(/as good as sudo/);
  });
});
