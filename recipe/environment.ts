import { homedir } from "node:os";
import { join } from "node:path";
import { safeText } from "../steps/terminalText.js";
import { RecipeError } from "./loader.js";

/** Where downloads are cached: the system cache as root, else the user's (XDG_CACHE_HOME). */
export const defaultCacheDir = () =>
  process.getuid?.() === 0
    ? "/var/cache/recipe"
    : join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "recipe");

/** Mirrors from the environment: RECIPE_MIRRORS, separated by `:` or whitespace (URLs keep their colons). */
export function mirrorsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.RECIPE_MIRRORS ?? "";
  return raw
    .split(/\s+|:(?!\/\/)/)
    .map((s) => s.trim())
    .filter(Boolean)
    .reduce<string[]>((acc, part) => {
      // "http" followed by "//host/…" came apart at the colon: glue them back.
      if (part.startsWith("//") && acc.length) acc[acc.length - 1] += `:${part}`;
      else acc.push(part);
      return acc;
    }, []);
}

/** The longest wait a Node timer keeps (2^31-1 ms); a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How long a download may go without a byte (headers included) before the attempt is given up:
 * RECIPE_DOWNLOAD_IDLE_S seconds (tests, slow links), else 60 s.
 */
export function idleMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RECIPE_DOWNLOAD_IDLE_S;
  if (raw === undefined || raw === "") return 60_000;
  const s = Number(raw);
  if (!Number.isFinite(s) || s <= 0)
    throw new RecipeError(
      `RECIPE_DOWNLOAD_IDLE_S="${safeText(raw)}" is not a number of seconds above 0; set it like RECIPE_DOWNLOAD_IDLE_S=30 or unset it`,
      "",
      "",
    );
  // A timer longer than 2^31-1 ms fires at once: every download failed "after" the wait it was
  // given (attacker 24 F16). Refused with the largest value that works, never clamped silently.
  if (s * 1000 > MAX_TIMER_MS)
    throw new RecipeError(
      `RECIPE_DOWNLOAD_IDLE_S="${safeText(raw)}" is longer than a timer can wait (at most ${Math.floor(MAX_TIMER_MS / 1000)} s, about 24 days); set a smaller number or unset it`,
      "",
      "",
    );
  return Math.max(1, Math.round(s * 1000));
}
