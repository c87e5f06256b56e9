import { grubMenuEntries } from "./bootMenu.js";
import { ESP_MENU_RE, systemsOnEsp } from "./espSystems.js";

/** Every path on a FAT (`EFI/ubuntu/shimx64.efi`; directories end in `/`), or undefined when unreadable. */
export type FatLister = (device: string) => Promise<string[] | undefined>;

/**
 * Fills `{{espmenu:ESP|NAME...}}` (steps/espSystems.ts) with GRUB's entries for the other
 * systems whose EFI loaders are on ESP now (tester 27 F2): the facts did not list them, and the
 * new boot menu must not leave out a system the user installs beside. Read before the install
 * copies its own files onto the ESP, so only the other systems' loaders are there (the re-check
 * has refused any of ours). An ESP that cannot be listed stops the step: the plan promised the
 * other systems in the menu, and the install stops there before touching the ESP.
 */
export async function fillEspMenus(
  text: string,
  list: FatLister,
  fail: (message: string) => Error,
): Promise<string> {
  const found = [...text.matchAll(ESP_MENU_RE)];
  let out = text;
  for (const m of found) {
    const [whole, esp, rest] = m as unknown as [string, string, string];
    const names = rest.split("|").filter(Boolean);
    const paths = await list(esp);
    if (!paths)
      throw fail(
        `cannot list the EFI system partition ${esp} (mdir) to find the other systems' boot loaders for the new boot menu; it is untouched`,
      );
    const loaders = paths.filter((p) => /\.efi$/i.test(p));
    const entries = grubMenuEntries(
      systemsOnEsp(
        loaders,
        names.map((name) => ({ name })),
        esp,
      ),
      "uefi",
    );
    out = out.replace(whole, entries.join("\n"));
  }
  return out;
}
