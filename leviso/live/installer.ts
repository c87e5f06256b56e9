import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    z
      .object({
        dev: z.boolean().optional(),
        optional: z.boolean().optional(),
        devOptional: z.boolean().optional(),
      })
      .loose(),
  ),
});

export type GpuBuild = "cuda" | "vulkan";

/** node-llama-cpp's optional GPU packages for linux-x64, by what a profile names. */
export function gpuPackages(gpu: readonly GpuBuild[]): string[] {
  return gpu.flatMap((g) =>
    g === "cuda"
      ? ["@node-llama-cpp/linux-x64-cuda", "@node-llama-cpp/linux-x64-cuda-ext"]
      : ["@node-llama-cpp/linux-x64-vulkan"],
  );
}

/**
 * Paths below a copied module that the live system never reads: node-llama-cpp's llama.cpp
 * source bundle (only for building from source; the prebuilt CPU binary is a direct dependency).
 */
export const PRUNED = ["node-llama-cpp/llama/gitRelease.bundle"];

/**
 * Runtime packages from package-lock.json: not dev-only (`dev`, `devOptional`), and not
 * optional unless asked for (node-llama-cpp's GPU builds are optional and 80-360 MB each; its
 * CPU build, @node-llama-cpp/linux-x64, is a direct dependency).
 */
export function runtimeModules(toolkitRoot: string, gpu: readonly GpuBuild[] = []): string[] {
  const lock = lockSchema.parse(JSON.parse(readFileSync(join(toolkitRoot, "package-lock.json"), "utf8")));
  const wanted = new Set(gpuPackages(gpu));
  const out = new Set<string>();
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (!path || meta.dev || meta.devOptional) continue;
    const m = /^node_modules\/((@[^/]+\/)?[^/]+)$/.exec(path);
    if (!m) continue;
    if (meta.optional && !wanted.has(m[1]!)) continue;
    if (existsSync(join(toolkitRoot, path))) out.add(m[1]!);
  }
  for (const w of wanted) {
    if (!out.has(w))
      throw new Error(
        `installer.gpu asks for ${w}, but ${join(toolkitRoot, "node_modules", w)} is missing (npm installs it only on a matching machine)`,
      );
  }
  return [...out].sort();
}

export interface InstallerResult {
  /** Runtime packages copied into node_modules. */
  modules: number;
  model: string | null;
  /** Size of /usr/lib/levitate (toolkit, modules, Node, model). */
  bytes: number;
}

export async function embedInstaller(
  root: string,
  toolkitRoot: string,
  model: string | null,
  opts: {
    gpu?: readonly GpuBuild[];
    nodeBinary?: string;
    /** Local mirrors for `recipe` and `levitate` (the ISO's repository), before RECIPE_MIRRORS. */
    mirrors?: string[];
  } = {},
): Promise<InstallerResult> {
  const nodeBinary = opts.nodeBinary ?? process.execPath;
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
  const modules = runtimeModules(toolkitRoot, opts.gpu);
  for (const m of modules) {
    const target = join(dest, "node_modules", m);
    mkdirSync(join(target, ".."), { recursive: true });
    await runTool(["cp", "-a", join(toolkitRoot, "node_modules", m), target]);
  }
  for (const p of PRUNED) rmSync(join(dest, "node_modules", p), { recursive: true, force: true });
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
    const exports: string[] = [];
    if (modelPath && cli === "levitate")
      exports.push(`export LEVITATE_MODEL="\${LEVITATE_MODEL:-${modelPath}}"`);
    if (opts.mirrors?.length && (cli === "levitate" || cli === "recipe"))
      exports.push(`export RECIPE_MIRRORS="\${RECIPE_MIRRORS:+$RECIPE_MIRRORS }${opts.mirrors.join(" ")}"`);
    writeFileSync(
      join(root, "usr/bin", cli),
      [
        "#!/bin/sh",
        "# Written by leviso: runs the embedded toolkit with its own Node.",
        ...exports,
        `exec ${INSTALLER_DIR}/node/bin/node ${INSTALLER_DIR}/dist/cli/${cli}.js "$@"`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
  }
  const du = await runTool(["du", "-sb", dest]);
  return { modules: modules.length, model: modelPath, bytes: Number(du.stdout.split("\t")[0]) || 0 };
}
