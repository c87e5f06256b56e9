import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ChalkInstance } from "chalk";
import type { Facts } from "../../facts/schema.js";
import { quotingSafeLines, safeText } from "../../steps/terminalText.js";
import type { Backend } from "../backend.js";
import { Conversation } from "../conversation.js";
import { describeDisk } from "../rules/disks.js";
import { hidePasswordAnswer } from "../rules/secrets.js";
import { describeProtection } from "../safety/read.js";
import { type Refusal, refusalOf } from "../safety/screen.js";
import { scrubSecrets } from "../scrubSecrets.js";
import { applyCalls } from "../session/apply.js";
import { describeCall, describeOutcome, nextStep } from "../session/describe.js";
import { LoginGate, refusedOnRecord } from "../session/login.js";
import { requestTooLong } from "../session/requestLimit.js";
import { allowedTools, decideTurn } from "../turn.js";
import type { PlanCall } from "../types.js";
import { exitCancelled, INTERRUPTED } from "./interrupt.js";
import { wrapText } from "./wrap.js";

/**
 * `levitate install` without --plan: the installer as a conversation in the terminal.
 * A header with what was detected, then turns; the plan is shown after each change; slash
 * commands need no model; "yes" compiles the whole plan, shows it and asks for confirmation
 * (the disk named back when it erases one), then executes with progress.
 */

export interface ChatOptions {
  facts: Facts;
  backend: Backend;
  /** Which backend and why, shown in the header. */
  backendReason: string;
  dryRun?: boolean;
  yes?: boolean;
  verbose?: boolean;
  recipeDirs?: string[];
  mirrors?: string[];
  target?: string;
  input?: Readable;
  output?: Writable;
  chalk: ChalkInstance;
}

/**
 * Whether "yes" in the chat runs the plan without the confirmer's questions. `--yes` is for
 * scripts (piped input); a person at a terminal who says "yes" to a plan that erases a disk still
 * types the disk's path back, so one hasty word never destroys a disk.
 */
export function chatSkipsConfirmation(
  yes: boolean | undefined,
  interactive: boolean,
  pending: readonly { tool: string }[],
): boolean {
  if (!yes) return false;
  return !(interactive && pending.some((call) => call.tool === "partitionDisk"));
}

const HELP = `Commands (no model needed):
  /plan    show the plan so far
  /disks   show the disks
  /undo    take back the last change to the plan
  /reset   start over
  /help    this text
  /quit    leave without changing anything
Say what you want in plain words: "use the nvme with btrfs", "create user anna with sudo",
"German keyboard, Berlin time", "add ripgrep and fd". Say "yes" when the plan is complete.`;

