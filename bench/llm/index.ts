/**
 * `npx tsx bench/llm/index.ts [--same-shape] [--model PATH] [--threads N] [--rounds R] [--no-ask] [--no-build] [--no-jump] [--json [FILE]]`
 *
 * The llm backend's real code path (LlmBackend: load, saved prefix state, render, grammar,
 * decode) on:
 * - the tiny model, always (CI runs this: it checks the path works, not the speed);
 * - `--same-shape`: a random-weight GGUF of SmolLM3-3B's exact shape, Q4_0 (~1.73 GB, written
 *   once into `~/.cache/levitate/bench/` when missing), which costs what the real model costs;
 * - `--model PATH`: any GGUF.
 *
 * Per model: load (its parts); turn 1 without a saved prefix state (hashes the model, evaluates and
 * saves the prefix); load again and turn 1 with the saved state (what a user gets from the second
 * start on, or from the first with a state baked into the ISO); turn 2; generation speed with and
 * without the grammar, A/B alternating; peak RSS; `levitate ask` end to end.
 *
 * Bench-only knob, named in the output (`knobs`): the answers are steered (./steer.ts) to the
 * decision a trained model writes (`installRecipe ripgrep`, then `fd`), because random weights
 * would write 60-600 characters of whatever the grammar lets through; the production grammar
 * still checks every token. The unsteered worst case (every token the model picks is rejected)
 * is measured too.
 *
 * Jump-forward decoding (agent/llm/jumpForward.ts) is on, as in the product; each turn reports its
 * generated tokens as sampled (one decoding step each) and forced (evaluated in batches).
 * `--no-jump` turns it off, for the A/B.
 *
 * `--json`: one JSON object on stdout, the report on stderr; `--json FILE`: the object into FILE.
 * The CPU model and the load average (before and after each model) are in both: on a shared box
 * the numbers are only as good as the load was low. For clean numbers on a bigger machine, pin it:
 * `taskset -c 0,1 npx tsx bench/llm/index.ts --same-shape --threads 2 --json`.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import type { Token } from "node-llama-cpp";
import type { ConversationView } from "../../agent/backend.js";
import { LlmBackend, type LoadTimings, type TurnStats } from "../../agent/llm/backend.js";
import { describeHugePages } from "../../agent/llm/hugePages.js";
import { defaultThreads, physicalCores } from "../../agent/llm/llama.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { factsText, systemPrompt, systemTools } from "../../agent/llm/prompt.js";
import { pyRepr } from "../../agent/llm/smollm3Format.js";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { decisionToText } from "../../grammars/toolCalls.js";
import { writeSameShapeGguf } from "../../test/fixtures-build/tiny-gguf.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";
import type { Decision } from "../../tools/decision.js";
import { toolsForMode } from "../../tools/registry.js";
import { type AskCommand, askCommand } from "./askCommand.js";
import { steerTowards } from "./steer.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  const v = i >= 0 ? args[i + 1] : undefined;
  return v?.startsWith("--") ? undefined : v;
};
const threads = Number(flag("--threads") ?? defaultThreads());
const rounds = Number(flag("--rounds") ?? 3);
const jumpForward = !args.includes("--no-jump");
const jsonOut = args.includes("--json") ? (flag("--json") ?? "-") : undefined;
/** The human report: stdout, or stderr when stdout carries the JSON object. */
const say = (s: string) => (jsonOut === "-" ? process.stderr : process.stdout).write(`${s}\n`);
const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
/** Machines the bench has not seen: no saved state holds their facts. */
const otherMachine = (hostname: string) => exampleFacts({ ...EXAMPLE_LIVE_FACTS, hostname });
const root = join(import.meta.dirname, "..", "..");
const view = (user: string, turns: ConversationView["turns"] = []): ConversationView => ({
  user,
  turns,
  pending: [],
  entities: [],
});
const call = (name: string): Decision => ({ calls: [{ tool: "installRecipe", args: { name } }] });
const TURN1 = { words: "install ripgrep", decision: call("ripgrep") };
const TURN2 = { words: "and fd", decision: call("fd") };
const ASK = { words: "add ripgrep", decision: call("ripgrep") };
/** Five calls: long enough to time decoding, the text a trained model writes for them. */
const GENERATION_TEXT = decisionToText({
  calls: [
    { tool: "installRecipe", args: { name: "ripgrep" } },
    { tool: "installRecipe", args: { name: "fd" } },
    { tool: "installRecipe", args: { name: "bat" } },
    { tool: "setHostname", args: { hostname: "workstation" } },
    { tool: "createUser", args: { username: "vince", sudo: true, shell: "/bin/bash", groups: [] } },
  ],
});
const MAX_TOKENS = 96;

