import { dmCryptProblem } from "../facts/dmCrypt.js";
import { filesystemProblem } from "../facts/filesystems.js";
import type { Facts } from "../facts/schema.js";
import { PartitionSlotsError } from "../leviso/disk/free-layout.js";
import { computeLayout, DiskTooSmallError, type Layout, LayoutError } from "../leviso/disk/layout.js";
import { espPlan, formatSteps, mountSteps, partitionSteps } from "../leviso/disk/steps.js";
import type { NameCatalog } from "../leviso/rootfs/catalog.js";
import { hostnameSteps, localeSteps } from "../leviso/rootfs/locale.js";
import { userSteps } from "../leviso/rootfs/users.js";
import { describeBytes, parseSize } from "../steps/size.js";
import type { CheckDiskAction, Step } from "../steps/step.js";
import { DEFAULT_EFI_SIZE, FILESYSTEMS } from "./partitionDisk.js";
import { FreeSpaceRefusal, freeSpaceLayout } from "./partitionFree.js";
import type { ToolPlanArgs } from "./registry.js";
import type { ToolName } from "./types.js";

/** What every tool's plan needs besides its args and the facts. */
export interface PlanContext {
  /** The root the new (or this) system lives in: `/mnt` in live mode, `/` installed. */
  target: string;
  /** Names the system ships (locales, keymaps, zones); a missing list is not checked. */
  catalog?: NameCatalog;
  /** Filled with secrets the plan already knows (a plan file's password hash). */
  presetSecrets?: Map<string, string>;
}

/** A tool refuses its args: one message, the arg at fault, and what to do instead. */
export class PlanRefusal extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "PlanRefusal";
  }
}

/** The layout partitionDisk would create; refuses the disks it must never touch. */
export function partitionLayout(args: ToolPlanArgs<"partitionDisk">, facts: Facts): Layout {
  const disk = facts.disks.find((d) => d.path === args.disk);
  if (!disk) {
    throw new PlanRefusal(
      `no disk ${args.disk} on this machine`,
      "disk",
      facts.disks.length
        ? `disks here: ${facts.disks.map((d) => d.path).join(", ")}`
        : "lsblk lists no disks",
    );
  }
  if (disk.liveMedium)
    throw new PlanRefusal(
      `${disk.path} is the medium the live system runs from`,
      "disk",
      "choose another disk",
    );
  if (disk.mounted) {
    const where = (disk.partitions ?? [])
      .filter((p) => p.mountpoint)
      .map((p) => `${p.path} on ${p.mountpoint}`);
    throw new PlanRefusal(
      `${disk.path} is mounted${where.length ? ` (${where.join(", ")})` : ""}`,
      "disk",
      "unmount it first (umount -R, swapoff), or choose another disk",
    );
  }
  const fsProblem = filesystemProblem(facts, args.filesystem, FILESYSTEMS);
  if (fsProblem) throw new PlanRefusal(fsProblem.message, "filesystem", fsProblem.hint);
  const cryptProblem = args.encrypt ? dmCryptProblem(facts) : undefined;
  if (cryptProblem) throw new PlanRefusal(cryptProblem.message, "encrypt", cryptProblem.hint);
  try {
    // "Keep what is there" never falls through to the whole-disk layout, which erases the disk.
    if (args.use === "free") return freeSpaceLayout(args, facts, disk);
    return computeLayout({
      disk: disk.path,
      diskBytes: disk.sizeBytes,
      firmware: facts.firmware,
      filesystem: args.filesystem,
      swapBytes: args.swapSize ? parseSize(args.swapSize) : undefined,
      encrypt: args.encrypt,
      separateHome: args.separateHome,
      efiBytes: parseSize(args.efiSize ?? DEFAULT_EFI_SIZE),
      rootBytes: args.rootSize ? parseSize(args.rootSize) : undefined,
    });
  } catch (e) {
    if (e instanceof FreeSpaceRefusal) throw new PlanRefusal(e.message, e.field, e.hint);
    if (e instanceof DiskTooSmallError) {
      const smaller = [
        ...(args.rootSize ? ["a smaller rootSize"] : []),
        ...(args.swapSize || args.separateHome ? ["no swap / separate /home"] : []),
      ];
      throw new PlanRefusal(
        e.message,
        args.use === "free" ? "use" : "disk",
        args.use === "free"
          ? `make more room with the other system's tools, ${smaller.length ? `ask for ${smaller.join(" or ")}, ` : ""}or install on the whole disk (use whole)`
          : `use a disk of at least ${describeBytes(e.requiredBytes)}${smaller.length ? `, or ${smaller.join(" or ")}` : ""}`,
      );
    }
    if (e instanceof PartitionSlotsError)
      throw new PlanRefusal(
        e.message,
        "use",
        "drop swap and the separate /home (fewer partitions), or install on the whole disk (use whole)",
      );
    if (e instanceof LayoutError) {
      const field = /rootSize/.test(e.message)
        ? "rootSize"
        : /swapSize/.test(e.message)
          ? "swapSize"
          : "efiSize";
      throw new PlanRefusal(
        e.message,
        field,
        field === "rootSize"
          ? "use at least 4G, or leave rootSize out"
          : field === "swapSize"
            ? "use at least 1M"
            : "use efiSize 1G (the default)",
      );
    }
    throw e;
  }
}

