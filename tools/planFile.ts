import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { dmCryptProblem } from "../facts/dmCrypt.js";
import { filesystemProblem } from "../facts/filesystems.js";
import { PLAIN_PATH, PLAIN_PATH_MESSAGE } from "../facts/plainPath.js";
import { type Facts, targetOf } from "../facts/schema.js";
import { describeBytes } from "../steps/size.js";
import { safeText } from "../steps/terminalText.js";
import { essentialReason } from "./essential.js";
import { existingUser, existingUserMessage } from "./existingUser.js";
import { liveShellProblem, shellPathProblem, shellRecipe } from "./loginShells.js";
import { FILESYSTEMS } from "./partitionDisk.js";
import { contradictingDiskSteps } from "./planDiskConflicts.js";
import { isToolName, TOOLS, type ToolCall, toolsForMode } from "./registry.js";
import { TOOL_NAMES } from "./types.js";

/** CONTRACTS §3. Version 1 is the only version so far; a newer one must keep reading this one. */
export const PLAN_FILE_VERSION = 1;

const StepSchemas = TOOL_NAMES.map((name) =>
  z
    .strictObject({ tool: z.literal(name), args: TOOLS[name].planArgs })
    .describe(`${name}: ${TOOLS[name].description}`),
);

export const PlanFileSchema = z.strictObject({
  $schema: z.string().optional().describe("Path or URL of plan.schema.json, for editors"),
  version: z.literal(PLAN_FILE_VERSION).describe("Plan file format version"),
  mode: z
    .enum(["live", "installed"])
    .describe("live: install a new system from the ISO; installed: change this system"),
  target: z
    .string()
    .regex(/^\//, { message: "target is an absolute path such as /mnt" })
    // A plain path (attacker 25 L7, attacker 24 F2): the target is shown in every printed command
    // and pasted by people into a shell, so no space, quote, `;`, `$` or backtick can reach one.
    .regex(PLAIN_PATH, { message: PLAIN_PATH_MESSAGE })
    .optional()
    .describe("Where the new system is mounted (live mode, default /mnt); / when installed"),
  steps: z
    .array(z.discriminatedUnion("tool", StepSchemas as unknown as [z.ZodObject, ...z.ZodObject[]]))
    .min(1)
    .max(200),
  shutdown: z
    .enum(["poweroff", "reboot", "none"])
    .optional()
    .describe(
      "Unattended installs (levitate.plan= on the kernel command line) only: what the machine does after a successful install (default poweroff); levitate install --plan ignores it",
    ),
});

/** What an unattended install does after success (the plan's `shutdown`). */
export type PlanShutdown = "poweroff" | "reboot" | "none";

/**
 * The plan's `shutdown`, default poweroff: rebooting into the same live medium would start the
 * same unattended install again.
 */
export function planShutdownOf(raw: unknown): PlanShutdown {
  const r = PlanFileSchema.shape.shutdown.safeParse((raw as { shutdown?: unknown } | null)?.shutdown);
  return (r.success && r.data) || "poweroff";
}

export interface PlanFile {
  version: 1;
  mode: "live" | "installed";
  target: string;
  steps: ToolCall[];
}

export interface PlanError {
  /** JSON path in the plan file, e.g. `steps[2].args.disk`. */
  path: string;
  message: string;
  hint?: string;
}

export type PlanValidation = { ok: true; plan: PlanFile } | { ok: false; errors: PlanError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(root)";
}

const HINTS: Record<string, string> = {
  invalid_union: 'each step is {"tool": NAME, "args": {...}} with NAME one of ' + TOOL_NAMES.join(", "),
  unrecognized_keys: "remove the field, or check its spelling against grammars/plan.schema.json",
};

/** Steps with an unknown tool name get their own message: zod's union error would hide the name. */
function unknownToolErrors(raw: unknown): PlanError[] {
  if (typeof raw !== "object" || raw === null || !Array.isArray((raw as { steps?: unknown }).steps))
    return [];
  const errors: PlanError[] = [];
  (raw as { steps: unknown[] }).steps.forEach((s, i) => {
    const tool = (s as { tool?: unknown } | null)?.tool;
    if (typeof tool === "string" && !isToolName(tool)) {
      errors.push({
        path: `steps[${i}].tool`,
        message: `unknown tool "${tool}"`,
        hint: `use one of ${TOOL_NAMES.join(", ")}`,
      });
    } else if (typeof tool !== "string") {
      errors.push({
        path: `steps[${i}].tool`,
        message: 'a step needs a "tool" name',
        hint: HINTS.invalid_union,
      });
    }
  });
  return errors;
}

function schemaErrors(raw: unknown): PlanError[] {
  const r = PlanFileSchema.safeParse(raw);
  if (r.success) return [];
  const unknown = unknownToolErrors(raw);
  const skip = new Set(unknown.map((e) => e.path.replace(/\.tool$/, "")));
  const errors: PlanError[] = [...unknown];
  for (const issue of r.error.issues) {
    const path = formatPath(issue.path);
    if ([...skip].some((p) => path === p || path.startsWith(p + "."))) continue;
    const message =
      issue.code === "unrecognized_keys"
        ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
        : issue.message;
    errors.push({ path, message, hint: HINTS[issue.code] });
  }
  return errors;
}

// Built on first use: ICU's list of zones costs milliseconds, and most plans set no time zone.
let timezones: Set<string> | undefined;

/**
 * Node's ICU lists some zones under their old names (Asia/Calcutta, Europe/Kiev); the current
 * names (Asia/Kolkata, Europe/Kyiv) are valid too, and the runtime resolves them.
 */
export function isKnownTimezone(tz: string): boolean {
  timezones ??= new Set<string>([...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC"]);
  if (timezones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return /^[A-Z][A-Za-z_]+\/[A-Z]/.test(tz);
  } catch {
    return false;
  }
}

/** Checks that need the machine: the disk exists, the recipe exists, the tool fits the mode, no conflicts. */
export function factErrors(plan: PlanFile, facts: Facts, opts: FactCheckOptions = {}): PlanError[] {
  const errors: PlanError[] = [];
  const installs = plan.steps.flatMap((s) => (s?.tool === "installRecipe" ? [s.args.name] : []));
  if (plan.mode !== facts.mode) {
    errors.push({
      path: "mode",
      message: `this plan is for ${plan.mode} mode but the machine is in ${facts.mode} mode`,
      hint:
        facts.mode === "installed"
          ? "a live-mode plan (partitioning, a new system) runs from the LevitateOS ISO"
          : 'use "mode": "live" to install from the ISO',
    });
  }
  const allowed = new Set(toolsForMode(plan.mode));
  const users = new Map<string, number>();
  let diskStep: { index: number; disk: string } | undefined;
  plan.steps.forEach((step, i) => {
    const at = (field?: string) => `steps[${i}]${field ? `.args.${field}` : ".tool"}`;
    if (!allowed.has(step.tool)) {
      errors.push({
        path: at(),
        message: `${step.tool} is not available in ${plan.mode} mode`,
        hint: `tools in ${plan.mode} mode: ${[...allowed].join(", ")}`,
      });
    }
    switch (step.tool) {
      case "partitionDisk": {
        const disk = facts.disks.find((d) => d.path === step.args.disk);
        if (!disk) {
          errors.push({
            path: at("disk"),
            message: `no disk ${step.args.disk} on this machine`,
            hint: facts.disks.length
              ? `disks here: ${facts.disks.map((d) => `${d.path} (${describeBytes(d.sizeBytes)}${d.model ? `, ${d.model}` : ""})`).join(", ")}`
              : "this machine reports no disks (check `lsblk`)",
          });
        } else if (disk.liveMedium) {
          errors.push({
            path: at("disk"),
            message: `${disk.path} is the medium the live system runs from`,
            hint: "choose another disk",
          });
        } else if (disk.mounted) {
          errors.push({
            path: at("disk"),
            message: `${disk.path} is mounted`,
            hint: `unmount its partitions first (umount -R), or choose another disk`,
          });
        }
        const fsProblem = filesystemProblem(facts, step.args.filesystem, FILESYSTEMS);
        if (fsProblem) errors.push({ path: at("filesystem"), ...fsProblem });
        const cryptProblem = step.args.encrypt ? dmCryptProblem(facts) : undefined;
        if (cryptProblem) errors.push({ path: at("encrypt"), ...cryptProblem });
        if (diskStep && diskStep.disk !== step.args.disk) {
          errors.push({
            path: at("disk"),
            message: `the plan partitions two disks (${diskStep.disk} at steps[${diskStep.index}] and ${step.args.disk})`,
            hint: "install onto one disk: keep one partitionDisk step",
          });
        }
        diskStep ??= { index: i, disk: step.args.disk };
        break;
      }
      case "createUser": {
        const name = step.args.username;
        // Installed mode: the target's own /etc decides (a re-run after an interruption, attacker 7 L7).
        const existing = plan.mode === "installed" ? existingUser(plan.target, step.args) : undefined;
        if (existing?.state === "different")
          errors.push({ path: at("username"), ...existingUserMessage(name, existing.differences) });
        else if (existing?.state !== "same" && facts.users.includes(name)) {
          errors.push({
            path: at("username"),
            message: `user ${name} already exists`,
            hint: "choose another username",
          });
        }
        const shellProblem = loginShellProblem(plan, step.args.shell, installs, facts, opts);
        if (shellProblem) errors.push({ path: at("shell"), ...shellProblem });
        const prev = users.get(name);
        if (prev !== undefined) {
          errors.push({
            path: at("username"),
            message: `user ${name} is created twice (also at steps[${prev}])`,
            hint: "merge the two createUser steps into one",
          });
        } else users.set(name, i);
        break;
      }
      case "installRecipe":
        if (!facts.recipes.includes(step.args.name)) {
          errors.push({
            path: at("name"),
            message: `no recipe named ${step.args.name}`,
            hint: facts.recipes.length
              ? `available: ${facts.recipes.join(", ")}`
              : "no recipes are available",
          });
        }
        break;
      case "removeRecipe": {
        const essential = essentialReason(step.args.name, facts);
        if (essential) {
          errors.push({
            path: at("name"),
            message: `${step.args.name} cannot be removed: ${essential}`,
            hint: "the system needs it to boot, to unlock its disks or to manage recipes; remove programs you added instead",
          });
          break;
        }
        if (!facts.installed.includes(step.args.name)) {
          errors.push({
            path: at("name"),
            message: `${step.args.name} is not installed`,
            hint: facts.installed.length
              ? `installed: ${facts.installed.join(", ")}`
              : "nothing is installed from recipes",
          });
        }
        break;
      }
      case "setLocale":
        if (step.args.timezone && !isKnownTimezone(step.args.timezone)) {
          errors.push({
            path: at("timezone"),
            message: `unknown time zone ${step.args.timezone}`,
            hint: "use an IANA name such as Europe/Berlin or America/New_York (see `timedatectl list-timezones`)",
          });
        }
        break;
      case "setHostname":
        break;
    }
  });
  errors.push(...groupsNamingPlanUsers(plan.steps));
  return errors;
}

/** A program: a regular file someone may execute (/etc/passwd is a file, never a shell). */
function isProgram(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** How factErrors is asked. */
export interface FactCheckOptions {
  /**
   * One call checked alone (agent/checks.ts), before the rest of its plan is known: a live
   * install's shell is left to the whole plan (compilePlan), where a recipe the plan installs can
   * provide it, and the chat says the problem when the call is added (agent/session/describe.ts).
   */
  oneCall?: boolean;
}

/**
 * Why `shell` cannot be the user's login shell on the target, or undefined (tools/loginShells.ts):
 * a path that names no one program plainly; on a live install, a shell neither the base system nor
 * a recipe of the plan provides; on an installed system, one its /etc/shells does not list.
 */
function loginShellProblem(
  plan: PlanFile,
  shell: string | undefined,
  installs: readonly string[],
  facts: Facts,
  opts: FactCheckOptions,
): { message: string; hint: string } | undefined {
  if (shell === undefined) return undefined;
  const installed = plan.mode === "installed" ? unlistedShell(plan, shell) : undefined;
  const name = shellRecipe(shell);
  // (an installed system's own list answers first: its message names the shells it has)
  if (installed && !(name !== undefined && installs.includes(name))) return installed;
  const path = shellPathProblem(shell);
  if (path)
    return {
      message: `${shell} is not a login shell of ${plan.mode === "live" ? "the new" : "this"} system: ${path}`,
      hint: "use /bin/bash (the default when no shell is given)",
    };
  if (plan.mode === "live" && !opts.oneCall) return liveShellProblem(shell, installs, facts.recipes);
  return undefined;
}

/**
 * A login shell the system does not list in /etc/shells: useradd only warns, and the user can
 * never log in. Checked where that file is already there (installed mode); a live install's
 * base system is not yet on the disk (its shells are known: tools/loginShells.ts).
 */
function unlistedShell(plan: PlanFile, shell: string): { message: string; hint: string } | undefined {
  let listed: string[];
  try {
    listed = readFileSync(join(plan.target, "etc/shells"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith("/"));
  } catch {
    return undefined;
  }
  // A program there that the list misses still runs as a shell; a missing one, a directory or a
  // file nobody may execute is certain to fail.
  if (listed.length === 0 || listed.includes(shell) || isProgram(join(plan.target, shell))) return undefined;
  return {
    message: `${shell} is not a login shell of this system (not in /etc/shells): the user could not log in`,
    hint: `use one of ${listed.join(", ")}`,
  };
}

/**
 * A user's `groups` naming another user this plan creates: the plan makes the group first
 * (groupadd -f) and useradd --user-group then refuses to create that user, after the disk was
 * erased and the base system installed.
 */
function groupsNamingPlanUsers(steps: PlanFile["steps"]): PlanError[] {
  const createdAt = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.tool === "createUser" && !createdAt.has(s.args.username)) createdAt.set(s.args.username, i);
  });
  const errors: PlanError[] = [];
  steps.forEach((step, i) => {
    if (step.tool !== "createUser") return;
    // A chat call may come without its defaults filled in.
    (step.args.groups ?? []).forEach((g, k) => {
      // A user created before this one already has its group: groupadd -f then finds it.
      const at = createdAt.get(g);
      if (g === step.args.username || at === undefined || at < i) return;
      errors.push({
        path: `steps[${i}].args.groups[${k}]`,
        message: `${step.args.username}'s groups name ${g}, a user this plan creates: the group ${g} would be made first, and then the user ${g} cannot be created (useradd refuses a name that is already a group)`,
        hint: `create ${g} before ${step.args.username} (move its createUser step up), or leave ${g} out of ${step.args.username}'s groups`,
      });
    });
  });
  return errors;
}

/** C0 controls (NUL, ESC, newline, tab…), DEL and C1 controls: no field of a plan needs one. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Every string in the plan holding a control character, by path: they never reach a file or a terminal. */
const MAX_PLAN_DEPTH = 32;

export function controlCharErrors(raw: unknown, path: PropertyKey[] = []): PlanError[] {
  // No plan field nests deeper than a few levels; a hostile file nested 100,000 deep must get a
  // message, not a stack overflow.
  if (path.length > MAX_PLAN_DEPTH)
    return [
      {
        path: formatPath(path.slice(0, MAX_PLAN_DEPTH)),
        message: `nested more than ${MAX_PLAN_DEPTH} levels deep`,
        hint: "a plan is a list of steps with flat arguments (docs/plan-file.md)",
      },
    ];
  if (typeof raw === "string") {
    const m = CONTROL.exec(raw);
    if (!m) return [];
    const code = m[0].charCodeAt(0);
    const name =
      code === 0
        ? "NUL"
        : code === 0x1b
          ? "an escape (ESC)"
          : code === 10
            ? "a newline"
            : "a control character";
    return [
      {
        path: formatPath(path),
        message: `contains ${name} (U+${code.toString(16).toUpperCase().padStart(4, "0")})`,
        hint: "remove it: plan fields are plain one-line text",
      },
    ];
  }
  if (Array.isArray(raw)) return raw.flatMap((v, i) => controlCharErrors(v, [...path, i]));
  if (typeof raw === "object" && raw !== null)
    return Object.entries(raw).flatMap(([k, v]) => [
      ...(CONTROL.test(k)
        ? [
            {
              path: formatPath([...path, k]),
              message: "a field name contains a control character",
              hint: "remove it",
            },
          ]
        : []),
      ...controlCharErrors(v, [...path, k]),
    ]);
  return [];
}

/**
 * The parts of a plan that do parse, for the fact checks: the steps that are valid on their own
 * (kept at their index, so errors name the right step), the mode and target when they are valid.
 */
function partialPlan(raw: unknown, facts: Facts, given?: string): PlanFile | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const mode = PlanFileSchema.shape.mode.safeParse(r.mode);
  const target = PlanFileSchema.shape.target.safeParse(r.target);
  const steps: ToolCall[] = [];
  if (Array.isArray(r.steps))
    r.steps.forEach((s, i) => {
      const tool = (s as { tool?: unknown } | null)?.tool;
      if (typeof tool !== "string" || !isToolName(tool)) return;
      const one = StepSchemas[TOOL_NAMES.indexOf(tool)]?.safeParse(s);
      // A sparse array: forEach in factErrors skips the holes and keeps each step's index.
      if (one?.success) steps[i] = one.data as ToolCall;
    });
  const m = mode.success ? mode.data : facts.mode;
  return {
    version: 1,
    mode: m,
    target: given || (target.success && target.data) || defaultTarget(m, facts),
    steps,
  };
}

/**
 * Where a plan without a "target" goes: the same place the compiler will use, so that the checks
 * against the target's files (its /etc/shells) read the system the plan will change, not the host.
 */
function defaultTarget(mode: PlanFile["mode"], facts: Facts): string {
  if (mode === "live") return targetOf({ ...facts, mode: "live" });
  return facts.mode === "installed" ? targetOf(facts) : "/";
}

/**
 * Validates a parsed plan file against the tool schemas and against the facts, and reports every
 * problem at once: a step with a bad field does not hide that another step's disk does not exist.
 * Nothing runs.
 */
export function validatePlan(raw: unknown, facts: Facts, given?: string): PlanValidation {
  const control = controlCharErrors(raw);
  const seen = new Set(control.map((e) => e.path));
  const errors = [...control, ...schemaErrors(raw).filter((e) => !seen.has(e.path))];
  if (errors.length) {
    const partial = partialPlan(raw, facts, given);
    const fe = partial ? factErrors(partial, facts).filter((e) => !seen.has(e.path)) : [];
    return { ok: false, errors: [...errors, ...fe] };
  }
  const parsed = PlanFileSchema.parse(raw);
  const plan: PlanFile = {
    version: 1,
    mode: parsed.mode,
    target: given ?? parsed.target ?? defaultTarget(parsed.mode, facts),
    steps: parsed.steps as ToolCall[],
  };
  const fe = [...factErrors(plan, facts), ...contradictingDiskSteps(plan.steps)];
  return fe.length ? { ok: false, errors: fe } : { ok: true, plan };
}

export function formatPlanErrors(file: string, errors: PlanError[]): string {
  const lines = [
    `${safeText(file)}: ${errors.length} error${errors.length === 1 ? "" : "s"}, nothing was run:`,
  ];
  // Paths, messages and hints quote the file's own text (an unknown key, a disk name): shown
  // with control characters made visible, never interpreted by the terminal.
  for (const e of errors)
    lines.push(
      `  ${safeText(e.path)}: ${safeText(e.message)}${e.hint ? `\n      hint: ${safeText(e.hint)}` : ""}`,
    );
  return lines.join("\n");
}

/** JSON Schema for editors (`"$schema": "../grammars/plan.schema.json"`), generated by `npm run gen`. */
export function planJsonSchema(): unknown {
  return z.toJSONSchema(PlanFileSchema, { target: "draft-2020-12", io: "input" });
}
