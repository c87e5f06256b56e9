import type { Command } from "commander";
import { ExitCode, fail, failAsJson } from "../common.js";

interface StatusOptions {
  model?: string;
  json?: boolean;
}

interface PullCliOptions {
  quant?: string;
  repo?: string;
  baseUrl?: string;
  dir?: string;
  sha256?: string;
  json?: boolean;
}

export function registerModel(program: Command): void {
  const model = program
    .command("model")
    .description("the language model of the llm backend: which file, does it fit, download it");
  model
    .command("status")
    .description("which model file would be used, what it is, and whether it fits this machine's free memory")
    .option("--model <file>", "this GGUF file instead of LEVITATE_MODEL and the default directories")
    .option("--json", "print the status as JSON")
    .addHelpText(
      "after",
      `
The file: --model, then $LEVITATE_MODEL, then the first .gguf in /usr/share/levitate/models/ or
~/.local/share/levitate/models/. Exit codes: 0 a model is there and fits; 1 none, or it does not fit.`,
    )
    .action(async (opts: StatusOptions) => {
      process.exitCode = await status(opts);
    });
  model
    .command("pull")
    .description("download SmolLM3-3B (GGUF) from Hugging Face, with progress, resume and checksum")
    .option("--quant <name>", "quantization", "Q4_K_M")
    .option("--repo <owner/name>", "the Hugging Face repository", "ggml-org/SmolLM3-3B-GGUF")
    .option(
      "--base-url <url>",
      "Hugging Face or a mirror (default $LEVITATE_MODEL_BASE_URL or https://huggingface.co)",
    )
    .option("--dir <dir>", "where to save (default ~/.local/share/levitate/models)")
    .option("--sha256 <hex>", "expected SHA-256 (default: the checksum the server publishes)")
    .option("--json", "print the result as JSON")
    .action(async (opts: PullCliOptions) => {
      process.exitCode = await pull(opts);
    });
  model
    .command("bake")
    .description(
      "save the prompt's fixed-prefix state of every mode next to the model (leviso build runs it)",
    )
    .option("--model <file>", "this GGUF file instead of LEVITATE_MODEL and the default directories")
    .option("--dir <dir>", "where to save (default: kv/ beside the model, where the backend looks first)")
    .option("--threads <n>", "CPU threads")
    .option("--json", "print the result as JSON")
    .action(async (opts: { model?: string; dir?: string; threads?: string; json?: boolean }) => {
      if (opts.json) failAsJson();
      // The command line is checked before the machine: a bad value is a usage error (2) everywhere.
      if (opts.threads !== undefined && !/^[1-9][0-9]*$/.test(opts.threads))
        fail(`--threads needs a positive whole number, got "${opts.threads}"`, ExitCode.usage);
      const { locateModel } = await import("../../agent/llm/modelFile.js");
      const where = locateModel(opts.model);
      if (!where.path) fail(`no model file in ${where.searched.join(" or ")}; pass --model FILE`);
      const { bakePrefixStates } = await import("../../agent/llm/bake.js");
      const r = await bakePrefixStates(where.path, {
        ...(opts.dir ? { dir: opts.dir } : {}),
        ...(opts.threads ? { threads: Number(opts.threads) } : {}),
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else
        for (const st of r.states)
          process.stdout.write(`${st.mode}: ${st.tokens} tokens in ${Math.round(st.ms)} ms -> ${st.file}\n`);
    });
}

async function status(opts: StatusOptions): Promise<number> {
  const m = await import("../../agent/llm/modelFile.js");
  const where = m.locateModel(opts.model);
  if (!where.path) {
    const reason = `no model file in ${where.searched.join(" or ")}`;
    if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, reason }, null, 2)}\n`);
    else process.stderr.write(`${reason}\nRun \`levitate model pull\`, or pass --model FILE.\n`);
    return ExitCode.failure;
  }
  let info: Awaited<ReturnType<typeof m.readModelInfo>>;
  try {
    info = await m.readModelInfo(where.path);
  } catch (e) {
    fail((e as Error).message);
  }
  // Everything that would stop the backend before loading (truncated, wrong architecture, too big).
  let problem: string | undefined;
  try {
    await m.checkModelFile(where.path);
  } catch (e) {
    problem = (e as Error).message;
  }
  const quick = m.quickFit(info);
  const fit = await m.estimateFit(where.path);
  const { defaultThreads } = await import("../../agent/llm/llama.js");
  const { expectedFirstAnswer } = await import("../../agent/llm/expectedTime.js");
  const threads = defaultThreads();
  const expected = expectedFirstAnswer(info, threads);
  const d = m.DEFAULT_MODEL;
  const isDefault = info.sizeBytes === d.sizeBytes && where.path.endsWith(d.file);
  const ok = !problem && fit.fits;
  if (opts.json) {
    const { chatTemplate, ...rest } = info;
    process.stdout.write(
      `${JSON.stringify(
        {
          ok,
          ...(problem ? { problem } : {}),
          source: where.source,
          ...rest,
          chatTemplate: Boolean(chatTemplate),
          defaultModel: { ...d, thisFile: isDefault },
          quickFit: quick,
          fit,
          threads,
          expectedFirstAnswerSeconds: Number(expected.totalS.toFixed(1)),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const out = (k: string, v: string) => process.stdout.write(`${`${k}:`.padEnd(15)}${v}\n`);
    out("model", `${info.path} (from ${where.source})`);
    out(
      "default",
      isDefault
        ? `yes: ${d.repo} ${d.file} (${d.sizeBytes} bytes; \`levitate model pull\` verifies sha256 ${d.sha256.slice(0, 12)}...)`
        : `no (the default is ${d.repo} ${d.file}, ${m.gib(d.sizeBytes)}: \`levitate model pull\`)`,
    );
    out("architecture", info.architecture);
    out("quantization", info.quantization);
    out("size", m.gib(info.sizeBytes));
    out(
      "chat template",
      info.chatTemplate
        ? "embedded (used when it renders SmolLM3's format)"
        : "none (built-in SmolLM3 renderer)",
    );
    out(
      "memory",
      `${quick.fits ? "fits" : "does not fit"}: ${m.gib(quick.ramNeeded)} needed with a ${quick.contextSize}-token context, ${m.gib(quick.ramAvailable)} available`,
    );
    out("llama.cpp", m.describeFit(fit));
    out(
      "first answer",
      `~${expected.totalS.toFixed(0)} s on ${threads} thread${threads === 1 ? "" : "s"} (load ~${expected.loadS.toFixed(0)} s + turn ~${expected.turnS.toFixed(0)} s; estimated from ${expected.basis})`,
    );
    if (problem) out("problem", problem);
  }
  return ok ? ExitCode.ok : ExitCode.failure;
}

