/**
 * What an unattended install (levitate.plan=, nobody at the console) cannot be given, and what
 * to do about each: a user's password has a plan field (createUser passwordHash); the disk
 * encryption passphrase has none (installer.md), so an encrypted plan needs a person at the
 * console (attack3 M7: the message used to point at passwordHash for the passphrase too).
 */
import type { AskSecretAction } from "../steps/step.js";

/** The askSecret of partitionDisk's LUKS passphrase (leviso/disk/steps.ts). */
const isLuksPassphrase = (a: AskSecretAction) => !a.secret.startsWith("password:");

/** The fix for each kind of secret asked, joined; empty when nothing is asked. */
export function unattendedSecretsFix(asked: readonly AskSecretAction[]): string {
  const fixes: string[] = [];
  if (asked.some(isLuksPassphrase))
    fixes.push(
      "a LUKS passphrase cannot be given in a plan, so an encrypted install needs someone at the console (run levitate install there), or set encrypt: false",
    );
  if (asked.some((a) => !isLuksPassphrase(a)))
    fixes.push("give each createUser a passwordHash (openssl passwd -6)");
  return fixes.join("; ");
}

/** The dry run's warning for a plan that could not run unattended; undefined when it could. */
export function unattendedWarning(asked: readonly AskSecretAction[]): string | undefined {
  if (!asked.length) return undefined;
  return `Note: this plan asks for ${asked.map((a) => `"${a.prompt}"`).join(", ")} at the console, so it cannot run unattended (levitate.plan=): ${unattendedSecretsFix(asked)}.`;
}
