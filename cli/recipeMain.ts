/**
 * The `recipe` command itself (cli/recipe.ts is the entry: a command that changes a root runs this
 * as a worker under recipe/supervise.ts).
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import chalk from "chalk";
import "./noColor.js";
import { type Command, Option } from "commander";
import { z } from "zod";
import {
  bootstrap,
  describeAction,
  info,
  install,
  listRecipes,
  mirrorsFromEnv,
  type Plan,
  type ProgressEvent,
  type RecipeOptions,
  remove,
  search,
} from "../recipe/api.js";
import { RECIPE_NAME } from "../recipe/schema.js";
import { defaultRecipeDirs, FIRMWARES, readBaseList } from "../recipe/store.js";
import { checkUpdates } from "../recipe/updates.js";
import { PinSchema, pinProblem } from "../recipe/versions.js";
import { isAbsent, whyUnreachable } from "../steps/pathProblem.js";
import { hasControlCharacter, safeLines, safeText } from "../steps/terminalText.js";
import { ExitCode, fail, newProgram } from "./common.js";

/**
 * A directory given on the command line. Its name is quoted by messages all through recipe/
 * ("no recipe named x in DIR", "cannot read DIR/x.rhai"): one holding a newline or an ESC would
 * forge lines or recolour the terminal in each of them, so it is refused here, once.
 */
const pathFlag = z
  .string()
  .min(1)
  .refine((p) => !hasControlCharacter(p), {
    message: "the path holds a control character (a newline, an escape): rename it or give another",
  });

const CommonFlags = z.object({
  root: pathFlag.default("/"),
  recipes: z.array(pathFlag).optional(),
  dryRun: z.boolean().default(false),
  json: z.boolean().default(false),
  mirror: z.array(pathFlag).optional(),
  cache: pathFlag.optional(),
  force: z.boolean().default(false),
  progress: z.boolean().default(true),
  trustRoot: z.boolean().default(false),
});
type CommonFlags = z.infer<typeof CommonFlags>;

const names = z.array(
  z.string().regex(RECIPE_NAME, "a recipe name: lowercase letters, digits and . _ + - (e.g. ripgrep)"),
);

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

function withCommon(cmd: Command): Command {
  return cmd
    .option("--root <dir>", "root of the system to manage", "/")
    .option(
      "--recipes <dir>",
      "recipe directory to search (repeatable; default: shipped recipes, then ROOT/etc/recipes)",
      collect,
    )
    .option(
      "--dry-run",
      "print the downloads, extracts, file installs and state writes a dry run reaches (WARNING when the recipe decides on files it only has at run time); touch nothing",
      false,
    )
    .option("--json", "machine-readable output", false)
    .option(
      "--mirror <dir|url>",
      "local mirror tried before the network (repeatable; also RECIPE_MIRRORS)",
      collect,
    )
    .option("--cache <dir>", "download cache directory")
    .option(
      "--trust-root",
      "run recipes found only in ROOT/etc/recipes (a root other than /: off, they were written on that disk)",
      false,
    )
    .addOption(new Option("--no-progress", "no download progress on stderr"));
}

function parseFlags(raw: unknown): CommonFlags {
  const r = CommonFlags.safeParse(raw);
  if (!r.success)
    failWith(
      `bad option: ${safeText(r.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "))}`,
      ExitCode.usage,
    );
  const root = resolve(r.data.root);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch (e) {
    // Only an absent root is "no such directory": a link loop or a denied path needs another fix.
    if (!isAbsent(e)) failWith(`--root ${safeText(r.data.root)} ${whyUnreachable(root, e)}`, ExitCode.usage);
  }
  if (!isDir)
    failWith(
      `--root ${safeText(r.data.root)}: no such directory; create it or name an existing one`,
      ExitCode.usage,
    );
  return { ...r.data, root };
}

function parseNames(raw: string[]): string[] {
  const r = names.safeParse(raw);
  if (!r.success)
    failWith(
      `bad recipe name "${safeText(String(raw[Number(r.error.issues[0]?.path[0])]))}": ${r.error.issues[0]?.message}`,
      ExitCode.usage,
    );
  return r.data;
}

