import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot, toolkitVersion } from "../steps/package.js";
import { runTool } from "./exec.js";
import { makeIso, writeChecksums, xorrisoArgv } from "./image/iso.js";
import { findKernel, makeInitramfs } from "./image/kernel.js";
import {
  type BiosBoot,
  GRUB_DIR,
  grubConfig,
  prepareBiosBoot,
  prepareUefiBoot,
  type UefiBoot,
} from "./image/loaders.js";
import { ISO_SQUASHFS, makeSquashfs } from "./image/squashfs.js";
import { sealBakedMemo } from "./live/bakedModel.js";
import {
  type BaseSetResolution,
  baseSetProblems,
  ISO_REPO_DIR,
  LIVE_REPO_DIR,
  liveRepoFile,
  readBaseSet,
  resolveBaseSet,
  writeBaseRecipes,
  writeBaseRepo,
} from "./live/base-repo.js";
import { embedInstaller, INSTALLER_DIR } from "./live/installer.js";
import { type LanguagePacks, resolveLanguagePacks, writeLanguageRecipes } from "./live/language-packs.js";
import { applyLiveSettings } from "./live/settings.js";
import { buildToolkitRpm } from "./live/toolkit-rpm.js";
import { loadProfile, type Profile } from "./profile.js";
import { installClosure } from "./root/install.js";
import { applyOverlay } from "./root/overlay.js";
import { loadRpmDirectory } from "./rpm/headers.js";
import {
  type Closure,
  formatSkipped,
  formatUnresolved,
  resolveClosure,
  type Unresolved,
} from "./rpm/resolve.js";
import { nevra, type RpmPackage } from "./rpm/types.js";
import { localRpmPaths, openSource, type Source, sourcePath } from "./source.js";
import { checkWorkDir, markWorkDir, WorkDirError } from "./workDir.js";

/** Stages that change `layout.root` in place (the rootfs stage builds it from nothing). */
const ROOT_CHANGING_STAGES: readonly string[] = ["overlay", "live", "installer", "repo"];

interface Stamp {
  finished: string;
  seconds: number;
  note?: string;
}

/** A stage's stamp; undefined when absent or unreadable (a stamp cut short: the stage runs again). */
function readStamp(path: string): Stamp | undefined {
  try {
    const v = JSON.parse(readFileSync(path, "utf8")) as Partial<Stamp> | null;
    return v && typeof v.finished === "string" && typeof v.seconds === "number" ? (v as Stamp) : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside and renamed over: a stamp is there whole or not at all. */
function writeStamp(path: string, stamp: Stamp): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(stamp));
  renameSync(tmp, path);
}

/**
 * `leviso build`: profile + RPM sources → hybrid BIOS/UEFI live ISO. Like mkarchiso, each stage
 * runs once and leaves a stamp in the work directory, so an interrupted build resumes where it
 * stopped; `clean` starts over.
 */

export const STAGES = [
  "fetch",
  "rootfs",
  "overlay",
  "live",
  "installer",
  "repo",
  "initramfs",
  "squashfs",
  "bootloader",
  "iso",
  "checksums",
] as const;
export type StageName = (typeof STAGES)[number];

export interface BuildOptions {
  profileDir: string;
  /** ISO images, repository directories (or file:// URLs) or plain directories of RPMs. */
  sources: string[];
  outDir: string;
  /** Default `<outDir>/work`. */
  workDir?: string;
  clean?: boolean;
  /** Overrides profile.json's installer.model. */
  model?: string | null;
  /** The toolkit to embed (default: this one). */
  toolkitRoot?: string;
  /** Stop after this stage (stamped), e.g. to inspect the root. */
  stopAfter?: StageName;
  onEvent?: (e: BuildEvent) => void;
}

export type BuildEvent =
  | { kind: "resolved"; packages: number; baseSet: number; seconds: number }
  | {
      kind: "stage";
      name: StageName;
      index: number;
      total: number;
      state: "start" | "done" | "skipped";
      seconds?: number;
      note?: string;
    }
  | { kind: "log"; stage: StageName; line: string };

export interface StageReport {
  name: StageName;
  state: "ran" | "resumed" | "skipped";
  seconds: number;
  note?: string;
}

