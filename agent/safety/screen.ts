import type { Disk, Facts } from "../../facts/schema.js";
import { describeBytes, GiB } from "../../steps/size.js";
import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import { describeDisk, listDisks } from "../rules/disks.js";
import type { PlanCall } from "../types.js";
import { tooSmallReason } from "./diskRoom.js";
import { insteadOfKept } from "./keptDiskHint.js";
import { twinQuestion, twinsOf } from "./twinKeep.js";
import type { Protection } from "./types.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * The last gate before a decision reaches the plan, whatever backend made it: a call that erases a
 * disk the user keeps (or what is on it), removes a program they keep, gives sudo to a user they
 * refused it, or targets the live medium is never added. The user gets a reply that says why and
 * what they can say instead; what else the decision held is offered, so "yes" still takes it.
 */

import { MIN_FREE_BYTES } from "../rules/diskRoom.js";

export { MIN_FREE_BYTES };

export interface Refusal {
  call: PlanCall;
  reason: string;
  /** A call that would do what the user asked without breaking the protection (free space). */
  instead?: PlanCall;
  /**
   * The reply that offered the call is wrong without it (it proposed the disk as the place to
   * install): the refusal's reason replaces that reply instead of following it.
   */
  supersedes?: boolean;
}

function diskOf(facts: Facts, path: string): Disk | undefined {
  return facts.disks.find((d) => d.path === path);
}

function others(facts: Facts, path: string, protections: readonly Protection[]): Disk[] {
  return facts.disks.filter(
    (d) =>
      d.path !== path &&
      !d.liveMedium &&
      !protections.some((p) => (p.kind === "disk" || p.kind === "partitions") && p.disk === d.path),
  );
}

/** Why a call breaks a protection (or targets the live medium); undefined when it does not. */
export function refusalOf(
  call: PlanCall,
  protections: readonly Protection[],
  facts: Facts,
): Refusal | undefined {
  switch (call.tool) {
    case "partitionDisk": {
      const d = diskOf(facts, call.args.disk);
      const name = d ? describeDisk(d) : call.args.disk;
      const alt = others(facts, call.args.disk, protections);
      const elsewhere = alt.length ? ` Other disks: ${listDisks(alt)}.` : "";
      if (d?.liveMedium)
        return {
          call,
          reason: `${name} is the medium this live system runs from; I never install onto it.${elsewhere}`,
        };
      const whole = protections.find((p) => p.kind === "disk" && p.disk === call.args.disk);
      // "keep the samsung" with two Samsungs, and a request for one of them: which one is kept is
      // asked (twinKeep.ts), and the answer narrows the keep
      const twins = whole && twinsOf(protections, facts.disks, (said) => said === whole.said);
      if (whole && twins && twins.disks.includes(call.args.disk))
        return { call, reason: twinQuestion(twins, facts.disks) };
      if (whole)
        return {
          call,
          reason: `You asked me to keep ${name}${quote(whole.said)}, so I won't install on it.${insteadOfKept(call.args.disk, alt, MIN_FREE_BYTES)}`,
        };
      const kept = protections.find((p) => p.kind === "partitions" && p.disk === call.args.disk);
      if (kept && kept.kind === "partitions" && erasesWholeDisk(call)) {
        const free = d?.freeBytes ?? 0;
        if (free >= MIN_FREE_BYTES) {
          return {
            call,
            reason: `${kept.what} on ${call.args.disk} ${staysOf(kept.what)}, so I won't erase the disk. I can install into its free space (${describeBytes(free)}) and keep every partition: shall I?`,
            instead: { ...call, args: { ...call.args, use: "free" } } as PlanCall,
          };
        }
        return {
          call,
          reason: `${kept.what} on ${call.args.disk} ${staysOf(kept.what)}, so I won't erase the disk, and it has ${free ? `only ${describeBytes(free)} of` : "no"} free space to install into (at least ${describeBytes(MIN_FREE_BYTES)} is needed; I don't shrink partitions).${elsewhere} To erase it anyway, say "erase ${call.args.disk}, ${kept.what === "your files" ? "I don't need the files" : `${kept.what.split(" ")[0]} can go`}".`,
        };
      }
      // after the protections: a kept disk is the reason to give, whatever its size
      const room = d && erasesWholeDisk(call) ? tooSmallReason(call, d, facts, name) : undefined;
      if (room) return { call, reason: room, supersedes: true };
      return undefined;
    }
    case "removeRecipe": {
      const kept = protections.find((p) => p.kind === "recipe" && p.name === call.args.name);
      if (!kept) return undefined;
      return {
        call,
        reason: `You asked me to keep ${call.args.name}${quote(kept.said)}, so I won't remove it. To remove it anyway, say "remove ${call.args.name} after all".`,
      };
    }
    case "createUser": {
      if (!call.args.sudo) return undefined;
      const refused = protections.find((p) => p.kind === "sudo" && p.username === call.args.username);
      if (!refused) return undefined;
      return {
        call,
        reason: `You said ${call.args.username} should not have sudo${quote(refused.said)}, so I won't give it; I can create ${call.args.username} without sudo: shall I? To give sudo anyway, say "give ${call.args.username} sudo after all".`,
        instead: { ...call, args: { ...call.args, sudo: false } } as PlanCall,
      };
    }
    default:
      return undefined;
  }
}

