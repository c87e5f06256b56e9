import type { BackendChoice } from "../backend.js";

/** What `levitate install` (no --plan) passes to the chat. */
export interface InstallChatOptions {
  facts?: string;
  dryRun?: boolean;
  yes?: boolean;
  verbose?: boolean;
  target?: string;
  recipes?: string[];
  mirror?: string[];
  backend?: string;
  model?: string;
}

/** Loads facts, picks the backend, runs the chat. Returns the exit code. */
export async function installChat(opts: InstallChatOptions): Promise<number> {
  const { BACKEND_CHOICES, selectBackend, BackendUnavailableError } = await import("../backend.js");
  const { cliFacts } = await import("../session/facts.js");
  const { FactsFileError } = await import("../../facts/load.js");
  const { default: chalk } = await import("chalk");
  (await import("./interrupt.js")).exitOnInterrupt();
  const choice = (opts.backend ?? "auto") as BackendChoice;
  if (!BACKEND_CHOICES.includes(choice)) {
    process.stderr.write(`--backend must be one of ${BACKEND_CHOICES.join(", ")} (got "${opts.backend}")\n`);
    return 2;
  }
  let facts: import("../../facts/schema.js").Facts;
  try {
    const r = await cliFacts({ factsFile: opts.facts, recipeDirs: opts.recipes });
    facts = r.facts;
    if (r.note) process.stderr.write(`note: ${r.note}\n`);
  } catch (e) {
    process.stderr.write(
      `${e instanceof FactsFileError ? e.message : `cannot probe this machine: ${(e as Error).message}`}\n`,
    );
    return 1;
  }
  if (facts.mode !== "live") {
    process.stderr.write(
      "This machine is not running the LevitateOS live system, so there is nothing to install onto.\n" +
        'Use levitate ask "..." to change this system, or --facts FILE (with "mode": "live") to try the installer.\n',
    );
    return 1;
  }
  let selected: Awaited<ReturnType<typeof selectBackend>>;
  try {
    selected = await selectBackend(choice, {
      ...(opts.model ? { modelPath: opts.model } : {}),
      // The llm backend then prints load time and, per turn, time to decision and token counts.
      ...(opts.verbose ? { verbose: true } : {}),
    });
  } catch (e) {
    process.stderr.write(`${e instanceof BackendUnavailableError ? e.message : (e as Error).message}\n`);
    return 1;
  }
  const { runChat } = await import("./index.js");
  try {
    return await runChat({
      facts,
      backend: selected.backend,
      backendReason: selected.reason,
      dryRun: opts.dryRun,
      yes: opts.yes,
      verbose: opts.verbose,
      recipeDirs: opts.recipes,
      mirrors: opts.mirror,
      target: opts.target,
      chalk,
    });
  } finally {
    await selected.backend.dispose?.();
  }
}