export interface BuildReport {
  iso: string | null;
  label: string;
  profile: string;
  sources: string[];
  packages: number;
  /** RPMs in the ISO's base-set repository: the closure of recipes/base.list. */
  baseSetPackages: number;
  /** recipes/base.list against the sources: how many names it lists, which ones they lack. */
  baseSet: { listed: number; missing: string[]; recipesGenerated: number };
  kernel: string | null;
  stages: StageReport[];
  resolveSeconds: number;
  totalSeconds: number;
  rootfsBytes: number;
  squashfsBytes: number;
  /** /usr/lib/levitate in the root (toolkit, runtime modules, Node, model); 0 when not embedded. */
  installerBytes: number;
  isoBytes: number;
  sha256: string | null;
  sha512: string | null;
  warnings: string[];
  stoppedAfter: StageName | null;
}

/** A build that cannot start or went wrong; `unresolved` is set when dependencies are missing. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly stage?: StageName,
    readonly unresolved?: Unresolved[],
  ) {
    super(message);
    this.name = "BuildError";
  }
}

export interface WorkLayout {
  work: string;
  root: string;
  isoTree: string;
  cache: string;
  stamps: string;
}

export function workLayout(workDir: string): WorkLayout {
  return {
    work: workDir,
    root: join(workDir, "x86_64", "airootfs"),
    isoTree: join(workDir, "iso"),
    cache: join(workDir, "cache"),
    stamps: join(workDir, "stamps"),
  };
}

export function isoFileName(p: Profile): string {
  return `${p.json.iso.name}-${p.json.iso.version}-x86_64.iso`;
}

export interface ResolvedInputs {
  profile: Profile;
  sources: Source[];
  closure: Closure;
  /** `names`: base.list; `missing`: its names no source has; `packages`: the closure of the rest. */
  baseSet: {
    names: string[];
    missing: string[];
    packages: RpmPackage[];
    warnings: string[];
    /** The closure split into base.list's and each firmware's additions (the ISO's base lists). */
    split?: BaseSetResolution["split"];
    /** installer.languages: the packs the repository carries besides the base set, never in base.list. */
    languages?: LanguagePacks;
  };
}

/** Loads the profile and sources and resolves both package sets; throws on anything missing. */
export async function resolveInputs(
  profileDir: string,
  sourceSpecs: string[],
  cacheDir: string,
  opts: { model?: string | null; toolkitRoot?: string } = {},
): Promise<ResolvedInputs> {
  const profile = loadProfile(profileDir, opts.model !== undefined ? { model: opts.model } : {});
  if (sourceSpecs.length === 0)
    throw new BuildError("no --source given: pass a Rocky ISO, a repository or a directory of RPMs");
  mkdirSync(cacheDir, { recursive: true });
  const sources: Source[] = [];
  for (const s of sourceSpecs) sources.push(await openSource(s, cacheDir));
  const universe = sources.flatMap((s) => s.packages);
  const fileOwners = () => {
    const m = new Map<string, string[]>();
    for (const s of sources) for (const [k, v] of s.fileOwners()) m.set(k, [...(m.get(k) ?? []), ...v]);
    return m;
  };
  const arches = profile.json.rpm.arches;
  const closure = resolveClosure(
    universe,
    profile.packages.map((p) => ({ name: p.name, origin: `packages.txt:${p.line}`, optional: p.optional })),
    { arches, loadFileOwners: fileOwners },
  );
  if (closure.unresolved.length > 0) {
    throw new BuildError(
      `${closure.unresolved.length} requirement(s) cannot be met by ${sourceSpecs.join(", ")}; nothing was built:\n${formatUnresolved(closure.unresolved)}`,
      undefined,
      closure.unresolved,
    );
  }
  const warnings: string[] = formatSkipped(closure.skipped);
  let base: BaseSetResolution | null = null;
  if (profile.json.installer.baseRepo) {
    const listed = readBaseSet(opts.toolkitRoot ?? packageRoot);
    if (!listed) warnings.push("no recipes/base.list in the toolkit: the ISO carries no base-set repository");
    else {
      base = resolveBaseSet(listed, universe, { arches, loadFileOwners: fileOwners });
      const problems = baseSetProblems(base);
      if (problems.length && profile.json.installer.missingBase === "error") {
        throw new BuildError(
          `the sources cannot give the ISO a complete base-set repository (${listed.file}); nothing was built:\n${problems.map((l) => `  ${l}`).join("\n")}\nAdd a --source that has them, fix ${listed.file}, or set installer.missingBase to "warn" in profile.json (those recipes will then need the network).`,
        );
      }
      warnings.push(...problems.map((l) => `${l}; its recipe will need the network`));
    }
  }
  let languages: LanguagePacks | undefined;
  if (base && profile.json.installer.languages.length) {
    languages = resolveLanguagePacks(profile.json.installer.languages, universe, base.packages, {
      arches,
      loadFileOwners: fileOwners,
    });
    if (languages.problems.length && profile.json.installer.missingBase === "error")
      throw new BuildError(
        `the sources cannot give the ISO the language packs profile.json asks for; nothing was built:\n${languages.problems.map((l) => `  ${l}`).join("\n")}\nOr set installer.missingBase to "warn" in profile.json (an install in that language then has English messages until the pack is installed).`,
      );
    warnings.push(...languages.problems);
  }
  return {
    profile,
    sources,
    closure,
    baseSet: {
      names: base?.listed ?? [],
      missing: base?.missing.map((m) => m.name) ?? [],
      packages: base?.packages ?? [],
      warnings,
      ...(base ? { split: base.split } : {}),
      ...(languages ? { languages } : {}),
    },
  };
}

