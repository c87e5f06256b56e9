import type { Disk } from "../../facts/schema.js";
import { twinQuestion, twinsOf } from "../safety/twinKeep.js";
import type { Ctx } from "./context.js";
import { otherPointsAtDisk } from "./otherDisk.js";
import type { Token } from "./text.js";

/**
 * "keep the samsung and install on the other" on a machine with two Samsungs (dev h27k-055): the
 * keep covers both (the safe reading), but "the other" is other than ONE disk, and which one the
 * person meant is not said, so the disk it lands on is a guess (it took the blank Crucial, where
 * the person may have meant the second Samsung). When one phrase of this turn kept two or more
 * disks and the install is placed by "other", the answer is a question naming them. Safe: it
 * only asks.
 */
export function otherAfterTwinKeep(
  ctx: Ctx,
  tokens: readonly Token[],
  disks: readonly Disk[],
): string | undefined {
  if (!otherPointsAtDisk(tokens, () => false)) return undefined;
  const said = ctx.conv.user.toLowerCase();
  const twins = twinsOf(ctx.conv.protections ?? [], disks, (s) => said.includes(s.toLowerCase()));
  return twins ? twinQuestion(twins, disks) : undefined;
}
