import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TOOLKIT_COMMANDS, TOOLKIT_PACKAGE } from "../../recipe/ownedDirs.js";
import { runTool } from "../exec.js";
import { INSTALLER_DIR } from "./installer.js";

/**
 * The toolkit as a package of the ISO's repository (`levitate-toolkit`), so that an install puts
 * `levitate` and `recipe` onto the new system the way a distribution puts its tools there: the
 * base set names it and `recipe bootstrap` installs it from the medium, offline, in the same rpm
 * transaction as the rest. Its content is the live root's /usr/lib/levitate (Node, dist/, the
 * runtime node_modules, recipes/) without the model file, and /usr/bin wrappers that, unlike the
 * live system's, name no mirror: the installed system has no live medium.
 */

/** The package's name, and the commands it puts on PATH (those the toolkit has): one list for the recipe manager's guard too. */
export { TOOLKIT_COMMANDS, TOOLKIT_PACKAGE } from "../../recipe/ownedDirs.js";
/**
 * Node links libstdc++ dynamically. Rocky calls the package libstdc++, Debian (the test
 * repository) libstdc++6: a rich dependency takes either, and rpm checks it in the install.
 */
export const TOOLKIT_REQUIRES = "(libstdc++ or libstdc++6)";

/** The installed system's wrapper: the packaged Node runs the packaged toolkit. */
export function toolkitWrapper(cli: string): string {
  return [
    "#!/bin/sh",
    `# From ${TOOLKIT_PACKAGE}: runs the toolkit with its own Node.`,
    `exec ${INSTALLER_DIR}/node/bin/node ${INSTALLER_DIR}/dist/cli/${cli}.js "$@"`,
    "",
  ].join("\n");
}

/** RPM versions may not contain "-": 0.1.0-rc.1 becomes 0.1.0~rc.1 (sorts before 0.1.0, as semver does). */
export function rpmVersionOf(version: string): string {
  return version.replace(/-/g, "~").replace(/[^A-Za-z0-9._+~^]/g, "_");
}

export function toolkitSpec(o: {
  version: string;
  fromRoot: string;
  wrappers: string;
  commands: string[];
}): string {
  return [
    // The files are copied as built: no stripping, no build-id links, no debug package. zstd:
    // the payload is ~100 MB of Node and native modules that installs under emulation in CI.
    "%define __spec_install_post %{nil}",
    "%define debug_package %{nil}",
    "%define _build_id_links none",
    "%define _binary_payload w3.zstdio",
    `Name: ${TOOLKIT_PACKAGE}`,
    `Version: ${rpmVersionOf(o.version)}`,
    "Release: 1",
    "Summary: LevitateOS toolkit: levitate (installer and assistant), recipe (packages), leviso",
    "License: MIT",
    "AutoReqProv: no",
    `Requires: ${TOOLKIT_REQUIRES}`,
    "%description",
    "The toolkit the live medium ran, for the installed system: levitate ask, recipe, leviso,",
    "with their own Node, runtime modules and recipes. Built by leviso (leviso/live/toolkit-rpm.ts).",
    "%install",
    "mkdir -p %{buildroot}/usr/lib %{buildroot}/usr/bin",
    `cp -a '${o.fromRoot}${INSTALLER_DIR}' %{buildroot}/usr/lib/`,
    // The model stays on the medium (gigabytes); `levitate model pull` fetches one later.
    `rm -rf %{buildroot}${INSTALLER_DIR}/models`,
    `cp -a '${o.wrappers}/.' %{buildroot}/usr/bin/`,
    "%files",
    INSTALLER_DIR,
    ...o.commands.map((c) => `%attr(0755,root,root) /usr/bin/${c}`),
    "",
  ].join("\n");
}

/**
 * Builds the package from `root` (a live root with the installer embedded) into `outDir` with
 * rpmbuild; returns the RPM's path.
 */
export async function buildToolkitRpm(
  root: string,
  workDir: string,
  outDir: string,
  version: string,
  onLine?: (l: string) => void,
): Promise<string> {
  const dist = join(root, INSTALLER_DIR.slice(1), "dist", "cli");
  if (!existsSync(dist))
    throw new Error(`${dist} is missing: the toolkit package is made from the embedded installer`);
  rmSync(workDir, { recursive: true, force: true });
  const wrappers = join(workDir, "bin");
  mkdirSync(wrappers, { recursive: true });
  const commands = TOOLKIT_COMMANDS.filter((c) => existsSync(join(dist, `${c}.js`)));
  for (const c of commands) writeFileSync(join(wrappers, c), toolkitWrapper(c), { mode: 0o755 });
  const spec = join(workDir, `${TOOLKIT_PACKAGE}.spec`);
  writeFileSync(spec, toolkitSpec({ version, fromRoot: root, wrappers, commands }));
  mkdirSync(outDir, { recursive: true });
  await runTool(
    [
      "rpmbuild",
      "-bb",
      "--quiet",
      "--define",
      `_topdir ${join(workDir, "top")}`,
      "--define",
      `_rpmdir ${join(workDir, "rpms")}`,
      "--define",
      "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm",
      spec,
    ],
    onLine ? { onLine } : {},
  );
  const built = readdirSync(join(workDir, "rpms")).filter((f) => f.endsWith(".rpm"));
  if (built.length !== 1)
    throw new Error(`rpmbuild made ${built.length} packages of ${TOOLKIT_PACKAGE}, not 1`);
  const name = built[0] as string;
  await runTool(["mv", join(workDir, "rpms", name), join(outDir, name)]);
  rmSync(workDir, { recursive: true, force: true });
  return join(outDir, name);
}