function options(f: CommonFlags): RecipeOptions {
  return {
    root: f.root,
    ...(f.recipes ? { recipeDirs: f.recipes.map((d) => resolve(d)) } : {}),
    dryRun: f.dryRun,
    force: f.force,
    ...(f.trustRoot ? { trustRoot: true } : {}),
    mirrors: [...(f.mirror ?? []), ...mirrorsFromEnv()],
    ...(f.cache ? { cacheDir: resolve(f.cache) } : {}),
    progress: f.progress && !f.json,
  };
}

/** Human progress on stderr, so stdout stays clean for --json. */
function reporter(
  f: CommonFlags,
  verb: "install" | "remove" = "install",
): ((e: ProgressEvent) => void) | undefined {
  if (f.json) return undefined;
  return (e) => {
    const out = (s: string) => process.stderr.write(`${s}\n`);
    switch (e.type) {
      case "recipe-start":
        out(chalk.bold(`${f.dryRun ? `would ${verb}` : "==>"} ${e.recipe} ${safeText(e.version)}`));
        break;
      case "action":
        out(`  ${f.dryRun ? chalk.yellow("dry-run") : chalk.dim("·")} ${safeText(describeAction(e.action))}`);
        break;
      case "skip":
        out(chalk.dim(`  ${e.recipe}: ${safeText(e.reason)}, skipped (use --force to reinstall)`));
        break;
      case "rollback":
        // The reason is the error printed once at the end.
        out(chalk.red(`  rolling back ${e.recipe}`));
        break;
      case "wait-lock":
        out(chalk.yellow(`  waiting for ${e.recipe}: locked by ${safeText(e.holder)}`));
        break;
      case "note":
        out(chalk.yellow(`  ${e.recipe}: ${safeText(e.text)}`));
        break;
      case "recipe-done":
        out(chalk.green(`  ${e.recipe} done`));
        break;
    }
  };
}

async function guarded(fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const message = safeLines(err instanceof Error ? err.message : String(err));
    failWith(message, ExitCode.failure, chalk.red(message));
  }
}

function printPlan(f: CommonFlags, plan: Plan, verb: "install" | "remove"): void {
  if (f.json) {
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  const done = plan.order.filter((n) => !plan.skipped.includes(n));
  const what = done.length ? done.join(", ") : "nothing";
  process.stdout.write(
    `${f.dryRun ? `dry run: would ${verb}` : verb === "install" ? "installed" : "removed"} ${what}\n`,
  );
  // Last, where it is read: the list above may be missing steps (attacker 25 H1).
  for (const g of plan.guesses ?? [])
    process.stdout.write(`${chalk.bold.yellow("WARNING")} ${safeText(g.warning)}\n`);
}

/** Every name in the base lists (base.list and each firmware's): the system, not add-on software. */
function baseSystemNames(dirs: string[]): Set<string> {
  const names = new Set<string>();
  for (const fw of [undefined, ...FIRMWARES]) {
    try {
      for (const n of readBaseList(dirs, fw).names) names.add(n);
    } catch {
      // No base.list in these directories: nothing is the base system.
    }
  }
  return names;
}

// `recipe list | head` closes the pipe early: that is the reader's choice, not an error.
// Other errors (a full disk under a redirect) are newProgram's (cli/common.ts).
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(ExitCode.ok);
});

/** `--json` anywhere on the line: a failure then prints its JSON document too. */
const jsonWanted = process.argv.slice(2).includes("--json");

/**
 * Ends the command with `message` on stderr and, with --json, `{"ok": false, "errors": [...]}` on
 * stdout, so a script reading stdout always has one document to parse (attacker 8, L3).
 */
function failWith(message: string, code: number = ExitCode.failure, shown = message): never {
  if (jsonWanted) process.stdout.write(`${JSON.stringify({ ok: false, errors: [message] })}\n`);
  return fail(shown, code);
}

