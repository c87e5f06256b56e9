import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

/**
 * Directories a new system must never be installed into or below: mounting the new root (and
 * the new ESP below it) there would shadow or overwrite the running system.
 */
const SYSTEM_TREES = [
  "/bin",
  "/boot",
  "/dev",
  "/efi",
  "/etc",
  "/lib",
  "/lib32",
  "/lib64",
  "/proc",
  "/root",
  // The live medium (dracut's dmsquash-live, archiso): the repository bootstrap reads from.
  "/run/initramfs",
  "/run/archiso",
  // The installer's own staging tree (the ESP's files before mtools copies them), and the
  // unattended installer's plan copy and console log.
  "/run/levitate-install",
  "/run/levitate",
  "/sbin",
  "/sys",
  "/usr",
  "/var",
];
/** Directories that are fine as parents (/mnt/new, /tmp/x) but not as the target itself. */
const SYSTEM_DIRS = ["/", "/home", "/media", "/opt", "/run", "/srv", "/tmp"];

export interface InstallTargetProblem {
  message: string;
  hint: string;
}

export interface CheckInstallTargetOptions {
  /**
   * Also require an existing target to be an empty directory or a mountpoint (a real run).
   * A dry run checks the path only: it may be planned on another machine.
   */
  requireEmpty?: boolean;
  /** /proc/self/mountinfo's text (tests). */
  mountinfo?: string;
}

/** The longest existing prefix resolved through its links, with the rest appended. */
function resolveExisting(path: string): string {
  const abs = resolve(path);
  let head = abs;
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    tail.unshift(head.slice(up === "/" ? 1 : up.length + 1));
    head = up;
  }
  return resolve(realpathSync(head), ...tail);
}

/** Mountpoints from mountinfo (field 5, octal escapes decoded). */
export function mountpointsOf(mountinfo: string): Set<string> {
  const out = new Set<string>();
  for (const line of mountinfo.split("\n")) {
    const mp = line.split(" ")[4];
    if (mp)
      out.add(mp.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8))));
  }
  return out;
}

function isMountpoint(path: string, mountinfo: string | undefined): boolean {
  let text = mountinfo;
  if (text === undefined) {
    try {
      text = readFileSync("/proc/self/mountinfo", "utf8");
    } catch {
      text = "";
    }
  }
  if (mountpointsOf(text).has(path)) return true;
  // Without /proc: a different device than the parent's is a mountpoint.
  return statSync(path).dev !== statSync(dirname(path)).dev;
}

/**
 * Where a live install puts the new system: resolved (`//`, `/mnt/..`, `/./`, links) and refused
 * when it is `/`, a system directory or below one, or (for a real run) an existing path that is
 * not a directory, or a directory with files that is not a mountpoint. Undefined when it is fine.
 */
export function checkInstallTarget(
  target: string,
  opts: CheckInstallTargetOptions = {},
): InstallTargetProblem | undefined {
  if (!isAbsolute(target))
    return { message: `target ${target} is not an absolute path`, hint: "use an absolute path such as /mnt" };
  let real: string;
  try {
    real = resolveExisting(target);
  } catch (e) {
    return {
      message: `target ${target} cannot be resolved: ${(e as Error).message}`,
      hint: "use an empty directory such as /mnt",
    };
  }
  const shown = real === target ? target : `${target} (${real})`;
  if (real === "/")
    return { message: `target ${shown} is the running system's root`, hint: "use /mnt (the default)" };
  // Where the unattended installer mounts the plan volume (mkdtemp: levitate-plan-XXXXXX).
  const planMount = /^\/tmp\/levitate-plan-[^/]*/.exec(real)?.[0];
  if (planMount)
    return {
      message: `target ${shown} is ${real === planMount ? "" : "inside "}the plan volume's mountpoint ${planMount}`,
      hint: "use an empty directory such as /mnt",
    };
  const tree = SYSTEM_TREES.find((d) => real === d || real.startsWith(`${d}/`));
  if (tree)
    return {
      message: `target ${shown} is ${real === tree ? "" : "inside "}the system directory ${tree}`,
      hint: "use an empty directory such as /mnt",
    };
  if (SYSTEM_DIRS.includes(real))
    return { message: `target ${shown} is a system directory`, hint: "use an empty directory such as /mnt" };
  if (!opts.requireEmpty || !existsSync(real)) return undefined;
  if (!statSync(real).isDirectory())
    return { message: `target ${shown} is not a directory`, hint: "use an empty directory such as /mnt" };
  if (readdirSync(real).length > 0 && !isMountpoint(real, opts.mountinfo))
    return {
      message: `target ${shown} is not empty and not a mountpoint: the new system would be mixed with its files`,
      hint: "empty it, or use another directory",
    };
  return undefined;
}
