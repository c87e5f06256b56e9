/**
 * Rocky 10 has no btrfs-progs (EPEL has): a plan asking for btrfs on a repository without it is
 * refused when the plan is checked against the machine, before confirmation, with the field's
 * path and what to do; never half-way through, at mkfs.btrfs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../cli/common.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { GiB } from "../../steps/size.js";
import { compilePlan } from "../../tools/compile.js";
import { TOOLS, type ToolCall } from "../../tools/registry.js";

const facts = (recipes: string[]): Facts =>
  FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks: [{ path: "/dev/sdz", sizeBytes: 64 * GiB, transport: "sata", model: "test disk" }],
    recipes,
  });
const btrfs: ToolCall[] = [
  {
    tool: "partitionDisk",
    args: TOOLS.partitionDisk.planArgs.parse({ disk: "/dev/sdz", filesystem: "btrfs" }),
  },
  { tool: "setHostname", args: { hostname: "atlas" } },
];
/** A real system's lists (what `levitate install --plan` validates against). */
const catalog = { locales: new Set(["en_US.UTF-8"]) };

describe("btrfs on a repository without btrfs-progs", () => {
  it("is refused at the filesystem field, naming the package and the ways out", () => {
    const r = compilePlan(btrfs, facts(["kernel", "hello"]), { target: "/mnt", catalog });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.path).toBe("steps[0].args.filesystem");
    expect(r.errors[0]?.message).toMatch(
      /btrfs needs btrfs-progs .* this repository has no btrfs-progs recipe/,
    );
    expect(r.errors[0]?.hint).toMatch(/use ext4 or xfs; Rocky 10 ships no btrfs-progs \(EPEL does\)/);
  });

  it("with btrfs-progs in the repository: accepted, and the installed system gets it after the base", () => {
    const r = compilePlan(btrfs, facts(["kernel", "btrfs-progs"]), { target: "/mnt", catalog });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const ids = r.plan.steps.map((s) => s.id);
    const at = ids.indexOf("install.bootloader-package.btrfs-progs");
    expect(r.plan.steps[at]?.action).toEqual({
      kind: "recipe",
      op: "install",
      root: "/mnt",
      name: "btrfs-progs",
    });
    expect(ids.indexOf("install.bootstrap")).toBeLessThan(at);
    expect(at).toBeLessThan(ids.indexOf("install.fstab"));
  });

  it("ext4 and xfs need nothing from the repository", () => {
    for (const filesystem of ["ext4", "xfs"]) {
      const args = TOOLS.partitionDisk.planArgs.parse({ disk: "/dev/sdz", filesystem });
      const calls: ToolCall[] = [{ tool: "partitionDisk", args }];
      expect(compilePlan(calls, facts([]), { target: "/mnt", catalog }).ok).toBe(true);
    }
  });

  const dir = mkdtempSync(join(tmpdir(), "levitate-btrfs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("levitate install --plan stops before confirmation (exit 1), says why, and runs nothing", async () => {
    const plan = join(dir, "plan.json");
    const factsFile = join(dir, "facts.json");
    writeFileSync(plan, JSON.stringify({ version: 1, mode: "live", target: join(dir, "mnt"), steps: btrfs }));
    writeFileSync(factsFile, JSON.stringify({ ...facts(["kernel", "hello"]), target: join(dir, "mnt") }));
    const r = await execa(
      process.execPath,
      [
        "--import",
        "tsx",
        join(packageRoot, "cli/levitate.ts"),
        "install",
        "--plan",
        plan,
        "--facts",
        factsFile,
        "--yes",
      ],
      { cwd: packageRoot, reject: false, env: { NO_COLOR: "1" }, stdin: "ignore", timeout: 120_000 },
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("steps[0].args.filesystem");
    expect(r.stderr).toContain("this repository has no btrfs-progs recipe");
    // Refused at validation: no step started (the executor prints "[1/N]" for the first one).
    expect(r.stdout).not.toMatch(/\[1\/\d+\]/);
  }, 150_000);
});
