import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { parseJson } from "../../facts/jsonError.js";
import type { Facts } from "../../facts/schema.js";
import { formatSize, GiB, MiB, TiB } from "../../steps/size.js";
import { PASSWORD_HASH_PATTERN, USERNAME_PATTERN } from "../createUser.js";
import { FILESYSTEMS } from "../partitionDisk.js";
import { isKnownTimezone } from "../planFile.js";
import { HOSTNAME_PATTERN } from "../setHostname.js";
import { KEYMAP_PATTERN, LOCALE_PATTERN } from "../setLocale.js";

/**
 * archinstall's `user_configuration.json` (+ `user_credentials.json`) → our plan file (CONTRACTS §3).
 * It carries what has a home in our tools (the install disk, users and their sudo flag, locale,
 * keymap, timezone, hostname, packages that have a recipe) and lists everything else by name.
 * Clear-text passwords are never copied anywhere, not even into the messages; a $6$/$y$ crypt hash
 * may carry over as `passwordHash`.
 */

export interface ImportedPlan {
  /** Plan-file shaped: validate it with validatePlan before running it, like any plan file. */
  plan: {
    version: 1;
    mode: "live";
    target: string;
    steps: { tool: string; args: Record<string, unknown> }[];
  };
  /** One line per setting that did not carry over, and why. */
  notCarried: string[];
}

const SizeJson = z.looseObject({
  value: z.number(),
  unit: z.string(),
  sector_size: z.looseObject({ value: z.number(), unit: z.string() }).nullish(),
});

const PartitionJson = z.looseObject({
  status: z.string().optional(),
  type: z.string().optional(),
  size: SizeJson.optional(),
  fs_type: z.string().nullish(),
  mountpoint: z.string().nullish(),
  flags: z.array(z.string()).optional(),
  btrfs: z.array(z.looseObject({ name: z.string().optional(), mountpoint: z.string().nullish() })).optional(),
});

const DeviceJson = z.looseObject({
  device: z.string(),
  wipe: z.boolean().optional(),
  partitions: z.array(PartitionJson).default([]),
});

const EncryptionJson = z.looseObject({
  encryption_type: z.string().optional(),
  partitions: z.array(z.unknown()).optional(),
});

const ConfigJson = z.looseObject({
  disk_config: z
    .looseObject({
      config_type: z.string().optional(),
      device_modifications: z.array(DeviceJson).optional(),
      disk_encryption: EncryptionJson.nullish(),
    })
    .nullish(),
  disk_encryption: EncryptionJson.nullish(),
  locale_config: z
    .looseObject({
      kb_layout: z.string().optional(),
      sys_lang: z.string().optional(),
      sys_enc: z.string().optional(),
    })
    .nullish(),
  // archinstall 2.5 and older wrote these at the top level
  "keyboard-layout": z.string().optional(),
  "sys-language": z.string().optional(),
  "sys-encoding": z.string().optional(),
  timezone: z.string().nullish(),
  hostname: z.string().nullish(),
  packages: z.array(z.string()).optional(),
  swap: z.union([z.boolean(), z.looseObject({ enabled: z.boolean().optional() })]).optional(),
});

const UserJson = z.looseObject({
  username: z.string(),
  sudo: z.boolean().optional(),
  groups: z.array(z.string()).optional(),
  enc_password: z.string().nullish(),
  "!password": z.string().nullish(),
});

const CredsJson = z.looseObject({
  users: z.array(UserJson).optional(),
  "!users": z.array(UserJson).optional(),
  "!superusers": z.array(UserJson).optional(),
  root_enc_password: z.string().nullish(),
  "!root-password": z.string().nullish(),
  encryption_password: z.string().nullish(),
  "!encryption-password": z.string().nullish(),
});

export type ArchinstallCreds = z.input<typeof CredsJson>;

/** Keys that only steer archinstall itself: nothing to carry, nothing to report. */
const META_KEYS = new Set([
  "archinstall-language",
  "version",
  "script",
  "debug",
  "silent",
  "offline",
  "no_pkg_lookups",
  "dry_run",
  "dry-run",
  "config_version",
]);

/** Keys we carry (or report on) above; everything else present is listed as not carried. */
const HANDLED_KEYS = new Set([
  "disk_config",
  "disk_encryption",
  "locale_config",
  "keyboard-layout",
  "sys-language",
  "sys-encoding",
  "timezone",
  "hostname",
  "packages",
  "swap",
  // credentials that older versions kept in the config file
  "!users",
  "!superusers",
  "!root-password",
  "!encryption-password",
  "users",
]);