export async function runChat(opts: ChatOptions): Promise<number> {
  const { facts, backend, chalk: c } = opts;
  const output = opts.output ?? process.stdout;
  const input = opts.input ?? process.stdin;
  const say = (s: string) => output.write(`${s}\n`);
  const tty = output as { isTTY?: boolean; columns?: number };
  // Replies wrap at the terminal's width (read at each reply: the window may be resized).
  const shownReply = quotingSafeLines(facts);
  const width = () => (tty.isTTY && tty.columns ? tty.columns : undefined);
  // Plan lines wrap like replies, under their own text ("  1. "): a 230-column step was one line.
  const wrapAt = (line: string, indent: number) => {
    const w = width();
    return w ? wrapText(line, w, indent) : line;
  };
  const assistant = (s: string) => {
    const w = width();
    // Replies quote disk models, labels and other systems' names, which the disks themselves supply:
    // an escape sequence in them must not clear or rewrite what the user is about to confirm.
    const text = shownReply(s);
    say(`${c.cyan("levitate>")} ${w ? wrapText(text, w, "levitate> ".length) : text}`);
  };
  const conv = new Conversation(facts);
  // The login question (agent/session/login.ts): its "yes" never starts the install.
  const login = new LoginGate();

  const showDisks = () => {
    if (!facts.disks.length) say("  (no disks found)");
    for (const d of facts.disks) {
      const mark = d.liveMedium
        ? c.dim(" [live medium: not a target]")
        : d.mounted
          ? c.yellow(" [mounted]")
          : "";
      say(`  ${safeText(describeDisk(d))}${mark}`);
    }
  };
  /** What the user said to keep; with `forCall`, only what keeps that step out. */
  const keptList = (forCall?: PlanCall) =>
    conv.protections
      .filter((p) => !forCall || refusalOf(forCall, [p], facts))
      .map((p) => describeProtection(p, facts))
      .join("; ");
  const heldOut = (rs: readonly Refusal[]) =>
    rs.map((r) => `${describeCall(r.call, facts)} (you asked me to keep ${keptList(r.call)})`).join("; ");
  const showPlan = () => {
    if (!conv.pending.length) {
      say(c.dim("Plan: (empty)"));
      return;
    }
    say(c.bold("Plan:"));
    conv.pending.forEach((call, i) => {
      const head = `  ${i + 1}. `;
      const line = head + wrapAt(safeText(describeCall(call, facts)), head.length);
      say(call.tool === "partitionDisk" ? c.red(line) : line);
    });
    // What the user's words protect stays visible with the plan it constrains.
    for (const p of conv.protections)
      say(c.green(`  kept: ${wrapAt(safeText(describeProtection(p, facts)), "  kept: ".length)}`));
  };

  say(c.bold(`LevitateOS installer${opts.dryRun ? " (dry run: nothing will be changed)" : ""}`));
  say(`Firmware: ${facts.firmware.toUpperCase()}   Backend: ${opts.backendReason}`);
  if (facts.filesystems)
    say(`Filesystems this kernel can mount: ${safeText(facts.filesystems.join(", ")) || "none known"}`);
  say("Disks:");
  showDisks();
  say(c.dim("Type /help for commands, /quit to leave."));
  say("");

  const unconfirmed = () =>
    `the plan (${conv.pending.length} step${conv.pending.length === 1 ? "" : "s"}) was not confirmed, so nothing was changed.`;

  // Lines are read through the interface's async iterator, which buffers: piped input that arrives
  // before the prompt is not lost.
  let rl: Interface | undefined;
  let lines: AsyncIterator<string> | undefined;
  const open = () => {
    rl = createInterface({ input, output, terminal: (output as { isTTY?: boolean }).isTTY === true });
    rl.setPrompt(c.bold("you> "));
    // Ctrl-C at `you>` (or while the backend thinks): nothing has run yet. With a plan pending the
    // line says so, as Ctrl-D and /quit do (testers 19 and 20: it said only "nothing was changed")
    rl.on("SIGINT", () =>
      conv.pending.length
        ? exitCancelled(undefined, INTERRUPTED, `cancelled: ${unconfirmed()}`)
        : exitCancelled(),
    );
    lines = rl[Symbol.asyncIterator]();
    return { rl, lines };
  };
  // Lines the interface had read but the chat had not yet taken when it was closed (for the
  // confirmation, which reads the input itself). Piped input arrives at once, so a "yes" that
  // ended in "Not ready yet" had the rest of the script (a "/quit") in here: it was dropped, and
  // the chat then waited on an input that had already ended until Node gave up with exit 13
  // (attacker 25 M2). Kept and read first instead.
  const queued: string[] = [];
  const close = async () => {
    const unread = lines;
    rl?.close();
    rl = undefined;
    lines = undefined;
    // A closed interface's iterator still yields what it buffered, then ends.
    for (let n = await unread?.next(); n && !n.done; n = await unread?.next()) queued.push(n.value);
  };
  /** The next line typed, or undefined at the end of the input. */
  const nextLine = async (): Promise<string | undefined> => {
    const waiting = queued.shift();
    if (waiting !== undefined) {
      output.write(c.bold("you> "));
      return waiting;
    }
    // An input that already ended never ends again: a new interface on it would wait forever.
    if (!rl && input.readableEnded) return undefined;
    const r = rl && lines ? { rl, lines } : open();
    r.rl.prompt();
    const next = await r.lines.next();
    return next.done ? undefined : next.value;
  };

  // Leaving (/quit, Ctrl-D) with a plan not confirmed ends the session before its question was
  // answered: 130, the code issue 14 gives it, so a script can tell it from a plan run (0) and from
  // a "no" at the confirmation (3); with nothing planned there was nothing to leave unfinished.
  const leave = (): number => {
    if (conv.pending.length === 0) {
      assistant("Leaving; nothing was changed.");
      return 0;
    }
    assistant(`Leaving: ${unconfirmed()}`);
    return INTERRUPTED;
  };

  // The llm backend evaluates the facts while the prompt waits for the first words.
  backend.prepare?.(facts, allowedTools(facts));
  try {
    for (;;) {
      const typed = await nextLine();
      if (typed === undefined) {
        // Input closed (Ctrl-D): leave as /quit does.
        say("");
        return leave();
      }
      const line = typed.trim();
      // a password typed where I asked for a name, or after "password"/"pw:", is never echoed
      // (agent/rules/secrets.ts, agent/scrubSecrets.ts): the echo is what a log of the chat keeps
      if (!(output as { isTTY?: boolean }).isTTY)
        say(safeText(scrubSecrets(hidePasswordAnswer(line, conv.turns.at(-1)?.decision))));
      if (!line) continue;
      const tooLong = requestTooLong(line);
      if (tooLong) {
        assistant(tooLong);
        continue;
      }

      if (line.startsWith("/")) {
        const cmd = line.slice(1).split(/\s+/)[0]!.toLowerCase();
        switch (cmd) {
          case "plan":
            showPlan();
            break;
          case "disks":
            showDisks();
            break;
          case "undo":
            if (conv.withdrawOffer()) {
              assistant("Withdrawn: the question I asked is closed, and nothing it offered is planned.");
              showPlan();
            } else if (conv.undo()) {
              assistant(
                conv.withheld.length
                  ? `Undone, except what stays out of the plan: ${heldOut(conv.withheld)}.`
                  : "Undone.",
              );
              showPlan();
            } else assistant("Nothing to undo.");
            break;
          case "reset":
            conv.reset();
            assistant(
              conv.protections.length
                ? `Started over: the plan is empty. What you asked me to keep is still kept: ${keptList()}.`
                : "Started over: the plan is empty.",
            );
            break;
          case "help":
            say(HELP);
            break;
          case "quit":
          case "exit":
          case "q":
            return leave();
          default:
            assistant(`Unknown command /${cmd}. ${HELP.split("\n")[0]}`);
            say(HELP);
        }
        continue;
      }

      const gate = login.answer(line, conv.pending);
      if (gate) {
        // recorded, so the login question it answers is no longer the open question
        // (agent/safety/openQuestion.ts) and the next "yes" goes to the plan
        conv.record(line, { reply: gate.say });
        assistant(gate.say);
        continue;
      }
      const decision = await decideTurn(backend, conv.view(line), facts);
      if ("confirm" in decision && decision.confirm) {
        // The protections once more, whatever path brought a step back (agent/conversation.ts screen)
        const screened = conv.screen();
        if (screened.length) {
          const text = `Not confirmed: I took out of the plan ${heldOut(screened)}. Look at the plan, then say yes again.`;
          conv.record(line, { reply: text });
          assistant(text);
          showPlan();
          continue;
        }
        // Nobody could log in to the new system: ask before anything is compiled.
        const refused = refusedOnRecord(conv.turns, conv.pending, conv.protections);
        const ask = login.onConfirm(facts.mode, conv.pending, refused);
        if (ask) {
          conv.record(
            line,
            ask.offer ? { reply: ask.text, offer: { calls: [ask.offer] } } : { reply: ask.text },
          );
          assistant(ask.text);
          continue;
        }
        // Compile the whole plan first: an incomplete plan (no disk yet) stays and says what is missing.
        await close();
        say("");
        const interactive = (input as { isTTY?: boolean }).isTTY === true;
        const yes = chatSkipsConfirmation(opts.yes, interactive, conv.pending);
        if (opts.yes && !yes && !opts.dryRun)
          say(c.dim("--yes does not skip typing the disk path back in a chat on a terminal."));
        const result = await applyCalls(conv.pending, facts, {
          dryRun: opts.dryRun,
          yes,
          verbose: opts.verbose,
          recipeDirs: opts.recipeDirs,
          mirrors: opts.mirrors,
          target: opts.target,
          interactive,
          out: say,
          kept: conv.protections.map((p) => describeProtection(p, facts)),
        });
        if (result.status === "invalid") {
          // the plan file's step names are no words of the chat (tester 29 F5: "a partitionDisk step")
          assistant(`Not ready yet: ${(result.error ?? "").replace(/\s*\(a partitionDisk step\)/g, "")}`);
          continue;
        }
        if (result.status === "declined") {
          assistant("Not confirmed; the plan is kept. Change it, or say yes again.");
          continue;
        }
        if (result.status === "no-terminal") {
          assistant(result.error ?? "No terminal to confirm on.");
          return result.code;
        }
        conv.record(line, decision);
        if (result.status === "failed") {
          say(c.red(result.error ?? "A step failed."));
          return result.code;
        }
        if (result.status === "dry-run") assistant("That was a dry run; nothing was changed.");
        else if (facts.mode === "live")
          assistant(`Installed. Unmount with: umount -R ${opts.target ?? "/mnt"}, then reboot.`);
        else assistant("Done.");
        return result.code;
      }
      const outcome = conv.record(line, decision);
      if (outcome.kind === "calls" || outcome.kind === "drop") {
        assistant(describeOutcome(outcome, conv.pending, facts));
        showPlan();
      } else if (outcome.kind === "confirm") {
        assistant(describeOutcome(outcome, conv.pending, facts));
      } else {
        // A reply may come with steps taken out of the plan ("do not wipe it"): say so, show the plan.
        assistant(describeOutcome(outcome, conv.pending, facts));
        if (outcome.withdrawn?.length || outcome.lowered?.length) showPlan();
        if (/^OK, nothing is planned/.test(outcome.text) && conv.pending.length === 0)
          say(c.dim(nextStep([], facts)));
      }
    }
  } finally {
    rl?.close();
  }
}
