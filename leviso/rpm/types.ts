import type { Evr, Flag } from "./evr.js";

/** One dependency entry (a Provides or a Requires) as repository metadata states it. */
export interface Dep {
  name: string;
  flags?: Flag;
  evr?: Evr;
  /** Needed before the package's %pre scriptlet. */
  pre?: boolean;
}

/** A package as known from repository metadata or from its header. */
export interface RpmPackage {
  name: string;
  evr: Evr;
  arch: string;
  provides: Dep[];
  requires: Dep[];
  /** Files listed in primary metadata (or every file, for a header read from a plain directory). */
  files: string[];
  /** Absolute path of the .rpm once it is on local disk, or its path inside a source ISO. */
  location: string;
  /** Which repository it came from (its directory, or the ISO path). */
  repo: string;
  sizeInstalled?: number;
  sizePackage?: number;
}

export function nevra(p: { name: string; evr: Evr; arch: string }): string {
  const e = p.evr;
  return `${p.name}-${e.epoch ? `${e.epoch}:` : ""}${e.version}-${e.release}.${p.arch}`;
}

export function formatDep(d: Dep): string {
  if (!d.flags || !d.evr) return d.name;
  const op = { EQ: "=", LT: "<", GT: ">", LE: "<=", GE: ">=" }[d.flags];
  const e = d.evr;
  return `${d.name} ${op} ${e.epoch ? `${e.epoch}:` : ""}${e.version}${e.release ? `-${e.release}` : ""}`;
}
