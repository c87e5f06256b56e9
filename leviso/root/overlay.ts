import { chmodSync, existsSync, lchownSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { resolveConfinedNoFollow } from "../../recipe/paths.js";
import { inRoot } from "../../steps/rootPath.js";
import { runTool } from "../exec.js";
import type { ProfileJson } from "../profile.js";

/**
 * airootfs/ goes over the root after the packages, as in archiso: files keep their modes,
 * become root-owned, and then the permissions table sets modes and owners where it says.
 */
export async function applyOverlay(
  airootfs: string | null,
  root: string,
  permissions: ProfileJson["permissions"],
): Promise<number> {
  if (!airootfs) return 0;
  // cp -a keeps symlinks and modes; --no-preserve=ownership makes every file root-owned.
  await runTool(["cp", "-a", "--no-preserve=ownership", "-f", `${airootfs}/.`, `${root}/`]);
  let count = 0;
  const walk = (rel: string) => {
    for (const e of readdirSync(join(airootfs, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      count++;
      if (e.isDirectory()) walk(r);
    }
  };
  walk("");
  for (const [path, p] of Object.entries(permissions)) {
    // The build runs as root: a key with `..`, or a directory link copied from airootfs/, must
    // resolve as it would inside the image (a chroot), never to a file of the build host.
    inRoot(root, path);
    const target = resolveConfinedNoFollow(root, path, "chroot");
    if (!existsSync(target) && !lstatSync(target, { throwIfNoEntry: false })) {
      throw new Error(`permissions["${path}"]: ${target} is missing after the overlay`);
    }
    lchownSync(target, p.uid, p.gid);
    if (p.mode !== undefined && !lstatSync(target).isSymbolicLink()) chmodSync(target, p.mode);
  }
  return count;
}
