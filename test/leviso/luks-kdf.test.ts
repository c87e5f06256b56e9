import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryFromMeminfo } from "../../facts/probe/memory.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import {
  LUKS_KDF_ITER_TIME_MS,
  LUKS_KDF_MAX_MEMORY_KIB,
  LUKS_KDF_MIN_MEMORY_KIB,
  luksKdfArgs,
  luksKdfMemoryKiB,
} from "../../leviso/disk/luksKdf.js";
import { GiB, MiB } from "../../steps/size.js";
import { compilePlan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";
import { renderPlan } from "../../tools/render.js";
import { describeRoot } from "../helpers/env.js";

/** The chain test's live VM (2 GiB, the root overlay in RAM; its /proc/meminfo, measured) and a laptop. */
const SMALL = { totalBytes: 2012120 * 1024, availableBytes: 1785824 * 1024 };
const LARGE = { totalBytes: 16 * GiB, availableBytes: 13 * GiB };

const facts = (memory?: Facts["memory"]): Facts =>
  FactsSchema.parse({
    mode: "live",
    firmware: "bios",
    disks: [{ path: "/dev/vda", sizeBytes: 6 * GiB }],
    ...(memory ? { memory } : {}),
  });

const encrypted: ToolCall = {
  tool: "partitionDisk",
  args: { disk: "/dev/vda", filesystem: "ext4", encrypt: true, separateHome: false },
} as ToolCall;

function luksFormatArgv(f: Facts): string[] {
  const r = compilePlan([encrypted], f, { target: "/mnt" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const step = r.plan.steps.find((s) => s.id === "partitionDisk.luks.format.root");
  if (step?.action.kind !== "run") throw new Error("no luksFormat step");
  return step.action.argv;
}

describe("LUKS key derivation sized to the machine", () => {
  it("a small machine: argon2id's memory is a quarter of what is available, in 32 MiB steps; 2 s", () => {
    // 1785824 KiB / 4 = 446456 KiB (436 MiB), down to 416 MiB: what the chain's install printed.
    expect(luksKdfMemoryKiB(SMALL)).toBe(416 * 1024);
    expect(luksFormatArgv(facts(SMALL))).toEqual([
      "cryptsetup",
      "luksFormat",
      "--type",
      "luks2",
      "--batch-mode",
      "--label",
      "cryptroot",
      "--pbkdf",
      "argon2id",
      "--pbkdf-memory",
      "425984",
      "--iter-time",
      "2000",
      "--key-file=-",
      "/dev/vda2",
    ]);
  });

  it("a large machine: cryptsetup's own 1 GiB ceiling, unchanged", () => {
    expect(luksKdfMemoryKiB(LARGE)).toBe(LUKS_KDF_MAX_MEMORY_KIB);
    expect(luksFormatArgv(facts(LARGE))).toEqual(
      expect.arrayContaining(["--pbkdf-memory", "1048576", "--iter-time", "2000"]),
    );
  });

  it("never over half the RAM, never under the floor; unknown memory leaves the cap to cryptsetup", () => {
    // A meminfo claiming more available than RAM: half of the RAM still rules (cryptsetup's rule too).
    expect(luksKdfMemoryKiB({ totalBytes: 256 * MiB, availableBytes: GiB })).toBe(128 * 1024);
    expect(luksKdfMemoryKiB({ totalBytes: GiB, availableBytes: 100 * MiB })).toBe(LUKS_KDF_MIN_MEMORY_KIB);
    expect(luksKdfMemoryKiB(undefined)).toBeUndefined();
    const args = luksKdfArgs(undefined);
    expect(args).toEqual(["--pbkdf", "argon2id", "--iter-time", String(LUKS_KDF_ITER_TIME_MS)]);
    expect(luksFormatArgv(facts())).not.toContain("--pbkdf-memory");
  });

  it("the dry-run shows the exact argv and the cost in words; the passphrase only as a placeholder on stdin", () => {
    const r = compilePlan([encrypted], facts(SMALL), { target: "/mnt" });
    if (!r.ok) throw new Error("no plan");
    const text = renderPlan(r.plan, { verbose: true, color: false });
    expect(text).toContain(
      "cryptsetup luksFormat --type luks2 --batch-mode --label cryptroot --pbkdf argon2id --pbkdf-memory 425984 --iter-time 2000 --key-file=- /dev/vda2",
    );
    expect(text).toContain(
      "Encrypt /dev/vda2 (root) with LUKS2 (key derivation: argon2id, up to 416 MiB, 2 s)",
    );
    expect(text).not.toMatch(/--key-file=(?!-)|passphrase=/);
  });

  it("the probe reads MemTotal and MemAvailable; a meminfo without them is unknown, not zero", () => {
    expect(
      memoryFromMeminfo(
        "MemTotal:        2057216 kB\nMemFree:          900000 kB\nMemAvailable:    1448960 kB\n",
      ),
    ).toEqual({ totalBytes: 2057216 * 1024, availableBytes: 1448960 * 1024 });
    expect(memoryFromMeminfo("MemTotal:        2057216 kB\n")).toBeUndefined();
    expect(() =>
      FactsSchema.parse({ mode: "live", memory: { totalBytes: -1, availableBytes: 0 } }),
    ).toThrow();
  });
});

/**
 * The argv on a real LUKS2 container (a loop device): cryptsetup takes the options and keeps the
 * memory at or under the cap; the passphrase opens it (the KDF run, no device-mapper needed).
 */
describeRoot("LUKS key derivation on a real container", ["cryptsetup", "losetup", "truncate"], () => {
  it("luksFormat with the small machine's options: argon2id, memory at most the cap, and the passphrase opens it", () => {
    const dir = mkdtempSync(join(tmpdir(), "levitate-kdf-"));
    const img = join(dir, "luks.img");
    writeFileSync(img, "");
    execFileSync("truncate", ["-s", "32M", img]);
    const loop = execFileSync("losetup", ["-f", "--show", img], { encoding: "utf8" }).trim();
    try {
      const argv = luksFormatArgv(facts(SMALL)).map((a) => (a === "/dev/vda2" ? loop : a));
      const pass = "kdf-test-passphrase";
      const t0 = Date.now();
      execFileSync(argv[0] as string, argv.slice(1), { input: pass, stdio: ["pipe", "pipe", "pipe"] });
      const formatMs = Date.now() - t0;
      const dump = execFileSync("cryptsetup", ["luksDump", "--dump-json-metadata", loop], {
        encoding: "utf8",
      });
      const slot = (
        JSON.parse(dump) as {
          keyslots: Record<string, { kdf: { type: string; memory: number; time: number } }>;
        }
      ).keyslots["0"];
      expect(slot?.kdf.type).toBe("argon2id");
      expect(slot?.kdf.memory).toBeLessThanOrEqual(416 * 1024);
      const t1 = Date.now();
      const ok = spawnSync("cryptsetup", ["open", "--test-passphrase", "--key-file=-", loop], {
        input: pass,
      });
      const unlockMs = Date.now() - t1;
      expect(ok.status, ok.stderr.toString()).toBe(0);
      const bad = spawnSync("cryptsetup", ["open", "--test-passphrase", "--key-file=-", loop], {
        input: "not-it",
      });
      expect(bad.status).not.toBe(0);
      process.stderr.write(
        `luks kdf: format ${(formatMs / 1000).toFixed(1)} s; argon2id memory ${slot?.kdf.memory} KiB, ${slot?.kdf.time} iterations; unlock ${(unlockMs / 1000).toFixed(1)} s\n`,
      );
    } finally {
      spawnSync("losetup", ["-d", loop]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
