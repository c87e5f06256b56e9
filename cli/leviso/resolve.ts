import { join } from "node:path";
import chalk from "chalk";
import type { Command } from "commander";
import { BuildError, resolveInputs } from "../../leviso/build.js";
import { ProfileError } from "../../leviso/profile.js";
import { formatEvr } from "../../leviso/rpm/evr.js";
import { RepoError } from "../../leviso/rpm/repodata.js";
import { nevra } from "../../leviso/rpm/types.js";
import { ExitCode, fail } from "../common.js";
import { collect } from "./build.js";

export function registerResolve(program: Command): void {
  program
    .command("resolve")
    .description("print the dependency closure of the profile's packages.txt (installs nothing)")
    .option("--profile <dir>", "profile directory", "profile")
    .option("--source <iso|dir>", "Rocky ISO, repository, or directory of RPMs (repeatable)", collect, [])
    .option("--cache <dir>", "where an ISO's repodata is unpacked", join("out", "work", "cache"))
    .option("--why", "say what pulled each package in")
    .option("--json", "print JSON")
    .action(
      async (o: { profile: string; source: string[]; cache: string; why?: boolean; json?: boolean }) => {
        try {
          const r = await resolveInputs(o.profile, o.source, o.cache);
          const rows = r.closure.packages.map((p) => ({
            name: p.name,
            evr: formatEvr(p.evr),
            arch: p.arch,
            nevra: nevra(p),
            reason: r.closure.reasons.get(p.name) ?? "",
            repo: p.repo,
          }));
          if (o.json) {
            process.stdout.write(
              `${JSON.stringify({ packages: rows, baseSet: r.baseSet.packages.map(nevra), baseSetMissing: r.baseSet.missing, warnings: r.baseSet.warnings }, null, 2)}\n`,
            );
            return;
          }
          for (const row of rows) {
            process.stdout.write(o.why ? `${row.nevra}  ${chalk.dim(row.reason)}\n` : `${row.nevra}\n`);
          }
          process.stderr.write(
            chalk.dim(
              `${rows.length} packages; base set: ${r.baseSet.packages.length} RPMs in its closure\n`,
            ),
          );
          for (const w of r.baseSet.warnings) process.stderr.write(chalk.yellow(`warning: ${w}\n`));
        } catch (e) {
          if (e instanceof BuildError && e.unresolved && o.json) {
            process.stdout.write(
              `${JSON.stringify({ error: e.message, unresolved: e.unresolved }, null, 2)}\n`,
            );
            process.exit(ExitCode.failure);
          }
          if (e instanceof BuildError || e instanceof ProfileError || e instanceof RepoError)
            fail(chalk.red(e.message));
          throw e;
        }
      },
    );
}
