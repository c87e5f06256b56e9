/**
 * Markdown tables from JSON Schema (what `z.toJSONSchema` makes of a zod schema): the format
 * pages in docs/ are generated from the schemas the code validates with, so they cannot drift.
 */

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (v: unknown) => `\`${typeof v === "string" ? v : JSON.stringify(v)}\``;

/** A short type: `string`, `"a" \| "b"`, `string[]`, `integer 1-100`, `/regex/`. */
export function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return code(s.const);
  if (s.enum) return s.enum.map(code).join(" | ");
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map(typeOf).join(" or ");
  const t = Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "any");
  if (t === "array")
    return `${s.items ? typeOf(s.items) : "any"}[]${bounds(s.minItems, s.maxItems, " items")}`;
  if (t === "object" && !s.properties) return "object";
  let out = t;
  if (s.pattern) out += ` matching \`${s.pattern}\``;
  else out += bounds(s.minLength, s.maxLength, " chars");
  // JavaScript's safe-integer limits say nothing a reader needs.
  const max = s.maximum !== undefined && s.maximum >= Number.MAX_SAFE_INTEGER ? undefined : s.maximum;
  const min = s.minimum !== undefined && s.minimum <= Number.MIN_SAFE_INTEGER ? undefined : s.minimum;
  out += bounds(min, max, "");
  return out;
}

function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  if (min === undefined && max === undefined) return "";
  if (min !== undefined && max !== undefined) return ` (${min}-${max}${unit})`;
  return min !== undefined ? ` (≥ ${min}${unit})` : ` (≤ ${max}${unit})`;
}

/**
 * One row per property, nested objects flattened as `a.b`, array-of-object items as `a[].b`.
 * `describe` supplies a description where the schema has none; a field with neither throws,
 * so a new field cannot be added without saying what it is.
 */
export function propertyTable(
  schema: JsonSchema,
  describe: (path: string) => string | undefined = () => undefined,
  opts: { requireMeaning?: boolean } = {},
): string {
  const rows: string[] = ["| field | type | required | default | meaning |", "|---|---|---|---|---|"];
  const walk = (s: JsonSchema, prefix: string) => {
    const req = new Set(s.required ?? []);
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      const path = prefix + name;
      const meaning = p.description ?? describe(path) ?? "";
      if (!meaning && opts.requireMeaning !== false)
        throw new Error(`schema doc: ${path} has no description; add one`);
      rows.push(
        `| \`${path}\` | ${cell(typeOf(p))} | ${req.has(name) ? "yes" : ""} | ${
          p.default !== undefined && (typeof p.default !== "object" || Array.isArray(p.default))
            ? cell(code(p.default))
            : ""
        } | ${cell(meaning)} |`,
      );
      const inner = p.items?.properties ? p.items : p.properties ? p : undefined;
      const nullable = (p.anyOf ?? []).find((x) => x.properties);
      if (inner) walk(inner, `${path}${inner === p.items ? "[]" : ""}.`);
      else if (nullable) walk(nullable, `${path}.`);
    }
  };
  walk(schema, "");
  return rows.join("\n");
}
