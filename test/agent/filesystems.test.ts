import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { runChat } from "../../agent/chat/index.js";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { callProblem, decideTurn } from "../../agent/turn.js";
import {
  canMount,
  filesystemModules,
  parseProcFilesystems,
  probeFilesystems,
} from "../../facts/filesystems.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { validatePlan } from "../../tools/planFile.js";
import { PlanRefusal, planTool } from "../../tools/plans.js";
import { toolsForMode } from "../../tools/registry.js";

// What Rocky 10's kernel shows: ext4 and xfs (vfat only after loading its module), no btrfs.
const ROCKY_PROC = `nodev\tsysfs
nodev\ttmpfs
nodev\tproc
nodev\tdevtmpfs
nodev\tdevpts
\text3
\text2
\text4
\tsquashfs
nodev\tautofs
\txfs
nodev\tmqueue
nodev\tpstore
\tiso9660
`;

function facts(filesystems?: string[]): Facts {
  return FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks: [
      { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "Samsung SSD 980 PRO 1TB", transport: "nvme" },
    ],
    users: ["root"],
    recipes: ["ripgrep"],
    ...(filesystems ? { filesystems } : {}),
  });
}

const NO_BTRFS = facts(["ext4", "xfs", "vfat"]);

const partition = (filesystem: "ext4" | "btrfs" | "xfs") => ({
  tool: "partitionDisk" as const,
  args: {
    disk: "/dev/nvme0n1",
    use: "whole" as const,
    filesystem,
    encrypt: false,
    separateHome: false,
    efiSize: "1G",
  },
});

function fakeModules(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "lev-modules-"));
  for (const f of files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), "");
  }
  return dir;
}

describe("probing the kernel's filesystems", () => {
  it("parses /proc/filesystems, nodev lines included", () => {
    const names = parseProcFilesystems(ROCKY_PROC);
    expect(names).toContain("ext4");
    expect(names).toContain("xfs");
    expect(names).toContain("sysfs");
    expect(names).not.toContain("btrfs");
    expect(names).not.toContain("nodev");
    expect(names).not.toContain("");
  });

  it("finds loadable modules, compressed or not, only below kernel/fs", () => {
    const dir = fakeModules([
      "kernel/fs/fat/vfat.ko.xz",
      "kernel/fs/btrfs/btrfs.ko.zst",
      "kernel/fs/xfs/xfs.ko",
      "kernel/drivers/block/ext4.ko", // not a filesystem directory
      "kernel/fs/fat/vfat.ko.sig", // not a module
    ]);
    expect(filesystemModules(dir, ["ext4", "xfs", "btrfs", "vfat"])).toEqual(["xfs", "btrfs", "vfat"]);
    expect(filesystemModules(join(dir, "absent"), ["ext4"])).toEqual([]);
  });

  it("combines both, limited to the installer's filesystems", () => {
    const withVfat = fakeModules(["kernel/fs/fat/vfat.ko.xz", "kernel/fs/nls/nls_cp437.ko.xz"]);
    expect(probeFilesystems({ procFilesystems: ROCKY_PROC, moduleDir: withVfat })).toEqual([
      "ext4",
      "xfs",
      "vfat",
    ]);
    const withBtrfs = fakeModules(["kernel/fs/btrfs/btrfs.ko"]);
    expect(probeFilesystems({ procFilesystems: ROCKY_PROC, moduleDir: withBtrfs })).toEqual([
      "ext4",
      "xfs",
      "btrfs",
    ]);
  });

  it("is unknown when /proc/filesystems cannot be read, and unknown allows everything", () => {
    const root = mkdtempSync(join(tmpdir(), "lev-root-"));
    expect(probeFilesystems({ root })).toBeUndefined();
    expect(canMount(facts(), "btrfs")).toBe(true);
    expect(canMount(NO_BTRFS, "btrfs")).toBe(false);
    // The ESP is written with mtools, never mounted: vfat is never a reason to refuse.
    expect(canMount(facts(["ext4"]), "vfat")).toBe(true);
  });

  it("keeps old facts files loading (the field is optional)", () => {
    expect(facts().filesystems).toBeUndefined();
    expect(() => FactsSchema.parse({ mode: "live", filesystems: "ext4" })).toThrow();
  });
});