const program = newProgram(
  "recipe",
  "LevitateOS package manager: installs software from Rhai recipes",
  "strings",
);
program.addHelpText(
  "after",
  "\nRecipes and how the manager works: docs/recipes.md. Every function a recipe can call, and pkg: docs/recipe-api.md.",
);

withCommon(program.command("install").description("install recipes and their dependencies"))
  .argument("<names...>", "recipe names; NAME@VERSION pins a version the recipe provides")
  .option("--force", "reinstall even if this version is installed", false)
  .action((raw: string[], o: unknown) =>
    guarded(async () => {
      const f = parseFlags(o);
      printPlan(f, await install(checkPins(raw, f), options(f), reporter(f)), "install");
    }),
  );

/** NAME@VERSION: the version must be one the recipe provides, else exit 1 naming those it does. */
function checkPins(raw: string[], f: CommonFlags): string[] {
  const out: string[] = [];
  const problems: string[] = [];
  for (const spec of raw) {
    const r = PinSchema.safeParse(spec);
    if (!r.success)
      failWith(`bad recipe name "${safeText(spec)}": ${r.error.issues[0]?.message}`, ExitCode.usage);
    const { name, version } = r.data;
    out.push(name);
    if (version === undefined) continue;
    const problem = pinProblem(name, version, info(name, options(f)));
    if (problem) problems.push(problem);
  }
  if (problems.length) failWith(problems.join("\n"));
  return out;
}

withCommon(program.command("remove").description("remove installed recipes"))
  .argument("<names...>", "recipe names")
  .option("--force", "remove even if installed recipes depend on it", false)
  .action((raw: string[], o: unknown) =>
    guarded(async () => {
      const f = parseFlags(o);
      printPlan(f, await remove(parseNames(raw), options(f), reporter(f, "remove")), "remove");
    }),
  );

withCommon(
  program.command("list").description("list recipes (the software you can add; --all adds the base system)"),
)
  .option("--installed", "only installed recipes", false)
  .option("--all", "also the base system's recipes (recipes/base*.list), hidden by default", false)
  .action((o: { installed: boolean; all: boolean }) =>
    guarded(() => {
      const f = parseFlags(o);
      const dirs = f.recipes?.map((d) => resolve(d));
      const found = listRecipes(dirs, f.root).filter((r) => !o.installed || r.installed);
      const base = o.all
        ? new Set<string>()
        : baseSystemNames(options(f).recipeDirs ?? defaultRecipeDirs(f.root));
      const all = found.filter((r) => !base.has(r.name));
      const hidden = found.length - all.length;
      if (f.json) {
        process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        return;
      }
      if (all.length === 0) {
        process.stderr.write(
          o.installed
            ? `nothing is installed in ${safeText(f.root)} by recipe${hidden ? ` apart from ${hidden} base-system recipes (--all shows them)` : ""}; \`recipe list\` shows what can be\n`
            : `no recipes found in ${(dirs ?? defaultRecipeDirs(f.root)).map(safeText).join(", ")}${hidden ? ` apart from ${hidden} base-system recipes (--all shows them)` : ""}\n`,
        );
        return;
      }
      for (const r of all) {
        const mark = r.installed ? chalk.green(`[installed ${safeText(r.installedVersion ?? "")}]`) : "";
        process.stdout.write(
          `${chalk.bold(r.name.padEnd(14))} ${safeText(r.version).padEnd(10)} ${safeText(r.description)} ${mark}\n`,
        );
      }
      if (hidden)
        process.stderr.write(chalk.dim(`(${hidden} base-system recipes not shown; --all shows them)\n`));
    }),
  );

withCommon(program.command("info").description("show a recipe and its state"))
  .argument("<name>", "recipe name")
  .action((name: string, o: unknown) =>
    guarded(() => {
      const f = parseFlags(o);
      const i = info(parseNames([name])[0]!, options(f));
      if (f.json) {
        process.stdout.write(`${JSON.stringify(i, null, 2)}\n`);
        return;
      }
      const lines = [
        `${chalk.bold(i.name)} ${safeText(i.version)}: ${safeText(i.description)}`,
        i.homepage ? `homepage:   ${safeText(i.homepage)}` : "",
        `recipe:     ${safeText(i.file)}`,
        `state:      ${i.stateFile}`,
        `deps:       ${i.deps.join(", ") || "none"}`,
        `functions:  ${i.functions.join(", ")}`,
        `installed:  ${i.state.installed ? safeText(`${i.state.installed_version} at ${i.state.installed_at}`) : "no"}`,
        ...(i.state.installed ? i.state.installed_files.map((p) => `  ${safeText(p)}`) : []),
      ];
      process.stdout.write(`${lines.filter(Boolean).join("\n")}\n`);
    }),
  );

