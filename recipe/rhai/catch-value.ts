/**
 * The value `catch (err)` receives, as the real engine builds it: the thrown value for `throw`,
 * else an object map describing the error (`message`, `error` naming Rhai's error variant,
 * `line`, `position`, `source`, and the variant's own fields such as `variable` or `index`).
 */
import type { RhaiError } from "./errors.js";
import type { RMap, Value } from "./values.js";

type Fields = (m: RegExpExecArray) => [string, Value][];

/** Our error messages mapped to Rhai's error variants and the fields it adds for each. */
const VARIANTS: [RegExp, string, Fields][] = [
  [/^Variable not found: (?:global::)?(.+)$/, "ErrorVariableNotFound", (m) => [["variable", m[1] as string]]],
  [/^Function not found: (.+)$/, "ErrorFunctionNotFound", (m) => [["function", m[1] as string]]],
  [
    /^Index (-?\d+) out of bounds: the (array|string|bit field) has (\d+)/,
    "",
    (m) => [
      ["length", Number(m[3])],
      ["index", Number(m[1])],
    ],
  ],
  [/^Property not found: (\w+)/, "ErrorPropertyNotFound", (m) => [["variable", m[1] as string]]],
  [/^Cannot assign to constant '(.+)'/, "ErrorAssignmentToConstant", (m) => [["variable", m[1] as string]]],
  [/^Module not found: (.+)$/, "ErrorModuleNotFound", (m) => [["module", m[1] as string]]],
  [/`this` is only bound/, "ErrorUnboundThis", () => []],
  [/^(Cannot iterate|An object map cannot be iterated)/, "ErrorFor", () => []],
  [/overflow|[Dd]ivision by zero|Arithmetic/, "ErrorArithmetic", () => []],
  [/index must be|^Cannot index into/, "ErrorIndexingType", () => []],
  [/must be an? |^Only an? /, "ErrorMismatchDataType", () => []],
  [/^Error in function '([^']+)'/, "ErrorInFunctionCall", (m) => [["function", m[1] as string]]],
];

const BOUNDS: Record<string, string> = {
  array: "ErrorArrayBounds",
  string: "ErrorStringBounds",
  "bit field": "ErrorBitFieldBounds",
};

export function catchValue(e: RhaiError): Value {
  if (e.kind === "throw") return e.value ?? null;
  const m: RMap = new Map();
  m.set("message", e.detail);
  let variant = "ErrorRuntime";
  const extra: [string, Value][] = [];
  for (const [re, name, fields] of VARIANTS) {
    const hit = re.exec(e.detail);
    if (!hit) continue;
    variant = name || (BOUNDS[hit[2] as string] ?? "ErrorRuntime");
    extra.push(...fields(hit));
    break;
  }
  m.set("error", variant);
  // Scripts named by their host have a source; `<script>`-style placeholders are no name.
  if (e.file && !e.file.startsWith("<")) m.set("source", e.file);
  if (e.line > 0) {
    m.set("line", e.line);
    m.set("position", e.column);
  }
  for (const [k, v] of extra) m.set(k, v);
  return m;
}
