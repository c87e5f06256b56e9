import { statSync } from "node:fs";

/**
 * Why a `file://` source may not be downloaded, or undefined when anyone may read it.
 *
 * A recipe's copy of a file is installed world-readable (install_lib: 0644) and kept in the
 * download cache, so `download("file:///etc/shadow")`, run as root, published a root-only file
 * (attacker 25 L1). Keeping the source's mode would not help: install_* set their own. So a local
 * source must already be public: readable by others. What a
 * recipe fetches over the network or from a mirror is public by nature.
 */
export function privateSourceReason(path: string): string | undefined {
  const st = statSync(path);
  if ((st.mode & 0o004) === 0)
    return `${path} is not readable by everyone (mode ${(st.mode & 0o777).toString(8).padStart(4, "0")})`;
  // The file's own mode only: a public file in a private directory (a 0700 home or build
  // directory) is left alone, as every test world and many build trees are such directories.
  return undefined;
}
