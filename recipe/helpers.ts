import { spawnSync } from "node:child_process";
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, posix, relative } from "node:path";
import { atomicCopyFileSync } from "../steps/atomicWrite.js";
import type { ProgressEvent, RecipeAction } from "./actions.js";
import {
  type DownloadConfig,
  DownloadError,
  downloadSync,
  fileNameOf,
  findRpmInMirrors,
  formatChecksum,
  parseChecksum,
  parseRpmFileName,
  plannedSources,
} from "./download.js";
import { extractArchive, normalizeFormat } from "./extract.js";
import { globSync } from "./glob.js";
import type { JournalEntry } from "./journal.js";
import { type OwnedDir, ownedDirOf, ownedDirs } from "./ownedDirs.js";
import { PathEscapeError, resolveConfined, resolveConfinedNoFollow, targetRelative } from "./paths.js";
import { restoreBackup } from "./restoreBackup.js";
import { isRpmPackageName } from "./stateSchema.js";

/**
 * The file name a helper installs under: the last segment of `src`, which must be a real name
 * (`foo/..` would otherwise put the file one directory up).
 */
function fileNameFrom(helper: string, src: string): string {
  const name = basename(src);
  if (name === "" || name === "." || name === ".." || src.endsWith("/")) {
    throw new HelperError(`${helper}("${src}"): "${src}" does not end in a file name; name the file itself`);
  }
  return name;
}

/** A name given for the installed file: one path segment, no "/" and no "." or "..". */
function plainName(helper: string, name: string): string {
  if (name === "" || name === "." || name === ".." || name.includes("/")) {
    throw new HelperError(
      `${helper}: name "${name}" must be a plain file name (no "/", not "." or ".."); ` +
        `to install elsewhere use install_to_dir(src, "/absolute/dir")`,
    );
  }
  return name;
}

/** Where helper-installed files go inside the target: software not owned by rpm lives in /usr/local. */
export const PREFIX = "/usr/local";

/** The machine architecture in the names recipes and RPMs use. */
export function machineArch(): string {
  if (process.arch === "x64") return "x86_64";
  if (process.arch === "arm64") return "aarch64";
  return process.arch;
}

/** Where a file that an install replaced is kept until the recipe is removed. */
export const originalBeside = (hostPath: string) =>
  join(dirname(hostPath), `.${basename(hostPath)}.recipe-orig`);

export class HelperError extends Error {
  override name = "HelperError";
}

function ownedDirRefusal(helper: string, dest: string, recipe: string, dir: OwnedDir): HelperError {
  return new HelperError(
    `${helper}: "${dest}" is ${dir.file ? `${dir.shown}, ${dir.what}` : `inside ${dir.shown}, where ${dir.what}`}; ` +
      `no recipe may write there. Install ${recipe}'s files elsewhere, like "/usr/local/share/${recipe}"`,
  );
}

export interface HelperOptions {
  recipe: string;
  /** The recipe directories this command reads; those inside the target are never written. */
  recipeDirs?: readonly string[];
  /** Host path of the target root. */
  root: string;
  /** This recipe's private build directory (created, and removed by the caller). */
  buildDir: string;
  dryRun: boolean;
  download: DownloadConfig;
  arch: string;
  onEvent?: (e: ProgressEvent) => void;
  /** The most bytes an archive may unpack to (the recipe's pkg.max_size_mib, else the default). */
  maxUnpackedBytes?: number;
  /** Told of each change to the target before it is made (recipe/journal.ts), so a killed run can be undone. */
  journal?: (e: JournalEntry) => void;
  /**
   * Target paths other installed recipes recorded, with the recipe: installing over one is a
   * conflict (as in rpm and dpkg), refused unless `takeOver` (--force).
   */
  owners?: ReadonlyMap<string, string>;
  takeOver?: boolean;
  /**
   * Target paths the recipes run earlier in this same command installed, shared by their runs and
   * filled as they go. A second recipe installing one of them is refused even with --force: it
   * would back up the first one's fresh file over the backup of the user's own (attacker 6, C2).
   */
  sameCommand?: Map<string, string>;
}

/**
 * The machine-facing side of one recipe run: every helper a recipe can call, confined to the
 * build directory (sources) and the target root (destinations), each recording what it does as a
 * {@link RecipeAction}, each a no-op that only records when dry-running. Everything installed is
 * remembered so a failure can be undone.
 */
