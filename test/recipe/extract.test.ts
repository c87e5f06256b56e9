import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractArchive, sniffFormat, UnsafeArchiveError } from "../../recipe/extract.js";
import { PathEscapeError, resolveConfined } from "../../recipe/paths.js";
import { describeWithTools } from "../helpers/env.js";
import { packArchive, rawTar, rawTarGz, writeTree } from "./archives.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "extract-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describeWithTools("extract: real archives from tar, xz, zstd and zip", ["tar", "xz", "zstd", "zip"], () => {
  for (const format of ["tar.gz", "tar.xz", "tar.zst", "zip"] as const) {
    it(`extracts ${format} with modes and relative symlinks`, () => {
      writeTree(join(dir, "in"), {
        "tool-1.0/tool": ["#!/bin/sh\necho hi\n", 0o755],
        "tool-1.0/doc/tool.1": ".TH TOOL 1\n",
      });
      symlinkSync("tool", join(dir, "in/tool-1.0/tool-alias"));
      const archive = join(dir, `a.${format}`);
      packArchive(join(dir, "in"), "tool-1.0", archive, format);
      expect(sniffFormat(archive)).toBe(format);
      const out = join(dir, "out");
      const r = extractArchive(archive, "auto", out);
      expect(r.topLevel).toEqual(["tool-1.0"]);
      expect(readFileSync(join(out, "tool-1.0/tool"), "utf8")).toBe("#!/bin/sh\necho hi\n");
      expect(statSync(join(out, "tool-1.0/tool")).mode & 0o777).toBe(0o755);
      expect(readFileSync(join(out, "tool-1.0/doc/tool.1"), "utf8")).toContain(".TH");
      expect(readlinkSync(join(out, "tool-1.0/tool-alias"))).toBe("tool");
    });
  }
});

describe("extract refuses hostile archives and writes nothing", () => {
  const refuse = (name: string, entries: Parameters<typeof rawTar>[0], message: RegExp) =>
    it(name, () => {
      const archive = join(dir, "evil.tar.gz");
      writeFileSync(archive, rawTarGz(entries));
      const out = join(dir, "sub", "out");
      mkdirSync(join(dir, "sub"));
      expect(() => extractArchive(archive, "tar.gz", out)).toThrow(message);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, "evil"))).toBe(false);
      expect(existsSync(join(dir, "sub", "evil"))).toBe(false);
    });

  refuse(
    "`../evil`",
    [
      { type: "file", path: "ok.txt", content: "ok" },
      { type: "file", path: "../evil", content: "x" },
    ],
    /climbs out.*\.\./,
  );
  refuse("`a/../../evil`", [{ type: "file", path: "a/../../evil", content: "x" }], /climbs out/);
  refuse("an absolute path", [{ type: "file", path: "/tmp/evil-abs", content: "x" }], /absolute path/);
  refuse("a symlink to an absolute path", [{ type: "symlink", path: "link", target: "/etc" }], /absolute/);
  refuse("a symlink climbing out", [{ type: "symlink", path: "d/link", target: "../../evil" }], /escapes/);
  refuse(
    "a symlink that escapes only through another link",
    [
      { type: "symlink", path: "a", target: "." },
      { type: "symlink", path: "b", target: "a/../evil" },
    ],
    /escapes/,
  );
  refuse(
    "a file written through a symlinked directory",
    [
      { type: "symlink", path: "dir", target: "." },
      { type: "file", path: "dir/x", content: "x" },
      { type: "file", path: "dir", content: "" },
    ],
    /.+/,
  );
  refuse(
    "a hard link to outside",
    [{ type: "hardlink", path: "h", target: "../../etc/passwd" }],
    /^archive hard link "h" -> "\.\.\/\.\.\/etc\/passwd": the target climbs out/,
  );
  // The message names the entry (pkg/hl) and its target, not the target as if it were the entry.
  refuse(
    "a hard link to an absolute path",
    [{ type: "hardlink", path: "pkg/hl", target: "/etc/passwd" }],
    /^archive hard link "pkg\/hl" -> "\/etc\/passwd": the target has an absolute path; refusing to extract it$/,
  );

  it("never follows a symlink planted earlier in the same archive when writing files", () => {
    // A link to a real outside directory, then a file "through" it: links are created last, so
    // the file lands in a real directory inside, and the link itself is refused.
    const outside = join(dir, "outside");
    mkdirSync(outside);
    const archive = join(dir, "x.tar");
    writeFileSync(
      archive,
      rawTar([
        { type: "symlink", path: "l", target: "../outside" },
        { type: "file", path: "l/pwned", content: "x" },
      ]),
    );
    expect(() => extractArchive(archive, "tar", join(dir, "out"))).toThrow(UnsafeArchiveError);
    expect(existsSync(join(outside, "pwned"))).toBe(false);
  });

  it("strips set-id bits", () => {
    const archive = join(dir, "s.tar");
    writeFileSync(archive, rawTar([{ type: "file", path: "suid", content: "x", mode: 0o4755 }]));
    extractArchive(archive, "tar", join(dir, "out"));
    expect(lstatSync(join(dir, "out/suid")).mode & 0o7777).toBe(0o755);
  });

  it("names an unknown format and lists the known ones", () => {
    const archive = join(dir, "s.tar");
    writeFileSync(archive, rawTar([{ type: "file", path: "a", content: "x" }]));
    expect(() => extractArchive(archive, "rar", join(dir, "out"))).toThrow(/unknown format "rar".*tar\.gz/);
  });
});

describe("resolveConfined", () => {
  it("chroot mode keeps absolute links inside the root", () => {
    mkdirSync(join(dir, "usr/bin"), { recursive: true });
    symlinkSync("/usr/bin", join(dir, "bin"));
    symlinkSync("../../../../..", join(dir, "usr/up"));
    expect(resolveConfined(dir, "/bin/rg", "chroot")).toBe(join(dir, "usr/bin/rg"));
    expect(resolveConfined(dir, "/../../etc/passwd", "chroot")).toBe(join(dir, "etc/passwd"));
    expect(resolveConfined(dir, "/usr/up/etc", "chroot")).toBe(join(dir, "etc"));
  });
  it("strict mode refuses any way out", () => {
    symlinkSync("/etc", join(dir, "abs"));
    expect(() => resolveConfined(dir, "../x", "strict")).toThrow(PathEscapeError);
    expect(() => resolveConfined(dir, "/x", "strict")).toThrow(PathEscapeError);
    expect(() => resolveConfined(dir, "abs/passwd", "strict")).toThrow(PathEscapeError);
    expect(resolveConfined(dir, "a/./b/../c", "strict")).toBe(join(dir, "a/c"));
  });
});
