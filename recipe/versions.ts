import { z } from "zod";
import { safeText } from "../steps/terminalText.js";
import { RECIPE_NAME, VERSION } from "./schema.js";

export { VERSION };

/**
 * Version pins: `recipe install NAME@VERSION` and installRecipe's `version`. A recipe provides the
 * version its `pkg.version` declares (checked by PkgSchema); a pin to any other version is refused
 * with the versions it can provide, never silently ignored. A recipe whose version is `latest`
 * takes whatever its mirror has, so it provides no fixed version to pin.
 */

export const PinSchema = z.string().transform((spec, ctx) => {
  const at = spec.indexOf("@");
  const name = at < 0 ? spec : spec.slice(0, at);
  const version = at < 0 ? undefined : spec.slice(at + 1);
  if (!RECIPE_NAME.test(name)) {
    ctx.addIssue({ code: "custom", message: "a recipe name is lowercase letters, digits and . _ + -" });
    return z.NEVER;
  }
  if (version !== undefined && !VERSION.test(version)) {
    ctx.addIssue({
      code: "custom",
      message: `"${safeText(version)}" is not a version (e.g. ripgrep@14.1.1)`,
    });
    return z.NEVER;
  }
  return version === undefined ? { name } : { name, version };
});
export type Pin = z.output<typeof PinSchema>;

/** The versions a recipe can install. */
export function providedVersions(pkg: { version: string }): string[] {
  return pkg.version === "latest" ? [] : [pkg.version];
}

/** Why a pin cannot be honoured, naming what can; undefined when it can. */
export function pinProblem(name: string, version: string, pkg: { version: string }): string | undefined {
  const provided = providedVersions(pkg);
  if (provided.includes(version)) return undefined;
  if (provided.length === 0)
    return `${name} ${version} cannot be pinned: the ${name} recipe installs the latest version its mirror has`;
  return `${name} ${version} is not available: the ${name} recipe provides ${provided.join(", ")} (install ${name}@${provided[0]}, or ${name} without a version)`;
}