export class RecipeRun {
  readonly actions: RecipeAction[] = [];
  /** Target-relative paths of every file installed, in order. */
  readonly installed: string[] = [];
  /** RPM files queued for the command's single rpm transaction. */
  readonly rpmQueue: string[] = [];
  /** Resolved `rpm:NAME` file names, for "latest" versions. */
  readonly resolvedRpms: string[] = [];
  private readonly backups: { original: string; backup: string }[] = [];
  private readonly createdDirs: string[] = [];
  private readonly downloads: string[] = [];
  /** Calls a dry run answered with a guess (recipe/dryRunGuesses.ts); empty in a real run. */
  readonly guesses: string[] = [];
  /** Lines of the recipe's run() calls this run reached (recipe/hiddenRuns.ts). */
  readonly reachedRunLines = new Set<number>();
  private workDir: string;

  constructor(readonly o: HelperOptions) {
    this.workDir = o.buildDir;
  }

  private guessed(call: string): void {
    // A loop over many patterns: the first few name the problem well enough.
    if (this.guesses.length < 20 && !this.guesses.includes(call)) this.guesses.push(call);
  }

  private record(a: RecipeAction): void {
    this.actions.push(a);
    this.o.onEvent?.({ type: "action", action: a });
  }

  /** A source path: relative to the work directory, never outside the build directory. */
  private source(p: string): string {
    const rel = relative(this.o.buildDir, this.workDir);
    try {
      return resolveConfined(this.o.buildDir, posix.join(rel || ".", p), "strict");
    } catch (err) {
      if (err instanceof PathEscapeError) {
        throw new HelperError(`"${p}" is outside the build directory; give a path relative to it`);
      }
      throw err;
    }
  }

  /** A destination: absolute inside the target root, resolved as if chrooted there. */
  private target(p: string): string {
    if (!isAbsolute(p))
      throw new HelperError(`destination "${p}" must be an absolute path inside the target`);
    return resolveConfined(this.o.root, p, "chroot");
  }

  /**
   * A destination a helper writes. The manager's own state directory is never one: a state copy
   * lists the files `recipe remove` deletes, so a recipe that wrote another's copy (attacker 24,
   * F1: install_to_dir("good.rhai", "/etc/recipes")) made a later remove of that recipe delete
   * files it never installed. Resolved as the target sees it, so a link into it is caught too.
   */
  private writeTarget(p: string, helper: string): string {
    const to = this.target(p);
    const owned = ownedDirOf(to, this.owned());
    if (owned) throw ownedDirRefusal(helper, p, this.o.recipe, owned);
    return to;
  }

  private ownedCache: OwnedDir[] | undefined;
  /** The manager's own directories in the target (recipe/ownedDirs.ts), read once per run. */
  private owned(): OwnedDir[] {
    this.ownedCache ??= ownedDirs(this.o.root, this.o.recipeDirs ?? []);
    return this.ownedCache;
  }

  private mkdirsInTarget(hostDir: string): void {
    const missing: string[] = [];
    let d = hostDir;
    while (!existsSync(d) && d !== this.o.root && d !== dirname(d)) {
      missing.unshift(d);
      d = dirname(d);
    }
    for (const m of missing) {
      this.o.journal?.({ op: "mkdir", path: m });
      mkdirSync(m, { mode: 0o755 });
      this.createdDirs.push(m);
    }
  }

  download(url: string, checksum?: string): string {
    const c = checksum ? parseChecksum(checksum) : undefined;
    const named = url.startsWith("rpm:")
      ? findRpmInMirrors(url.slice(4), this.o.download.mirrors, this.o.arch)
      : undefined;
    const dest = join(
      this.o.buildDir,
      named ? basename(named) : url.startsWith("rpm:") ? `${fileNameOf(url)}.rpm` : fileNameOf(url),
    );
    // A dry run goes on without a mirror: it shows every step, and the download says it has no
    // source (the real run would stop there with this error).
    if (url.startsWith("rpm:") && !named && !this.o.dryRun) {
      throw new DownloadError(
        `no mirror holds an RPM of package "${url.slice(4)}" for ${this.o.arch}; pass --mirror DIR (or RECIPE_MIRRORS) ` +
          `naming the live ISO's package repository`,
      );
    }
    if (this.o.dryRun) {
      this.record({
        kind: "download",
        recipe: this.o.recipe,
        url,
        checksum: c ? formatChecksum(c) : null,
        dest,
        sources: plannedSources(url, c, this.o.download, this.o.arch),
      });
      if (named) this.resolvedRpms.push(basename(named));
      this.downloads.push(dest);
      return basename(dest);
    }
    const r = downloadSync(url, c, this.o.buildDir, this.o.download, this.o.arch);
    const source =
      r.source.kind === "cache" ? r.source.path : r.source.kind === "mirror" ? r.source.location : url;
    this.record({
      kind: "download",
      recipe: this.o.recipe,
      url,
      checksum: formatChecksum(r.checksum),
      dest: r.path,
      sources: [`${r.source.kind} ${source}`],
    });
    if (r.resolvedName) this.resolvedRpms.push(r.resolvedName);
    this.downloads.push(r.path);
    return basename(r.path);
  }

