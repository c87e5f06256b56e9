import type { Facts } from "../../facts/schema.js";
import { ROOT_GRANTING_GROUPS } from "../../tools/createUser.js";
import { liveShellProblem } from "../../tools/loginShells.js";
import { describeDisk } from "../rules/disks.js";
import { contentOf, whatIsOn } from "../safety/diskContent.js";
import { describeProtection } from "../safety/read.js";
import type { Protection } from "../safety/types.js";
import type { PlanCall } from "../types.js";
import type { Outcome } from "./outcome.js";

/** One line a person reads: what a call will do. */
export function describeCall(call: PlanCall, facts: Facts): string {
  switch (call.tool) {
    case "partitionDisk": {
      const a = call.args;
      const d = facts.disks.find((x) => x.path === a.disk);
      const bits: string[] = [a.filesystem];
      if (a.swapSize) bits.push(`${a.swapSize} swap`);
      if (a.encrypt) bits.push("encrypted (passphrase asked when it runs)");
      if (a.separateHome) bits.push("separate /home");
      if (a.efiSize && a.efiSize !== "1G") bits.push(`${a.efiSize} EFI`);
      if (a.rootSize) bits.push(`${a.rootSize} root`);
      if (a.use === "free") {
        const kept = (d?.partitions ?? []).map(
          (p) => `${p.path}${p.os ? ` ${p.os}` : p.label ? ` ${p.label}` : ""}`,
        );
        return `install into the free space of ${d ? describeDisk(d) : a.disk}, keeping ${kept.length ? `every partition (${kept.join(", ")})` : "every partition"}: ${bits.join(", ")}`;
      }
      // what the erase loses, named on the very line a "yes" confirms (tester 29 F12, F16): the
      // plan's review is shown after the last yes, so the loss must be read before it
      const lost = d ? contentOf(d).map((p) => `${whatIsOn(p) || "a partition"} (${p.path})`) : [];
      return `erase ${d ? describeDisk(d) : a.disk} and install there: ${bits.join(", ")}${lost.length ? ` (lost for good: ${lost.join(", ")})` : ""}`;
    }
    case "createUser": {
      const a = call.args;
      const bits: string[] = [];
      if (a.sudo) bits.push("with sudo");
      if (a.fullName) bits.push(`"${a.fullName}"`);
      if (a.shell !== "/bin/bash") bits.push(`shell ${a.shell}`);
      // a group that gives root is said to be sudo by another name (attacker 11 L1)
      const root = a.sudo ? [] : a.groups.filter((g) => ROOT_GRANTING_GROUPS.has(g));
      if (a.groups.length)
        bits.push(
          `groups ${a.groups.join(", ")}${root.length ? ` (${root.join(", ")}: as good as sudo once ${root.length > 1 ? "they run" : `${root[0]} runs`})` : ""}`,
        );
      return `create user ${a.username}${bits.length ? ` ${bits.join(", ")}` : ""} (password asked when it runs)`;
    }
    case "installRecipe":
      return `install ${call.args.name}${call.args.version ? ` ${call.args.version}` : ""}`;
    case "removeRecipe":
      return `remove ${call.args.name}`;
    case "setLocale": {
      const a = call.args;
      const bits: string[] = [];
      if (a.locale) bits.push(`language ${a.locale}`);
      if (a.keymap) bits.push(`keyboard ${a.keymap}`);
      if (a.timezone) bits.push(`time zone ${a.timezone}`);
      return `set ${bits.join(", ")}`;
    }
    case "setHostname":
      return `set the hostname to ${call.args.hostname}`;
  }
}

/** What the assistant says after a turn changed the plan: understood, will happen, needed next. */
export function describeOutcome(outcome: Outcome, pending: readonly PlanCall[], facts: Facts): string {
  if (outcome.kind === "reply")
    return [
      ...loweredLines(outcome.lowered),
      outcome.text,
      ...(outcome.withdrawn ?? []).map((c) => `Taken out of the plan: ${describeCall(c, facts)}.`),
    ].join(" ");
  if (outcome.kind === "confirm") return outcome.value ? "Confirmed." : notNow(outcome.kept === true);
  if (outcome.kind === "drop") {
    if (outcome.dropped.length === 0) return "That is not in the plan, so there is nothing to drop.";
    return [
      ...removedLines([...outcome.dropped, ...(outcome.withdrawn ?? [])], facts),
      ...loweredLines(outcome.lowered),
      ...keptLine(outcome.keptNow, facts),
      nextStep(pending, facts),
    ].join(" ");
  }
  const parts: string[] = [];
  const renamed = outcome.renamed?.tool === "createUser" ? outcome.renamed.args.username : undefined;
  for (const c of outcome.added)
    parts.push(
      renamed && c.tool === "createUser"
        ? `Changed: ${describeCall(c, facts)}, instead of ${renamed}.`
        : `Added: ${describeCall(c, facts)}.`,
    );
  for (const old of outcome.replaced) {
    const now = pending.find((p) => p.tool === old.tool && sameSubject(p, old));
    if (now) parts.push(`Changed: ${describeCall(now, facts)}.`);
  }
  parts.push(...shellNotes([...outcome.added, ...outcome.replaced], pending, facts));
  for (const r of outcome.refused ?? []) parts.push(`Not added: ${r.reason}`);
  parts.push(...removedLines(outcome.withdrawn ?? [], facts));
  // an account this turn's calls already changed is said once, by its "Changed:" line
  const said = new Set(
    [...outcome.added, ...outcome.replaced].flatMap((c) =>
      c.tool === "createUser" ? [c.args.username] : [],
    ),
  );
  parts.push(
    ...loweredLines(outcome.lowered?.filter((c) => c.tool === "createUser" && !said.has(c.args.username))),
  );
  parts.push(...keptLine(outcome.keptNow, facts));
  parts.push(nextStep(pending, facts));
  return parts.join(" ");
}