/** What the re-check before the first write compares the disk with (issue 18). */
export function recheckFor(layout: Layout, facts: Facts): CheckDiskAction {
  const disk = facts.disks.find((d) => d.path === layout.disk);
  const esp = layout.partitions.find((p) => p.existing && p.role === "esp");
  return {
    kind: "checkDisk",
    disk: layout.disk,
    sizeBytes: disk?.sizeBytes ?? 0,
    ...(disk?.serial ? { serial: disk.serial } : {}),
    ...(disk?.partitions
      ? {
          partitions: disk.partitions.map((p) => ({
            path: p.path,
            sizeBytes: p.sizeBytes,
            ...(p.startBytes !== undefined ? { startBytes: p.startBytes } : {}),
          })),
        }
      : {}),
    ...(layout.free
      ? {
          freeRegion: {
            ...layout.free.region,
            ...(layout.free.logicalIn ? { logical: true } : {}),
            ...(layout.free.placedAtRun ? { anywhere: true } : {}),
          },
        }
      : {}),
    ...(esp
      ? { esp: { device: esp.device, adds: espPlan(layout).adds, roomBytes: layout.free?.espRoomBytes ?? 0 } }
      : {}),
  };
}

function partitionDiskPlan(args: ToolPlanArgs<"partitionDisk">, facts: Facts, ctx: PlanContext): Step[] {
  if (ctx.target === "/")
    throw new PlanRefusal("the target of a new install cannot be /", undefined, "use --target /mnt");
  const layout = partitionLayout(args, facts);
  return [
    ...partitionSteps(layout, recheckFor(layout, facts)),
    ...formatSteps(layout, { memory: facts.memory }),
    ...mountSteps(layout, ctx.target),
  ];
}

function createUserPlan(args: ToolPlanArgs<"createUser">, facts: Facts, ctx: PlanContext): Step[] {
  if (facts.users.includes(args.username))
    throw new PlanRefusal(`user ${args.username} already exists`, "username", "choose another username");
  return userSteps(
    ctx.target,
    {
      username: args.username,
      sudo: args.sudo,
      fullName: args.fullName,
      shell: args.shell,
      groups: args.groups,
      password: args.passwordHash ? { hash: args.passwordHash } : { ask: true },
    },
    { presetSecrets: ctx.presetSecrets },
  );
}

/** Close names for a hint: same prefix first, then same first letters. */
function suggest(name: string, known: ReadonlySet<string>): string {
  const lower = name.toLowerCase();
  const key = lower.split(/[._/@]/)[0] ?? lower;
  const close = [...known].filter((k) => k.toLowerCase().startsWith(key)).slice(0, 5);
  return close.length ? `did you mean ${close.join(", ")}?` : "";
}

function setLocalePlan(args: ToolPlanArgs<"setLocale">, _facts: Facts, ctx: PlanContext): Step[] {
  const c = ctx.catalog;
  const checks = [
    ["locale", args.locale, c?.locales, "locales this system ships are in /usr/share/i18n/SUPPORTED"],
    ["keymap", args.keymap, c?.keymaps, "keymaps are the .map files below /usr/lib/kbd/keymaps"],
    ["timezone", args.timezone, c?.timezones, "zones are IANA names such as Europe/Berlin"],
  ] as const;
  for (const [field, value, known, where] of checks) {
    if (value && known && !known.has(value)) {
      const s = suggest(value, known);
      throw new PlanRefusal(`unknown ${field} ${value}`, field, `${s ? `${s}; ` : ""}${where}`);
    }
  }
  return localeSteps(ctx.target, args);
}

function setHostnamePlan(args: ToolPlanArgs<"setHostname">, _facts: Facts, ctx: PlanContext): Step[] {
  return hostnameSteps(ctx.target, args.hostname);
}

function installRecipePlan(args: ToolPlanArgs<"installRecipe">, facts: Facts, ctx: PlanContext): Step[] {
  if (!facts.recipes.includes(args.name))
    throw new PlanRefusal(
      `no recipe named ${args.name}`,
      "name",
      `available: ${facts.recipes.join(", ") || "none"}`,
    );
  return [
    {
      id: `installRecipe.${args.name}`,
      phase: "recipes",
      source: "installRecipe",
      title: `Install ${args.name}${args.version ? ` ${args.version}` : ""}`,
      changes: `files of ${args.name} below ${ctx.target}; its recipe records installed = true`,
      destructive: false,
      action: { kind: "recipe", op: "install", root: ctx.target, name: args.name, version: args.version },
    },
  ];
}

function removeRecipePlan(args: ToolPlanArgs<"removeRecipe">, facts: Facts, ctx: PlanContext): Step[] {
  if (!facts.installed.includes(args.name))
    throw new PlanRefusal(
      `${args.name} is not installed`,
      "name",
      `installed: ${facts.installed.join(", ") || "none"}`,
    );
  return [
    {
      id: `removeRecipe.${args.name}`,
      phase: "recipes",
      source: "removeRecipe",
      title: `Remove ${args.name}`,
      changes: `the files ${args.name}'s recipe installed below ${ctx.target}`,
      destructive: true,
      action: { kind: "recipe", op: "remove", root: ctx.target, name: args.name },
    },
  ];
}

type Planner<T extends ToolName> = (args: ToolPlanArgs<T>, facts: Facts, ctx: PlanContext) => Step[];

/** `plan(args, facts, ctx) → Step[]` for every tool: pure, throws PlanRefusal. */
export const PLANNERS: { [T in ToolName]: Planner<T> } = {
  partitionDisk: partitionDiskPlan,
  createUser: createUserPlan,
  installRecipe: installRecipePlan,
  removeRecipe: removeRecipePlan,
  setLocale: setLocalePlan,
  setHostname: setHostnamePlan,
};

export function planTool<T extends ToolName>(
  tool: T,
  args: ToolPlanArgs<T>,
  facts: Facts,
  ctx: PlanContext,
): Step[] {
  return (PLANNERS[tool] as Planner<T>)(args, facts, ctx);
}