  extract(format: string, file?: string): void {
    const archive = file !== undefined ? this.source(file) : this.downloads.at(-1);
    if (!archive)
      throw new HelperError(`extract("${format}"): nothing downloaded yet; call download() first`);
    const dest = join(this.o.buildDir, "src");
    const fmt = this.o.dryRun ? format : normalizeFormat(format, archive);
    this.record({ kind: "extract", recipe: this.o.recipe, archive, format: fmt, dest });
    if (this.o.dryRun) {
      this.workDir = dest;
      return;
    }
    rmSync(dest, { recursive: true, force: true });
    const r = extractArchive(
      archive,
      fmt,
      dest,
      this.o.maxUnpackedBytes !== undefined ? { maxBytes: this.o.maxUnpackedBytes } : {},
    );
    // Release archives usually hold one top directory (ripgrep-14.1.0-x86_64…/); paths in the
    // recipe are relative to it, as they are in the upstream docs.
    const only = r.topLevel.length === 1 ? join(dest, r.topLevel[0]!) : undefined;
    this.workDir = only && lstatSync(only).isDirectory() ? only : dest;
  }

  /** A path another installed recipe recorded: two packages claiming one file is refused, naming both. */
  private refuseConflict(to: string): void {
    const rel = targetRelative(this.o.root, to);
    const owner = this.o.owners?.get(rel);
    if (owner && owner !== this.o.recipe && !this.o.takeOver)
      throw new HelperError(
        `${rel} belongs to the installed recipe ${owner}: remove ${owner} first (recipe remove ${owner}), or install with --force to take the file over`,
      );
    const earlier = this.o.sameCommand?.get(rel);
    if (earlier && earlier !== this.o.recipe)
      throw new HelperError(
        `${rel} is also installed by ${earlier} in this same command: two recipes cannot own one file; ` +
          `install them in separate commands (the second with --force to take the file over), or change one recipe`,
      );
    this.o.sameCommand?.set(rel, this.o.recipe);
  }

  /** Copies one file into the target, atomically, keeping a backup of anything it replaces. */
  installFile(src: string, destAbs: string, mode: number, helper: string): void {
    const from = this.source(src);
    const to = this.writeTarget(destAbs, helper);
    this.refuseConflict(to);
    this.record({ kind: "install-file", recipe: this.o.recipe, from, to, mode });
    if (this.o.dryRun) {
      this.installed.push(targetRelative(this.o.root, to));
      return;
    }
    const st = statSync(from, { throwIfNoEntry: false });
    if (!st?.isFile()) throw new HelperError(`"${src}" is not a file in ${this.workDir}`);
    this.mkdirsInTarget(dirname(to));
    const existing = lstatSync(to, { throwIfNoEntry: false });
    if (existing?.isDirectory())
      throw new HelperError(`${destAbs} is a directory in the target; not replacing it`);
    if (existing && !this.backups.some((b) => b.original === to)) {
      // A hard link beside the file keeps the old inode (content, mtime, owner) with no moment
      // where the path is missing; rollback renames it back, commit() deletes it.
      const backup = join(dirname(to), `.${basename(to)}.recipe-backup`);
      rmSync(backup, { force: true });
      this.o.journal?.({ op: "backup", original: to, backup });
      linkSync(to, backup);
      this.backups.push({ original: to, backup });
    }
    this.o.journal?.({ op: "install", path: to });
    // Never group- or other-writable, whatever the recipe asked for.
    atomicCopyFileSync(from, to, { mode: mode & ~0o022 });
    this.installed.push(targetRelative(this.o.root, to));
  }

  installBin(src: string, name?: string): void {
    const file = name === undefined ? fileNameFrom("install_bin", src) : plainName("install_bin", name);
    this.installFile(src, posix.join(PREFIX, "bin", file), 0o755, "install_bin");
  }

