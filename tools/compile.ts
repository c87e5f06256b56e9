import type { Disk, Facts } from "../facts/schema.js";
import { targetOf } from "../facts/schema.js";
import {
  DEFAULT_UEFI_BOOTLOADER,
  describeBootloader,
  EXTRA_BOOTLOADER_RECIPES,
  installBootloaderSteps,
  type UefiBootloader,
} from "../leviso/disk/bootloader.js";
import { espClashes } from "../leviso/disk/espClash.js";
import { espReadAtRun } from "../leviso/disk/espFallback.js";
import { EFI_VENDOR_DIR, SHIM_EFI } from "../leviso/disk/grubEfi.js";
import { ESP_MOUNTPOINT, type Layout } from "../leviso/disk/layout.js";
import { ESP_FALLBACK, espAddsOf, espHasFile, espStagingDir, fstabSteps } from "../leviso/disk/steps.js";
import type { NameCatalog } from "../leviso/rootfs/catalog.js";
import { PHASES, type Step } from "../steps/step.js";
import { alongsideNotes, otherDisksNotes } from "./bootMenuNotes.js";
import { existingUser } from "./existingUser.js";
import { langpackFor } from "./langpack.js";
import { factErrors, type PlanError } from "./planFile.js";
import { PlanRefusal, partitionLayout, planTool } from "./plans.js";
import type { ToolCall } from "./registry.js";
import type { Mode } from "./types.js";

/** A compiled plan: the merged calls, the ordered steps, and what the user must know. */
export interface Plan {
  version: 1;
  mode: Mode;
  target: string;
  firmware: "uefi" | "bios";
  /** The calls after merging (what the steps came from). */
  calls: ToolCall[];
  steps: Step[];
  /** Choices the compiler made: sizing rules, merged settings, steps it added. */
  notes: string[];
  /** True when any step destroys data; confirmation then needs the disk named back. */
  destructive: boolean;
  /**
   * A directory outside the target that the plan stages files in (UEFI: the ESP's tree before
   * mtools copies it onto the unmounted ESP); the executor allows writes there too.
   */
  scratch?: string;
  /** The disk partitionDisk erases, before and after. */
  disk?: {
    path: string;
    sizeBytes: number;
    model: string;
    before: NonNullable<Disk["partitions"]>;
    after: Layout;
  };
}

export interface CompileOptions {
  /** Default: facts.target, else /mnt (live) or / (installed). */
  target?: string;
  /** Default: facts.mode. */
  mode?: Mode;
  catalog?: NameCatalog;
}

export type CompileResult = { ok: true; plan: Plan } | { ok: false; errors: PlanError[] };

/** Secrets a plan already knows (plan-file password hashes), kept off the Plan object so no printout can show them. */
const planSecrets = new WeakMap<Plan, Map<string, string>>();

export function presetSecretsOf(plan: Plan): ReadonlyMap<string, string> {
  return planSecrets.get(plan) ?? new Map();
}

/**
 * Merges repeated settings: setLocale field by field and setHostname, the last call winning;
 * repeated installRecipe/removeRecipe/partitionDisk calls collapse to one. Returns notes saying so.
 */
