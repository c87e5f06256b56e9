import type { Facts } from "../../facts/schema.js";
import { withoutAlreadyThere } from "./alreadyThere.js";
import { restateShellRequests } from "./shellRequests.js";
import { saySpelledNames } from "./spelledNames.js";
import { withoutTypingNoise } from "./typingNoise.js";

/**
 * How a hurried voice writes a request, said the way the readers read it, before any of them sees
 * the turn (agent/conversation.ts): names spelled letter by letter (agent/rules/spelledNames.ts),
 * shell commands typed as requests (agent/rules/shellRequests.ts), after what the keyboard, the cat
 * or the clipboard added is taken out (agent/rules/typingNoise.ts), and a request taken back because
 * the program is already there (agent/rules/alreadyThere.ts).
 */
export function saySpokenForms(text: string, facts: Facts): string {
  const known = new Set(
    [
      ...facts.recipes,
      ...facts.installed,
      ...facts.users,
      ...facts.disks.map((d) => d.path.replace(/^\/dev\//, "")),
      // "b t r f s": a filesystem is a name too
      ...["btrfs", "ext4", "xfs"],
    ].map((x) => x.toLowerCase()),
  );
  const programs = new Set([...facts.recipes, ...facts.installed].map((x) => x.toLowerCase()));
  const disks = new Set(facts.disks.map((d) => d.path));
  return restateShellRequests(withoutAlreadyThere(saySpelledNames(withoutTypingNoise(text, known), known)), {
    programs,
    disks,
  });
}
