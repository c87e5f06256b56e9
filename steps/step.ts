import type { ToolName } from "./toolNames.js";

/**
 * A plan is a list of steps; a step is data: what it does (`action`), for whom it is shown
 * (`title`, `changes`), and whether it destroys data. `--dry-run` prints these very objects, and
 * the executor runs them; nothing else runs.
 *
 * Placeholders, resolved only by the executor, keep values out of the plan that do not exist yet
 * or must never be shown:
 * - `{{secret:NAME}}` (only in `run.stdin`): a secret asked or computed at execution.
 * - `{{uuid:/dev/X}}`: the filesystem (or LUKS) UUID of a device, read with blkid after formatting.
 * - `{{partuuid:/dev/X}}`: the partition table's id of a partition (blkid's PARTUUID), for what
 *   has no filesystem UUID (a swap encrypted with a new random key at each boot).
 * - `{{kernel:/DIR}}` / `{{initrd:/DIR}}`: file name of the newest kernel / initramfs in DIR.
 *   Filled in `writeFile` content and in `copyFile` paths.
 * - `{{espmenu:ESP|NAME...}}` (in `writeFile` content): GRUB's entries for the other systems
 *   whose EFI loaders are on ESP when the file is written (steps/espMenu.ts).
 * - `{{freestart:DISK:BYTES:OFFSET}}` (only in `run.stdin`): where DISK's largest free region
 *   starts, plus OFFSET MiB, read from the disk when the step runs (steps/freeStart.ts).
 */
export type Phase =
  | "prepare"
  | "partition"
  | "format"
  | "mount"
  | "bootstrap"
  | "fstab"
  | "locale"
  | "hostname"
  | "users"
  | "recipes"
  | "bootloader"
  | "finish";

/** Execution order of the phases; the compiler sorts steps by it. */
export const PHASES: readonly Phase[] = [
  "prepare",
  "partition",
  "format",
  "mount",
  "bootstrap",
  "fstab",
  "locale",
  "hostname",
  "users",
  "recipes",
  "bootloader",
  "finish",
];

export interface RunAction {
  kind: "run";
  /** The exact argv; argv[0] is looked up in PATH. Never holds a secret. */
  argv: string[];
  /** Fed to stdin; may hold `{{secret:NAME}}` placeholders (the only place secrets go). */
  stdin?: string;
  /** Extra environment for this command only (e.g. MTOOLS_SKIP_CHECK=1); shown in the plan. */
  env?: Record<string, string>;
  /** Stores trimmed stdout as this secret (e.g. the hash `openssl passwd` prints); never logged. */
  captureSecret?: string;
  /** Streams output live (formatting, bootstrap): a long step. */
  long?: boolean;
  /**
   * Runs only where this path exists on the machine running the plan; elsewhere the step is
   * skipped with `otherwise` as the reason (EFI variables: only on a UEFI-booted host).
   */
  onlyIf?: { exists: string; otherwise: string };
  /**
   * A command that may never return (efibootmgr waits inside the firmware's SetVariable, which
   * some firmware never answers): after `ms` it is killed and left behind (a process waiting in
   * the kernel's firmware call cannot die until the call ends), and the step is skipped with
   * `otherwise`, or fails with it when `fail` is set (nothing else boots the system without it).
   */
  bounded?: { ms: number; otherwise: string; fail?: boolean };
  /**
   * Other names of argv[0], tried in order when argv[0] is not on PATH where the plan runs
   * (Rocky's `grub2-install` is Debian's `grub-install`). The journal records the one used.
   */
  alternatives?: string[];
  /**
   * The FAT device (a shared EFI system partition) this command adds files to: when it fails,
   * what it added is removed again (steps/fatUndo.ts) and the failure says so.
   */
  undoAddedToFat?: string;
}

export interface WriteFileAction {
  kind: "writeFile";
  /** Absolute host path, inside the target (built with `inRoot`). */
  path: string;
  content: string;
  /** Octal permission bits, e.g. 0o644. */
  mode: number;
  /**
   * argv run on a temporary copy before it replaces `path`; `{}` is the copy's path. A failing
   * check leaves the old file untouched (sudoers drop-ins: `visudo -cf {}`).
   */
  check?: string[];
  /** Skipped when a shared FAT already holds one of these paths (steps/fatGuard.ts). */
  unlessOnFat?: FatGuard;
}

