import { existsSync } from "node:fs";
import { join } from "node:path";
import { resolveConfined } from "./paths.js";

/**
 * Where a target root keeps its rpm database. Every rpm run against a target (recipe's
 * rpm_install/bootstrap/remove, leviso's image root) goes through here, so the database lands
 * where the target's own rpm will look for it, not where the host's rpm defaults to (Debian's:
 * /var/lib/rpm). A Rocky 10 system that finds an empty database at its own location believes
 * nothing is installed.
 */

/** Rocky 10 (like Fedora since 36): rpm's `%_dbpath`. */
export const ROCKY_RPM_DBPATH = "/usr/lib/sysimage/rpm";
/** Older RPM systems and Debian's rpm. */
export const LEGACY_RPM_DBPATH = "/var/lib/rpm";
/** Overrides the database location for a target that has none yet (another distribution). */
export const RPM_DBPATH_ENV = "RECIPE_RPM_DBPATH";

/** Checked in this order: an existing database wins over the configured default. */
export const KNOWN_RPM_DBPATHS = [ROCKY_RPM_DBPATH, LEGACY_RPM_DBPATH] as const;

/** The location for a target without a database: `explicit`, else $RECIPE_RPM_DBPATH, else Rocky 10's. */
export function configuredRpmDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const p = explicit ?? env[RPM_DBPATH_ENV]?.trim();
  if (!p) return ROCKY_RPM_DBPATH;
  if (!p.startsWith("/") || p.split("/").includes(".."))
    throw new Error(
      `rpm database path "${p}"${explicit ? "" : ` (from ${RPM_DBPATH_ENV})`} must be an absolute path inside the target without "..", e.g. ${ROCKY_RPM_DBPATH}`,
    );
  return p;
}

/** True when `dbpath` inside `root` holds an rpm database (sqlite, or the older bdb/ndb files). */
export function hasRpmDb(root: string, dbpath: string): boolean {
  const dir = resolveConfined(root, dbpath, "chroot");
  return ["rpmdb.sqlite", "Packages", "Packages.db"].some((f) => existsSync(join(dir, f)));
}

/**
 * The dbpath to use for `root`: the one where it already has a database (a Rocky 10 target that
 * was bootstrapped, or an older system at /var/lib/rpm), else the configured default.
 */
export function rpmDbPathFor(root: string, explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = configuredRpmDbPath(explicit, env);
  for (const p of [configured, ...KNOWN_RPM_DBPATHS]) if (hasRpmDb(root, p)) return p;
  return configured;
}

/** `rpm --root ROOT --dbpath DBPATH …`: the host's rpm working on the target's own database. */
export function rpmRootArgv(root: string, dbpath: string, ...rest: string[]): string[] {
  return ["rpm", "--root", root, "--dbpath", dbpath, ...rest];
}
