import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * "install beside windows" then "and could you also reformat the seagate as ext4 for steam?": the
 * install goes onto one disk, and a second call of partitionDisk replaces the first (CONTRACTS §2).
 * A disk asked for ALSO (too, as well, in addition) is a second disk wanted beside the install,
 * which I cannot format; read as the install's new target it erased the games disk and dropped the
 * install (dev-alongside14 h16a-041). So it is answered, and the plan stays as it was. A move says
 * so ("instead", "rather", "switch") and is left to the readers. The rules reader answers most
 * such turns itself (agent/rules/parse.ts secondDisk); this is the last line, for any backend and
 * any reading that got past it.
 */
const ALSO = /\b(?:also|too|as well|additionally|in addition|on top of that|besides that)\b/i;
/**
 * "also" in the languages people mix into a request: "a vlastne zmaž aj ten Seagate" (Slovak) moved
 * the install onto the backup disk it had just kept (dev h20k-120#3). Whole words only, none of them
 * an English word.
 */
const ALSO_ABROAD =
  /(?:^|[^\p{L}])(?:aj|tiež|tiez|taky|také|též|auch|aussi|también|tambien|anche|também|tambem|ook|też|tez|også|ogsa|också|ocksa|myös|myos|arī|тоже|также|також|теж|dahi|ayrıca)(?![\p{L}])/iu;
const MOVE = /\b(?:instead|rather|switch|change|changed|move|actually|mind|no wait|scratch that)\b/i;

export function secondDiskRequest(decision: Decision, conv: ConversationView): Decision | undefined {
  if (!("calls" in decision)) return undefined;
  const planned = conv.pending.find((c) => c.tool === "partitionDisk");
  if (planned?.tool !== "partitionDisk") return undefined;
  if (!(ALSO.test(conv.user) || ALSO_ABROAD.test(conv.user)) || MOVE.test(conv.user)) return undefined;
  const calls = decision.calls as PlanCall[];
  const other = calls.find(
    (c): c is Extract<PlanCall, { tool: "partitionDisk" }> =>
      c.tool === "partitionDisk" && c.args.disk !== planned.args.disk,
  );
  if (!other) return undefined;
  const rest = calls.filter((c) => c.tool !== "partitionDisk");
  const reply = `I install onto one disk (${planned.args.disk}, as planned) and can't add, format or encrypt a second one; the plan is unchanged. To install onto ${other.args.disk} instead, say "use ${other.args.disk} instead".`;
  return rest.length
    ? {
        reply: `${reply} Shall I do the rest (${rest.length} change${rest.length > 1 ? "s" : ""})?`,
        offer: { calls: rest },
      }
    : { reply };
}
