import { isAbsolute, resolve } from "node:path";
import { PLAIN_PATH, PLAIN_PATH_MESSAGE } from "../../facts/plainPath.js";
import { safeText } from "../../steps/terminalText.js";

/**
 * The --target check every install path makes before it reads anything: a relative directory
 * used to reach the plan's root check and crash with a stack trace (attacker 10 L2), in the plan
 * path and in the chat right after "yes". A root is never guessed from the working directory (the
 * chat could run from anywhere, and the root is what gets written): the message names the
 * absolute path that was probably meant. Returns the message, or undefined when the path is fine.
 */
export function relativeTargetProblem(
  target: string | undefined,
  cwd: string = process.cwd(),
): string | undefined {
  if (target === undefined) return undefined;
  if (!target.trim()) return "--target needs a directory: where the new system is mounted (default /mnt)";
  if (!isAbsolute(target))
    return `--target must be an absolute path (where the new system is mounted), not "${safeText(target)}": try --target ${resolve(cwd, target)}`;
  return PLAIN_PATH.test(target) ? undefined : `--target "${safeText(target)}": ${PLAIN_PATH_MESSAGE}`;
}
