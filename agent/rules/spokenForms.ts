import type { Facts } from "../../facts/schema.js";
import { saySpelledNames } from "./spelledNames.js";

/**
 * How a hurried voice writes a request, said the way the readers read it, before any of them sees
 * the turn (agent/conversation.ts): names spelled letter by letter (agent/rules/spelledNames.ts).
 */
export function saySpokenForms(text: string, facts: Facts): string {
  const known = new Set(
    [
      ...facts.recipes,
      ...facts.installed,
      ...facts.users,
      ...facts.disks.map((d) => d.path.replace(/^\/dev\//, "")),
    ].map((x) => x.toLowerCase()),
  );
  return saySpelledNames(text, known);
}
