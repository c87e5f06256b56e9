import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";

const REPO = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "loop-signal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A child that attaches one partitioned image with the test helper, says which device, and waits. */
function attachAndStop(
  image: string,
  signal: NodeJS.Signals,
): Promise<{ dev: string; signal: string | null }> {
  const helper = join(REPO, "test/helpers/loopDevices.ts");
  const code = `const { attachLoop } = await import(${JSON.stringify(helper)});
process.stdout.write(attachLoop(${JSON.stringify(image)}) + "\\n");
setInterval(() => {}, 1000);`;
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let dev = "";
    p.stdout.on("data", (d) => {
      dev += d;
      if (dev.endsWith("\n")) p.kill(signal);
    });
    p.on("close", (_, sig) => resolve({ dev: dev.trim(), signal: sig }));
  });
}

/**
 * A boot or loop test killed midway left its loop device attached, with loop0p1… in
 * /proc/partitions, and every later blkid label lookup failed. The helpers now detach what they
 * attached when the process is stopped by a signal, and only that.
 */
describeRoot("loop helpers detach their devices on a signal", ["losetup", "sfdisk"], () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s: the device and its partition are gone",
    async (signal) => {
      const image = join(dir, `${signal}.img`);
      writeFileSync(image, "");
      execFileSync("truncate", ["-s", "16M", image]);
      execFileSync("sfdisk", ["-q", image], { input: "label: gpt\n\nsize=8MiB\n" });
      const r = await attachAndStop(image, signal);
      expect(r.dev).toMatch(/^\/dev\/loop\d+$/);
      expect(r.signal).toBe(signal);
      expect(execFileSync("losetup", ["-j", image], { encoding: "utf8" }).trim()).toBe("");
      const name = r.dev.replace("/dev/", "");
      // The kernel drops the partition with the device; give udev a moment on a busy box.
      for (let i = 0; i < 20 && readFileSync("/proc/partitions", "utf8").includes(`${name}p1`); i++)
        execFileSync("sleep", ["0.1"]);
      expect(readFileSync("/proc/partitions", "utf8")).not.toMatch(new RegExp(`\\b${name}p1\\b`));
    },
    60_000,
  );
});
