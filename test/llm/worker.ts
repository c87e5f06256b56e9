/**
 * Model scenarios, run in a child process by test/llm/run.ts: a malformed model can abort the
 * process (GGML_ASSERT) instead of throwing, and that must fail one test, not the test runner.
 * Prints one JSON line, `RESULT {...}`, on success.
 */
import { copyFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import type { Token } from "node-llama-cpp";
import type { ConversationView, PlanCall } from "../../agent/backend.js";
import { LlmBackend } from "../../agent/llm/backend.js";
import { sharedLlama } from "../../agent/llm/llama.js";
import { loadOrBuildPrefix, stateKey } from "../../agent/llm/prefixState.js";
import type { Facts, FactsInput } from "../../facts/schema.js";
import { DECISION_KINDS, type DecisionKind, targetDisks } from "../../grammars/gbnf/decision.js";
import type { Decision } from "../../tools/decision.js";
import { toolsForMode } from "../../tools/registry.js";
import { facts, LIVE_FACTS, writeTinyModel } from "./tinyModel.js";

// Saved prefix states and sha256 memos go to a fresh directory per worker, never the user's cache.
process.env.XDG_CACHE_HOME = mkdtempSync(join(os.tmpdir(), "levitate-cache-"));

function view(
  user: string,
  turns: ConversationView["turns"] = [],
  pending: PlanCall[] = [],
): ConversationView {
  return { user, turns, pending, entities: [] };
}

const DISK_POOL: NonNullable<FactsInput["disks"]> = [
  { path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO", transport: "sata" },
  { path: "/dev/sdb", sizeBytes: 32017047552, model: "SanDisk Ultra", transport: "usb", removable: true },
  { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "WD Black SN770", transport: "nvme" },
  { path: "/dev/vdb", sizeBytes: 8589934592, model: "", transport: "virtio", mounted: true },
  { path: "/dev/sr0", sizeBytes: 1073741824, model: "QEMU DVD-ROM", transport: "sata", liveMedium: true },
];
const RECIPE_POOL = ["ripgrep", "fd", "bat", "jq", "helix", "zellij"];
const WORDS = [
  "install on the big disk",
  "add ripgrep",
  "create user vince with sudo",
  "yes",
  "what disks do I have?",
  "German keyboard",
  "remove bat",
  "call it atlas",
];

function pick<T>(xs: readonly T[], mask: number): T[] {
  return xs.filter((_, i) => (mask >> i) & 1);
}

/** Every decision is checked against the facts it was made for; returns the violations. */
function violations(d: Decision, f: Facts, pending: PlanCall[]): string[] {
  const out: string[] = [];
  if ("confirm" in d && !pending.length) out.push("confirm without a pending plan");
  if ("drop" in d)
    for (const e of d.drop)
      if (
        !pending.some(
          (p) => p.tool === e.tool && JSON.stringify(p.args) === JSON.stringify({ ...p.args, ...e.args }),
        )
      )
        out.push(`drop of a step not pending: ${JSON.stringify(e)}`);
  const calls = "calls" in d ? d.calls : "offer" in d && d.offer ? d.offer.calls : [];
  const allowed = toolsForMode(f.mode);
  for (const c of calls) {
    if (!allowed.includes(c.tool)) out.push(`${c.tool} in ${f.mode} mode`);
    if (c.tool === "partitionDisk" && !targetDisks(f).includes(c.args.disk)) out.push(`disk ${c.args.disk}`);
    if (c.tool === "installRecipe" && !f.recipes.includes(c.args.name)) out.push(`recipe ${c.args.name}`);
    if (c.tool === "removeRecipe" && !f.installed.includes(c.args.name)) out.push(`installed ${c.args.name}`);
  }
  return out;
}

async function generations(n: number) {
  const modelPath = writeTinyModel({ seed: 11 });
  const backend = await LlmBackend.create({
    modelPath,
    threads: 1,
    // Hot sampling: random weights are peaked, and the test wants every branch of the grammar.
    temperature: Number(process.env.TINY_TEMPERATURE ?? 2),
    // An offer at this temperature writes its question and its call a character a token.
    maxTokens: 480,
    limits: { replyMaxChars: 24, maxCalls: 1 },
    warn: () => {},
  });
  const bad: string[] = [];
  const kinds = { calls: 0, reply: 0, confirm: 0, drop: 0, offer: 0 };
  const tools = new Set<string>();
  const disks = new Set<string>();
  let pendingTurns = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    // First half live, second half installed: the mode's prompt prefix stays cached within a half.
    const mode = i < n / 2 ? "live" : "installed";
    const f = facts({
      mode,
      disks: pick(DISK_POOL, (i * 7 + 3) % 32),
      recipes: pick(RECIPE_POOL, (i * 13 + 5) % 64),
      installed: pick(RECIPE_POOL, (i * 5 + 1) % 8),
      users: ["root"],
    });
    const pending: PlanCall[] =
      i % 3 === 0
        ? [
            { tool: "setHostname", args: { hostname: "atlas" } },
            { tool: "setLocale", args: { keymap: "de" } },
          ]
        : [];
    if (pending.length) pendingTurns++;
    backend.seed = 1000 + i;
    // Random weights almost always start a plain reply; every other turn the grammar is narrowed
    // to the other kinds so each branch is sampled.
    const narrowings: DecisionKind[][] = [
      [...DECISION_KINDS],
      ["calls"],
      ["offer"],
      pending.length ? ["confirm", "drop"] : ["calls", "offer"],
    ];
    backend.narrow = { kinds: narrowings[i % 4] as DecisionKind[] };
    const d = await backend.decide(
      view(WORDS[i % WORDS.length] as string, [], pending),
      f,
      toolsForMode(mode),
    );
    if (backend.lastStats?.valid === false) bad.push(`#${i}: invalid: ${backend.lastStats.error}`);
    for (const v of violations(d, f, pending)) bad.push(`#${i}: ${v}: ${JSON.stringify(d)}`);
    if ("drop" in d) kinds.drop++;
    else if ("reply" in d && d.offer) kinds.offer++;
    if ("calls" in d) {
      kinds.calls++;
      for (const c of d.calls) {
        tools.add(c.tool);
        if (c.tool === "partitionDisk") disks.add(c.args.disk);
      }
    } else if ("reply" in d) kinds.reply++;
    else if ("confirm" in d) kinds.confirm++;
  }
  const ms = performance.now() - t0;
  await backend.dispose();
  return {
    n,
    bad,
    kinds,
    tools: [...tools].sort(),
    disks: [...disks].sort(),
    pendingTurns,
    invalid: backend.invalidOutputs,
    ms,
  };
}

async function twoTurns(arch: "llama" | "smollm3", template: boolean) {
  const modelPath = writeTinyModel({ seed: 5, arch, chatTemplate: template });
  const backend = await LlmBackend.create({
    modelPath,
    threads: 1,
    maxTokens: 160,
    limits: { replyMaxChars: 24 },
  });
  const f = facts(LIVE_FACTS);
  const d1 = await backend.decide(view("install on the nvme with btrfs"), f, toolsForMode("live"));
  const s1 = backend.lastStats;
  const pending = "calls" in d1 ? d1.calls : [];
  const d2 = await backend.decide(
    view("and add ripgrep", [{ user: "install on the nvme with btrfs", decision: d1 }], pending),
    f,
    toolsForMode("live"),
  );
  const s2 = backend.lastStats;
  // Greedy decoding is deterministic: a fresh sequence gives turn 1 the same answer.
  await backend.sequence.clearHistory();
  const again = await backend.decide(view("install on the nvme with btrfs"), f, toolsForMode("live"));
  await backend.dispose();
  return { d1, d2, s1, s2, again, invalid: backend.invalidOutputs };
}

async function grammarsParse() {
  const llama = await sharedLlama();
  const dir = join(import.meta.dirname, "..", "..", "grammars");
  const parsed: string[] = [];
  for (const name of ["decision-live.gbnf", "decision-installed.gbnf"]) {
    await llama.createGrammar({ grammar: readFileSync(join(dir, name), "utf8") });
    parsed.push(name);
  }
  return { parsed };
}

/** Loads a model file and nothing else: a malformed one may abort this process. */
async function load(path: string) {
  const llama = await sharedLlama();
  const model = await llama.loadModel({ modelPath: path });
  const r = { architecture: model.fileInfo.metadata.general.architecture, tokens: model.tokens.bos };
  await model.dispose();
  return r;
}

/**
 * The next-token distribution after the fixed prefix: evaluated fresh, and loaded from the state
 * file that the first run saved. Also after a prefix that differs in one token (must differ).
 */
async function prefixLogits() {
  const modelPath = writeTinyModel({ seed: 7, arch: "smollm3" });
  const dir = mkdtempSync(join(os.tmpdir(), "levitate-kv-"));
  const where = { readDirs: [dir], writeDir: dir };
  const backend = await LlmBackend.create({ modelPath, threads: 1, prefixState: where, warn: () => {} });
  const { LlamaText, SpecialTokensText } = await import("node-llama-cpp");
  const f = facts(LIVE_FACTS);
  const { prefix } = backend.renderPrompt(view("hi"), f, toolsForMode("live"));
  const tokens = LlamaText(prefix.map((p) => (p.special ? new SpecialTokensText(p.text) : p.text))).tokenize(
    backend.model.tokenizer,
  );
  const next = backend.model.tokenize("<|im_start|>", true)[0] as Token;
  const seq = backend.sequence;
  const probe = async () => {
    const [r] = await seq.controlledEvaluate([[next, { generateNext: { probabilities: true } }]]);
    return r?.next?.probabilities ?? new Map<Token, number>();
  };
  await seq.clearHistory();
  await seq.evaluateWithoutGeneratingNewTokens(tokens);
  const fresh = await probe();
  await seq.clearHistory();
  const built = await loadOrBuildPrefix(seq, tokens, modelPath, "sha-of-tiny", where);
  const afterBuild = await probe();
  await seq.clearHistory();
  const loaded = await loadOrBuildPrefix(seq, tokens, modelPath, "sha-of-tiny", where);
  const afterLoad = await probe();
  await seq.clearHistory();
  const changed = [...tokens];
  changed[changed.length - 2] = next;
  await seq.evaluateWithoutGeneratingNewTokens(changed);
  const other = await probe();
  const diff = (a: Map<Token, number>, b: Map<Token, number>) => {
    let max = 0;
    for (const [t, p] of a) max = Math.max(max, Math.abs(p - (b.get(t) ?? 0)));
    return max;
  };
  const top = (m: Map<Token, number>) => [...m.keys()].slice(0, 5);
  await backend.dispose();
  return {
    prefixTokens: tokens.length,
    vocab: fresh.size,
    built: built.how,
    loaded: loaded.how,
    loadMs: loaded.ms,
    freshVsLoaded: diff(fresh, afterLoad),
    freshVsBuilt: diff(fresh, afterBuild),
    freshVsOther: diff(fresh, other),
    topFresh: top(fresh),
    topLoaded: top(afterLoad),
  };
}

/** A state file saved for model A, put under model B's key, and a corrupted one: both rebuilt, never loaded. */
async function staleState() {
  const a = writeTinyModel({ seed: 8, arch: "smollm3" });
  const dir = mkdtempSync(join(os.tmpdir(), "levitate-kv-"));
  const where = { readDirs: [dir], writeDir: dir };
  const backend = await LlmBackend.create({ modelPath: a, threads: 1, prefixState: where, warn: () => {} });
  const tokens = backend.model.tokenize("<|im_start|>system\nYou are the installer.", true);
  const seq = backend.sequence;
  const first = await loadOrBuildPrefix(seq, tokens, a, "sha-A", where);
  await seq.clearHistory();
  // Model B's key, holding model A's state and description.
  const keyA = stateKey("sha-A", tokens);
  const keyB = stateKey("sha-B", tokens);
  copyFileSync(join(dir, `${keyA}.kvstate`), join(dir, `${keyB}.kvstate`));
  copyFileSync(join(dir, `${keyA}.json`), join(dir, `${keyB}.json`));
  const otherModel = await loadOrBuildPrefix(seq, tokens, a, "sha-B", where);
  await seq.clearHistory();
  // A's own state, bytes flipped after it was described.
  const file = join(dir, `${keyA}.kvstate`);
  const bytes = readFileSync(file);
  bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
  const corrupted = await loadOrBuildPrefix(seq, tokens, a, "sha-A", where);
  await seq.clearHistory();
  const again = await loadOrBuildPrefix(seq, tokens, a, "sha-A", where);
  await seq.clearHistory();
  // The file as written (same size, mtime, inode) is not hashed again: a wrong recorded checksum
  // goes unnoticed while the file is untouched, and is caught once the file's mtime moves.
  const metaFile = join(dir, `${keyA}.json`);
  const meta = JSON.parse(readFileSync(metaFile, "utf8")) as { stateSha256: string };
  writeFileSync(metaFile, JSON.stringify({ ...meta, stateSha256: "0".repeat(64) }));
  const untouched = await loadOrBuildPrefix(seq, tokens, a, "sha-A", where);
  await seq.clearHistory();
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
  const touched = await loadOrBuildPrefix(seq, tokens, a, "sha-A", where);
  await backend.dispose();
  return { first: first.how, otherModel, corrupted, again: again.how, untouched: untouched.how, touched };
}

/**
 * The conversation's safety screen stops the model too: the user keeps the Samsung; the tiny
 * model is forced (its grammar narrowed to partitionDisk calls on that one disk) to propose
 * erasing it; decideTurn refuses, and nothing reaches the plan.
 */
async function safety() {
  const { Conversation } = await import("../../agent/conversation.js");
  const { decideTurn } = await import("../../agent/turn.js");
  const modelPath = writeTinyModel({ seed: 9, arch: "smollm3" });
  const llm = await LlmBackend.create({ modelPath, threads: 1, maxTokens: 200, warn: () => {} });
  llm.narrow = { kinds: ["calls"], maxCalls: 1 };
  const f = facts(LIVE_FACTS);
  const onlySamsung = { ...f, disks: f.disks.filter((d) => d.path === "/dev/sda") };
  // The model sees a machine whose only erasable disk is the protected one; the conversation,
  // its checks and its screen see the real machine.
  const forced = {
    name: "llm",
    decide: (conv: ConversationView) => llm.decide(conv, onlySamsung, ["partitionDisk"]),
  };
  const conv = new Conversation(f);
  const said = "keep the samsung, install on the other one";
  const view = conv.view(said);
  const proposed = await llm.decide(view, onlySamsung, ["partitionDisk"]);
  const decided = await decideTurn(forced, view, f);
  const outcome = conv.record(said, decided);
  await llm.dispose();
  return {
    protections: view.protections ?? [],
    proposed,
    decided,
    outcome: outcome.kind,
    pending: conv.pending,
    invalid: llm.invalidOutputs,
  };
}

/**
 * Turn 1 with the facts prepared in the background (the chat), on a second start with this
 * machine's saved state (a second `ask`), and on a changed machine; each against a backend that
 * saves and loads nothing (greedy: the same decision). Also jump-forward on and off.
 */
async function machineState() {
  const modelPath = writeTinyModel({ seed: 5, arch: "llama", chatTemplate: true });
  // Calls only: random weights would otherwise reply, and a reply has nothing to force.
  const base = {
    modelPath,
    threads: 1,
    maxTokens: 400,
    limits: { kinds: ["calls"] as DecisionKind[], maxCalls: 1 },
  };
  const f = facts(LIVE_FACTS);
  const g = facts({ ...LIVE_FACTS, recipes: [...(LIVE_FACTS.recipes ?? []), "zellij"] });
  const words = "install on the nvme with btrfs";
  const tools = toolsForMode("live");
  const turn = async (b: LlmBackend, fx: Facts, prepare = false) => {
    if (prepare) b.prepare(fx, tools);
    const d = await b.decide(view(words), fx, tools);
    return { d, s: b.lastStats };
  };
  const fresh = await LlmBackend.create({ ...base, prefixState: false });
  const plain = await turn(fresh, f);
  await fresh.sequence.clearHistory();
  const plainG = await turn(fresh, g);
  await fresh.dispose();
  const first = await LlmBackend.create(base);
  const prepared = await turn(first, f, true);
  await first.dispose();
  // A first `ask` on this machine (no prepare): evaluates the facts and saves the machine's state.
  const firstAsk = await LlmBackend.create(base);
  const asked = await turn(firstAsk, f);
  await firstAsk.dispose();
  const second = await LlmBackend.create(base);
  const again = await turn(second, f);
  await second.sequence.clearHistory();
  const changed = await turn(second, g);
  await second.dispose();
  // Prepared for one machine, asked on another at once: the preparation stops, the turn is right.
  const switching = await LlmBackend.create(base);
  switching.prepare(f, tools);
  const switched = await turn(switching, g);
  await switching.dispose();
  const noJump = await LlmBackend.create({ ...base, prefixState: false, jumpForward: false });
  const unforced = await turn(noJump, f);
  await noJump.dispose();
  return { plain, plainG, prepared, asked, again, changed, switched, unforced };
}

const [scenario, arg] = process.argv.slice(2);
const result =
  scenario === "generations"
    ? await generations(Number(arg ?? 200))
    : scenario === "two-turns"
      ? await twoTurns(arg === "smollm3" ? "smollm3" : "llama", !process.argv.includes("--no-template"))
      : scenario === "grammars"
        ? await grammarsParse()
        : scenario === "load"
          ? await load(arg as string)
          : scenario === "prefix-logits"
            ? await prefixLogits()
            : scenario === "stale-state"
              ? await staleState()
              : scenario === "safety"
                ? await safety()
                : scenario === "machine-state"
                  ? await machineState()
                  : undefined;
if (!result) {
  process.stderr.write(`unknown scenario ${scenario}\n`);
  process.exit(2);
}
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
