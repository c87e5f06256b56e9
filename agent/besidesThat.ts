/**
 * "Other than that, looks good", "other than that im good, go", "nothing other than that": the
 * phrase opens a clause as "besides that" and excludes nothing. The disk readers took it as
 * "anything other than that disk" and moved the planned install, and the safety screen read it as
 * an exclusion of the disk last named and took the install out of the plan (dev29 h28-163). At a
 * clause's start (or after a filler) and with no disk noun after "that", it is an aside: "also"
 * (after "nothing": "else"). "Install on anything other than that one" and "other than that disk,
 * use anything" keep their exclusion. `w` holds the words with punctuation as ",".
 */
export function besidesThatAt(w: readonly string[], i: number): "also" | "else" | undefined {
  if (
    w[i] !== "other" ||
    !["than", "then"].includes(w[i + 1] ?? "") ||
    !["that", "this"].includes(w[i + 2] ?? "")
  )
    return undefined;
  if (POINTED.has(w[i + 3] ?? "")) return undefined;
  const prev = w[i - 1];
  if (prev !== undefined && NOTHING.has(prev)) return "else";
  return prev === undefined || prev === "," || OPENERS.has(prev) ? "also" : undefined;
}

/** Words that may stand before a clause's "other than that" when it only means "besides that". */
const OPENERS = new Set([
  "and",
  "but",
  "ok",
  "okay",
  "so",
  "well",
  "um",
  "uh",
  "yeah",
  "yes",
  "alright",
  "great",
  "cool",
  "fine",
  "oh",
  "hmm",
]);
const NOTHING = new Set(["nothing", "nothin", "nada", "none"]);
/** What may follow "that" when it points at a disk ("other than that one, use anything"). */
const POINTED = new Set([
  "one",
  "disk",
  "drive",
  "ssd",
  "hdd",
  "nvme",
  "stick",
  "partition",
  "ones",
  "disks",
  "drives",
]);
