import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import { espStagingDir } from "../leviso/disk/steps.js";

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
   * Also require an existing target directory to be empty or a mountpoint (a real run). A dry
   * run may be planned for another machine, where the directory is emptied or mounted first.
   */
  requireEmpty?: boolean;
  /** /proc/self/mountinfo's text (tests). */
  mountinfo?: string;
}

/** The longest existing prefix resolved through its links, with the rest appended. */
function resolveExisting(path: string): { real: string; existing: string; missing: number } {
  const abs = resolve(path);
  let head = abs;
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    tail.unshift(head.slice(up === "/" ? 1 : up.length + 1));
    head = up;
  }
  const existing = realpathSync(head);
  return { real: resolve(existing, ...tail), existing, missing: tail.length };
}

/** Linux's NAME_MAX: the most bytes one name in a path may have. */
const NAME_MAX = 255;

/**
 * Targets the install could never create or use, whatever the machine: a name over NAME_MAX, a
 * path whose existing part ends in a file, a path so long that the ESP's staging directory named
 * after it passes NAME_MAX. Checked before anything runs, because the plan erases the disk before
 * it creates the target (attacker 6, M1).
 */
function unusablePath(
  target: string,
  shown: string,
  r: { real: string; existing: string; missing: number },
): InstallTargetProblem | undefined {
  const long = r.real.split("/").find((n) => Buffer.byteLength(n) > NAME_MAX);
  if (long !== undefined)
    return {
      message: `target ${shown} has a name of ${Buffer.byteLength(long)} bytes (${long.slice(0, 24)}…); a name is at most ${NAME_MAX} bytes`,
      hint: "use a short path such as /mnt",
    };
  const esp = basename(espStagingDir(target));
  if (Buffer.byteLength(esp) > NAME_MAX)
    return {
      message: `target ${shown} is too long: the EFI staging directory named after it (${dirname(espStagingDir(target))}/${esp.slice(0, 24)}…) would have a name over ${NAME_MAX} bytes`,
      hint: "use a short path such as /mnt",
    };
  if (r.missing > 0 && !statSync(r.existing).isDirectory())
    return {
      message: `target ${shown} cannot be created: ${r.existing} is not a directory`,
      hint: "use an empty directory such as /mnt",
    };
  if (r.missing === 0 && !statSync(r.existing).isDirectory())
    return { message: `target ${shown} is not a directory`, hint: "use an empty directory such as /mnt" };
  return undefined;
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
 * when it is `/`, a system directory or below one, a path that could never be created or used
 * (an existing file, a name over 255 bytes, below a file), or (for a real run) a directory with
 * files that is not a mountpoint. Undefined when it is fine.
 */
export function checkInstallTarget(
  target: string,
  opts: CheckInstallTargetOptions = {},
): InstallTargetProblem | undefined {
  if (!isAbsolute(target))
    return { message: `target ${target} is not an absolute path`, hint: "use an absolute path such as /mnt" };
  let resolved: ReturnType<typeof resolveExisting>;
  try {
    resolved = resolveExisting(target);
  } catch (e) {
    return {
      message: `target ${target} cannot be resolved: ${(e as Error).message}`,
      hint: "use an empty directory such as /mnt",
    };
  }
  const real = resolved.real;
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
  const unusable = unusablePath(target, shown, resolved);
  if (unusable) return unusable;
  if (!opts.requireEmpty || resolved.missing > 0) return undefined;
  if (readdirSync(real).length > 0 && !isMountpoint(real, opts.mountinfo))
    return {
      message: `target ${shown} is not empty and not a mountpoint: the new system would be mixed with its files`,
      hint: "empty it, or use another directory",
    };
  return undefined;
}