/** Goals on a 2-core machine with 2 threads (issue 16). */
export const GOALS = { loadS: 6, turn1S: 5, laterTurnS: 3, askS: 12, grammarRatio: 0.9 };

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

// One cache for the bench process and its `levitate ask`: the model's sha256 and the prefix state
// the bench saves are what `ask` finds, as on a user's machine after the first start.
const defaultCache = userCacheDir();
const benchCache = mkdtempSync(join(os.tmpdir(), "levitate-bench-cache-"));
process.env.XDG_CACHE_HOME = benchCache;
const stateDir = join(benchCache, "levitate", "kv");

interface Generation {
  /** Median ms per token over the rounds, same steered text both ways. */
  freeMsPerToken: number;
  grammarMsPerToken: number;
  /** Unsteered random weights under the grammar: the pick is rejected nearly every step. */
  rejectedMsPerToken: number;
  unsteeredFreeMsPerToken: number;
  tokens: number;
  rounds: string[];
}

async function generate(
  b: LlmBackend,
  grammar: boolean,
  steer: boolean,
  n: number,
): Promise<{ msPerToken: number; text: string }> {
  const { LlamaGrammarEvaluationState } = await import("node-llama-cpp");
  await b.sequence.clearHistory();
  const prompt = b.model.tokenize("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", true);
  const g = grammar
    ? new LlamaGrammarEvaluationState({
        model: b.model,
        grammar: await b.llama.createGrammar({ grammar: turnGrammar(turnSchema(facts, { pending: false })) }),
      })
    : undefined;
  const s = steer ? await steerTowards(b.model, GENERATION_TEXT) : undefined;
  const out: Token[] = [];
  let t0 = 0;
  for await (const tok of b.sequence.evaluate(prompt, {
    temperature: 0,
    grammarEvaluationState: g,
    ...(s ? { tokenBias: () => s(out) } : {}),
  })) {
    if (out.length === 0) t0 = performance.now();
    if (b.model.isEogToken(tok)) break;
    out.push(tok);
    if (out.length >= n) break;
  }
  return {
    msPerToken: (performance.now() - t0) / Math.max(1, out.length - 1),
    text: b.model.detokenize(out),
  };
}

const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)] ?? 0;

/** Free vs grammar on the same steered text, alternating, then the unsteered worst case once. */
async function generation(b: LlmBackend): Promise<Generation> {
  const n = b.model.tokenize(GENERATION_TEXT).length;
  const free: number[] = [];
  const constrained: number[] = [];
  const log: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = await generate(b, false, true, n);
    const g = await generate(b, true, true, n);
    if (a.text !== GENERATION_TEXT || g.text !== GENERATION_TEXT)
      throw new Error(`steering failed: ${JSON.stringify(g.text.slice(0, 120))}`);
    free.push(a.msPerToken);
    constrained.push(g.msPerToken);
    log.push(
      `free ${a.msPerToken.toFixed(1)} / grammar ${g.msPerToken.toFixed(1)} ms per token (load ${os.loadavg()[0]?.toFixed(2)})`,
    );
  }
  const unsteeredFree = await generate(b, false, false, n);
  const rejected = await generate(b, true, false, n);
  return {
    freeMsPerToken: median(free),
    grammarMsPerToken: median(constrained),
    rejectedMsPerToken: rejected.msPerToken,
    unsteeredFreeMsPerToken: unsteeredFree.msPerToken,
    tokens: n,
    rounds: log,
  };
}

