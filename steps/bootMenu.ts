import type { OtherSystemEntry } from "./otherSystem.js";

/**
 * Boot menu entries for the other systems on the disk (use free). Data in, text out, so every
 * boot chain writes the same list: systemd-boot (UEFI) as loader entries, GRUB as menuentries
 * (BIOS today; a UEFI GRUB chain passes `firmware: "uefi"` and gets EFI chainloads).
 */

export type OtherSystem = OtherSystemEntry;

/** A file name for an entry: lower case, letters, digits and dashes, sorting below `levitate`. */
export function entrySlug(s: OtherSystem): string {
  const base = s.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `alt-${base || s.kind}`;
}

/** Menu titles never carry a newline or a quote into a config file. */
function title(s: OtherSystem): string {
  return s.name.replace(/[\p{Cc}'"\\]/gu, "").trim() || (s.kind === "windows" ? "Windows" : "Linux");
}

/** systemd-boot loader entries (`loader/entries/NAME.conf`): `efi` starts the other system's own loader. */
export function systemdBootEntries(others: readonly OtherSystem[]): { file: string; content: string }[] {
  const seen = new Set<string>();
  const out: { file: string; content: string }[] = [];
  for (const s of others) {
    // systemd-boot starts EFI programs from its own ESP only
    if (!s.loader || s.foreignEsp) continue;
    let slug = entrySlug(s);
    while (seen.has(slug)) slug = `${slug}-2`;
    seen.add(slug);
    // No sort-key: entries with one (kernel-install's) come first. The rest systemd-boot orders
    // by file name, descending: `levitate.conf` before `alt-*.conf`, so the new system stays the
    // default (an `other-*` name booted Windows first: test/e2e/alongside-boot.test.ts).
    out.push({
      file: `${slug}.conf`,
      content: `title ${title(s)}\nefi /${s.loader.replace(/^\/+/, "")}\n`,
    });
  }
  return out;
}

/**
 * GRUB menuentries. BIOS: Windows by chainloading its partition's boot sector, a Linux through its
 * own grub.cfg. UEFI: chainload the system's EFI loader from the ESP. Devices are found by the
 * filesystem UUID (`{{uuid:DEV}}`, filled when the step runs).
 */
export function grubMenuEntries(others: readonly OtherSystem[], firmware: "uefi" | "bios"): string[] {
  const lines: string[] = [];
  for (const s of others) {
    const t = title(s);
    lines.push(`menuentry '${t}' {`);
    const search = (dev: string) => `  search --no-floppy --fs-uuid --set=root {{uuid:${dev}}}`;
    if (firmware === "uefi" && s.loader) {
      // No insmod: a signed GRUB under Secure Boot loads no modules; search and chain are built in.
      lines.push(search(s.esp ?? s.partition), `  chainloader /${s.loader.replace(/^\/+/, "")}`);
    } else if (s.kind === "windows") {
      lines.push(
        "  insmod part_msdos",
        "  insmod ntfs",
        "  insmod chain",
        search(s.partition),
        "  chainloader +1",
      );
    } else {
      lines.push(
        "  insmod part_msdos",
        "  insmod part_gpt",
        search(s.partition),
        "  for cfg in /boot/grub2/grub.cfg /boot/grub/grub.cfg /grub2/grub.cfg /grub/grub.cfg; do",
        '    if [ -f "$cfg" ]; then configfile "$cfg"; fi',
        "  done",
      );
    }
    lines.push("}");
  }
  return lines;
}
