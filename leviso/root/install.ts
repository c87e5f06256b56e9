import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { rpmRootArgv } from "../../recipe/rpmdb.js";
import { runWithRootMounts } from "../exec.js";

/**
 * The root: `rpm --root ROOT --initdb`, then the whole closure in one `rpm -i` transaction, so
 * rpm orders the packages itself and runs their scriptlets inside the root.
 */

let forceDebian: boolean | undefined;

/** Debian's rpm refuses package installs without `--force-debian`; Rocky's does not know it. */
function needsForceDebian(): boolean {
  if (forceDebian === undefined) {
    try {
      forceDebian = execFileSync("rpm", ["--help"], { encoding: "utf8" }).includes("--force-debian");
    } catch {
      forceDebian = false;
    }
  }
  return forceDebian;
}

export interface RpmInstallOptions {
  root: string;
  dbpath: string;
  rpms: string[];
  excludeDocs: boolean;
  onLine?: (line: string) => void;
}

/** The shared `rpm --root --dbpath` form (recipe/rpmdb.ts), as recipe's bootstrap uses it. */
export function rpmBaseArgv(root: string, dbpath: string): string[] {
  return rpmRootArgv(root, dbpath);
}

export function rpmInstallArgv(o: RpmInstallOptions): string[] {
  return [
    ...rpmBaseArgv(o.root, o.dbpath),
    "-i",
    "--percent",
    ...(needsForceDebian() ? ["--force-debian"] : []),
    ...(o.excludeDocs ? ["--excludedocs"] : []),
    ...o.rpms,
  ];
}

export async function installClosure(o: RpmInstallOptions): Promise<void> {
  mkdirSync(o.root, { recursive: true });
  await runWithRootMounts(o.root, [...rpmBaseArgv(o.root, o.dbpath), "--initdb"]);
  // --percent prints "%% 12.345678" per file: pass on every tenth percent only.
  let last = -10;
  const onLine = (line: string) => {
    const m = /^%% (\d+(\.\d+)?)/.exec(line);
    if (!m) return o.onLine?.(line);
    const pct = Number(m[1]);
    if (pct - last >= 10 || (pct === 100 && last !== 100)) {
      last = pct;
      o.onLine?.(`installing: ${Math.floor(pct)}%`);
    }
  };
  await runWithRootMounts(o.root, rpmInstallArgv(o), { onLine, captureStdout: false });
}

/** Names of the packages installed in a root, from its rpm database. */
export function installedPackages(root: string, dbpath: string): string[] {
  const out = execFileSync("rpm", [...rpmBaseArgv(root, dbpath).slice(1), "-qa", "--qf", "%{NAME}\\n"], {
    encoding: "utf8",
  });
  return out.split("\n").filter(Boolean).sort();
}
