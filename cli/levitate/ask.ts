import { resolve } from "node:path";
import type { Command } from "commander";
import { quotingSafeLines, safeText } from "../../steps/terminalText.js";
import { ExitCode, fail, failAsJson } from "../common.js";

interface AskOptions {
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  facts?: string;
  backend: string;
  model?: string;
  recipes?: string[];
  verbose?: boolean;
  passwordStdin?: boolean;
  threads?: string;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description("one request in words, after install: decide, show the plan, confirm, run")
    .argument("<text...>", 'what you want, e.g. "add ripgrep and fd"')
    .option("--dry-run", "show the plan and what it would run; change nothing")
    .option("-y, --yes", "do not ask for confirmation (scripts)")
    .option("--json", "print the decision and the plan (and the result) as JSON")
    .option("--facts <file>", "use these facts instead of probing the machine (format: docs/facts-file.md)")
    .option("--backend <name>", "auto | rules | llm (auto: the model when present and memory allows)", "auto")
    .option("--model <file>", "GGUF model file for the llm backend")
    .option("--threads <n>", "CPU threads for the llm backend (default: one per physical core)")
    .option(
      "--recipes <dir>",
      "recipe directory (repeatable; default /etc/recipes, then the shipped recipes/)",
      collect,
    )
    .option("-v, --verbose", "show every command and file of the plan")
    .option(
      "--password-stdin",
      "read the passwords the plan asks for from stdin, one per line, in the plan's order (scripts)",
    )
    .addHelpText(
      "after",
      `
One request, one shot: what is clear is planned and what is not done is said ("Not done: ..."),
with the command that does it where no tool can (chsh, usermod, gpasswd); the usual confirmation
follows. A question asked back (a guess to confirm) is asked on a terminal and the answer read
([y/N]: empty is no); with no terminal, --json or --yes nothing is planned, the command that would
do it is printed (--json: "command", status "needs-answer") and the exit code is 4.
Exit codes: 0 done, answered or dry-run printed; 1 the request cannot be planned or a step failed;
2 usage (bad option, no terminal to confirm on without --yes); 3 declined; 4 a question asked back
that nothing answered (nothing planned).
--password-stdin: one line per password the plan asks for (each new user's, in plan order), read
and checked before anything runs; a missing, extra, empty or too-short line is an error (exit 1)
and nothing runs; a trailing \\r is dropped. The values never appear in argv, output, --json or the
journal. --dry-run reads none.
Examples:
  levitate ask "add ripgrep" --dry-run
  levitate ask "install fd and bat" --yes
  levitate ask "German keyboard, Berlin time" --backend rules --json --dry-run
  printf '%s\\n' "$BOB_PW" | levitate ask "create user bob with sudo" --yes --password-stdin`,
    )
    .action(async (words: string[], opts: AskOptions) => {
      if (opts.json) failAsJson();
      process.exitCode = await ask(words.join(" "), opts);
      // A dry run has printed everything and written what it writes (the model's machine state):
      // end now rather than free the model first (./exitNow.ts).
      if (opts.dryRun) await (await import("./exitNow.js")).exitNow(process.exitCode, opts.verbose);
    });
}