  installLib(src: string): void {
    this.installFile(src, posix.join(PREFIX, "lib", fileNameFrom("install_lib", src)), 0o644, "install_lib");
  }

  installMan(src: string): void {
    const file = fileNameFrom("install_man", src);
    const m = /\.([1-9])[a-z]*(?:\.gz)?$/.exec(file);
    if (!m) throw new HelperError(`install_man("${src}"): the name must end in a section number, like rg.1`);
    this.installFile(src, posix.join(PREFIX, "share/man", `man${m[1]}`, file), 0o644, "install_man");
  }

  /**
   * Installs every file matching `pattern` into `dir`, keeping the tree below the pattern's
   * fixed prefix: `runtime/**` copies `runtime/themes/x.toml` to `DIR/themes/x.toml`, and
   * `doc/*.1` copies `doc/rg.1` to `DIR/rg.1`. Without `mode`, each file keeps its own.
   */
  installToDir(pattern: string, dir: string, mode?: number, answerRead = true): number {
    // Normalising "/usr/share/../../etc" would quietly turn it into another directory.
    if (!isAbsolute(dir) || dir.split("/").some((s) => s === "..")) {
      throw new HelperError(
        `install_to_dir: destination "${dir}" must be an absolute path inside the target without ".."; ` +
          `give the directory itself, like "/usr/local/share/${this.o.recipe}"`,
      );
    }
    const fixed = pattern.split("/");
    const firstWild = fixed.findIndex((s) => /[*?[]/.test(s));
    const prefix = firstWild === -1 ? fixed.slice(0, -1).join("/") : fixed.slice(0, firstWild).join("/");
    if (this.o.dryRun) {
      // Nothing is extracted in a dry run: show the pattern as the source. How many files a
      // wildcard matches is unknown, so the count returned is a guess a recipe could branch on.
      if (firstWild !== -1 && answerRead) this.guessed(`install_to_dir("${pattern}", "${dir}")`);
      const to = this.writeTarget(
        posix.join(dir, prefix ? pattern.slice(prefix.length + 1) : pattern),
        "install_to_dir",
      );
      this.record({
        kind: "install-file",
        recipe: this.o.recipe,
        from: join(this.workDir, pattern),
        to,
        mode: mode ?? 0o644,
      });
      this.installed.push(targetRelative(this.o.root, to));
      return 0;
    }
    const matches = this.glob(pattern).filter((m) => statSync(this.source(m)).isFile());
    if (matches.length === 0)
      throw new HelperError(`install_to_dir: "${pattern}" matched no file in ${this.workDir}`);
    for (const m of matches) {
      const srcMode = statSync(this.source(m)).mode & 0o777;
      const rel = prefix ? m.slice(prefix.length + 1) : m;
      this.installFile(m, posix.join(dir, rel), mode ?? srcMode, "install_to_dir");
    }
    return matches.length;
  }

  /** Creates a symlink `link` -> `target` in the target root (both absolute paths there). */
  installLink(target: string, link: string): void {
    if (!isAbsolute(target) && target.split("/").includes("..")) {
      throw new HelperError(
        `install_link: relative target "${target}" may not use ".."; give an absolute path`,
      );
    }
    if (!isAbsolute(link))
      throw new HelperError(`destination "${link}" must be an absolute path inside the target`);
    // The link's own path: an earlier link there is replaced, never followed.
    const at = resolveConfinedNoFollow(this.o.root, link, "chroot");
    const owned = ownedDirOf(at, this.owned());
    if (owned) throw ownedDirRefusal("install_link", link, this.o.recipe, owned);
    this.refuseConflict(at);
    this.record({
      kind: "install-file",
      recipe: this.o.recipe,
      from: `symlink:${target}`,
      to: at,
      mode: 0o777,
    });
    if (this.o.dryRun) {
      this.installed.push(targetRelative(this.o.root, at));
      return;
    }
    this.mkdirsInTarget(dirname(at));
    const existing = lstatSync(at, { throwIfNoEntry: false });
    if (existing && !existing.isSymbolicLink())
      throw new HelperError(`install_link: ${link} exists and is not a link`);
    this.o.journal?.({ op: "install", path: at });
    rmSync(at, { force: true });
    symlinkSync(target, at);
    this.installed.push(targetRelative(this.o.root, at));
  }

  /** `answerRead` false: the recipe throws the answer away, so a dry run's guess decides nothing. */
  glob(pattern: string, answerRead = true): string[] {
    if (isAbsolute(pattern) || pattern.split("/").includes("..")) {
      throw new HelperError(`glob("${pattern}"): patterns are relative to the build directory`);
    }
    if (this.o.dryRun) {
      if (answerRead) this.guessed(`glob("${pattern}")`);
      return [];
    }
    return globSync(this.workDir, pattern);
  }

  /**
   * Absolute paths ask about the target, truthfully even in a dry run; relative ones about the
   * build directory, which a dry run never fills, so there the answer is a guess.
   */
  exists(p: string, answerRead = true): boolean {
    const host = isAbsolute(p) ? this.target(p) : this.source(p);
    if (this.o.dryRun && !isAbsolute(p) && answerRead) this.guessed(`exists("${p}")`);
    return existsSync(host);
  }

  /** Queues RPMs for the command's one rpm transaction; with no argument, every RPM downloaded. */
  rpmInstall(files?: string[]): void {
    const chosen =
      files === undefined
        ? this.downloads.filter((d) => d.endsWith(".rpm"))
        : files.map((f) => this.source(f));
    if (chosen.length === 0) throw new HelperError("rpm_install(): no RPM downloaded; call download() first");
    for (const f of chosen) {
      if (!f.endsWith(".rpm")) throw new HelperError(`rpm_install: ${basename(f)} is not an .rpm file`);
      const name = parseRpmFileName(basename(f))?.name ?? basename(f, ".rpm");
      // The name goes to `rpm -e` on remove or undo: a word starting with "-" would be an option.
      if (!isRpmPackageName(name))
        throw new HelperError(
          `rpm_install: ${basename(f)} does not name an rpm package (NAME-VERSION-RELEASE.ARCH.rpm, NAME not starting with "-")`,
        );
      this.rpmQueue.push(f);
      this.installed.push(`rpm:${name}`);
    }
  }

  run(argv: string[], line?: number): void {
    if (argv.length === 0 || argv.some((a) => typeof a !== "string")) {
      throw new HelperError("run() takes an array of strings: the program and its arguments");
    }
    if (line !== undefined) this.reachedRunLines.add(line);
    this.record({ kind: "run", recipe: this.o.recipe, argv, cwd: this.workDir });
    if (this.o.dryRun) return;
    const r = spawnSync(argv[0]!, argv.slice(1), {
      cwd: this.workDir,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, RECIPE_ROOT: this.o.root, RECIPE_BUILD_DIR: this.o.buildDir },
    });
    if (r.error) throw new HelperError(`run: cannot start ${argv[0]}: ${r.error.message}`);
    if (r.status !== 0) {
      throw new HelperError(`run: ${argv.join(" ")} exited with ${r.status ?? `signal ${r.signal}`}`);
    }
  }

