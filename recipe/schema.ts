import { z } from "zod";
import { RECIPE_NAME } from "../facts/schema.js";
import { parseChecksum } from "./download.js";

export { RECIPE_NAME };

/**
 * A version, as `NAME@VERSION` pins it and `pkg.version` declares it: one rule for both, so every
 * version a recipe records can be pinned, and none reads as an option, a path or shell text.
 */
export const VERSION = /^[0-9A-Za-z][0-9A-Za-z._+~-]{0,63}$/;

const checksumText = z.string().refine(
  (s) => {
    try {
      parseChecksum(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected sha256:<64 hex digits> or sha512:<128 hex digits>" },
);

const url = z.string().refine((s) => /^(https?|file):\/\/\S+$/.test(s) || /^rpm:[A-Za-z0-9._+-]+$/.test(s), {
  message: "expected an http(s):// or file:// URL, or rpm:NAME for a package from a local mirror",
});

/**
 * The `pkg` map every recipe declares. Recipes are executable code from files anyone can edit,
 * so this is an edge: checked before any lifecycle function runs.
 */
export const PkgSchema = z
  .object({
    name: z.string().regex(RECIPE_NAME, "lowercase letters, digits and . _ + - (at most 64)"),
    version: z
      .string()
      .regex(
        VERSION,
        'a version starts with a letter or digit, then letters, digits and . _ + ~ - (e.g. "14.1.1")',
      ),
    description: z.string().max(200).default(""),
    deps: z.array(z.string().regex(RECIPE_NAME, "a recipe name")).default([]),
    homepage: z.string().optional(),
    license: z.string().optional(),
    /** Download URL per architecture (`x86_64`, `aarch64`), for recipes that call `download(pkg.urls[arch()], …)`. */
    urls: z.record(z.string(), url).optional(),
    /** Checksums keyed like `urls` (per architecture) or by file name. */
    checksums: z.record(z.string(), checksumText).optional(),
    /**
     * The most MiB one download, or one archive's unpacked contents, may take (default 2048 for a
     * download, 4096 unpacked): a larger one is refused while it streams or inflates.
     */
    max_size_mib: z.number().int().min(1).max(65_536).optional(),
  })
  .strict();

export type Pkg = z.infer<typeof PkgSchema>;

/** One line per problem, each naming the field: what the user needs to fix the recipe. */
export function describeZodError(err: z.ZodError): string {
  return err.issues
    .map((i) => {
      const path = i.path.length ? `pkg.${i.path.join(".")}` : "pkg";
      return `${path}: ${i.message}`;
    })
    .join("; ");
}