interface AskResult {
  ms: number;
  /** The built CLI, or the sources through tsx (dist/ missing or stale). */
  via: "dist" | "tsx";
  /** The bench's steering preload: compiled JavaScript, or through tsx (its hooks in the ask process). */
  preload: "js" | "tsx";
  /** Its `--verbose` lines. */
  verbose: string[];
  /** The first `ask` on this machine: it also evaluates and saves the installed mode's prefix. */
  coldMs?: number;
  /** From the ask's own --verbose lines. */
  loadMs?: number;
  turnMs?: number;
  evaluatedTokens?: number;
  prefix?: string;
  decision?: unknown;
}

interface Result {
  label: string;
  modelPath: string;
  architecture: string;
  quantization: string;
  threads: number;
  loadavgBefore: string;
  loadavgAfter: string;
  loadMs: number;
  loadWarmMs: number;
  load: LoadTimings;
  prefixTokens: number;
  turn1ColdMs: number;
  /** A machine seen for the first time (`ask`, or the chat before its facts are ready): the system block from its saved state, the facts evaluated (and saved). */
  turn1Ms: number;
  turn1: TurnStats;
  /** The chat: the facts evaluated while the prompt waited (`prepareMs`), then the words. */
  turn1PreparedMs: number;
  turn1Prepared: TurnStats;
  prepareMs: number;
  /** A second start on an unchanged machine (a second `ask`): the machine's own saved state. */
  turn1SameMachineMs: number;
  turn1SameMachine: TurnStats;
  turn2Ms: number;
  turn2: TurnStats;
  generation: Generation;
  grammarTokS: number;
  freeTokS: number;
  grammarRatio: number;
  peakRssMiB: number;
  ask?: AskResult;
  askMs?: number;
  goalsMet: Record<string, boolean | null>;
}

async function create(modelPath: string): Promise<{ b: LlmBackend; ms: number }> {
  const t0 = performance.now();
  const b = await LlmBackend.create({
    modelPath,
    threads,
    maxTokens: MAX_TOKENS,
    jumpForward,
    prefixState: { readDirs: [stateDir], writeDir: stateDir },
    warn: () => {},
  });
  return { b, ms: performance.now() - t0 };
}

async function turn(
  b: LlmBackend,
  v: ConversationView,
  steerTo: Decision,
  machine: typeof facts = facts,
): Promise<number> {
  b.benchSteer = await steerTowards(b.model, decisionToText(steerTo));
  const t0 = performance.now();
  const d = await b.decide(v, machine, toolsForMode(machine.mode));
  const ms = performance.now() - t0;
  if (JSON.stringify(d) !== JSON.stringify(steerTo))
    throw new Error(`turn answered ${JSON.stringify(d)}, not the steered ${JSON.stringify(steerTo)}`);
  return ms;
}

/** How `ask` is started: the built CLI under plain Node when it can be (./askCommand.ts). */
let askCmd: AskCommand | undefined;

async function ask(modelPath: string): Promise<AskResult> {
  askCmd ??= await askCommand({ build: !args.includes("--no-build") });
  for (const n of askCmd.notes.splice(0)) say(`  ask: ${n}`);
  const cmd = askCmd;
  const via = cmd.via;
  const dir = mkdtempSync(join(os.tmpdir(), "levitate-bench-ask-"));
  const factsFile = join(dir, "facts.json");
  // `ask` is the installed system's command.
  writeFileSync(factsFile, JSON.stringify({ ...EXAMPLE_LIVE_FACTS, mode: "installed" }));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        ...cmd.nodeArgs,
        "ask",
        "--backend",
        "llm",
        "--model",
        modelPath,
        "--threads",
        String(threads),
        "--facts",
        factsFile,
        "--dry-run",
        "--json",
        "--verbose",
        ASK.words,
      ],
      {
        cwd: root,
        timeout: 300_000,
        env: {
          ...process.env,
          XDG_CACHE_HOME: benchCache,
          LEVITATE_BENCH_STEER: decisionToText(ASK.decision),
          ...cmd.env,
          ...(jumpForward ? {} : { LEVITATE_BENCH_JUMP: "off" }),
        },
      },
      (err, stdout, stderr) => {
        const ms = performance.now() - t0;
        if (err)
          return reject(new Error(`levitate ask failed (${err.code ?? err.signal}): ${stderr}${stdout}`));
        const num = (re: RegExp) => {
          const m = stderr.match(re);
          return m ? Number(m[1]) : undefined;
        };
        let decision: unknown;
        try {
          decision = (JSON.parse(stdout) as { decision?: unknown }).decision;
        } catch {}
        // The ask's own verbose lines (load parts, threads, the turn), for whoever reads the JSON.
        // With the restart's and the exit's lines: when each process started, loaded and ended.
        const lines = stderr.split("\n").filter((l) => l.startsWith("llm: ") || l.startsWith("levitate: "));
        const r: AskResult = { ms, via, preload: cmd.preload, decision, verbose: lines };
        const loadMs = num(/^llm: loaded .* in (\d+) ms/m);
        const turnMs = num(/^llm: turn 1: time to decision (\d+) ms/m);
        const evaluatedTokens = num(/^llm: turn 1: .*\((\d+) evaluated/m);
        const prefix = stderr.match(
          /(fixed prefix and facts \d+ tokens loaded from this machine's saved state|fixed prefix \d+ tokens (?:loaded from its saved state|evaluated and saved)(?:; facts evaluated)?)/,
        )?.[1];
        if (loadMs !== undefined) r.loadMs = loadMs;
        if (turnMs !== undefined) r.turnMs = turnMs;
        if (evaluatedTokens !== undefined) r.evaluatedTokens = evaluatedTokens;
        if (prefix) r.prefix = prefix;
        resolve(r);
      },
    );
  });
}