const WHY: Record<string, string> = {
  profile_config: "desktop profiles are not part of LevitateOS plans",
  bootloader_config: "LevitateOS installs its own bootloader for the machine's firmware",
  kernels: "LevitateOS installs its own kernel",
  audio_config: "no audio setup step yet",
  app_config: "no application services step yet",
  auth_config: "no U2F/authentication step yet",
  network_config: "no network configuration step yet",
  mirror_config: "recipes download from their own sources",
  pacman_config: "LevitateOS does not use pacman",
  parallel_downloads: "LevitateOS does not use pacman",
  ntp: "no time synchronisation step yet",
  services: "no service enabling step yet",
  custom_commands: "arbitrary commands are never run from a plan",
  "custom-commands": "arbitrary commands are never run from a plan",
  additional_repositories: "LevitateOS does not use pacman repositories",
  uki: "LevitateOS installs its own bootloader",
  bootloader: "LevitateOS installs its own bootloader for the machine's firmware",
  gfx_driver: "desktop profiles are not part of LevitateOS plans",
  nic: "no network configuration step yet",
};

/** Arch package names whose recipe is called differently. */
const PACKAGE_TO_RECIPE: Record<string, string> = {
  "git-delta": "delta",
  "helix-editor": "helix",
  nvim: "neovim",
  rg: "ripgrep",
};

/** True when a parsed JSON file looks like archinstall's user_configuration.json, not our plan file. */
export function isArchinstallConfig(json: unknown): boolean {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  if ("steps" in o) return false;
  return ["disk_config", "archinstall-language", "locale_config", "bootloader_config", "profile_config"].some(
    (k) => k in o,
  );
}

/** `user_credentials.json` beside the config, as archinstall writes them; undefined when absent. */
export function readSiblingCreds(configPath: string): unknown {
  const path = join(dirname(configPath), "user_credentials.json");
  if (!existsSync(path)) return undefined;
  // This file holds clear-text passwords: parseJson's errors say only where it broke, and how.
  return parseJson(readFileSync(path, "utf8"), path);
}

function bytesOf(size: z.infer<typeof SizeJson>): number | undefined {
  const sector = size.sector_size?.value ?? 512;
  switch (size.unit) {
    case "B":
      return size.value;
    case "KiB":
      return size.value * 1024;
    case "MiB":
      return size.value * MiB;
    case "GiB":
      return size.value * GiB;
    case "TiB":
      return size.value * TiB;
    case "KB":
      return size.value * 1e3;
    case "MB":
      return size.value * 1e6;
    case "GB":
      return size.value * 1e9;
    case "TB":
      return size.value * 1e12;
    case "sectors":
      return size.value * sector;
    default:
      return undefined; // Percent: relative to a disk we may not have
  }
}

function describeSize(size: z.infer<typeof SizeJson> | undefined): string {
  if (!size) return "?";
  if (size.unit === "B" || size.unit === "sectors") {
    const bytes = bytesOf(size) ?? 0;
    return `${(bytes / GiB).toFixed(1)} GiB`;
  }
  return `${size.value} ${size.unit}`;
}

const FS_MAP: Record<string, (typeof FILESYSTEMS)[number]> = { ext4: "ext4", btrfs: "btrfs", xfs: "xfs" };

