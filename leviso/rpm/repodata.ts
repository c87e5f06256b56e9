import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import { decompress as zstdDecompress } from "fzstd";
import { z } from "zod";
import type { Flag } from "./evr.js";
import type { Dep, RpmPackage } from "./types.js";

/** Reads a yum/dnf repository: repodata/repomd.xml, then primary (gz, xz, zst, bz2 or plain). */

export class RepoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RepoError";
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && ["data", "package", "entry", "file"].includes(name),
});

const repomdSchema = z.object({
  repomd: z.object({
    data: z.array(
      z.object({
        type: z.string(),
        location: z.object({ href: z.string() }),
        checksum: z.union([z.object({ "#text": z.string(), type: z.string() }), z.string()]).optional(),
      }),
    ),
  }),
});

const text = z.union([z.string(), z.object({ "#text": z.string() }).transform((o) => o["#text"])]);
const entrySchema = z.object({
  name: z.string(),
  flags: z.enum(["EQ", "LT", "GT", "LE", "GE"]).optional(),
  epoch: z.string().optional(),
  ver: z.string().optional(),
  rel: z.string().optional(),
  pre: z.string().optional(),
});
const depList = z
  .object({ entry: z.array(entrySchema).default([]) })
  .or(z.literal(""))
  .optional();

const packageSchema = z.object({
  type: z.string().optional(),
  name: z.string(),
  arch: z.string(),
  version: z.object({ epoch: z.string().optional(), ver: z.string(), rel: z.string() }),
  location: z.object({ href: z.string() }),
  size: z.object({ package: z.string().optional(), installed: z.string().optional() }).optional(),
  format: z
    .object({
      provides: depList,
      requires: depList,
      file: z.array(text).optional(),
    })
    .optional(),
});

export interface RepoMetadataFile {
  type: string;
  href: string;
  checksum?: { type: string; value: string };
}

export function readRepomd(repoDir: string): RepoMetadataFile[] {
  const file = join(repoDir, "repodata", "repomd.xml");
  if (!existsSync(file)) throw new RepoError(`${file} not found: ${repoDir} is not an rpm repository`);
  const parsed = repomdSchema.safeParse(parser.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new RepoError(`${file}: not a repomd.xml (${parsed.error.issues[0]?.message})`);
  return parsed.data.repomd.data.map((d) => ({
    type: d.type,
    href: d.location.href,
    checksum:
      d.checksum && typeof d.checksum === "object"
        ? { type: d.checksum.type, value: d.checksum["#text"] }
        : undefined,
  }));
}

/** Decompresses metadata by its file name; xz and bz2 go through the standard tools. */
export function decompressMetadata(path: string, data: Buffer): Buffer {
  if (path.endsWith(".gz")) return gunzipSync(data);
  if (path.endsWith(".zst")) return Buffer.from(zstdDecompress(data));
  if (path.endsWith(".xz")) return execFileSync("xz", ["-dc"], { input: data, maxBuffer: 2 ** 31 });
  if (path.endsWith(".bz2")) return execFileSync("bzip2", ["-dc"], { input: data, maxBuffer: 2 ** 31 });
  if (path.endsWith(".xml")) return data;
  throw new RepoError(`${path}: unknown metadata compression (expected .gz, .xz, .zst, .bz2 or .xml)`);
}

function toDeps(list: z.infer<typeof depList>, pre = false): Dep[] {
  if (!list || typeof list === "string") return [];
  return list.entry.map((e) => {
    const dep: Dep = { name: e.name };
    if (e.flags && e.ver !== undefined) {
      dep.flags = e.flags as Flag;
      dep.evr = { epoch: Number.parseInt(e.epoch ?? "0", 10) || 0, version: e.ver, release: e.rel ?? "" };
    }
    if (pre && e.pre === "1") dep.pre = true;
    return dep;
  });
}

/** Parses primary.xml into packages; `location` is resolved against the repository directory. */
export function parsePrimary(xml: string, repoDir: string, source = repoDir): RpmPackage[] {
  const doc = parser.parse(xml) as { metadata?: { package?: unknown[] } };
  const raw = doc.metadata?.package ?? [];
  const out: RpmPackage[] = [];
  for (const [i, item] of raw.entries()) {
    const p = packageSchema.safeParse(item);
    if (!p.success) {
      throw new RepoError(
        `${source}: primary metadata package #${i + 1} is malformed at ${p.error.issues[0]?.path.join(".")}: ${p.error.issues[0]?.message}`,
      );
    }
    const d = p.data;
    if (d.type && d.type !== "rpm") continue;
    out.push({
      name: d.name,
      arch: d.arch,
      evr: {
        epoch: Number.parseInt(d.version.epoch ?? "0", 10) || 0,
        version: d.version.ver,
        release: d.version.rel,
      },
      provides: toDeps(d.format?.provides),
      requires: toDeps(d.format?.requires, true),
      files: d.format?.file ?? [],
      location: join(repoDir, d.location.href),
      repo: source,
      sizeInstalled: d.size?.installed ? Number(d.size.installed) : undefined,
      sizePackage: d.size?.package ? Number(d.size.package) : undefined,
    });
  }
  return out;
}

function readMetadataFile(repoDir: string, md: RepoMetadataFile): string {
  const path = join(repoDir, md.href);
  if (!existsSync(path)) throw new RepoError(`${path} is listed in repomd.xml but missing`);
  const data = readFileSync(path);
  if (md.checksum && ["sha256", "sha512", "sha1"].includes(md.checksum.type)) {
    const got = createHash(md.checksum.type).update(data).digest("hex");
    if (got !== md.checksum.value) {
      throw new RepoError(
        `${path}: ${md.checksum.type} mismatch with repomd.xml (the repository is damaged)`,
      );
    }
  }
  return decompressMetadata(path, data).toString("utf8");
}

/** Loads every package of one repository directory (the one holding repodata/). */
export function loadRepo(repoDir: string): RpmPackage[] {
  const md = readRepomd(repoDir);
  const primary = md.find((m) => m.type === "primary");
  if (!primary) throw new RepoError(`${repoDir}/repodata/repomd.xml lists no primary metadata`);
  return parsePrimary(readMetadataFile(repoDir, primary), repoDir);
}

/**
 * Reads filelists metadata into a map from path to package keys (name-evr.arch), for file
 * requirements that primary does not list (primary only carries /etc, *bin/ and a few more).
 */
export function loadFilelists(repoDir: string): Map<string, string[]> | null {
  const md = readRepomd(repoDir).find((m) => m.type === "filelists");
  if (!md) return null;
  const doc = parser.parse(readMetadataFile(repoDir, md)) as {
    filelists?: { package?: Array<Record<string, unknown>> };
  };
  const out = new Map<string, string[]>();
  for (const p of doc.filelists?.package ?? []) {
    const name = String(p.name);
    const arch = String(p.arch);
    const v = p.version as { epoch?: string; ver: string; rel: string };
    const key = `${name}-${v.epoch && v.epoch !== "0" ? `${v.epoch}:` : ""}${v.ver}-${v.rel}.${arch}`;
    for (const f of (p.file as unknown[] | undefined) ?? []) {
      const path = typeof f === "string" ? f : String((f as { "#text": string })["#text"]);
      const list = out.get(path);
      if (list) list.push(key);
      else out.set(path, [key]);
    }
  }
  return out;
}
