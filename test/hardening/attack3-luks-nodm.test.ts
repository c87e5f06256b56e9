/**
 * attack3 M1: an encrypted plan on a kernel without device-mapper's crypt target is refused before
 * anything is written (the disk used to be erased and LUKS-formatted, then `cryptsetup open`
 * failed), and a failing cryptsetup step shows cryptsetup's own message, redacted, never the key.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dmCryptProblem, probeDmCrypt } from "../../facts/dmCrypt.js";
import { FactsSchema } from "../../facts/schema.js";
import { executeSteps, SECRET_OUTPUT_HIDDEN } from "../../steps/execute.js";
import type { Step } from "../../steps/step.js";
import { validatePlan } from "../../tools/planFile.js";
import { PlanRefusal, partitionLayout } from "../../tools/plans.js";

const tmp = () => mkdtempSync(join(tmpdir(), "attack3-dm-"));

function fakeRoot(opts: { misc?: string; dmCryptLoaded?: boolean; modules?: string[]; builtin?: string }) {
  const root = tmp();
  if (opts.misc !== undefined) {
    mkdirSync(join(root, "proc"));
    writeFileSync(join(root, "proc/misc"), opts.misc);
  }
  if (opts.dmCryptLoaded) mkdirSync(join(root, "sys/module/dm_crypt"), { recursive: true });
  const moduleDir = join(root, "lib/modules/test");
  mkdirSync(join(moduleDir, "kernel/drivers/md"), { recursive: true });
  for (const m of opts.modules ?? []) writeFileSync(join(moduleDir, "kernel/drivers/md", m), "");
  if (opts.builtin) writeFileSync(join(moduleDir, "modules.builtin"), opts.builtin);
  return { root, moduleDir };
}

describe("attack3 M1: probing dm-crypt", () => {
  it("no device-mapper and no modules: false", () => {
    expect(probeDmCrypt(fakeRoot({ misc: "183 hw_random\n" }))).toBe(false);
  });
  it("device-mapper loaded but no crypt target anywhere: false", () => {
    expect(probeDmCrypt(fakeRoot({ misc: "236 device-mapper\n" }))).toBe(false);
  });
  it("loaded, loadable as modules, or built in: true", () => {
    expect(probeDmCrypt(fakeRoot({ misc: "236 device-mapper\n", dmCryptLoaded: true }))).toBe(true);
    expect(probeDmCrypt(fakeRoot({ misc: "", modules: ["dm-mod.ko.xz", "dm-crypt.ko.xz"] }))).toBe(true);
    expect(
      probeDmCrypt(
        fakeRoot({ misc: "", builtin: "kernel/drivers/md/dm-mod.ko\nkernel/drivers/md/dm-crypt.ko\n" }),
      ),
    ).toBe(true);
  });
  it("unreadable kernel files: unknown, nothing refused", () => {
    expect(probeDmCrypt(fakeRoot({}))).toBeUndefined();
    expect(dmCryptProblem({})).toBeUndefined();
  });
});

const facts = (dmCrypt?: boolean) =>
  FactsSchema.parse({
    version: 2,
    mode: "live",
    firmware: "bios",
    disks: [{ path: "/dev/vdz", sizeBytes: 8 * 2 ** 30, model: "img", transport: "unknown", partitions: [] }],
    ...(dmCrypt !== undefined ? { dmCrypt } : {}),
  });
const plan = (encrypt: boolean) => ({
  version: 1,
  mode: "live",
  steps: [{ tool: "partitionDisk", args: { disk: "/dev/vdz", encrypt, filesystem: "ext4" } }],
});

describe("attack3 M1: an encrypted plan is refused up front without dm-crypt", () => {
  it("validatePlan names the check and the fix", () => {
    const v = validatePlan(plan(true), facts(false));
    expect(v.ok).toBe(false);
    const err = !v.ok ? v.errors.find((e) => e.path.includes("encrypt")) : undefined;
    expect(err?.message).toMatch(/dm-crypt/);
    expect(err?.hint).toMatch(/modprobe dm_crypt/);
  });
  it("the same plan passes where dm-crypt is there or unknown, and without encryption", () => {
    expect(validatePlan(plan(true), facts(true)).ok).toBe(true);
    expect(validatePlan(plan(true), facts()).ok).toBe(true);
    expect(validatePlan(plan(false), facts(false)).ok).toBe(true);
  });
  it("the chat's layout refuses it too (PlanRefusal on encrypt)", () => {
    const args = { disk: "/dev/vdz", encrypt: true, filesystem: "ext4" } as Parameters<
      typeof partitionLayout
    >[0];
    expect(() => partitionLayout(args, facts(false))).toThrow(PlanRefusal);
    expect(() => partitionLayout(args, facts(false))).toThrow(/dm-crypt/);
  });
});

describe("attack3 M1: a failing cryptsetup step shows its own message, never the key", () => {
  it("cryptsetup --key-file=- failing: its stderr is shown and journalled, the key is not", async () => {
    const t = tmp();
    const bin = join(t, "bin");
    mkdirSync(bin);
    // A stand-in with cryptsetup's name: reads the key, fails as cryptsetup does without dm.
    writeFileSync(
      join(bin, "cryptsetup"),
      "#!/bin/sh\nread k\necho 'Cannot initialize device-mapper. Is dm_mod kernel module loaded?' >&2\necho \"key was $k\" >&2\nexit 1\n",
    );
    chmodSync(join(bin, "cryptsetup"), 0o755);
    const step: Step = {
      id: "open",
      phase: "partition",
      source: "partitionDisk",
      title: "open",
      changes: "",
      destructive: false,
      action: {
        kind: "run",
        argv: [join(bin, "cryptsetup"), "open", "--key-file=-", "/dev/x", "root"],
        stdin: "{{secret:luks}}",
      },
    } as Step;
    const journal = join(t, "journal.log");
    const shown: string[] = [];
    const r = await executeSteps([step], {
      target: t,
      secrets: new Map([["luks", "LUKSSECRETpp1"]]),
      journalScratch: journal,
      onEvent: (e) => {
        if (e.type === "output") shown.push(e.line);
      },
    });
    expect(r.ok).toBe(false);
    expect(shown.join("\n")).toMatch(/Cannot initialize device-mapper/);
    expect(shown).not.toContain(SECRET_OUTPUT_HIDDEN);
    const all = `${shown.join("\n")}\n${readFileSync(journal, "utf8")}\n${JSON.stringify(r)}`;
    expect(all).not.toContain("LUKSSECRETpp1");
    expect(all).toMatch(/key was \*+/);
  });
});
