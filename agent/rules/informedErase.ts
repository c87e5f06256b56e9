import type { Decision } from "../../tools/decision.js";
import { asksErase, consentedDisks } from "../safety/informedConsent.js";
import { foundIn } from "../safety/partitionRefs.js";
import type { PlanCall } from "../types.js";
import { clauses } from "./clauses.js";
import type { Ctx } from "./context.js";

/**
 * "fedora can die", "replace fedora", "Se reemplaza Fedora. Cifrado, btrfs.", "i dont care about
 * windows honestly. put linux on the fast one", "oh both. keep debian, arch can go": the words name
 * the system (or the data) on one disk and let it go, knowingly (agent/safety/informedConsent.ts),
 * and no other reader planned an install: that disk is the place, erased whole. Read only when the
 * readers before planned no partitionDisk (a reply: a question, or nothing read), in a conversation
 * about the install (these words or an earlier turn ask for one), with no install planned on
 * another disk, and only when exactly one disk is consented to.
 *
 * Safety: the disk is the one whose content the person named and let go in a clause said plainly
 * (no negation, condition, question, hedge or keep of it anywhere in the turn); a disk kept whole
 * in this conversation is never taken (the screen refuses it anyway), nor the live medium; two
 * disks let go at once are asked about (nothing is read here). The call goes through every gate
 * after this (the erase gates read the same consent), and the plan shown at the yes says what is
 * lost: nothing runs without a yes.
 */
export function informedErase(
  d: Decision,
  text: string,
  ctx: Ctx,
  parse: (t: string, c: Ctx) => Decision,
): Decision {
  const { conv, facts, allowed } = ctx;
  if (facts.mode !== "live" || !allowed.includes("partitionDisk")) return d;
  // "i don't need windows anymore, wipe it" read as the live medium, which no install can take
  const live =
    "calls" in d &&
    d.calls.some(
      (c) =>
        c.tool === "partitionDisk" &&
        facts.disks.find((x) => x.path === (c.args as { disk: string }).disk)?.liveMedium,
    );
  if (!("reply" in d) && !live) return d;
  if ("reply" in d && d.offer?.calls.some((c) => c.tool !== "partitionDisk")) return d;
  // a judgement alone ("windows is ancient") places nothing; beside a request it is the reason
  const consented = consentedDisks(text, facts, { strong: !asksErase(text) }).filter((p) => {
    const disk = facts.disks.find((x) => x.path === p);
    return disk && !disk.liveMedium && !disk.mounted;
  });
  if (consented.length !== 1) return d;
  const disk = consented[0]!;
  if ((conv.protections ?? []).some((p) => p.kind === "disk" && p.disk === disk)) return d;
  // "wipe the Games drive and the Seagate both": a request in these words names another disk too;
  // which disks go is not one reading's guess (the several-disks answer stands)
  // "... and the Seagate both", "every drive": words of several disks are never one disk's erase
  const others = clauses(text).some(
    (c) =>
      asksErase(c.said) &&
      (SEVERAL.test(c.said) || foundIn(c.w, facts).some((f) => f.disk.path !== disk && !f.disk.liveMedium)),
  );
  if (others) return d;
  const planned = conv.pending.find((c) => c.tool === "partitionDisk");
  if (planned && (planned.args as { disk: string }).disk !== disk && !INSTALL.test(text)) return d;
  // the install asked now (a plain request, not "i don't use windows") or earlier in the talk
  if (![text, ...conv.turns.map((t) => t.user)].some((t) => asksErase(t) || INSTALL.test(t))) return d;
  // the layout said in the same words ("Cifrado, btrfs") is read as a request on that disk
  const again = parse(`${text.replace(/[.!?\s]*$/, "")}. install on the whole ${disk}`, ctx);
  const call =
    "calls" in again
      ? again.calls.find((c) => c.tool === "partitionDisk" && (c.args as { disk: string }).disk === disk)
      : undefined;
  const args = { ...((call?.args as Record<string, unknown>) ?? {}), disk, use: "whole" };
  const rest = "calls" in d ? d.calls.filter((c) => c.tool !== "partitionDisk") : [];
  return { calls: [{ tool: "partitionDisk", args } as PlanCall, ...rest] };
}

// "wipe them", "erase those": a plural object of the erase is several things, never one disk's erase
const SEVERAL =
  /\b(?:both|all (?:the |of the |my )?(?:disks|drives|ssds)|every (?:disk|drive)|each (?:disk|drive)|them all|them|those)\b/i;

/** Words of the install in the languages read here: the conversation is about where the system goes. */
const INSTALL =
  /\b(?:install|installe[rz]?|instala[rl]?|installa(?:re)?|installier(?:en|e)?|instalar|linux|levitate|dual ?boot|b[oó]rralo|borra|efface|l[oö]sche?)\b/i;
