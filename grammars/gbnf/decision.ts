/**
 * The decision (CONTRACTS §2) a model may give on one turn, narrowed to this machine and this
 * moment: only the tools allowed in this mode, disk and recipe names from the facts, `confirm`
 * only while a plan is pending. The same narrowed zod schema gives the GBNF grammar the model
 * decodes under and validates what comes out, so the two cannot drift apart.
 */
import { z } from "zod";
import { rootFilesystems } from "../../agent/facts/filesystems.js";
import type { Facts } from "../../agent/facts/schema.js";
import { FILESYSTEMS } from "../../tools/partitionDisk.js";
import { TOOLS, toolsForMode } from "../../tools/registry.js";
import type { ToolName } from "../../tools/types.js";
import { GbnfBuilder } from "./builder.js";
import { named, ZodGbnfCompiler } from "./zod.js";

export interface TurnLimits {
  /** Longest reply, in characters (the contract allows 2000). */
  replyMaxChars: number;
  /** Most calls in one decision (the contract allows 8). */
  maxCalls: number;
}

export const DEFAULT_LIMITS: TurnLimits = { replyMaxChars: 600, maxCalls: 8 };

export interface TurnContext {
  /** A plan is pending: `confirm` is offered. */
  pending: boolean;
  /** Tools the caller allows this turn; intersected with the mode's tools. */
  allowedTools?: readonly ToolName[];
  limits?: Partial<TurnLimits>;
}

export interface TurnSchema {
  schema: z.ZodType;
  /** The tools the model may call this turn (possibly none). */
  tools: ToolName[];
  /** Tools the mode allows but the facts leave nothing to name (no disk, no recipe), with why. */
  withheld: { tool: ToolName; why: string }[];
  confirm: boolean;
  limits: TurnLimits;
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
  for (const tool of toolsForMode(facts.mode)) {
    if (!allowed.has(tool)) continue;
    const n = narrowedArgs(tool, facts);
    if ("why" in n) {
      withheld.push({ tool, why: n.why });
      continue;
    }
    tools.push(tool);
    calls.push(
      named(z.strictObject({ tool: z.literal(tool), args: named(n.args, `${tool}-args`) }), `${tool}-call`),
    );
  }
  const options: z.ZodType[] = [];
  const [first, ...more] = calls;
  if (first) {
    const call = more.length ? named(z.union([first, ...more]), "call") : first;
    options.push(named(z.strictObject({ calls: z.array(call).min(1).max(limits.maxCalls) }), "calls"));
  }
  options.push(named(z.strictObject({ reply: z.string().min(1).max(limits.replyMaxChars) }), "reply"));
  if (ctx.pending) options.push(named(z.strictObject({ confirm: z.boolean() }), "confirm"));
  const schema = named(options.length === 1 ? (options[0] as z.ZodType) : z.union(options), "decision");
  return { schema, tools, withheld, confirm: ctx.pending, limits };
}

/** The GBNF grammar for a turn; `header` lines become comments at the top. */
export function turnGrammar(turn: TurnSchema, header?: string): string {
  const builder = new GbnfBuilder();
  const root = builder.reserve("root");
  const compiler = new ZodGbnfCompiler(builder);
  builder.define(root, compiler.compile(turn.schema, "decision"));
  return builder.render(header);
}