async function ask(text: string, opts: AskOptions): Promise<number> {
  const { BACKEND_CHOICES, selectBackend, BackendUnavailableError } = await import("../../agent/backend.js");
  const backendChoice = opts.backend as (typeof BACKEND_CHOICES)[number];
  if (!BACKEND_CHOICES.includes(backendChoice))
    fail(`--backend must be one of ${BACKEND_CHOICES.join(", ")} (got "${opts.backend}")`, ExitCode.usage);
  if (!text.trim()) fail('say what you want, e.g. levitate ask "add ripgrep"', ExitCode.usage);
  const tooLong = (await import("../../agent/session/requestLimit.js")).requestTooLong(text);
  if (tooLong) fail(tooLong);
  if (opts.threads !== undefined && !/^[1-9][0-9]*$/.test(opts.threads))
    fail(`--threads needs a positive whole number, got "${opts.threads}"`, ExitCode.usage);
  // Ctrl-C while the backend thinks or steps run: one line, exit 130 (prompts: agent/session/apply.ts).
  const interrupt = await import("../../agent/chat/interrupt.js");
  interrupt.exitOnInterrupt();

  // The model's load (seconds: the runtime's start, the weights, the context) and the facts (a
  // probe, or a file) do not depend on each other. LEVITATE_ASK_OVERLAP=1 starts the load first
  // and reads the facts while it runs (a facts error still wins: it is reported first, exiting
  // drops the load). Off by default: alternated on the shared 2-core box (load 17-40) the
  // overlapped start-up was slower in 3 of 4 pairs (both compete for the same cores and the same
  // JS thread; docs/llm.md, fourth round); to be measured again on an idle machine.
  const startMs = performance.now();
  const startBackend = () =>
    selectBackend(backendChoice, {
      ...(opts.model ? { modelPath: opts.model } : {}),
      ...(opts.threads ? { threads: Number(opts.threads) } : {}),
      ...(opts.verbose ? { verbose: true } : {}),
    }).then(
      (selected) => ({ ok: true as const, selected, readyMs: performance.now() - startMs }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  const serial = process.env.LEVITATE_ASK_OVERLAP !== "1";
  const backendLoad = serial ? undefined : startBackend();

  const { FactsFileError, loadFactsFile } = await import("../../facts/load.js");
  let facts: import("../../facts/schema.js").Facts;
  try {
    // A facts file needs only the reader; the probe (lsblk, the recipe reader) loads only without one.
    if (opts.facts) facts = loadFactsFile(opts.facts);
    else {
      const { cliFacts } = await import("../../agent/session/facts.js");
      const r = await cliFacts({ recipeDirs: opts.recipes });
      facts = r.facts;
      if (r.note && !opts.json) process.stderr.write(`note: ${r.note}\n`);
    }
  } catch (e) {
    if (e instanceof FactsFileError) fail(e.message);
    fail(`cannot probe this machine: ${(e as Error).message}`);
  }

  const factsMs = performance.now() - startMs;
  const loaded = await (backendLoad ?? startBackend());
  if (!loaded.ok) {
    if (loaded.error instanceof BackendUnavailableError) fail(loaded.error.message);
    throw loaded.error;
  }
  const selected = loaded.selected;
  if (!opts.json) process.stderr.write(`backend: ${selected.reason}\n`);
  if (opts.verbose) {
    const ms = (x: number) => Math.round(x);
    process.stderr.write(
      `ask: start-up ${serial ? "serial" : "overlapped"}: facts ready at ${ms(factsMs)} ms, backend ready at ${ms(loaded.readyMs)} ms\n`,
    );
  }

  const { Conversation } = await import("../../agent/conversation.js");
  const { decideTurn } = await import("../../agent/turn.js");
  const conv = new Conversation(facts);
  let decision = await decideTurn(selected.backend, conv.view(text), facts);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  // One request, no next turn: plan the settled rest, name what is not done (agent/session/oneShot.ts).
  const shot = await (await import("../../agent/session/oneShot.js")).oneShot(
    decision,
    text,
    facts,
    (words) => decideTurn(selected.backend, new Conversation(facts).view(words), facts),
    opts.facts ? undefined : await installedVersions(opts.recipes),
  );
  decision = shot.decision;
  // "neovim instead of vim": on a terminal, the removal the words suggest is asked, default no.
  if ("calls" in decision && shot.offers.length && !opts.json && !opts.yes && process.stdin.isTTY === true)
    decision = {
      calls: [...decision.calls, ...(await askOffers(shot, (s) => out(quotingSafeLines(facts)(s))))],
    };
  // A question asked back waits for its answer on a terminal (agent/session/askFollowUp.ts); a
  // script (--json, --yes, no terminal) gets no second turn.
  const follow = await import("../../agent/session/askFollowUp.js");
  let shown = false;
  if (!opts.json && !opts.yes && process.stdin.isTTY === true && follow.asksBack(decision)) {
    const { createInterface } = await import("node:readline");
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Ctrl-C at the question is a cancel, not a "no" that goes on to plan the rest (exit 130)
    rl.on("SIGINT", () => interrupt.exitCancelled());
    let closed = false;
    rl.once("close", () => {
      closed = true;
    });
    // A yes/no question says so, and that no answer is a no (README: ask on a terminal).
    let yesNo = false;
    const io = {
      say: (s: string) => {
        yesNo = /\b(?:shall|should) I\b[^?]*\?|\?\s*\(yes\s*\/\s*no\)\s*$/i.test(s);
        out(quotingSafeLines(facts)(s));
      },
      answer: () =>
        new Promise<string | undefined>((resolve) => {
          if (closed) return resolve(undefined);
          rl.once("close", () => resolve(undefined));
          rl.question(yesNo ? "[y/N] > " : "> ", resolve);
        }),
    };
    try {
      ({ decision, shown } = await follow.followUp(
        decision,
        text,
        conv,
        follow.turnDecider(selected.backend, facts),
        io,
      ));
    } finally {
      rl.close();
    }
  }
  // A dry run ends when its answer is printed: the backend finishes its writes but leaves its
  // memory to the process's exit (action above); a real run frees it before its steps run.
  await selected.backend.dispose?.(opts.dryRun ? { exiting: true } : undefined);

  if (!("calls" in decision)) {
    const replyText = "reply" in decision ? decision.reply : "There is nothing to confirm.";
    // Without a terminal an offer ("Shall I add the rest?") cannot be taken: say what would do it.
    const offered = "reply" in decision && decision.offer !== undefined;
    // README: 0 when answered, 1 when the request could not be planned (nothing was); --json says
    // which, so a script need not read the exit code to tell them apart (attacker 25 M4).
    const { answered } = await import("../../agent/session/answered.js");
    const ok = shot.settled || (!offered && answered(text, "reply" in decision ? decision.reply : undefined));
    // A reply that ends on a question it asks back ("Which disk: sda or sdb?") is asked too, offer
    // or not (attacker 28 M3: such a question exited 1, as if nothing could be planned).
    const asksBack = !ok && "reply" in decision && /\?["')\]]*\s*$/.test(replyText.trim());
    const request =
      "reply" in decision && decision.offer ? follow.requestFor(decision.offer.calls, text) : undefined;
    if (opts.json)
      out(
        JSON.stringify(
          {
            backend: selected.backend.name,
            decision,
            status: ok ? "answered" : offered || asksBack ? "needs-answer" : "not-planned",
            ...(offered && request ? { command: `levitate ask ${JSON.stringify(request)}` } : {}),
          },
          null,
          2,
        ),
      );
    else {
      // The reply quotes the facts (disk models): a newline there must not start a line of its own.
      if (!shown) out(quotingSafeLines(facts)(replyText));
      if (offered) {
        out(
          request
            ? `Nothing was planned. To do that, run: levitate ask ${JSON.stringify(safeText(request))}`
            : 'Nothing was planned: ask again with only what you want done (e.g. levitate ask "add fd").',
        );
      }
    }
    // A question nobody could answer here (no terminal, --json, --yes, or no answer given) exits
    // with its own code, so a script can tell "asked back" from "could not be planned" (README).
    return ok ? ExitCode.ok : offered || asksBack ? ExitCode.asked : ExitCode.failure;
  }
  // "install bat 0.24" that the recipe cannot provide: refused below without an "Understood" first
  const { pinProblems } = await import("../../agent/session/versions.js");
  const pinned = opts.json
    ? []
    : await pinProblems(
        decision.calls,
        opts.recipes?.map((d) => resolve(d)),
      );
  if (!opts.json && !pinned.length) {
    const { describeCall } = await import("../../agent/session/describe.js");
    for (const n of shot.notes) out(`Not done: ${quotingSafeLines(facts)(n)}`);
    out(`Understood: ${safeText(decision.calls.map((c) => describeCall(c, facts)).join("; "))}.`);
    // "install ripgrep again" when ripgrep is here: said, so the reinstall is no surprise (tester
    // 24 W21); a plain "install ripgrep" of an installed one was left out above (installedAlready.ts)
    const again = decision.calls.flatMap((c) =>
      c.tool === "installRecipe" && facts.installed.includes(c.args.name) && c.args.version === undefined
        ? [c.args.name]
        : [],
    );
    if (again.length && !shot.notes.some((n) => n.includes("the plan updates it")))
      out(
        `${safeText(again.join(", "))} ${again.length > 1 ? "are" : "is"} already installed: the plan installs ${again.length > 1 ? "them" : "it"} again.`,
      );
    out("");
  }
  // One request cannot be followed by a question, so nobody being able to log in is said before
  // the confirmation (which is then the answer) and in --json.
  const { loginProblem } = await import("../../agent/session/login.js");
  const login = loginProblem(facts.mode, decision.calls);
  if (login && !opts.json)
    process.stderr.write(
      `warning: ${login} Should a user get sudo? Ask again with one (e.g. "… and create user anna with sudo"), or confirm only if that is what you want.\n`,
    );
  const { applyCalls } = await import("../../agent/session/apply.js");
  const result = await applyCalls(decision.calls, facts, {
    dryRun: opts.dryRun,
    yes: opts.yes,
    json: opts.json,
    verbose: opts.verbose,
    recipeDirs: opts.recipes,
    passwordStdin: opts.passwordStdin,
  });
  if (opts.json) {
    out(
      JSON.stringify(
        {
          backend: selected.backend.name,
          decision,
          ...(login ? { warnings: [login] } : {}),
          ...(shot.notes.length ? { notDone: shot.notes } : {}),
          ...(result.json as object | undefined),
          status: result.status,
        },
        null,
        2,
      ),
    );
  }
  if (result.error && !(opts.json && result.status === "invalid")) process.stderr.write(`${result.error}\n`);
  if (result.status === "declined") process.stderr.write("Not confirmed: nothing was changed.\n");
  return result.code;
}

/** The installed and the recipe's version of a program on this machine (not with --facts: another machine's). */
async function installedVersions(recipeDirs?: string[]) {
  const { info } = await import("../../recipe/api.js");
  return (name: string) => {
    try {
      const r = info(name, recipeDirs?.length ? { recipeDirs: recipeDirs.map((d) => resolve(d)) } : {});
      return { installed: r.state.installed_version, recipe: r.version };
    } catch {
      return undefined;
    }
  };
}

/** Each offer asked on the terminal, "[y/N]": the calls of those answered yes (its note dropped). */
async function askOffers(
  shot: import("../../agent/session/oneShot.js").OneShot,
  say: (s: string) => void,
): Promise<import("../../agent/types.js").PlanCall[]> {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Ctrl-C at an offer cancels the whole request, as at every other prompt (exit 130)
  const { exitCancelled } = await import("../../agent/chat/interrupt.js");
  rl.on("SIGINT", () => exitCancelled());
  let closed = false;
  rl.once("close", () => {
    closed = true;
  });
  const { firmYes } = await import("../../agent/safety/doubtedYes.js");
  const taken: import("../../agent/types.js").PlanCall[] = [];
  try {
    for (const o of shot.offers) {
      if (closed) break;
      say(o.question);
      const answer = await new Promise<string>((res) => {
        rl.once("close", () => res(""));
        rl.question("[y/N] > ", res);
      });
      // "yes I guess", "yes?", "yes no", "yes but keep it": a yes with doubt is a no (attacker 28 H10)
      if (firmYes(answer)) {
        taken.push(...o.calls);
        shot.notes.splice(shot.notes.indexOf(o.note), 1);
      }
    }
  } finally {
    rl.close();
  }
  return taken;
}