function diskStep(config: z.infer<typeof ConfigJson>, notCarried: string[]) {
  const dc = config.disk_config;
  if (!dc) return undefined;
  const devices = dc.device_modifications ?? [];
  if (dc.config_type === "pre_mounted_config") {
    notCarried.push(
      "disk: archinstall's pre-mounted configuration (you partitioned and mounted yourself) has no LevitateOS equivalent; add a partitionDisk step for the disk to erase",
    );
    return undefined;
  }
  const wiped = devices.filter((d) => d.wipe === true);
  for (const d of devices.filter((d) => d.wipe !== true)) {
    // Never widen what gets destroyed: a disk archinstall would keep is not erased by our plan.
    notCarried.push(
      `disk ${d.device}: archinstall keeps its existing partitions (wipe: false); LevitateOS only installs onto a whole erased disk, so no step erases it`,
    );
  }
  if (wiped.length === 0) return undefined;
  const hasRoot = (d: z.infer<typeof DeviceJson>) =>
    d.partitions.some((p) => p.mountpoint === "/" || (p.btrfs ?? []).some((s) => s.mountpoint === "/"));
  // "/" on a disk archinstall keeps: the system goes there, not onto another disk that happens to
  // be wiped (attacker 28 M9: the root moved to the wiped Windows disk, nothing said so)
  const keptRoot = devices.find((d) => d.wipe !== true && hasRoot(d));
  if (keptRoot && !wiped.some(hasRoot)) {
    notCarried.push(
      `disk: / is on ${keptRoot.device}, which archinstall keeps (wipe: false); LevitateOS installs only onto a whole erased disk and never moves / to another one, so no disk step is made. Add a partitionDisk step naming the disk to erase`,
    );
    return undefined;
  }
  const main = wiped.find(hasRoot) ?? wiped[0]!;
  for (const d of wiped) {
    if (d !== main)
      notCarried.push(
        `disk ${d.device}: a plan installs onto one disk; only ${main.device} (the one holding /) is erased`,
      );
  }
  const args: Record<string, unknown> = { disk: main.device };
  const parts = main.partitions.filter(
    (p) => p.status === undefined || p.status === "create" || p.status === "modify",
  );
  const root = parts.find((p) => p.mountpoint === "/" || (p.btrfs ?? []).some((s) => s.mountpoint === "/"));
  if (root?.fs_type) {
    const fs = FS_MAP[root.fs_type];
    if (fs) args.filesystem = fs;
    else
      notCarried.push(
        `filesystem ${root.fs_type} for /: LevitateOS supports ${FILESYSTEMS.join(", ")}; the plan uses ext4 (edit "filesystem" to choose)`,
      );
  }
  if (root && (root.btrfs ?? []).length > 0)
    notCarried.push(
      `btrfs subvolumes ${root.btrfs!.map((s) => s.name ?? "?").join(", ")}: LevitateOS's own btrfs layout is used`,
    );
  const esp = parts.find(
    (p) =>
      (p.flags ?? []).some((f) => f === "boot" || f === "esp") ||
      ((p.fs_type === "fat32" || p.fs_type === "fat16") &&
        /^\/(boot|efi|boot\/efi)$/.test(p.mountpoint ?? "")),
  );
  if (esp?.size) {
    const bytes = bytesOf(esp.size);
    if (bytes && bytes >= 64 * MiB) args.efiSize = formatSize(bytes);
    else notCarried.push(`EFI partition size ${describeSize(esp.size)}: kept the default 1G`);
  }
  const swap = parts.find((p) => p.fs_type === "linux-swap" || p.fs_type === "swap");
  if (swap?.size) {
    const bytes = bytesOf(swap.size);
    if (bytes && bytes >= MiB) args.swapSize = formatSize(bytes);
    else notCarried.push(`swap partition size ${describeSize(swap.size)}: give "swapSize" yourself`);
  }
  const home = parts.find((p) => p.mountpoint === "/home");
  if (home) args.separateHome = true;
  const sized = (
    [
      ["/", root],
      ["/home", home],
    ] as const
  ).filter(([, p]) => p?.size !== undefined);
  if (sized.length)
    notCarried.push(
      `partition sizes (${sized.map(([m, p]) => `${m} ${describeSize(p!.size)}`).join(", ")}): LevitateOS sizes / and /home from the disk`,
    );
  const others = parts.filter(
    (p) => p !== root && p !== esp && p !== swap && p !== home && (p.mountpoint || p.fs_type),
  );
  for (const p of others)
    notCarried.push(
      `partition ${p.mountpoint ?? "(no mount point)"} (${p.fs_type ?? "no filesystem"}): not part of LevitateOS's layout`,
    );
  const enc = dc.disk_encryption ?? config.disk_encryption;
  if (enc?.encryption_type && enc.encryption_type !== "no_encryption") {
    args.encrypt = true;
    notCarried.push("disk encryption password: not carried over, asked at install");
  }
  return { tool: "partitionDisk", args };
}

function localeStep(config: z.infer<typeof ConfigJson>, notCarried: string[]) {
  const lc = config.locale_config;
  const lang = lc?.sys_lang ?? config["sys-language"];
  const enc = lc?.sys_enc ?? config["sys-encoding"];
  const kb = lc?.kb_layout ?? config["keyboard-layout"];
  const args: Record<string, unknown> = {};
  if (lang) {
    const base = lang.replace(/\.(utf-?8)$/i, "");
    const locale = enc && /^utf-?8$/i.test(enc) ? `${base}.UTF-8` : base;
    if (new RegExp(LOCALE_PATTERN).test(locale)) args.locale = locale;
    else
      notCarried.push(
        `language ${lang}${enc ? ` (${enc})` : ""}: not a locale LevitateOS understands (e.g. de_DE.UTF-8)`,
      );
  }
  if (kb) {
    if (new RegExp(KEYMAP_PATTERN).test(kb)) args.keymap = kb;
    else notCarried.push(`keyboard layout ${kb}: not a console keymap name (e.g. de, us, fr)`);
  }
  if (config.timezone) {
    if (isKnownTimezone(config.timezone)) args.timezone = config.timezone;
    else notCarried.push(`timezone ${config.timezone}: not an IANA time zone`);
  }
  return Object.keys(args).length ? { tool: "setLocale", args } : undefined;
}

