/**
 * What the user asked to keep. Read from their words by agent/safety/read.ts, held in the
 * conversation, shown with the plan, and enforced by agent/safety/screen.ts on every decision,
 * whichever backend made it.
 */
export type Protection =
  /** The whole disk stays as it is: no partitionDisk on it at all. */
  | { kind: "disk"; disk: string; said: string }
  /**
   * What is on the disk stays (a system, "my files"): no partitionDisk with `use: "whole"` on it;
   * installing into its free space keeps every partition and is allowed.
   */
  | {
      kind: "partitions";
      disk: string;
      what: string;
      said: string;
      /** Kept because the install was asked beside it ("next to windows"), not in words of keeping. */
      beside?: boolean;
    }
  /** The program stays installed: no removeRecipe of it. */
  | { kind: "recipe"; name: string; said: string }
  /** The user gets no sudo: no createUser with `sudo: true` for them. */
  | { kind: "sudo"; username: string; said: string };

/** What one turn's words say: new protections, and protections the user lets go of. */
export interface Reading {
  protect: Protection[];
  release: Protection[];
  /**
   * The protections came only from installing beside something ("next to windows", "dual boot"):
   * the words ask for an install as well, not only to keep.
   */
  alongside?: boolean;
  /**
   * Disks the words erase outright ("erase the whole nvme", "nuke windows"): a protection that
   * only came from installing beside a system there is lifted; one said in words of keeping is not.
   */
  lift?: string[];
}

/** Two protections of the same thing (the words that made them aside). */
export function sameProtection(a: Protection, b: Protection): boolean {
  switch (a.kind) {
    case "disk":
      return b.kind === "disk" && a.disk === b.disk;
    case "partitions":
      return b.kind === "partitions" && a.disk === b.disk;
    case "recipe":
      return b.kind === "recipe" && a.name === b.name;
    case "sudo":
      return b.kind === "sudo" && a.username === b.username;
  }
}

/**
 * The protections after a turn: released ones go (a released disk also frees what is on it), new
 * ones are added once.
 */
export function applyReading(current: readonly Protection[], reading: Reading): Protection[] {
  const out = current.filter(
    (p) =>
      !(p.kind === "partitions" && p.beside && reading.lift?.includes(p.disk)) &&
      !reading.release.some(
        (r) => sameProtection(p, r) || (r.kind === "disk" && p.kind === "partitions" && p.disk === r.disk),
      ),
  );
  for (const p of reading.protect) if (!out.some((o) => sameProtection(o, p))) out.push(p);
  return out;
}