/**
 * A file staged for a shared EFI system partition whose files the facts did not list: the
 * executor lists `device` (mtools) when the step runs and skips the step, with `otherwise` as the
 * reason, when any of `paths` is there already (FAT names ignore case) or the FAT cannot be
 * listed. The firmware's fallback loader of another system (EFI/BOOT/BOOTX64.EFI, which Windows
 * and Ubuntu both put there) is never replaced (round 28: it was assumed free when the facts
 * named no loaders, and the re-check then stopped the install).
 */
export interface FatGuard {
  device: string;
  paths: string[];
  otherwise: string;
}

/** Sets `KEY=value` lines in a shell-style config file, keeping every other line. */
export interface SetKeysAction {
  kind: "setKeys";
  path: string;
  keys: Record<string, string>;
  mode: number;
}

/**
 * Copies one file (the boot manager, the kernel into the ESP staging tree). `from` and `to` may
 * hold `{{kernel:DIR}}`/`{{initrd:DIR}}`; both stay inside the target or the plan's scratch
 * directory. A missing `from` fails with `missing`, which says what provides the file.
 */
export interface CopyFileAction {
  kind: "copyFile";
  from: string;
  to: string;
  mode: number;
  missing: string;
  /** Skipped when a shared FAT already holds one of these paths (steps/fatGuard.ts). */
  unlessOnFat?: FatGuard;
}

export interface SymlinkAction {
  kind: "symlink";
  path: string;
  /** The link's content, as written (relative links stay inside the target). */
  target: string;
}

export interface MkdirAction {
  kind: "mkdir";
  path: string;
  mode: number;
}

/** Waits until block devices exist (the kernel re-reads a partition table asynchronously). */
export interface WaitDevicesAction {
  kind: "waitDevices";
  paths: string[];
  timeoutMs: number;
}

/** A call into the recipe library, run by the executor's recipe runner; dry-run lists its actions. */
export interface RecipeAction {
  kind: "recipe";
  op: "install" | "remove" | "bootstrap";
  /** Root of the system the recipe changes (the target). */
  root: string;
  name?: string;
  version?: string;
  /** bootstrap: the firmware the new system boots with (adds base-uefi.list or base-bios.list). */
  firmware?: "uefi" | "bios";
}

/** Asks for a password or passphrase when the plan runs; held in memory only, never logged. */
export interface AskSecretAction {
  kind: "askSecret";
  secret: string;
  prompt: string;
  /** Ask twice and compare. */
  confirm: boolean;
  minLength: number;
}

/**
 * Right before the first step that writes to a disk: the disk is still the one the confirmation
 * showed (size, serial, partitions), nothing on it is mounted or used as swap or by device-mapper,
 * it is not the live medium, and for `use: "free"` the region is still unallocated and a shared
 * ESP still has room and none of the files the install adds (steps/recheckDisk.ts).
 */
export interface CheckDiskAction {
  kind: "checkDisk";
  disk: string;
  sizeBytes: number;
  serial?: string;
  /** The partitions the confirmation listed; absent when the facts did not list them. */
  partitions?: { path: string; sizeBytes: number; startBytes?: number }[];
  /**
   * use free: where the new partitions go; it must still be unallocated. `logical`: it lies inside
   * an MBR extended partition (new logical partitions), where free means no logical one there.
   */
  freeRegion?: {
    startBytes: number;
    endBytes: number;
    logical?: boolean;
    /** The facts did not say where the region is: some free region at least this large. */
    anywhere?: boolean;
  };
  /** use free with a shared ESP: files the install adds must not exist yet, and the room they need. */
  esp?: { device: string; adds: string[]; roomBytes: number };
}

export type StepAction =
  | CheckDiskAction
  | RunAction
  | WriteFileAction
  | SetKeysAction
  | CopyFileAction
  | SymlinkAction
  | MkdirAction
  | WaitDevicesAction
  | RecipeAction
  | AskSecretAction;

export type StepKind = StepAction["kind"];

