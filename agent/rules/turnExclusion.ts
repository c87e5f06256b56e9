import type { Disk } from "../../facts/schema.js";
import type { Ctx } from "./context.js";
import { type DiskContext, type DiskResolution, resolveDisk } from "./disks.js";
import { tokenize } from "./text.js";

/** "the big one", "the fast one", "the smaller disk": picks relative to the other disks. */
const RELATIVE_BY =
  /^the (?:big|bigger|biggest|large|larger|largest|small|smaller|smallest|fast|faster|fastest|quick|quicker|quickest|slow|slower|slowest|speedy|speedier|speediest) one$/;

/**
 * A relative pick made in one sentence ("put it on the big one") that another sentence of the
 * same turn rules out ("not the one with the movies obviously"): the whole turn, read with its
 * exclusion, picks among the disks left. Only a relative pick is replaced, never a disk named by
 * its name, so a correction ("not the crucial... no, use the crucial") stays as said; and only by
 * one disk open to the install. Safety: the exclusion only narrows the candidates.
 */
export function withTurnExclusion(
  res: DiskResolution,
  ctx: Ctx,
  eligible: readonly Disk[],
  dctx: DiskContext,
): DiskResolution {
  if (res.kind !== "one" || !RELATIVE_BY.test(res.by)) return res;
  const whole = resolveDisk(tokenize(ctx.conv.user), ctx.facts.disks, dctx);
  if (whole.kind !== "one" || whole.disk.path === res.disk.path || !/(?:^|, )not /.test(whole.by)) return res;
  return eligible.some((d) => d.path === whole.disk.path) ? whole : res;
}
