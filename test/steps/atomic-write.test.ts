import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { downloadSync, parseChecksum } from "../../recipe/download.js";
import { RecipeRun } from "../../recipe/helpers.js";
import {
  atomicCopyFileSync,
  atomicWriteFile,
  atomicWriteFileSync,
  tempPathFor,
} from "../../steps/atomicWrite.js";
import { executeSteps } from "../../steps/execute.js";
import type { Step } from "../../steps/step.js";

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

function step(action: Step["action"]): Step {
  return {
    id: "s",
    phase: "hostname",
    source: "setHostname",
    title: "t",
    changes: "",
    destructive: false,
    action,
  };
}

describe("steps/atomicWrite: one helper for every file replaced", () => {
  it("temp names are random: two for the same path differ and do not end in a fixed suffix", () => {
    const a = tempPathFor("/x/etc/hostname");
    const b = tempPathFor("/x/etc/hostname");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\/x\/etc\/\.hostname\.\d+\.[0-9a-f]{16}\.tmp$/);
  });

  it("the mode is set before the content lands and the check sees the finished temp file", async () => {
    const d = tmp("aw-");
    const seen: { mode: number; text: string }[] = [];
    await atomicWriteFile(join(d, "shadow"), "secret\n", {
      mode: 0o600,
      check: (t) => {
        seen.push({ mode: statSync(t).mode & 0o777, text: readFileSync(t, "utf8") });
      },
    });
    expect(seen).toEqual([{ mode: 0o600, text: "secret\n" }]);
    expect(statSync(join(d, "shadow")).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(["shadow"]);
  });

  it("a failing check leaves the old file and no temp file", () => {
    const d = tmp("aw-");
    writeFileSync(join(d, "sudoers"), "old\n");
    expect(() =>
      atomicWriteFileSync(join(d, "sudoers"), "new\n", {
        mode: 0o440,
        check: () => {
          throw new Error("visudo says no");
        },
      }),
    ).toThrow("visudo says no");
    expect(readFileSync(join(d, "sudoers"), "utf8")).toBe("old\n");
    expect(readdirSync(d)).toEqual(["sudoers"]);
  });

  it("a link at the destination is replaced, not written through; the mode is exact despite the umask", () => {
    const d = tmp("aw-");
    const outside = join(tmp("aw-out-"), "passwd");
    writeFileSync(outside, "host file\n");
    symlinkSync(outside, join(d, "f"));
    const old = process.umask(0o077);
    try {
      atomicCopyFileSync(outside, join(d, "f"), { mode: 0o644 });
    } finally {
      process.umask(old);
    }
    expect(lstatSync(join(d, "f")).isFile()).toBe(true);
    expect(statSync(join(d, "f")).mode & 0o777).toBe(0o644);
    expect(readFileSync(outside, "utf8")).toBe("host file\n");
  });
});

describe("a link planted at the old predictable temp names no longer redirects a write", () => {
  it("executor writeFile (.hostname.levitate-tmp)", async () => {
    const t = tmp("aw-target-");
    mkdirSync(join(t, "etc"));
    const victim = join(tmp("aw-victim-"), "shadow");
    writeFileSync(victim, "root:hash\n");
    symlinkSync(victim, join(t, "etc/.hostname.levitate-tmp"));
    const r = await executeSteps(
      [step({ kind: "writeFile", path: join(t, "etc/hostname"), content: "atlas\n", mode: 0o644 })],
      { target: t, journalScratch: join(t, "j.log") },
    );
    expect(r.ok).toBe(true);
    expect(readFileSync(victim, "utf8")).toBe("root:hash\n");
    expect(readFileSync(join(t, "etc/hostname"), "utf8")).toBe("atlas\n");
  });

  it("executor setKeys (.locale.conf.levitate-tmp)", async () => {
    const t = tmp("aw-target-");
    mkdirSync(join(t, "etc"));
    const victim = join(tmp("aw-victim-"), "x");
    writeFileSync(victim, "keep\n");
    symlinkSync(victim, join(t, "etc/.locale.conf.levitate-tmp"));
    const r = await executeSteps(
      [
        step({
          kind: "setKeys",
          path: join(t, "etc/locale.conf"),
          keys: { LANG: "de_DE.UTF-8" },
          mode: 0o644,
        }),
      ],
      { target: t, journalScratch: join(t, "j.log") },
    );
    expect(r.ok).toBe(true);
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
    expect(readFileSync(join(t, "etc/locale.conf"), "utf8")).toContain("LANG=de_DE.UTF-8");
  });

  it("recipe install_bin (.NAME.recipe-tmp), and the file is installed without group/other write bits", () => {
    const root = tmp("aw-root-");
    const build = tmp("aw-build-");
    writeFileSync(join(build, "tool"), "#!/bin/sh\n", { mode: 0o777 });
    mkdirSync(join(root, "usr/local/bin"), { recursive: true });
    const victim = join(tmp("aw-victim-"), "x");
    writeFileSync(victim, "keep\n");
    symlinkSync(victim, join(root, "usr/local/bin/.tool.recipe-tmp"));
    const run = new RecipeRun({
      recipe: "tool",
      root,
      buildDir: build,
      dryRun: false,
      download: { mirrors: [], cacheDir: join(build, "cache") } as never,
      arch: "x86_64",
    });
    run.installToDir("tool", "/usr/local/bin");
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
    expect(readFileSync(join(root, "usr/local/bin/tool"), "utf8")).toBe("#!/bin/sh\n");
    expect(statSync(join(root, "usr/local/bin/tool")).mode & 0o777).toBe(0o755);
  });

  it("download cache (sha256/HEX.PID.tmp)", () => {
    const d = tmp("aw-dl-");
    writeFileSync(join(d, "a.tar"), "payload");
    const hex = "239f59ed55e737c77147cf55ad0c1b030b6d7ee748a7426952f9b852d5a935e5";
    const cache = join(d, "cache");
    mkdirSync(join(cache, "sha256"), { recursive: true });
    const victim = join(tmp("aw-victim-"), "x");
    writeFileSync(victim, "keep\n");
    symlinkSync(victim, join(cache, "sha256", `${hex}.${process.pid}.tmp`));
    const r = downloadSync(
      `file://${join(d, "a.tar")}`,
      parseChecksum(`sha256:${hex}`),
      join(d, "out"),
      { cacheDir: cache, mirrors: [], progress: false, retries: 0, idleMs: 1000 },
      "x86_64",
    );
    expect(r.checksum.hex).toBe(hex);
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
    expect(readFileSync(join(cache, "sha256", hex), "utf8")).toBe("payload");
    expect(existsSync(join(cache, "sha256", hex))).toBe(true);
  });
});
