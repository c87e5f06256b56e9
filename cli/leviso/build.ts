import chalk from "chalk";
import type { Command } from "commander";
import {
  BuildError,
  type BuildEvent,
  type BuildReport,
  build,
  STAGES,
  type StageName,
} from "../../leviso/build.js";
import { ProfileError } from "../../leviso/profile.js";
import { RepoError } from "../../leviso/rpm/repodata.js";
import { ExitCode, fail, failAsJson } from "../common.js";

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

export function printReport(r: BuildReport): void {
  const out = process.stdout;
  out.write(`\n${chalk.bold("Build report")}\n`);
  for (const s of r.stages) {
    const state =
      s.state === "resumed" ? chalk.dim("resumed") : s.state === "skipped" ? chalk.dim("skipped") : "";
    out.write(
      `  ${s.name.padEnd(11)} ${s.seconds.toFixed(1).padStart(7)} s  ${state} ${chalk.dim(s.note ?? "")}\n`,
    );
  }
  out.write(`  ${"resolve".padEnd(11)} ${r.resolveSeconds.toFixed(1).padStart(7)} s\n`);
  out.write(`  ${"total".padEnd(11)} ${r.totalSeconds.toFixed(1).padStart(7)} s\n`);
  out.write(
    `  packages ${r.packages}, ${r.baseSetPackages ? `base set ${r.baseSetPackages} RPMs (closure of ${r.baseSet.listed} base.list names)` : "no base-set repository"}, kernel ${r.kernel ?? "none"}\n`,
  );
  if (r.baseSet.missing.length)
    out.write(chalk.yellow(`  base.list names the sources lack: ${r.baseSet.missing.join(", ")}\n`));
  out.write(
    `  rootfs ${mib(r.rootfsBytes)}${r.installerBytes ? ` (installer ${mib(r.installerBytes)})` : ""}, squashfs ${mib(r.squashfsBytes)}, ISO ${mib(r.isoBytes)}\n`,
  );
  if (r.iso) out.write(`  ${chalk.green(r.iso)}\n  sha256 ${r.sha256}\n`);
  else out.write(`  stopped after ${r.stoppedAfter}; rerun without --stop-after to finish\n`);
  for (const w of r.warnings) out.write(chalk.yellow(`  warning: ${w}\n`));
}

function progressPrinter(json: boolean, verbose: boolean): (e: BuildEvent) => void {
  const err = process.stderr;
  return (e) => {
    if (e.kind === "resolved") {
      err.write(
        `${chalk.cyan("resolve")}: ${e.packages} packages, base set ${e.baseSet} (${e.seconds.toFixed(1)} s)\n`,
      );
    } else if (e.kind === "stage") {
      const tag = chalk.cyan(`[${e.index}/${e.total}] ${e.name}`);
      if (e.state === "start") err.write(`${tag} …\n`);
      else if (e.state === "skipped") err.write(`${tag} ${chalk.dim(`already done (${e.note})`)}\n`);
      else
        err.write(
          `${tag} ${chalk.green("done")} in ${e.seconds?.toFixed(1)} s${e.note ? chalk.dim(` — ${e.note}`) : ""}\n`,
        );
    } else if (verbose || (!json && /^installing: /.test(e.line))) {
      err.write(chalk.dim(`  ${e.stage}: ${e.line}\n`));
    }
  };
}

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("build the live ISO from a profile and Rocky Linux RPMs (needs root)")
    .option(
      "--profile <dir>",
      "profile directory (profile.json, packages.txt, airootfs/; format: docs/profile.md)",
      "profile",
    )
    .option("--source <iso|dir>", "Rocky ISO, repository, or directory of RPMs (repeatable)", collect, [])
    .option("--out <dir>", "where the ISO and its checksums go", "out")
    .option("--work <dir>", "work directory (default: <out>/work)")
    .option("--model <file>", "GGUF model to embed under /usr/lib/levitate/models")
    .option("--clean", "discard the work directory and start over")
    .option("--stop-after <stage>", `stop after a stage (${STAGES.join(", ")})`)
    .option("--json", "print the build report as JSON on stdout")
    .option("-v, --verbose", "show every line the tools print")
    .action(async (o: BuildCliOptions) => {
      if (o.json) failAsJson();
      if (o.stopAfter && !(STAGES as readonly string[]).includes(o.stopAfter)) {
        fail(`--stop-after ${o.stopAfter}: not a stage (one of ${STAGES.join(", ")})`, ExitCode.usage);
      }
      try {
        const report = await build({
          profileDir: o.profile,
          sources: o.source,
          outDir: o.out,
          workDir: o.work,
          clean: o.clean,
          model: o.model,
          stopAfter: o.stopAfter as StageName | undefined,
          onEvent: progressPrinter(Boolean(o.json), Boolean(o.verbose)),
        });
        if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else printReport(report);
      } catch (e) {
        if (e instanceof BuildError || e instanceof ProfileError || e instanceof RepoError) {
          // The packages no repository had, for a script to act on; `error` kept for older readers.
          const unresolved =
            e instanceof BuildError && e.unresolved
              ? { error: e.message, unresolved: e.unresolved }
              : undefined;
          fail(chalk.red(e.message), ExitCode.failure, unresolved);
        }
        throw e;
      }
    });
}

interface BuildCliOptions {
  profile: string;
  source: string[];
  out: string;
  work?: string;
  model?: string;
  clean?: boolean;
  stopAfter?: string;
  json?: boolean;
  verbose?: boolean;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
