/**
 * zod → GBNF. Walks a zod 4 schema and writes a readable grammar whose every sentence is compact
 * JSON the schema accepts (modulo refinements, which zod still checks on the output):
 *
 * - objects: properties in declaration order; optional and defaulted ones may be omitted; an
 *   object whose properties are all optional but which carries a refinement must have at least
 *   one (our one such schema, setLocale, requires "at least one of");
 * - strings: always bounded (a string without `.max()` is an error: unbounded generation runs to
 *   the token budget and never closes its quote); `.regex()` patterns become GBNF; otherwise any
 *   JSON string character or escape;
 * - enums, literals, booleans, integers within bounds, bounded arrays, unions.
 *
 * Anything else throws with the schema path, so a new schema feature cannot silently loosen the
 * grammar (node-llama-cpp's JSON-schema converter, by contrast, drops `required`, `pattern` and
 * numeric bounds and turns `anyOf` into `null`).
 */
import type { z } from "zod";
import { grammarPatternOf } from "../../tools/grammarPattern.js";
import { alt, GbnfBuilder, jsonLiteral, literal } from "./builder.js";
import { MAX_REPEAT, patternLongest, patternToGbnf } from "./regex.js";

export class GbnfCompileError extends Error {}

/** Explicit rule names for schemas, so generated grammars read `partition-disk-args ::= ...`. */
const ruleNames = new WeakMap<z.ZodType, string>();

export function named<T extends z.ZodType>(schema: T, ruleName: string): T {
  ruleNames.set(schema, ruleName);
  return schema;
}

/** One JSON string character: anything but `"`, `\` and controls, or a short escape. */
const JSON_CHAR = '[^"\\\\\\x00-\\x1f] | "\\\\" ["\\\\/bfnrt]';

// zod 4 keeps a schema's definition on `.def`; these are the parts of it we read.
interface Def {
  type: string;
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  maximum?: number;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { def: Def }).def;
}

function checksOf(schema: z.ZodType): CheckDef[] {
  const checks = (defOf(schema).checks ?? []) as { _zod: { def: CheckDef } }[];
  return checks.map((c) => c._zod.def);
}

/**
 * How JSON is spaced: compact (`{"a":1,"b":2}`), or as Python's json.dumps writes it
 * (`{"a": 1, "b": 2}`), the form SmolLM3 saw its tool calls in.
 */
export interface JsonStyle {
  item: string;
  key: string;
}
export const COMPACT_JSON: JsonStyle = { item: ",", key: ":" };
export const PYTHON_JSON: JsonStyle = { item: ", ", key: ": " };

export class ZodGbnfCompiler {
  /** A schema compiled once is one rule, however often it is used. */
  private readonly compiled = new Map<z.ZodType, string>();

  constructor(
    readonly builder: GbnfBuilder = new GbnfBuilder(),
    readonly style: JsonStyle = COMPACT_JSON,
  ) {}

  /** GBNF for `schema`'s JSON form; a rule named `name` (or the schema's registered name). */
  compile(schema: z.ZodType, name: string): string {
    const explicit = ruleNames.get(schema);
    const def = defOf(schema);
    // Small leaf bodies stay inline; everything else gets a named rule to keep the grammar readable.
    if (!explicit && (def.type === "boolean" || def.type === "literal")) return this.body(schema, name);
    const done = this.compiled.get(schema);
    if (done) return done;
    const rule = this.builder.reserve(explicit ?? name);
    this.compiled.set(schema, rule);
    this.builder.define(rule, this.body(schema, explicit ?? name));
    return rule;
  }

  private body(schema: z.ZodType, name: string): string {
    const def = defOf(schema);
    switch (def.type) {
      case "optional":
      case "default":
      case "nullable":
      case "readonly":
        if (def.type === "nullable") return alt([this.compile(def.innerType as z.ZodType, name), '"null"']);
        return this.body(def.innerType as z.ZodType, name);
      case "string":
        return this.string(schema, name);
      case "enum": {
        const values = Object.values(def.entries as Record<string, string | number>);
        return alt(values.map(jsonLiteral));
      }
      case "literal":
        return alt((def.values as unknown[]).map(jsonLiteral));
      case "boolean":
        return '( "true" | "false" )';
      case "number":
        return this.integer(schema, name);
      case "array":
        return this.array(schema, def, name);
      case "object":
        return this.object(schema, def, name);
      case "union":
        return alt(
          (def.options as z.ZodType[]).map((o, i) => {
            const optionName = ruleNames.get(o) ?? `${name}-${unionOptionName(o) ?? i + 1}`;
            return this.compile(o, optionName);
          }),
        );
      default:
        throw new GbnfCompileError(`${name}: zod type "${def.type}" has no GBNF translation`);
    }
  }

