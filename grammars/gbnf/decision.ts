/**
 * The decision (CONTRACTS §2) a model may give on one turn, narrowed to this machine and this
 * moment: only the tools allowed in this mode, disk and recipe names from the facts, `confirm`
 * only while a plan is pending, `drop` only over the pending steps, `offer` of valid calls. The same narrowed zod schema gives the GBNF grammar the model
 * decodes under and validates what comes out, so the two cannot drift apart.
 */
import { z } from "zod";
import { rootFilesystems } from "../../facts/filesystems.js";
import type { Facts } from "../../facts/schema.js";
import { MAX_CALLS, type ModelToolCall } from "../../tools/decision.js";
import { FILESYSTEMS } from "../../tools/partitionDisk.js";
import { TOOLS, toolsForMode } from "../../tools/registry.js";
import type { ToolName } from "../../tools/types.js";
import { TOOL_NAMES } from "../../tools/types.js";
import { pyJson } from "../python.js";
import { CONFIRM_TOOL, DROP_TOOL, dropArguments, OFFER_TOOL } from "../toolCalls.js";
import { alt, GbnfBuilder, literal } from "./builder.js";
import { named, PYTHON_JSON, ZodGbnfCompiler } from "./zod.js";

export interface TurnLimits {
  /** Longest reply, in characters (the contract allows 2000). */
  replyMaxChars: number;
  /** Most calls in one decision (the contract allows 8). */
  maxCalls: number;
  /**
   * The kinds of decision the grammar offers (default all that apply). Narrowing is for tests and
   * the bench: a random-weight model otherwise almost always starts a plain reply.
   */
  kinds: readonly DecisionKind[];
}

export type DecisionKind = "reply" | "calls" | "offer" | "confirm" | "drop";
export const DECISION_KINDS: readonly DecisionKind[] = ["reply", "calls", "offer", "confirm", "drop"];

export const DEFAULT_LIMITS: TurnLimits = { replyMaxChars: 600, maxCalls: MAX_CALLS, kinds: DECISION_KINDS };

export interface TurnContext {
  /** A plan is pending: `confirm` is offered. */
  pending: boolean;
  /** The pending steps, when known: `drop` is offered over exactly these. */
  pendingCalls?: readonly ModelToolCall[];
  /** Tools the caller allows this turn; intersected with the mode's tools. */
  allowedTools?: readonly ToolName[];
  limits?: Partial<TurnLimits>;
}

export interface TurnSchema {
  /** The decision (CONTRACTS §2 form) the model may give this turn; validates the mapped output. */
  schema: z.ZodType;
  /** The tools the model may call this turn (possibly none). */
  tools: ToolName[];
  /** Tools the mode allows but the facts leave nothing to name (no disk, no recipe), with why. */
  withheld: { tool: ToolName; why: string }[];
  confirm: boolean;
  /** The pending steps `dropStep` may name, as its arguments' exact JSON text. */
  dropSteps: string[];
  limits: TurnLimits;
  /** Per allowed tool, its args narrowed to this machine (the grammar's source). */
  args: Map<ToolName, z.ZodType>;
}
/** Disks the installer may erase: not the live medium, not mounted (plan validation agrees). */
export function targetDisks(facts: Facts): string[] {
  return facts.disks.filter((d) => !d.liveMedium && !d.mounted).map((d) => d.path);
}

/** Values from the facts that the tool's own field schema also accepts, deduplicated. */
function admissible(field: z.ZodType, values: readonly string[]): string[] {
  return [...new Set(values)].filter((v) => field.safeParse(v).success);
}

function narrowedArgs(tool: ToolName, facts: Facts): { args: z.ZodType } | { why: string } {
  const enumOf = (field: z.ZodType, values: readonly string[], none: string) => {
    const ok = admissible(field, values);
    return ok.length ? z.enum(ok as [string, ...string[]]).describe(field.description ?? "") : none;
  };
  switch (tool) {
    case "partitionDisk": {
      const args = TOOLS.partitionDisk.args;
      const disk = enumOf(args.shape.disk, targetDisks(facts), "no disk that could be erased");
      if (typeof disk === "string") return { why: disk };
      // Only filesystems the running kernel can mount; unchanged when the facts do not say (or
      // allow all), so the grammar for such machines stays what it was.
      const fss = rootFilesystems(facts, FILESYSTEMS);
      if (fss.length === 0) return { why: `the running kernel can mount none of ${FILESYSTEMS.join(", ")}` };
      if (fss.length === FILESYSTEMS.length) return { args: args.extend({ disk }) };
      const filesystem = z
        .enum(fss as [string, ...string[]])
        .default(fss.includes("ext4") ? "ext4" : (fss[0] as string))
        .describe(args.shape.filesystem.description ?? "");
      return { args: args.extend({ disk, filesystem }) };
    }
    case "installRecipe": {
      const args = TOOLS.installRecipe.args;
      const name = enumOf(args.shape.name, facts.recipes, "no recipes are available");
      return typeof name === "string" ? { why: name } : { args: args.extend({ name }) };
    }
    case "removeRecipe": {
      const args = TOOLS.removeRecipe.args;
      const name = enumOf(args.shape.name, facts.installed, "nothing is installed from recipes");
      return typeof name === "string" ? { why: name } : { args: args.extend({ name }) };
    }
    default:
      return { args: TOOLS[tool].args };
  }
}

