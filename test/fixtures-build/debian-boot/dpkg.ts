import { execFileSync } from "node:child_process";

/** One installed Debian package, as dpkg knows it. */
export interface DebPackage {
  name: string;
  version: string;
  arch: string;
  essential: boolean;
  /** Pre-Depends then Depends; each entry is a list of alternatives (package or virtual names). */
  depends: string[][];
  /** Virtual names this package provides (versions dropped). */
  provides: string[];
}

const queryFields = [
  "Package",
  "Version",
  "Architecture",
  "Essential",
  "db:Status-Abbrev",
  "Pre-Depends",
  "Depends",
  "Provides",
];
/** dpkg-query's `${Field}` format: one tab-separated line per package. */
const queryFormat = `${queryFields.map((f) => `\${${f}}`).join("\t")}\n`;

/** Parses a Debian relationship field ("a (>= 1) | b, c:any") into alternatives of bare names. */
export function parseRelations(field: string): string[][] {
  return field
    .split(",")
    .map((group) =>
      group
        .split("|")
        .map((alt) =>
          alt
            .trim()
            .replace(/\s*\(.*\)$/, "")
            .replace(/\s*\[.*\]$/, "")
            .replace(/:\w+$/, ""),
        )
        .filter((n) => n.length > 0),
    )
    .filter((alts) => alts.length > 0);
}

/** Parses `dpkg-query -W` output produced with {@link queryFormat}; keeps installed packages only. */
export function parseDpkgQuery(output: string): Map<string, DebPackage> {
  const out = new Map<string, DebPackage>();
  for (const line of output.split("\n")) {
    if (!line.trim()) continue;
    const [
      name = "",
      version = "",
      arch = "",
      essential = "",
      status = "",
      pre = "",
      deps = "",
      provides = "",
    ] = line.split("\t");
    // Second letter: the files are on disk once unpacked (U), also while configuring or awaiting
    // triggers (F, W, t) or installed (i); config-files-only (c) and not-installed (n) have none.
    if (!/^.[iUFWt]/.test(status)) continue;
    out.set(name, {
      name,
      version,
      arch,
      essential: essential === "yes",
      depends: [...parseRelations(pre), ...parseRelations(deps)],
      provides: parseRelations(provides).flat(),
    });
  }
  return out;
}

export function readInstalledPackages(): Map<string, DebPackage> {
  return parseDpkgQuery(
    execFileSync("dpkg-query", ["-W", "-f", queryFormat], { encoding: "utf8", maxBuffer: 64 << 20 }),
  );
}

/**
 * The installed packages that `roots` need, following Pre-Depends and Depends (not Recommends).
 * For each alternative group the first installed alternative (or installed provider of a virtual
 * name) wins. Names in `exclude` (and groups that only they satisfy) are dropped: they are
 * Debian's packaging machinery (dpkg, debconf), which an RPM-installed root never runs.
 * Returns, per package, the names it depends on inside the closure.
 */
export function dependencyClosure(
  installed: Map<string, DebPackage>,
  roots: string[],
  exclude: ReadonlySet<string>,
): Map<string, string[]> {
  const providers = new Map<string, string[]>();
  for (const p of installed.values())
    for (const v of p.provides) providers.set(v, [...(providers.get(v) ?? []), p.name]);

  // null: satisfied by an excluded package (drop the edge); undefined: nothing installed satisfies it.
  const resolve = (alts: string[]): string | null | undefined => {
    for (const alt of alts) {
      if (exclude.has(alt)) return null;
      if (installed.has(alt)) return alt;
      const prov = (providers.get(alt) ?? []).find((p) => !exclude.has(p));
      if (prov) return prov;
    }
    return undefined;
  };

  const result = new Map<string, string[]>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.shift() as string;
    if (result.has(name)) continue;
    const pkg = installed.get(name);
    if (!pkg)
      throw new Error(
        `Debian package ${name} is not installed; install it with apt-get (see .ci/apt-packages.txt)`,
      );
    const deps: string[] = [];
    for (const group of pkg.depends) {
      const chosen = resolve(group);
      if (chosen === null) continue;
      if (chosen === undefined)
        throw new Error(
          `${name} depends on ${group.join(" | ")}, none of which is installed; apt-get install one`,
        );
      if (chosen !== name && !deps.includes(chosen)) deps.push(chosen);
      queue.push(chosen);
    }
    result.set(name, deps);
  }
  return result;
}