  private string(schema: z.ZodType, name: string): string {
    const own = grammarPatternOf(schema);
    if (own && patternLongest(own.pattern) > own.max)
      throw new GbnfCompileError(`${name}: the grammar's own pattern admits more than ${own.max} characters`);
    if (own)
      return `"\\"" ${patternToGbnf(own.pattern, own.max, (body) => this.builder.rule(`${name}-part`, body))} "\\""`;
    let max: number | undefined;
    let min = 0;
    const patterns: RegExp[] = [];
    for (const c of checksOf(schema)) {
      if (c.check === "max_length") max = Math.min(max ?? Infinity, c.maximum ?? Infinity);
      else if (c.check === "min_length") min = Math.max(min, c.minimum ?? 0);
      else if (c.check === "length_equals") min = max = c.value ?? 0;
      else if (c.check === "string_format" && c.format === "regex" && c.pattern) patterns.push(c.pattern);
      else if (c.check === "string_format")
        throw new GbnfCompileError(`${name}: string format "${c.format}" has no GBNF translation`);
    }
    if (max === undefined)
      throw new GbnfCompileError(`${name}: a string needs .max(): unbounded generation never ends`);
    if (patterns.length > 1) throw new GbnfCompileError(`${name}: more than one pattern per string`);
    const pattern = patterns[0];
    if (max > MAX_REPEAT)
      throw new GbnfCompileError(`${name}: .max(${max}) is above ${MAX_REPEAT}, the most llama.cpp repeats`);
    if (pattern)
      return `"\\"" ${patternToGbnf(pattern, max, (body) => this.builder.rule(`${name}-part`, body))} "\\""`;
    const char = this.builder.rule("json-char", JSON_CHAR);
    return `"\\"" ${char}{${min},${max}} "\\""`;
  }

  private integer(schema: z.ZodType, name: string): string {
    const checks = checksOf(schema);
    const isInt = checks.some((c) => c.check === "number_format");
    let lo: number | undefined;
    let hi: number | undefined;
    for (const c of checks) {
      if (c.check === "greater_than") lo = Number(c.value) + (c.inclusive ? 0 : 1);
      if (c.check === "less_than") hi = Number(c.value) - (c.inclusive ? 0 : 1);
    }
    if (!isInt || lo === undefined || hi === undefined || lo < 0 || hi - lo > 1000)
      throw new GbnfCompileError(`${name}: only small bounded non-negative integers are supported`);
    const values: string[] = [];
    for (let v = lo; v <= hi; v++) values.push(literal(String(v)));
    return alt(values);
  }

  private array(schema: z.ZodType, def: Def, name: string): string {
    let max: number | undefined;
    let min = 0;
    for (const c of checksOf(schema)) {
      if (c.check === "max_length") max = c.maximum;
      else if (c.check === "min_length") min = c.minimum ?? 0;
      else if (c.check === "length_equals") min = max = c.value ?? 0;
    }
    if (max === undefined) throw new GbnfCompileError(`${name}: an array needs .max()`);
    const item = this.compile(def.element as z.ZodType, `${name}-item`);
    if (max === 0) return '"[]"';
    const sep = literal(this.style.item);
    const more = max - 1 === 0 ? "" : ` ( ${sep} ${item} ){${Math.max(0, min - 1)},${max - 1}}`;
    const items = `${item}${more}`;
    return min === 0 ? `"[" ( ${items} )? "]"` : `"[" ${items} "]"`;
  }

  private object(schema: z.ZodType, def: Def, name: string): string {
    const catchall = def.catchall as z.ZodType | undefined;
    if (catchall && defOf(catchall).type !== "never")
      throw new GbnfCompileError(`${name}: only strict objects (no extra keys) have a grammar`);
    const shape = def.shape as Record<string, z.ZodType>;
    const props = Object.entries(shape).map(([key, value]) => {
      const t = defOf(value).type;
      return {
        required: t !== "optional" && t !== "default",
        text: `${jsonLiteral(key)} ${literal(this.style.key)} ${this.compile(value, `${name}-${key}`)}`,
      };
    });
    if (props.length === 0) return '"{}"';
    const sep = literal(this.style.item);
    // After the first property that is written, each later one is ",prop" (optional ones may be skipped).
    const rest = (from: number) =>
      props
        .slice(from)
        .map((p) => (p.required ? `${sep} ${p.text}` : `( ${sep} ${p.text} )?`))
        .join(" ");
    const firstRequired = props.findIndex((p) => p.required);
    const lastStart = firstRequired === -1 ? props.length - 1 : firstRequired;
    const starts: string[] = [];
    for (let i = 0; i <= lastStart; i++) {
      const tail = rest(i + 1);
      const p = props[i] as { text: string };
      starts.push(tail ? `${p.text} ${tail}` : p.text);
    }
    const atLeastOne = firstRequired !== -1 || checksOf(schema).length > 0;
    const inner = starts.length === 1 ? (starts[0] as string) : `( ${starts.join(" | ")} )`;
    return atLeastOne ? `"{" ${inner} "}"` : `"{" ${starts.length === 1 ? `( ${inner} )` : inner}? "}"`;
  }
}

/** `calls`, `reply`, `confirm`: a union option that is an object with one key is named by it. */
function unionOptionName(schema: z.ZodType): string | undefined {
  const def = defOf(schema);
  if (def.type !== "object") return undefined;
  const keys = Object.keys(def.shape as object);
  return keys.length === 1 ? keys[0] : undefined;
}

/** A whole grammar whose root is `schema`. */
export function zodToGbnf(schema: z.ZodType, header?: string): string {
  const builder = new GbnfBuilder();
  const root = builder.reserve("root");
  const compiler = new ZodGbnfCompiler(builder);
  builder.define(root, compiler.compile(schema, "value"));
  return builder.render(header);
}
