import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface RpmFile {
  content: string | Buffer;
  /** Octal permission bits (default 0644; use 0o755 for programs). */
  mode?: number;
}

export interface RpmSpec {
  name: string;
  version?: string;
  release?: string;
  /** `noarch` (default), `x86_64`, … */
  arch?: string;
  summary?: string;
  /** Requires: capabilities, e.g. `["libfoo", "bar >= 1.0"]`. Nothing is added automatically. */
  requires?: string[];
  provides?: string[];
  /** Absolute path in the installed system → content. */
  files?: Record<string, string | Buffer | RpmFile>;
  /** Directories the package owns (created empty). */
  dirs?: string[];
  /** Shell for %post (runs inside the target root via chroot). */
  post?: string;
  /** Lua for %post (`%post -p <lua>`: rpm's own interpreter, so the root needs no shell). */
  postLua?: string;
}

/**
 * Builds a real RPM with rpmbuild and returns its path in `outDir`. No build-id links, no
 * stripping, no automatic dependencies: the package holds exactly the files and the
 * Requires/Provides given, so tests control what rpm's dependency check sees.
 */
export function buildRpm(spec: RpmSpec, outDir: string): string {
  const version = spec.version ?? "1.0";
  const release = spec.release ?? "1";
  const arch = spec.arch ?? "noarch";
  const top = mkdtempSync(join(tmpdir(), "rpmbuild-"));
  try {
    const stage = join(top, "stage");
    mkdirSync(stage, { recursive: true });
    const fileLines: string[] = [];
    for (const [path, f] of Object.entries(spec.files ?? {})) {
      if (!path.startsWith("/")) throw new Error(`rpm file path must be absolute: ${path}`);
      const file: RpmFile = typeof f === "string" || Buffer.isBuffer(f) ? { content: f } : f;
      const dest = join(stage, path);
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, file.content);
      chmodSync(dest, file.mode ?? 0o644);
      fileLines.push(`%attr(${(file.mode ?? 0o644).toString(8)},root,root) "${path}"`);
    }
    for (const d of spec.dirs ?? []) {
      mkdirSync(join(stage, d), { recursive: true });
      fileLines.push(`%dir "${d}"`);
    }
    const lines = [
      `Name: ${spec.name}`,
      `Version: ${version}`,
      `Release: ${release}`,
      `Summary: ${spec.summary ?? `${spec.name} test package`}`,
      "License: MIT",
      "AutoReqProv: no",
      ...(arch === "noarch" ? ["BuildArch: noarch"] : []),
      ...(spec.requires ?? []).map((r) => `Requires: ${r}`),
      ...(spec.provides ?? []).map((p) => `Provides: ${p}`),
      "",
      "%description",
      `${spec.name}, built by the toolkit's tests.`,
      "",
      "%install",
      "mkdir -p %{buildroot}",
      `cp -a ${stage}/. %{buildroot}/`,
      "",
      ...(spec.post ? ["%post", spec.post, ""] : []),
      ...(spec.postLua ? ["%post -p <lua>", spec.postLua, ""] : []),
      "%files",
      ...fileLines,
      "",
    ];
    const specFile = join(top, `${spec.name}.spec`);
    writeFileSync(specFile, lines.join("\n"));
    const args = [
      "-bb",
      "--define",
      `_topdir ${top}`,
      "--define",
      "_build_id_links none",
      "--define",
      "debug_package %{nil}",
      "--define",
      "__os_install_post %{nil}",
      "--define",
      `_rpmdir ${join(top, "RPMS")}`,
      ...(arch === "noarch" ? [] : ["--target", arch]),
      specFile,
    ];
    execFileSync("rpmbuild", args, { stdio: "pipe" });
    const archDir = join(top, "RPMS", arch);
    const built = readdirSync(archDir).find((f) => f.endsWith(".rpm"));
    if (!built) throw new Error(`rpmbuild produced no RPM for ${spec.name}`);
    mkdirSync(outDir, { recursive: true });
    const out = join(outDir, built);
    execFileSync("cp", [join(archDir, built), out]);
    return out;
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}
