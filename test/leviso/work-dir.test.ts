import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BuildError, build, preflight } from "../../leviso/build.js";
import { checkWorkDir, markWorkDir, WORK_MARKER, WorkDirError } from "../../leviso/workDir.js";
import { packageRoot } from "../../steps/package.js";

// Attacker 28 H14: `leviso build --clean --work DIR` emptied a git repo and a Documents folder,
// then failed on a missing --source. A work directory is used (and cleaned) only when leviso made it.
const tmp = mkdtempSync(join(tmpdir(), "leviso-workdir-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const profile = join(import.meta.dirname, "profiles/debian");

function precious(name: string): string {
  const d = join(tmp, name);
  mkdirSync(join(d, ".git"), { recursive: true });
  mkdirSync(join(d, "Documents"), { recursive: true });
  writeFileSync(join(d, ".git/HEAD"), "ref\n");
  writeFileSync(join(d, "Documents/thesis.txt"), "thesis\n");
  return d;
}
const intact = (d: string) =>
  readFileSync(join(d, "Documents/thesis.txt"), "utf8") === "thesis\n" && existsSync(join(d, ".git/HEAD"));
const ctx = { keep: [{ what: "profile", path: profile }] };

describe("leviso work directory guard", () => {
  it("refuses to clean or build in a directory leviso did not make, naming the fix", () => {
    const d = precious("repo");
    for (const clean of [true, false]) {
      expect(() => checkWorkDir(d, clean, ctx)).toThrow(WorkDirError);
      try {
        checkWorkDir(d, clean, ctx);
      } catch (e) {
        expect(String(e)).toMatch(/not a leviso work directory/);
        expect(String(e)).toMatch(clean ? /refusing to delete/ : /refusing to build in/);
        expect(String(e)).toMatch(/new or empty directory/);
      }
    }
    expect(intact(d)).toBe(true);
  });

  it("accepts a missing, an empty, a marked and an older leviso work directory", () => {
    expect(checkWorkDir(join(tmp, "new/work"), true, ctx)).toEqual([]);
    const empty = join(tmp, "empty");
    mkdirSync(empty);
    expect(checkWorkDir(empty, true, ctx)).toEqual([empty]);
    const marked = join(tmp, "marked");
    mkdirSync(join(marked, "cache"), { recursive: true });
    markWorkDir(marked);
    expect(existsSync(join(marked, WORK_MARKER))).toBe(true);
    expect(checkWorkDir(marked, true, ctx)).toEqual([marked]);
    const legacy = join(tmp, "legacy");
    mkdirSync(join(legacy, "stamps"), { recursive: true });
    writeFileSync(join(legacy, "fingerprint"), `${"a".repeat(64)}\n`);
    expect(checkWorkDir(legacy, true, ctx)).toEqual([legacy]);
    // a "fingerprint" that is not one, or no stamps: not leviso's
    const fake = join(tmp, "fake");
    mkdirSync(join(fake, "stamps"), { recursive: true });
    writeFileSync(join(fake, "fingerprint"), "my notes\n");
    expect(() => checkWorkDir(fake, true, ctx)).toThrow(/not a leviso work directory/);
  });

  it("never a file, a dangling link, /, a home, or a directory holding the profile, toolkit or a source", () => {
    const f = join(tmp, "file.txt");
    writeFileSync(f, "keep\n");
    expect(() => checkWorkDir(f, true, ctx)).toThrow(/not a directory/);
    expect(readFileSync(f, "utf8")).toBe("keep\n");
    const dl = join(tmp, "dangling");
    symlinkSync(join(tmp, "nowhere"), dl);
    expect(() => checkWorkDir(dl, true, ctx)).toThrow(/link to nothing/);
    expect(() => checkWorkDir("/", true, ctx)).toThrow(/root directory/);
    expect(() => checkWorkDir(homedir(), true, ctx)).toThrow(/home directory/);
    // even a marked directory: what it holds is not leviso's
    expect(() => checkWorkDir(join(profile, ".."), true, ctx)).toThrow(/holds the profile/);
    expect(() => checkWorkDir(profile, false, ctx)).toThrow(/is the profile/);
    const tk = { keep: [{ what: "toolkit", path: packageRoot }] };
    expect(() => checkWorkDir(packageRoot, true, tk)).toThrow(/is the toolkit/);
    expect(() => checkWorkDir(join(packageRoot, ".."), true, tk)).toThrow(/holds the toolkit/);
    const srcHolder = join(tmp, "isos");
    mkdirSync(srcHolder);
    markWorkDir(srcHolder);
    const iso = join(srcHolder, "rocky.iso");
    writeFileSync(iso, "");
    expect(() => checkWorkDir(srcHolder, true, { keep: [{ what: "source", path: iso }] })).toThrow(
      /holds the source/,
    );
    // through a link to the directory
    const ln = join(tmp, "ln-to-isos");
    symlinkSync(srcHolder, ln);
    expect(() => checkWorkDir(ln, true, { keep: [{ what: "source", path: iso }] })).toThrow(
      /holds the source/,
    );
  });

  it("checks the sources and the profile before the work directory is touched (the attacker's command)", async () => {
    const d = precious("precious2");
    const opts = {
      profileDir: profile,
      sources: [join(tmp, "nonexistent.iso")],
      outDir: join(tmp, "lout2"),
      workDir: d,
      clean: true,
      stopAfter: "fetch" as const,
    };
    expect(() => preflight(opts, d, opts.outDir, packageRoot)).toThrow(/does not exist/);
    await expect(build(opts)).rejects.toThrow(BuildError);
    expect(intact(d)).toBe(true);
    // with a source that exists, the work directory itself is refused
    const src = join(tmp, "rpms");
    mkdirSync(src, { recursive: true });
    expect(() => preflight({ ...opts, sources: [src] }, d, opts.outDir, packageRoot)).toThrow(
      /not a leviso work directory.*refusing to delete/,
    );
    await expect(build({ ...opts, sources: [src] })).rejects.toThrow(BuildError);
    expect(intact(d)).toBe(true);
    expect(() => preflight({ ...opts, sources: [] }, d, opts.outDir, packageRoot)).toThrow(/no --source/);
    expect(() =>
      preflight({ ...opts, profileDir: join(tmp, "noprofile"), sources: [src] }, d, opts.outDir, packageRoot),
    ).toThrow();
    expect(intact(d)).toBe(true);
  });
});