export function mergeCalls(calls: readonly ToolCall[]): {
  calls: { call: ToolCall; index: number }[];
  notes: string[];
} {
  const notes: string[] = [];
  const out: { call: ToolCall; index: number }[] = [];
  let locale: { call: Extract<ToolCall, { tool: "setLocale" }>; index: number } | undefined;
  const setBy = new Map<string, number>();
  calls.forEach((call, index) => {
    switch (call.tool) {
      case "setLocale": {
        const merged = { ...(locale?.call.args ?? {}) } as Record<string, string | undefined>;
        for (const key of ["locale", "keymap", "timezone"] as const) {
          const v = call.args[key];
          if (v === undefined) continue;
          const prev = setBy.get(key);
          if (prev !== undefined && merged[key] !== v)
            notes.push(
              `setLocale at steps[${index}] sets ${key} ${v}, replacing ${merged[key]} from steps[${prev}] (the last one wins)`,
            );
          merged[key] = v;
          setBy.set(key, index);
        }
        const next = { tool: "setLocale" as const, args: merged as typeof call.args };
        if (locale) out.splice(out.indexOf(locale), 1);
        locale = { call: next, index };
        out.push(locale);
        return;
      }
      case "setHostname":
      case "partitionDisk": {
        const prev = out.find((o) => o.call.tool === call.tool);
        if (prev) {
          notes.push(
            `${call.tool} at steps[${index}] replaces the one at steps[${prev.index}] (the last one wins)${
              call.tool === "setHostname" && prev.call.tool === "setHostname"
                ? `: hostname ${call.args.hostname}, not ${prev.call.args.hostname}`
                : ""
            }`,
          );
          out.splice(out.indexOf(prev), 1);
        }
        out.push({ call, index });
        return;
      }
      case "installRecipe":
      case "removeRecipe": {
        const dup = out.find((o) => o.call.tool === call.tool && o.call.args.name === call.args.name);
        if (dup) {
          notes.push(
            `${call.tool} ${call.args.name} is asked twice (steps[${dup.index}] and steps[${index}]); it runs once`,
          );
          out.splice(out.indexOf(dup), 1);
        }
        out.push({ call, index });
        return;
      }
      case "createUser":
        out.push({ call, index });
        return;
    }
  });
  return { calls: out, notes };
}

function conflictErrors(calls: readonly ToolCall[]): PlanError[] {
  const errors: PlanError[] = [];
  calls.forEach((c, i) => {
    if (c.tool !== "removeRecipe") return;
    const j = calls.findIndex((o) => o.tool === "installRecipe" && o.args.name === c.args.name);
    if (j >= 0)
      errors.push({
        path: `steps[${i}].args.name`,
        message: `${c.args.name} is both installed (steps[${j}]) and removed (steps[${i}])`,
        hint: "keep one of the two steps",
      });
  });
  return errors;
}

function implied(
  id: string,
  phase: Step["phase"],
  title: string,
  changes: string,
  action: Step["action"],
): Step {
  return { id, phase, source: "install", title, changes, destructive: false, action };
}

