import { execFileSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../recipe/state.js";
import { describeRoot } from "../helpers/env.js";

const ORIGINAL = `let pkg = #{ name: "tool", version: "1.0" };\nlet installed = false; // state\nfn install() {}\n`;

describe("recipe write-back that fails leaves the recipe as it was, and no temp file", () => {
  it("the path became a directory: the rename fails, nothing is left behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "recipe-wb-"));
    const file = join(dir, "tool.rhai");
    mkdirSync(join(file, "sub"), { recursive: true });
    expect(() => writeFileAtomic(file, ORIGINAL.replace("false", "true"))).toThrow();
    expect(readdirSync(dir)).toEqual(["tool.rhai"]);
    expect(readdirSync(file)).toEqual(["sub"]);
  });

  it("a successful write keeps the file's exact mode, whatever the umask", () => {
    const dir = mkdtempSync(join(tmpdir(), "recipe-wb-"));
    const file = join(dir, "tool.rhai");
    writeFileSync(file, ORIGINAL);
    chmodSync(file, 0o664);
    const old = process.umask(0o022);
    try {
      writeFileAtomic(file, ORIGINAL.replace("false", "true"));
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o7777).toBe(0o664);
    expect(readFileSync(file, "utf8")).toContain("let installed = true;");
    expect(readdirSync(dir)).toEqual(["tool.rhai"]);
  });

  it("the directory is gone: the error says so and nothing is created", () => {
    const dir = mkdtempSync(join(tmpdir(), "recipe-wb-"));
    rmSync(dir, { recursive: true });
    expect(() => writeFileAtomic(join(dir, "tool.rhai"), ORIGINAL)).toThrow(/ENOENT/);
  });
});

describeRoot("recipe write-back on a full filesystem (tmpfs)", ["mount", "umount"], () => {
  let mnt: string;
  beforeAll(() => {
    mnt = mkdtempSync(join(tmpdir(), "recipe-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=128k,nr_inodes=64", "tmpfs", mnt]);
  });
  afterAll(() => {
    execFileSync("umount", [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });

  it("ENOSPC while writing the new state: the recipe is byte-identical and no temp file is left", () => {
    const file = join(mnt, "tool.rhai");
    writeFileSync(file, ORIGINAL);
    // Fill what is left, a page at a time, until the filesystem says it is full.
    const page = Buffer.alloc(4096, 0x61);
    let filler = 0;
    for (;;) {
      try {
        writeFileSync(join(mnt, `filler-${filler}`), page);
        filler++;
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe("ENOSPC");
        rmSync(join(mnt, `filler-${filler}`), { force: true });
        break;
      }
    }
    const grown = ORIGINAL.replace(
      "false",
      `true;\nlet installed_files = [${'"/usr/local/bin/x", '.repeat(2000)}]`,
    );
    expect(() => writeFileAtomic(file, grown)).toThrow(/ENOSPC/);
    expect(readFileSync(file, "utf8")).toBe(ORIGINAL);
    expect(readdirSync(mnt).filter((e) => !e.startsWith("filler-"))).toEqual(["tool.rhai"]);
  });
});
