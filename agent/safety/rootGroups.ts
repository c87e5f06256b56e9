import { ROOT_GRANTING_GROUPS } from "../../tools/createUser.js";
import type { Decision } from "../../tools/decision.js";
import { clauses } from "../rules/clauses.js";
import { SUDO_WORDS } from "../rules/vocab.js";
import type { ConversationView, PlanCall } from "../types.js";
import { hedgedGrant } from "./sudoHedges.js";
import { plainSudoValues, refusesSudo } from "./sudoRefusalWords.js";

/**
 * A group that gives root (docker, lxd, libvirt: tools/createUser.ts ROOT_GRANTING_GROUPS) is
 * given like sudo (attacker 11 L1): only on words that give it. "create user bob, not in the docker
 * group" had put bob in docker. The words are read by the sudo reader's own refusal words, with the
 * group's name standing where a sudo word would ("no docker", "docker: no", "bob shouldn't be in
 * docker", "maybe docker"), and the real sudo words set aside, so a refusal of sudo beside the
 * group is not read as one of the group. A group stands when
 * - a clause names it, no refusal of it is said in the turn, and no hedge doubts it; or
 * - the turn does not say it, and the plan already gives it to someone: a turn that carries the
 *   plan's settings over ("same for bob", "bob too") names no group of its own.
 * Otherwise the group goes and the account stays, as a sudo without words does (evidence.ts).
 */

const SUDO_TEXT = new RegExp(`\\b(?:${[...SUDO_WORDS].join("|")})\\b`, "gi");

type Reading = "given" | "refused" | "unsaid";

/** How the turn's words give `group`: given by a plain clause, refused, or not said at all. */
export function groupReading(text: string, group: string): Reading {
  const as = plainSudoValues(
    text.replace(SUDO_TEXT, "someone").replace(new RegExp(`\\b${group}\\b`, "gi"), "sudo"),
  );
  let given = false;
  for (const c of clauses(as)) {
    const at = c.w.indexOf("sudo");
    if (at < 0) continue;
    if (refusesSudo(c.w)) return "refused";
    if (!hedgedGrant(c.w, at)) given = true;
  }
  return given ? "given" : "unsaid";
}

function planned(conv: ConversationView, group: string): boolean {
  return conv.pending.some((c) => c.tool === "createUser" && (c.args.groups ?? []).includes(group));
}

function screenCall(call: PlanCall, conv: ConversationView): PlanCall {
  if (call.tool !== "createUser" || !call.args.groups?.some((g) => ROOT_GRANTING_GROUPS.has(g))) return call;
  const groups = call.args.groups.filter((g) => {
    if (!ROOT_GRANTING_GROUPS.has(g)) return true;
    const r = groupReading(conv.user, g);
    return r === "given" || (r === "unsaid" && planned(conv, g));
  });
  return groups.length === call.args.groups.length
    ? call
    : ({ ...call, args: { ...call.args, groups } } as PlanCall);
}

/** The decision with every root-granting group the words did not give taken out of its accounts. */
export function screenRootGroups(decision: Decision, conv: ConversationView): Decision {
  if ("calls" in decision) {
    const calls = (decision.calls as PlanCall[]).map((c) => screenCall(c, conv));
    return calls.some((c, i) => c !== decision.calls[i]) ? ({ ...decision, calls } as Decision) : decision;
  }
  if ("reply" in decision && decision.offer) {
    const offered = decision.offer.calls as PlanCall[];
    const calls = offered.map((c) => screenCall(c, conv));
    return calls.some((c, i) => c !== offered[i])
      ? ({ ...decision, offer: { ...decision.offer, calls } } as Decision)
      : decision;
  }
  return decision;
}
