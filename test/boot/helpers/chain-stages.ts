import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../cli/common.js";
import { BootFailure } from "../../../leviso/qemu/console.js";

/**
 * The chain test's stages, openQA-style: each has a name, a console log kept as a CI artifact,
 * and a time. A failure names the stage, where its console log is, and the last 50 console lines.
 */

/** `$LEVITATE_ARTIFACTS`, else out/ci-artifacts/ (CI uploads the folder). */
export function artifactsDir(): string {
  const dir = process.env.LEVITATE_ARTIFACTS ?? join(packageRoot, "out", "ci-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export class ChainRun {
  readonly seconds: Record<string, number> = {};
  constructor(readonly name: string) {}

  /** The console log file of one stage. */
  log(stage: string): string {
    return join(artifactsDir(), `${this.name}-${stage}.log`);
  }

  async stage<T>(stage: string, fn: (log: string) => Promise<T>): Promise<T> {
    const t0 = Date.now();
    const log = this.log(stage);
    try {
      return await fn(log);
    } catch (e) {
      const detail =
        e instanceof BootFailure
          ? `${e.reason}\n--- last ${e.lastLines.length} console lines ---\n${e.lastLines.join("\n")}\n--- end of console ---`
          : e instanceof Error
            ? e.message
            : String(e);
      throw new Error(`${this.name}: stage "${stage}" failed: ${detail}\nconsole log: ${log}`);
    } finally {
      this.seconds[stage] = Math.round((Date.now() - t0) / 100) / 10;
      writeFileSync(
        join(artifactsDir(), `${this.name}-times.json`),
        `${JSON.stringify(this.seconds, null, 2)}\n`,
      );
    }
  }

  summary(): string {
    return `${this.name}: ${Object.entries(this.seconds)
      .map(([k, v]) => `${k} ${v} s`)
      .join(", ")}`;
  }
}
