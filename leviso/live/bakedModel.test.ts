import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256File, writeBakedSha } from "../../agent/llm/prefixState.js";
import { bakedMemoPath, sealBakedMemo, squashfsInodeTime } from "./bakedModel.js";

/** A model file whose mtime has a fraction of a second (as a copied file's has), and its bake memo. */
async function bakedModel(root: string): Promise<string> {
  const model = join(root, "usr/share/levitate/models/m.gguf");
  mkdirSync(join(root, "usr/share/levitate/models"), { recursive: true });
  writeFileSync(model, Buffer.alloc(64 * 1024, 7));
  utimesSync(model, 1_764_900_000.75, 1_764_900_000.75);
  // The memo as `levitate model bake` writes it (the toolkit's own writer).
  writeBakedSha(model, await sha256File(model));
  return model;
}

const hasSquashfsTools = (() => {
  try {
    execFileSync("sh", ["-c", "command -v mksquashfs && command -v unsquashfs"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("leviso seals the baked model's memo with the ctime the ISO will show (attacker 3 L3)", () => {
  let work = "";
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "leviso-baked-"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("adds ctimeS equal to the whole-second mtime, keeping what the bake wrote", async () => {
    const model = await bakedModel(join(work, "root"));
    const before = JSON.parse(readFileSync(bakedMemoPath(model), "utf8"));
    const sealed = sealBakedMemo(model, ["-Xbcj", "x86"]);
    expect(sealed).toEqual({ ...before, mtimeS: 1_764_900_000, ctimeS: 1_764_900_000 });
    expect(JSON.parse(readFileSync(bakedMemoPath(model), "utf8"))).toEqual(sealed);
    // The host's own ctime is the copy's moment, not the ISO's: the seal is computed, not read.
    expect(Math.floor(statSync(model).ctimeMs / 1000)).not.toBe(sealed.ctimeS);
  });

  it.runIf(hasSquashfsTools)(
    "squashfs keeps the mtime in whole seconds, the time the seal names (and -all-time's when the profile sets it)",
    async () => {
      const root = join(work, "root");
      const model = await bakedModel(root);
      for (const options of [[], ["-all-time", "1700000000"]]) {
        const sealed = sealBakedMemo(model, options);
        const img = join(work, "root.sqfs");
        execFileSync("mksquashfs", [root, img, "-noappend", "-no-progress", "-quiet", ...options]);
        const out = join(work, "out");
        rmSync(out, { recursive: true, force: true });
        execFileSync("unsquashfs", ["-q", "-n", "-d", out, img, "usr/share/levitate/models/m.gguf"]);
        // unsquashfs sets the extracted file's times from the one time the inode holds.
        const st = statSync(join(out, "usr/share/levitate/models/m.gguf"));
        expect(st.mtimeMs / 1000, `with ${options.join(" ") || "no options"}`).toBe(sealed.ctimeS);
        expect(sealed.mtimeS).toBe(sealed.ctimeS);
        // The next pass starts from the bake's memo again.
        writeBakedSha(model, await sha256File(model));
      }
    },
  );

  it("refuses a memo that describes another file, naming what differs and the fix", async () => {
    const model = await bakedModel(join(work, "root"));
    writeFileSync(model, Buffer.alloc(65 * 1024, 7));
    expect(() => sealBakedMemo(model)).toThrow(
      /describes another file \(size 65536, the model has 66560 bytes.*bake it again/,
    );
    writeFileSync(bakedMemoPath(model), "{}");
    expect(() => sealBakedMemo(model)).toThrow(
      /is not what levitate model bake writes \(file: .*bake the model again/,
    );
  });

  it("reads -all-time/-inode-time as seconds and refuses a date string", () => {
    expect(squashfsInodeTime(["-comp", "xz"])).toBeUndefined();
    expect(squashfsInodeTime(["-all-time", "1700000000"])).toBe(1_700_000_000);
    expect(squashfsInodeTime(["-inode-time", "5"])).toBe(5);
    expect(() => squashfsInodeTime(["-all-time", "2024-01-01"])).toThrow(/seconds since the epoch/);
  });
});