async function bench(label: string, modelPath: string): Promise<Result> {
  const loadavgBefore = loadavg();
  const first = await create(modelPath);
  let b = first.b;
  const t1 = performance.now();
  b.benchSteer = await steerTowards(b.model, decisionToText(TURN1.decision));
  await b.decide(view(TURN1.words), facts, toolsForMode(facts.mode));
  const turn1ColdMs = performance.now() - t1;
  // What `ask` does when it is done (dispose): this machine's state, for "same machine again".
  await b.saveMachineState();
  const gen = await generation(b);
  await b.dispose();
  // Second start: the prefix's state is on disk now, as on every start after the first.
  const second = await create(modelPath);
  b = second.b;
  // A machine not seen before: the system block loaded, the facts evaluated and saved.
  const turn1Ms = await turn(b, view(TURN1.words), TURN1.decision, otherMachine("new-machine"));
  const turn1 = b.lastStats as TurnStats;
  // The chat: the facts of another new machine evaluated while the prompt waits, then the words.
  await b.sequence.clearHistory();
  const tPrepare = performance.now();
  const prepared = otherMachine("prepared-machine");
  b.prepare(prepared, toolsForMode(prepared.mode));
  await b.whenPrepared();
  const prepareMs = performance.now() - tPrepare;
  const turn1PreparedMs = await turn(b, view(TURN1.words), TURN1.decision, prepared);
  const turn1Prepared = b.lastStats as TurnStats;
  // The machine of the first start again: its own saved state.
  await b.sequence.clearHistory();
  const turn1SameMachineMs = await turn(b, view(TURN1.words), TURN1.decision);
  const turn1SameMachine = b.lastStats as TurnStats;
  const turn2Ms = await turn(
    b,
    view(TURN2.words, [{ user: TURN1.words, decision: TURN1.decision }]),
    TURN2.decision,
  );
  const turn2 = b.lastStats as TurnStats;
  const info = b.info;
  const load = b.loadTimings as LoadTimings;
  await b.dispose();
  // The first `ask` in installed mode evaluates and saves that mode's prefix (once per machine,
  // or baked into the ISO); the second is what a user waits for from then on.
  const askCold = args.includes("--no-ask") ? undefined : await ask(modelPath);
  const askResult = askCold ? { ...(await ask(modelPath)), coldMs: askCold.ms } : undefined;
  const grammarRatio = gen.freeMsPerToken / gen.grammarMsPerToken;
  return {
    label,
    modelPath,
    architecture: info.architecture,
    quantization: info.quantization,
    threads,
    loadavgBefore,
    loadavgAfter: loadavg(),
    loadMs: first.ms,
    loadWarmMs: second.ms,
    load,
    prefixTokens: turn1.prefix?.tokens ?? 0,
    turn1ColdMs,
    turn1Ms,
    turn1,
    turn1PreparedMs,
    turn1Prepared,
    prepareMs,
    turn1SameMachineMs,
    turn1SameMachine,
    turn2Ms,
    turn2,
    generation: gen,
    grammarTokS: 1000 / gen.grammarMsPerToken,
    freeTokS: 1000 / gen.freeMsPerToken,
    grammarRatio,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(askResult ? { ask: askResult, askMs: askResult.ms } : {}),
    goalsMet: {
      load: second.ms <= GOALS.loadS * 1000,
      turn1: turn1Ms <= GOALS.turn1S * 1000,
      laterTurn: turn2Ms <= GOALS.laterTurnS * 1000,
      ask: askResult ? askResult.ms <= GOALS.askS * 1000 : null,
      grammarRatio: grammarRatio >= GOALS.grammarRatio,
    },
  };
}

