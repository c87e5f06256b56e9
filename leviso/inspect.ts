import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KNOWN_RPM_DBPATHS } from "../recipe/rpmdb.js";
import { runTool } from "./exec.js";
import { ISO_SQUASHFS } from "./image/squashfs.js";

/** `leviso inspect ISO`: boot entries, volume label and what the squashfs holds, read-only. */

export interface BootEntry {
  index: number;
  platform: "BIOS" | "UEFI" | string;
  bootable: boolean;
  emulation: string;
  loadSize: number;
  lba: number;
  /** Path inside the ISO, when the image is a file (the UEFI one is often a hidden partition). */
  path: string | null;
}

export interface SquashfsInfo {
  compression: string | null;
  blockSize: number | null;
  bytes: number;
  entries: number;
  topLevel: string[];
  kernels: string[];
  osRelease: string | null;
  packages: string[];
}

export interface IsoInspection {
  iso: string;
  volumeId: string | null;
  bootEntries: BootEntry[];
  systemArea: string | null;
  squashfs: SquashfsInfo | null;
}

export function parseElTorito(report: string): {
  volumeId: string | null;
  entries: BootEntry[];
  systemArea: string | null;
} {
  const volumeId = /^Volume id\s*:\s*'(.*)'/m.exec(report)?.[1] ?? null;
  const systemArea = /^System area summary:\s*(.*)$/m.exec(report)?.[1]?.trim() ?? null;
  const paths = new Map<number, string>();
  for (const m of report.matchAll(/^El Torito img path :\s+(\d+)\s+(\S.*)$/gm))
    paths.set(Number(m[1]), m[2]!.trim());
  const entries: BootEntry[] = [];
  for (const m of report.matchAll(
    /^El Torito boot img :\s+(\d+)\s+(\S+)\s+([yn])\s+(\S+)\s+\S+\s+\S+\s+(\d+)\s+(\d+)/gm,
  )) {
    const index = Number(m[1]);
    entries.push({
      index,
      platform: m[2]!,
      bootable: m[3] === "y",
      emulation: m[4]!,
      loadSize: Number(m[5]),
      lba: Number(m[6]),
      path: paths.get(index) ?? null,
    });
  }
  return { volumeId, entries, systemArea };
}

export function parseUnsquashfsStats(text: string): { compression: string | null; blockSize: number | null } {
  return {
    compression: /Compression (\S+)/.exec(text)?.[1] ?? null,
    blockSize: Number(/Block size (\d+)/.exec(text)?.[1]) || null,
  };
}

async function inspectSquashfs(img: string, scratch: string): Promise<SquashfsInfo> {
  const stats = parseUnsquashfsStats((await runTool(["unsquashfs", "-s", img])).stdout);
  const listing = (await runTool(["unsquashfs", "-l", "-d", "", img])).stdout
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("/"));
  const topLevel = [...new Set(listing.map((l) => l.split("/")[1]!).filter(Boolean))].sort();
  const kernels = listing
    .map((l) => /^\/usr\/lib\/modules\/([^/]+)\/vmlinuz$/.exec(l)?.[1])
    .filter((k): k is string => Boolean(k));
  let osRelease: string | null = null;
  const dest = join(scratch, "sq");
  // Only what is needed: os-release and the rpm database (either usual location).
  await runTool([
    "unsquashfs",
    "-q",
    "-n",
    "-d",
    dest,
    img,
    "etc/os-release",
    "usr/lib/os-release",
    ...KNOWN_RPM_DBPATHS.map((d) => d.slice(1)),
  ]).catch(() => undefined);
  for (const f of ["etc/os-release", "usr/lib/os-release"]) {
    const p = join(dest, f);
    if (existsSync(p)) {
      osRelease = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync(p, "utf8"))?.[1] ?? null;
      if (osRelease) break;
    }
  }
  let packages: string[] = [];
  for (const db of KNOWN_RPM_DBPATHS.map((d) => d.slice(1))) {
    if (!existsSync(join(dest, db, "rpmdb.sqlite")) && !existsSync(join(dest, db, "Packages"))) continue;
    const out = await runTool([
      "rpm",
      "--dbpath",
      join(dest, db),
      "-qa",
      "--qf",
      "%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\\n",
    ]).catch(() => null);
    if (out) packages = out.stdout.split("\n").filter(Boolean).sort();
    break;
  }
  return {
    ...stats,
    bytes: statSync(img).size,
    entries: listing.length,
    topLevel,
    kernels,
    osRelease,
    packages,
  };
}

/** ISO 9660 puts "CD001" at byte 1 of sector 16 (the primary volume descriptor). */
const ISO9660_MAGIC_OFFSET = 16 * 2048 + 1;

/** Why `path` is not an ISO 9660 image, or undefined when it is one. */
export function notAnIso(path: string): string | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return `${path} does not exist`;
  if (!st.isFile() && !st.isBlockDevice()) return `${path} is not a file`;
  const magic = Buffer.alloc(5);
  const fd = openSync(path, "r");
  try {
    readSync(fd, magic, 0, 5, ISO9660_MAGIC_OFFSET);
  } finally {
    closeSync(fd);
  }
  if (magic.toString("latin1") !== "CD001")
    return `${path} is not an ISO image (no ISO 9660 volume descriptor); give the .iso that leviso build wrote`;
  return undefined;
}

export async function inspectIso(iso: string): Promise<IsoInspection> {
  const bad = notAnIso(iso);
  if (bad) throw new Error(bad);
  const r = await runTool([
    "xorriso",
    "-indev",
    iso,
    "-report_el_torito",
    "plain",
    "-report_system_area",
    "plain",
  ]);
  const { volumeId, entries, systemArea } = parseElTorito(`${r.stdout}\n${r.stderr}`);
  const scratch = mkdtempSync(join(tmpdir(), "leviso-inspect-"));
  try {
    const img = join(scratch, "squashfs.img");
    let squashfs: SquashfsInfo | null = null;
    const got = await runTool([
      "xorriso",
      "-osirrox",
      "on",
      "-indev",
      iso,
      "-extract",
      `/${ISO_SQUASHFS}`,
      img,
    ]).catch(() => null);
    if (got && existsSync(img)) squashfs = await inspectSquashfs(img, scratch);
    return { iso, volumeId, bootEntries: entries, systemArea, squashfs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