/** Identical writes (two sudo users → one wheel drop-in) run once. */
function dedupeSteps(steps: Step[]): Step[] {
  const seen = new Set<string>();
  return steps.filter((s) => {
    if (s.action.kind !== "writeFile") return true;
    const key = JSON.stringify(s.action);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Turns tool calls into an ordered plan: partition → format → mount → bootstrap → fstab →
 * locale/hostname → users → recipes → bootloader. A live install also gets the base system
 * (`recipe bootstrap`), an fstab from the real UUIDs and a bootloader (UEFI: shim → GRUB, or
 * systemd-boot when the plan's partitionDisk asks; BIOS: GRUB). Refusals and conflicts come back as errors with the call's path; nothing runs.
 */
export function compilePlan(
  calls: readonly ToolCall[],
  facts: Facts,
  opts: CompileOptions = {},
): CompileResult {
  const mode = opts.mode ?? facts.mode;
  const target = opts.target ?? (mode === facts.mode ? targetOf(facts) : mode === "live" ? "/mnt" : "/");
  const errors: PlanError[] = [
    ...factErrors({ version: 1, mode, target, steps: [...calls] }, facts),
    ...conflictErrors(calls),
  ];
  if (mode === "live" && target === "/")
    errors.push({
      path: "target",
      message: "a live install cannot target /",
      hint: "use /mnt (the default)",
    });
  if (mode === "installed" && target !== "/" && !opts.target)
    errors.push({
      path: "target",
      message: "installed mode changes this system: its target is /",
      hint: "drop target",
    });
  if (mode === "live" && !calls.some((c) => c.tool === "partitionDisk")) {
    errors.push({
      path: "steps",
      message:
        "a live install needs a disk to go on (a partitionDisk step): which disk should the system go on?",
      // the live medium is never a choice (tester 24 W26)
      hint: facts.disks.some((d) => !d.liveMedium)
        ? `disks here: ${facts.disks
            .filter((d) => !d.liveMedium)
            .map((d) => d.path)
            .join(", ")}`
        : undefined,
    });
  }
  if (errors.length) return { ok: false, errors: dedupeErrors(errors) };

  const { calls: merged, notes } = mergeCalls(calls);
  const secrets = new Map<string, string>();
  const ctx = { target, catalog: opts.catalog, presetSecrets: secrets };
  let steps: Step[] = [];
  let layout: Layout | undefined;
  let bootloader: UefiBootloader = DEFAULT_UEFI_BOOTLOADER;
  for (const { call, index } of merged) {
    if (
      call.tool === "createUser" &&
      mode === "installed" &&
      existingUser(target, call.args).state === "same"
    ) {
      notes.push(`user ${call.args.username} already exists with these settings: nothing to do for it`);
      continue;
    }
    try {
      steps.push(...planTool(call.tool, call.args as never, facts, ctx));
      if (call.tool === "partitionDisk") {
        layout = partitionLayout(call.args, facts);
        bootloader = call.args.bootloader ?? DEFAULT_UEFI_BOOTLOADER;
        errors.push(...bootloaderErrors(call.args.bootloader, layout, index));
        if (opts.catalog) errors.push(...toolPackageErrors(layout, facts, index));
      }
    } catch (e) {
      if (!(e instanceof PlanRefusal)) throw e;
      errors.push({
        path: `steps[${index}]${e.field ? `.args.${e.field}` : ""}`,
        message: e.message,
        hint: e.hint,
      });
    }
  }
  // A live install's base set has English only: another language needs its pack (attacker 7 M4).
  let langpack: string | undefined;
  let langpackNote: string | undefined;
  const localeCall = merged.find((m) => m.call.tool === "setLocale");
  if (mode === "live" && localeCall?.call.tool === "setLocale") {
    const need = langpackFor(localeCall.call.args.locale, facts.recipes);
    langpack = need.recipe;
    langpackNote = need.note;
  }
  if (errors.length) return { ok: false, errors };

  if (mode === "live" && layout) {
    notes.push(...layout.notes);
    // A loader outside base-uefi.list (systemd-boot) is installed from the repository when it has
    // the recipe; otherwise the base system must bring the binary, which the staging step checks.
    const extra = layout.firmware === "uefi" ? [...EXTRA_BOOTLOADER_RECIPES[bootloader]] : [];
    // btrfs: the installed system keeps its root with btrfs-progs (scrub, balance, subvolumes).
    if (layout.filesystem === "btrfs" && facts.recipes.includes(BTRFS_PROGS)) extra.push(BTRFS_PROGS);
    const bootloaderPackages = extra.filter((n) => facts.recipes.includes(n));
    for (const n of extra.filter((x) => !facts.recipes.includes(x)))
      notes.push(
        `${n} is not among this repository's recipes: the base system must bring its files (checked before the EFI system partition is written)`,
      );
    steps.push(
      implied(
        "install.bootstrap",
        "bootstrap",
        "Install the base system",
        `${target}: the base system's files`,
        {
          kind: "recipe",
          op: "bootstrap",
          root: target,
          // The boot loader's packages differ: base-uefi.list or base-bios.list.
          firmware: layout.firmware,
        },
      ),
      ...bootloaderPackages.map((name) =>
        implied(
          `install.bootloader-package.${name}`,
          "bootstrap",
          `Install ${name} (${name === BTRFS_PROGS ? "the tools for the btrfs root" : "the boot loader chosen for this system"})`,
          `files of ${name} below ${target}`,
          { kind: "recipe", op: "install", root: target, name },
        ),
      ),
      ...(langpack
        ? [
            implied(
              `install.langpack.${langpack}`,
              "bootstrap",
              `Install ${langpack} (the language pack the chosen locale needs)`,
              `files of ${langpack} below ${target}`,
              { kind: "recipe", op: "install", root: target, name: langpack },
            ),
          ]
        : []),
      ...fstabSteps(layout, target),
      ...installBootloaderSteps(layout, target, { nvram: ownsFirmware(facts, layout.disk), bootloader }),
    );
    notes.push(
      `added: the base system (recipe bootstrap ${target} --firmware ${layout.firmware}), /etc/fstab from the new filesystems' UUIDs, and ${describeBootloader(layout.firmware, bootloader)}`,
    );
    if (langpack)
      notes.push(
        `added: ${langpack}, the language pack the chosen locale needs (the base system has English only)`,
      );
    if (langpackNote) notes.push(langpackNote);
    notes.push(...otherDisksNotes(facts, layout));
    if (layout.firmware === "uefi") {
      const loader = bootloader === "grub" ? "shim" : "systemd-boot";
      // A shared ESP whose files the facts do not list: the fallback path is read when the plan
      // runs and another system's loader there stays (leviso/disk/espFallback.ts).
      const atRun = espReadAtRun(layout);
      const ifFree = atRun
        ? `, unless another system's loader is there when the plan runs (${atRun} is read then; that loader is never replaced)`
        : "";
      notes.push(
        ownsFirmware(facts, layout.disk)
          ? `the EFI system partition is filled with mtools (not mounted) from ${espStagingDir(target)}, mounted at ${ESP_MOUNTPOINT} by the new system; ${loader} is added to the firmware's boot menu when this machine booted with UEFI, and is also at the fallback path EFI/BOOT/BOOTX64.EFI${ifFree}`
          : layout.free && espHasFile(layout, ESP_FALLBACK)
            ? bootlessAlongsideNote(layout, bootloader)
            : `the EFI system partition is filled with mtools (not mounted) from ${espStagingDir(target)}, mounted at ${ESP_MOUNTPOINT} by the new system; no firmware boot entry is written (${layout.disk} is a loop image or removable): firmware boots its fallback path EFI/BOOT/BOOTX64.EFI${atRun ? `${ifFree}. If it is there, ${bootlessAlongsideNote(layout, bootloader)}` : ""}`,
      );
    }
  }
  if (opts.catalog) {
    const unchecked = (["locales", "keymaps", "timezones"] as const).filter((k) => !opts.catalog?.[k]);
    const asked = merged.some((m) => m.call.tool === "setLocale");
    if (asked && unchecked.length)
      notes.push(`not checked (no list on this system): ${unchecked.join(", ")}`);
  }
  if (mode === "live" && layout?.free) {
    notes.push(...alongsideNotes(layout, bootloader));
    // The re-check before writing knows exactly what the chosen boot chain adds to a shared ESP.
    const adds = espAddsOf(steps, target);
    for (const s of steps) if (s.action.kind === "checkDisk" && s.action.esp) s.action.esp.adds = adds;
    // FAT ignores case: a file the probe listed under another case is the same file (attack3 M2).
    const clashes = espClashes(layout.free.espFiles ?? [], adds);
    const esp = layout.partitions.find((p) => p.existing && p.role === "esp");
    if (clashes.length && esp)
      return {
        ok: false,
        errors: [
          {
            path: `steps[${merged.findIndex((m) => m.call.tool === "partitionDisk")}].args.use`,
            message: `${esp.device} (the EFI system partition shared with the other system) already has ${clashes.join(", ")}: the install would replace another system's file (FAT names ignore case)`,
            hint: "the other system's files stay: choose the other UEFI boot loader (bootloader: systemd-boot or grub), remove the file with that system's tools if it is a leftover, or install on the whole disk (use whole) or another disk",
          },
        ],
      };
  }
  const order = new Map(PHASES.map((p, i) => [p, i]));
  steps = dedupeSteps(steps)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (order.get(a.s.phase) ?? 0) - (order.get(b.s.phase) ?? 0) || a.i - b.i)
    .map(({ s }) => s);
  const bootless = notes.findIndex((n) => n.startsWith("the new system will NOT boot from"));
  if (bootless >= 0) {
    // First, where it is read; and without the partition note promising a boot entry this plan
    // does not write ("the firmware boots the new system through its own boot entry").
    const [note] = notes.splice(bootless, 1);
    const promise = notes.findIndex(
      (n) => n.includes("keeps EFI/BOOT/BOOTX64.EFI") && n.includes("its own boot entry"),
    );
    if (promise >= 0) notes.splice(promise, 1);
    notes.unshift(note as string);
  }
  const diskFacts = layout ? facts.disks.find((d) => d.path === layout?.disk) : undefined;
  const plan: Plan = {
    version: 1,
    mode,
    target,
    firmware: facts.firmware,
    calls: merged.map((m) => withoutHash(m.call)),
    steps,
    notes,
    destructive: steps.some((s) => s.destructive),
    scratch: mode === "live" && layout?.firmware === "uefi" ? espStagingDir(target) : undefined,
    disk:
      layout && diskFacts
        ? {
            path: diskFacts.path,
            sizeBytes: diskFacts.sizeBytes,
            model: diskFacts.model,
            before: diskFacts.partitions ?? [],
            after: layout,
          }
        : undefined,
  };
  planSecrets.set(plan, secrets);
  return { ok: true, plan };
}

/** Rocky 10 has no btrfs-progs (EPEL does); a btrfs install needs it from the repository. */
const BTRFS_PROGS = "btrfs-progs";

/**
 * Packages the layout needs that the repository (facts.recipes: the recipes this install can run)
 * lacks. Checked when the plan is validated against a real system (a catalog is given: `levitate
 * install --plan`, the unattended install), so the plan is refused before confirmation instead of
 * failing at mkfs.
 */
function toolPackageErrors(layout: Layout, facts: Facts, index: number): PlanError[] {
  if (layout.filesystem !== "btrfs" || facts.recipes.includes(BTRFS_PROGS)) return [];
  return [
    {
      path: `steps[${index}].args.filesystem`,
      message: `btrfs needs ${BTRFS_PROGS} (mkfs.btrfs, and the tools the installed system keeps a btrfs root with), and this repository has no ${BTRFS_PROGS} recipe`,
      hint: `use ext4 or xfs; Rocky 10 ships no btrfs-progs (EPEL does): for btrfs, add its RPM to the ISO's repository and a recipe (recipes/${BTRFS_PROGS}.rhai)`,
    },
  ];
}

/** A boot loader the firmware cannot run. */
function bootloaderErrors(asked: UefiBootloader | undefined, layout: Layout, index: number): PlanError[] {
  const path = `steps[${index}].args.bootloader`;
  if (asked === "systemd-boot" && layout.firmware === "bios")
    return [
      {
        path,
        message: "systemd-boot needs UEFI firmware, and this machine boots with BIOS",
        hint: "drop bootloader: BIOS installs get GRUB",
      },
    ];
  return [];
}

/**
 * Whether the disk belongs to the machine running the installer, so its firmware's boot menu may
 * get an entry: not a loop-attached image, not a removable stick that boots elsewhere.
 */
function ownsFirmware(facts: Facts, disk: string): boolean {
  const d = facts.disks.find((x) => x.path === disk);
  return !(/^\/dev\/loop\d/.test(disk) || d?.transport === "loop" || d?.removable);
}

/**
 * Install alongside on a loop image or removable disk whose fallback path is another system's
 * loader (kept): no NVRAM entry is written and the fallback starts the other system, so nothing
 * starts the new system's loader. Not refused: such an image is made to be booted on another
 * machine, where one command adds the entry; but the plan must say so plainly, with that command.
 */
function bootlessAlongsideNote(layout: Layout, bootloader: UefiBootloader): string {
  const esp = layout.partitions.find((p) => p.role === "esp");
  const loader =
    bootloader === "grub"
      ? `\\${EFI_VENDOR_DIR.replace(/\//g, "\\")}\\${SHIM_EFI}`
      : "\\EFI\\systemd\\systemd-bootx64.efi";
  return (
    `the new system will NOT boot from ${layout.disk} until a firmware boot entry is added: ${layout.disk} is a loop image or removable, so no entry is written, ` +
    `and its fallback path EFI/BOOT/BOOTX64.EFI stays the other system's loader. On the machine that boots it, run: ` +
    `efibootmgr --create --disk ${layout.disk} --part ${esp?.number ?? 1} --loader '${loader}' --label LevitateOS`
  );
}

/** A plan file's password hash goes to the executor only (presetSecretsOf), never into printouts. */
function withoutHash(call: ToolCall): ToolCall {
  if (call.tool !== "createUser" || call.args.passwordHash === undefined) return call;
  const { passwordHash: _hidden, ...args } = call.args;
  return { tool: "createUser", args };
}

function dedupeErrors(errors: PlanError[]): PlanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\0${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
