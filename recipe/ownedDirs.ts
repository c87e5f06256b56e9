import { realpathSync } from "node:fs";
import { resolve, sep } from "node:path";
import { packageRoot } from "../steps/package.js";
import { resolveConfined } from "./paths.js";
import { STATE_DIR, stateDir } from "./store.js";

/** Where LevitateOS keeps the toolkit: its code, Node, the shipped recipes and the model. */
export const TOOLKIT_DIR = "/usr/lib/levitate";

/** One directory the recipe manager owns inside the target, as the refusal names it. */
export interface OwnedDir {
  /** Host path, resolved as the target sees it. */
  host: string;
  /** What it holds, for the refusal. */
  what: string;
  /** The path as the recipe would write it, for the message. */
  shown: string;
  /** One file (a command wrapper), not a directory. */
  file?: boolean;
  /** The toolkit's own files (its directory, its commands): the toolkit's package writes them. */
  toolkit?: boolean;
}

/**
 * The toolkit's commands (docs/leviso.md puts their wrappers in /usr/bin). A recipe that replaced
 * one (attacker 28 L1: install_to_dir("recipe", "/usr/bin")) ran its own script as root at the next
 * `sudo recipe ...`; one in a directory earlier on sudo's PATH shadows it the same way.
 */
export const TOOLKIT_COMMANDS = ["levitate", "recipe", "leviso", "rhai-run"] as const;

/**
 * The RPM that carries the toolkit onto an installed system (leviso's `installer.toolkitPackage`;
 * the base set installs it through a recipe of the same name). It alone may write the toolkit's
 * directory and commands: installing or upgrading the toolkit is what it is for.
 */
export const TOOLKIT_PACKAGE = "levitate-toolkit";
const COMMAND_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

const inside = (root: string, p: string) => root === sep || p === root || p.startsWith(`${root}${sep}`);

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/**
 * The directories no recipe may write inside `root`: the state copies (a copy lists what `recipe
 * remove` deletes), the toolkit (attacker 27 M9: a recipe with no run() replaced a shipped recipe
 * in /usr/lib/levitate/recipes, whose install() the next `recipe install` ran as root, and put a
 * file among the toolkit's own code), and every recipe directory this command reads that lies in
 * the target. A recipe that writes there edits what the manager runs next.
 */
export function ownedDirs(root: string, recipeDirs: readonly string[]): OwnedDir[] {
  const r = resolve(root);
  const out: OwnedDir[] = [
    { host: stateDir(r), what: "the recipe manager keeps what each recipe installed", shown: STATE_DIR },
    {
      host: resolveConfined(r, TOOLKIT_DIR, "chroot"),
      what: "the toolkit, its code and its shipped recipes live",
      shown: TOOLKIT_DIR,
      toolkit: true,
    },
  ];
  for (const d of COMMAND_DIRS)
    for (const c of TOOLKIT_COMMANDS) {
      const host = resolveConfined(r, `${d}/${c}`, "chroot");
      if (!out.some((o) => o.host === host))
        out.push({ host, what: "the toolkit's own command", shown: `${d}/${c}`, file: true, toolkit: true });
    }
  const rr = real(r);
  for (const [dir, what] of [
    ...recipeDirs.map((d) => [d, "the recipe manager reads recipes from"] as const),
    [packageRoot, "the toolkit running this command lives"] as const,
  ]) {
    const host = real(dir);
    if (!inside(rr, host) || out.some((o) => o.host === host)) continue;
    out.push({ host, what, shown: rr === sep ? host : `/${host.slice(rr.length + 1)}` });
  }
  return out;
}

const holds = (d: OwnedDir, hostPath: string) =>
  hostPath === d.host || hostPath.startsWith(`${d.host}${sep}`);

/** The owned directory `hostPath` lies in, or undefined. */
export function ownedDirOf(hostPath: string, dirs: readonly OwnedDir[]): OwnedDir | undefined {
  return dirs.find((d) => holds(d, hostPath));
}

/**
 * The owned directories the toolkit's own package may not write either: the state copies, and a
 * recipe directory outside the toolkit's. A path inside the toolkit's directory is the package's
 * even when it is also a recipe directory (/usr/lib/levitate/recipes).
 */
export function ownedByOthersThanToolkit(dirs: readonly OwnedDir[]): OwnedDir[] {
  const toolkitOwned = dirs.filter((d) => d.toolkit);
  return dirs.filter((d) => !d.toolkit && !toolkitOwned.some((t) => !t.file && holds(t, d.host)));
}

/**
 * What an install or remove may not touch at `hostPath`, said in one clause ("inside /etc/recipes,
 * where ..." or "/usr/bin/recipe, the toolkit's own command"), or undefined. One rule for every
 * path a recipe installs (helpers, rpm_install's payload) or removes (installed_files, upgrades).
 */
export function protectedPathOf(hostPath: string, dirs: readonly OwnedDir[]): string | undefined {
  const d = ownedDirOf(hostPath, dirs);
  if (!d) return undefined;
  return d.file ? `${d.shown}, ${d.what}` : `inside ${d.shown}, where ${d.what}`;
}