function quote(said: string): string {
  const s = said.trim();
  return s && s.length <= 80 ? ` ("${s}")` : "";
}

/**
 * The decision with every refused call taken out. Calls that stand are offered back (a reply with
 * an offer) together with any safe alternative, so a "yes" takes exactly what is allowed.
 */
export function screenDecision(
  decision: Decision,
  protections: readonly Protection[],
  facts: Facts,
): Decision {
  if ("calls" in decision) {
    const refusals = decision.calls.map((c) => refusalOf(c, protections, facts));
    if (refusals.every((r) => r === undefined)) return decision;
    const kept = decision.calls.filter((_, i) => refusals[i] === undefined);
    const instead = refusals.flatMap((r) => (r?.instead ? [r.instead] : []));
    const reasons = [...new Set(refusals.flatMap((r) => (r ? [r.reason] : [])))];
    const offer = [...kept, ...instead];
    if (!offer.length) return { reply: reasons.join(" ") };
    const rest =
      kept.length && !instead.length ? ` Shall I add the rest (${kept.map(shortCall).join(", ")})?` : "";
    return { reply: `${reasons.join(" ")}${rest}`, offer: { calls: offer.slice(0, MAX_CALLS) } };
  }
  if ("reply" in decision && decision.offer) {
    const refusals = decision.offer.calls.map((c) => refusalOf(c, protections, facts));
    if (refusals.every((r) => r === undefined)) return decision;
    const kept = decision.offer.calls.filter((_, i) => refusals[i] === undefined);
    const reasons = [...new Set(refusals.flatMap((r) => (r ? [r.reason] : [])))];
    const alone = !kept.length && refusals.every((r) => r === undefined || r.supersedes);
    const text = (alone ? reasons.join(" ") : `${decision.reply} ${reasons.join(" ")}`).slice(0, 2000);
    return kept.length ? { reply: text, offer: { calls: kept } } : { reply: text };
  }
  return decision;
}

function shortCall(c: PlanCall): string {
  switch (c.tool) {
    case "partitionDisk":
      return `install on ${c.args.disk}`;
    case "createUser":
      // the offer says the grant it holds: "yes" takes exactly what is shown (tester 9 D8)
      return `user ${c.args.username}${c.args.sudo ? " with sudo" : ""}`;
    case "installRecipe":
      return `install ${c.args.name}`;
    case "removeRecipe":
      return `remove ${c.args.name}`;
    case "setHostname":
      return `hostname ${c.args.hostname}`;
    case "setLocale":
      return "language/keyboard/time zone";
  }
}

/** "your files ... stay", "Windows 11 ... stays". */
const staysOf = (what: string) => (/^your \w+s$/.test(what) ? "stay" : "stays");