export function turnSchema(facts: Facts, ctx: TurnContext): TurnSchema {
  const limits: TurnLimits = { ...DEFAULT_LIMITS, ...ctx.limits };
  const allowed = new Set(ctx.allowedTools ?? toolsForMode(facts.mode));
  const tools: ToolName[] = [];
  const withheld: TurnSchema["withheld"] = [];
  const calls: z.ZodType[] = [];
  const argsByTool = new Map<ToolName, z.ZodType>();
  for (const tool of toolsForMode(facts.mode)) {
    if (!allowed.has(tool)) continue;
    const n = narrowedArgs(tool, facts);
    if ("why" in n) {
      withheld.push({ tool, why: n.why });
      continue;
    }
    tools.push(tool);
    const args = named(n.args, `${tool}-args`);
    argsByTool.set(tool, args);
    calls.push(named(z.strictObject({ tool: z.literal(tool), args }), `${tool}-call`));
  }
  const options: z.ZodType[] = [];
  const kind = new Set(limits.kinds);
  const [first, ...more] = calls;
  const call = first ? (more.length ? z.union([first, ...more]) : first) : undefined;
  if (call && kind.has("calls"))
    options.push(z.strictObject({ calls: z.array(call).min(1).max(limits.maxCalls) }));
  const reply = z.string().min(1).max(limits.replyMaxChars);
  const offer = z.strictObject({
    calls: z
      .array(call ?? z.never())
      .min(1)
      .max(limits.maxCalls),
  });
  if (kind.has("reply"))
    options.push(
      z.strictObject({ reply, ...(call && kind.has("offer") ? { offer: offer.optional() } : {}) }),
    );
  else if (call && kind.has("offer")) options.push(z.strictObject({ reply, offer }));
  const confirm = ctx.pending && kind.has("confirm");
  if (confirm) options.push(z.strictObject({ confirm: z.boolean() }));
  // Only the steps actually pending, each named exactly as the plan lists it.
  const dropSteps = kind.has("drop")
    ? [...new Set((ctx.pendingCalls ?? []).map((c) => pyJson(dropArguments(c))))]
    : [];
  if (dropSteps.length) {
    const allowedSteps = new Set(dropSteps);
    const entry = z
      .strictObject({ tool: z.enum(TOOL_NAMES), args: z.record(z.string(), z.unknown()) })
      .refine((e) => allowedSteps.has(pyJson(e)), { message: "not a pending step" });
    options.push(
      z.strictObject({ drop: z.array(entry).min(1).max(Math.min(limits.maxCalls, dropSteps.length)) }),
    );
  }
  if (options.length === 0)
    throw new Error(`no decision of the kinds ${limits.kinds.join(", ")} is possible this turn`);
  const schema = options.length === 1 ? (options[0] as z.ZodType) : z.union(options);
  return { schema, tools, withheld, confirm, dropSteps, limits, args: argsByTool };
}

const TOOL_CALL_OPEN_GBNF = literal("<tool_call>\n");
const TOOL_CALL_CLOSE_GBNF = literal("\n</tool_call>");

/**
 * The GBNF grammar for a turn, in SmolLM3's trained form: a plain-text reply, or `<tool_call>`
 * blocks whose JSON (spaced as Python writes it) is exactly one valid call each: the installer's
 * tools with this machine's values, `confirmPlan` only while a plan is pending, `dropStep` only
 * over the pending steps, `offer` with valid calls. `header` lines become comments at the top.
 */
export function turnGrammar(turn: TurnSchema, header?: string): string {
  const builder = new GbnfBuilder();
  const root = builder.reserve("root");
  const compiler = new ZodGbnfCompiler(builder, PYTHON_JSON);
  const wrap = (inner: string, max: number, sep = literal("\n")) => {
    const one = `${TOOL_CALL_OPEN_GBNF} ${inner} ${TOOL_CALL_CLOSE_GBNF}`;
    return max > 1 ? `${one} ( ${sep} ${one} ){0,${max - 1}}` : one;
  };
  const options: string[] = [];
  const kind = new Set(turn.limits.kinds);
  // A reply: plain text that does not start with a tag or a space, on one or more lines.
  if (kind.has("reply"))
    options.push(
      builder.rule(
        "reply",
        `[^<\\x00-\\x20] [^\\x00-\\x09\\x0b-\\x1f]{0,${Math.max(0, turn.limits.replyMaxChars - 1)}}`,
      ),
    );
  const native = [...turn.args].map(([tool, args]) =>
    named(z.strictObject({ name: z.literal(tool), arguments: args }), `${tool}-call`),
  );
  const [first, ...more] = native;
  if (first) {
    const call = named(more.length ? z.union([first, ...more]) : first, "call");
    const callRule = compiler.compile(call, "call");
    if (kind.has("calls")) options.push(builder.rule("calls", wrap(callRule, turn.limits.maxCalls)));
    const offer = z.strictObject({
      name: z.literal(OFFER_TOOL),
      arguments: z.strictObject({
        question: z.string().min(1).max(turn.limits.replyMaxChars),
        calls: z.array(call).min(1).max(turn.limits.maxCalls),
      }),
    });
    if (kind.has("offer"))
      options.push(builder.rule("offer", wrap(compiler.compile(offer, "offer-call"), 1)));
  }
  if (turn.confirm) {
    const confirm = z.strictObject({
      name: z.literal(CONFIRM_TOOL),
      arguments: z.strictObject({ yes: z.boolean() }),
    });
    options.push(builder.rule("confirm", wrap(compiler.compile(confirm, "confirm-call"), 1)));
  }
  if (turn.dropSteps.length) {
    const step = builder.rule("drop-step", alt(turn.dropSteps.map(literal)));
    const dropCall = `${literal(`{"name": "${DROP_TOOL}", "arguments": `)} ${step} "}"`;
    options.push(builder.rule("drop", wrap(dropCall, Math.min(turn.limits.maxCalls, turn.dropSteps.length))));
  }
  builder.define(root, alt(options));
  return builder.render(header);
}
