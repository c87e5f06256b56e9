import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { runTool } from "../exec.js";
import type { ProfileJson } from "../profile.js";

/** The root as a squashfs image at LiveOS/squashfs.img, where dmsquash-live looks for it. */

export const ISO_SQUASHFS = "LiveOS/squashfs.img";

export function mksquashfsArgv(root: string, out: string, sq: ProfileJson["squashfs"]): string[] {
  return [
    "mksquashfs",
    root,
    out,
    "-noappend",
    "-comp",
    sq.compression,
    "-b",
    sq.blockSize,
    ...sq.options,
    // Mount points are filled at boot; their build-time contents never belong in the image.
    "-wildcards",
    "-e",
    "proc/*",
    "sys/*",
    "dev/*",
    "run/*",
    "tmp/*",
    "var/tmp/*",
    "var/cache/dnf/*",
  ];
}

export async function makeSquashfs(
  root: string,
  out: string,
  sq: ProfileJson["squashfs"],
  onLine?: (l: string) => void,
): Promise<void> {
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  await runTool([...mksquashfsArgv(root, out, sq), "-no-progress"], { onLine, captureStdout: false });
}
