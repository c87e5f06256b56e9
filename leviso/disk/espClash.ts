/**
 * Whether the files a boot chain adds to a shared ESP clash with what is already there, compared
 * as FAT compares names: without regard to case (`EFI/ROCKY/SHIMX64.EFI` is `EFI/rocky/shimx64.efi`).
 * The plan a person confirms must refuse what the re-check before the first write
 * (steps/recheckDisk.ts) would refuse, not promise "none changed" and stop after the countdown.
 * `existing`: the ESP's files as the probe listed them (facts loaders); `adds`: the chain's paths,
 * a trailing `/` for a directory that must be ours (the kernels' `levitate/`).
 */
export function espClashes(existing: readonly string[], adds: readonly string[]): string[] {
  const have = existing.map((f) => f.replace(/^\/+/, ""));
  const lower = have.map((f) => f.toLowerCase());
  const out: string[] = [];
  for (const add of adds) {
    const a = add.toLowerCase();
    const i = a.endsWith("/") ? lower.findIndex((f) => f.startsWith(a)) : lower.indexOf(a);
    if (i >= 0) out.push(`${have[i]} (the install writes ${add})`);
    // A file where the install needs a directory: mcopy would fail there, or replace it.
    const parts = add.split("/").filter(Boolean);
    const dirs = add.endsWith("/") ? parts : parts.slice(0, -1);
    for (let n = 1; n <= dirs.length; n++) {
      const d = dirs.slice(0, n).join("/").toLowerCase();
      const j = lower.indexOf(d);
      if (j >= 0)
        out.push(`${have[j]} (a file where the install needs the directory ${dirs.slice(0, n).join("/")})`);
    }
  }
  return [...new Set(out)];
}
