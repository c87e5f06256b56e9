import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { z } from "zod";
import { packageRoot } from "../../../cli/common.js";
import { buildDebianBootRepo } from "../../fixtures-build/debian-boot-rpms.js";

export const bootProfileDir = join(packageRoot, "test/boot/profile");

const reportSchema = z.object({
  iso: z.string(),
  label: z.string(),
  kernel: z.string().nullable(),
  totalSeconds: z.number(),
  isoBytes: z.number(),
  stages: z.array(z.object({ name: z.string(), seconds: z.number() })),
});
export type LevisoReport = z.infer<typeof reportSchema>;

/**
 * `leviso build` exactly as a user runs it (the CLI, in a child process), on the boot profile,
 * with the Debian-boot RPM repository as its only source.
 */
export async function levisoBuildBootIso(): Promise<{ outDir: string; report: LevisoReport }> {
  const repo = await buildDebianBootRepo();
  const outDir = mkdtempSync(join(tmpdir(), "levitate-boot-iso-"));
  const r = await execa(
    process.execPath,
    [
      "--import",
      "tsx",
      join(packageRoot, "cli/leviso.ts"),
      "build",
      "--profile",
      bootProfileDir,
      "--source",
      repo.repoDir,
      "--out",
      outDir,
      "--json",
    ],
    { cwd: packageRoot, reject: false, env: { NO_COLOR: "1" }, stdin: "ignore", timeout: 15 * 60_000 },
  );
  if (r.exitCode !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(
      `leviso build failed (exit ${r.exitCode}):\n${String(r.stderr).split("\n").slice(-40).join("\n")}\n${String(r.stdout).slice(-2000)}`,
    );
  }
  return { outDir, report: reportSchema.parse(JSON.parse(String(r.stdout))) };
}
