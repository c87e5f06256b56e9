import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sha256File, usable } from "../../agent/llm/prefixState.js";

/**
 * A saved KV state in the user cache is trusted without hashing only while it is the file that
 * was written: size, mtime, inode AND ctime. A rewrite in place keeps the inode and `touch -d` can
 * set the mtime back; the ctime moves anyway (attacker 3's L3, as for the model's sha256 memo).
 */
describe("a saved state is trusted on sight only while its ctime is the one recorded", () => {
  const dir = mkdtempSync(join(tmpdir(), "levitate-state-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const want = { modelSha256: "m", prefixHash: "p", tokens: 3, kvLayout: "k" };

  function saved(name: string, opts: { sha?: string; ctime?: boolean }) {
    const file = join(dir, `${name}.state`);
    writeFileSync(file, Buffer.alloc(4096, 1));
    const st = statSync(file);
    const big = statSync(file, { bigint: true });
    const meta = {
      ...want,
      stateBytes: st.size,
      stateSha256: opts.sha ?? "",
      kind: "machine",
      written: {
        size: st.size,
        mtimeMs: st.mtimeMs,
        ino: st.ino,
        ...(opts.ctime === false ? {} : { ctimeMs: st.ctimeMs }),
      },
    };
    const metaFile = join(dir, `${name}.json`);
    writeFileSync(metaFile, JSON.stringify(meta));
    return { file, metaFile, st, big };
  }

  it("the file as written is used without hashing", async () => {
    const s = saved("same", {});
    expect(await usable(s.file, s.metaFile, want)).toBeUndefined();
  });

  it("rewritten in place with its mtime set back: hashed, and refused", async () => {
    const s = saved("rewritten", {});
    await new Promise((r) => setTimeout(r, 20)); // a ctime tick later
    const fd = openSync(s.file, "r+");
    writeSync(fd, Buffer.alloc(16, 7), 0, 16, 100);
    closeSync(fd);
    // `touch -d` with the nanoseconds: the mtime exactly as recorded (utimes keeps only ms)
    const was = s.big.mtimeNs;
    execFileSync("touch", [
      "-m",
      "-d",
      `@${was / 1_000_000_000n}.${String(was % 1_000_000_000n).padStart(9, "0")}`,
      s.file,
    ]);
    const now = statSync(s.file);
    expect([now.size, now.mtimeMs, now.ino]).toEqual([s.st.size, s.st.mtimeMs, s.st.ino]);
    expect(now.ctimeMs).not.toBe(s.st.ctimeMs);
    expect(await usable(s.file, s.metaFile, want)).toBe("the state file's checksum does not match");
  });

  it("a description without the ctime is never trusted on sight: the checksum decides", async () => {
    const stale = saved("old-meta", { ctime: false });
    expect(await usable(stale.file, stale.metaFile, want)).toBe("the state file's checksum does not match");
    const good = saved("old-meta-hashed", { ctime: false });
    writeFileSync(
      good.metaFile,
      JSON.stringify({
        ...JSON.parse(await import("node:fs").then((f) => f.readFileSync(good.metaFile, "utf8"))),
        stateSha256: await sha256File(good.file),
      }),
    );
    expect(await usable(good.file, good.metaFile, want)).toBeUndefined();
  });
});