/**
 * A user added or changed with a login shell the new system will not have (attacker 11 M1): the
 * call stays (it is what was asked), and the plan will not compile until the shell changes, so the
 * person hears it now, not at "yes" (tools/loginShells.ts).
 */
function shellNotes(changed: readonly PlanCall[], pending: readonly PlanCall[], facts: Facts): string[] {
  if (facts.mode !== "live") return [];
  const installs = pending.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
  const out: string[] = [];
  for (const c of changed) {
    if (c.tool !== "createUser") continue;
    const now = pending.find((p) => p.tool === "createUser" && p.args.username === c.args.username);
    if (now?.tool !== "createUser") continue;
    const p = liveShellProblem(now.args.shell ?? "/bin/bash", installs, facts.recipes);
    if (p)
      out.push(
        `Note: ${p.message.replace("the user", now.args.username)}; ${p.hint}. The plan will not run until the shell changes (say "${now.args.username}'s shell is bash").`,
      );
  }
  return [...new Set(out)];
}

/**
 * "Removed from the plan: …" once per step: a step the decision drops can also be withdrawn by the
 * same turn's words (tester 14 A2 printed the same erase twice).
 */
function removedLines(calls: readonly PlanCall[], facts: Facts): string[] {
  return [...new Set(calls.map((c) => `Removed from the plan: ${describeCall(c, facts)}.`))];
}

/** "anna no sudo" of a planned admin: the account stays, without the privilege (agent/safety/refusedSudoKept.ts). */
function loweredLines(lowered: readonly PlanCall[] | undefined): string[] {
  return (lowered ?? []).flatMap((c) =>
    c.tool === "createUser" ? [`Changed: ${c.args.username} stays in the plan, without sudo.`] : [],
  );
}

/**
 * "Kept: /dev/sda (…), not touched; git, not removed." — what this turn's words kept, said once
 * (tester 27 R1: the whole list had been repeated in every reply). A program that is not installed
 * is left out: "actually not git" about a planned install keeps nothing a person could lose, and
 * "git, not removed" then read as clutter (the keep still stands: no removal of it is planned).
 */
function keptLine(kept: readonly Protection[] | undefined, facts: Facts): string[] {
  const shown = (kept ?? []).filter((p) => p.kind !== "recipe" || facts.installed.includes(p.name));
  return shown.length ? [`Kept: ${shown.map((p) => describeProtection(p, facts)).join("; ")}.`] : [];
}

function sameSubject(a: PlanCall, b: PlanCall): boolean {
  if (a.tool === "createUser" && b.tool === "createUser") return a.args.username === b.args.username;
  if (
    (a.tool === "installRecipe" || a.tool === "removeRecipe") &&
    (b.tool === "installRecipe" || b.tool === "removeRecipe")
  )
    return a.args.name === b.args.name;
  return a.tool === b.tool;
}

export function nextStep(pending: readonly PlanCall[], facts: Facts): string {
  if (facts.mode === "live" && !pending.some((c) => c.tool === "partitionDisk"))
    return "Next: which disk should the system go on?";
  if (facts.mode === "live" && !pending.some((c) => c.tool === "createUser"))
    return 'Add a user ("create user anna with sudo"), or say "yes" to review and install.';
  return 'Say "yes" to review and run it, or keep adding.';
}

/**
 * What a confirm:false did: "no", "not yet" keep the plan and run nothing; "start over" dropped it.
 * Said in one line, with the way to the other, so a hurried "yes" next knows what it would run.
 */
export function notNow(kept: boolean): string {
  return kept
    ? 'Nothing runs; the plan stays. Change anything, or say "start over" to drop it all.'
    : "Dropped the whole plan (/undo brings it back).";
}
