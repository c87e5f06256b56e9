import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { runTool } from "../exec.js";
import type { RpmPackage } from "../rpm/types.js";

/**
 * The base set (what `recipe bootstrap` installs: recipes/base.list) as a local RPM repository
 * on the ISO, outside the squashfs (RPMs are compressed already), so an install needs no
 * network. The live system sees it at /run/initramfs/live/repo.
 */

export const ISO_REPO_DIR = "repo";
export const LIVE_REPO_URL = "file:///run/initramfs/live/repo";

/** Names from `base.list` (`#` comments), or null when the toolkit defines no base set. */
export function readBaseSet(toolkitRoot: string): { file: string; names: string[] } | null {
  const file = join(toolkitRoot, "recipes", "base.list");
  if (!existsSync(file)) return null;
  const names = readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
  return { file, names };
}

export async function writeBaseRepo(dest: string, pkgs: RpmPackage[]): Promise<number> {
  const dir = join(dest, "Packages");
  mkdirSync(dir, { recursive: true });
  for (const p of pkgs) copyFileSync(p.location, join(dir, basename(p.location)));
  await runTool(["createrepo_c", "--quiet", "--general-compress-type", "xz", dest]);
  return pkgs.length;
}

/** A dnf repository file pointing at the ISO's copy. */
export function liveRepoFile(): string {
  return [
    "# Written by leviso: the base set, on the live medium.",
    "[levitate-live]",
    "name=LevitateOS base set (live medium)",
    `baseurl=${LIVE_REPO_URL}`,
    "enabled=1",
    "gpgcheck=0",
    "",
  ].join("\n");
}
