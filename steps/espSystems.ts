import type { OtherSystemEntry } from "./otherSystem.js";

/**
 * The other systems on a shared EFI system partition, from the EFI programs on it: Windows Boot
 * Manager, and each Linux by its EFI directory, named after a system the probe found on the disk
 * when one matches. One rule for the plan (the facts' `loaders`) and for the run (the ESP read
 * with mtools when the facts did not list them: `espMenuPlaceholder`).
 */

/** EFI directories that are no other system's own: the fallback path, systemd-boot, ours, UKIs. */
const NOT_A_SYSTEM = new Set(["boot", "systemd", "levitate", "linux", "microsoft", "tools"]);

/** Loaders in the order a Linux distribution boots them (Secure Boot shim first). */
const LINUX_LOADERS = ["shimx64.efi", "grubx64.efi"];

/** A system the probe found on the disk (os-release's name) and its partition. */
export interface NamedSystem {
  name: string;
  partition?: string;
}

export function systemsOnEsp(
  loaders: readonly string[],
  linuxes: readonly NamedSystem[],
  espPath: string,
): OtherSystemEntry[] {
  const out: OtherSystemEntry[] = [];
  const windows = loaders.find((l) => l.toLowerCase() === "efi/microsoft/boot/bootmgfw.efi");
  if (windows)
    out.push({ name: "Windows Boot Manager", kind: "windows", loader: windows, partition: espPath });
  const dirs = new Map<string, string[]>();
  for (const l of loaders) {
    const m = /^EFI\/([^/]+)\/([^/]+\.efi)$/i.exec(l);
    if (!m?.[1] || !m[2] || NOT_A_SYSTEM.has(m[1].toLowerCase())) continue;
    dirs.set(m[1], [...(dirs.get(m[1]) ?? []), m[2]]);
  }
  for (const [dir, files] of dirs) {
    const pick =
      LINUX_LOADERS.map((n) => files.find((f) => f.toLowerCase() === n)).find(Boolean) ?? files.sort()[0];
    if (!pick) continue;
    const match =
      linuxes.find((p) => p.name.toLowerCase().includes(dir.toLowerCase())) ??
      (dirs.size === 1 && linuxes.length === 1 ? linuxes[0] : undefined);
    out.push({
      name: match?.name ?? dir,
      kind: "linux",
      loader: `EFI/${dir}/${pick}`,
      partition: match?.partition ?? espPath,
      esp: espPath,
    });
  }
  return out;
}

/**
 * `{{espmenu:ESP|NAME|...}}`, one line of GRUB's menu plugin: the executor lists the ESP (mtools)
 * when it writes the file and puts there GRUB's entries for the systems whose loaders it finds
 * (steps/espMenu.ts); NAME: the systems the facts name on the disk, for the entries' titles.
 * For facts that name no loaders on a shared ESP (hand-written, or a probe that could not read it).
 */
export function espMenuPlaceholder(esp: string, names: readonly string[]): string {
  const clean = names.map((n) => n.replace(/[|{}\p{Cc}]/gu, "").trim()).filter(Boolean);
  return `{{espmenu:${esp}${clean.map((n) => `|${n}`).join("")}}}`;
}

export const ESP_MENU_RE = /\{\{espmenu:([^|}]+)((?:\|[^|}]*)*)\}\}/g;