export interface Step {
  /** Stable within a plan, e.g. `partitionDisk.sfdisk`, `createUser.vince.useradd`. */
  id: string;
  phase: Phase;
  /** The tool that asked for it, or `install` for what a complete install implies. */
  source: ToolName | "install";
  /** For people: "Create the partition table on /dev/sda". */
  title: string;
  /** What it changes, e.g. "/dev/sda: every partition and all data". */
  changes: string;
  /** Destroys existing data: marked in the confirmation, and needs the disk named back. */
  destructive: boolean;
  action: StepAction;
}

const SECRET_RE = /\{\{secret:([A-Za-z0-9_.:-]+)\}\}/g;

/** The secrets a step reads (from `stdin`), in order. */
export function secretsUsed(step: Step): string[] {
  if (step.action.kind !== "run" || !step.action.stdin) return [];
  return [...step.action.stdin.matchAll(SECRET_RE)].map((m) => m[1] as string);
}

export function fillSecrets(text: string, secrets: ReadonlyMap<string, string>): string {
  return text.replace(SECRET_RE, (_, name: string) => {
    const v = secrets.get(name);
    if (v === undefined) throw new Error(`secret ${name} is needed before it was asked for (plan order bug)`);
    return v;
  });
}

/** A shell-like rendering of argv for people (quotes only what needs it). Never executed. */
export function showArgv(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`))
    .join(" ");
}

/** One path as showArgv quotes it: every printed command quotes its paths the same way. */
const q = (path: string) => showArgv([path]);

/** One line saying exactly what a step does: the argv, the file written, the recipe call. */
export function describeAction(a: StepAction): string {
  switch (a.kind) {
    case "run":
      return `${a.env ? `${showArgv(Object.entries(a.env).map(([k, v]) => `${k}=${v}`))} ` : ""}${showArgv(a.argv)}${a.stdin !== undefined ? " < (stdin)" : ""}${
        a.onlyIf ? ` (only if ${a.onlyIf.exists} exists)` : ""
      }${a.bounded ? ` (given up after ${Math.round(a.bounded.ms / 1000)} s)` : ""}${a.alternatives?.length ? ` (${a.alternatives.join(", ")} where ${a.argv[0]} is not installed)` : ""}`;
    case "writeFile":
      return `write ${q(a.path)} (mode ${a.mode.toString(8)}, ${a.content.length} bytes)${a.check ? `, checked with ${showArgv(a.check)}` : ""}${guardNote(a.unlessOnFat)}`;
    case "setKeys":
      return `set ${Object.entries(a.keys)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")} in ${q(a.path)}`;
    case "copyFile":
      return `cp ${q(a.from)} ${q(a.to)} (mode ${a.mode.toString(8)})${guardNote(a.unlessOnFat)}`;
    case "symlink":
      return `ln -sfn ${q(a.target)} ${q(a.path)}`;
    case "mkdir":
      return `mkdir -p ${q(a.path)}`;
    case "waitDevices":
      return `wait for ${a.paths.join(", ")}`;
    case "checkDisk":
      return `check ${a.disk} again: ${a.sizeBytes} bytes${a.serial ? `, serial ${a.serial}` : ""}, nothing mounted, no swap or device-mapper on it, not the live medium${
        a.partitions
          ? `, partitions ${a.partitions.length ? a.partitions.map((p) => p.path).join(" ") : "none"} unchanged`
          : ""
      }${
        a.freeRegion
          ? a.freeRegion.anywhere
            ? `, a free region of at least ${a.freeRegion.endBytes - a.freeRegion.startBytes} bytes`
            : `, ${a.freeRegion.startBytes}-${a.freeRegion.endBytes} unallocated`
          : ""
      }${
        a.esp ? `, ${a.esp.device} has ${a.esp.roomBytes} bytes free and none of ${a.esp.adds.join(" ")}` : ""
      }`;
    case "recipe":
      return a.op === "bootstrap"
        ? `recipe bootstrap ${q(a.root)}${a.firmware ? ` --firmware ${a.firmware}` : ""}`
        : `recipe ${a.op} ${a.name}${a.version ? `@${a.version}` : ""} --root ${q(a.root)}`;
    case "askSecret":
      return `ask: ${a.prompt} (kept in memory only)`;
  }
}

/** What the dry run says about a step that depends on a shared FAT's files when it runs. */
function guardNote(g: FatGuard | undefined): string {
  if (!g) return "";
  return ` (only if ${g.device} has none of ${g.paths.join(", ")} when this step runs: it is listed then, and another system's file there is never replaced)`;
}
