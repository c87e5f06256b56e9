/** Turning a Debian package into an RPM spec: names, versions, file lists. */

export interface RpmVersion {
  epoch: number | null;
  version: string;
  release: string;
}

/**
 * Debian `[epoch:]upstream[-revision]` to RPM epoch/version/release. RPM allows neither `-` nor
 * `:` inside a version, so hyphens left in the upstream part become `_`; ordering between two
 * wrapped versions of one package is preserved for the cases Debian uses (`~`, `+`, digits).
 */
export function rpmVersionOf(debVersion: string): RpmVersion {
  let rest = debVersion;
  let epoch: number | null = null;
  const colon = rest.indexOf(":");
  if (colon > 0) {
    epoch = Number.parseInt(rest.slice(0, colon), 10);
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf("-");
  const upstream = dash > 0 ? rest.slice(0, dash) : rest;
  const revision = dash > 0 ? rest.slice(dash + 1) : "0";
  const clean = (s: string) => s.replace(/-/g, "_").replace(/[^A-Za-z0-9._+~^]/g, "_");
  return { epoch, version: clean(upstream), release: clean(revision) };
}

/** `%files` line for one path: quoted (spaces), `%` doubled, glob characters bracketed. */
export function filesEntry(path: string, isDir: boolean): string {
  const escaped = path
    .replace(/%/g, "%%")
    .replace(/[[*?]/g, (c) => `[${c}]`)
    .replace(/"/g, '\\"');
  return `${isDir ? "%dir " : ""}"${escaped}"`;
}

export interface SpecInput {
  name: string;
  version: RpmVersion;
  /** noarch for Debian `all`, else x86_64. */
  noarch: boolean;
  summary: string;
  description: string;
  requires: string[];
  provides: string[];
  /** Directory whose contents become the package's files (copied into the build root). */
  stageDir: string;
  /** Path of the `%files` list (one {@link filesEntry} a line). */
  filesList: string;
  /** A `%posttrans` scriptlet (runs chrooted in the target once the whole transaction is in). */
  posttrans?: string;
}

/**
 * The spec for one wrapped package. No scriptlets, no automatic dependencies (the Debian
 * relations are the truth), no post-install processing (no stripping, no build-id links):
 * the files in the RPM are byte for byte the Debian ones. The only scriptlet is the kernel's
 * `%posttrans`, standing in for Rocky's kernel-install.
 */
export function renderSpec(s: SpecInput): string {
  const lines = [
    "%define __spec_install_post %{nil}",
    "%define debug_package %{nil}",
    "%define _build_id_links none",
    // Speed over size: these RPMs live in a local test cache, never on a mirror.
    "%define _binary_payload w1.gzdio",
    `Name: ${s.name}`,
    ...(s.version.epoch !== null ? [`Epoch: ${s.version.epoch}`] : []),
    `Version: ${s.version.version}`,
    `Release: ${s.version.release}`,
    `Summary: ${s.summary.replace(/\n/g, " ")}`,
    "License: see /usr/share/doc",
    ...(s.noarch ? ["BuildArch: noarch"] : []),
    "AutoReqProv: no",
    ...s.requires.map((r) => `Requires: ${r}`),
    ...s.provides.map((p) => `Provides: ${p}`),
    "",
    "%description",
    s.description,
    "",
    "%install",
    `cp -a '${s.stageDir}/.' '%{buildroot}/'`,
    "",
    `%files -f ${s.filesList}`,
    "",
    ...(s.posttrans ? ["%posttrans", s.posttrans, ""] : []),
  ];
  return lines.join("\n");
}
