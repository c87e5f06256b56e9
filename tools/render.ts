import { Chalk, type ChalkInstance } from "chalk";
import { describeBytes, formatSize } from "../steps/size.js";
import { describeAction, type Step } from "../steps/step.js";
import { safeText } from "../steps/terminalText.js";
import { placeOfNew } from "./bootMenuNotes.js";
import type { Plan } from "./compile.js";

export interface RenderOptions {
  /** Show each step's exact argv / file write (`--verbose`). */
  verbose?: boolean;
  /** Default: chalk's detection, which honours NO_COLOR and FORCE_COLOR. */
  color?: boolean;
}

export function makeChalk(color?: boolean): ChalkInstance {
  if (color === false || process.env.NO_COLOR) return new Chalk({ level: 0 });
  return color ? new Chalk({ level: 1 }) : new Chalk();
}

/** The disk before and after, side by side in one list each. */
export function renderDiskChange(plan: Plan, c: ChalkInstance): string[] {
  if (!plan.disk) return [];
  const d = plan.disk;
  const lines = [
    c.bold(
      `Disk ${safeText(d.path)}${d.model ? ` (${safeText(d.model)})` : ""}, ${describeBytes(d.sizeBytes)}`,
    ),
  ];
  lines.push("  now:");
  if (!d.before.length) lines.push("    (no partitions, or none known)");
  for (const p of d.before)
    lines.push(
      `    ${safeText(p.path)}  ${formatSize(p.sizeBytes)}  ${safeText(p.fstype ?? "-")}${p.label ? ` "${safeText(p.label)}"` : ""}${p.os ? ` (${safeText(p.os)})` : ""}${p.mountpoint ? ` on ${safeText(p.mountpoint)}` : ""}`,
    );
  const free = d.after.free;
  lines.push(
    `  after (${d.after.table === "gpt" ? "GPT" : "MBR"}${free ? ", every partition above kept as it is" : ""}):`,
  );
  if (free) {
    const shared = d.after.partitions.find((p) => p.existing);
    for (const p of free.kept)
      lines.push(
        `    ${safeText(p.path)}  ${formatSize(p.sizeBytes)}  ${safeText(p.fstype ?? "-")}${p.label ? ` "${safeText(p.label)}"` : ""}${p.os ? ` (${safeText(p.os)})` : ""}  ${
          shared?.device === p.path
            ? c.green("kept; shared: boot files added, none changed")
            : c.green("untouched")
        }`,
      );
  }
  for (const p of d.after.partitions) {
    if (p.existing) continue;
    const size =
      free || p.sizeMiB !== undefined ? formatSize(p.sizeBytes) : `${formatSize(p.sizeBytes)} (rest)`;
    lines.push(
      `    ${safeText(p.device)}  ${size}  ${p.encrypted ? "LUKS2 → " : p.randomKeySwap ? "random key at each boot → " : ""}${p.role === "biosboot" ? "BIOS boot (GRUB's core, never formatted)" : safeText(p.fstype)}${p.mountpoint ? ` on ${safeText(p.mountpoint)}` : ""}${
        free && p.startMiB !== undefined
          ? `  ${c.yellow(`new, ${placeOfNew(p, free.placedAtRun)}${free.placedAtRun ? " (found on the disk when it runs)" : ""}`)}`
          : ""
      }`,
    );
  }
  return lines;
}

export function renderStep(
  step: Step,
  n: number,
  total: number,
  c: ChalkInstance,
  verbose: boolean,
): string[] {
  const num = String(n).padStart(String(total).length);
  const mark = step.destructive ? c.red.bold("DESTROYS DATA ") : "";
  const title = safeText(step.title);
  const lines = [`${c.dim(`${num}.`)} ${mark}${step.destructive ? c.red(title) : title}`];
  if (verbose) {
    lines.push(`     ${c.cyan(safeText(describeAction(step.action)))}`);
    if (
      step.action.kind === "run" &&
      step.action.stdin !== undefined &&
      !step.action.stdin.includes("{{secret:")
    ) {
      for (const l of step.action.stdin.replace(/\n$/, "").split("\n"))
        lines.push(`       ${c.dim(`| ${safeText(l)}`)}`);
    }
    if (step.action.kind === "writeFile") {
      for (const l of step.action.content.replace(/\n$/, "").split("\n"))
        lines.push(`       ${c.dim(`| ${safeText(l)}`)}`);
    }
    lines.push(`     ${c.dim(`changes: ${safeText(step.changes)}`)}`);
  }
  return lines;
}

/** The confirmation text: what will happen, in order, destructive steps marked in red. */
export function renderPlan(plan: Plan, opts: RenderOptions = {}): string {
  const c = makeChalk(opts.color);
  const lines: string[] = [];
  lines.push(
    c.bold(
      plan.mode === "live"
        ? `Install a new system into ${safeText(plan.target)} (${plan.firmware.toUpperCase()})`
        : "Change this system",
    ),
  );
  const disk = renderDiskChange(plan, c);
  if (disk.length) lines.push("", ...disk);
  if (plan.notes.length) {
    lines.push("", c.bold("Choices made"));
    for (const n of plan.notes) lines.push(`  - ${safeText(n)}`);
  }
  lines.push("", c.bold(`Steps (${plan.steps.length})`));
  for (const [i, s] of plan.steps.entries())
    lines.push(...renderStep(s, i + 1, plan.steps.length, c, opts.verbose ?? false));
  if (!opts.verbose) lines.push("", c.dim("(--verbose shows every command and file)"));
  return lines.join("\n");
}

/** `--json`: the plan as data; secrets are never part of a Plan object. */
export function planToJson(plan: Plan): string {
  return JSON.stringify(plan, null, 2);
}
