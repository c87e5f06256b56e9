import { execa } from "execa";

/**
 * What a copy onto a shared FAT (another system's EFI system partition) added, and taking it
 * back when the copy fails part way.
 *
 * Why: mcopy stops at the first error (a full ESP) with some of our files already written. The
 * other system's ESP must not keep them: the failure report would call it untouched while it is
 * not, and the same plan run again is refused because the re-check sees files it would replace
 * (its own leftovers, then taken for another system's). The re-check has already refused every
 * name the copy would write that existed before, so what is new after the copy is ours.
 */

/** Every path on the FAT (`EFI/`, `EFI/rocky/grub.cfg`; directories end in `/`), or undefined when it cannot be listed. */
export async function fatListing(
  device: string,
  env?: Record<string, string>,
): Promise<string[] | undefined> {
  const r = await execa("mdir", ["-/", "-b", "-i", device, "::/"], {
    env: { ...env, MTOOLS_SKIP_CHECK: "1" },
    reject: false,
  });
  if (r.exitCode !== 0) return undefined;
  return String(r.stdout)
    .split("\n")
    .map((l) => l.replace(/^::\//, "").trimEnd())
    .filter(Boolean);
}

export interface FatUndo {
  /** What this copy added and is gone again. */
  removed: string[];
  /** What it added and could not be removed, with the commands that remove it. */
  left: string[];
  commands: string[];
}

const key = (p: string) => p.toLowerCase(); // FAT names compare without case

/** Removes what is on the FAT now and was not in `before`: files first, then directories deepest first. */
export async function removeAdded(
  device: string,
  before: string[],
  env?: Record<string, string>,
): Promise<FatUndo> {
  const had = new Set(before.map(key));
  const now = await fatListing(device, env);
  if (!now)
    return { removed: [], left: ["(the ESP could not be listed)"], commands: [`mdir -/ -i ${device} ::/`] };
  const added = now.filter((p) => !had.has(key(p)));
  const files = added.filter((p) => !p.endsWith("/"));
  const dirs = added.filter((p) => p.endsWith("/")).sort((a, b) => b.length - a.length);
  const out: FatUndo = { removed: [], left: [], commands: [] };
  const mt = { env: { ...env, MTOOLS_SKIP_CHECK: "1" }, reject: false } as const;
  for (const f of files) {
    const r = await execa("mdel", ["-i", device, `::/${f}`], mt);
    if (r.exitCode === 0) out.removed.push(f);
    else {
      out.left.push(f);
      out.commands.push(`MTOOLS_SKIP_CHECK=1 mdel -i ${device} '::/${f}'`);
    }
  }
  for (const d of dirs) {
    const r = await execa("mrd", ["-i", device, `::/${d.replace(/\/$/, "")}`], mt);
    if (r.exitCode === 0) out.removed.push(d);
    else {
      out.left.push(d);
      out.commands.push(`MTOOLS_SKIP_CHECK=1 mrd -i ${device} '::/${d.replace(/\/$/, "")}'`);
    }
  }
  return out;
}

/** The sentence the failed step's message ends with. */
export function describeUndo(device: string, u: FatUndo): string {
  if (u.left.length === 0)
    return u.removed.length
      ? `removed again what this run had added to the shared ${device} (${u.removed.join(", ")}): it holds only what it held before`
      : `nothing of this run was left on the shared ${device}`;
  return (
    `this run's files are still on the shared ${device} (${u.left.join(", ")})` +
    (u.removed.length ? `; removed: ${u.removed.join(", ")}` : "") +
    `; remove them before running the same plan again: ${u.commands.join("; ")}`
  );
}