function duBytes(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    return Number(execFileSync("du", ["-sb", path], { encoding: "utf8" }).split("\t")[0]) || 0;
  } catch {
    return 0;
  }
}

function recipesGenerated(work: string): number {
  const f = join(work, "base-recipes.json");
  return existsSync(f)
    ? (JSON.parse(readFileSync(f, "utf8")) as { generated: string[] }).generated.length
    : 0;
}

function installerBytes(work: string, embed: boolean): number {
  const f = join(work, "installer.json");
  if (!embed || !existsSync(f)) return 0;
  return (JSON.parse(readFileSync(f, "utf8")) as { bytes?: number }).bytes ?? 0;
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function hostHas(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

/** Tools the stages will call; checked before anything is written. */
export function requiredTools(p: Profile, withBaseRepo: boolean): string[] {
  const t = ["rpm", "unshare", "chroot", "mount", "cp", "mksquashfs", "xorriso"];
  if (p.json.live.user) t.push("useradd", "groupadd");
  if (p.json.live.user?.sudo) t.push("visudo");
  if (p.json.boot.modes.includes("uefi")) t.push("mkfs.fat", "mmd", "mcopy");
  if (withBaseRepo) t.push("createrepo_c");
  if (withBaseRepo && p.json.installer.embed && p.json.installer.toolkitPackage) t.push("rpmbuild");
  return t;
}

/**
 * The checks that need no work directory: the profile loads, every --source exists and is an ISO
 * or a directory, and the work directory is one leviso may use (and, with --clean, delete).
 */
export function preflight(opts: BuildOptions, work: string, outDir: string, toolkitRoot: string): void {
  loadProfile(opts.profileDir, opts.model !== undefined ? { model: opts.model } : {});
  if (opts.sources.length === 0)
    throw new BuildError("no --source given: pass a Rocky ISO, a repository or a directory of RPMs");
  for (const s of opts.sources) {
    const path = sourcePath(s);
    if (!existsSync(path)) throw new BuildError(`--source ${s}: ${path} does not exist`);
    if (statSync(path).isFile() && !/\.iso$/i.test(path))
      throw new BuildError(`--source ${s}: a file source must be an .iso image`);
  }
  try {
    checkWorkDir(work, Boolean(opts.clean), {
      keep: [
        { what: "profile", path: opts.profileDir },
        { what: "toolkit", path: toolkitRoot },
        { what: "output directory", path: outDir },
        ...opts.sources.map((s) => ({ what: "source", path: sourcePath(s) })),
        ...(opts.model ? [{ what: "model", path: opts.model }] : []),
      ],
    });
  } catch (e) {
    if (e instanceof WorkDirError) throw new BuildError(e.message);
    throw e;
  }
}

export async function build(opts: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const outDir = resolve(opts.outDir);
  const layout = workLayout(resolve(opts.workDir ?? join(outDir, "work")));
  const emit = opts.onEvent ?? (() => {});
  const toolkitRoot = opts.toolkitRoot ?? packageRoot;

  if (process.getuid?.() !== 0) {
    throw new BuildError(
      "leviso build needs root: rpm runs scriptlets chrooted in the image root and /dev is bind-mounted there",
    );
  }
  // Every argument is checked before anything is written or deleted (a typo in --work once
  // emptied a git repo and then failed on a missing --source).
  preflight(opts, layout.work, outDir, toolkitRoot);
  if (opts.clean) rmSync(layout.work, { recursive: true, force: true });
  mkdirSync(layout.work, { recursive: true });
  markWorkDir(layout.work);

  const t0 = performance.now();
  const inputs = await resolveInputs(opts.profileDir, opts.sources, layout.cache, {
    model: opts.model,
    toolkitRoot,
  });
  const { profile, sources, closure, baseSet } = inputs;
  const resolveSeconds = (performance.now() - t0) / 1000;
  emit({
    kind: "resolved",
    packages: closure.packages.length,
    baseSet: baseSet.packages.length,
    seconds: resolveSeconds,
  });

  const withBaseRepo = profile.json.installer.baseRepo && baseSet.packages.length > 0;
  const missing = requiredTools(profile, withBaseRepo).filter((t) => !hostHas(t));
  if (missing.length) {
    throw new BuildError(`missing tools: ${missing.join(", ")} (install them; see docs/leviso.md)`);
  }

  // A resumed build must be the same build: same profile, sources and package set.
  const fingerprint = createHash("sha256")
    .update(profile.fingerprint)
    .update(JSON.stringify(opts.sources.map((s) => resolve(s.replace(/^file:\/\//, "")))))
    .update(closure.packages.map(nevra).join("\n"))
    .update(baseSet.packages.map(nevra).join("\n"))
    .update((baseSet.languages?.packages ?? []).map(nevra).join("\n"))
    .digest("hex");
  const fpFile = join(layout.work, "fingerprint");
  mkdirSync(layout.stamps, { recursive: true });
  if (existsSync(fpFile) && readFileSync(fpFile, "utf8").trim() !== fingerprint) {
    throw new BuildError(
      `${layout.work} holds a build of a different profile, source or package set: rerun with --clean to start over`,
    );
  }
  writeFileSync(fpFile, `${fingerprint}\n`);

  const isoPath = join(outDir, isoFileName(profile));
  const p = profile.json;
  let bios: BiosBoot | null = null;
  let uefi: UefiBoot | null = null;
  let sums: { sha256: string; sha512: string } | null = null;

  const stageBodies: Record<StageName, (log: (l: string) => void) => Promise<string | undefined>> = {
    fetch: async () => {
      await localRpmPaths(sources, [
        ...closure.packages,
        ...baseSet.packages,
        ...(baseSet.languages?.packages ?? []),
      ]);
      return `${closure.packages.length} RPMs ready`;
    },
    rootfs: async (log) => {
      rmSync(layout.root, { recursive: true, force: true });
      await installClosure({
        root: layout.root,
        dbpath: p.rpm.dbpath,
        rpms: closure.packages.map((x) => x.location),
        excludeDocs: p.rpm.excludeDocs,
        onLine: log,
      });
      return `${closure.packages.length} packages installed`;
    },
    overlay: async () => {
      const n = await applyOverlay(profile.airootfs, layout.root, p.permissions);
      return `${n} entries from airootfs/, ${Object.keys(p.permissions).length} permission rules`;
    },
    live: async (log) => {
      const r = await applyLiveSettings(layout.root, p.live, {
        journal: join(layout.work, "live-settings.log"),
        onLine: log,
      });
      if (withBaseRepo) {
        mkdirSync(join(layout.root, "etc/yum.repos.d"), { recursive: true });
        writeFileSync(join(layout.root, "etc/yum.repos.d/levitate-live.repo"), liveRepoFile());
      }
      return r.user ? `user ${r.user}, hostname ${p.live.hostname}` : `hostname ${p.live.hostname}`;
    },
    installer: async (log) => {
      if (!p.installer.embed) return "skipped: installer.embed is false";
      rmSync(join(layout.root, "usr/lib/levitate"), { recursive: true, force: true });
      const r = await embedInstaller(layout.root, toolkitRoot, profile.model, {
        gpu: p.installer.gpu,
        mirrors: withBaseRepo ? [LIVE_REPO_DIR] : [],
      });
      // The shipped model's fixed-prompt states, baked beside it (<models>/kv/), so the first
      // boot's first answer does not evaluate ~2,000 tokens first (docs/llm.md).
      const baked = r.model
        ? await runTool(
            [
              process.execPath,
              join(toolkitRoot, "dist/cli/levitate.js"),
              "model",
              "bake",
              "--model",
              join(layout.root, r.model),
            ],
            { onLine: log },
          )
        : undefined;
      // The memo beside the states gets the ctime the model will have in the squashfs, which a
      // rewrite in place cannot set back (attacker 3 L3; live/bakedModel.ts).
      if (r.model) sealBakedMemo(join(layout.root, r.model), p.squashfs.options);
      writeFileSync(join(layout.work, "installer.json"), JSON.stringify(r));
      return `${(r.bytes / 2 ** 20).toFixed(0)} MiB: ${r.modules} runtime modules, Node${r.model ? `, model ${r.model}` : ""}${baked ? ", its prefix states baked" : ""}`;
    },
    repo: async (log) => {
      rmSync(join(layout.isoTree, ISO_REPO_DIR), { recursive: true, force: true });
      if (!withBaseRepo) return "skipped: no base set";
      let { names, packages, split } = baseSet;
      let toolkitNote = "";
      if (p.installer.embed && p.installer.toolkitPackage) {
        // Made before the base recipes are written below: the installed system gets the
        // toolkit's own recipes, not the live medium's rpm: recipes.
        const rpm = await buildToolkitRpm(
          layout.root,
          join(layout.work, "toolkit-rpm"),
          join(layout.work, "toolkit-rpm-out"),
          toolkitVersion,
          log,
        );
        const [pkg] = loadRpmDirectory(join(rpm, ".."));
        if (!pkg) throw new Error(`${rpm} could not be read back`);
        packages = [...packages.filter((x) => x.name !== pkg.name), pkg];
        names = [...names.filter((x) => x !== pkg.name), pkg.name];
        if (split) split = { ...split, common: [...split.common.filter((x) => x !== pkg.name), pkg.name] };
        toolkitNote = `, ${pkg.name} (${((sizeOf(rpm) / 2 ** 20) | 0).toString()} MiB) in the base set`;
      }
      const packs = baseSet.languages;
      const n = await writeBaseRepo(join(layout.isoTree, ISO_REPO_DIR), [
        ...packages,
        ...(packs?.packages ?? []),
      ]);
      let note = `${n} RPMs (the closure of ${baseSet.names.length - baseSet.missing.length} base.list names)${toolkitNote}`;
      if (p.installer.embed) {
        // bootstrap on the live system reads the embedded recipes: they must name the closure.
        const r = writeBaseRecipes(
          join(layout.root, INSTALLER_DIR.slice(1), "recipes"),
          names,
          packages,
          split,
        );
        writeFileSync(join(layout.work, "base-recipes.json"), JSON.stringify(r));
        for (const c of r.conflicts)
          log(`warning: recipe ${c} exists in the toolkit and does not install the RPM from the mirror`);
        note += `, ${r.generated.length} recipes written for its dependencies`;
        if (packs?.languages.length) {
          const written = writeLanguageRecipes(join(layout.root, INSTALLER_DIR.slice(1), "recipes"), packs);
          note += `, language packs ${packs.languages.join(", ")} (${written.length} recipes)`;
        }
      }
      return note;
    },
    initramfs: async (log) => {
      const k = await makeInitramfs(layout.root, layout.isoTree, log);
      return `kernel ${k.version}`;
    },
    squashfs: async (log) => {
      await makeSquashfs(layout.root, join(layout.isoTree, ISO_SQUASHFS), p.squashfs, log);
      return `${(sizeOf(join(layout.isoTree, ISO_SQUASHFS)) / 2 ** 20).toFixed(1)} MiB`;
    },
    bootloader: async () => {
      for (const d of ["boot/grub", "EFI", "isolinux"])
        rmSync(join(layout.isoTree, d), { recursive: true, force: true });
      const parts: string[] = [];
      if (p.boot.modes.includes("bios")) {
        bios = await prepareBiosBoot(layout.root, layout.isoTree, p);
        parts.push(`BIOS ${bios.kind}`);
      }
      if (p.boot.modes.includes("uefi")) {
        uefi = await prepareUefiBoot(layout.root, layout.isoTree, layout.work, p);
        parts.push(`UEFI ${p.boot.uefi} (${uefi.files.length} files in efiboot.img)`);
      }
      if ((p.boot.modes.includes("bios") && p.boot.bios === "grub") || p.boot.modes.includes("uefi")) {
        mkdirSync(join(layout.isoTree, GRUB_DIR), { recursive: true });
        writeFileSync(join(layout.isoTree, GRUB_DIR, "grub.cfg"), grubConfig(p));
      }
      writeFileSync(join(layout.work, "boot.json"), JSON.stringify({ bios, uefi }));
      return parts.join(", ");
    },
    iso: async (log) => {
      if (!bios && !uefi) ({ bios, uefi } = JSON.parse(readFileSync(join(layout.work, "boot.json"), "utf8")));
      mkdirSync(outDir, { recursive: true });
      const argv = xorrisoArgv(p, layout.isoTree, isoPath, bios, uefi, `leviso ${toolkitVersion}`);
      await makeIso(argv, isoPath, log);
      return `${(sizeOf(isoPath) / 2 ** 20).toFixed(1)} MiB`;
    },
    checksums: async () => {
      sums = await writeChecksums(isoPath);
      return `${sums.sha256.slice(0, 16)}…`;
    },
  };

  const reports: StageReport[] = [];
  let stoppedAfter: StageName | null = null;
  for (const [i, name] of STAGES.entries()) {
    const stamp = join(layout.stamps, name);
    const base = { kind: "stage" as const, name, index: i + 1, total: STAGES.length };
    const prev = readStamp(stamp);
    if (prev) {
      reports.push({ name, state: "resumed", seconds: 0, note: prev.note });
      emit({ ...base, state: "skipped", note: "done in an earlier run" });
      continue;
    }
    // Later stages were built from this stage's old output: they run again.
    for (const later of STAGES.slice(i + 1)) rmSync(join(layout.stamps, later), { force: true });
    emit({ ...base, state: "start" });
    const s0 = performance.now();
    let note: string | undefined;
    try {
      note = await stageBodies[name]((line) => emit({ kind: "log", stage: name, line }));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      rmSync(stamp, { force: true });
      // A stage that changes the root in place leaves it half-changed: the next run builds the
      // root again instead of applying the stage over what is left of this attempt.
      const dirtied = ROOT_CHANGING_STAGES.includes(name);
      if (dirtied) rmSync(join(layout.stamps, "rootfs"), { force: true });
      throw new BuildError(
        `stage ${name} failed: ${msg}\n(fix the cause and rerun: ${
          dirtied ? "the root is rebuilt, and the stages before it are" : "finished stages are"
        } kept in ${layout.work})`,
        name,
      );
    }
    const seconds = (performance.now() - s0) / 1000;
    writeStamp(stamp, { finished: new Date().toISOString(), seconds, note });
    reports.push({ name, state: note?.startsWith("skipped") ? "skipped" : "ran", seconds, note });
    emit({ ...base, state: "done", seconds, note });
    if (opts.stopAfter === name) {
      stoppedAfter = name;
      break;
    }
  }

  if (!sums && existsSync(`${isoPath}.sha256`)) {
    sums = {
      sha256: readFileSync(`${isoPath}.sha256`, "utf8").split(" ")[0]!,
      sha512: readFileSync(`${isoPath}.sha512`, "utf8").split(" ")[0]!,
    };
  }
  let kernel: string | null = null;
  try {
    kernel = findKernel(layout.root).version;
  } catch {}
  const finalSums = sums as { sha256: string; sha512: string } | null;
  const report: BuildReport = {
    iso: stoppedAfter ? null : isoPath,
    label: p.iso.label,
    profile: profile.dir,
    sources: opts.sources,
    packages: closure.packages.length,
    baseSetPackages: withBaseRepo ? baseSet.packages.length : 0,
    baseSet: {
      listed: baseSet.names.length,
      missing: baseSet.missing,
      recipesGenerated: recipesGenerated(layout.work),
    },
    kernel,
    stages: reports,
    resolveSeconds,
    totalSeconds: (performance.now() - started) / 1000,
    rootfsBytes: duBytes(layout.root),
    squashfsBytes: sizeOf(join(layout.isoTree, ISO_SQUASHFS)),
    installerBytes: installerBytes(layout.work, p.installer.embed),
    isoBytes: stoppedAfter ? 0 : sizeOf(isoPath),
    sha256: finalSums?.sha256 ?? null,
    sha512: finalSums?.sha512 ?? null,
    warnings: baseSet.warnings,
    stoppedAfter,
  };
  if (!stoppedAfter)
    writeFileSync(
      join(outDir, `${isoFileName(profile)}.report.json`),
      `${JSON.stringify(report, null, 2)}\n`,
    );
  return report;
}