withCommon(program.command("search").description("find recipes by name or description"))
  .argument("<term>", "text to look for")
  .action((term: string, o: unknown) =>
    guarded(() => {
      const f = parseFlags(o);
      const hits = search(term, options(f));
      if (f.json) process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
      else
        for (const r of hits)
          process.stdout.write(
            `${chalk.bold(r.name.padEnd(14))} ${safeText(r.version).padEnd(10)} ${safeText(r.description)}\n`,
          );
      if (hits.length === 0) {
        if (!f.json)
          process.stderr.write(
            `no recipe name or description contains "${safeText(term)}"; \`recipe list --all\` shows every recipe\n`,
          );
        process.exitCode = ExitCode.failure;
      }
    }),
  );

withCommon(program.command("update").description("check installed recipes for newer versions (check_update)"))
  .argument("[names...]", "recipe names (default: all installed)")
  .action((raw: string[], o: unknown) =>
    guarded(() => {
      const f = parseFlags(o);
      const u = checkUpdates(parseNames(raw), options(f));
      // A check that gave no answer is not "up to date": a script must see it (attacker 8, L2).
      if (u.some((x) => x.error !== undefined)) process.exitCode = ExitCode.failure;
      if (f.json) {
        process.stdout.write(`${JSON.stringify(u, null, 2)}\n`);
        return;
      }
      if (u.length === 0)
        process.stdout.write(
          `nothing installed in ${safeText(f.root)} by recipe, so nothing to update (recipe install NAME adds software)\n`,
        );
      for (const x of u) {
        const avail = safeText(x.upstream ?? x.recipeVersion);
        process.stdout.write(
          x.updateAvailable
            ? `${chalk.bold(x.name)} ${safeText(x.installedVersion ?? "")} -> ${chalk.green(avail)} (recipe install --force ${x.name})\n`
            : x.error !== undefined
              ? `${x.name} ${safeText(x.installedVersion ?? "")}: could not check for updates (${safeText(x.error)})\n`
              : x.upstream !== null && x.upstream !== x.installedVersion
                ? `${x.name} ${safeText(x.installedVersion ?? "")} is up to date (check_update() says ${safeText(x.upstream)}, not newer)\n`
                : `${x.name} ${safeText(x.installedVersion ?? "")} is up to date\n`,
        );
      }
    }),
  );

withCommon(
  program
    .command("bootstrap")
    .description("install the base set (recipes/base.list) into DIR, like pacstrap"),
)
  .argument("<dir>", "target root, e.g. /mnt")
  .option(
    "--firmware <uefi|bios>",
    "also install base-uefi.list or base-bios.list (the boot loader's packages)",
  )
  .action((dir: string, o: Record<string, unknown>) =>
    guarded(async () => {
      const { firmware: fw, ...flags } = o;
      const firmware = z.enum(FIRMWARES).optional().safeParse(fw);
      if (!firmware.success)
        failWith(
          `--firmware ${safeText(String(fw))}: must be uefi or bios (the firmware the new system boots with)`,
          ExitCode.usage,
        );
      const f = parseFlags({ ...flags, root: dir });
      const opts = options(f);
      const { root: _root, ...rest } = opts;
      const plan = await bootstrap(
        f.root,
        {
          ...rest,
          recipeDirs: opts.recipeDirs ?? defaultRecipeDirs(f.root),
          ...(firmware.data ? { firmware: firmware.data } : {}),
        },
        reporter(f),
      );
      printPlan(f, plan, "install");
    }),
  );

await program.parseAsync();
