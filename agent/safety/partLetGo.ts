import type { Disk, Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { clauses } from "../rules/clauses.js";
import { MIN_FREE_BYTES } from "../rules/diskRoom.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView, PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";
import { contentOf, whatIsOn } from "./diskContent.js";
import { letsGo } from "./informedConsent.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * A LET-GO OF ONE PARTITION IS NO CONSENT TO ERASE THE DISK (attacker 29 H5; round 28's H9 in two
 * turns). "the ESP can go", "the D drive can go", "partition 1 can go", "the recovery partition can
 * go", then "use the nvme": the pick of the disk was read with the earlier let-go as consent, and
 * the whole disk was erased, Windows with it, though nobody let Windows go.
 *
 * The shape: the erase of a disk that holds something is planned on a turn whose own words neither
 * erase nor let anything go (a pick: "use the nvme", "the nvme", "install there"), and every
 * let-go or erase the person said before in this conversation was aimed at a part of a disk (a
 * partition, a volume, a drive letter, the ESP/boot/recovery/swap), never a whole disk or all of it.
 * Then no word of the person's covers the rest of what the disk holds, and the erase is asked:
 * with room beside what is there, the install into the free space is offered (nothing lost, what
 * the same pick offers without the earlier sentence), else the erase, naming what it loses.
 *
 * Safety: only ever replaces a newly planned whole erase by a question; a "yes" to my own question
 * that offered this erase is left alone (the question named the loss), and the offer is the
 * free-space install wherever it fits, which erases nothing.
 */

const norm = (s: string) => ` ${s.toLowerCase().replace(/[’']/g, "").replace(/\s+/g, " ").trim()} `;

/** Words of a part of a disk: a partition, volume, Windows drive letter, boot or swap area. */
const PART =
  /\b(?:partition|partitions|partiton|part|volume|volumes|slice|esp|efi|uefi|boot|bootloader|recovery|msr|reserved|swap|[b-z]\s+drive|drive\s+[b-z]|(?:sd[a-z]|vd[a-z]|nvme\d+n\d+p|mmcblk\d+p)\d+)\b|\b[a-z]:(?!\w)/;
/** An erase verb or a whole-disk word: the clause is about more than a part. */
const ERASE =
  /\b(?:wipe|wiping|wiped|erase|erasing|erased|format|formatting|reformat|nuke|nuking|overwrite|delete|destroy|blank|zap|clear)\b/;
const WHOLE = /\b(?:everything|all of it|whole|entire|all|the lot|whatever)\b/;

type Scope = "part" | "whole" | "none";

/** What a turn lets go of: nothing, only parts of disks, or (at least once) more than a part. */
function scope(text: string): Scope {
  let out: Scope = "none";
  for (const c of clauses(text)) {
    const t = norm(c.said);
    if (!letsGo(c.said) && !ERASE.test(t)) continue;
    if (PART.test(t) && !WHOLE.test(t)) out = out === "none" ? "part" : out;
    else return "whole";
  }
  return out;
}

export function screenPartLetGo(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  if (scope(conv.user) !== "none") return decision;
  const first = clauses(conv.user)[0];
  const fresh = decision.calls.filter(
    (c): c is Extract<PlanCall, { tool: "partitionDisk" }> =>
      erasesWholeDisk(c) && !conv.pending.some((p) => erasesWholeDisk(p, c.args.disk)),
  );
  for (const call of fresh) {
    const disk = facts.disks.find((d) => d.path === call.args.disk);
    if (!disk || disk.liveMedium || !contentOf(disk).length) continue;
    // my own question offered this erase, naming what it loses, and the turn says yes to it
    const offered = conv.offer?.calls.some((c) => erasesWholeDisk(c as PlanCall, disk.path));
    if (offered && first && yesNo(first.said) === true) continue;
    const before = conv.turns.map((t) => scope(t.user));
    if (!before.includes("part") || before.includes("whole")) continue;
    return ask(decision, call, disk);
  }
  return decision;
}

function ask(decision: Extract<Decision, { calls: unknown }>, call: PlanCall, disk: Disk): Decision {
  const on = contentOf(disk)
    .map((p) => `${whatIsOn(p) || "a partition"} (${p.path})`)
    .join(", ");
  const head = `Letting one partition go is not letting the disk go: ${describeDisk(disk)} holds ${on}.`;
  if ((disk.freeBytes ?? 0) >= MIN_FREE_BYTES) {
    const free = { ...call, args: { ...call.args, use: "free" } } as PlanCall;
    return {
      reply: `${head} Install alongside it in the free space, keeping every partition (say "yes"), or erase the whole disk (all of that is lost: say "erase the whole disk")?`,
      offer: { calls: decision.calls.map((c) => (c === call ? free : c)) },
    } as Decision;
  }
  return {
    reply: `${head} Installing there erases all of it for good. Shall I erase the whole disk and install there? (yes / no)`,
    offer: { calls: decision.calls },
  } as Decision;
}
