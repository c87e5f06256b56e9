/**
 * Test-only: an encrypted install on a host whose kernel has no device-mapper (this development
 * machine's: `dmsetup version` fails, so `cryptsetup open` cannot map anything). Everything else
 * of LUKS works there in user space: `luksFormat`, `luksDump --dump-volume-key`.
 *
 * The installer's `cryptsetup open DEV NAME` is answered by a shim first on the installer's PATH:
 * a loop device over DEV's LUKS2 data segment (its offset from the header), linked as
 * /dev/mapper/NAME, so mkfs, mount and the install write the plaintext there. After the install,
 * {@link encryptDataSegment} encrypts that plaintext in place with the volume key, sector by sector,
 * as dm-crypt would have written it (aes-xts-plain64, IV = the 512-byte sector number plus the
 * segment's iv_tweak). Regions of the sparse image nothing wrote are left as they are: a LUKS
 * container on a disk that was never wiped has garbage there too, and no filesystem reads it.
 * Every other cryptsetup command is the real one. On a host with device-mapper none of this is
 * used (test/boot/README.md).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createCipheriv } from "node:crypto";
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/** Whether this kernel can map devices (dm-crypt); without it the shim stands in for `open`. */
export function hostHasDeviceMapper(): boolean {
  return spawnSync("dmsetup", ["version"], { stdio: "ignore" }).status === 0;
}

const segmentSchema = z.object({
  type: z.literal("crypt"),
  offset: z.string().regex(/^\d+$/),
  size: z.string(),
  iv_tweak: z.string().regex(/^\d+$/),
  encryption: z.string(),
  sector_size: z.number().int().positive(),
});
const metadataSchema = z.object({ segments: z.record(z.string(), segmentSchema) });
export type DataSegment = z.infer<typeof segmentSchema>;

/** The LUKS2 data segment of a container (offset, cipher, sector size), from its JSON header. */
export function dataSegment(device: string): DataSegment {
  const json = execFileSync("cryptsetup", ["luksDump", "--dump-json-metadata", device], { encoding: "utf8" });
  const seg = metadataSchema.parse(JSON.parse(json)).segments["0"];
  if (!seg) throw new Error(`${device}: the LUKS2 header has no data segment 0`);
  if (seg.encryption !== "aes-xts-plain64")
    throw new Error(`${device}: encryption ${seg.encryption}; the stand-in only writes aes-xts-plain64`);
  return seg;
}

/**
 * A directory holding `cryptsetup` (a Node script): `open` maps the data segment through a loop
 * device at /dev/mapper/NAME, `close` undoes it, `status` names the device; the rest goes to the
 * real cryptsetup. Prepend the directory to the installer's PATH.
 */