async function pull(opts: PullCliOptions): Promise<number> {
  const { pullModel, PullError } = await import("../../agent/llm/pull.js");
  const { userModelDir, gib } = await import("../../agent/llm/modelFile.js");
  const tty = process.stderr.isTTY && !opts.json;
  let last = 0;
  const dir = opts.dir ?? userModelDir();
  // Ctrl-C: one line saying what is kept (attack3 L6: the run ended silently); the lock is
  // released by its own exit hook.
  const onSigint = () => {
    process.stderr.write(
      `${tty && last ? "\n" : ""}interrupted: the partial download (*.part in ${dir}) is kept; run the same command again to resume\n`,
    );
    process.exit(130);
  };
  process.once("SIGINT", onSigint);
  try {
    const r = await pullModel({
      quant: opts.quant,
      repo: opts.repo,
      baseUrl: opts.baseUrl,
      sha256: opts.sha256,
      dir,
      onNote: (line) => {
        if (!opts.json) process.stderr.write(`${tty && last ? "\n" : ""}note: ${line}\n`);
      },
      onProgress: (done, total) => {
        const now = Date.now();
        if (opts.json || (now - last < 500 && done < total)) return;
        last = now;
        const pct = total ? ((100 * done) / total).toFixed(1) : "?";
        process.stderr.write(`${tty ? "\r" : ""}downloading: ${pct}% of ${gib(total)}${tty ? "" : "\n"}`);
      },
    });
    if (tty) process.stderr.write("\n");
    if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else {
      process.stdout.write(
        `saved ${r.path}${r.resumedFrom ? ` (resumed after ${gib(r.resumedFrom)})` : ""}\nsha256 ${r.sha256} (${r.verified === "matched" ? "verified" : "no published checksum to compare"})\n`,
      );
    }
    return ExitCode.ok;
  } catch (e) {
    if (e instanceof PullError) fail(e.message);
    throw e;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
