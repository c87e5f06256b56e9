import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadRpmDirectory } from "./rpm/headers.js";
import { loadFilelists, loadRepo, RepoError } from "./rpm/repodata.js";
import type { RpmPackage } from "./rpm/types.js";

const run = promisify(execFile);

/**
 * Where packages come from: a Rocky ISO (read with `xorriso -osirrox`, never mounted), a
 * repository directory, a tree of repositories (an unpacked ISO: BaseOS/, AppStream/), or a
 * plain directory of .rpm files (read through their headers).
 */
export interface Source {
  kind: "iso" | "repo" | "rpmdir";
  /** What the user passed, resolved. */
  path: string;
  /** Repository directories (local) that were read. */
  repos: string[];
  packages: RpmPackage[];
  /** path → owning packages (name-evr.arch) from filelists, loaded on demand. */
  fileOwners(): Map<string, string[]>;
}

/** `file:///x` and plain paths alike. */
export function sourcePath(spec: string): string {
  return spec.startsWith("file://") ? fileURLToPath(spec) : resolve(spec);
}

function findRepoDirs(dir: string, depth = 2): string[] {
  if (existsSync(join(dir, "repodata", "repomd.xml"))) return [dir];
  if (depth === 0) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== "repodata") out.push(...findRepoDirs(join(dir, e.name), depth - 1));
  }
  return out.sort();
}

/** Copies paths out of an ISO image; `isoPaths` are absolute inside the image. */
export async function extractFromIso(iso: string, dest: string, isoPaths: string[]): Promise<void> {
  mkdirSync(dest, { recursive: true });
  for (let i = 0; i < isoPaths.length; i += 500) {
    const batch = isoPaths.slice(i, i + 500);
    try {
      await run("xorriso", ["-osirrox", "on", "-indev", iso, "-extract_l", "/", dest, ...batch, "--"], {
        maxBuffer: 64 << 20,
      });
    } catch (e) {
      const err = e as { stderr?: string; code?: string };
      if (err.code === "ENOENT")
        throw new RepoError("xorriso is not installed: reading an ISO source needs it");
      throw new RepoError(
        `xorriso could not extract from ${iso}: ${String(err.stderr ?? e)
          .trim()
          .split("\n")
          .slice(-3)
          .join(" ")}`,
      );
    }
  }
}

async function openIso(iso: string, cacheDir: string): Promise<Source> {
  let listing: string;
  try {
    listing = (await run("xorriso", ["-osirrox", "on", "-indev", iso, "-find", "/", "-name", "repomd.xml"]))
      .stdout;
  } catch (e) {
    const err = e as { stderr?: string; code?: string };
    if (err.code === "ENOENT")
      throw new RepoError("xorriso is not installed: reading an ISO source needs it");
    throw new RepoError(
      `${iso} is not a readable ISO image: ${String(err.stderr ?? e)
        .trim()
        .split("\n")
        .slice(-2)
        .join(" ")}`,
    );
  }
  const repomds = listing
    .split("\n")
    .map((l) => l.trim().replace(/^'|'$/g, ""))
    .filter((l) => l.endsWith("/repodata/repomd.xml"));
  if (repomds.length === 0)
    throw new RepoError(`${iso} holds no repodata/repomd.xml: not a Rocky install ISO?`);
  const st = statSync(iso);
  const key = createHash("sha256").update(`${iso}:${st.size}:${st.mtimeMs}`).digest("hex").slice(0, 12);
  const dest = join(cacheDir, `iso-${key}`);
  const repoDirsInIso = repomds.map((m) => posix.dirname(posix.dirname(m)));
  await extractFromIso(
    iso,
    dest,
    repoDirsInIso.map((d) => posix.join(d, "repodata")),
  );
  const repos = repoDirsInIso.map((d) => join(dest, d));
  const packages = repos.flatMap((r) =>
    loadRepo(r).map((p) => ({ ...p, repo: `${iso}:${r.slice(dest.length) || "/"}` })),
  );
  return { kind: "iso", path: iso, repos, packages, fileOwners: () => mergedFilelists(repos) };
}

function mergedFilelists(repos: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of repos) {
    for (const [path, owners] of loadFilelists(r) ?? []) out.set(path, [...(out.get(path) ?? []), ...owners]);
  }
  return out;
}

/**
 * Opens one `--source`. `cacheDir` receives an ISO's repodata now and, later, the RPMs that
 * the closure needs ({@link localRpmPaths}).
 */
export async function openSource(spec: string, cacheDir: string): Promise<Source> {
  const path = sourcePath(spec);
  if (!existsSync(path)) throw new RepoError(`--source ${spec}: ${path} does not exist`);
  const st = statSync(path);
  if (st.isFile()) {
    if (!/\.iso$/i.test(path)) throw new RepoError(`--source ${spec}: a file source must be an .iso image`);
    return openIso(path, cacheDir);
  }
  const repos = findRepoDirs(path);
  if (repos.length > 0) {
    const packages = repos.flatMap((r) => loadRepo(r));
    return { kind: "repo", path, repos, packages, fileOwners: () => mergedFilelists(repos) };
  }
  const packages = loadRpmDirectory(path);
  // Headers carry every file, so there is nothing more to load for file requirements.
  return { kind: "rpmdir", path, repos: [path], packages, fileOwners: () => new Map() };
}

/**
 * Makes the chosen packages available on local disk: for ISO sources, extracts them next to
 * their repodata (in the cache); for directories, they are already there.
 */
export async function localRpmPaths(sources: Source[], pkgs: RpmPackage[]): Promise<string[]> {
  for (const src of sources.filter((s) => s.kind === "iso")) {
    const mine = pkgs.filter((p) => p.repo.startsWith(`${src.path}:`) && !existsSync(p.location));
    if (mine.length === 0) continue;
    const isoRoot = isoCacheRoot(src);
    await extractFromIso(
      src.path,
      isoRoot,
      mine.map((p) => `/${p.location.slice(isoRoot.length + 1)}`),
    );
  }
  for (const p of pkgs) {
    if (!existsSync(p.location)) throw new RepoError(`${p.location} is missing (listed by ${p.repo})`);
  }
  return pkgs.map((p) => p.location);
}

function isoCacheRoot(src: Source): string {
  // repos are <cache>/iso-<key>/<dir inside the ISO>; find the iso-<key> component.
  const first = src.repos[0]!;
  const m = /^(.*\/iso-[0-9a-f]{12})(\/|$)/.exec(first);
  if (!m) throw new RepoError(`internal: ${first} is not under an iso cache directory`);
  return m[1]!;
}
