import { resolve as resolvePathSync } from "node:path";
import type { Command } from "commander";
import { unattendedWarning } from "../../tools/unattendedSecrets.js";
import { ExitCode, fail, failAsJson } from "../common.js";
import { relativeTargetProblem } from "./targetPath.js";

interface InstallOptions {
  plan?: string;
  facts?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  verbose?: boolean;
  target?: string;
  recipes?: string[];
  mirror?: string[];
  backend?: string;
  model?: string;
  passwordStdin?: boolean;
  fromCmdline?: boolean;
  cmdline?: string;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function registerInstall(program: Command): void {
  program
    .command("install")
    .description("install LevitateOS: from a plan file (--plan), or by conversation")
    .option(
      "--plan <file>",
      "run the plan file (format: docs/plan-file.md; editors: grammars/plan.schema.json)",
    )
    .option(
      "--facts <file>",
      "use these facts instead of probing the machine (tests, evaluation; format: docs/facts-file.md)",
    )
    .option("--dry-run", "print the steps that would run, and change nothing")
    .option(
      "-y, --yes",
      "do not ask for confirmation (scripts); passwords are still asked unless the plan has hashes. " +
        "In the chat on a terminal, erasing a disk still needs its path typed back",
    )
    .option("--json", "print the plan (and the result) as JSON")
    .option(
      "-v, --verbose",
      "show every command and file of the plan; with the llm backend, timings and token counts per turn",
    )
    .option("--target <dir>", "where the new system is mounted (default /mnt)")
    .option("--recipes <dir>", "recipe directory for installRecipe and the base system (repeatable)", collect)
    .option(
      "--mirror <dir>",
      "local RPM mirror for the base system (repeatable; also RECIPE_MIRRORS)",
      collect,
    )
    .option(
      "--backend <name>",
      "chat backend: auto | rules | llm (auto: the model when present and memory allows)",
      "auto",
    )
    .option("--model <file>", "GGUF model file for the llm backend")
    .option(
      "--password-stdin",
      "with --plan: read the plan's passwords and passphrases from stdin, one per line, in the order the plan asks for them",
    )
    .option(
      "--from-cmdline",
      "unattended install: the plan named by levitate.plan= on the kernel command line (docs/installer.md)",
    )
    .option("--cmdline <text>", "with --from-cmdline: read this instead of /proc/cmdline")
    .addHelpText(
      "after",
      `
Exit codes: 0 installed (or dry-run printed, or the chat left with nothing planned), 1 invalid plan
or a step failed, 2 usage, 3 declined (a no at the confirmation), 130 Ctrl-C, or /quit or Ctrl-D
in the chat with a plan not confirmed.
--password-stdin (plan files only; the chat reads stdin for the conversation): one line per
secret the plan asks, in the order of its "ask:" steps (--dry-run lists them first; they follow
the plan's calls: an encrypted partitionDisk's passphrase, each new user's password; a user with
a passwordHash needs none), all read and checked before anything runs. A missing,
extra, empty or too-short line is an error and nothing runs; a trailing \\r is dropped. The values
never appear in argv, output, --json or the journal. --dry-run reads none.
Example:
  levitate install --plan install.json --dry-run --verbose
  levitate install --plan install.json --yes
  printf '%s\\n' "$ALICE_PW" "$LUKS_PASS" | levitate install --plan install.json --yes --password-stdin`,
    )
    .action(async (opts: InstallOptions) => {
      // Its own usage errors answer --json with a document too (attacker 27 M5); the plan file's
      // errors below print theirs with each error's path.
      const usage = (message: string, path?: string): never =>
        fail(
          message,
          ExitCode.usage,
          opts.json ? { errors: [{ ...(path ? { path } : {}), message }] } : undefined,
        );
      if (opts.json) failAsJson();
      if (opts.fromCmdline) {
        if (opts.plan || opts.passwordStdin)
          usage(
            "--from-cmdline reads the plan named on the kernel command line: drop --plan and --password-stdin",
          );
        // Refused, never silently ignored (attack4 L3): the plan file alone says where it installs.
        if (opts.target !== undefined)
          usage(
            '--target is not used by --from-cmdline: the plan file says where the new system goes (its "target", default /mnt). ' +
              `Put "target": "${opts.target}" in the plan, or try the plan with levitate install --plan FILE --target ${opts.target} --dry-run`,
          );
        const { installFromCmdline } = await import("../../agent/unattended/cli.js");
        process.exitCode = await installFromCmdline({
          ...(opts.cmdline !== undefined ? { cmdline: opts.cmdline } : {}),
          ...(opts.facts ? { facts: opts.facts } : {}),
          ...(opts.recipes ? { recipes: opts.recipes } : {}),
          ...(opts.mirror ? { mirror: opts.mirror } : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
          ...(process.env.LEVITATE_UNATTENDED_DIR ? { workDir: process.env.LEVITATE_UNATTENDED_DIR } : {}),
        });
        return;
      }
      const badTarget = relativeTargetProblem(opts.target);
      // A script reading --json gets one document on every exit (attacker 8 L3).
      if (badTarget) usage(badTarget, "target");
      if (!opts.plan) {
        if (opts.passwordStdin)
          usage(
            "--password-stdin needs --plan FILE: the chat reads stdin for the conversation (give passwords in the chat, or write a plan file)",
          );
        // No plan file: the conversational installer (agent/chat), which ends in the same tools path.
        const { installChat } = await import("../../agent/chat/cli.js");
        process.exitCode = await installChat(opts);
        return;
      }
      process.exitCode = await installFromPlanFile(opts.plan, opts);
    });
}

/** `levitate install --plan F`: load facts, validate, compile, show, confirm, execute. Returns the exit code. */
export async function installFromPlanFile(file: string, opts: Omit<InstallOptions, "plan">): Promise<number> {
  const { loadFactsFile, FactsFileError } = await import("../../facts/load.js");
  const { probeFacts } = await import("../../facts/probe/probe.js");
  const { loadNameCatalog } = await import("../../leviso/rootfs/catalog.js");
  const tools = await import("../../tools/index.js");
  let facts: import("../../facts/schema.js").Facts;
  try {
    // The recipes the install can run: --recipes, the system's, and the toolkit's own (on the
    // live ISO those are /usr/lib/levitate/recipes; /etc/recipes does not exist there).
    const { defaultRecipeDirs } = await import("../../agent/session/facts.js");
    const { resolve: resolvePath } = await import("node:path");
    facts = opts.facts
      ? loadFactsFile(opts.facts)
      : await probeFacts({
          recipeDirs: [...(opts.recipes ?? []).map((d) => resolvePath(d)), ...defaultRecipeDirs()],
        });
  } catch (e) {
    const message =
      e instanceof FactsFileError ? e.message : `cannot probe this machine: ${(e as Error).message}`;
    // A script reading --json gets one document on every exit (attacker 8 L3).
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, errors: [{ path: "facts", message }] }, null, 2)}\n`,
      );
      return ExitCode.failure;
    }
    fail(message);
  }
  // A plan file, or archinstall's user_configuration.json converted into one (tools/import/).
  const { formatNotCarried, loadPlanInput } = await import("../../tools/import/planInput.js");
  const input = loadPlanInput(file, facts, { target: opts.target, catalog: loadNameCatalog("/") });
  if (input.archinstall) process.stderr.write(`${formatNotCarried(file, input.archinstall.notCarried)}\n`);
  const compiled = input.compiled;
  if (!compiled.ok) {
    if (opts.json)
      process.stdout.write(`${JSON.stringify({ ok: false, errors: compiled.errors }, null, 2)}\n`);
    else process.stderr.write(`${tools.formatPlanErrors(file, compiled.errors)}\n`);
    return ExitCode.failure;
  }
  const plan = compiled.plan;
  const { pinProblems } = await import("../../agent/session/versions.js");
  const pins = await pinProblems(
    plan.calls,
    opts.recipes?.map((d) => resolvePathSync(d)),
  );
  if (pins.length) {
    const errors = pins.map((message) => ({ path: "installRecipe.version", message }));
    if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, errors }, null, 2)}\n`);
    else process.stderr.write(`${file}: ${pins.join("\n")}\n`);
    return ExitCode.failure;
  }
  // A plan file is deliberate, so nobody being able to log in is a warning here, not a question.
  const { loginProblem } = await import("../../agent/session/login.js");
  const login = loginProblem(plan.mode, plan.calls);
  if (login)
    process.stderr.write(
      `warning: ${login} Add a createUser step with "sudo": true unless that is what you want.\n`,
    );
  if (plan.mode === "live") {
    const { checkInstallTarget } = await import("../../tools/installTarget.js");
    const bad = checkInstallTarget(plan.target, { requireEmpty: !opts.dryRun });
    if (bad) {
      const errors = [{ path: "target", ...bad }];
      if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, errors }, null, 2)}\n`);
      else process.stderr.write(`${tools.formatPlanErrors(file, errors)}\n`);
      return ExitCode.failure;
    }
    // A dry run may be for another machine, so a directory with files is not an error here; but
    // it must not say the plan is fine when the real run on this machine would refuse it.
    const notEmpty = opts.dryRun && checkInstallTarget(plan.target, { requireEmpty: true });
    if (notEmpty) {
      const { safeText } = await import("../../steps/terminalText.js");
      process.stderr.write(
        `warning: a real run on this machine would refuse the target: ${safeText(notEmpty.message)} (${notEmpty.hint})\n`,
      );
    }
  }
  const { resolve } = await import("node:path");
  const recipes = tools.libraryRecipeRunner({
    ...(opts.recipes ? { recipeDirs: opts.recipes.map((d) => resolve(d)) } : {}),
    ...(opts.mirror ? { mirrors: opts.mirror.map((d) => resolve(d)) } : {}),
  });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (opts.json && opts.dryRun) {
    out(tools.planToJson(plan));
    return ExitCode.ok;
  }
  if (!opts.json) out(tools.renderPlan(plan, { verbose: opts.verbose || opts.dryRun }));
  if (opts.dryRun) {
    for (const step of plan.steps) {
      if (step.action.kind !== "recipe") continue;
      out(`\n${step.title} (${tools.describeAction(step.action)}) would:`);
      for (const line of await recipes.preview(step.action)) out(`  ${line}`);
    }
    // A plan file may be meant for levitate.plan= (attack3 M7): say now what it would ask for.
    const warning = unattendedWarning(tools.planSecretsToAsk(plan));
    if (warning) out(`\n${warning}`);
    out("\nDry run: nothing was changed.");
    return ExitCode.ok;
  }
  const interactive = process.stdin.isTTY === true;
  if (!opts.yes && !interactive) {
    const refusal =
      "Refusing to run without confirmation: no terminal to ask on. Add --yes to run from a script.";
    if (opts.json) out(JSON.stringify({ ok: false, errors: [{ message: refusal }] }, null, 2));
    process.stderr.write(`${refusal}\n`);
    return ExitCode.usage;
  }
  let askSecret = interactive ? tools.askSecretInteractive : undefined;
  if (opts.passwordStdin) {
    try {
      askSecret = tools.stdinSecretAsker(await tools.readPlanSecrets(plan));
    } catch (e) {
      if (!(e instanceof tools.PasswordStdinError)) throw e;
      if (opts.json)
        out(JSON.stringify({ ok: false, errors: [{ path: "(stdin)", message: e.message }] }, null, 2));
      else process.stderr.write(`${e.message}\n`);
      return ExitCode.failure;
    }
  }
  const { default: chalk } = await import("chalk");
  // Ctrl-C at a prompt or while steps run: exit 130 with one line naming what already ran.
  const { cancellable, exitOnInterrupt, trackProgress } = await import("../../agent/chat/interrupt.js");
  exitOnInterrupt();
  const confirmer = opts.yes ? tools.yesConfirmer : tools.interactiveConfirmer();
  const outcome = await tools.runPlan(plan, {
    confirmer: { confirm: cancellable(confirmer.confirm.bind(confirmer)) },
    askSecret: askSecret && cancellable(askSecret),
    recipes,
    onEvent: trackProgress(
      opts.json
        ? undefined
        : (e: import("../../tools/index.js").ExecEvent) => {
            if (e.type === "start") out(chalk.bold(`[${e.index + 1}/${e.total}] ${e.step.title}`));
            else if (e.type === "output" && (opts.verbose || longStep(e.step)))
              out(chalk.dim(`    ${e.line}`));
            else if (e.type === "failed") out(chalk.red(`    failed: ${e.message}`));
          },
    ),
  });
  if (outcome.status === "declined") {
    process.stderr.write("Not confirmed: nothing was changed.\n");
    return ExitCode.declined;
  }
  if (outcome.status === "dry-run") return ExitCode.ok;
  if (opts.json)
    out(
      JSON.stringify(
        {
          ok: outcome.result.ok,
          plan,
          result: {
            ...outcome.result,
            failed: outcome.result.failed && {
              id: outcome.result.failed.step.id,
              message: outcome.result.failed.message,
              output: outcome.result.failed.output,
            },
            notRun: outcome.result.notRun.map((s) => s.id),
          },
        },
        null,
        2,
      ),
    );
  if (outcome.status === "failed") {
    process.stderr.write(`${tools.failureReport(outcome)}\n`);
    return ExitCode.failure;
  }
  if (!opts.json) {
    out(chalk.green(`\nDone: ${plan.steps.length} steps. Journal: ${outcome.result.journalPath}`));
    if (plan.mode === "live") out(`Unmount with: umount -R ${plan.target}, then reboot.`);
  }
  return ExitCode.ok;
}

function longStep(step: import("../../steps/step.js").Step): boolean {
  return (step.action.kind === "run" && step.action.long === true) || step.action.kind === "recipe";
}
