import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { relativeTargetProblem } from "../../cli/levitate/targetPath.js";
import { FactsSchema } from "../../facts/schema.js";
import { espStagingDir } from "../../leviso/disk/steps.js";
import { describeAction } from "../../steps/step.js";
import { loadPlanFile } from "../../tools/run.js";

/**
 * Attacker 25 L7 / attacker 24 F2: a plan `target` with shell metacharacters was accepted and
 * printed unquoted in mkdir/cp/ln/recipe lines (pasted into a shell, they ran `touch`/`id`).
 * The target is a plain path now, and every printed command quotes its paths one way.
 */

const facts = FactsSchema.parse({
  mode: "live",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO 500GB", partitions: [] }],
});
const dir = mkdtempSync(join(tmpdir(), "attack26-target-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = (target: string) => {
  const path = join(dir, "p.json");
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      mode: "live",
      target,
      steps: [{ tool: "setHostname", args: { hostname: "box" } }],
    }),
  );
  return loadPlanFile(path, facts);
};

describe("a plan target holding shell characters is refused, named, with the fix", () => {
  it.each([
    ["/mnt/a b;$(touch /tmp/PWNED)`id`"],
    ["/mnt/my target; rm -rf /"],
    ["/mnt/x'y"],
    ['/mnt/x"y'],
    ["/mnt/$HOME"],
    ["/mnt/a|b"],
    ["/mnt/a&b"],
    ["/mnt/a\\b"],
  ])("%s", (target) => {
    const r = load(target);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => e.path)).toContain("target");
    expect(errors.find((e) => e.path === "target")?.message).toMatch(/plain absolute path .* such as \/mnt/);
  });

  it("plain targets still pass", () => {
    for (const t of ["/mnt", "/mnt/new-root", "/mnt/a_b.c+d"]) {
      const r = load(t);
      expect(r.ok ? [] : r.errors.map((e) => e.path), t).not.toContain("target");
    }
  });

  it("--target is held to the same rule, relative paths still get their hint", () => {
    expect(relativeTargetProblem("/mnt/a b;id")).toMatch(/--target .*plain absolute path/);
    expect(relativeTargetProblem("/mnt/target2")).toBeUndefined();
    expect(relativeTargetProblem("mnt", "/home/u")).toMatch(/try --target \/home\/u\/mnt/);
  });

  it("a facts file's target is held to it too", () => {
    expect(FactsSchema.safeParse({ mode: "live", disks: [], target: "/mnt/a;b" }).success).toBe(false);
    expect(FactsSchema.safeParse({ mode: "live", disks: [], target: "/mnt/a" }).success).toBe(true);
  });
});

describe("every printed command quotes its paths the same way", () => {
  const odd = "/mnt/a b;$(id)";
  it.each([
    [{ kind: "mkdir", path: odd }],
    [{ kind: "symlink", target: "../usr/share/zoneinfo/Europe/Berlin", path: `${odd}/etc/localtime` }],
    [{ kind: "copyFile", from: `${odd}/boot/x`, to: "/run/y", mode: 0o644 }],
    [{ kind: "recipe", op: "bootstrap", root: odd }],
    [{ kind: "recipe", op: "install", name: "ripgrep", root: odd }],
    [{ kind: "writeFile", path: `${odd}/etc/hostname`, mode: 0o644, content: "x" }],
    [{ kind: "setKeys", path: `${odd}/etc/locale.conf`, keys: { LANG: "C" } }],
  ])("%#", (action) => {
    const line = describeAction(action as Parameters<typeof describeAction>[0]);
    expect(line).toContain("'/mnt/a b;$(id)");
    expect(line).not.toMatch(/(^|[^'])\/mnt\/a b/);
  });
  it("plain paths stay unquoted", () => {
    expect(describeAction({ kind: "mkdir", path: "/mnt/etc", mode: 0o755 })).toBe("mkdir -p /mnt/etc");
  });
});

describe("the ESP staging directory is one per target", () => {
  it("/mnt/a-b and /mnt/a/b differ; /mnt keeps its name", () => {
    expect(espStagingDir("/mnt/a-b")).not.toBe(espStagingDir("/mnt/a/b"));
    expect(espStagingDir("/mnt/a+-b")).not.toBe(espStagingDir("/mnt/a-+b"));
    expect(espStagingDir("/mnt")).toBe("/run/levitate-install/esp-mnt");
    expect(espStagingDir("/mnt/")).toBe("/run/levitate-install/esp-mnt");
  });
});
