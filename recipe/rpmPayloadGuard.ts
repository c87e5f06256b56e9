import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { type OwnedDir, ownedByOthersThanToolkit, protectedPathOf, TOOLKIT_PACKAGE } from "./ownedDirs.js";
import { resolveConfinedNoFollow } from "./paths.js";

/**
 * rpm_install() hands whole RPMs to `rpm -U`, which writes whatever paths the package lists; the
 * helpers' own refusal (ownedDirs.ts) never saw them, so an RPM replaced a shipped recipe in
 * /usr/lib/levitate/recipes and another recipe's state in /etc/recipes (attacker 28 M10). The
 * package's file list is read first and held to the same rule; rpm is not run when one is refused.
 * A file that is not there yet (a dry run downloads nothing) or that rpm cannot read is left to
 * `rpm -U` itself, which fails on it.
 *
 * The toolkit's own package (levitate-toolkit, by its header's name, queued by the recipe of that
 * name: the base set's way of putting `levitate` and `recipe` on the new system) writes the
 * toolkit's directory and commands; it is held to the rest of the rule (the state copies).
 */
export function rpmPayloadRefusal(
  rpmFile: string,
  root: string,
  owned: readonly OwnedDir[],
  recipe?: string,
): string | undefined {
  if (!existsSync(rpmFile)) return undefined;
  const q = spawnSync(
    "rpm",
    ["-qp", "--nosignature", "--nodigest", "--qf", "%{NAME}\\n[%{FILENAMES}\\n]", "--", rpmFile],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (q.status !== 0 || typeof q.stdout !== "string") return undefined;
  const [name = "", ...files] = q.stdout.split("\n");
  const held =
    name === TOOLKIT_PACKAGE && recipe === TOOLKIT_PACKAGE ? ownedByOthersThanToolkit(owned) : owned;
  for (const line of files) {
    if (!line.startsWith("/")) continue; // "(contains no files)"
    const g = protectedPathOf(resolveConfinedNoFollow(root, line, "chroot"), held);
    if (g)
      return `rpm_install: ${basename(rpmFile)} installs "${line}", which is ${g}; no recipe may write there, so rpm was not run`;
  }
  return undefined;
}