describe("refusing a filesystem the kernel cannot mount", () => {
  it("at plan time, naming the field and the supported filesystems", () => {
    const refusal = (() => {
      try {
        planTool("partitionDisk", partition("btrfs").args as never, NO_BTRFS, { target: "/mnt" });
      } catch (e) {
        return e;
      }
    })();
    expect(refusal).toBeInstanceOf(PlanRefusal);
    expect((refusal as PlanRefusal).field).toBe("filesystem");
    expect((refusal as PlanRefusal).message).toMatch(/cannot mount btrfs/);
    expect((refusal as PlanRefusal).hint).toMatch(/ext4 or xfs/);
    expect(
      planTool("partitionDisk", partition("xfs").args as never, NO_BTRFS, { target: "/mnt" }).length,
    ).toBeGreaterThan(0);
    // Without the fact, btrfs plans as before.
    expect(
      planTool("partitionDisk", partition("btrfs").args as never, facts(), { target: "/mnt" }).length,
    ).toBeGreaterThan(0);
  });

  it("in plan-file validation, with the JSON path", () => {
    const plan = { version: 1, mode: "live", steps: [partition("xfs"), partition("btrfs")] };
    const r = validatePlan(
      { ...plan, steps: [{ tool: "partitionDisk", args: partition("btrfs").args }] },
      NO_BTRFS,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        {
          path: "steps[0].args.filesystem",
          message: "the running kernel cannot mount btrfs",
          hint: "use ext4 or xfs (the filesystems this kernel supports)",
        },
      ]);
    }
    expect(validatePlan({ ...plan, steps: [partition("xfs")] }, NO_BTRFS).ok).toBe(true);
    expect(validatePlan({ ...plan, steps: [partition("btrfs")] }, facts()).ok).toBe(true);
  });

  it("in the turn, for any backend: the call becomes a reply saying why", async () => {
    const live = toolsForMode("live");
    expect(callProblem(partition("btrfs"), NO_BTRFS, live)).toBe(
      "The running kernel cannot mount btrfs; use ext4 or xfs (the filesystems this kernel supports).",
    );
    expect(callProblem(partition("btrfs"), facts(), live)).toBeUndefined();

    const backend = createRulesBackend();
    const ask = async (f: Facts, line: string) => decideTurn(backend, new Conversation(f).view(line), f);
    const refused = await ask(NO_BTRFS, "install on the nvme with btrfs");
    expect(refused).toEqual({ reply: expect.stringMatching(/cannot mount btrfs; use ext4 or xfs/) });
    const allowed = await ask(facts(), "install on the nvme with btrfs");
    expect(allowed).toMatchObject({ calls: [{ tool: "partitionDisk", args: { filesystem: "btrfs" } }] });
    const xfs = await ask(NO_BTRFS, "install on the nvme with xfs");
    expect(xfs).toMatchObject({ calls: [{ tool: "partitionDisk", args: { filesystem: "xfs" } }] });
  });
});

describe("the llm's turn grammar", () => {
  it("offers only the filesystems the kernel can mount", () => {
    const t = turnSchema(NO_BTRFS, { pending: false });
    const g = turnGrammar(t);
    const rule = g.split("\n").find((l) => l.startsWith("partition-disk-args-filesystem ::="));
    expect(rule).toBeDefined();
    expect(rule).toContain("ext4");
    expect(rule).toContain("xfs");
    expect(rule).not.toContain("btrfs");
    const call = (filesystem?: string) => ({
      calls: [
        { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", ...(filesystem ? { filesystem } : {}) } },
      ],
    });
    expect(t.schema.safeParse(call("btrfs")).success).toBe(false);
    expect(t.schema.safeParse(call("xfs")).success).toBe(true);
    expect(t.schema.safeParse(call()).success).toBe(true);
  });

  it("is unchanged when the facts do not say, or allow all three", () => {
    const base = turnGrammar(turnSchema(facts(), { pending: false }));
    expect(base).toMatch(/btrfs/);
    expect(turnGrammar(turnSchema(facts(["ext4", "xfs", "btrfs"]), { pending: false }))).toBe(base);
  });

  it("withholds partitionDisk when no root filesystem can be mounted", () => {
    const t = turnSchema(facts(["vfat"]), { pending: false });
    expect(t.tools).not.toContain("partitionDisk");
    expect(t.withheld).toContainEqual({
      tool: "partitionDisk",
      why: "the running kernel can mount none of ext4, btrfs, xfs",
    });
  });
});

describe("the chat header", () => {
  async function header(f: Facts): Promise<string> {
    let out = "";
    const output = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const input = new PassThrough();
    input.end("/quit\n");
    await runChat({
      facts: f,
      backend: createRulesBackend(),
      backendReason: "rules",
      dryRun: true,
      input,
      output,
      chalk: new Chalk({ level: 0 }),
    });
    return out;
  }

  it("shows the filesystems the kernel can mount, when known", async () => {
    expect(await header(NO_BTRFS)).toContain("Filesystems this kernel can mount: ext4, xfs, vfat");
    expect(await header(facts())).not.toContain("Filesystems this kernel can mount");
  });
});