  /**
   * After a successful install: a backup of the recipe's own earlier file (`ownFiles`, what its
   * previous state recorded) is dropped; a backup of anyone else's file (the user's own
   * /usr/local/bin/tool) is kept beside it as `.NAME.recipe-orig`, which `remove` puts back.
   */
  commit(ownFiles: readonly string[] = []): void {
    for (const b of this.backups) {
      const orig = originalBeside(b.original);
      const rel = targetRelative(this.o.root, b.original);
      // A file taken over from another recipe (--force) was no user's: nothing to put back later.
      const taken = this.o.owners?.has(rel) === true;
      if (ownFiles.includes(rel) || taken || existsSync(orig)) rmSync(b.backup, { force: true });
      else renameSync(b.backup, orig);
    }
    this.backups.length = 0;
  }

  /**
   * Undoes this run: installed files removed, replaced files restored, directories it created
   * removed when empty. Never throws; returns what it could not undo.
   */
  rollback(): string[] {
    const problems: string[] = [];
    for (const p of [...this.installed].reverse()) {
      if (p.startsWith("rpm:")) continue;
      try {
        rmSync(resolveConfinedNoFollow(this.o.root, p, "chroot"), { force: true });
      } catch (err) {
        problems.push(`${p}: ${(err as Error).message}`);
      }
    }
    for (const b of [...this.backups].reverse()) {
      try {
        restoreBackup(b.backup, b.original);
      } catch (err) {
        problems.push(`restore ${b.original}: ${(err as Error).message}`);
      }
    }
    for (const d of [...this.createdDirs].reverse()) {
      try {
        if (readdirSync(d).length === 0) rmdirSync(d);
      } catch {
        // Not empty or gone: leave it.
      }
    }
    return problems;
  }
}