export function cryptsetupShimDir(): string {
  const dir = join(tmpdir(), `levitate-cryptsetup-shim-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const real = execFileSync("sh", ["-c", "command -v cryptsetup"], { encoding: "utf8" }).trim();
  const script = `#!/usr/bin/env node
// Test-only stand-in for cryptsetup open/close/status (test/boot/helpers/luks-nodm.ts).
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const real = ${JSON.stringify(real)};
const state = ${JSON.stringify(dir)};
const args = process.argv.slice(2);
const words = args.filter((a) => !a.startsWith("-"));
const cmd = words[0];
if (cmd === "open" || cmd === "luksOpen") {
  const [dev, name] = words.slice(1);
  fs.readFileSync(0); // the passphrase: the real open would check it; the stand-in maps without it
  const meta = JSON.parse(execFileSync(real, ["luksDump", "--dump-json-metadata", dev], { encoding: "utf8" }));
  const offset = meta.segments["0"].offset;
  const loop = execFileSync("losetup", ["--find", "--show", "--offset", offset, dev], { encoding: "utf8" }).trim();
  fs.symlinkSync(loop, "/dev/mapper/" + name);
  fs.writeFileSync(state + "/" + name + ".json", JSON.stringify({ dev, loop }));
  process.exit(0);
}
if (cmd === "close" || cmd === "luksClose" || cmd === "status") {
  const name = words[1];
  let s;
  try { s = JSON.parse(fs.readFileSync(state + "/" + name + ".json", "utf8")); } catch { process.exit(4); }
  if (cmd === "status") { console.log("/dev/mapper/" + name + " is active (test stand-in).\\n  device:  " + s.dev + "\\n  loop:    " + s.loop); process.exit(0); }
  execFileSync("losetup", ["-d", s.loop]);
  fs.rmSync("/dev/mapper/" + name, { force: true });
  fs.rmSync(state + "/" + name + ".json", { force: true });
  process.exit(0);
}
const r = spawnSync(real, args, { stdio: "inherit" });
process.exit(r.status === null ? 1 : r.status);
`;
  const path = join(dir, "cryptsetup");
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return dir;
}

/** Closes what the shim in `dir` opened (after a failed install too), then removes it. */
export function removeCryptsetupShim(dir: string, names: readonly string[]): void {
  for (const n of names) spawnSync(join(dir, "cryptsetup"), ["close", n], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
}

/** The container's volume key, read in user space with the passphrase (no mapping needed). */
export function volumeKey(device: string, passphrase: string): Buffer {
  const dir = join(tmpdir(), `levitate-vk-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { mode: 0o700 });
  try {
    writeFileSync(join(dir, "pass"), passphrase, { mode: 0o600 });
    execFileSync(
      "cryptsetup",
      [
        "luksDump",
        "--batch-mode",
        "--dump-volume-key",
        "--volume-key-file",
        join(dir, "vk"),
        "--key-file",
        join(dir, "pass"),
        device,
      ],
      { stdio: "ignore" },
    );
    return execFileSync("cat", [join(dir, "vk")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Byte ranges of `file` that hold data (SEEK_DATA/SEEK_HOLE), clipped to [from, to). */
export function dataExtents(file: string, from: number, to: number): [number, number][] {
  const py = [
    "import os, sys, json",
    "f, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])",
    "fd = os.open(f, os.O_RDONLY); out = []; pos = a",
    "while pos < b:",
    "    try: s = os.lseek(fd, pos, os.SEEK_DATA)",
    "    except OSError: break",
    "    if s >= b: break",
    "    e = min(os.lseek(fd, s, os.SEEK_HOLE), b); out.append([s, e]); pos = e",
    "print(json.dumps(out))",
  ].join("\n");
  const out = execFileSync("python3", ["-c", py, file, String(from), String(to)], { encoding: "utf8" });
  return z.array(z.tuple([z.number(), z.number()])).parse(JSON.parse(out));
}

/**
 * Encrypts, in place in the image file, the plaintext the install wrote into a LUKS2 data
 * segment: the partition starts at `partStart` bytes in `image` and is `partBytes` long. Returns
 * the bytes encrypted.
 */
export function encryptDataSegment(
  image: string,
  partStart: number,
  partBytes: number,
  seg: DataSegment,
  key: Buffer,
): number {
  const cipher = key.length === 64 ? "aes-256-xts" : key.length === 32 ? "aes-128-xts" : "";
  if (!cipher) throw new Error(`volume key of ${key.length} bytes: not an XTS key`);
  const sector = seg.sector_size;
  const segStart = partStart + Number(seg.offset);
  const tweak = BigInt(seg.iv_tweak);
  const fd = openSync(image, "r+");
  let done = 0;
  try {
    const chunk = Buffer.alloc(4 << 20);
    const iv = Buffer.alloc(16);
    for (const [s, e] of dataExtents(image, segStart, partStart + partBytes)) {
      // Whole sectors of the segment that touch the extent.
      let pos = segStart + Math.floor((s - segStart) / sector) * sector;
      const end = segStart + Math.ceil((e - segStart) / sector) * sector;
      while (pos < end) {
        const n = Math.min(chunk.length, end - pos);
        const got = readSync(fd, chunk, 0, n, pos);
        if (got !== n) throw new Error(`short read at ${pos} in ${image}`);
        for (let off = 0; off < n; off += sector) {
          // plain64: the IV counts 512-byte sectors from the segment's start (LUKS2 sets no large-IV flag).
          iv.fill(0);
          iv.writeBigUInt64LE(BigInt((pos + off - segStart) / 512) + tweak, 0);
          const c = createCipheriv(cipher, key, iv);
          const enc = c.update(chunk.subarray(off, off + sector));
          c.final();
          enc.copy(chunk, off);
        }
        writeSync(fd, chunk, 0, n, pos);
        pos += n;
        done += n;
      }
    }
  } finally {
    closeSync(fd);
  }
  return done;
}
