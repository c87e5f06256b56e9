import type { Decision } from "../../tools/decision.js";
import { describeContent } from "../safety/diskContent.js";
import type { PlanCall } from "../types.js";
import { describeTarget } from "./alongside.js";
import type { Ctx } from "./context.js";

const ASKED_ONE =
  /^Which disk should I install onto: (\/dev\/[^\s(]+) \([^?]*\)\? You named more than one\.$/;

/**
 * "system on the nvme, the two 20tb disks for /data, leave them alone" (tester 26 W8): several
 * disks were named, every other one is kept or cannot take the install, and no reading of the
 * clauses chose (generalDisk.ts had its turn first): the question would list one disk. It is
 * offered instead, never taken: the reading that left it may have missed a keep, and a yes is the
 * consent its erase needs.
 */
export function oneNamedLeft(d: Decision, ctx: Ctx): Decision {
  if (!("reply" in d) || d.offer) return d;
  const m = ASKED_ONE.exec(d.reply);
  const disk = m && ctx.facts.disks.find((x) => x.path === m[1]);
  if (!disk || / or /.test(d.reply.slice(0, d.reply.indexOf("?")).replace(/\([^)]*\)/g, ""))) return d;
  const loses = describeContent(disk);
  return {
    reply: `Install onto ${describeTarget(disk)}? The other disks you named stay as they are. "yes" takes ${disk.path}${loses ? `, erasing what it holds for good: ${loses}` : ""}.`,
    offer: { calls: [{ tool: "partitionDisk", args: { disk: disk.path } } as PlanCall] },
  };
}