function turnLine(t: TurnStats): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const p = t.profile;
  const where = p
    ? `; render ${s(p.renderMs)}, prefix ${s(p.prefixMs)}, grammar ${s(p.grammarMs)}, jump-forward JS ${s(p.jumpMs)}; decodes (tokens:ms) ${p.evaluations.map((e) => `${e.tokens}:${Math.round(e.ms)}`).join(" ")}`
    : "";
  const st = t.prefix?.steps;
  const prefix = st
    ? `; prefix steps: state checks ${s(st.checkMs)}, state load ${s(st.loadMs)}, evaluation ${s(st.evalMs)} in batches of [${st.batches.join(", ")}], save ${s(st.saveMs)}`
    : "";
  return `prompt ${t.promptTokens} tokens, ${t.evaluatedTokens} evaluated in ${s(t.promptEvalMs)}; ${t.generatedTokens} generated (${t.sampledTokens} sampled, ${t.forcedTokens} forced) in ${s(t.generateMs)}${where}${prefix}`;
}

function report(r: Result): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const goal = (ok: boolean | null) => (ok === null ? "-" : ok ? "ok" : "MISSED");
  const l = r.load;
  const g = r.generation;
  return [
    `${r.label} (${r.architecture}, ${r.quantization}, ${r.threads} thread${r.threads === 1 ? "" : "s"}; load average ${r.loadavgBefore} before, ${r.loadavgAfter} after)`,
    `  load: ${s(r.loadMs)} first, ${s(r.loadWarmMs)} second (goal ${GOALS.loadS} s: ${goal(r.goalsMet.load ?? null)}); second: weights ${s(l.modelMs)}, context ${s(l.contextMs)}, runtime ${s(l.llamaMs)}, header ${s(l.headerMs)}, template engine ${s(l.templateMs)}`,
    `  turn 1, no saved prefix state yet: ${s(r.turn1ColdMs)} (hashes the model, evaluates and saves the ${r.prefixTokens}-token prefix)`,
    `  turn 1 with the saved prefix, new machine (facts evaluated with the words, saved after the turn): ${s(r.turn1Ms)}; ${turnLine(r.turn1)}; prefix in ${s(r.turn1.prefix?.ms ?? 0)} (goal ${GOALS.turn1S} s: ${goal(r.goalsMet.turn1 ?? null)})`,
    `  turn 1, chat with the facts prepared while the prompt waited (${s(r.prepareMs)}): ${s(r.turn1PreparedMs)}; ${turnLine(r.turn1Prepared)}`,
    `  turn 1, same machine again (its saved state): ${s(r.turn1SameMachineMs)}; ${turnLine(r.turn1SameMachine)}; state loaded in ${s(r.turn1SameMachine.prefix?.ms ?? 0)}`,
    `  turn 2: ${s(r.turn2Ms)}; ${turnLine(r.turn2)} (goal ${GOALS.laterTurnS} s: ${goal(r.goalsMet.laterTurn ?? null)})`,
    `  generation (${g.tokens} tokens, median of ${g.rounds.length} alternating rounds): ${r.grammarTokS.toFixed(1)} tokens/s with the grammar, ${r.freeTokS.toFixed(1)} without: ratio ${r.grammarRatio.toFixed(2)} (goal ${GOALS.grammarRatio}: ${goal(r.goalsMet.grammarRatio ?? null)})`,
    `  worst case, unsteered random weights (the grammar rejects nearly every pick and filters the whole vocabulary): ${g.rejectedMsPerToken.toFixed(1)} ms per token vs ${g.unsteeredFreeMsPerToken.toFixed(1)} free`,
    `  peak RSS ${r.peakRssMiB} MiB`,
    ...(r.ask
      ? [
          `  levitate ask end to end (a new process, ${r.ask.via === "dist" ? (r.ask.preload === "js" ? "the built CLI under plain Node" : "the built CLI, the steering preload through tsx") : "the sources through tsx (dist/ missing or older than them)"}; the first one, which saves the prefix state, ${s(r.ask.coldMs ?? 0)}): ${s(r.ask.ms)} (goal ${GOALS.askS} s: ${goal(r.goalsMet.ask ?? null)}); load ${s(r.ask.loadMs ?? 0)}, turn ${s(r.ask.turnMs ?? 0)} (${r.ask.evaluatedTokens ?? "?"} tokens evaluated, prefix ${r.ask.prefix ?? "?"})`,
        ]
      : []),
  ].join("\n");
}

