import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { runTool } from "../exec.js";

/**
 * The installer inside the live root: the built toolkit (dist/, its runtime node_modules,
 * recipes/), the running Node binary, and the model file, all under /usr/lib/levitate, with
 * /usr/bin wrappers. Nothing from the network: the toolkit copies itself.
 */

export const INSTALLER_DIR = "/usr/lib/levitate";

const lockSchema = z.object({
  packages: z.record(
    z.string(),
    z.object({ dev: z.boolean().optional(), optional: z.boolean().optional() }).loose(),
  ),
});

/**
 * Runtime packages from package-lock.json: not dev-only, and not optional (node-llama-cpp's GPU
 * builds are optional; the CPU build is a direct dependency).
 */
export function runtimeModules(toolkitRoot: string): string[] {
  const lock = lockSchema.parse(JSON.parse(readFileSync(join(toolkitRoot, "package-lock.json"), "utf8")));
  const out = new Set<string>();
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (!path || meta.dev || meta.optional) continue;
    const m = /^node_modules\/((@[^/]+\/)?[^/]+)$/.exec(path);
    if (m && existsSync(join(toolkitRoot, path))) out.add(m[1]!);
  }
  return [...out].sort();
}

export interface InstallerResult {
  files: number;
  model: string | null;
}

export async function embedInstaller(
  root: string,
  toolkitRoot: string,
  model: string | null,
  nodeBinary = process.execPath,
): Promise<InstallerResult> {
  const dist = join(toolkitRoot, "dist", "cli");
  if (!existsSync(dist)) {
    throw new Error(`${dist} is missing: build the toolkit first (npm run build), then rerun leviso build`);
  }
  const dest = join(root, INSTALLER_DIR);
  mkdirSync(join(dest, "node_modules"), { recursive: true });
  mkdirSync(join(dest, "node", "bin"), { recursive: true });
  await runTool(["cp", "-a", join(toolkitRoot, "dist"), join(toolkitRoot, "package.json"), dest]);
  if (existsSync(join(toolkitRoot, "recipes")))
    await runTool(["cp", "-a", join(toolkitRoot, "recipes"), dest]);
  const modules = runtimeModules(toolkitRoot);
  for (const m of modules) {
    const target = join(dest, "node_modules", m);
    mkdirSync(join(target, ".."), { recursive: true });
    await runTool(["cp", "-a", join(toolkitRoot, "node_modules", m), target]);
  }
  copyFileSync(nodeBinary, join(dest, "node", "bin", "node"));
  await runTool(["chmod", "0755", join(dest, "node", "bin", "node")]);
  let modelPath: string | null = null;
  if (model) {
    mkdirSync(join(dest, "models"), { recursive: true });
    modelPath = `${INSTALLER_DIR}/models/${basename(model)}`;
    copyFileSync(model, join(root, modelPath));
  }
  mkdirSync(join(root, "usr/bin"), { recursive: true });
  for (const cli of ["levitate", "recipe", "leviso", "rhai-run"]) {
    if (!existsSync(join(dist, `${cli}.js`))) continue;
    const env = modelPath && cli === "levitate" ? `LEVITATE_MODEL=${modelPath} ` : "";
    writeFileSync(
      join(root, "usr/bin", cli),
      `#!/bin/sh\n# Written by leviso: runs the embedded toolkit with its own Node.\n${env ? `export ${env.trim()}\n` : ""}exec ${INSTALLER_DIR}/node/bin/node ${INSTALLER_DIR}/dist/cli/${cli}.js "$@"\n`,
      { mode: 0o755 },
    );
  }
  return { files: modules.length, model: modelPath };
}
