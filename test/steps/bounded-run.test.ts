import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { executeSteps } from "../../steps/execute.js";
import type { Step } from "../../steps/step.js";
import { describeAction } from "../../steps/step.js";

/**
 * A command bounded in time (efibootmgr waiting in a firmware that never answers, as the chain
 * test's UEFI install did once in CI: the console stopped at "Add LevitateOS to the firmware's
 * boot menu" until QEMU's limit) is given up after its bound: the step is skipped, or fails,
 * with the reason, and the install does not wait for the process.
 */
describe("a bounded command", () => {
  const target = mkdtempSync(join(tmpdir(), "levitate-bounded-"));
  afterAll(() => rmSync(target, { recursive: true, force: true }));
  const step = (argv: string[], fail?: boolean): Step => ({
    phase: "bootloader",
    source: "install",
    destructive: false,
    id: "install.nvram",
    title: "Add LevitateOS to the firmware's boot menu",
    changes: "a boot entry",
    action: { kind: "run", argv, bounded: { ms: 400, otherwise: "the fallback path boots it", fail } },
  });
  const opts = () => ({ target, journalScratch: join(target, `journal-${Math.random()}.log`) });

  it("that never returns is skipped after its bound, with the reason, and the next step runs", async () => {
    const t0 = Date.now();
    const r = await executeSteps([step(["sleep", "60"]), step(["true"])], opts());
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.ok).toBe(true);
    expect(r.results.map((x) => x.status)).toEqual(["skipped", "ok"]);
    expect(r.results[0]?.message).toBe("sleep did not return within 0 s: the fallback path boots it");
  });

  it("fails the install with the reason when nothing else boots the system", async () => {
    const r = await executeSteps([step(["sleep", "60"], true), step(["true"])], opts());
    expect(r.ok).toBe(false);
    expect(r.failed?.message).toContain("sleep did not return within 0 s: the fallback path boots it");
    expect(r.notRun.map((s) => s.action.kind)).toEqual(["run"]);
  });

  it("that returns in time runs as any command, and the plan shows the bound", async () => {
    const r = await executeSteps([step(["true"])], opts());
    expect(r.results.map((x) => x.status)).toEqual(["ok"]);
    expect(
      describeAction({ kind: "run", argv: ["efibootmgr"], bounded: { ms: 180_000, otherwise: "" } }),
    ).toBe("efibootmgr (given up after 180 s)");
  });
});