/** What the same-shape model's tokenizer learns from: the prompt's own text, like a real one's. */
function corpus(): string {
  const parts: string[] = [];
  for (const mode of ["live", "installed"] as const) {
    parts.push(systemPrompt(mode), ...systemTools(mode).map((t) => pyRepr(t)));
  }
  parts.push(
    factsText(facts),
    decisionToText({ calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }] }),
  );
  return parts.join("\n");
}

function version(pkg: string): string {
  try {
    return (
      JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }
    ).version;
  } catch {
    return "?";
  }
}

const loadavgStart = loadavg();
say(
  `bench/llm on ${os.cpus()[0]?.model ?? "?"} (${os.availableParallelism()} CPUs usable, ${physicalCores()} physical cores); load average ${loadavgStart}`,
);
say(
  `${describeHugePages()} in this process (GLIBC_TUNABLES); \`ask\` decides for itself (LEVITATE_HUGEPAGES)`,
);
say(
  `knobs (bench only): answers steered by a token bias to the decision a trained model writes; token budget ${MAX_TOKENS}; jump-forward ${jumpForward ? "on" : "off (--no-jump)"}`,
);
const results: Result[] = [];
const tmp = mkdtempSync(join(os.tmpdir(), "levitate-bench-"));
results.push(await bench("tiny model", writeTinyModel({ seed: 2 }, tmp)));
say(report(results.at(-1) as Result));
if (args.includes("--same-shape")) {
  const dir = join(defaultCache, "bench");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "smollm3-3b-shape-q4_0-random.gguf");
  if (!existsSync(path)) {
    say(`writing ${path} (~1.73 GB, once)`);
    writeSameShapeGguf(`${path}.part`, { corpus: corpus() });
    (await import("node:fs")).renameSync(`${path}.part`, path);
  }
  results.push(await bench("same-shape SmolLM3-3B, random Q4_0 weights", path));
  say(report(results.at(-1) as Result));
}
const user = flag("--model");
if (user) {
  results.push(await bench(user, user));
  say(report(results.at(-1) as Result));
}
const summary = {
  bench: "bench/llm",
  date: new Date().toISOString(),
  cpu: os.cpus()[0]?.model ?? "?",
  cpusUsable: os.availableParallelism(),
  physicalCores: physicalCores(),
  memTotalGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  nodeLlamaCpp: version("node-llama-cpp"),
  threads,
  /** In this process (its loads and turns); `ask` restarts itself with them for a 256+ MiB model unless LEVITATE_HUGEPAGES=0 (its verbose lines say). */
  hugePages: describeHugePages(),
  loadavgStart,
  loadavgEnd: loadavg(),
  knobs: {
    steered: true,
    steering:
      "bench only: a logit bias of +100 on the next token of the expected decision (turn 1 installRecipe ripgrep, turn 2 installRecipe fd, ask installRecipe ripgrep), then on end-of-generation; the production grammar checks every token",
    maxTokens: MAX_TOKENS,
    jumpForward,
    grammar: "the production grammar of each turn (every tool of the mode, every kind of decision)",
  },
  goals: GOALS,
  results,
};
const json = `${JSON.stringify(summary, null, 2)}\n`;
if (jsonOut === "-") process.stdout.write(json);
else if (jsonOut) writeFileSync(jsonOut, json);
process.exit(0);