function userSteps(creds: unknown, config: Record<string, unknown>, notCarried: string[]) {
  const steps: { tool: string; args: Record<string, unknown> }[] = [];
  // Older archinstall kept credentials in the config file itself.
  const sources = [config, creds].filter((c) => c !== undefined);
  const users: { u: z.infer<typeof UserJson>; sudo: boolean }[] = [];
  for (const src of sources) {
    const r = CredsJson.safeParse(src);
    if (!r.success) {
      notCarried.push("user_credentials.json: not in archinstall's format; no users carried over");
      continue;
    }
    const c = r.data;
    for (const u of c.users ?? []) users.push({ u, sudo: u.sudo === true });
    for (const u of c["!users"] ?? []) users.push({ u, sudo: u.sudo === true });
    for (const u of c["!superusers"] ?? []) users.push({ u, sudo: true });
    if (c.root_enc_password || c["!root-password"])
      notCarried.push(
        "root password: not carried over (LevitateOS sets up sudo users; root's password is asked at install)",
      );
    if (c["!encryption-password"] || c.encryption_password)
      notCarried.push("disk encryption password: not carried over, asked at install");
  }
  const seen = new Set<string>();
  for (const { u, sudo } of users) {
    if (seen.has(u.username)) continue;
    seen.add(u.username);
    if (!new RegExp(USERNAME_PATTERN).test(u.username)) {
      notCarried.push(
        `user ${JSON.stringify(u.username)}: not a valid username (lowercase letters, digits, _ and -)`,
      );
      continue;
    }
    const groups = (u.groups ?? []).filter((g) => g !== "wheel");
    const args: Record<string, unknown> = {
      username: u.username,
      sudo: sudo || (u.groups ?? []).includes("wheel"),
    };
    if (groups.length) args.groups = groups;
    if (u.enc_password && new RegExp(PASSWORD_HASH_PATTERN).test(u.enc_password))
      args.passwordHash = u.enc_password;
    else notCarried.push(`password of ${u.username}: not carried over, will be asked at install`);
    steps.push({ tool: "createUser", args });
  }
  return steps;
}

/**
 * Converts an archinstall configuration. `creds` is the parsed user_credentials.json (optional);
 * `facts` decide which packages have a recipe. The result is NOT validated: run validatePlan on
 * `plan` like any plan file, so a disk that does not exist here is reported the usual way.
 */
export function importArchinstall(config: unknown, creds: unknown, facts: Facts): ImportedPlan {
  const notCarried: string[] = [];
  const parsed = ConfigJson.safeParse(config);
  if (!parsed.success) {
    throw new Error(
      `not an archinstall configuration this importer understands: ${z.prettifyError(parsed.error)}`,
    );
  }
  const c = parsed.data;
  const steps: { tool: string; args: Record<string, unknown> }[] = [];
  const disk = diskStep(c, notCarried);
  if (disk) steps.push(disk);
  else if (!c.disk_config) notCarried.push("disk: the configuration names no disk; add a partitionDisk step");
  const locale = localeStep(c, notCarried);
  if (locale) steps.push(locale);
  if (c.hostname) {
    if (new RegExp(HOSTNAME_PATTERN).test(c.hostname))
      steps.push({ tool: "setHostname", args: { hostname: c.hostname } });
    else notCarried.push(`hostname ${JSON.stringify(c.hostname)}: not a valid hostname (RFC 1123)`);
  }
  steps.push(...userSteps(creds, config as Record<string, unknown>, notCarried));
  const noRecipe: string[] = [];
  for (const pkg of c.packages ?? []) {
    const name = PACKAGE_TO_RECIPE[pkg] ?? pkg;
    if (facts.recipes.includes(name)) {
      if (!steps.some((s) => s.tool === "installRecipe" && s.args.name === name))
        steps.push({ tool: "installRecipe", args: { name } });
    } else noRecipe.push(pkg);
  }
  if (noRecipe.length) notCarried.push(`packages with no recipe: ${noRecipe.join(", ")}`);
  const swapOn = typeof c.swap === "boolean" ? c.swap : c.swap?.enabled === true;
  if (swapOn)
    notCarried.push("swap on zram: not available yet; a swap partition can be asked for with swapSize");
  for (const key of Object.keys(config as object)) {
    if (META_KEYS.has(key) || HANDLED_KEYS.has(key)) continue;
    const v = (config as Record<string, unknown>)[key];
    const empty =
      v === null ||
      v === false ||
      v === 0 ||
      v === "" ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === "object" && Object.keys(v).length === 0);
    if (empty) continue;
    notCarried.push(`${key}: ${WHY[key] ?? "no LevitateOS equivalent"}`);
  }
  return { plan: { version: 1, mode: "live", target: "/mnt", steps }, notCarried: [...new Set(notCarried)] };
}
