import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Flag, parseEvr } from "./evr.js";
import { RepoError } from "./repodata.js";
import type { Dep, RpmPackage } from "./types.js";

/** Reads package headers with `rpm -qp --queryformat`, for a plain directory of RPMs without repodata. */

const SENSE_LESS = 2;
const SENSE_GREATER = 4;
const SENSE_EQUAL = 8;
const SENSE_PREREQ = 64;
const SENSE_SCRIPT_PRE = 512;

const QUERY =
  "@@PKG@@\\n%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SIZE}\\n" +
  "[P\\t%{PROVIDENAME}\\t%{PROVIDEFLAGS}\\t%{PROVIDEVERSION}\\n]" +
  "[R\\t%{REQUIRENAME}\\t%{REQUIREFLAGS}\\t%{REQUIREVERSION}\\n]" +
  "[F\\t%{FILENAMES}\\n]";

function flagsOf(bits: number): Flag | undefined {
  const l = bits & SENSE_LESS;
  const g = bits & SENSE_GREATER;
  const e = bits & SENSE_EQUAL;
  if (l && e) return "LE";
  if (g && e) return "GE";
  if (l) return "LT";
  if (g) return "GT";
  if (e) return "EQ";
  return undefined;
}

function dep(name: string, flagBits: string, version: string, withPre: boolean): Dep {
  const bits = Number.parseInt(flagBits, 10) || 0;
  const d: Dep = { name };
  const flags = flagsOf(bits);
  if (flags && version) {
    d.flags = flags;
    d.evr = parseEvr(version);
  }
  if (withPre && bits & (SENSE_PREREQ | SENSE_SCRIPT_PRE)) d.pre = true;
  return d;
}

/** Parses the query output for the given files, in order. */
export function parseHeaderQuery(out: string, files: string[], repo: string): RpmPackage[] {
  const records = out.split("@@PKG@@\n").slice(1);
  if (records.length !== files.length) {
    throw new RepoError(`rpm -qp read ${records.length} headers from ${files.length} files in ${repo}`);
  }
  return records.map((rec, i) => {
    const lines = rec.split("\n").filter((l) => l.length > 0);
    const [name, epoch, version, release, arch, size] = (lines[0] ?? "").split("\t");
    if (!name || version === undefined || release === undefined || !arch) {
      throw new RepoError(`${files[i]}: unreadable rpm header`);
    }
    const pkg: RpmPackage = {
      name,
      evr: { epoch: Number.parseInt(epoch ?? "0", 10) || 0, version, release },
      arch,
      provides: [],
      requires: [],
      files: [],
      location: files[i]!,
      repo,
      sizeInstalled: Number(size) || undefined,
    };
    for (const line of lines.slice(1)) {
      const [kind, a = "", b = "", c = ""] = line.split("\t");
      if (kind === "P") pkg.provides.push(dep(a, b, c, false));
      else if (kind === "R") pkg.requires.push(dep(a, b, c, true));
      else if (kind === "F") pkg.files.push(a);
    }
    return pkg;
  });
}

/** Reads every *.rpm (not source RPMs) directly inside `dir`. */
export function loadRpmDirectory(dir: string): RpmPackage[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".rpm") && !f.endsWith(".src.rpm"))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) throw new RepoError(`${dir} holds no repodata/ and no .rpm files`);
  const out: RpmPackage[] = [];
  // Batches keep argv short on directories with thousands of packages.
  for (let i = 0; i < files.length; i += 200) {
    const batch = files.slice(i, i + 200);
    let stdout: string;
    try {
      stdout = execFileSync("rpm", ["-qp", "--nosignature", "--nodigest", "--queryformat", QUERY, ...batch], {
        encoding: "utf8",
        maxBuffer: 2 ** 30,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      const err = e as { stderr?: string; code?: string };
      if (err.code === "ENOENT")
        throw new RepoError("rpm is not installed: reading a directory of RPMs needs rpm");
      throw new RepoError(`rpm -qp failed in ${dir}: ${String(err.stderr ?? e).trim()}`);
    }
    out.push(...parseHeaderQuery(stdout, batch, dir));
  }
  return out;
}
